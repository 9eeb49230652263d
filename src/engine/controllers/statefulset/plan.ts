// The decision half of one reconcile pass: from the set, its revisions and its pods by slot, compute
// the ordered actions (create, delete, update, claim fixes) and the waits/skips that explain a stop.
// Reads the store (claims) but never writes; control.ts applies the plan.
// Models updateStatefulSet / processReplica / processCondemned of stateful_set_control.go.
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types.ts';
import {
  getEndOrdinal, getPodName, getPodRevision, getStartOrdinal, isCreated, isFailed, isPending, isRunningAndAvailable,
  isRunningAndReady, isSucceeded, isTerminating, isUnavailable, identityMatches, storageMatches, getStatefulSetMaxUnavailable,
  getParentNameAndOrdinal, getPersistentVolumeClaimName,
} from './utils.ts';
import { hasStalePodRef, isClaimOwnerUpToDate, retentionPolicy } from './retention.ts';
import { podObject, type Detail, type StopReason } from './trace.ts';

/** One write the shell performs. `slot` is the replica index (or condemned position). */
export type Action =
  | { op: 'create'; ordinal: number; rule: string }
  | { op: 'delete'; pod: Pod | string; rule: string; detail: Detail; decrementCurrent?: boolean; ignoreNotFound?: boolean }
  | { op: 'update'; pod: Pod }
  | { op: 'claims'; pod: Pod }
  | { op: 'fix-claims'; pod: Pod };

/** What processing one slot decided: its actions, whether a monotonic pass ends here, and why. */
export interface Decision { index: number; actions: readonly Action[]; exit: boolean; stop?: StopReason }

// The actions of a decision that writes nothing (shared: most decisions are waits).
const NO_ACTIONS: readonly Action[] = Object.freeze([]);

/** The decisions of one phase, in processing order. */
export interface PhasePlan { phase: 'replicas' | 'condemned-claims' | 'condemned' | 'update'; decisions: readonly Decision[] }

/**
 * The pods by slot (slot i holds ordinal start+i), with optional shortcuts an index can provide.
 * Contract of the shortcuts: every slot they skip is one the planner would pass over without a decision.
 */
export interface Slots {
  readonly length: number;
  /** The pod in slot i, or null when missing. */
  at(i: number): Pod | null;
  /** The smallest slot ≥ i whose replica decision may be non-null (≥ length when none). */
  nextActive(i: number): number;
  /** The largest slot ≤ t that the rolling update must examine (-1 when none). */
  prevUnsettled(t: number): number;
}

/** Slots over a plain array (no shortcuts). */
export function arraySlots(a: Array<Pod | null>): Slots {
  return { length: a.length, at: (i) => a[i], nextActive: (i) => i, prevUnsettled: (t) => t };
}

/** Everything the planner reads. `replicas` holds the pod in slot i (ordinal start+i) or null if missing. */
export interface PlanInput {
  set: StatefulSet;
  /** The set at the update revision's template (retention checks use it, as upstream). */
  updateSet: StatefulSet;
  currentRevision: string;
  updateRevision: string;
  replicas: Slots;
  /** Pods outside the ordinal range, highest ordinal first. */
  condemned: readonly Pod[];
  nowMs: number;
  maxUnavailableGate: boolean;
  autoDeletePVC: boolean;
  /** Where claims are read (the store); a plain reference, so no closure is built per pass. */
  claims: ClaimSource;
}

/** Read access to claims by namespace and name (ApiStore satisfies it). */
export interface ClaimSource { get(kind: 'PersistentVolumeClaim', namespace: string, name: string): PersistentVolumeClaim | undefined }

// The claim of this name in the set's namespace.
function getClaim(input: PlanInput, name: string): PersistentVolumeClaim | undefined {
  return input.claims.get('PersistentVolumeClaim', input.set.metadata!.namespace!, name);
}

/** The plan of one pass, plus skip reasons that explain why nothing more will happen. */
export interface Plan { monotonic: boolean; phases: readonly PhasePlan[]; skip?: StopReason }

/** Revision a newly created pod at `ordinal` would get (§2.7). Models the choice in newVersionedStatefulSetPod. */
export function revisionForNewPod(set: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): string {
  const st = set.spec?.updateStrategy;
  const start = getStartOrdinal(set);
  const useCurrent = (st?.type === 'RollingUpdate' && !st.rollingUpdate && ordinal < start + (set.status?.currentReplicas ?? 0))
    || (!!st?.rollingUpdate && ordinal < start + (st.rollingUpdate.partition ?? 0));
  return useCurrent ? currentRevision : updateRevision;
}

// `detail` starts with waitingFor and condition; callers write it as one literal (a spread of extra fields
// into it would build a second object and a property array per wait).
const wait = (set: StatefulSet, pod: string, rule: string, detail: Detail): StopReason =>
  ({ type: 'controller.waiting', rule, object: podObject(set, pod), detail });

// The number after the last '-' of a pod name, as Number() reads it (NaN, or 0 for an empty suffix). Taken from
// the cached parse when the name parses (its digits are then exactly that suffix): no substring per call.
function nameOrdinal(name: string): number {
  const o = getParentNameAndOrdinal(name).ordinal;
  return o >= 0 ? o : Number(name.slice(name.lastIndexOf('-') + 1));
}

// Whether every existing claim of the pod carries the refs the retention policy of `set` asks for.
function claimsMatchFor(input: PlanInput, set: StatefulSet, pod: Pod): boolean {
  if (!input.autoDeletePVC) return true;
  const ordinal = nameOrdinal(pod.metadata!.name!);
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim = getClaim(input, getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal));
    if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
  }
  return true;
}

const claimsMatch = (input: PlanInput, pod: Pod): boolean => claimsMatchFor(input, input.updateSet, pod);

// Pending pod: does createMissingPersistentVolumeClaims have anything to do (a claim missing, one being
// deleted — an error — or refs to fix)? The refs are judged against the set itself, not the update revision's.
function pendingNeedsClaims(input: PlanInput, pod: Pod, ordinal: number): boolean {
  const { set } = input;
  // The refs are checked on the claims of the ordinal in the pod's name (the slot's, unless the name is odd).
  const own = nameOrdinal(pod.metadata!.name!);
  let owned = true;
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim = getClaim(input, getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal));
    if (!claim || claim.metadata?.deletionTimestamp) return true;
    if (owned && input.autoDeletePVC) {
      const mine = own === ordinal ? claim : getClaim(input, getPersistentVolumeClaimName(set, t.metadata!.name!, own));
      owned = !mine || isClaimOwnerUpToDate(mine, set, pod);
    }
  }
  return !owned;
}

function staleClaim(input: PlanInput, name: string, ordinal: number): string | null {
  const { set } = input;
  if (retentionPolicy(set).whenScaled === 'Retain') return null;
  const probe = { metadata: { name, namespace: set.metadata!.namespace } } as Pod;
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const cn = getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal);
    const claim = getClaim(input, cn);
    if (claim && hasStalePodRef(claim, probe)) return cn;
  }
  return null;
}

/** Decides slot i of the replicas. Null when the slot needs nothing. Models processReplica. */
export function processReplica(input: PlanInput, monotonic: boolean, i: number): Decision | null {
  const { set } = input;
  const ordinal = getStartOrdinal(set) + i;
  const pod = input.replicas.at(i);
  // The slot's pod name is built only for a wait (a quiet slot, the usual answer, needs none).
  if (pod && (isFailed(pod) || isSucceeded(pod))) {
    const actions: readonly Action[] = isTerminating(pod) ? NO_ACTIONS : [{ op: 'delete', pod, rule: 'failed-pod', detail: { phase: pod.status!.phase! } }];
    const name = getPodName(set, ordinal);
    return { index: i, actions, exit: true, stop: wait(set, name, 'failed-pod', { waitingFor: name, condition: 'Deleted', phase: pod.status!.phase! }) };
  }
  if (!pod || !isCreated(pod)) {
    const name = getPodName(set, ordinal);
    const stale = staleClaim(input, name, ordinal);
    if (stale) return { index: i, actions: NO_ACTIONS, exit: true, stop: wait(set, name, 'stale-claim', { waitingFor: name, condition: 'ClaimReleased', claim: stale }) };
    // The pod just created is still phase-less in this pass: monotonic stops, Parallel checks nothing more.
    return { index: i, actions: [{ op: 'create', ordinal, rule: monotonic ? 'OrderedReady' : 'Parallel' }], exit: monotonic };
  }
  // Built only when there is an action (most decisions are waits, which share NO_ACTIONS).
  let actions: Action[] | undefined;
  if (isPending(pod) && pendingNeedsClaims(input, pod, ordinal)) actions = [{ op: 'claims', pod }];
  if (monotonic) {
    if (isTerminating(pod)) {
      const name = getPodName(set, ordinal);
      return { index: i, actions: actions ?? NO_ACTIONS, exit: true, stop: wait(set, name, 'terminating', { waitingFor: name, condition: 'Terminated' }) };
    }
    if (!isRunningAndReady(pod)) {
      const name = getPodName(set, ordinal);
      const phase = pod.status?.phase;
      return { index: i, actions: actions ?? NO_ACTIONS, exit: true, stop: wait(set, name, 'OrderedReady', { waitingFor: name, condition: phase === 'Running' ? 'Ready' : 'Running', phase: phase ?? '' }) };
    }
    const mrs = set.spec?.minReadySeconds ?? 0;
    if (!isRunningAndAvailable(pod, mrs, input.nowMs)) {
      const name = getPodName(set, ordinal);
      return { index: i, actions: actions ?? NO_ACTIONS, exit: true, stop: wait(set, name, 'min-ready-seconds', { waitingFor: name, condition: 'Available', minReadySeconds: mrs }) };
    }
  }
  if (!(identityMatches(set, pod) && storageMatches(set, pod) && claimsMatch(input, pod))) {
    if (actions) actions.push({ op: 'update', pod }); else actions = [{ op: 'update', pod }];
  }
  return actions ? { index: i, actions, exit: false } : null;
}

/** Decides condemned pod i (highest ordinal first). Models processCondemned. */
function processCondemned(input: PlanInput, monotonic: boolean, firstUnavailable: Pod | undefined, i: number): Decision | null {
  const { set } = input;
  const pod = input.condemned[i];
  const name = pod.metadata!.name!;
  if (isTerminating(pod)) return monotonic ? { index: i, actions: NO_ACTIONS, exit: true, stop: wait(set, name, 'scale-down', { waitingFor: name, condition: 'Terminated' }) } : null;
  const mrs = set.spec?.minReadySeconds ?? 0;
  if (monotonic && pod !== firstUnavailable) {
    const blocker = firstUnavailable?.metadata?.name ?? name;
    if (!isRunningAndReady(pod)) return { index: i, actions: NO_ACTIONS, exit: true, stop: wait(set, blocker, 'scale-down', { waitingFor: blocker, condition: 'Ready', condemned: name }) };
    if (!isRunningAndAvailable(pod, mrs, input.nowMs)) return { index: i, actions: NO_ACTIONS, exit: true, stop: wait(set, blocker, 'scale-down', { waitingFor: blocker, condition: 'Available', condemned: name }) };
  }
  // `claims` tells what happens to the pod's PVCs (spec §2.10): kept, or deleted by the GC after the pod.
  const claims = (set.spec?.volumeClaimTemplates?.length ?? 0) === 0 ? 'none' : retentionPolicy(set).whenScaled === 'Delete' ? 'deleted' : 'kept';
  return { index: i, actions: [{ op: 'delete', pod, rule: 'scale-down', detail: { replicas: set.spec?.replicas ?? 1, claims } }], exit: true };
}

// Whether a monotonic phase ended the pass (its decisions stop at the first exit, so only the last can).
const exits = (d: readonly Decision[] | undefined, monotonic: boolean): boolean => monotonic && !!d && d[d.length - 1].exit;

// Appends a phase that decided something (phases without decisions are left out: applying one does nothing,
// and most passes would otherwise build three or four empty phases).
function withPhase(phases: PhasePlan[] | undefined, phase: PhasePlan['phase'], decisions: Decision[] | undefined): PhasePlan[] | undefined {
  if (!decisions) return phases;
  if (!phases) return [{ phase, decisions }];
  phases.push({ phase, decisions });
  return phases;
}

const NO_PHASES: readonly PhasePlan[] = Object.freeze([]);

/**
 * Plans one pass: replicas (A), condemned claim refs (B), condemned deletions (C), then the rolling update
 * (D) unless the strategy is OnDelete. A monotonic plan ends at the first slot that blocks. Only phases with
 * decisions are listed.
 */
export function planUpdate(input: PlanInput): Plan {
  const { set } = input;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const mrs = set.spec?.minReadySeconds ?? 0;
  // Decision lists are built on the first decision, as a one-element literal (a pass mostly decides one wait, or
  // nothing; a push into an empty array would reserve room for 17).
  let a: Decision[] | undefined;
  for (let i = input.replicas.nextActive(0); i < input.replicas.length; i = input.replicas.nextActive(i + 1)) {
    const d = processReplica(input, monotonic, i);
    if (!d) continue;
    if (a) a.push(d); else a = [d];
    if (monotonic && d.exit) break;
  }
  let phases = withPhase(undefined, 'replicas', a);
  if (exits(a, monotonic)) return { monotonic, phases: phases! };
  // Loops rather than a helper taking a closure: the phases run on every pass, mostly over nothing.
  let b: Decision[] | undefined;
  for (let i = 0; i < input.condemned.length; i++) {
    const pod = input.condemned[i];
    if (claimsMatch(input, pod)) continue;
    const d: Decision = { index: i, actions: [{ op: 'fix-claims', pod }], exit: false };
    if (b) b.push(d); else b = [d];
  }
  phases = withPhase(phases, 'condemned-claims', b);
  // The lowest unavailable replica (a missing slot counts: upstream holds a placeholder pod there),
  // else the lowest-ordinal unavailable condemned pod.
  let firstUnavailable: Pod | undefined;
  // Only the condemned phase reads it: with nothing condemned the scan is skipped.
  let found = input.condemned.length === 0;
  for (let i = 0; i < input.replicas.length && !found; i++) {
    const p = input.replicas.at(i);
    if (!p || isUnavailable(p, mrs, input.nowMs)) { found = true; firstUnavailable = p ?? undefined; }
  }
  for (let i = input.condemned.length - 1; i >= 0 && !found; i--) {
    if (isUnavailable(input.condemned[i], mrs, input.nowMs)) { found = true; firstUnavailable = input.condemned[i]; }
  }
  let c: Decision[] | undefined;
  for (let i = 0; i < input.condemned.length; i++) {
    const d = processCondemned(input, monotonic, firstUnavailable, i);
    if (!d) continue;
    if (c) c.push(d); else c = [d];
    if (monotonic && d.exit) break;
  }
  phases = withPhase(phases, 'condemned', c);
  if (exits(c, monotonic)) return { monotonic, phases: phases! };
  if (set.spec?.updateStrategy?.type === 'OnDelete') return { monotonic, phases: phases ?? NO_PHASES, skip: oldRevisionSkip(input, 'OnDelete', 0) };
  phases = withPhase(phases, 'update', input.maxUnavailableGate ? planMaxUnavailable(input) : planRollingUpdate(input));
  return { monotonic, phases: phases ?? NO_PHASES, skip: oldRevisionSkip(input, 'partition', set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) };
}

// Revision of slot i as Phase D sees it (a missing slot has the revision its new pod got in Phase A).
function slotRevision(input: PlanInput, i: number): string {
  const p = input.replicas.at(i);
  return p ? getPodRevision(p) : revisionForNewPod(input.set, input.currentRevision, input.updateRevision, getStartOrdinal(input.set) + i);
}

const slotUnavailable = (input: PlanInput, i: number, mrs: number): boolean => {
  const p = input.replicas.at(i);
  return !p || isUnavailable(p, mrs, input.nowMs);
};

/** Default Phase D: one pod at a time from the top, down to the partition. Models the loop ending updateStatefulSet. */
function planRollingUpdate(input: PlanInput): Decision[] | undefined {
  const { set } = input;
  const mrs = set.spec?.minReadySeconds ?? 0;
  const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let t = input.replicas.prevUnsettled(input.replicas.length - 1); t >= updateMin; t = input.replicas.prevUnsettled(t - 1)) {
    const p = input.replicas.at(t);
    // The pod name is built only for the one decision the loop ends with.
    if (slotRevision(input, t) !== input.updateRevision && !(p && isTerminating(p))) {
      return [{ index: t, exit: true, actions: [{ op: 'delete', pod: p ?? getPodName(set, getStartOrdinal(set) + t), rule: 'rolling-update', decrementCurrent: true, ignoreNotFound: true, detail: { from: slotRevision(input, t), to: input.updateRevision } }] }];
    }
    if (slotUnavailable(input, t, mrs)) {
      const name = getPodName(set, getStartOrdinal(set) + t);
      return [{ index: t, actions: NO_ACTIONS, exit: true, stop: wait(set, name, 'rolling-update', { waitingFor: name, condition: p && isTerminating(p) ? 'Terminated' : 'Available', revision: input.updateRevision }) }];
    }
  }
  return undefined;
}

/** Gate MaxUnavailableStatefulSet: delete up to maxUnavailable − unavailable old pods. Models updateStatefulSetAfterInvariantEstablished. */
function planMaxUnavailable(input: PlanInput): Decision[] | undefined {
  const { set } = input;
  const mrs = set.spec?.minReadySeconds ?? 0;
  const ru = set.spec?.updateStrategy?.rollingUpdate;
  const n = input.replicas.length;
  const updateMin = ru?.partition ?? 0;
  const maxUnavailable = ru ? getStatefulSetMaxUnavailable(ru.maxUnavailable as number | string | undefined, set.spec?.replicas ?? 1) : 1;
  let unavailable = 0;
  for (let t = n - 1; t >= 0; t--) if (slotUnavailable(input, t, mrs)) unavailable++;
  if (unavailable >= maxUnavailable) {
    const stop: StopReason = { type: 'controller.waiting', rule: 'max-unavailable', detail: { unavailable, maxUnavailable } };
    let hasOld = false;
    for (let t = updateMin; t < n && !hasOld; t++) hasOld = slotRevision(input, t) !== input.updateRevision;
    return hasOld ? [{ index: n - 1, actions: NO_ACTIONS, exit: true, stop }] : undefined;
  }
  let decisions: Decision[] | undefined;
  let budget = maxUnavailable - unavailable;
  for (let t = n - 1; t >= updateMin && budget > 0; t--) {
    const p = input.replicas.at(t);
    if (slotRevision(input, t) !== input.updateRevision && !(p && isTerminating(p))) {
      budget--;
      (decisions ??= []).push({ index: t, exit: false, actions: [{ op: 'delete', pod: p ?? getPodName(set, getStartOrdinal(set) + t), rule: 'max-unavailable', decrementCurrent: true, ignoreNotFound: true, detail: { from: slotRevision(input, t), to: input.updateRevision, maxUnavailable } }] });
    }
  }
  return decisions;
}

// Old-revision pods the rolling update will not touch: below the partition, or any under OnDelete.
function oldRevisionSkip(input: PlanInput, rule: 'partition' | 'OnDelete', partition: number): StopReason | undefined {
  let count = 0;
  const limit = rule === 'OnDelete' ? input.replicas.length : Math.min(partition, input.replicas.length);
  for (let t = 0; t < limit; t++) {
    const p = input.replicas.at(t);
    if (p && getPodRevision(p) !== input.updateRevision) count++;
  }
  if (!count) return undefined;
  return { type: 'controller.skipped', rule, detail: { pods: count, partition, revision: input.updateRevision } };
}

/** Last ordinal covered by replicas (re-exported for the shell). */
export { getEndOrdinal };
