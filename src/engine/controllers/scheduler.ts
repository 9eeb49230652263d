// Placeholder: the scheduler controller (filled in by its own change).
import type { Controller } from '../cluster.ts';

export const schedulerController: Controller = { name: 'scheduler', run: () => {} };
