// Trace records of the StatefulSet controller (documented in TRACE.md) and the de-duplication of
// "why is it not progressing" records across syncs.
import type { StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import type { TraceInput, TraceObject } from '../../trace/types.ts';

/** Detail values a sentence needs. */
export type Detail = Record<string, string | number | boolean | null>;

/** The reason a sync stopped short of the goal: a wait on a pod, or a skip by rule. */
export interface StopReason {
  type: 'controller.waiting' | 'controller.skipped';
  rule: string;
  object?: TraceObject;
  detail: Detail;
}

/** Private, serializable state of the controller in cluster.ext('statefulset'). */
export interface StsExt {
  /** Last stop reason emitted per set uid (a stable key), so repeats are not traced again. */
  lastReason: Record<string, string>;
  /** Consecutive failed syncs per `ns/name` (rate-limited requeue). */
  failures: Record<string, number>;
}

/** The controller's ext state. */
export function stsExt(c: Cluster): StsExt {
  return c.ext<StsExt>('statefulset', () => ({ lastReason: {}, failures: {} }));
}

/** A TraceObject for the set. */
export function setObject(set: StatefulSet): TraceObject {
  return { kind: 'StatefulSet', namespace: set.metadata!.namespace!, name: set.metadata!.name! };
}

/** Emits a record about the set. */
export function traceSet(c: Cluster, set: StatefulSet, rec: Omit<TraceInput, 'set'>): void {
  c.trace({ ...rec, set: setObject(set) });
}

/** A TraceObject for a pod of the set. */
export function podObject(set: StatefulSet, name: string): TraceObject {
  return { kind: 'Pod', namespace: set.metadata!.namespace!, name };
}

/**
 * Emits the stop reason of this sync only when it differs from the previous sync's (null = progressing
 * or done, which clears the memory so the same wait later is reported again). A sync that neither waited
 * nor acted right after one that waited emits `controller.idle`: the wait is over and nothing is left to do,
 * so an explanation never stays on a wait that has ended.
 */
export function traceStopReason(c: Cluster, set: StatefulSet, reason: StopReason | null, acted = false): void {
  const ext = stsExt(c);
  const uid = set.metadata!.uid!;
  const key = reason ? JSON.stringify([reason.type, reason.rule, reason.object?.name ?? '', reason.detail]) : '';
  const previous = ext.lastReason[uid] ?? '';
  if (previous === key) return;
  if (key) ext.lastReason[uid] = key; else delete ext.lastReason[uid];
  if (reason) traceSet(c, set, { type: reason.type, rule: reason.rule, object: reason.object, detail: reason.detail });
  else if (!acted) traceSet(c, set, { type: 'controller.idle', detail: { replicas: set.spec?.replicas ?? 1 } });
}
