// Trace records of the StatefulSet controller (documented in TRACE.md) and the de-duplication of
// "why is it not progressing" records across syncs.
import type { StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import type { TraceInput, TraceObject } from '../../trace/types.ts';
import { merged } from '../../api/json-util.ts';

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
  c.trace(merged<TraceInput>(rec as TraceInput, { set: setObject(set) }));
}

/** A TraceObject for a pod of the set. */
export function podObject(set: StatefulSet, name: string): TraceObject {
  return { kind: 'Pod', namespace: set.metadata!.namespace!, name };
}

// A string that identifies a stop reason (type, rule, object and detail values), built without JSON.stringify
// because it runs on every sync.
function reasonKey(r: StopReason): string {
  let k = `${r.type}\u0000${r.rule}\u0000${r.object?.name ?? ''}`;
  for (const f in r.detail) k += `\u0000${f}=${typeof r.detail[f] === 'string' ? 's' : ''}${String(r.detail[f])}`;
  return k;
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
  const key = reason ? reasonKey(reason) : '';
  const previous = ext.lastReason[uid] ?? '';
  if (previous === key) return;
  if (key) ext.lastReason[uid] = key; else delete ext.lastReason[uid];
  if (reason) traceSet(c, set, { type: reason.type, rule: reason.rule, object: reason.object, detail: reason.detail });
  else if (!acted) traceSet(c, set, { type: 'controller.idle', detail: { replicas: set.spec?.replicas ?? 1 } });
}
