// The StatefulSet controller: watch handlers that enqueue sets (5 ms reaction), the sync of one set
// (adopt revisions, claim pods, reconcile), rate-limited retry on error and the minReadySeconds requeues.
// Models pkg/controller/statefulset/stateful_set.go.
import type { Pod, StatefulSet } from '../../api/types.ts';
import type { Cluster, Controller } from '../../cluster.ts';
import type { WatchEvent } from '../../store/store.ts';
import { matchesSelector } from '../../api/labels.ts';
import { sameJson } from '../../api/json-util.ts';
import { getControllerOf, isPodReady } from './utils.ts';
import { adoptOrphanRevisions, sortedRevisions } from './revisions.ts';
import { claimPods, observePod } from './adoption.ts';
import { updateStatefulSet } from './control.ts';
import { stsExt } from './trace.ts';
import { indexUsable, isLive, observe, setIndex } from './pod-index.ts';

/** Virtual delay between a watched change and the sync it triggers. */
export const REACTION_MS = 5;
/** The timer kind of a set's sync, keyed `ns/name`. */
export const SYNC = 'statefulset/sync';
const REQUEUE = 'statefulset/requeue';

// The work-queue key of a set (`ns/name`), one string per set uid, parsed once: the queue, the failure record and
// the sync all see the same string (its hash already computed) rather than a new one per pod change. Per cluster
// (uids repeat between clusters of the same seed); derived, so a restored cluster starts without it.
interface SetKey { key: string; ns: string; name: string }
const setKeys = new WeakMap<Cluster, { byUid: Map<string, SetKey>; byKey: Map<string, SetKey> }>();

function keysOf(c: Cluster): { byUid: Map<string, SetKey>; byKey: Map<string, SetKey> } {
  let k = setKeys.get(c);
  if (!k) setKeys.set(c, (k = { byUid: new Map(), byKey: new Map() }));
  return k;
}

function keyOf(c: Cluster, set: StatefulSet): string {
  const k = keysOf(c);
  const uid = set.metadata!.uid!;
  let e = k.byUid.get(uid);
  if (!e) {
    const ns = set.metadata!.namespace!, name = set.metadata!.name!;
    e = { key: `${ns}/${name}`, ns, name };
    k.byUid.set(uid, e);
    k.byKey.set(e.key, e);
  }
  return e.key;
}

// Forgets a deleted set's key once its last sync is queued (that sync, or a later one, parses the key itself).
function forgetKey(c: Cluster, set: StatefulSet): void {
  const k = keysOf(c), uid = set.metadata!.uid!;
  const e = k.byUid.get(uid);
  if (!e) return;
  k.byUid.delete(uid);
  if (k.byKey.get(e.key) === e) k.byKey.delete(e.key);
}

/** How many sets' keys are remembered (tests: a deleted set's key is not kept). */
export function rememberedSetKeys(c: Cluster): number {
  return keysOf(c).byUid.size;
}

// Namespace and name of a key.
function parseKey(c: Cluster, key: string): { ns: string; name: string } {
  const e = keysOf(c).byKey.get(key);
  if (e) return e;
  const slash = key.indexOf('/');
  return { ns: key.slice(0, slash), name: key.slice(slash + 1) };
}

function enqueue(c: Cluster, set: StatefulSet, delayMs = REACTION_MS): void {
  c.enqueue(SYNC, keyOf(c, set), delayMs);
}

// A delayed add that must not be absorbed by an earlier pending sync (workqueue AddAfter).
function enqueueAfter(c: Cluster, set: StatefulSet, delayMs: number): void {
  c.enqueue(REQUEUE, `${c.now + delayMs}|${keyOf(c, set)}`, delayMs);
}

/** The set a controller ref points at, if it still exists with that uid. Models resolveControllerRef. */
function resolveControllerRef(c: Cluster, ns: string, pod: Pod): StatefulSet | undefined {
  const ref = getControllerOf(pod);
  if (!ref || ref.kind !== 'StatefulSet') return undefined;
  const set = c.store.get('StatefulSet', ns, ref.name);
  return set && set.metadata!.uid === ref.uid ? set : undefined;
}

/** Sets in the pod's namespace whose selector matches its labels. Models GetPodStatefulSets. */
function setsForPod(c: Cluster, pod: Pod): StatefulSet[] {
  return c.store.list('StatefulSet', pod.metadata!.namespace).filter((s) => matchesSelector(s.spec?.selector, pod.metadata?.labels));
}

function onPodChange(e: WatchEvent, c: Cluster): void {
  const pod = e.object as Pod;
  const ns = pod.metadata!.namespace!;
  if (e.type === 'DELETED' || (e.type === 'ADDED' && pod.metadata?.deletionTimestamp)) {
    const set = resolveControllerRef(c, ns, pod);
    if (set) enqueue(c, set);
    return;
  }
  if (e.type === 'ADDED') {
    const set = getControllerOf(pod) ? resolveControllerRef(c, ns, pod) : undefined;
    if (set) enqueue(c, set);
    else if (!getControllerOf(pod)) for (const s of setsForPod(c, pod)) enqueue(c, s);
    return;
  }
  const old = e.old as Pod;
  if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
  const curRef = getControllerOf(pod), oldRef = getControllerOf(old);
  const refChanged = !sameJson(curRef, oldRef);
  if (refChanged && oldRef) {
    const prev = resolveControllerRef(c, ns, old);
    if (prev) enqueue(c, prev);
  }
  if (curRef) {
    const set = resolveControllerRef(c, ns, pod);
    if (!set) return;
    enqueue(c, set);
    const mrs = set.spec?.minReadySeconds ?? 0;
    if (mrs > 0 && !isPodReady(old) && isPodReady(pod)) enqueueAfter(c, set, mrs * 1000 + 1000);
    return;
  }
  const labelsChanged = !sameJson(pod.metadata?.labels ?? {}, old.metadata?.labels ?? {});
  if (labelsChanged || refChanged) for (const s of setsForPod(c, pod)) enqueue(c, s);
}

/**
 * Syncs one set: adopt orphan revisions, claim pods, reconcile. Returns an error text (the caller
 * retries with back-off) or null. Models StatefulSetController.sync.
 */
export function syncStatefulSet(c: Cluster, key: string): string | null {
  const { ns, name } = parseKey(c, key);
  const set = c.store.get('StatefulSet', ns, name);
  if (!set) return null;
  const revErr = adoptOrphanRevisions(c, set, sortedRevisions(c, set));
  if (revErr) return revErr;
  // The index path: every owned pod is claimable, so claiming only adopts orphans (which the watch then
  // adds to the index). Otherwise (or if the index went stale meanwhile) the pods are scanned.
  const gate = !!c.state.gates.MaxUnavailableStatefulSet;
  const ix = setIndex(c, set);
  const fast = indexUsable(ix, set, gate);
  let claimed = claimPods(c, set, fast);
  if (claimed.error) return claimed.error;
  const useIndex = fast && isLive(c, ix) && indexUsable(ix, set, gate);
  if (fast && !useIndex) {
    claimed = claimPods(c, set);
    if (claimed.error) return claimed.error;
  }
  const result = updateStatefulSet(c, set, useIndex ? { index: ix } : { pods: claimed.pods });
  if (result.error) return result.error;
  const mrs = set.spec?.minReadySeconds ?? 0;
  if (mrs > 0 && result.status && result.status.availableReplicas !== (set.spec?.replicas ?? 1)) enqueueAfter(c, set, mrs * 1000);
  return null;
}

/** The controller registered in the cluster. */
export const statefulSetController: Controller = {
  name: 'statefulset',
  kinds: ['Pod', 'PersistentVolumeClaim', 'StatefulSet'],
  onChange(e, c) {
    if (e.kind === 'Pod' || e.kind === 'PersistentVolumeClaim' || e.kind === 'StatefulSet') observe(c, e);
    if (e.kind === 'Pod') {
      observePod(c, e);
      onPodChange(e, c);
    } else if (e.kind === 'StatefulSet') {
      enqueue(c, e.object as StatefulSet);
      if (e.type === 'DELETED') forgetKey(c, e.object as StatefulSet);
    }
  },
  run(kind, key, c) {
    if (kind === REQUEUE) {
      c.enqueue(SYNC, key.slice(key.indexOf('|') + 1), 0);
      return;
    }
    if (kind !== SYNC) return;
    const ext = stsExt(c);
    const err = syncStatefulSet(c, key);
    // `delete` always takes V8's slow path, even for an absent key: look first (a set rarely has failures).
    if (!err) { if (ext.failures[key] !== undefined) delete ext.failures[key]; return; }
    // Per-item exponential back-off, 5 ms doubling to 1000 s (workqueue.DefaultControllerRateLimiter).
    const n = ext.failures[key] ?? 0;
    ext.failures[key] = n + 1;
    c.trace({ type: 'controller.error', detail: { key, message: err, retryInMs: Math.min(5 * 2 ** n, 1_000_000) } });
    c.enqueue(SYNC, key, Math.min(5 * 2 ** n, 1_000_000));
  },
};
