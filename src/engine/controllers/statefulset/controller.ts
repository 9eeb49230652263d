// Placeholder: the StatefulSet controller (filled in by its own change).
import type { Controller } from '../../cluster.ts';

export const statefulSetController: Controller = { name: 'statefulset', run: () => {} };
