// The API server's per-kind strategies (defaulting, validation, prepare), composed from one file per kind.
import type { StrategyRegistry } from './admission.ts';
import { controllerRevisionStrategy, endpointsStrategy, namespaceStrategy, serviceAccountStrategy, storageClassStrategy } from './misc-strategies.ts';
import { configMapStrategy, secretStrategy } from './config-strategies.ts';
import { podDisruptionBudgetStrategy } from './pdb-strategy.ts';
import { podStrategy } from './pod-strategy.ts';
import { pvStrategy } from './pv-strategy.ts';
import { pvcStrategy } from './pvc-strategy.ts';
import { withSchema } from './schema.ts';
import { serviceStrategy } from './service-strategy.ts';
import { statefulSetStrategy } from './statefulset-strategy.ts';

/** Strategy registry used by every cluster; every kind also gets strict decoding from the schema table. */
export const strategies: StrategyRegistry = withSchema({
  StatefulSet: statefulSetStrategy,
  Pod: podStrategy,
  PersistentVolumeClaim: pvcStrategy,
  PersistentVolume: pvStrategy,
  Service: serviceStrategy,
  Namespace: namespaceStrategy,
  Endpoints: endpointsStrategy,
  StorageClass: storageClassStrategy,
  ControllerRevision: controllerRevisionStrategy,
  PodDisruptionBudget: podDisruptionBudgetStrategy,
  ServiceAccount: serviceAccountStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
});
