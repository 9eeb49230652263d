// Object shapes the simulated API server stores. Field names are exactly the Kubernetes JSON;
// the shapes come from the kubernetes-types package, widened where 1.35 has fields it lacks.
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type {
  Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service, Endpoints, Event,
  PodTemplateSpec, ServiceAccount, ConfigMap, Secret,
} from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

export type {
  ObjectMeta, OwnerReference, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service,
  Endpoints, Event, StorageClass, ControllerRevision, StatefulSet, EndpointSlice, PodTemplateSpec, DaemonSet, Deployment, ReplicaSet,
  PodDisruptionBudget, ServiceAccount, ConfigMap, Secret,
};

/** Every kind the simulated API server stores. */
export type Kind =
  | 'Namespace' | 'Node' | 'StorageClass' | 'PersistentVolume' | 'PersistentVolumeClaim' | 'Pod'
  | 'Service' | 'Endpoints' | 'EndpointSlice' | 'ControllerRevision' | 'StatefulSet' | 'Event'
  | 'DaemonSet' | 'Deployment' | 'ReplicaSet' | 'PodDisruptionBudget' | 'ServiceAccount' | 'ConfigMap' | 'Secret';

export const KINDS: readonly Kind[] = [
  'Namespace', 'Node', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'Service',
  'Endpoints', 'EndpointSlice', 'ControllerRevision', 'StatefulSet', 'Event', 'DaemonSet', 'Deployment', 'ReplicaSet',
  'PodDisruptionBudget', 'ServiceAccount', 'ConfigMap', 'Secret',
];

/**
 * Kinds served read-only: the cluster's own workloads (kube-system's DaemonSets and Deployments and their
 * ReplicaSets) can be listed and described, but this simulation runs no controller for them, so a user cannot
 * create, change or delete one.
 */
export const READ_ONLY_KINDS: ReadonlySet<Kind> = new Set<Kind>(['DaemonSet', 'Deployment', 'ReplicaSet']);

/** Kinds without a namespace; stored under namespace "". */
export const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set<Kind>(['Namespace', 'Node', 'StorageClass', 'PersistentVolume']);

/** The apiVersion each kind is served at. */
export const API_VERSION: Record<Kind, string> = {
  Namespace: 'v1', Node: 'v1', StorageClass: 'storage.k8s.io/v1', PersistentVolume: 'v1',
  PersistentVolumeClaim: 'v1', Pod: 'v1', Service: 'v1', Endpoints: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1', ControllerRevision: 'apps/v1', StatefulSet: 'apps/v1', Event: 'v1',
  DaemonSet: 'apps/v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', PodDisruptionBudget: 'policy/v1', ServiceAccount: 'v1',
  ConfigMap: 'v1', Secret: 'v1',
};

/** Lower-case plural resource names, as in URLs and RBAC. */
export const RESOURCE: Record<Kind, string> = {
  Namespace: 'namespaces', Node: 'nodes', StorageClass: 'storageclasses', PersistentVolume: 'persistentvolumes',
  PersistentVolumeClaim: 'persistentvolumeclaims', Pod: 'pods', Service: 'services', Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices', ControllerRevision: 'controllerrevisions', StatefulSet: 'statefulsets', Event: 'events',
  DaemonSet: 'daemonsets', Deployment: 'deployments', ReplicaSet: 'replicasets', PodDisruptionBudget: 'poddisruptionbudgets',
  ServiceAccount: 'serviceaccounts', ConfigMap: 'configmaps', Secret: 'secrets',
};

/** API group of each kind ('' for core). */
export const GROUP: Record<Kind, string> = {
  Namespace: '', Node: '', StorageClass: 'storage.k8s.io', PersistentVolume: '', PersistentVolumeClaim: '', Pod: '',
  Service: '', Endpoints: '', EndpointSlice: 'discovery.k8s.io', ControllerRevision: 'apps', StatefulSet: 'apps', Event: '',
  DaemonSet: 'apps', Deployment: 'apps', ReplicaSet: 'apps', PodDisruptionBudget: 'policy', ServiceAccount: '',
  ConfigMap: '', Secret: '',
};

/** `statefulsets.apps`, `pods`: the qualified resource as error messages print it. */
export function qualifiedResource(kind: Kind): string {
  return GROUP[kind] ? `${RESOURCE[kind]}.${GROUP[kind]}` : RESOURCE[kind];
}

/** Any stored object. Metadata always has name, namespace (maybe ""), uid and resourceVersion once stored. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** Removes `readonly` (kubernetes-types marks server-set metadata fields readonly; the server writes them). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A stored object seen as a generic JSON map (for code that walks arbitrary fields). */
export type JsonMap = Record<string, unknown>;

/** Map from each kind to its object type. */
export interface KindMap {
  Namespace: Namespace; Node: Node; StorageClass: StorageClass; PersistentVolume: PersistentVolume;
  PersistentVolumeClaim: PersistentVolumeClaim; Pod: Pod; Service: Service; Endpoints: Endpoints;
  EndpointSlice: EndpointSlice; ControllerRevision: ControllerRevision; StatefulSet: StatefulSet; Event: Event;
  DaemonSet: DaemonSet; Deployment: Deployment; ReplicaSet: ReplicaSet; PodDisruptionBudget: PodDisruptionBudget;
  ServiceAccount: ServiceAccount; ConfigMap: ConfigMap; Secret: Secret;
}

/** Reference to a stored object by kind, namespace and name. */
export interface ObjectRef { kind: Kind; namespace: string; name: string }

/** The one field error of an Invalid status: rendered by kubectl as `<field>: <detail>`. */
export interface StatusCause { field: string; message: string; reason?: string }

/** An API error, shaped like metav1.Status. `message` is what kubectl prints after `Error from server (<reason>): `. */
export interface ApiStatus {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  /** '' is metav1.StatusReasonUnknown: an error the API server did not classify (kubectl: `Error from server: …`). */
  reason: 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'BadRequest' | 'Forbidden' | 'MethodNotAllowed' | 'InternalError' | 'TooManyRequests' | '';
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
}

/** Result of an API write: the stored object and any warnings, or a Status. */
export type ApiResult<T> =
  | { ok: true; object: T; warnings: string[] }
  | { ok: false; status: ApiStatus; warnings: string[] };

export type { PodTemplateSpec as Template };
