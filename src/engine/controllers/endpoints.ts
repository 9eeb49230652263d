// Placeholder: the endpoints controller (filled in by its own change).
import type { Controller } from '../cluster.ts';

export const endpointsController: Controller = { name: 'endpoints', run: () => {} };
