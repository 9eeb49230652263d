// Placeholder: the node-lifecycle controller (filled in by its own change).
import type { Controller } from '../cluster.ts';

export const nodeLifecycleController: Controller = { name: 'node-lifecycle', run: () => {} };
