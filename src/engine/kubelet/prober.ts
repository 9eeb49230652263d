// The kubelet's prober: one worker per probe of a regular container (startup, readiness, liveness), ticking every
// periodSeconds from the pod's admission, as pkg/kubelet/prober's manager and workers do. A worker's result
// decides whether its container has started and is ready, and a liveness or startup failure has the container
// killed and restarted. A probe reaches what the simulation models: nginx's answer on port 80 (it logs the
// kubelet's request), a refused connection elsewhere, and for exec probes the container's own shell and files.
// Models prober_manager.go (AddPod, UpdatePodStatus), worker.go (doProbe) and prober.go (probe, the Unhealthy
// events); the handlers follow pkg/probe/http, tcp, exec and grpc.
import type { Cluster } from '../cluster.ts';
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { Pod } from '../api/types.ts';
import { parseRfc3339 } from '../clock/time.ts';
import { KUBE_VERSION } from '../version.ts';
import { execInPod } from '../exec/exec.ts';
import { hasUnmodelled } from '../exec/shell.ts';
import { listening, probeGet } from '../exec/net.ts';
import { formatGoDuration } from './durations.ts';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';
import { isNodeDown, kubeletState } from './runtime.ts';

/** The three kinds of probe, in the order the manager starts their workers. */
export type ProbeType = 'startup' | 'readiness' | 'liveness';
const TYPES: readonly ProbeType[] = ['startup', 'readiness', 'liveness'];

/** A result as the results managers keep it (`unknown`: the startup probe's value until it has run). */
export type ProbeResult = 'success' | 'failure' | 'unknown';

/** One probe worker's state (serializable, kept in the pod's runtime record). */
export interface ProbeWorker {
  container: string;
  type: ProbeType;
  /** The container instance the worker last saw; its result is about that instance only. */
  containerID: string | undefined;
  /** What the results manager holds for `containerID` (undefined: nothing yet). */
  result: ProbeResult | undefined;
  /** The last probe's own result and how many times in a row it came out so. */
  last: ProbeResult | undefined;
  run: number;
  /** What the last probe said (the text of its Unhealthy event), for the trace. */
  output: string;
  /** After a liveness or startup verdict: no probing until the container is a new one. */
  onHold: boolean;
  /** The worker has exited (pod terminated, or liveness and startup stopped at termination). */
  stopped: boolean;
  /** The last probe could not be run (a probe error): its result was thrown away. */
  errored: boolean;
  /** Something the probe reads may have changed since it last ran (a file written by exec or cp). */
  dirty: boolean;
  /** Timer generation: a tick carries the value it was set with; an older tick is ignored. */
  seq: number;
  /** The last verdict said in the trace, `<containerID> <result>` (each is said once per container). */
  traced: string;
}

/** The timer kind of a probe tick; key `<pod uid>/<worker index>:<seq>`. */
export const PROBE_TICK = 'kubelet/probe';

/** The initial result of a worker's new container: readiness fails, liveness passes, startup is unknown. */
const INITIAL: Record<ProbeType, ProbeResult> = { readiness: 'failure', liveness: 'success', startup: 'unknown' };
const TITLE: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };

/** What a probe's handler answered: a result and its output, or an error (the result is then thrown away). */
type Outcome = { result: 'success' | 'failure'; output: string } | { error: string };

/** Hooks the prober needs from the stage table (passed in to keep the modules acyclic). */
export interface ProberHooks {
  /** Recomputes the containers' started and ready flags and writes the status if it changed. */
  refresh(c: Cluster, rt: PodRuntime): void;
  /** Records a kubelet event about a container of the pod. */
  event(c: Cluster, rt: PodRuntime, type: 'Normal' | 'Warning', reason: string, message: string, container: string): void;
  /**
   * Kills the container for a failed liveness or startup probe (SyncPod's computePodActions), to be restarted;
   * false when the pod is doing something else (the verdict is then given again).
   */
  kill(c: Cluster, rt: PodRuntime, container: string, type: 'liveness' | 'startup'): boolean;
}

let hooks: ProberHooks | undefined;
/** Installs the stage table's hooks (stages.ts does, once). */
export function setProberHooks(h: ProberHooks): void {
  hooks = h;
}

/** The probe of a type in a container spec. */
export function probeOf(spec: Container | undefined, type: ProbeType): Probe | undefined {
  return type === 'readiness' ? spec?.readinessProbe : type === 'liveness' ? spec?.livenessProbe : spec?.startupProbe;
}

const specOf = (pod: Pod, name: string): Container | undefined => pod.spec?.containers?.find((s) => s.name === name);
const mainOf = (rt: PodRuntime, name: string): ContainerRuntime | undefined => rt.containers.find((ct) => ct.name === name);
const periodMs = (p: Probe | undefined): number => Math.max(1, p?.periodSeconds ?? 10) * 1000;

/**
 * Starts the pod's probe workers as the kubelet admits it (prober_manager.go AddPod): per regular container its
 * startup, readiness and liveness probes. Each worker's first pass finds no container yet; it ticks a period later.
 */
export function addProbeWorkers(c: Cluster, rt: PodRuntime, pod: Pod): void {
  const workers: ProbeWorker[] = [];
  for (const spec of pod.spec?.containers ?? []) {
    for (const type of TYPES) {
      if (!probeOf(spec, type)) continue;
      workers.push({
        container: spec.name, type, containerID: undefined, result: undefined, last: undefined, run: 0, output: '',
        onHold: false, stopped: false, errored: false, dirty: false, seq: 0, traced: '',
      });
    }
  }
  if (!workers.length) return;
  rt.probes = workers;
  workers.forEach((w, i) => scheduleTick(c, rt, i, periodMs(probeOf(specOf(pod, w.container), w.type)), false));
}

// Sets the worker's next pass `delayMs` from now (a new generation: an earlier tick is void). `foreground`: the
// pass may change something, so settling waits for it; else it is background work, run as time passes.
function scheduleTick(c: Cluster, rt: PodRuntime, i: number, delayMs: number, foreground: boolean): void {
  const w = rt.probes![i]!;
  // The tick it replaces is void: dropped from the queue, so that settling does not wait for it.
  c.cancel(PROBE_TICK, `${rt.uid}/${i}:${w.seq}`);
  w.seq++;
  c.enqueue(PROBE_TICK, `${rt.uid}/${i}:${w.seq}`, delayMs, true, !foreground);
}

/** The worker's result for the container instance that runs now (undefined: none for it). */
function resultFor(w: ProbeWorker, ct: ContainerRuntime): ProbeResult | undefined {
  return w.containerID === ct.containerID ? w.result : undefined;
}

/**
 * Models prober_manager.go UpdatePodStatus for a regular container: started once its startup probe succeeded (at
 * once without one), ready once started and its readiness probe succeeded (at once without one).
 */
export function probeState(rt: PodRuntime, ct: ContainerRuntime): { started: boolean; ready: boolean } {
  if (ct.state !== 'running') return { started: false, ready: false };
  let started = true, ready = true;
  for (const w of rt.probes ?? []) {
    if (w.container !== ct.name || w.stopped) continue;
    if (w.type === 'startup') started = resultFor(w, ct) === 'success';
    else if (w.type === 'readiness') ready = resultFor(w, ct) === 'success';
  }
  return { started, ready: started && ready };
}

/**
 * UpdatePodStatus's manual trigger: each readiness worker of a started container whose result is not Success
 * probes `delayMs` from now, and ticks a period after that (the ticker is reset).
 */
export function triggerReadiness(c: Cluster, rt: PodRuntime, pod: Pod, delayMs: number): void {
  const workers = rt.probes;
  if (!workers) return;
  for (let i = 0; i < workers.length; i++) {
    const w = workers[i]!;
    if (w.type !== 'readiness' || w.stopped) continue;
    const ct = mainOf(rt, w.container);
    if (!ct || !probeState(rt, ct).started || resultFor(w, ct) === 'success') continue;
    if (!probeOf(specOf(pod, w.container), 'readiness')) continue;
    scheduleTick(c, rt, i, delayMs, true);
  }
}

/** The fault `ready`: each readiness worker reports Success for the container that runs now. */
export function markReady(rt: PodRuntime): void {
  for (const w of rt.probes ?? []) {
    const ct = mainOf(rt, w.container);
    if (w.type !== 'readiness' || !ct || ct.state !== 'running') continue;
    Object.assign(w, { containerID: ct.containerID, result: 'success', last: 'success', run: 1, output: '', onHold: false });
  }
}

/** Models prober_manager.go StopLivenessAndStartup (the pod is being terminated). */
export function stopLivenessAndStartup(rt: PodRuntime): void {
  for (const w of rt.probes ?? []) if (w.type !== 'readiness') w.stopped = true;
}

// Set while a probe runs: what an exec probe writes does not count as a change its next pass should look at.
let probing = false;

/**
 * Something a probe of the pod reads may have changed (a file written by exec or cp, the kubelet back from a node
 * down): each worker's next pass may come out otherwise, so settling waits for it.
 */
export function probesMayChange(c: Cluster, uid: string): void {
  if (probing) return;
  const rt = kubeletState(c).pods[uid];
  const workers = rt?.probes;
  if (!workers) return;
  for (let i = 0; i < workers.length; i++) {
    const w = workers[i]!;
    if (w.stopped) continue;
    w.dirty = true;
    // The pending tick again, as foreground work at the same instant.
    const pod = c.store.get('Pod', rt.ns, rt.name);
    const spec = pod && probeOf(specOf(pod, w.container), w.type);
    if (spec) scheduleTick(c, rt, i, nextTickIn(c, rt, i, spec), true);
  }
}

// Virtual ms from now to the worker's pending tick, from the timer it set (a period when none is found).
function nextTickIn(c: Cluster, rt: PodRuntime, i: number, spec: Probe): number {
  const at = c.pendingAt(PROBE_TICK, `${rt.uid}/${i}:${rt.probes![i]!.seq}`);
  return at === undefined ? periodMs(spec) : Math.max(0, at - c.now);
}

/** Runs a probe tick (timer PROBE_TICK): one pass of the worker, then its next tick a period later. */
export function probeTick(c: Cluster, key: string): void {
  const slash = key.lastIndexOf('/'), colon = key.lastIndexOf(':');
  const rt = kubeletState(c).pods[key.slice(0, slash)];
  const i = Number(key.slice(slash + 1, colon));
  const w = rt?.probes?.[i];
  if (!rt || !w || w.stopped || w.seq !== Number(key.slice(colon + 1))) return;
  const pod = c.store.get('Pod', rt.ns, rt.name);
  if (!pod || pod.metadata?.uid !== rt.uid) return;
  const spec = probeOf(specOf(pod, w.container), w.type);
  if (!spec) return;
  // A kubelet that is down probes nothing; its workers go on when it is back.
  if (isNodeDown(c, rt.node)) { scheduleTick(c, rt, i, periodMs(spec), false); return; }
  const seq = w.seq;
  if (!doProbe(c, rt, pod, w, spec)) { w.stopped = true; return; }
  // A manual run set during the pass (the sync its update caused) replaces the next tick.
  if (w.stopped || w.seq !== seq) return;
  scheduleTick(c, rt, i, periodMs(spec), unsettled(c, rt, w, spec));
}

// Whether the worker's next pass may change what the status says: a container it has not seen, a probe still in
// its initial delay, a verdict not reported yet, or files changed since the last pass.
function unsettled(c: Cluster, rt: PodRuntime, w: ProbeWorker, spec: Probe): boolean {
  const ct = mainOf(rt, w.container);
  if (!ct || ct.state !== 'running' || !ct.containerID) return false;
  if (w.containerID !== ct.containerID) return true;
  const started = probeState(rt, ct).started;
  if (w.onHold || (w.type === 'startup' ? started : !started)) return false;
  if (w.dirty) return true;
  if (secondsRunning(c, ct) < (spec.initialDelaySeconds ?? 0)) return true;
  if (w.errored) return false;
  return w.last === undefined || w.last !== w.result;
}

// Whole seconds the container has run (the worker compares int32(time.Since(startedAt).Seconds())).
function secondsRunning(c: Cluster, ct: ContainerRuntime): number {
  return Math.floor((c.wallNow() - parseRfc3339(ct.startedAt ?? '')) / 1000);
}

/** Models worker.go doProbe. Returns whether the worker goes on. */
function doProbe(c: Cluster, rt: PodRuntime, pod: Pod, w: ProbeWorker, spec: Probe): boolean {
  if (rt.phase === 'Succeeded' || rt.phase === 'Failed') return false;
  const ct = mainOf(rt, w.container);
  // The status shows no container until it runs: the runtime creates and starts it in one step of a sync.
  if (!ct?.containerID || ct.state === 'waiting') return true;
  if (w.containerID !== ct.containerID) {
    w.containerID = ct.containerID;
    w.errored = false;
    setResult(c, rt, pod, w, INITIAL[w.type], 0);
    w.onHold = false;
  }
  if (w.onHold) return true;
  if (ct.state !== 'running') {
    setResult(c, rt, pod, w, 'failure', 0);
    return ct.state !== 'terminated' || pod.spec?.restartPolicy !== 'Never';
  }
  if (pod.metadata?.deletionTimestamp && w.type !== 'readiness') {
    setResult(c, rt, pod, w, 'success', 0);
    return false;
  }
  if (secondsRunning(c, ct) < (spec.initialDelaySeconds ?? 0)) return true;
  const started = probeState(rt, ct).started;
  if (w.type === 'startup' ? started : !started) return true;
  w.dirty = false;
  probing = true;
  let outcome: Outcome;
  try {
    outcome = runProbe(c, rt, pod, ct, w.type, spec);
  } finally {
    probing = false;
  }
  if ('error' in outcome) {
    w.errored = true;
    hooks?.event(c, rt, 'Warning', 'Unhealthy', `${TITLE[w.type]} probe errored and resulted in unknown state: ${outcome.error}`, w.container);
    return true;
  }
  w.errored = false;
  const result = outcome.result;
  if (result === 'failure') hooks?.event(c, rt, 'Warning', 'Unhealthy', `${TITLE[w.type]} probe failed: ${outcome.output}`, w.container);
  w.output = result === 'failure' ? outcome.output : '';
  if (w.last === result) w.run++;
  else { w.last = result; w.run = 1; }
  const threshold = result === 'failure' ? spec.failureThreshold ?? 3 : spec.successThreshold ?? 1;
  if (w.run < threshold) return true;
  const times = w.run;
  const told = `${ct.containerID} ${result}`;
  if (w.traced !== told) {
    w.traced = told;
    c.trace({
      type: 'kubelet.probe', object: { kind: 'Pod', namespace: rt.ns, name: rt.name }, rule: `${w.type}-${result === 'success' ? 'succeeded' : 'failed'}`,
      detail: { node: rt.node, container: w.container, output: w.output, times },
    });
  }
  // A liveness failure or a startup verdict: no more probing until the container is a new one.
  if ((w.type === 'liveness' && result === 'failure') || w.type === 'startup') {
    w.onHold = true;
    w.run = 0;
  }
  setResult(c, rt, pod, w, result, times);
  return true;
}

/**
 * The results manager's Set: a change is an update the kubelet acts on. Readiness and startup go into the
 * status; a failed liveness or startup probe has the container killed; the pod sync an update causes probes
 * readiness again at once when it is not Success (UpdatePodStatus's manual trigger). `times`: the probes in a row
 * that gave the verdict; 0 for an initial value or a stopped container's.
 */
function setResult(c: Cluster, rt: PodRuntime, pod: Pod, w: ProbeWorker, result: ProbeResult, times: number): void {
  if (w.result === result) return;
  w.result = result;
  const verdict = times > 0;
  hooks?.refresh(c, rt);
  // Started: the container's other probes run from now on.
  if (w.type === 'startup' && result === 'success') probesMayChange(c, rt.uid);
  if (result === 'failure' && w.type !== 'readiness' && verdict && !hooks?.kill(c, rt, w.container, w.type)) {
    // Not killed now: the worker starts over and gives its verdict again.
    w.result = INITIAL[w.type];
    w.onHold = false;
    w.run = 0;
  }
  if (w.type !== 'liveness' || result === 'failure') triggerReadiness(c, rt, pod, SYNC_MS);
}

/** The delay of the pod sync an update causes (the sync loop's dispatch and the pod worker). */
const SYNC_MS = 50;

/** The fault `unready`'s probe failure: what an application that stopped being ready answers. */
export function faultFailure(probe: Probe | undefined, ip: string | undefined): string {
  if (probe?.tcpSocket) return `dial tcp ${ip ?? '127.0.0.1'}:${String(probe.tcpSocket.port)}: connect: connection refused`;
  if (probe?.exec) return 'command failed with exit code 1';
  return 'HTTP probe failed with statuscode: 503';
}

// A probe's port: a number, or the name of one of the container's ports (else not found).
function portOf(port: number | string | undefined, spec: Container | undefined): number | string {
  if (typeof port === 'number') return port;
  const named = spec?.ports?.find((p) => p.name === port)?.containerPort;
  if (named !== undefined) return named;
  const n = /^\d+$/.test(port ?? '') ? Number(port) : NaN;
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : `port ${port ?? ''} not found`;
}

/** The address the kubelet probes from: its node's gateway on the pod network (the pod CIDR's first address). */
function probeSource(c: Cluster, rt: PodRuntime): string {
  const cidr = c.store.get('Node', '', rt.node)?.spec?.podCIDR ?? '10.244.0.0/24';
  const [a, b, cc] = cidr.split('/')[0]!.split('.');
  return `${a}.${b}.${cc}.1`;
}

/** Models prober.go runProbe with the pkg/probe handlers (one attempt: a handler's failure is not retried). */
function runProbe(c: Cluster, rt: PodRuntime, pod: Pod, ct: ContainerRuntime, type: ProbeType, spec: Probe): Outcome {
  if (type === 'readiness' && rt.unready) return { result: 'failure', output: faultFailure(spec, rt.ip) };
  const cspec = specOf(pod, ct.name);
  const ip = rt.ip ?? '';
  if (spec.exec) return execProbe(c, rt, ct, spec.exec.command ?? [], spec.timeoutSeconds ?? 1);
  if (spec.httpGet) {
    const port = portOf(spec.httpGet.port as number | string, cspec);
    if (typeof port === 'string') return { error: port };
    const host = spec.httpGet.host || ip;
    const scheme = (spec.httpGet.scheme ?? 'HTTP').toLowerCase();
    const given = spec.httpGet.path || '/';
    const path = given.startsWith('/') ? given : `/${given}`;
    const url = `${scheme}://${host}:${port}${path}`;
    const r = probeGet(c, pod, { host, port, path, scheme }, probeSource(c, rt), `kube-probe/${KUBE_VERSION.major}.${KUBE_VERSION.minor}`);
    if (r.kind === 'refused') return { result: 'failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (r.kind === 'plain') return { result: 'failure', output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
    if (r.status >= 200 && r.status < 400) return { result: 'success', output: r.body };
    return { result: 'failure', output: `HTTP probe failed with statuscode: ${r.status}` };
  }
  if (spec.tcpSocket) {
    const port = portOf(spec.tcpSocket.port as number | string, cspec);
    if (typeof port === 'string') return { error: port };
    const host = spec.tcpSocket.host || ip;
    return listening(c, pod, host, port) ? { result: 'success', output: '' } : { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (spec.grpc) {
    // The kubelet dials with grpc.WithBlock: a port that refuses (or speaks no HTTP/2) keeps it dialling until the
    // timeout.
    const addr = `${ip}:${spec.grpc.port}`;
    return { result: 'failure', output: `timeout: failed to connect service "${addr}" within ${spec.timeoutSeconds ?? 1}s: context deadline exceeded` };
  }
  return { result: 'success', output: '' };
}

/**
 * Models pkg/probe/exec: the command runs in the container (the runtime's ExecSync); exit status 0 is a success,
 * another a failure with the command's output; a program the image does not have is the runtime's error. A command
 * the simulation does not model is taken to succeed. One whose sleeps outlast timeoutSeconds (they take their time as a
 * container's script's do) is stopped: a failure with the runtime's timeout text (ExecProbeTimeout).
 */
function execProbe(c: Cluster, rt: PodRuntime, ct: ContainerRuntime, command: string[], timeoutSeconds: number): Outcome {
  if (!command.length) return { result: 'success', output: '' };
  const timeoutMs = timeoutSeconds * 1000;
  const r = execInPod(c, { namespace: rt.ns, pod: rt.name, container: ct.name, command, tty: false, timeoutMs });
  if (r.ok && r.timedOut) return { result: 'failure', output: `command timed out: "${command.join(' ')}" timed out after ${formatGoDuration(timeoutMs)}` };
  if (!r.ok) {
    const m = /failed to exec in container: (.*)$/.exec(r.status.message ?? '');
    return { error: `rpc error: code = Unknown desc = failed to exec in container: ${m ? m[1] : r.status.message ?? ''}` };
  }
  const output = r.output.map((o) => o.text).join('');
  if (hasUnmodelled(output)) return { result: 'success', output: '' };
  return r.exitCode === 0 ? { result: 'success', output } : { result: 'failure', output };
}
