// What `kubectl get NAME --subresource=status|scale` reads: the status subresource returns the whole object, the
// scale subresource an autoscaling/v1 Scale built from the workload (the apps registries' scaleFrom… functions).
// Kinds without the subresource answer 404, as the API server does for a path it does not serve.
import type { KObject, Kind } from '../engine/api/types.ts';
import { selectorString } from '../engine/api/labels.ts';

/** The kinds whose registry serves `/scale`. */
export const SCALABLE: ReadonlySet<Kind> = new Set<Kind>(['StatefulSet', 'Deployment', 'ReplicaSet']);

/** The kinds whose registry serves `/status`. */
const WITH_STATUS: ReadonlySet<Kind> = new Set<Kind>([
  'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'Service', 'StatefulSet', 'DaemonSet',
  'Deployment', 'ReplicaSet', 'PodDisruptionBudget',
]);

/** The API server's answer to a path it does not serve. */
export const NO_SUCH_PATH = 'Error from server (NotFound): the server could not find the requested resource';

/** Whether the kind's registry serves the subresource. */
export function servesSubresource(kind: Kind, sub: string): boolean {
  return sub === 'scale' ? SCALABLE.has(kind) : sub === 'status' ? WITH_STATUS.has(kind) : false;
}

interface Workload { metadata?: KObject['metadata']; spec?: { replicas?: number; selector?: Parameters<typeof selectorString>[0] }; status?: { replicas?: number } }

/** The Scale of a workload: its identity, spec.replicas, status.replicas and its selector as a string. */
export function scaleOf(o: KObject): KObject {
  const w = o as Workload;
  const m = w.metadata ?? {};
  return {
    apiVersion: 'autoscaling/v1', kind: 'Scale',
    metadata: { creationTimestamp: m.creationTimestamp, name: m.name, namespace: m.namespace, resourceVersion: m.resourceVersion, uid: m.uid },
    spec: { replicas: w.spec?.replicas ?? 0 },
    status: { replicas: w.status?.replicas ?? 0, selector: selectorString(w.spec?.selector) },
  } as KObject;
}
