// Claiming pods for a set: keep owned members, adopt matching orphans, release owned pods that no longer
// match. Orphans are found through an index of controller-less pods by namespace and parent name, kept
// up to date from the watch stream and rebuilt lazily (e.g. after a snapshot restore).
// Models getPodsForStatefulSet + controller.PodControllerRefManager.ClaimPods.
import type { Pod, StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import type { WatchEvent } from '../../store/store.ts';
import { matchesSelector } from '../../api/labels.ts';
import { clone } from '../../store/store.ts';
import { controllerRef, getControllerOf, getParentNameAndOrdinal, isMemberOf } from './utils.ts';

// ns → parent name → orphan pod names. Not part of the snapshot: derived from the store.
type OrphanIndex = Map<string, Map<string, Set<string>>>;
const orphanIndexes = new WeakMap<Cluster, OrphanIndex>();

function indexPod(idx: OrphanIndex, pod: Pod, add: boolean): void {
  if (getControllerOf(pod)) return;
  const ns = pod.metadata!.namespace ?? '';
  const parent = getParentNameAndOrdinal(pod.metadata!.name!).parent;
  if (!parent) return;
  let byParent = idx.get(ns);
  if (!byParent) idx.set(ns, (byParent = new Map()));
  let names = byParent.get(parent);
  if (!names) byParent.set(parent, (names = new Set()));
  if (add) names.add(pod.metadata!.name!); else names.delete(pod.metadata!.name!);
}

function orphanIndex(c: Cluster): OrphanIndex {
  let idx = orphanIndexes.get(c);
  if (!idx) {
    idx = new Map();
    for (const p of c.store.list('Pod')) indexPod(idx, p, true);
    orphanIndexes.set(c, idx);
  }
  return idx;
}

/** Keeps the orphan index current; called for every Pod change (does nothing before first use). */
export function observePod(c: Cluster, e: WatchEvent): void {
  const idx = orphanIndexes.get(c);
  if (!idx) return;
  if (e.old) indexPod(idx, e.old as Pod, false);
  if (e.type !== 'DELETED') indexPod(idx, e.object as Pod, true);
}

/** Claimed pods and the first error met (the sync fails and is retried when an error is returned). */
export interface ClaimResult { pods: readonly Pod[]; error: string | null }

// The answer of almost every pass on the index path (no orphans): shared, so nothing is allocated.
const NOTHING_ADOPTED: ClaimResult = Object.freeze({ pods: Object.freeze([]), error: null });

/**
 * The pods the set manages after adoption and release. Adoption patches in the controller ref; release
 * removes it. A set being deleted adopts nothing; terminating pods are neither adopted nor released.
 * With `adoptOnly` (the caller's index says every owned pod is claimable, so the owned pods need no
 * write) only orphans are examined and `pods` holds just the adopted ones.
 */
export function claimPods(c: Cluster, set: StatefulSet, adoptOnly = false): ClaimResult {
  const uid = set.metadata!.uid!;
  const ns = set.metadata!.namespace!;
  if (adoptOnly && !orphanIndex(c).get(ns)?.get(set.metadata!.name!)?.size) return NOTHING_ADOPTED;
  const sel = set.spec?.selector;
  const pods: Pod[] = [];
  const errors: string[] = [];
  if (!adoptOnly) for (const pod of c.store.listByOwner('Pod', uid)) {
    if (getControllerOf(pod)?.uid !== uid) continue;
    if (matchesSelector(sel, pod.metadata?.labels) && isMemberOf(set, pod)) { pods.push(pod); continue; }
    if (pod.metadata?.deletionTimestamp) continue;
    const next = clone(pod);
    next.metadata!.ownerReferences = (next.metadata!.ownerReferences ?? []).filter((r) => r.uid !== uid);
    if (next.metadata!.ownerReferences.length === 0) delete next.metadata!.ownerReferences;
    delete (next.metadata as { resourceVersion?: string }).resourceVersion;
    const r = c.store.update('Pod', next, { trusted: true });
    if (!r.ok && r.status.reason !== 'NotFound') errors.push(r.status.message);
  }
  // Read after the releases above: a pod released here is an orphan the loop below may adopt again.
  const orphans = orphanIndex(c).get(ns)?.get(set.metadata!.name!);
  if (orphans?.size) {
    for (const name of [...orphans].sort()) {
      const pod = c.store.get('Pod', ns, name);
      if (!pod || getControllerOf(pod) || !matchesSelector(sel, pod.metadata?.labels)) continue;
      if (set.metadata?.deletionTimestamp || pod.metadata?.deletionTimestamp) continue;
      const next = clone(pod);
      next.metadata!.ownerReferences = [...(next.metadata!.ownerReferences ?? []), controllerRef(set)];
      delete (next.metadata as { resourceVersion?: string }).resourceVersion;
      const r = c.store.update('Pod', next, { trusted: true });
      if (r.ok) pods.push(r.object);
      else if (r.status.reason !== 'NotFound') errors.push(r.status.message);
    }
  }
  return { pods, error: errors.length ? errors[0] : null };
}
