// Test fixtures shared by the kubelet, scheduler, volumes and node tests: minimal pods and claims
// written straight into the store, and readers for the events and phase timeline they produce.
import type { Cluster } from '../cluster.ts';
import type { Pod, PersistentVolumeClaim } from '../api/types.ts';
import type { Container } from 'kubernetes-types/core/v1';

/** A pod with one container (default nginx:alpine); `claim` adds a PVC volume named `www`. */
export function testPod(name: string, opts: { image?: string; claim?: string; node?: string; container?: Partial<Container>; labels?: Record<string, string>; grace?: number } = {}): Pod {
  return {
    metadata: { name, namespace: 'default', labels: opts.labels ?? { app: 'nginx' } },
    spec: {
      containers: [{ name: 'nginx', image: opts.image ?? 'nginx:alpine', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }], ...(opts.container ?? {}) }],
      ...(opts.claim ? { volumes: [{ name: 'www', persistentVolumeClaim: { claimName: opts.claim } }] } : {}),
      ...(opts.node ? { nodeName: opts.node } : {}),
      terminationGracePeriodSeconds: opts.grace ?? 30,
      hostname: name, subdomain: 'nginx',
    },
    status: { phase: 'Pending' },
  };
}

/** A 1Gi ReadWriteOnce claim in the default StorageClass. */
export function testClaim(name: string): PersistentVolumeClaim {
  return {
    metadata: { name, namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
    status: { phase: 'Pending' },
  };
}

/** Events about one object, oldest first, as `+<seconds> <reason>: <message>` relative to `t0` (virtual ms). */
export function eventLines(c: Cluster, name: string, t0 = 0): string[] {
  return c.store.list('Event', 'default')
    .filter((e) => e.involvedObject.name === name)
    // events.k8s.io events (the scheduler's) date themselves with eventTime and name their reporter only there.
    .map((e) => ({ e, t: Date.parse(e.eventTime ?? e.firstTimestamp!) - c.state.epochMs }))
    .sort((a, b) => a.t - b.t || (a.e.metadata!.name! < b.e.metadata!.name! ? -1 : 1))
    .map(({ e, t }) => `+${Math.round((t - t0) / 1000)}s ${e.type} ${e.reason} [${e.source?.component || e.reportingComponent}]: ${e.message}`);
}

/** Records a compact line per status change of one pod (virtual ms, phase, container state, ready). */
export function watchPod(c: Cluster, name: string): string[] {
  const out: string[] = [];
  c.store.watch((e) => {
    if (e.kind !== 'Pod' || e.object.metadata?.name !== name) return;
    const p = e.object as Pod;
    const cs = p.status?.containerStatuses?.[0];
    const st = cs?.state?.running ? 'running' : cs?.state?.terminated ? `terminated:${cs.state.terminated.reason}` : cs?.state?.waiting ? `waiting:${cs.state.waiting.reason}` : '-';
    const ready = p.status?.conditions?.find((x) => x.type === 'Ready')?.status ?? '-';
    const line = `${e.type} ${p.status?.phase ?? '-'} ${st} ready=${ready} ip=${p.status?.podIP ?? '-'} restarts=${cs?.restartCount ?? 0}${p.metadata?.deletionTimestamp ? ' deleting' : ''}`;
    if (out[out.length - 1]?.endsWith(line)) return;
    out.push(`${c.now} ${line}`);
  });
  return out;
}
