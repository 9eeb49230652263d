// The kubelet as a table of stages (after kwok): each stage does one step of a pod's life on its node
// (status write, events) and names the next stage and its delay. Delays are virtual, with seeded jitter.
// The shell (kubelet.ts) runs a stage when its timer fires, only if the pod is still in that stage.
import type { Cluster } from '../cluster.ts';
import { sameJson } from '../api/json-util.ts';
import { stringMemo } from '../api/memo.ts';
import type { Node, Pod } from '../api/types.ts';
import type { Container, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../clock/time.ts';
import { nextOnGrid } from '../clock/timers.ts';
import { fnv1a32 } from '../api/revision-hash.ts';
import { formatGoDuration } from './durations.ts';
import { lookupImage, normalizeImage, pullErrorText, pullPolicy } from './images.ts';
import { buildPodStatus, containerSpec } from './pod-status.ts';
import { environmentError, missingPullSecrets, podVolumeFiles, resolveConfigEnv, volumeSetUpErrors } from './config-refs.ts';
import { processEnd, startsNginx, type ProcessEnd } from './process.ts';
import { resumeContainerProcess, runContainerProcess } from '../exec/exec.ts';
import { nginxAtStart } from '../exec/nginx.ts';
import { userlandOf } from '../exec/userland.ts';
import { addProbeWorkers, probeOf, probesMayChange, probeState, stopLivenessAndStartup, triggerReadiness } from './prober.ts';
import { allocateIp, nodeAddress, defaultWaitingReason, initDone, nodeRuntime, SCRIPT_TICK, scriptKey, terminateUninitialized, type ContainerRuntime, type PodRuntime, type StageName } from './runtime.ts';

/** Virtual delays (ms, inclusive ranges) between stages; each draw is uniform from the seeded PRNG. */
export const TIMINGS = {
  admit: [10, 60], sandbox: [500, 1200], pullFailed: [600, 1500], pullBackoffSync: [1000, 2500],
  create: [80, 250], start: [150, 500], probe: [20, 200], exit: [30, 150], crashSync: [700, 1500],
  // PLEG's relist (1 s period) noticing that an init container exited or a sidecar started; the sync it
  // triggers starts the next init container.
  initSync: [700, 1500],
  killing: [5, 40], stopJitter: [0, 250],
  // The pod worker's back-off after a failed sync (kubelet.go backOffPeriod, 10 s, with pod_workers.go's jitter of
  // half of it): when a container's environment could not be made.
  syncBackoff: [10_000, 14_999],
} as const satisfies Record<string, readonly [number, number]>;

/** Models pkg/kubelet/kubelet.go MaxContainerBackOff: the cap of the crash-loop back-off. */
const MAX_CRASH_BACKOFF_SEC = 300;

/**
 * Models nestedpendingoperations' exponential back-off of a failed volume operation: 500 ms, doubling, at most
 * 2m2s between attempts.
 */
export function mountRetryMs(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 122_000);
}

/** Models kuberuntime_manager.go minimumGracePeriodInSeconds: the least time a container gets between SIGTERM and SIGKILL. */
const MIN_GRACE_SECONDS = 2;

/** Pull speed of the simulated registry: fixed overhead plus bytes at ~30 MB/s, ±20 %. */
export function pullDurationMs(c: Cluster, size: number): number {
  return Math.round((400 + (size / 30e6) * 1000) * (0.8 + 0.4 * c.random()));
}

/** What a stage works on. `pod` and `node` are the stored objects at the time the stage runs. */
export interface StageCtx { c: Cluster; rt: PodRuntime; pod: Pod; node: Node }

/** Draws a delay from a TIMINGS range. */
export function jitter(c: Cluster, range: readonly [number, number]): number {
  // Indexed, not destructured: a destructured parameter goes through the array iterator.
  const lo = range[0];
  return lo + Math.floor(c.random() * (range[1] - lo + 1));
}

/** Moves the pod to `stage`, due after `delayMs`; `null` delay means a resting stage with no timer. */
export function goto(c: Cluster, rt: PodRuntime, stage: StageName, delayMs: number | null): void {
  // The stage left behind will not run: its timer goes, so nothing waits for it.
  c.cancel(STAGE_KINDS[rt.stage], `${rt.uid}:${rt.seq}`);
  rt.stage = stage;
  rt.seq++;
  // The kind from the table: one string per stage, whose hash is computed once (see stageOfKind).
  if (delayMs !== null) c.enqueue(STAGE_KINDS[stage], `${rt.uid}:${rt.seq}`, delayMs);
}

// The options of every status write (the store only reads them); withStatus builds each body fresh.
const STATUS_WRITE = { subresource: 'status', trusted: true, owned: true } as const;

/** Writes the status computed from the runtime record, if it differs from the stored one. */
export function flush(k: StageCtx): void {
  const pod = k.c.store.get('Pod', k.rt.ns, k.rt.name);
  if (!pod || pod.metadata?.uid !== k.rt.uid) return;
  const status = buildPodStatus(pod, k.rt, k.node, rfc3339(k.c.wallNow()));
  if (!surelyChanged(status, pod.status) && sameJson(status, pod.status ?? {})) return;
  const r = k.c.store.update('Pod', withStatus(pod, status), STATUS_WRITE);
  if (r.ok) k.pod = r.object;
}

/**
 * Whether a built status differs from the stored one in the phase, the pod IP or the number of conditions: then
 * its JSON differs for sure (a built status always has a phase and conditions), and the deep comparison can be
 * skipped. Most status writes change one of these.
 */
function surelyChanged(status: PodStatus, stored: PodStatus | undefined): boolean {
  return status.phase !== stored?.phase || status.podIP !== stored?.podIP || status.conditions!.length !== stored?.conditions?.length;
}

// The top-level keys of a pod, in the order the API writes them.
const POD_KEYS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;

/**
 * `{ ...pod, status }`, as a literal when the pod has the usual keys in the usual order. Stored pods come in
 * several V8 shapes (one per path through the store), so a spread of them is the generic copy: measured (on a busy
 * machine, 10,000 pods) 4.7 µs a status write against 0.55 µs for the literal and 0.9 µs for the key check.
 */
function withStatus(pod: Pod, status: PodStatus): Pod {
  let i = 0;
  for (const key in pod) if (key !== POD_KEYS[i++]) return { ...pod, status };
  if (i !== POD_KEYS.length) return { ...pod, status };
  return { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec: pod.spec, status };
}

/** The event fieldPath of a container (GenerateContainerRef): `spec.containers{app}` or `spec.initContainers{init}`. */
function fieldPath(ct: string | ContainerRuntime): string {
  if (typeof ct === 'string') return mainPath(ct);
  return ct.role === 'main' ? mainPath(ct.name) : initPath(ct.name);
}

// Field paths by container name: every event about a container built the same string anew.
const mainPath = stringMemo((name) => `spec.containers{${name}}`);
const initPath = stringMemo((name) => `spec.initContainers{${name}}`);

/** Records a kubelet event on the pod, about one container when given (by name: a regular container). */
export function emit(k: StageCtx, type: 'Normal' | 'Warning', reason: string, message: string, container?: string | ContainerRuntime): void {
  const object = k.pod, host = k.rt.node;
  // Two literals rather than a spread of the optional key (the spread is the generic copy).
  k.c.event(container
    ? { object, type, reason, message, component: 'kubelet', host, fieldPath: fieldPath(container) }
    : { object, type, reason, message, component: 'kubelet', host });
}

const specOf = (k: StageCtx, ct: ContainerRuntime): Container | undefined => containerSpec(k.pod, ct);
/** The container the pull/create/start stages work on: an init container until the pod is initialized. */
const current = (rt: PodRuntime): ContainerRuntime => (rt.initialized ? rt.containers : rt.inits)[rt.ci];
const podRef = (k: StageCtx): string => `${k.rt.name}_${k.rt.ns}(${k.rt.uid})`;

// Two hex digits per byte value: a container ID is 32 bytes, written from eight PRNG draws of 32 bits each.
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// The pieces of one container ID, reused: one join writes the flat string, where 32 concatenations built a
// rope of intermediate strings.
const ID_PARTS: string[] = new Array<string>(33).fill('');
ID_PARTS[0] = 'containerd://';

function newContainerId(c: Cluster): string {
  for (let i = 0; i < 8; i++) {
    // By bytes from the table: the same digits as toString(16) padded to eight, at a fifth of the cost.
    const n = Math.floor(c.random() * 0x100000000);
    const at = 1 + 4 * i;
    ID_PARTS[at] = HEX[n >>> 24];
    ID_PARTS[at + 1] = HEX[(n >>> 16) & 255];
    ID_PARTS[at + 2] = HEX[(n >>> 8) & 255];
    ID_PARTS[at + 3] = HEX[n & 255];
  }
  return ID_PARTS.join('');
}

/** Index of the next container (from `from`) that is not running, or -1. */
function nextToStart(rt: PodRuntime, from: number): number {
  for (let i = from; i < rt.containers.length; i++) if (rt.containers[i].state !== 'running') return i;
  return -1;
}

/**
 * Points the stages at the next container to start and pulls its image: the first init container not done,
 * in spec order, else (the pod is now initialized) the first regular container not running.
 * Models kuberuntime_container.go computeInitContainerActions (classic init containers one at a time).
 */
function startNext(k: StageCtx): void {
  if (!k.rt.initialized) {
    const i = k.rt.inits.findIndex((ct) => !initDone(ct));
    if (i >= 0) { k.rt.ci = i; goto(k.c, k.rt, 'pull', 0); return; }
    k.rt.initialized = true;
  }
  k.rt.ci = Math.max(0, nextToStart(k.rt, 0));
  goto(k.c, k.rt, 'pull', 0);
}

/** How a started init container's process ends (see process.ts); an unknown image's never does. */
function processEndOf(k: StageCtx, ct: ContainerRuntime): ProcessEnd {
  const info = lookupImage(ct.image);
  const spec = specOf(k, ct);
  if (ct.stdinClosed) return { ms: 0, exitCode: ct.exitStatus ?? 0 };
  // The model runs the command itself: it ends when its script does (scriptStepDue), with the script's status.
  if (ct.script) return 'forever';
  if (ct.exitStatus !== undefined) return { ms: 0, exitCode: ct.exitStatus };
  if (!info || !spec) return 'forever';
  return processEnd(info, spec);
}

/**
 * Traces a classic init container's progress for the Why list: it runs (`running`), it completed and the next one
 * starts (`completed`) or the pod is initialized (`initialized`), or it failed (`failed`; `failed-never` under
 * restartPolicy Never). `index` counts from 1 among the init containers, `count` is their number (Init:N/M's M).
 */
function traceInit(k: StageCtx, ct: ContainerRuntime, rule: string, extra: Record<string, string | number> = {}): void {
  const { inits } = k.rt;
  k.c.trace({
    type: 'kubelet.init', object: podObject(k.rt), rule,
    detail: { node: k.rt.node, container: ct.name, index: inits.indexOf(ct) + 1, count: inits.length, ...extra },
  });
}

/** After an init container started: a sidecar lets the next one start; a classic one runs until its process ends. */
function afterInitStart(k: StageCtx, ct: ContainerRuntime): void {
  if (ct.role === 'sidecar') { goto(k.c, k.rt, 'init-next', jitter(k.c, TIMINGS.initSync)); return; }
  traceInit(k, ct, 'running');
  const end = processEndOf(k, ct);
  goto(k.c, k.rt, end === 'forever' ? 'running' : 'init-exited', end === 'forever' ? null : end.ms + jitter(k.c, TIMINGS.exit));
}

/** After a container started: the next one, or the resting stage once all run (the prober takes it from there). */
function afterStart(k: StageCtx): void {
  const next = nextToStart(k.rt, k.rt.ci + 1);
  if (next >= 0) { k.rt.ci = next; goto(k.c, k.rt, 'pull', 0); return; }
  awaitEnds(k);
}

/** A container whose command ends (`true`, `sleep 30`, busybox without a command) exits when it does. */
function awaitEnds(k: StageCtx): void {
  let soonest = Infinity;
  for (const ct of k.rt.containers) if (ct.state === 'running' && ct.endsAt !== undefined) soonest = Math.min(soonest, ct.endsAt);
  if (soonest < Infinity) { goto(k.c, k.rt, 'exited', Math.max(0, soonest - k.c.now) + jitter(k.c, TIMINGS.exit)); return; }
  goto(k.c, k.rt, 'running', null);
}

/** Notes when a running container's process ends by itself, from now: its process model, or its script's end. */
function markEnd(k: StageCtx, ct: ContainerRuntime): void {
  const end = processEndOf(k, ct);
  ct.endsAt = end === 'forever' ? undefined : k.c.now + end.ms;
}


/**
 * Marks the running containers started and ready or not from their probes' results (prober.ts) and the injected
 * fault. A sidecar is ready while it runs; a classic init container is ready once it completed
 * (prober_manager.go UpdatePodStatus).
 */
export function applyReadiness(k: StageCtx): void {
  // Indexed loops: the for-of loops allocated their iterators here.
  const { containers, inits } = k.rt;
  for (let i = 0; i < containers.length; i++) {
    const ct = containers[i];
    if (k.rt.probes) {
      const s = probeState(k.rt, ct);
      ct.started = s.started;
      ct.ready = s.ready && !k.rt.unready;
    } else {
      ct.ready = ct.state === 'running' && !k.rt.unready;
    }
  }
  for (let i = 0; i < inits.length; i++) {
    const ct = inits[i];
    ct.ready = ct.role === 'sidecar' ? ct.state === 'running' && !k.rt.unready : initDone(ct);
  }
}

/** A container's script sleeps `ms` (Infinity: for ever); its next step is due then (timer SCRIPT_TICK). */
function scriptSleeps(c: Cluster, rt: PodRuntime, ct: ContainerRuntime, ms: number): void {
  c.cancel(SCRIPT_TICK, scriptKey(rt, ct));
  if (ms < Infinity) c.enqueue(SCRIPT_TICK, scriptKey(rt, ct), ms);
}

/**
 * Runs the next step of a container's script after its sleep (timer SCRIPT_TICK, key `<pod uid>/<container>`),
 * whether or not the kubelet is up (the runtime runs the process). When the script ends, the container exits
 * with its status, as a process that ends by itself does (the `exited` or `init-exited` stage); a sidecar's end
 * is not modelled. `k` is undefined when the pod is gone.
 */
export function scriptStepDue(c: Cluster, rt: PodRuntime, ct: ContainerRuntime, k: StageCtx | undefined): void {
  if (!ct.script || ct.state !== 'running') return;
  const run = resumeContainerProcess(c, rt.ns, rt.name, ct);
  if (run && !run.done) { scriptSleeps(c, rt, ct, run.ms); return; }
  // The script ended, or met something the model does not run: then the process model decides, as at the start.
  ct.exitStatus = run?.status;
  if (!k || ct.role === 'sidecar') return;
  // Ended while the pod is being killed, waiting for the grace period to end (the `stopped` stage is due then): its
  // TERM trap exited. The container is gone now, and the pod once none runs.
  if (rt.stage === 'stopped' && run?.done) {
    terminateOne(k, ct, run.status, run.status === 0 ? 'Completed' : 'Error', rfc3339(c.wallNow()));
    flush(k);
    if (![...rt.containers, ...rt.inits].some((x) => x.state === 'running')) goto(c, rt, 'stopped', jitter(c, TIMINGS.killing));
    return;
  }
  markEnd(k, ct);
  if (ct.endsAt === undefined || (rt.stage !== 'running' && rt.stage !== 'exited')) return;
  if (ct.role === 'init') goto(c, rt, 'init-exited', jitter(c, TIMINGS.exit));
  else awaitEnds(k);
}

/** Terminates the given containers now (crash, exit, stop). */
export function terminate(k: StageCtx, cts: ContainerRuntime[], exitCode: number, reason: string): void {
  const now = rfc3339(k.c.wallNow());
  for (const ct of cts) terminateOne(k, ct, exitCode, reason, now);
}

function terminateOne(k: StageCtx, ct: ContainerRuntime, exitCode: number, reason: string, now: string): void {
  // Its script, if sleeping, ends with it.
  if (ct.script) { k.c.cancel(SCRIPT_TICK, scriptKey(k.rt, ct)); ct.script = undefined; }
  ct.state = 'terminated';
  ct.exitCode = exitCode;
  ct.reason = reason;
  ct.finishedAt = now;
  ct.startedAt ??= now;
  // prober_manager.go UpdatePodStatus: a classic init container that exited 0 is ready.
  ct.ready = ct.role === 'init' && exitCode === 0;
  ct.started = false;
  ct.message = undefined;
}

/** The kubelet's periodic pod sync (syncFrequency, 1 min), at a fixed phase per pod. */
export const POD_SYNC_PERIOD_MS = 60_000;

// Virtual ms from now to the pod's next periodic sync (its phase is a hash of its uid, not a draw).
const toNextPodSync = (c: Cluster, uid: string): number =>
  nextOnGrid(c.now, POD_SYNC_PERIOD_MS, fnv1a32(`${uid}/sync`) % POD_SYNC_PERIOD_MS) - c.now;

export const REFRESH = 'kubelet/refresh';
export const queueRefresh = (c: Cluster, pod: Pod): void =>
  c.enqueue(REFRESH, `${pod.metadata!.uid}|${pod.metadata!.namespace}/${pod.metadata!.name}`, toNextPodSync(c, pod.metadata!.uid!), true, true);

/**
 * Models kubelet.go getPullSecretsForPod at a pod sync: an image pull secret the pod names that does not exist is
 * reported (FailedToRetrieveImagePullSecret), and the pull goes on without it. Returns whether one was missing.
 */
export function reportPullSecrets(k: StageCtx): boolean {
  const missing = missingPullSecrets(k.c.store, k.pod);
  if (missing.length) emit(k, 'Warning', 'FailedToRetrieveImagePullSecret', `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`);
  return missing.length > 0;
}

const podObject = (rt: PodRuntime) => ({ kind: 'Pod' as const, namespace: rt.ns, name: rt.name });

// Sets up the pod's ConfigMap and Secret volumes: on to the sandbox, or a FailedMount per volume and another try.
function mountVolumes(k: StageCtx): void {
  const failing = volumeSetUpErrors(k.c.store, k.pod);
  if (!failing.length) {
    k.rt.mountFailures = undefined;
    k.rt.volumeFiles = podVolumeFiles(k.c.store, k.pod);
    // getPullSecretsForPod, before the runtime's sync: the periodic syncs say it again while one is missing.
    if (reportPullSecrets(k)) queueRefresh(k.c, k.pod);
    goto(k.c, k.rt, 'sandbox', jitter(k.c, TIMINGS.sandbox));
    return;
  }
  for (const f of failing) emit(k, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${f.volume}" : ${f.error}`);
  // The why of it, at the first failure.
  if (!k.rt.mountFailures) {
    const f = failing[0]!;
    k.c.trace({ type: 'kubelet.waiting', object: podObject(k.rt), rule: 'volume-source', detail: { node: k.rt.node, volume: f.volume, error: f.error } });
  }
  k.rt.mountFailures = (k.rt.mountFailures ?? 0) + 1;
  goto(k.c, k.rt, 'mount', mountRetryMs(k.rt.mountFailures));
}

const STAGES: Record<StageName, (k: StageCtx) => void> = {
  // Models pkg/kubelet/kubelet.go SyncPod (first status: ContainerCreating, no IP yet).
  admit(k) {
    k.rt.startTime = rfc3339(k.c.wallNow());
    // HandlePodAdditions: the probe manager starts the pod's workers.
    addProbeWorkers(k.c, k.rt, k.pod);
    flush(k);
    mountVolumes(k);
  },
  // Models volumemanager WaitForAttachAndMount with the reconciler's retries: the pod waits, ContainerCreating, until
  // every ConfigMap and Secret volume can be set up; each failed attempt is a FailedMount event per volume. The wait's
  // own timeout is not reported: SyncPod records no event for a wait that was interrupted.
  mount(k) {
    mountVolumes(k);
  },
  // Models kuberuntime_sandbox.go createPodSandbox: the CNI gives the pod its IP.
  sandbox(k) {
    // A pod on the host's network has the node's address; the others get one from the node's pod CIDR.
    k.rt.ip = k.pod.spec?.hostNetwork ? nodeAddress(k.node) : allocateIp(k.c, k.node);
    flush(k);
    startNext(k);
  },
  // Models pkg/kubelet/images/image_manager.go EnsureImageExists.
  pull(k) {
    const ct = current(k.rt);
    const spec = specOf(k, ct);
    if (!ct || !spec) { afterStart(k); return; }
    const nr = nodeRuntime(k.c, k.rt.node);
    const ref = normalizeImage(ct.image);
    const policy = pullPolicy(spec);
    if (nr.images[ref.full] && policy !== 'Always') {
      emit(k, 'Normal', 'Pulled', `Container image "${ct.image}" already present on machine and can be accessed by the pod`, ct);
      goto(k.c, k.rt, 'create', jitter(k.c, TIMINGS.create));
      return;
    }
    if (policy === 'Never') {
      const msg = `Container image "${ct.image}" is not present with pull policy of Never`;
      emit(k, 'Warning', 'ErrImageNeverPull', msg, ct);
      // Models kuberuntime_container.go startContainer: every EnsureImageExists error is also `Error: <reason>`.
      emit(k, 'Warning', 'Failed', 'Error: ErrImageNeverPull', ct);
      if (ct.state === 'terminated') ct.last = endedRun(ct);
      Object.assign(ct, { state: 'waiting', reason: 'ErrImageNeverPull', message: msg });
      flush(k);
      goto(k.c, k.rt, 'pull-backoff', null);
      return;
    }
    emit(k, 'Normal', 'Pulling', `Pulling image "${ct.image}"`, ct);
    const info = lookupImage(ct.image);
    if (!info) { goto(k.c, k.rt, 'pull-failed', jitter(k.c, TIMINGS.pullFailed)); return; }
    // containerd shares one in-flight pull of a reference between the pods that ask for it.
    const inflight = nr.pulling[ref.full];
    if (inflight !== undefined && inflight > k.c.now) {
      k.rt.pullMs = inflight - k.c.now;
      k.rt.pullWaitMs = 0;
      goto(k.c, k.rt, 'pulled', inflight - k.c.now);
      return;
    }
    const pullMs = pullDurationMs(k.c, info.size);
    const wait = Math.max(0, nr.pullBusyUntil - k.c.now);
    nr.pullBusyUntil = k.c.now + wait + pullMs;
    nr.pulling[ref.full] = nr.pullBusyUntil;
    k.rt.pullMs = pullMs;
    k.rt.pullWaitMs = wait;
    goto(k.c, k.rt, 'pulled', wait + pullMs);
  },
  pulled(k) {
    const ct = current(k.rt);
    const info = lookupImage(ct.image)!;
    const nr = nodeRuntime(k.c, k.rt.node);
    nr.images[normalizeImage(ct.image).full] = true;
    if ((nr.pulling[normalizeImage(ct.image).full] ?? 0) <= k.c.now) delete nr.pulling[normalizeImage(ct.image).full];
    const pull = k.rt.pullMs ?? 0;
    const total = pull + (k.rt.pullWaitMs ?? 0);
    emit(k, 'Normal', 'Pulled', `Successfully pulled image "${ct.image}" in ${formatGoDuration(pull)} (${formatGoDuration(total)} including waiting). Image size: ${info.size} bytes.`, ct);
    k.rt.pullBackoffSec = 0;
    goto(k.c, k.rt, 'create', jitter(k.c, TIMINGS.create));
  },
  // Models image_manager.go pullImage failure + kuberuntime_container.go startContainer (`Error: ErrImagePull`).
  'pull-failed'(k) {
    const ct = current(k.rt);
    const err = pullErrorText(ct.image);
    k.rt.pullError = err;
    emit(k, 'Warning', 'Failed', `Failed to pull image "${ct.image}": ${err}`, ct);
    emit(k, 'Warning', 'Failed', 'Error: ErrImagePull', ct);
    // A start that fails shows as waiting, with a run that had ended as its last state (kubelet_pods.go).
    if (ct.state === 'terminated') ct.last = endedRun(ct);
    Object.assign(ct, { state: 'waiting', reason: 'ErrImagePull', message: err });
    flush(k);
    k.rt.pullBackoffSec = k.rt.pullBackoffSec === 0 ? 10 : Math.min(300, k.rt.pullBackoffSec * 2);
    goto(k.c, k.rt, 'pull-backoff', jitter(k.c, TIMINGS.pullBackoffSync));
  },
  // The next sync while the image is in back-off: ImagePullBackOff, then a new attempt when it expires.
  'pull-backoff'(k) {
    const ct = current(k.rt);
    emit(k, 'Normal', 'BackOff', `Back-off pulling image "${ct.image}"`, ct);
    emit(k, 'Warning', 'Failed', 'Error: ImagePullBackOff', ct);
    Object.assign(ct, { state: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${ct.image}": ErrImagePull: ${k.rt.pullError ?? ''}` });
    flush(k);
    goto(k.c, k.rt, 'pull', Math.max(0, k.rt.pullBackoffSec * 1000 - jitter(k.c, TIMINGS.pullBackoffSync)));
  },
  // Models kuberuntime_container.go startContainer: create.
  create(k) {
    const ct = current(k.rt);
    // generateContainerConfig: the environment from ConfigMaps and Secrets. An error fails this sync
    // (CreateContainerConfigError); the pod worker tries again after its back-off, pulling (already present) first.
    const spec = specOf(k, ct);
    const envError = spec ? environmentError(k.c.store, k.pod, spec) : null;
    if (envError) {
      emit(k, 'Warning', 'Failed', `Error: ${envError}`, ct);
      if (ct.reason !== 'CreateContainerConfigError' || ct.message !== envError) {
        k.c.trace({ type: 'kubelet.waiting', object: podObject(k.rt), rule: 'container-config', detail: { node: k.rt.node, container: ct.name, error: envError } });
      }
      if (ct.state === 'terminated') ct.last = endedRun(ct);
      Object.assign(ct, { state: 'waiting', reason: 'CreateContainerConfigError', message: envError });
      flush(k);
      goto(k.c, k.rt, 'pull', jitter(k.c, TIMINGS.syncBackoff));
      return;
    }
    // The new container of a redefined one: the run that ended becomes the last state, and counts as a restart.
    const pending = k.rt.redefining;
    if (pending?.includes(ct.name)) {
      if (ct.state === 'terminated') ct.last = endedRun(ct);
      ct.restartCount++;
      Object.assign(ct, { state: 'waiting', reason: defaultWaitingReason(k.rt), message: undefined, startedAt: undefined });
      const rest = pending.filter((n) => n !== ct.name);
      k.rt.redefining = rest.length ? rest : undefined;
    }
    ct.configEnv = spec ? resolveConfigEnv(k.c.store, k.pod, spec) : undefined;
    ct.containerID = newContainerId(k.c);
    emit(k, 'Normal', 'Created', 'Container created', ct);
    goto(k.c, k.rt, 'start', jitter(k.c, TIMINGS.start));
  },
  // Models kuberuntime_container.go startContainer: start; phase Running once every container runs.
  start(k) {
    const ct = current(k.rt);
    emit(k, 'Normal', 'Started', 'Container started', ct);
    // Cleared by assignment, not delete (see newContainerRuntime).
    Object.assign(ct, { state: 'running', startedAt: rfc3339(k.c.wallNow()), started: true, reason: undefined, message: undefined, exitCode: undefined, finishedAt: undefined });
    if (k.rt.initialized && nextToStart(k.rt, 0) < 0) k.rt.phase = 'Running';
    applyReadiness(k);
    flush(k);
    // The sync after PLEG saw the container start: UpdatePodStatus has its readiness probed at once; the other
    // workers look at the new container at their next tick.
    if (k.rt.probes && ct.role === 'main') {
      probesMayChange(k.c, k.rt.uid);
      triggerReadiness(k.c, k.rt, k.pod, jitter(k.c, TIMINGS.probe));
    }
    ct.stdinClosed = undefined;
    // nginx runs from the start when it is the process (the image's default, or its command); a script starts it itself.
    ct.nginx = nginxAtStart(userlandOf(ct.image), specOf(k, ct), k.c.wallNow());
    const run = runContainerProcess(k.c, k.rt.ns, k.rt.name, ct);
    // A script the model cannot run: nginx serves when the process model reads that the script starts it.
    const spec = specOf(k, ct);
    if (!run && !ct.nginx && userlandOf(ct.image).nginx && startsNginx([...spec?.command ?? [], ...spec?.args ?? []])) ct.nginx = { since: k.c.wallNow() };
    ct.exitStatus = run?.done ? run.status : undefined;
    if (run && !run.done) scriptSleeps(k.c, k.rt, ct, run.ms);
    markEnd(k, ct);
    if (ct.role === 'main') afterStart(k); else afterInitStart(k, ct);
  },
  // An init container's process ended by itself: Completed (exit 0) or Error. A failure is restarted like a
  // crashed container (Init:Error, then Init:CrashLoopBackOff), unless the pod's restartPolicy is Never: then
  // the pod fails (kuberuntime_container.go computeInitContainerActions, kubelet_pods.go getPhase).
  'init-exited'(k) {
    const ct = current(k.rt);
    const end = processEndOf(k, ct);
    const code = end === 'forever' ? 0 : end.exitCode;
    terminate(k, [ct], code, code === 0 ? 'Completed' : 'Error');
    if (code !== 0 && k.pod.spec?.restartPolicy === 'Never') k.rt.phase = 'Failed';
    const next = k.rt.inits.find((x) => !initDone(x));
    if (code !== 0) traceInit(k, ct, k.rt.phase === 'Failed' ? 'failed-never' : 'failed', { exitCode: code });
    else traceInit(k, ct, next ? 'completed' : 'initialized', next ? { next: next.name } : {});
    flush(k);
    if (code === 0) goto(k.c, k.rt, 'init-next', jitter(k.c, TIMINGS.initSync));
    else goto(k.c, k.rt, k.rt.phase === 'Failed' ? 'failed' : 'crash-backoff', k.rt.phase === 'Failed' ? null : jitter(k.c, TIMINGS.crashSync));
  },
  // The sync after an init container completed (or a sidecar started): the next init container, or, once
  // all are done, the regular containers. Each container has its own back-off, so the next starts afresh.
  'init-next'(k) {
    k.rt.crashBackoffSec = 0;
    k.rt.crashRestartAt = undefined;
    startNext(k);
  },
  running() {},
  // A process that ends by itself (busybox without a command): Completed, exit code 0.
  // Models kubelet_pods.go getPhase and kuberuntime_manager.go computePodActions: under restartPolicy Never
  // (or OnFailure, once every container succeeded) nothing restarts, and a pod whose regular containers all
  // ended is Succeeded, or Failed if one of them failed.
  exited(k) {
    const now = rfc3339(k.c.wallNow());
    // The containers whose process has ended by now; the others run on.
    for (const ct of k.rt.containers) {
      if (ct.state !== 'running' || ct.endsAt === undefined || ct.endsAt > k.c.now) continue;
      const end = processEndOf(k, ct);
      const code = end === 'forever' ? 0 : end.exitCode;
      terminateOne(k, ct, code, code === 0 ? 'Completed' : 'Error', now);
    }
    afterExit(k);
  },
  // The containers a failed liveness or startup probe had killed have stopped (see killUnhealthy); they start
  // again as after any exit: with the crash back-off, unless the restart policy says otherwise.
  unhealthy(k) {
    const now = rfc3339(k.c.wallNow());
    for (const ct of k.rt.containers) {
      if (ct.state === 'running' && k.rt.unhealthy?.includes(ct.name)) terminateOne(k, ct, ct.exitCode ?? 0, ct.exitCode === 0 ? 'Completed' : 'Error', now);
    }
    k.rt.unhealthy = undefined;
    applyReadiness(k);
    afterExit(k);
  },
  // Models kuberuntime_manager.go doBackOff: restart at once the first time, then 10 s doubling to 5 min.
  // Models client-go flowcontrol/backoff.go hasExpired: a container that ran more than twice the maximum
  // (10 min) since its last restart is restarted at once and its back-off starts over at 10 s.
  // Before the pod is initialized, only the current init container can be the one restarting.
  'crash-backoff'(k) {
    const pool = k.rt.initialized ? k.rt.containers : [current(k.rt)];
    const dead = pool.filter((ct) => (ct.state === 'terminated' && (ct.role === 'init' ? ct.exitCode !== 0 : restartable(k, ct))) || (ct.state === 'waiting' && ct.reason === 'CrashLoopBackOff'));
    if (dead.length === 0) { if (k.rt.initialized) afterStart(k); else startNext(k); return; }
    const first = dead[0];
    if (first.state === 'terminated') {
      const expired = k.rt.crashRestartAt !== undefined && k.c.now - k.rt.crashRestartAt > 2 * MAX_CRASH_BACKOFF_SEC * 1000;
      const backoff = expired ? 0 : k.rt.crashBackoffSec;
      for (const ct of dead) {
        ct.last = endedRun(ct);
        if (backoff > 0) Object.assign(ct, { state: 'waiting', reason: 'CrashLoopBackOff', message: `back-off ${formatGoDuration(backoff * 1000)} restarting failed container=${ct.name} pod=${podRef(k)}` });
      }
      k.rt.crashBackoffSec = backoff === 0 ? 10 : Math.min(MAX_CRASH_BACKOFF_SEC, backoff * 2);
      if (backoff > 0) {
        for (const ct of dead) emit(k, 'Warning', 'BackOff', `Back-off restarting failed container ${ct.name} in pod ${podRef(k)}`, ct);
        flush(k);
        goto(k.c, k.rt, 'crash-backoff', backoff * 1000);
        return;
      }
    }
    k.rt.crashRestartAt = k.c.now;
    for (const ct of dead) {
      ct.restartCount++;
      Object.assign(ct, { state: 'waiting', reason: defaultWaitingReason(k.rt), message: undefined, startedAt: undefined });
    }
    if (k.rt.initialized) k.rt.ci = nextToStart(k.rt, 0);
    goto(k.c, k.rt, 'pull', 0);
  },
  // Models kuberuntime_container.go killContainer: SIGTERM, then SIGKILL when the grace period ends; the
  // runtime always gets at least minimumGracePeriodInSeconds (2 s) before the SIGKILL.
  killing(k) {
    // SyncTerminatingPod: the liveness and startup workers stop; readiness goes on probing while the pod terminates.
    stopLivenessAndStartup(k.rt);
    const grace = Math.max(MIN_GRACE_SECONDS, k.pod.metadata?.deletionGracePeriodSeconds ?? k.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    let stopMs = 0;
    // kuberuntime_container.go killContainersWithSyncResult stops every running container at once, one
    // goroutine each, so the Killing events come in no set order: here regular containers, then init containers
    // last to first. That sidecars wait for the regular ones to exit (terminationOrdering) is not modelled.
    // By index over both lists (the inits backwards), without the copies and their iterators.
    const { containers, inits } = k.rt;
    for (let i = 0; i < containers.length + inits.length; i++) {
      const ct = i < containers.length ? containers[i] : inits[inits.length - 1 - (i - containers.length)];
      if (ct.state !== 'running') continue;
      emit(k, 'Normal', 'Killing', `Stopping container ${ct.name}`, ct);
      stopMs = Math.max(stopMs, signalStop(k, ct, grace));
    }
    goto(k.c, k.rt, 'stopped', stopMs + jitter(k.c, TIMINGS.killing));
  },
  // A running container whose definition (its image) changed is stopped and started again with the new one,
  // whatever the restart policy. Models kuberuntime_manager.go computePodActions (containerChanged: "Container
  // %s definition changed, will be restarted") and killContainer, with the pod's termination grace period.
  redefine(k) {
    const grace = Math.max(MIN_GRACE_SECONDS, k.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    let stopMs = 0;
    for (const ct of k.rt.containers) {
      if (ct.state !== 'running' || !k.rt.redefining?.includes(ct.name)) continue;
      emit(k, 'Normal', 'Killing', `Container ${ct.name} definition changed, will be restarted`, ct);
      stopMs = Math.max(stopMs, signalStop(k, ct, grace));
    }
    goto(k.c, k.rt, 'redefined', stopMs + jitter(k.c, TIMINGS.killing));
  },
  // The stopped containers are started again, from the new image (a new container, not a crash: no back-off).
  // Until the new one is created the status shows the run that ended (Completed), as the kubelet reports the
  // runtime's latest container; `start` then makes it the last state and counts the restart.
  redefined(k) {
    const now = rfc3339(k.c.wallNow());
    for (const ct of k.rt.containers) {
      if (ct.state !== 'running' || !k.rt.redefining?.includes(ct.name)) continue;
      terminateOne(k, ct, ct.exitCode ?? 0, ct.exitCode === 0 ? 'Completed' : 'Error', now);
      ct.image = specOf(k, ct)?.image ?? ct.image;
    }
    applyReadiness(k);
    flush(k);
    k.rt.ci = Math.max(0, nextToStart(k.rt, 0));
    goto(k.c, k.rt, 'pull', 0);
  },
  // Containers are gone: report terminal status, then confirm the deletion (grace period 0).
  stopped(k) {
    // One pass over both lists (regular containers, then inits), counting instead of filtering into new arrays.
    const { containers, inits } = k.rt;
    let main = 0, mainFailed = false;
    for (let i = 0; i < containers.length + inits.length; i++) {
      const ct = i < containers.length ? containers[i] : inits[i - containers.length];
      if (ct.state !== 'running') continue;
      terminateOne(k, ct, ct.exitCode ?? 0, ct.exitCode === 0 ? 'Completed' : 'Error', rfc3339(k.c.wallNow()));
      if (ct.role === 'main') { main++; if (ct.exitCode !== 0) mainFailed = true; }
    }
    // kubelet_pods.go getPhase: the regular containers decide Succeeded or Failed; sidecars do not count.
    if (!k.rt.initialized) terminateUninitialized(k.rt);
    else if (main && k.rt.phase !== 'Failed') k.rt.phase = mainFailed ? 'Failed' : 'Succeeded';
    flush(k);
    k.c.store.delete('Pod', k.rt.ns, k.rt.name, { gracePeriodSeconds: 0, uid: k.rt.uid });
  },
  failed() {},
};

/**
 * Sends a running container SIGTERM with `graceMs` before the SIGKILL: its exit code (0 when the process exits on
 * SIGTERM in time, else 137) and the ms until it is gone.
 */
function signalStop(k: StageCtx, ct: ContainerRuntime, graceMs: number): number {
  // The runtime's stop jitter is drawn for every container, so the PRNG's stream does not depend on what runs in it.
  const jitterMs = jitter(k.c, TIMINGS.stopJitter);
  if (ct.script) {
    // The container's process is a script the model runs (or `sleep`), PID 1 of its container: it ignores SIGTERM
    // unless it trapped it, and then runs the trap once its sleep is over (scriptStepDue), which may end it sooner.
    // A script paused in `wait` for background jobs takes the signal at once: the wait returns and the trap runs.
    if (ct.script.traps?.some(([sig, action]) => sig === 'TERM' && action)) {
      ct.script.signal = 'TERM';
      if (ct.script.frames[ct.script.frames.length - 1]?.wait) scriptSleeps(k.c, k.rt, ct, 0);
    }
    ct.exitCode = 137;
    return graceMs;
  }
  const sigterm = (lookupImage(ct.image)?.sigtermMs ?? 300) + jitterMs;
  ct.exitCode = sigterm < graceMs ? 0 : 137;
  return Math.min(sigterm, graceMs);
}

/**
 * After regular containers ended: under restartPolicy Never (or OnFailure, once every container succeeded) nothing
 * restarts, and a pod whose regular containers all ended is Succeeded, or Failed if one of them failed; else the
 * crash back-off restarts them.
 */
export function afterExit(k: StageCtx): void {
  const policy = k.pod.spec?.restartPolicy ?? 'Always';
  const main = k.rt.containers;
  const allEnded = main.every((ct) => ct.state === 'terminated');
  if (policy !== 'Always' && allEnded && (policy === 'Never' || main.every((ct) => ct.exitCode === 0))) {
    k.rt.phase = main.some((ct) => ct.exitCode !== 0) ? 'Failed' : 'Succeeded';
    flush(k);
    goto(k.c, k.rt, 'failed', null);
    return;
  }
  flush(k);
  // Nothing to restart (restartPolicy Never, or OnFailure after a success): the others run on.
  if (!main.some((ct) => restartable(k, ct))) { awaitEnds(k); return; }
  goto(k.c, k.rt, 'crash-backoff', jitter(k.c, TIMINGS.crashSync));
}

/** Whether a regular container that ended is started again under the pod's restartPolicy (Always, or OnFailure after a failure). */
function restartable(k: StageCtx, ct: ContainerRuntime): boolean {
  const policy = k.pod.spec?.restartPolicy ?? 'Always';
  return ct.state === 'terminated' && (policy === 'Always' || (policy === 'OnFailure' && ct.exitCode !== 0));
}

/**
 * Models kuberuntime_manager.go computePodActions for a container whose liveness or startup probe failed: it is
 * killed (`Container X failed liveness probe, will be restarted`) with the pod's grace period, or the probe's own
 * terminationGracePeriodSeconds, and started again. False when the pod was doing something else.
 */
export function killUnhealthy(k: StageCtx, container: string, type: 'liveness' | 'startup'): boolean {
  const { rt } = k;
  const ct = rt.containers.find((x) => x.name === container);
  // From the resting stages only: running, or waiting for a process that ends by itself ('exited').
  if (rt.terminating || (rt.stage !== 'running' && rt.stage !== 'exited') || !ct || ct.state !== 'running') return false;
  const restart = k.pod.spec?.restartPolicy !== 'Never';
  const message = `Container ${container} failed ${type} probe`;
  emit(k, 'Normal', 'Killing', restart ? `${message}, will be restarted` : message, ct);
  const probeGrace = probeOf(specOf(k, ct), type)?.terminationGracePeriodSeconds;
  const grace = Math.max(MIN_GRACE_SECONDS, probeGrace ?? k.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const stopMs = signalStop(k, ct, grace);
  rt.unhealthy = [container];
  goto(k.c, rt, 'unhealthy', stopMs + jitter(k.c, TIMINGS.killing));
  return true;
}

/** A terminated container's run, as its last state. */
function endedRun(ct: ContainerRuntime): NonNullable<ContainerRuntime['last']> {
  return {
    exitCode: ct.exitCode ?? 0, reason: ct.reason ?? 'Completed', startedAt: ct.startedAt!, finishedAt: ct.finishedAt!, containerID: ct.containerID ?? '',
    ...(ct.nginx ? { nginx: ct.nginx } : {}),
  };
}

/**
 * Records a container's ended run as its last state (when it ran) and makes it wait to start again, counted as
 * a restart, from `image` when given.
 */
function restartAs(rt: PodRuntime, ct: ContainerRuntime, image: string | undefined): void {
  if (ct.state === 'terminated') ct.last = endedRun(ct);
  if (ct.state === 'terminated' || ct.reason === 'CrashLoopBackOff') ct.restartCount++;
  if (image !== undefined) ct.image = image;
  Object.assign(ct, { state: 'waiting', reason: defaultWaitingReason(rt), message: undefined, startedAt: undefined, ready: false, started: false, nginx: undefined });
}

/**
 * The pod's spec changed the image of regular containers (an update the API server allows). A running one is
 * stopped and started again (the `redefine` stage); one that is not running (waiting on a pull back-off, crashed,
 * not started yet) starts from the new image, at once when the kubelet was only waiting on a back-off: a new
 * image has no back-off of its own.
 */
export function containersRedefined(k: StageCtx): void {
  const { rt, pod } = k;
  if (rt.terminating || rt.stage === 'failed' || rt.stage === 'killing' || rt.stage === 'stopped') return;
  const changed: Array<{ ct: ContainerRuntime; image: string }> = [];
  for (const ct of rt.containers) {
    const spec = containerSpec(pod, ct);
    if (spec && (spec.image ?? '') !== ct.image) changed.push({ ct, image: spec.image ?? '' });
  }
  if (!changed.length) return;
  const running = changed.filter((x) => x.ct.state === 'running');
  for (const x of changed) if (x.ct.state !== 'running') x.ct.image = x.image;
  if (!rt.initialized) return;
  if (running.length) {
    if (rt.stage === 'redefine' || rt.stage === 'redefined') return;
    rt.redefining = [...(rt.redefining ?? []), ...running.map((x) => x.ct.name)];
    goto(k.c, rt, 'redefine', jitter(k.c, TIMINGS.killing));
    return;
  }
  if (rt.stage !== 'pull-backoff' && rt.stage !== 'pull-failed' && rt.stage !== 'crash-backoff' && rt.stage !== 'pull' && rt.stage !== 'pulled') return;
  // A container already waiting to start again after its redefinition counts that restart when it starts.
  for (const x of changed) if (!rt.redefining?.includes(x.ct.name)) restartAs(rt, x.ct, undefined);
  rt.pullBackoffSec = 0;
  applyReadiness(k);
  flush(k);
  rt.ci = Math.max(0, nextToStart(rt, 0));
  goto(k.c, rt, 'pull', 0);
}

/** Runs one stage of the table. */
export function runStage(stage: StageName, k: StageCtx): void {
  STAGES[stage](k);
}

/** The timer kind of each stage, `kubelet/<stage>`. */
export const STAGE_KINDS = Object.fromEntries(Object.keys(STAGES).map((s) => [s, `kubelet/${s}`])) as Record<StageName, string>;

// The stage of a timer kind: one Map lookup of the timer's (constant) kind string, where slicing the kind and
// looking the piece up in the table hashed a new string on every pass.
const KIND_STAGES = new Map(Object.entries(STAGE_KINDS).map(([s, kind]) => [kind, s as StageName]));

/** The stage a `kubelet/<stage>` timer kind names, or undefined for any other kind. */
export function stageOfKind(kind: string): StageName | undefined {
  return KIND_STAGES.get(kind);
}
