// Fixtures for kubectl tests: a controller-less cluster and hand-built StatefulSet, Pod, PVC objects, so
// printers and verbs can be tested without the controllers. Not used by production code.
import { Cluster } from '../engine/cluster.ts';
import type { KObject, Kind, Pod, StatefulSet } from '../engine/api/types.ts';
import { runKubectl } from './index.ts';
import { rfc3339 } from '../engine/clock/time.ts';
import type { KubectlIO } from './types.ts';

/** A bootstrapped cluster without controllers, frozen like in engine tests. */
export function testCluster(): Cluster {
  return Cluster.create({ freeze: true, controllers: [] });
}

/** Runs kubectl and returns stdout, stderr and the exit code as plain strings. */
export function kc(c: Cluster, args: string | string[], io: KubectlIO = {}): { out: string; err: string; code: number } {
  const r = runKubectl(args, c, io);
  return {
    out: r.output.filter((o) => o.stream === 'out').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'err').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

/** The `web` StatefulSet of the docs tutorial (not defaulted: the store has no strategies in tests). */
export function webSet(replicas = 3): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas, serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** A running, ready pod of `web` at the given ordinal, created now. */
export function webPod(ordinal: number, opts: { ready?: boolean; node?: string; startedAtMs?: number; wallMs: number }): Pod {
  const name = `web-${ordinal}`;
  const ready = opts.ready ?? true;
  const started = rfc3339(opts.startedAtMs ?? opts.wallMs);
  return {
    metadata: {
      name, namespace: 'default',
      labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': 'web-7d8559755f', 'statefulset.kubernetes.io/pod-name': name },
    },
    spec: {
      containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] }],
      nodeName: opts.node ?? 'kind-worker', hostname: name, subdomain: 'nginx',
    },
    status: {
      phase: 'Running', podIP: `10.244.1.${ordinal + 5}`, podIPs: [{ ip: `10.244.1.${ordinal + 5}` }], hostIP: '172.18.0.3', startTime: started,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: started } } }],
    },
  };
}


/** Creates an object and then writes its status through the status subresource (the API resets it on create). */
export function put(c: Cluster, kind: Kind, o: KObject & { status?: unknown }): KObject {
  const r = c.store.create(kind, o);
  if (!r.ok) throw new Error(r.status.message);
  if (o.status === undefined) return r.object as KObject;
  const u = c.store.update(kind, { ...(r.object as KObject), status: o.status } as KObject, { subresource: 'status' });
  if (!u.ok) throw new Error(u.status.message);
  return u.object as KObject;
}

/**
 * The `web` StatefulSet with two ControllerRevisions as the controller stores them (images nginx:1 and nginx:2);
 * `cause` is revision 2's change-cause annotation.
 */
export function withWebRevisions(cause?: string): Cluster {
  const c = testCluster();
  const s = put(c, 'StatefulSet', webSet()) as StatefulSet;
  const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: s.metadata!.uid!, controller: true, blockOwnerDeletion: true };
  const tpl = (image: string) => ({ spec: { template: { $patch: 'replace', ...webSet().spec!.template, spec: { containers: [{ ...webSet().spec!.template.spec!.containers[0], image }] } } } });
  c.store.create('ControllerRevision', { metadata: { name: 'web-1', namespace: 'default', ownerReferences: [owner] }, revision: 1, data: tpl('nginx:1') });
  c.store.create('ControllerRevision', { metadata: { name: 'web-2', namespace: 'default', ownerReferences: [owner], ...(cause ? { annotations: { 'kubernetes.io/change-cause': cause } } : {}) }, revision: 2, data: tpl('nginx:2') });
  return c;
}
