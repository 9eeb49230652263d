// Placeholder: the kubelet (filled in by its own change).
import type { Controller } from '../cluster.ts';

export const kubelet: Controller = { name: 'kubelet', run: () => {} };
