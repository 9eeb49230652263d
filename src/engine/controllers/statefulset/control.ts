// The shell of one reconcile pass: choose revisions, build the slot view, ask plan.ts for decisions, apply
// them with upstream's stop rules (monotonic: first block; Parallel: batches 1,2,4,… ≤500 until an error),
// write status, truncate history. Models defaultStatefulSetControl.UpdateStatefulSet / performUpdate.
import type { ControllerRevision, Pod, StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { applyRevision, getControllerOf, getOrdinal, getPodRevision, getStartOrdinal, newVersionedStatefulSetPod } from './utils.ts';
import { getStatefulSetRevisions, sortedRevisions, truncateHistory } from './revisions.ts';
import { arraySlots, planUpdate, type Action, type Plan, type PlanInput, type Slots } from './plan.ts';
import { condemnedOf, indexSlots, settleFor, type SetIndex } from './pod-index.ts';
import { EngineCheckError } from '../../checks.ts';
import { countPods, resetCounts, updateStatefulSetStatus, type SetStatus } from './status.ts';
import { claimOrder, createPersistentVolumeClaims, createStatefulPod, deleteStatefulPod, recordPodEvent, updatePodClaimForRetentionPolicy, updateStatefulPod, type WriteError } from './pod-control.ts';
import { traceStopReason, type StopReason } from './trace.ts';

const MAX_BATCH = 500;

/** Result of one pass: the status computed (null when revisions could not be chosen) and any error. */
export interface UpdateResult { status: SetStatus | null; error: string | null }

// `current` is the current revision: the set at its template is made only when a pod is created. The pass's
// values are passed as arguments (no context object per pass).
function applyAction(c: Cluster, input: PlanInput, current: ControllerRevision, status: SetStatus, a: Action): WriteError | null {
  const { set } = input;
  switch (a.op) {
    case 'create': {
      const pod = newVersionedStatefulSetPod(applyRevision(set, current), input.updateSet, input.currentRevision, input.updateRevision, a.ordinal,
        c.state.gates.PodIndexLabel !== false, claimOrder(c, set));
      return createStatefulPod(c, set, pod, a.rule, { ordinal: a.ordinal });
    }
    case 'delete': {
      const pod = typeof a.pod === 'string' ? ({ metadata: { name: a.pod, namespace: set.metadata!.namespace } } as Pod) : a.pod;
      const err = deleteStatefulPod(c, set, pod, a.rule, a.detail);
      if (err && !(a.ignoreNotFound && err.reason === 'NotFound')) return err;
      if (a.decrementCurrent) status.currentReplicas--;
      return null;
    }
    case 'update':
      return updateStatefulPod(c, input.updateSet, a.pod);
    case 'claims': {
      const err = createPersistentVolumeClaims(c, set, a.pod);
      if (err) return err;
      if (c.state.gates.StatefulSetAutoDeletePVC === false) return null;
      const e2 = updatePodClaimForRetentionPolicy(c, set, a.pod);
      if (e2) recordPodEvent(c, 'update', set, a.pod.metadata!.name!, e2);
      return e2;
    }
    case 'fix-claims':
      return updatePodClaimForRetentionPolicy(c, input.updateSet, a.pod);
  }
}

// Start index of the slow-start batch holding `index` (sizes 1, 2, 4, … capped at MAX_BATCH).
function batchOf(index: number): number {
  let start = 0, size = 1;
  while (index >= start + size) { start += size; size = Math.min(size * 2, MAX_BATCH); }
  return start;
}

// Traces the pass's stop reason and hands back its error (applyPlan's exits, without a result object per pass).
function finish(c: Cluster, set: StatefulSet, error: string | null, stop: StopReason | null, acted: boolean): string | null {
  traceStopReason(c, set, stop, acted);
  return error;
}

/** Applies the plan and traces the first stop reason met; returns the first error. Models runForAll. */
function applyPlan(c: Cluster, input: PlanInput, current: ControllerRevision, status: SetStatus, plan: Plan): string | null {
  let stop: StopReason | null = null;
  let acted = false;
  // Index loops: the lists are plain or shared frozen arrays, and for-of over both would build iterators.
  for (let p = 0; p < plan.phases.length; p++) {
    const phase = plan.phases[p];
    let failedBatch = -1;
    let errors: string[] | undefined;
    for (let k = 0; k < phase.decisions.length; k++) {
      const d = phase.decisions[k];
      if (failedBatch >= 0 && batchOf(d.index) !== failedBatch) break;
      let failed = false;
      for (let j = 0; j < d.actions.length; j++) {
        const a = d.actions[j];
        acted = true;
        const err = applyAction(c, input, current, status, a);
        if (err) { (errors ??= []).push(err.message); failed = true; break; }
      }
      if (d.stop && !stop) stop = d.stop;
      if (plan.monotonic && (failed || d.exit)) return finish(c, input.set, errors?.[0] ?? null, stop, acted);
      if (failed && failedBatch < 0) failedBatch = batchOf(d.index);
    }
    if (errors) return finish(c, input.set, errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`, stop, acted);
  }
  return finish(c, input.set, null, stop ?? plan.skip ?? null, acted);
}

// The slots and condemned pods of a scan over the claimed pods (the path without an index).
function scanSlots(set: StatefulSet, pods: readonly Pod[]): { replicas: Array<Pod | null>; condemned: Pod[] } {
  const n = set.spec?.replicas ?? 1;
  const start = getStartOrdinal(set);
  const replicas: Array<Pod | null> = new Array(n).fill(null);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const o = getOrdinal(pod);
    if (o >= start && o < start + n) replicas[o - start] = pod;
    else if (o >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  return { replicas, condemned };
}

/** The claimed pods, either as a list (scanned) or through the set's index (counters and shortcuts). */
export type ClaimedPods = { pods: readonly Pod[]; index?: undefined } | { pods?: undefined; index: SetIndex };

// Revisions carried by claimed pods (truncateHistory keeps them): the index's map keyed by them (no iterator
// per pass: truncateHistory reads it only when the history is over its limit), or a list.
function podRevisions(claimed: ClaimedPods): Iterable<string> | ReadonlyMap<string, unknown> {
  return claimed.index ? claimed.index.allByRevision : claimed.pods.map(getPodRevision);
}

// Verifies the index against a scan of the same pods (checks mode): counts and the whole plan must agree.
function checkIndex(c: Cluster, set: StatefulSet, ix: SetIndex, status: SetStatus, input: PlanInput, plan: Plan): void {
  const uid = set.metadata!.uid!;
  const pods = [...ix.members.values()];
  const owned = c.store.listByOwner('Pod', uid).filter((p) => getControllerOf(p)?.uid === uid);
  const fail = (what: string): never => { throw new EngineCheckError(`StatefulSet index of ${set.metadata!.name}: ${what} differs from a scan`); };
  if (owned.length !== pods.length || owned.some((p) => ix.members.get(p.metadata!.name!) !== p)) fail('members');
  const scanned: SetStatus = { ...status };
  resetCounts(scanned);
  countPods(scanned, pods, set.spec?.minReadySeconds ?? 0, input.nowMs);
  if (JSON.stringify(scanned) !== JSON.stringify(status)) fail('status counts');
  const { replicas, condemned } = scanSlots(set, pods);
  const legacy = planUpdate({ ...input, replicas: arraySlots(replicas), condemned });
  if (JSON.stringify(legacy) !== JSON.stringify(plan)) fail('plan');
}

/**
 * One reconcile pass over the set and its claimed pods: revisions, pod/claim writes, status write, history
 * truncation (always, even after an error). Models UpdateStatefulSet.
 */
export function updateStatefulSet(c: Cluster, set: StatefulSet, claimed: ClaimedPods): UpdateResult {
  const revs = sortedRevisions(c, set);
  const chosen = getStatefulSetRevisions(c, set, revs);
  if (!chosen.ok) {
    const t = truncateHistory(c, set, podRevisions(claimed), revs);
    return { status: null, error: t ? `[${chosen.error}, ${t}]` : chosen.error };
  }
  const { current, update, collisionCount } = chosen.value;
  const status: SetStatus = {
    observedGeneration: set.metadata!.generation ?? 0, replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0,
    updatedReplicas: 0, currentRevision: current.metadata!.name!, updateRevision: update.metadata!.name!, collisionCount,
  };
  const mrs = set.spec?.minReadySeconds ?? 0;
  const nowMs = c.wallNow();
  const ix = claimed.index;
  let replicas: Slots, condemned: readonly Pod[];
  if (ix) {
    // Counters of the index (minReadySeconds is 0 on this path, so available = ready).
    settleFor(c, ix, set, status.updateRevision);
    status.replicas = ix.created;
    status.readyReplicas = status.availableReplicas = ix.ready;
    status.currentReplicas = ix.liveByRevision.get(status.currentRevision) ?? 0;
    status.updatedReplicas = ix.liveByRevision.get(status.updateRevision) ?? 0;
    replicas = indexSlots(ix, set);
    condemned = condemnedOf(ix, set);
  } else {
    countPods(status, claimed.pods, mrs, nowMs);
    const scan = scanSlots(set, claimed.pods);
    replicas = arraySlots(scan.replicas);
    condemned = scan.condemned;
  }

  let error: string | null = null;
  if (!set.metadata?.deletionTimestamp) {
    const input: PlanInput = {
      set, updateSet: applyRevision(set, update), currentRevision: status.currentRevision, updateRevision: status.updateRevision,
      replicas, condemned, nowMs, maxUnavailableGate: !!c.state.gates.MaxUnavailableStatefulSet,
      autoDeletePVC: c.state.gates.StatefulSetAutoDeletePVC !== false,
      claims: c.store,
    };
    const plan = planUpdate(input);
    // Status is recounted from the slots before Phase D adjusts it, exactly as upstream (on the index
    // path the counters already cover exactly the slots and the condemned pods).
    if (!ix) {
      resetCounts(status);
      for (let i = 0; i < replicas.length; i++) countPods(status, [replicas.at(i)], mrs, nowMs);
      countPods(status, condemned, mrs, nowMs);
    } else if (c.checks) checkIndex(c, set, ix, status, input, plan);
    error = applyPlan(c, input, current, status, plan);
  }
  const statusErr = updateStatefulSetStatus(c, set, status);
  const truncErr = truncateHistory(c, set, podRevisions(claimed), revs, current, update);
  // Most passes end without an error: the aggregate list is built only when there is one.
  const errs = error || statusErr || truncErr ? [error, statusErr, truncErr].filter((e): e is string => !!e) : [];
  return { status, error: errs.length === 0 ? null : errs.length === 1 ? errs[0] : `[${errs.join(', ')}]` };
}
