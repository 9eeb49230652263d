// Per-set index of the pods a StatefulSet owns, kept current from the watch stream so a sync starts where
// the work is: members by ordinal, status counters, and two bitmaps of slots the planner would pass over
// ("quiet" for the replica phase, "settled" for the rolling update). Derived state only, never part of
// the snapshot: built from the store on first use, rebuilt when the set's spec (beyond its pod template), uid
// or gates change.
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { matchesSelector } from '../../api/labels.ts';
import { sameJson } from '../../api/json-util.ts';
import type { WatchEvent } from '../../store/store.ts';
import {
  getControllerOf, getParentNameAndOrdinal, getPodName, getPodRevision, getStartOrdinal, isCreated, isMemberOf,
  isRunningAndAvailable, isRunningAndReady, isTerminating,
} from './utils.ts';
import { processReplica, type PlanInput, type Slots } from './plan.ts';
import { EngineCheckError } from '../../checks.ts';

/** The index of one set. Counters and bits describe exactly the pods in `members`. */
export interface SetIndex {
  readonly uid: string;
  readonly ns: string;
  readonly name: string;
  /** The spec object (stored objects are immutable) and gate the bits were computed for. */
  spec: StatefulSet['spec'];
  readonly autoDeletePVC: boolean;
  /** Claimable pods (controller ref to the set, selector match, name of the set) by name. */
  readonly members: Map<string, Pod>;
  /** Owned pods that are not claimable (the claim step releases them) — the fast path needs none. */
  readonly strays: Set<string>;
  /** Members whose name is not exactly `<set>-<ordinal>` (the fast path needs none). */
  odd: number;
  /** Canonical members by ordinal. */
  readonly byOrdinal: Map<number, Pod>;
  /** Canonical members outside [start, start+replicas). */
  outOfRange: number;
  /** Status counters over all members (countPods): phase set; Running and Ready. */
  created: number;
  ready: number;
  /** Created, not terminating members per revision label. */
  readonly liveByRevision: Map<string, number>;
  /** All members per revision label (what truncateHistory keeps). */
  readonly allByRevision: Map<string, number>;
  /** Slot bit set: the replica phase passes over this slot. */
  quiet: Uint32Array;
  /** Slot bit set: the pod is at `settledRevision`, available and not terminating. */
  settled: Uint32Array;
  settledRevision: string;
  /**
   * Scan hints, so a pass does not walk the bits it walked last time: every slot below `quietFloor` is quiet,
   * every slot above `settledCeil` is settled. Lowered (raised) when such a bit is cleared; moved by scans.
   */
  quietFloor: number;
  settledCeil: number;
  /** `<template>-<set>-` for each claim template: the claim names a PVC change is matched against. */
  readonly claimPrefixes: readonly string[];
}

// Indexes by set uid (a pod's controller ref names it, so a pod change finds its index without building a key).
const indexes = new WeakMap<Cluster, Map<string, SetIndex>>();

function all(c: Cluster): Map<string, SetIndex> {
  let m = indexes.get(c);
  if (!m) indexes.set(c, (m = new Map()));
  return m;
}

const bump = (m: Map<string, number>, k: string, d: number): void => {
  const n = (m.get(k) ?? 0) + d;
  if (n) m.set(k, n); else m.delete(k);
};
const setBit = (b: Uint32Array, i: number, on: boolean): void => {
  if (on) b[i >>> 5] |= 1 << (i & 31); else b[i >>> 5] &= ~(1 << (i & 31));
};
const getBit = (b: Uint32Array, i: number): boolean => (b[i >>> 5] & (1 << (i & 31))) !== 0;

function setOf(c: Cluster, ix: SetIndex): StatefulSet | undefined {
  const s = c.store.get('StatefulSet', ix.ns, ix.name);
  return s && s.metadata!.uid === ix.uid ? s : undefined;
}

// The planner's view of one existing pod, as the replica phase would see it at the index's spec. One
// probe per cluster, re-aimed for each call (avoids building closures per pod change).
interface Probe { input: PlanInput; pod: Pod | null; slot: number }
const probes = new WeakMap<Cluster, Probe>();

function quietInput(c: Cluster, set: StatefulSet, pod: Pod, slot: number): PlanInput {
  let p = probes.get(c);
  if (!p) {
    const probe: Probe = {
      pod: null, slot: -1,
      input: {
        set, updateSet: set, currentRevision: '', updateRevision: '', condemned: [], nowMs: 0, maxUnavailableGate: false, autoDeletePVC: true,
        replicas: { length: 0, at: (i) => (i === probe.slot ? probe.pod : null), nextActive: (i) => i, prevUnsettled: (t) => t },
        claims: c.store,
      },
    };
    probes.set(c, (p = probe));
  }
  p.pod = pod;
  p.slot = slot;
  const input = p.input as { -readonly [K in keyof PlanInput]: PlanInput[K] };
  input.set = input.updateSet = set;
  input.nowMs = c.wallNow();
  input.autoDeletePVC = c.state.gates.StatefulSetAutoDeletePVC !== false;
  (input.replicas as { length: number }).length = slot + 1;
  return input;
}

// Whether the replica phase passes over `pod` in `slot` (processReplica decides nothing). A monotonic pass
// always stops at a pod that is terminating or not Running and Ready (a wait, or a create/delete first), so
// those need no planner call: most pod changes are of pods on their way to Ready. Checked in checks mode.
function isQuiet(c: Cluster, set: StatefulSet, pod: Pod, slot: number): boolean {
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) {
    if (c.checks && processReplica(quietInput(c, set, pod, slot), monotonic, slot) === null) {
      throw new EngineCheckError(`StatefulSet index of ${set.metadata!.name}: slot ${slot} shortcut differs from processReplica`);
    }
    return false;
  }
  return processReplica(quietInput(c, set, pod, slot), monotonic, slot) === null;
}

/** Recomputes the slot bits of one ordinal from the store. */
function refreshSlot(c: Cluster, ix: SetIndex, set: StatefulSet, ordinal: number): void {
  const slot = ordinal - getStartOrdinal(set);
  if (slot < 0 || slot >= (set.spec?.replicas ?? 1)) return;
  const pod = ix.byOrdinal.get(ordinal);
  const quiet = !!pod && isQuiet(c, set, pod, slot);
  setBit(ix.quiet, slot, quiet);
  if (!quiet && slot < ix.quietFloor) ix.quietFloor = slot;
  refreshSettled(ix, set, slot, pod);
}

// The settled bit of one slot (the caller checked the slot is in range, or skips it here).
function refreshSettled(ix: SetIndex, set: StatefulSet, slot: number, pod: Pod | undefined): void {
  if (slot < 0 || slot >= (set.spec?.replicas ?? 1)) return;
  const settled = !!pod && getPodRevision(pod) === ix.settledRevision && !isTerminating(pod) && isRunningAndAvailable(pod, 0, 0);
  setBit(ix.settled, slot, settled);
  if (!settled && slot > ix.settledCeil) ix.settledCeil = slot;
}

function account(ix: SetIndex, set: StatefulSet, pod: Pod, d: 1 | -1): void {
  const name = pod.metadata!.name!;
  if (d > 0) ix.members.set(name, pod); else ix.members.delete(name);
  const { ordinal } = getParentNameAndOrdinal(name);
  if (ordinal < 0 || name !== getPodName(set, ordinal)) { ix.odd += d; return; }
  if (d > 0) ix.byOrdinal.set(ordinal, pod); else ix.byOrdinal.delete(ordinal);
  const start = getStartOrdinal(set);
  if (ordinal < start || ordinal >= start + (set.spec?.replicas ?? 1)) ix.outOfRange += d;
  if (isCreated(pod)) ix.created += d;
  if (isRunningAndReady(pod)) ix.ready += d;
  if (isCreated(pod) && !isTerminating(pod)) bump(ix.liveByRevision, getPodRevision(pod), d);
  bump(ix.allByRevision, getPodRevision(pod), d);
}

// A member modified in place (same name, still claimable): the counters move by the difference of the two
// versions and the slot is refreshed once. False when either version is not claimable (the caller falls back
// to remove + add). Equivalent to account(old, -1) then account(now, +1).
function reaccount(c: Cluster, ix: SetIndex, set: StatefulSet, old: Pod, now: Pod): boolean {
  const name = now.metadata!.name!;
  // The usual change keeps the labels object (stored objects are immutable): a member stays a member, and
  // one filed by ordinal keeps its canonical name, without matching the selector or building the name again.
  const member = ix.members.get(name) === old;
  if (!(member && now.metadata!.labels === old.metadata!.labels) && (!claimable(set, old) || !claimable(set, now))) return false;
  ix.members.set(name, now);
  const { ordinal } = getParentNameAndOrdinal(name);
  if (ordinal < 0 || !((member && ix.byOrdinal.get(ordinal) === old) || name === getPodName(set, ordinal))) return true;
  ix.byOrdinal.set(ordinal, now);
  const wasCreated = isCreated(old), isNow = isCreated(now);
  ix.created += +isNow - +wasCreated;
  ix.ready += +isRunningAndReady(now) - +isRunningAndReady(old);
  const r0 = getPodRevision(old), r1 = getPodRevision(now);
  const live0 = wasCreated && !isTerminating(old), live1 = isNow && !isTerminating(now);
  if (live0 !== live1 || r0 !== r1) {
    if (live0) bump(ix.liveByRevision, r0, -1);
    if (live1) bump(ix.liveByRevision, r1, 1);
  }
  if (r0 !== r1) { bump(ix.allByRevision, r0, -1); bump(ix.allByRevision, r1, 1); }
  refreshSlot(c, ix, set, ordinal);
  return true;
}

const claimable = (set: StatefulSet, pod: Pod): boolean => matchesSelector(set.spec?.selector, pod.metadata?.labels) && isMemberOf(set, pod);

// Adds or removes one owned pod (the caller checked the controller ref).
// `refresh` false: the caller refreshes the slot itself (a modification seen as remove + add).
function track(c: Cluster, ix: SetIndex, set: StatefulSet, pod: Pod, d: 1 | -1, refresh = true): void {
  const name = pod.metadata!.name!;
  if (!claimable(set, pod)) {
    if (d > 0) ix.strays.add(name); else ix.strays.delete(name);
    return;
  }
  account(ix, set, pod, d);
  const { ordinal } = getParentNameAndOrdinal(name);
  if (refresh && ordinal >= 0) refreshSlot(c, ix, set, ordinal);
}

/** Builds the index of a set from the store (settled bits empty until `settleFor`). */
function build(c: Cluster, set: StatefulSet): SetIndex {
  const replicas = set.spec?.replicas ?? 1;
  const words = Math.ceil(replicas / 32) + 1;
  const ix: SetIndex = {
    uid: set.metadata!.uid!, ns: set.metadata!.namespace!, name: set.metadata!.name!, spec: set.spec,
    autoDeletePVC: c.state.gates.StatefulSetAutoDeletePVC !== false, members: new Map(), strays: new Set(), odd: 0,
    byOrdinal: new Map(), outOfRange: 0, created: 0, ready: 0, liveByRevision: new Map(), allByRevision: new Map(),
    quiet: new Uint32Array(words), settled: new Uint32Array(words), settledRevision: '', quietFloor: 0, settledCeil: replicas - 1,
    claimPrefixes: (set.spec?.volumeClaimTemplates ?? []).map((t) => `${t.metadata!.name}-${set.metadata!.name}-`),
  };
  for (const pod of c.store.listByOwner('Pod', ix.uid)) {
    if (getControllerOf(pod)?.uid === ix.uid) track(c, ix, set, pod, 1);
  }
  return ix;
}

/**
 * Whether the index holds for `spec`: its own spec, or one that differs only in the pod template (a rolling
 * update starts with such a change), which no counter or bit depends on: the index then moves to it. What a
 * slot's bits read of the set (replicas, ordinals, selector, policy, claim templates, retention) is outside
 * the template, and checks mode compares every plan made from the index with a scan.
 */
function holdsFor(ix: SetIndex, spec: StatefulSet['spec']): boolean {
  if (ix.spec === spec) return true;
  const a = (ix.spec ?? {}) as Record<string, unknown>, b = (spec ?? {}) as Record<string, unknown>;
  for (const k in a) if (k !== 'template' && !sameJson(a[k], b[k])) return false;
  for (const k in b) if (k !== 'template' && !(k in a)) return false;
  ix.spec = spec;
  return true;
}

/**
 * The current index of `set` (as stored now). Rebuilt from the store when missing or when the set's
 * spec (beyond its template), uid or the claim gate changed; from then on kept current by `observe`.
 */
export function setIndex(c: Cluster, set: StatefulSet): SetIndex {
  const m = all(c);
  const uid = set.metadata!.uid!;
  let ix = m.get(uid);
  if (!ix || !holdsFor(ix, set.spec) || ix.autoDeletePVC !== (c.state.gates.StatefulSetAutoDeletePVC !== false)) {
    m.set(uid, (ix = build(c, set)));
  }
  return ix;
}

/** A fresh index of the set built from the store, not installed (tests compare it with the live one). */
export function scanIndex(c: Cluster, set: StatefulSet, updateRevision: string): SetIndex {
  const ix = build(c, set);
  settleFor(c, ix, set, updateRevision);
  return ix;
}

/** Computes the settled bits for `updateRevision` when they were computed for another one. */
export function settleFor(c: Cluster, ix: SetIndex, set: StatefulSet, updateRevision: string): void {
  if (ix.settledRevision === updateRevision) return;
  ix.settledRevision = updateRevision;
  ix.settledCeil = (set.spec?.replicas ?? 1) - 1;
  // Only the settled bits read the revision (the quiet bits stand).
  const start = getStartOrdinal(set);
  for (const [o, pod] of ix.byOrdinal) refreshSettled(ix, set, o - start, pod);
}

/** Whether `ix` is the live index of the set (not dropped or rebuilt since it was taken). */
export function isLive(c: Cluster, ix: SetIndex): boolean {
  return indexes.get(c)?.get(ix.uid) === ix;
}

/** Whether the fast path may use the index for this set (else the caller scans the pods). */
export function indexUsable(ix: SetIndex, set: StatefulSet, maxUnavailableGate: boolean): boolean {
  return ix.strays.size === 0 && ix.odd === 0 && !(set.spec?.minReadySeconds) && !maxUnavailableGate;
}

// First slot ≥ i (below n) whose bit is clear, else n.
function nextClear(b: Uint32Array, i: number, n: number): number {
  while (i < n) {
    const w = b[i >>> 5] >>> (i & 31);
    if (w === (0xffffffff >>> (i & 31))) { i = (i | 31) + 1; continue; }
    if ((w & 1) === 0) return i;
    i++;
  }
  return n;
}

// Last slot ≤ t whose bit is clear, else -1.
function prevClear(b: Uint32Array, t: number): number {
  while (t >= 0) {
    if (b[t >>> 5] === 0xffffffff) { t = (t & ~31) - 1; continue; }
    if (!getBit(b, t)) return t;
    t--;
  }
  return -1;
}

/** The slots of the set read from the index, with the quiet/settled shortcuts. */
export function indexSlots(ix: SetIndex, set: StatefulSet): Slots {
  return new IndexSlots(ix, set.spec?.replicas ?? 1, getStartOrdinal(set));
}

// A class rather than an object of closures: one allocation per sync, no per-call function objects.
// The scans start at the index's hints and move them (a pass mostly asks from slot 0 and from the top).
class IndexSlots implements Slots {
  constructor(private readonly ix: SetIndex, readonly length: number, private readonly start: number) {}
  at(i: number): Pod | null { return this.ix.byOrdinal.get(this.start + i) ?? null; }
  nextActive(i: number): number {
    const ix = this.ix;
    if (i > ix.quietFloor) return nextClear(ix.quiet, i, this.length);
    return (ix.quietFloor = nextClear(ix.quiet, ix.quietFloor, this.length));
  }
  prevUnsettled(t: number): number {
    const ix = this.ix;
    const from = Math.min(t, this.length - 1);
    if (from < ix.settledCeil) return prevClear(ix.settled, from);
    return (ix.settledCeil = prevClear(ix.settled, ix.settledCeil));
  }
}

const NONE: readonly Pod[] = Object.freeze([]);

/** Members outside the ordinal range, highest ordinal first. */
export function condemnedOf(ix: SetIndex, set: StatefulSet): readonly Pod[] {
  if (ix.outOfRange === 0) return NONE;
  const start = getStartOrdinal(set), n = set.spec?.replicas ?? 1;
  const out: Array<[number, Pod]> = [];
  for (const [o, p] of ix.byOrdinal) if (o < start || o >= start + n) out.push([o, p]);
  return out.sort((a, b) => b[0] - a[0]).map((x) => x[1]);
}

// The built index (and its current set) a pod version belongs to, if any; drops an index gone stale.
function target(c: Cluster, m: Map<string, SetIndex>, pod: Pod | undefined): { ix: SetIndex; set: StatefulSet } | undefined {
  const ref = pod && getControllerOf(pod);
  if (!ref || ref.kind !== 'StatefulSet') return undefined;
  const ix = m.get(ref.uid);
  if (!ix) return undefined;
  const set = setOf(c, ix);
  if (!set || !holdsFor(ix, set.spec)) { m.delete(ref.uid); return undefined; }
  return { ix, set };
}

/** Keeps the indexes current; called for every Pod, PersistentVolumeClaim and StatefulSet change. */
export function observe(c: Cluster, e: WatchEvent): void {
  const m = indexes.get(c);
  if (!m || m.size === 0) return;
  if (e.kind === 'StatefulSet') {
    const uid = e.object.metadata!.uid!;
    const ix = m.get(uid);
    if (ix && (e.type === 'DELETED' || !holdsFor(ix, (e.object as StatefulSet).spec))) m.delete(uid);
    return;
  }
  if (e.kind === 'Pod') {
    const now = e.type === 'DELETED' ? undefined : (e.object as Pod);
    const old = e.old as Pod | undefined;
    const before = target(c, m, old);
    // Most modifications keep the owner references array (stored objects are immutable): same target.
    const after = now && old && now.metadata!.ownerReferences === old.metadata!.ownerReferences ? before : target(c, m, now);
    if (before && before === after && reaccount(c, before.ix, before.set, old!, now!)) return;
    // Both versions have the same name, so the same slot: account both, then refresh each index once.
    if (before) track(c, before.ix, before.set, e.old as Pod, -1, false);
    if (after) track(c, after.ix, after.set, now!, 1, false);
    const { ordinal } = getParentNameAndOrdinal(e.object.metadata!.name!);
    if (ordinal < 0) return;
    if (before) refreshSlot(c, before.ix, before.set, ordinal);
    if (after && after.ix !== before?.ix) refreshSlot(c, after.ix, after.set, ordinal);
    return;
  }
  if (e.kind === 'PersistentVolumeClaim') {
    const claim = e.object as PersistentVolumeClaim;
    const name = claim.metadata!.name!;
    for (const ix of m.values()) {
      if (ix.ns !== claim.metadata!.namespace) continue;
      let set: StatefulSet | undefined;
      for (const prefix of ix.claimPrefixes) {
        if (!name.startsWith(prefix)) continue;
        const digits = name.slice(prefix.length);
        if (!(/^[0-9]+$/.test(digits) && digits.length <= 10)) continue;
        set ??= setOf(c, ix);
        if (!set || !holdsFor(ix, set.spec)) break;
        refreshSlot(c, ix, set, Number(digits));
      }
    }
  }
}
