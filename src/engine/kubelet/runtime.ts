// The kubelets' private, serializable state (cluster.ext('kubelet')): one record per pod it runs, keyed
// by pod uid, and one per node (down or up, image cache, pod IP allocator, serial pull queue); plus the few
// rules that read or rewrite a pod record alone (init container done, termination before initialization).
import type { NginxRun } from '../exec/nginx.ts';
import type { Cluster } from '../cluster.ts';
import type { Node, Pod } from '../api/types.ts';
import type { ProjectedFile } from './config-refs.ts';
import type { ProbeWorker } from './prober.ts';
import type { Frame, ShellState } from '../exec/shell.ts';

/** Where a pod is in the kubelet's stage table (see stages.ts). */
export type StageName =
  | 'admit' | 'mount' | 'sandbox' | 'pull' | 'pulled' | 'pull-failed' | 'pull-backoff' | 'create' | 'start'
  | 'init-exited' | 'init-next'
  | 'running' | 'exited' | 'unhealthy' | 'crash-backoff' | 'killing' | 'stopped' | 'failed'
  | 'redefine' | 'redefined';

/**
 * Which list of the pod spec a container comes from: `init` (a classic init container, run to completion),
 * `sidecar` (an init container with restartPolicy Always, kept running) or `main` (spec.containers).
 */
export type ContainerRole = 'init' | 'sidecar' | 'main';

/** The last termination of a container, as shown in lastState.terminated. */
export interface Termination {
  exitCode: number; reason: string; startedAt: string; finishedAt: string; containerID: string;
  /** nginx as it ran in that instance, if it did (its log's start-up lines). */
  nginx?: NginxRun;
}

/** One container as the runtime sees it. */
export interface ContainerRuntime {
  name: string;
  image: string;
  role: ContainerRole;
  state: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  ready: boolean;
  started: boolean;
  restartCount: number;
  containerID?: string;
  imageID?: string;
  last?: Termination;
  /** The exit status of this instance's own command when the model ran it as it started (see exec/runContainerProcess). */
  exitStatus?: number;
  /** Set when the process ended because its standard input closed (an attached shell exited); its status is exitStatus. */
  stdinClosed?: boolean;
  /**
   * The values this instance's environment took from ConfigMaps and Secrets when it was created (envFrom's in order,
   * and env's by name): a later change of the object does not reach a running container. Absent without references.
   */
  configEnv?: ConfigEnv;
  /**
   * Where this instance's own shell script stands while it sleeps (see exec/runContainerProcess): the point to go
   * on from and the shell's directory and variables then. Absent when no script is sleeping.
   */
  script?: ScriptResume;
  /** Virtual ms at which this instance's process ends by itself, once that is known; undefined while it is not (or never). */
  endsAt?: number;
  /** nginx running in this instance (it serves port 80 of the pod), since when and how it started (exec/nginx.ts). */
  nginx?: NginxRun;
}

/** The timer of a container script's next step (stages.ts scriptStepDue), keyed by scriptKey. */
export const SCRIPT_TICK = 'kubelet/script';
export const scriptKey = (rt: PodRuntime, ct: ContainerRuntime): string => `${rt.uid}/${ct.name}`;

/** A sleeping script's place (exec/shell.ts ScriptPoint) and its shell's state (directory, variables, options…). Plain data. */
export interface ScriptResume extends ShellState {
  frames: Frame[];
  /** A signal sent while the script sleeps, whose trap runs when the sleep is over (a shell waits for its foreground command). */
  signal?: string;
}

/** Environment values from ConfigMaps and Secrets, as resolved when a container was created. */
export interface ConfigEnv { from: Array<[string, string]>; refs: Record<string, string> }

/** Everything the kubelet remembers about one pod. */
export interface PodRuntime {
  uid: string;
  ns: string;
  name: string;
  node: string;
  stage: StageName;
  /** Bumped on every stage change; timers carry it so stale ones are ignored. */
  seq: number;
  /** Index of the container the create/pull stages are working on, in `inits` until `initialized`, then in `containers`. */
  ci: number;
  /** Whether every init container has completed (or, for a sidecar, started): the regular containers may start. */
  initialized: boolean;
  ip?: string;
  startTime?: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  reason?: string;
  message?: string;
  /** The init containers (spec.initContainers), in spec order. */
  inits: ContainerRuntime[];
  containers: ContainerRuntime[];
  crashBackoffSec: number;
  /** Virtual ms of the last restart out of crash back-off (the back-off entry's lastUpdate), if any. */
  crashRestartAt: number | undefined;
  pullBackoffSec: number;
  /** Failed attempts to set up the pod's ConfigMap and Secret volumes so far (the volume manager's back-off). */
  mountFailures?: number;
  /**
   * What the kubelet wrote into the pod's configMap, secret, projected and downwardAPI volumes, by volume name: set
   * up once they could be mounted, brought up to date at the pod's periodic syncs after an object they read changed.
   */
  volumeFiles?: Record<string, Record<string, ProjectedFile>>;
  /** The probe workers of the pod's regular containers (see prober.ts); undefined when none has a probe. */
  probes: ProbeWorker[] | undefined;
  /** The containers being stopped because a liveness or startup probe failed, to start again. */
  unhealthy: string[] | undefined;
  /** An injected readiness failure (fault 'unready'). */
  unready: boolean;
  terminating: boolean;
  /** Duration of the image pull in progress and how long it queued behind other pulls (ms). */
  pullMs?: number;
  pullWaitMs?: number;
  /** The containerd error of the last failed pull. */
  pullError?: string;
  /** A DisruptionTarget condition the kubelet reports (eviction). */
  disruption?: { reason: string; message: string };
  /** The running containers being stopped because their definition (image) changed, to start again. */
  redefining?: string[];
}

/** Per-node runtime state. */
export interface NodeRuntime {
  down: boolean;
  /** Images present on the node (`docker.io/library/nginx:alpine`). */
  images: Record<string, true>;
  /** Host-local IPAM: next offset to try and the offsets in use. */
  nextIp: number;
  overflowNext: number;
  ipsInUse: Record<string, true>;
  ipCount: number;
  /** Serialized image pulls (the kubelet default): virtual time the puller is busy until. */
  pullBusyUntil: number;
  /** Images being pulled and when each pull completes. */
  pulling: Record<string, number>;
  /** Uids of the pods the kubelet runs there. */
  pods: Record<string, true>;
  /** spec.unschedulable as the kubelet last reported it (NodeSchedulable events); absent: false. */
  unschedulable?: boolean;
}

/** The whole kubelet state. */
export interface KubeletState {
  pods: Record<string, PodRuntime>;
  nodes: Record<string, NodeRuntime>;
}

// One function for every call (an arrow in the call allocated a closure on each of the many lookups).
const newKubeletState = (): KubeletState => ({ pods: {}, nodes: {} });

/** The kubelet state of a cluster (created on first use). */
export function kubeletState(c: Cluster): KubeletState {
  return c.ext<KubeletState>('kubelet', newKubeletState);
}

/** The runtime record of a node (created on first use). */
export function nodeRuntime(c: Cluster, node: string): NodeRuntime {
  const st = kubeletState(c);
  return (st.nodes[node] ??= { down: false, images: {}, nextIp: 2, overflowNext: 255, ipsInUse: {}, ipCount: 0, pullBusyUntil: 0, pulling: {}, pods: {} });
}

/** The node's InternalIP: the address of every pod on the host's network. */
export function nodeAddress(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** Whether the node's kubelet is stopped (fault `node down`). */
export function isNodeDown(c: Cluster, node: string): boolean {
  return kubeletState(c).nodes[node]?.down ?? false;
}

/** Uids of the pods the kubelet runs on a node, sorted by namespace/name. */
export function podsOnNode(c: Cluster, node: string): PodRuntime[] {
  const st = kubeletState(c);
  const out = Object.keys(st.nodes[node]?.pods ?? {}).map((u) => st.pods[u]).filter((r): r is PodRuntime => !!r);
  return out.sort((a, b) => (a.ns === b.ns ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.ns < b.ns ? -1 : 1));
}

/** The first three octets of a CIDR as one number (the base the offsets count from). */
function cidrBase(cidr: string): number {
  let base = cidrBases.get(cidr);
  if (base === undefined) {
    const [a, b, c3] = cidr.split('/')[0].split('.').map(Number);
    if (cidrBases.size >= 256) cidrBases.clear();
    cidrBases.set(cidr, (base = ((a << 24) >>> 0) + (b << 16) + (c3 << 8)));
  }
  return base;
}
// By CIDR text: a node's podCIDR was parsed for every pod it starts. Bounded (nodes can be applied by hand).
const cidrBases = new Map<string, number>();

function offsetIp(base: number, offset: number): string {
  const n = base + offset;
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * Allocates a pod IP from the node's podCIDR the way host-local IPAM does: sequentially from .2,
 * skipping addresses in use, wrapping after .254. Beyond a full /24 (only in benchmarks) it keeps counting.
 */
export function allocateIp(c: Cluster, node: Node): string {
  const nr = nodeRuntime(c, node.metadata!.name!);
  // Parsed once per allocation, not once per address tried.
  const base = cidrBase(node.spec?.podCIDR ?? '10.244.0.0/24');
  const used = nr.ipCount;
  let off: number;
  // The text of the last address tried is the one allocated: not formatted a second time.
  let ip: string;
  if (used < 253) {
    off = nr.nextIp > 254 ? 2 : nr.nextIp;
    while (nr.ipsInUse[(ip = offsetIp(base, off))]) off = off >= 254 ? 2 : off + 1;
    nr.nextIp = off >= 254 ? 2 : off + 1;
  } else {
    off = Math.max(255, nr.overflowNext);
    while (nr.ipsInUse[(ip = offsetIp(base, off))]) off++;
    nr.overflowNext = off + 1;
  }
  nr.ipsInUse[ip] = true;
  nr.ipCount++;
  return ip;
}

/** Forgets a pod: frees its IP and drops it from its node. */
export function releasePod(c: Cluster, uid: string): void {
  const st = kubeletState(c);
  const rt = st.pods[uid];
  if (!rt) return;
  for (const ct of [...rt.inits, ...rt.containers]) if (ct.script) c.cancel(SCRIPT_TICK, scriptKey(rt, ct));
  const nr = st.nodes[rt.node];
  if (nr) {
    if (rt.ip && nr.ipsInUse[rt.ip]) { delete nr.ipsInUse[rt.ip]; nr.ipCount--; }
    delete nr.pods[uid];
  }
  delete st.pods[uid];
}

/**
 * A fresh runtime record for a pod just bound to a node. Like container records (newContainerRuntime), it
 * has every field from the start, so all pods' records share one shape.
 */
export function newPodRuntime(pod: Pod): PodRuntime {
  const initSpecs = pod.spec?.initContainers ?? [];
  // Models kubelet_pods.go convertToAPIContainerStatuses: a pod with init containers shows every container
  // it has not created yet as waiting in PodInitializing, not ContainerCreating.
  const waiting = initSpecs.length ? 'PodInitializing' : 'ContainerCreating';
  return {
    uid: pod.metadata!.uid!, ns: pod.metadata!.namespace ?? 'default', name: pod.metadata!.name!, node: pod.spec!.nodeName!,
    stage: 'admit', seq: 0, ci: 0, initialized: initSpecs.length === 0, ip: undefined, startTime: undefined, phase: 'Pending', reason: undefined, message: undefined,
    inits: initSpecs.map((ct) => newContainerRuntime(ct.name, ct.image ?? '', ct.restartPolicy === 'Always' ? 'sidecar' : 'init', waiting)),
    containers: (pod.spec?.containers ?? []).map((ct) => newContainerRuntime(ct.name, ct.image ?? '', 'main', waiting)),
    crashBackoffSec: 0, crashRestartAt: undefined, pullBackoffSec: 0, mountFailures: undefined, volumeFiles: undefined, probes: undefined, unhealthy: undefined, unready: false, terminating: false,
    pullMs: undefined, pullWaitMs: undefined, pullError: undefined, disruption: undefined, redefining: undefined,
  };
}

/** The waiting reason of a container the kubelet has not created (yet, or again): PodInitializing in a pod with init containers. */
export function defaultWaitingReason(rt: PodRuntime): string {
  return rt.inits.length ? 'PodInitializing' : 'ContainerCreating';
}

/**
 * A fresh container record, waiting (in ContainerCreating unless told otherwise). Every field is present from
 * the start (unset ones as undefined) and stages clear fields by assigning undefined, never `delete`: all records
 * then share one V8 shape, and a delete would turn a record into a slow dictionary-mode object read on every
 * status write.
 */
export function newContainerRuntime(name: string, image: string, role: ContainerRole = 'main', reason = 'ContainerCreating'): ContainerRuntime {
  return {
    name, image, role, state: 'waiting', reason, message: undefined, startedAt: undefined, finishedAt: undefined,
    exitCode: undefined, ready: false, started: false, restartCount: 0, containerID: undefined, imageID: undefined, last: undefined,
    exitStatus: undefined, stdinClosed: undefined, configEnv: undefined, script: undefined, endsAt: undefined, nginx: undefined,
  };
}

/** Whether an init container no longer holds up the next one: completed with exit 0, or (sidecar) started. */
export const initDone = (ct: ContainerRuntime): boolean =>
  ct.role === 'sidecar' ? ct.state === 'running' : ct.state === 'terminated' && ct.exitCode === 0;

/**
 * Models pkg/kubelet/status/status_manager.go TerminatePod for a pod deleted before it initialized: it ends
 * Failed, and each init container up to the last one that ever started, if not terminated, is reported as
 * terminated with an unknown status (exit code 137). The regular containers stay waiting.
 */
export function terminateUninitialized(rt: PodRuntime): void {
  let last = 0;
  rt.inits.forEach((ct, i) => { if (ct.state !== 'waiting' || ct.last) last = i; });
  for (const ct of rt.inits.slice(0, last + 1)) {
    if (ct.state === 'terminated') continue;
    Object.assign(ct, {
      state: 'terminated', exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated',
      startedAt: undefined, finishedAt: undefined, ready: false, started: false,
    });
  }
  rt.phase = 'Failed';
}
