// Trace records of the StatefulSet controller (documented in TRACE.md) and the de-duplication of
// "why is it not progressing" records across syncs.
import type { StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import type { TraceInput, TraceObject } from '../../trace/types.ts';
import { merged } from '../../api/json-util.ts';
import { EngineCheckError } from '../../checks.ts';

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

const newExt = (): StsExt => ({ lastReason: {}, failures: {} });

/** The controller's ext state. */
export function stsExt(c: Cluster): StsExt {
  return c.ext<StsExt>('statefulset', newExt);
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

// The last reason whose key was built, per set uid, with that key and its detail fields in order. Most syncs
// stop for the reason the previous one stopped for: comparing fields finds that without building the key.
// Derived state (not in the snapshot): used only while `key` is still the one the ext state holds.
interface Seen { reason: StopReason; fields: string[]; key: string }
const seenReasons = new WeakMap<Cluster, Map<string, Seen>>();

// Whether `r` has the key `seen.key`: same type, rule, object name, and detail fields in the same order with
// identical values (what reasonKey reads).
function sameKey(seen: Seen, r: StopReason): boolean {
  const s = seen.reason;
  if (s.type !== r.type || s.rule !== r.rule || (s.object?.name ?? '') !== (r.object?.name ?? '')) return false;
  let i = 0;
  for (const f in r.detail) {
    if (f !== seen.fields[i] || r.detail[f] !== s.detail[f]) return false;
    i++;
  }
  return i === seen.fields.length;
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
  const previous = ext.lastReason[uid] ?? '';
  let key = '';
  if (reason) {
    let seen = seenReasons.get(c);
    if (!seen) seenReasons.set(c, (seen = new Map()));
    const last = seen.get(uid);
    if (last && last.key === previous && sameKey(last, reason)) {
      if (c.checks && reasonKey(reason) !== previous) throw new EngineCheckError(`StatefulSet stop reason memo of ${set.metadata!.name} differs from its key`);
      return;
    }
    key = reasonKey(reason);
    seen.set(uid, { reason, fields: Object.keys(reason.detail), key });
  }
  if (previous === key) return;
  if (key) ext.lastReason[uid] = key; else delete ext.lastReason[uid];
  if (reason) traceSet(c, set, { type: reason.type, rule: reason.rule, object: reason.object, detail: reason.detail });
  else if (!acted) traceSet(c, set, { type: 'controller.idle', detail: { replicas: set.spec?.replicas ?? 1 } });
}
