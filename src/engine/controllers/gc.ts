// Placeholder: the gc controller (filled in by its own change).
import type { Controller } from '../cluster.ts';

export const gcController: Controller = { name: 'gc', run: () => {} };
