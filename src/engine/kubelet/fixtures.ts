// Test fixtures shared by the kubelet, scheduler, volumes and node tests: minimal pods and claims
// written straight into the store, and readers for the events and phase timeline they produce.
import type { Cluster } from '../cluster.ts';
import type { Pod, PersistentVolumeClaim } from '../api/types.ts';
import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';

/** Options of testPod. `initContainers` and `restartPolicy` are written only when given. */
export interface TestPodOptions {
  image?: string; claim?: string; node?: string; container?: Partial<Container>; labels?: Record<string, string>; grace?: number;
  initContainers?: Container[]; restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

/** A pod with one container (default nginx:alpine); `claim` adds a PVC volume named `www`. */
export function testPod(name: string, opts: TestPodOptions = {}): Pod {
  return {
    metadata: { name, namespace: 'default', labels: opts.labels ?? { app: 'nginx' } },
    spec: {
      ...(opts.initContainers ? { initContainers: opts.initContainers } : {}),
      ...(opts.restartPolicy ? { restartPolicy: opts.restartPolicy } : {}),
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

/**
 * Events about one object, oldest first, as `+<seconds> <reason>: <message>` relative to `t0` (virtual ms);
 * with `fieldPath`, the container the event is about leads the message (`spec.initContainers{init}: …`).
 */
export function eventLines(c: Cluster, name: string, t0 = 0, fieldPath = false): string[] {
  return c.store.list('Event', 'default')
    .filter((e) => e.involvedObject.name === name)
    // events.k8s.io events (the scheduler's) date themselves with eventTime and name their reporter only there.
    .map((e) => ({ e, t: Date.parse(e.eventTime ?? e.firstTimestamp!) - c.state.epochMs }))
    .sort((a, b) => a.t - b.t || (a.e.metadata!.name! < b.e.metadata!.name! ? -1 : 1))
    .map(({ e, t }) => `+${Math.round((t - t0) / 1000)}s ${e.type} ${e.reason} [${e.source?.component || e.reportingComponent}]: ` +
      `${fieldPath && e.involvedObject.fieldPath ? `${e.involvedObject.fieldPath}: ` : ''}${e.message}`);
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

/** A container status as `running`, `terminated:Completed(0)`, `waiting:PodInitializing` or `-`. */
function stateOf(cs: ContainerStatus | undefined): string {
  const s = cs?.state;
  if (s?.running) return 'running';
  if (s?.terminated) return `terminated:${s.terminated.reason}(${s.terminated.exitCode})`;
  return s?.waiting ? `waiting:${s.waiting.reason}` : '-';
}

/**
 * Records a compact line per status change of a pod with init containers: phase, each init container
 * (`name=state/ready/restarts`), the first regular container, and the Initialized and Ready conditions.
 */
export function watchInitPod(c: Cluster, name: string): string[] {
  const out: string[] = [];
  c.store.watch((e) => {
    if (e.kind !== 'Pod' || e.object.metadata?.name !== name) return;
    const p = e.object as Pod;
    const cond = (t: string) => p.status?.conditions?.find((x) => x.type === t)?.status ?? '-';
    const inits = (p.status?.initContainerStatuses ?? []).map((cs) => `${cs.name}=${stateOf(cs)}/${cs.ready ? 'ready' : 'unready'}/${cs.restartCount}`);
    const main = p.status?.containerStatuses?.[0];
    const line = `${e.type} ${p.status?.phase ?? '-'} [${inits.join(' ')}] ${main?.name ?? 'main'}=${stateOf(main)} Initialized=${cond('Initialized')} Ready=${cond('Ready')}${p.metadata?.deletionTimestamp ? ' deleting' : ''}`;
    if (out[out.length - 1]?.endsWith(line)) return;
    out.push(`${c.now} ${line}`);
  });
  return out;
}

/**
 * The manifest of a StatefulSet `name` (Service `name`, label `app: name`) with `replicas` and a pod spec given as
 * YAML lines indented for the template's `spec:` (six spaces).
 */
export function statefulSetYaml(name: string, replicas: number, podSpec: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${podSpec}`;
}
