// Test helpers for the StatefulSet controller: a cluster with only this controller (plus a stand-in for
// the API server's pod phase defaulting), a fully defaulted set builder, and direct pod-state drivers
// that play the kubelet's part. Test-only; the engine never imports this file.
import type { Pod, StatefulSet } from '../../api/types.ts';
import { Cluster, type Controller } from '../../cluster.ts';
import { rfc3339 } from '../../clock/time.ts';
import { clone } from '../../store/store.ts';
import { statefulSetController } from './controller.ts';

// Until the pod strategy sets `phase: Pending` on create, this does it right after the ADDED event.
const podPhase: Controller = {
  name: 'testpods',
  onChange(e, c) {
    if (e.kind === 'Pod' && e.type === 'ADDED' && !(e.object as Pod).status?.phase) c.enqueue('testpods/pending', `${e.object.metadata!.namespace}/${e.object.metadata!.name}`, 0);
  },
  run(_kind, key, c) {
    const [ns, name] = key.split('/');
    const pod = c.store.get('Pod', ns, name);
    if (pod && !pod.status?.phase) setPodStatus(c, name, { phase: 'Pending' }, ns);
  },
};

/** A cluster running only the StatefulSet controller, with frozen objects. */
export function testCluster(opts: { gates?: Record<string, boolean>; seed?: number } = {}): Cluster {
  return Cluster.create({ freeze: true, seed: opts.seed ?? 1, gates: opts.gates, controllers: [statefulSetController, podPhase] });
}

/** A StatefulSet as the API server stores it after defaulting (1.35, gate MaxUnavailable off). */
export function newSet(name: string, over: { replicas?: number; image?: string; claims?: string[] } & Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  const { replicas = 3, image = 'registry.k8s.io/nginx-slim:0.24', claims = ['www'], ...spec } = over;
  return {
    metadata: { name, namespace: 'default' },
    spec: {
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      serviceName: 'nginx',
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{
            name: 'nginx', image, imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }],
            resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
            ...(claims.length ? { volumeMounts: [{ mountPath: '/usr/share/nginx/html', name: claims[0] }] } : {}),
          }],
          dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
        },
      },
      updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
      volumeClaimTemplates: claims.map((n) => ({
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: n },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      })),
      ...spec,
    },
  };
}

/** Merges `status` into the pod's status through the status subresource. */
export function setPodStatus(c: Cluster, name: string, status: NonNullable<Pod['status']>, ns = 'default'): void {
  const pod = c.store.get('Pod', ns, name);
  if (!pod) throw new Error(`no pod ${name}`);
  const next = clone(pod) as Pod & { status: Pod['status'] };
  (next as { status: Pod['status'] }).status = { ...(pod.status ?? {}), ...status };
  delete (next.metadata as { resourceVersion?: string }).resourceVersion;
  const r = c.store.update('Pod', next, { subresource: 'status' });
  if (!r.ok) throw new Error(r.status.message);
}

/** Marks the pod Running with Ready=True (transition now). */
export function makeReady(c: Cluster, name: string, ns = 'default'): void {
  setPodStatus(c, name, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(c.wallNow()) }] }, ns);
}

/** Marks the pod Running with Ready=False. */
export function makeUnready(c: Cluster, name: string, ns = 'default'): void {
  setPodStatus(c, name, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: rfc3339(c.wallNow()) }] }, ns);
}

/** Puts the pod on a node, so deleting it leaves it Terminating until `finishTermination`. */
export function bindPod(c: Cluster, name: string, ns = 'default'): void {
  const pod = clone(c.store.get('Pod', ns, name)!);
  pod.spec!.nodeName = 'kind-worker';
  delete (pod.metadata as { resourceVersion?: string }).resourceVersion;
  const r = c.store.update('Pod', pod);
  if (!r.ok) throw new Error(r.status.message);
}

/** The kubelet's final delete of a terminating pod. */
export function finishTermination(c: Cluster, name: string, ns = 'default'): void {
  c.store.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
}

/** Pod names of the set's namespace, by ordinal. */
export function podNames(c: Cluster, ns = 'default'): string[] {
  return c.store.list('Pod', ns).map((p) => p.metadata!.name!).sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
}

/**
 * Settles, then keeps marking every non-ready, non-terminating pod ready and settling again until
 * nothing changes (the kubelet's part for a healthy rollout). Returns the number of rounds.
 */
export function driveReady(c: Cluster, ns = 'default', maxRounds = 10_000): number {
  for (let round = 0; round < maxRounds; round++) {
    c.settle();
    const todo = c.store.list('Pod', ns).filter((p) => !p.metadata?.deletionTimestamp && !(p.status?.phase === 'Running' && p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')));
    if (todo.length === 0) return round;
    for (const p of todo) makeReady(c, p.metadata!.name!, ns);
  }
  throw new Error('driveReady did not converge');
}

/** The stored set. */
export function getSet(c: Cluster, name: string, ns = 'default'): StatefulSet {
  return c.store.get('StatefulSet', ns, name)!;
}

/** Replaces the set's spec fields (a user `apply`), keeping the rest. */
export function updateSpec(c: Cluster, name: string, fn: (spec: NonNullable<StatefulSet['spec']>) => void, ns = 'default'): void {
  const set = clone(getSet(c, name, ns));
  fn(set.spec!);
  delete (set.metadata as { resourceVersion?: string }).resourceVersion;
  const r = c.store.update('StatefulSet', set);
  if (!r.ok) throw new Error(r.status.message);
}
