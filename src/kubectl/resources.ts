// Resource types kubectl knows on this server: names, short names and aliases, and how they print in
// `kind.group/name` form. Models the discovery RESTMapper lookups of staging/src/k8s.io/cli-runtime.
import { API_VERSION, CLUSTER_SCOPED, GROUP, RESOURCE, type Kind } from '../engine/api/types.ts';

/** One served resource type. */
export interface ResourceType {
  kind: Kind;
  /** Plural lower-case name (`statefulsets`). */
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  namespaced: boolean;
}

const SHORT: Partial<Record<Kind, string[]>> = {
  StatefulSet: ['sts'], Pod: ['po'], PersistentVolumeClaim: ['pvc'], PersistentVolume: ['pv'], Service: ['svc'],
  Endpoints: ['ep'], Event: ['ev'], Node: ['no'], StorageClass: ['sc'], Namespace: ['ns'],
  DaemonSet: ['ds'], Deployment: ['deploy'], ReplicaSet: ['rs'], PodDisruptionBudget: ['pdb'], ServiceAccount: ['sa'], ConfigMap: ['cm'],
};

/** Every served type, in `kubectl api-resources` order (core group first, then groups by name). */
export const RESOURCE_TYPES: readonly ResourceType[] = (
  ['ConfigMap', 'Endpoints', 'Event', 'Namespace', 'Node', 'PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'Secret', 'ServiceAccount', 'Service',
    'ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'EndpointSlice', 'PodDisruptionBudget', 'StorageClass'] as Kind[]
).map((kind) => ({
  kind, plural: RESOURCE[kind], singular: kind.toLowerCase(), shortNames: SHORT[kind] ?? [], group: GROUP[kind],
  namespaced: !CLUSTER_SCOPED.has(kind),
}));

/** The types `kubectl get all` expands to that this server has, in kubectl's order. */
export const ALL_CATEGORY: readonly Kind[] = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'];

/**
 * Resolves what the user typed (`sts`, `statefulset`, `statefulsets.apps`, `StatefulSet`, `po`) to a type;
 * null when the server has no such resource.
 */
export function resolveType(word: string): ResourceType | null {
  const w = word.toLowerCase();
  for (const t of RESOURCE_TYPES) {
    const names = [t.plural, t.singular, ...t.shortNames];
    for (const n of names) {
      if (w === n) return t;
      // `statefulsets.apps`, or fully specified as resource.version.group: `statefulsets.v1.apps`.
      if (t.group && (w === `${n}.${t.group}` || w === `${n}.${API_VERSION[t.kind].split('/')[1]}.${t.group}`)) return t;
    }
  }
  return null;
}

/** The type of a kind. */
export function typeOf(kind: Kind): ResourceType {
  return RESOURCE_TYPES.find((t) => t.kind === kind)!;
}

/** `statefulset.apps` / `pod`: the lower-case kind with its group, as `-o name` and messages print it. */
export function kindGroup(kind: Kind): string {
  return GROUP[kind] ? `${kind.toLowerCase()}.${GROUP[kind]}` : kind.toLowerCase();
}
