// The controllers every cluster runs, in the order they see each change.
import type { Controller } from '../cluster.ts';
import { statefulSetController } from './statefulset/controller.ts';
import { schedulerController } from './scheduler.ts';
import { volumesController } from './volumes.ts';
import { endpointsController } from './endpoints.ts';
import { endpointSliceController } from './endpointslice.ts';
import { gcController } from './gc.ts';
import { nodeLifecycleController } from './node-lifecycle.ts';
import { kubelet } from '../kubelet/kubelet.ts';
import { eventSeriesController } from '../events.ts';
import { systemController } from '../system.ts';
import { disruptionController } from './disruption.ts';
import { podGcController } from './podgc.ts';
import { namespaceController } from './namespace.ts';
import { serviceAccountsController } from './serviceaccounts.ts';
import { rootCaController } from './root-ca.ts';
import { bootstrapTokensController } from './bootstrap-tokens.ts';

export const controllers: Controller[] = [
  statefulSetController,
  schedulerController,
  volumesController,
  endpointsController,
  endpointSliceController,
  gcController,
  nodeLifecycleController,
  kubelet,
  eventSeriesController,
  systemController,
  disruptionController,
  podGcController,
  namespaceController,
  serviceAccountsController,
  rootCaController,
  bootstrapTokensController,
];
