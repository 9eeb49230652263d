// Placeholder: the volumes controller (filled in by its own change).
import type { Controller } from '../cluster.ts';

export const volumesController: Controller = { name: 'volumes', run: () => {} };
