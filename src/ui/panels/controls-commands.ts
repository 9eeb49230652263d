// The kubectl (and sim) command line each control runs. Controls never change the cluster any other way:
// the line is echoed into the terminal, so every click teaches the equivalent CLI.

import { IMAGE_CATALOG as REGISTRY } from '../../engine/kubelet/images.ts';

/** A broken tag the simulated registry does not serve (ErrImagePull → ImagePullBackOff). */
export const BROKEN_IMAGE = 'nginx:does-not-exist';

/**
 * Images offered by the Image picker: the simulated registry's server images (Docker Hub library images
 * written short, as users type them), then the broken tag.
 */
export const IMAGE_CATALOG: readonly string[] = [
  ...Object.values(REGISTRY).filter((i) => i.process === 'server')
    .map((i) => `${i.repo.replace(/^docker\.io\/library\//, '')}:${i.tag}`),
  BROKEN_IMAGE,
];

/** A retention policy value. */
export type Retention = 'Retain' | 'Delete';

/** `kubectl delete` cascade modes. */
export type Cascade = 'background' | 'foreground' | 'orphan';

const patch = (set: string, body: unknown): string => `kubectl patch sts ${set} -p '${JSON.stringify(body)}'`;

/** Builders for every control's command line. */
export const cmd = {
  scale: (set: string, replicas: number) => `kubectl scale sts ${set} --replicas=${replicas}`,
  setImage: (set: string, container: string, image: string) => `kubectl set image sts/${set} ${container}=${image}`,
  /** OnDelete must drop the rollingUpdate block (the API server rejects it otherwise). */
  strategy: (set: string, type: 'RollingUpdate' | 'OnDelete') =>
    patch(set, { spec: { updateStrategy: type === 'OnDelete' ? { type, rollingUpdate: null } : { type } } }),
  partition: (set: string, partition: number) =>
    patch(set, { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } } }),
  maxUnavailable: (set: string, value: number | string) =>
    patch(set, { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: value } } } }),
  podManagementPolicy: (set: string, policy: 'OrderedReady' | 'Parallel') => patch(set, { spec: { podManagementPolicy: policy } }),
  retention: (set: string, whenDeleted: Retention, whenScaled: Retention) =>
    patch(set, { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled } } }),
  minReadySeconds: (set: string, seconds: number) => patch(set, { spec: { minReadySeconds: seconds } }),
  gate: (name: string, on: boolean) => `sim gate ${name}=${on}`,
  deletePod: (pod: string) => `kubectl delete pod ${pod}`,
  podFault: (pod: string, fault: 'ready' | 'unready' | 'crash' | 'fail' | 'evict') => `sim pod ${pod} ${fault}`,
  node: (node: string, action: 'down' | 'up') => `sim node ${node} ${action}`,
  /** Marks the node unschedulable (`spec.unschedulable: true`), or schedulable again. */
  cordon: (node: string, cordoned: boolean) => `kubectl ${cordoned ? 'cordon' : 'uncordon'} ${node}`,
  /** Cordons the node and evicts its pods, leaving DaemonSet pods (the command waits until the evicted pods are gone). */
  drain: (node: string) => `kubectl drain ${node} --ignore-daemonsets`,
  deleteSet: (set: string, cascade: Cascade) => `kubectl delete sts ${set}${cascade === 'background' ? '' : ` --cascade=${cascade}`}`,
  undo: (set: string) => `kubectl rollout undo sts/${set}`,
  restart: (set: string) => `kubectl rollout restart sts/${set}`,
} as const;

/**
 * The manifest to re-create a set with a changed immutable field: the stored object without status and
 * server-set metadata, as JSON (valid YAML for `kubectl apply -f -`).
 */
export function recreateManifest(set: { metadata?: { name?: string; namespace?: string; labels?: object; annotations?: Record<string, string> }; spec?: object }, specPatch: Record<string, unknown>): string {
  const annotations = { ...(set.metadata?.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const metadata: Record<string, unknown> = { name: set.metadata?.name, namespace: set.metadata?.namespace };
  if (set.metadata?.labels && Object.keys(set.metadata.labels).length) metadata.labels = set.metadata.labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  return JSON.stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: { ...set.spec, ...specPatch } }, null, 2) + '\n';
}
