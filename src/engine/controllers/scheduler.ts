// The default scheduler: places each unscheduled pod ~50 ms after it appears. Filters nodes (filters.ts:
// taints, selectors, pod slots and requested resources, volumes; feasible.ts finds the best nodes without
// filtering all of them), scores by fewest pods (ties broken by the seeded PRNG, as upstream picks randomly among equal scores),
// handles WaitForFirstConsumer claims (select a node, wait until the claims are bound) and reports
// FailedScheduling with the upstream texts. Unschedulable pods retry when nodes or claims change.
import { isPodTerminal } from '../api/pod-util.ts';
import type { Cluster, Controller } from '../cluster.ts';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types.ts';
import type { PodCondition } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../clock/time.ts';
import { filterNode, fitErrorMessage, type NodeFailure, type NodeUsage } from './scheduler/filters.ts';
import { podRequests } from './scheduler/resources.ts';
import { leastLoadedFeasible, type NodeLoads } from './scheduler/feasible.ts';
import { EngineCheckError } from '../checks.ts';
import { merged, sameJson } from '../api/json-util.ts';

/** Annotation the scheduler puts on a WaitForFirstConsumer claim to pick the node to provision on. */
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const SCHEDULE_DELAY_MS = 50;
// Models the scheduling queue's podMaxInUnschedulablePodsDuration flush (5 min).
const RETRY_MS = 300_000;

interface SchedulerState {
  /** Unscheduled pods known to the queue, by `ns/name`. */
  pending: Record<string, true>;
  /** Node chosen for a pod whose claims are being provisioned there. */
  assumed: Record<string, string>;
  /** Non-terminal pods per node, and where each pod (by uid) was counted. */
  counts: Record<string, number>;
  placed: Record<string, string>;
  /** Requests of those pods added up per node: [milli-CPU, memory bytes, ephemeral-storage bytes]. */
  requested: Record<string, [number, number, number]>;
}

const state = (c: Cluster): SchedulerState =>
  c.ext<SchedulerState>('scheduler', () => ({ pending: {}, assumed: {}, counts: {}, placed: {}, requested: {} }));

const keyOf = (p: Pod): string => `${p.metadata!.namespace}/${p.metadata!.name}`;
const isOurs = (p: Pod): boolean => !p.spec?.schedulerName || p.spec.schedulerName === 'default-scheduler';

// `pending` again as a Set (derived, not part of the state: rebuilt from it when missing, as after a snapshot
// restore, and written through with it). Membership and emptiness are read from it: a lookup in the record with a
// freshly built key costs a string-table probe, an emptiness test of the record lists its keys, and a pod already
// queued is not written again.
interface Mirrors { pending: Set<string> }
const mirrorIndexes = new WeakMap<SchedulerState, Mirrors>();

function mirrors(st: SchedulerState, checks: boolean): Mirrors {
  let m = mirrorIndexes.get(st);
  if (!m) {
    m = { pending: new Set(Object.keys(st.pending)) };
    mirrorIndexes.set(st, m);
  } else if (checks) checkMirrors(st, m);
  return m;
}

// Checks mode: the mirror holds what the state holds.
function checkMirrors(st: SchedulerState, m: Mirrors): void {
  const pending = Object.keys(st.pending);
  if (pending.length !== m.pending.size || pending.some((k) => !m.pending.has(k))) {
    throw new EngineCheckError(`scheduler's pending set ${JSON.stringify([...m.pending])} differs from its state ${JSON.stringify(pending)}`);
  }
}

function addPending(st: SchedulerState, m: Mirrors, key: string): void {
  if (m.pending.has(key)) return;
  m.pending.add(key);
  st.pending[key] = true;
}

function dropPending(st: SchedulerState, m: Mirrors, key: string): void {
  if (m.pending.delete(key)) delete st.pending[key];
}

// Adds (d = 1) or removes (d = -1) a pod's requests on a node (a pod's requests never change once stored).
function charge(st: SchedulerState, node: string, pod: Pod, d: 1 | -1): void {
  const r = podRequests(pod);
  const t = (st.requested[node] ??= [0, 0, 0]);
  t[0] += d * r.milliCPU; t[1] += d * r.memory; t[2] += d * r.ephemeral;
}

// Keeps the per-node index of non-terminal pods and their requests (the scheduler cache's NodeInfo), so
// neither filtering nor scoring scans all pods.
// Returns whether the pod left its node without taking another (a slot and its requests were freed).
function recount(st: SchedulerState, pod: Pod, uid: string, gone: boolean): boolean {
  const want = !gone && !isPodTerminal(pod) ? pod.spec?.nodeName : undefined;
  const had = st.placed[uid];
  if (had === want) return false;
  if (had) { st.counts[had] = (st.counts[had] ?? 1) - 1; charge(st, had, pod, -1); delete st.placed[uid]; refreshLoad(st, had); }
  if (want) { st.counts[want] = (st.counts[want] ?? 0) + 1; charge(st, want, pod, 1); st.placed[uid] = want; refreshLoad(st, want); }
  return !!had && !want;
}

// The same numbers as live objects per node (derived, not part of the state: rebuilt from it when missing,
// as after a snapshot restore), so a scheduling attempt reads them by node position (feasible.ts).
const loadIndexes = new WeakMap<SchedulerState, NodeLoads>();

const noLoad = (): NodeUsage => ({ pods: 0, milliCPU: 0, memory: 0, ephemeral: 0 });

function loadsOf(st: SchedulerState): NodeLoads {
  let loads = loadIndexes.get(st);
  if (!loads) {
    loads = new Map();
    for (const node of new Set([...Object.keys(st.counts), ...Object.keys(st.requested)])) {
      loads.set(node, usage(st, node, noLoad()));
    }
    loadIndexes.set(st, loads);
  }
  return loads;
}

function refreshLoad(st: SchedulerState, node: string): void {
  const loads = loadIndexes.get(st);
  if (!loads) return;
  const u = loads.get(node);
  if (u) usage(st, node, u);
  else loads.set(node, usage(st, node, noLoad()));
}

/** What the scheduler's cache says a node carries (into `out`, reused across the nodes of one attempt). */
function usage(st: SchedulerState, node: string, out: NodeUsage): NodeUsage {
  const r = st.requested[node];
  out.pods = st.counts[node] ?? 0;
  out.milliCPU = r ? r[0] : 0; out.memory = r ? r[1] : 0; out.ephemeral = r ? r[2] : 0;
  return out;
}

function setScheduledCondition(c: Cluster, pod: Pod, cond: Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>): Pod {
  const conds = (pod.status?.conditions ?? []).filter((x) => x.type !== 'PodScheduled');
  const prev = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
  const next: PodCondition = {
    ...cond, lastProbeTime: null as unknown as string,
    lastTransitionTime: prev && prev.status === cond.status && prev.lastTransitionTime ? prev.lastTransitionTime : rfc3339(c.wallNow()),
  };
  if (prev && sameJson({ ...prev }, next)) return pod;
  const status = { phase: 'Pending', ...(pod.status ?? {}), conditions: [...conds, next] };
  const r = c.store.update('Pod', { ...pod, status }, { subresource: 'status', trusted: true });
  return r.ok ? r.object : pod;
}

function unschedulable(c: Cluster, pod: Pod, message: string): void {
  c.event({ object: pod, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler', action: 'Scheduling' });
  setScheduledCondition(c, pod, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message });
  c.trace({ type: 'scheduler.unschedulable', object: { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name! }, detail: { message } });
  c.enqueue('scheduler/pod', keyOf(pod), RETRY_MS);
}

// Models pkg/scheduler/schedule_one.go bind + DefaultBinder: POST pods/binding (spec.nodeName and
// PodScheduled in one write), then the Scheduled event. `key` is the pod's queue key and `m` the mirrors of `st`,
// as the scheduling pass has them (not built again).
function bind(c: Cluster, st: SchedulerState, m: Mirrors, pod: Pod, key: string, node: string): void {
  const r = c.store.bind(pod.metadata!.namespace!, pod.metadata!.name!, node, { uid: pod.metadata!.uid });
  if (!r.ok) return;
  dropPending(st, m, key);
  delete st.assumed[key];
  // The event names the pod as the scheduler's cache saw it (the resourceVersion before the binding).
  c.event({ object: pod, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${key} to ${node}`, component: 'default-scheduler', action: 'Binding' });
  c.trace({ type: 'scheduler.bound', object: { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name! }, detail: { node } });
}

interface ClaimCheck { error?: string; bound: readonly PersistentVolume[]; waiting: readonly PersistentVolumeClaim[] }

// The lists start as this shared empty one and become a literal at their first element (a push onto a fresh `[]`
// would allocate room for 17; a pod has one or two claims).
const NONE: readonly never[] = Object.freeze([]);
const plus = <T>(list: readonly T[], x: T): readonly T[] => (list.length ? [...list, x] : [x]);

// Models volumebinding PreFilter: missing, deleting and unbound immediate claims stop scheduling outright.
function checkClaims(c: Cluster, pod: Pod): ClaimCheck {
  const ns = pod.metadata!.namespace!;
  const out: ClaimCheck = { bound: NONE, waiting: NONE };
  let immediate = false;
  for (const v of pod.spec?.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const pvc = c.store.get('PersistentVolumeClaim', ns, name);
    if (!pvc) return { ...out, error: `persistentvolumeclaim "${name}" not found` };
    if (pvc.metadata?.deletionTimestamp) return { ...out, error: `persistentvolumeclaim "${name}" is being deleted` };
    if (pvc.spec?.volumeName) {
      const pv = c.store.get('PersistentVolume', '', pvc.spec.volumeName);
      if (pv) out.bound = plus(out.bound, pv);
      continue;
    }
    const className = pvc.spec?.storageClassName ?? defaultClass(c);
    const sc = className ? c.store.get('StorageClass', '', className) : undefined;
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer') out.waiting = plus(out.waiting, pvc);
    else immediate = true;
  }
  if (immediate) out.error = 'pod has unbound immediate PersistentVolumeClaims';
  return out;
}

/** Name of the default StorageClass, if any. */
export function defaultClass(c: Cluster): string | undefined {
  // The store's own list (no copy): only read here.
  return c.store.view('StorageClass').find((s) => s.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata?.name;
}

// Models pkg/scheduler/schedule_one.go schedulePod: filter, score (fewest pods), select host among the best
// at random. Upstream (numFeasibleNodesToFind) filters every node of a cluster under 100 nodes; a larger one
// stops after max(100, N·(50 − N/125)%) feasible nodes, which only a cluster of more than 100 workers (the
// bench's) could notice. The best nodes come from leastLoadedFeasible (which skips the filters where their
// answer cannot matter); the reasons of every node only when none fits (FitError), from the full pass (the caller
// runs it: no result object per pass).
function pickNode(c: Cluster, st: SchedulerState, pod: Pod, nodes: readonly Node[], bound: readonly PersistentVolume[]): string | undefined {
  const ties = leastLoadedFeasible(pod, nodes, loadsOf(st), bound);
  if (c.checks) checkTies(st, pod, nodes, bound, ties);
  return ties.length === 0 ? undefined : ties[Math.floor(c.random() * ties.length)];
}

// Every filter on every node, in node order: how each failing node fails, and the feasible nodes with the
// fewest pods.
function filterAll(st: SchedulerState, pod: Pod, nodes: readonly Node[], bound: readonly PersistentVolume[]): { ties: string[]; failures: NodeFailure[] } {
  const failures: NodeFailure[] = [];
  const ties: string[] = [];
  let least = Infinity;
  const used: NodeUsage = { pods: 0, milliCPU: 0, memory: 0, ephemeral: 0 };
  for (const n of nodes) {
    const name = n.metadata!.name!;
    const f = filterNode(pod, n, usage(st, name, used), bound);
    if (f) { failures.push(f); continue; }
    if (used.pods < least) { least = used.pods; ties.length = 0; }
    if (used.pods === least) ties.push(name);
  }
  return { ties, failures };
}

// Checks mode: the live usage objects hold the state's numbers, and the fast path's choice list equals the
// full filter pass's.
function checkTies(st: SchedulerState, pod: Pod, nodes: readonly Node[], bound: readonly PersistentVolume[], ties: readonly string[]): void {
  const want = noLoad();
  for (const [node, u] of loadsOf(st)) {
    usage(st, node, want);
    if (u.pods !== want.pods || u.milliCPU !== want.milliCPU || u.memory !== want.memory || u.ephemeral !== want.ephemeral) {
      throw new EngineCheckError(`scheduler's usage of node ${node} is ${JSON.stringify(u)}, its state ${JSON.stringify(want)}`);
    }
  }
  const full = filterAll(st, pod, nodes, bound).ties;
  if (full.length !== ties.length || full.some((n, i) => n !== ties[i])) {
    throw new EngineCheckError(`scheduler's feasible nodes for ${keyOf(pod)} are ${JSON.stringify(ties)}, the full filter pass finds ${JSON.stringify(full)}`);
  }
}

function schedule(c: Cluster, key: string): void {
  const st = state(c);
  const m = mirrors(st, c.checks);
  const slash = key.indexOf('/');
  const pod = c.store.get('Pod', key.slice(0, slash), key.slice(slash + 1));
  if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp || !isOurs(pod)) {
    dropPending(st, m, key);
    delete st.assumed[key];
    return;
  }
  addPending(st, m, key);
  const nodes = c.store.view('Node');
  const claims = checkClaims(c, pod);
  if (claims.error) { unschedulable(c, pod, fitErrorMessage(nodes.length, claims.error)); return; }
  const assumed = st.assumed[key];
  if (assumed && c.store.get('Node', '', assumed)) {
    if (claims.waiting.length === 0) bind(c, st, m, pod, key, assumed);
    return;
  }
  const node = pickNode(c, st, pod, nodes, claims.bound);
  if (!node) { unschedulable(c, pod, fitErrorMessage(nodes.length, filterAll(st, pod, nodes, claims.bound).failures)); return; }
  if (claims.waiting.length === 0) { bind(c, st, m, pod, key, node); return; }
  // Models volumebinding PreBind (AssumePodVolumes + BindPodVolumes): pick the node, then wait for binding.
  st.assumed[key] = node;
  for (const pvc of claims.waiting) {
    if (pvc.metadata?.annotations?.[SELECTED_NODE] === node) continue;
    // A trusted write may share the untouched parts with the stored claim: no deep copy needed.
    const annotations = merged(pvc.metadata!.annotations, { [SELECTED_NODE]: node });
    c.store.update('PersistentVolumeClaim', { ...pvc, metadata: merged(pvc.metadata, { annotations }) }, { trusted: true });
  }
  c.trace({ type: 'scheduler.waiting', object: { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name! }, detail: { node, claims: claims.waiting.length } });
}

function retryPending(c: Cluster, ns?: string): void {
  const pending = mirrors(state(c), c.checks).pending;
  // Most claim writes find the queue empty: no key list to build and sort.
  if (!pending.size) return;
  const prefix = ns === undefined ? '' : `${ns}/`;
  for (const k of [...pending].sort()) {
    if (k.startsWith(prefix)) c.enqueue('scheduler/pod', k, SCHEDULE_DELAY_MS);
  }
}

/**
 * The scheduler cache against the store: per node, the non-terminal pods bound to it and their requests,
 * added up. Violations as sentences (the invariant checks run this after every pass).
 */
export function checkSchedulerCache(c: Cluster): string[] {
  const st = state(c);
  const want = new Map<string, [number, number, number, number]>();
  for (const pod of c.store.list('Pod')) {
    const node = pod.spec?.nodeName;
    if (!node || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const r = podRequests(pod);
    const t = want.get(node) ?? [0, 0, 0, 0];
    t[0]++; t[1] += r.milliCPU; t[2] += r.memory; t[3] += r.ephemeral;
    want.set(node, t);
  }
  const out: string[] = [];
  for (const node of new Set([...want.keys(), ...Object.keys(st.counts)])) {
    const w = want.get(node) ?? [0, 0, 0, 0];
    const u = usage(st, node, { pods: 0, milliCPU: 0, memory: 0, ephemeral: 0 });
    const have = [u.pods, u.milliCPU, u.memory, u.ephemeral];
    if (have.some((v, i) => v !== w[i])) out.push(`scheduler cache of node ${node} holds [pods, mCPU, memory, ephemeral] ${JSON.stringify(have)}, the store ${JSON.stringify(w)}`);
  }
  return out;
}

/** The scheduler controller. Timer `scheduler/pod`, key `ns/name`. */
export const schedulerController: Controller = {
  name: 'scheduler',
  kinds: ['Pod', 'Node', 'PersistentVolumeClaim', 'StorageClass'],
  onChange(e, c) {
    if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      // Most pod writes are status writes of a bound pod that stays on its node, terminal or not as before: the
      // cache (which saw the previous version) is right as it is, and a bound pod is not the queue's.
      const old = e.old as Pod | undefined;
      if (e.type === 'MODIFIED' && old?.spec?.nodeName && old.spec.nodeName === pod.spec?.nodeName && isPodTerminal(old) === isPodTerminal(pod)) return;
      const st = state(c);
      const m = mirrors(st, c.checks);
      const nodeName = pod.spec?.nodeName;
      // A pod on no node in this version nor the one before is counted nowhere (nodeName is never unset): no
      // recount (checks mode verifies). A pod leaving a node frees a slot and its requests: pods that did not
      // fit try again (the NodeResourcesFit queueing hint for an assigned pod's deletion).
      if (nodeName || old?.spec?.nodeName) {
        if (recount(st, pod, pod.metadata!.uid!, e.type === 'DELETED') && m.pending.size) retryPending(c);
      } else if (c.checks && st.placed[pod.metadata!.uid!] !== undefined) {
        throw new EngineCheckError(`scheduler counts pod ${keyOf(pod)} on node ${st.placed[pod.metadata!.uid!]}, but it is on none`);
      }
      if (nodeName) return;
      // The queue key, built once.
      const key = keyOf(pod);
      // A pod deleted while it waited leaves the queue (its retry would find nothing to do).
      if (e.type === 'DELETED') {
        if (m.pending.has(key)) {
          dropPending(st, m, key);
          delete st.assumed[key];
          c.cancel('scheduler/pod', key);
        }
        return;
      }
      if (pod.metadata?.deletionTimestamp || !isOurs(pod)) return;
      if (!m.pending.has(key)) c.enqueue('scheduler/pod', key, SCHEDULE_DELAY_MS);
    } else if (e.kind === 'Node' && e.type !== 'DELETED') {
      const n = e.object as Node;
      const o = e.old as Node | undefined;
      if (!o || !sameJson(n.spec, o.spec)) retryPending(c);
    } else if (e.kind === 'PersistentVolumeClaim' && e.type !== 'DELETED') {
      retryPending(c, e.object.metadata!.namespace);
    } else if (e.kind === 'StorageClass' && e.type !== 'DELETED') {
      // VolumeBinding's queueing hint: a class added (or changed) may be the one an unbound claim names.
      retryPending(c);
    }
  },
  run(kind, key, c) {
    if (kind === 'scheduler/pod') schedule(c, key);
  },
};
