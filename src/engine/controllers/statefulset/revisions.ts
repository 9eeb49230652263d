// ControllerRevision history of a StatefulSet: list, adopt, choose current/update revision (creating or
// rolling back), and truncate. Models pkg/controller/history/controller_history.go and the revision parts
// of stateful_set_control.go.
import type { ControllerRevision, StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { goJson } from '../../api/go-json.ts';
import { controllerRevisionName, hashRevision, revisionData } from '../../api/revision-hash.ts';
import { matchesSelector } from '../../api/labels.ts';
import { clone } from '../../store/store.ts';
import { EngineCheckError } from '../../checks.ts';
import { HASH_LABEL, controllerRef, getControllerOf } from './utils.ts';
import { traceSet } from './trace.ts';

// Stored objects never change in place, so serialized forms can be cached by identity.
const rawCache = new WeakMap<object, string>();

/** The revision's data as the exact bytes upstream stores in data.raw. */
export function revisionRaw(rev: ControllerRevision): string {
  const key = (rev.data ?? {}) as object;
  let raw = rawCache.get(key);
  if (raw === undefined) rawCache.set(key, (raw = goJson(rev.data ?? null)));
  return raw;
}

/** The candidate data for the set's current template. */
export function templateRaw(set: StatefulSet): string {
  const key = set.spec!.template as object;
  let raw = rawCache.get(key);
  if (raw === undefined) rawCache.set(key, (raw = revisionData(set.spec!.template)));
  return raw;
}

/** Revisions selected by the set and owned by it or by no controller. Models ListControllerRevisions. */
export function listRevisions(c: Cluster, set: StatefulSet): ControllerRevision[] {
  const uid = set.metadata!.uid;
  const out: ControllerRevision[] = [];
  for (const r of c.store.view('ControllerRevision', set.metadata!.namespace)) {
    if (!matchesSelector(set.spec!.selector, r.metadata?.labels)) continue;
    const ref = getControllerOf(r);
    if (!ref || ref.uid === uid) out.push(r);
  }
  return out;
}

// Sorted revision lists by the store's list of revisions in the namespace (a new array after every write of a
// ControllerRevision, so a stale entry is never found), then by set uid; the selector they were matched with.
const sortedCache = new WeakMap<readonly ControllerRevision[], Map<string, { selector: object | undefined; revs: readonly ControllerRevision[] }>>();

/**
 * `sortRevisions(listRevisions(c, set))`, shared by the syncs that run while no revision is written (all but a
 * few): the list is a function of the stored revisions, the set's uid and its selector. Read-only.
 */
export function sortedRevisions(c: Cluster, set: StatefulSet): readonly ControllerRevision[] {
  const view = c.store.view('ControllerRevision', set.metadata!.namespace);
  let byUid = sortedCache.get(view);
  if (!byUid) sortedCache.set(view, (byUid = new Map()));
  const uid = set.metadata!.uid!;
  let hit = byUid.get(uid);
  if (!hit || hit.selector !== set.spec!.selector) {
    byUid.set(uid, (hit = { selector: set.spec!.selector, revs: Object.freeze(sortRevisions(listRevisions(c, set))) }));
  } else if (c.checks) {
    const fresh = sortRevisions(listRevisions(c, set));
    if (fresh.length !== hit.revs.length || fresh.some((r, i) => r !== hit!.revs[i])) {
      throw new EngineCheckError(`sorted revisions of StatefulSet ${set.metadata!.name} differ from a fresh list`);
    }
  }
  return hit.revs;
}

/** Sorts by revision number, then creation time, then name. Models history.SortControllerRevisions. */
export function sortRevisions(revs: ControllerRevision[]): ControllerRevision[] {
  return revs.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata!.creationTimestamp ?? '', tb = b.metadata!.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
  });
}

/**
 * Patches the set's controller ref into every orphan revision. Returns an error text or null.
 * Models adoptOrphanRevisions / AdoptControllerRevision.
 */
export function adoptOrphanRevisions(c: Cluster, set: StatefulSet, revs: readonly ControllerRevision[]): string | null {
  for (let i = 0; i < revs.length; i++) {
    if (getControllerOf(revs[i])) continue;
    const next = clone(revs[i]);
    next.metadata = { ...next.metadata, ownerReferences: [...(next.metadata?.ownerReferences ?? []), controllerRef(set)] };
    delete (next.metadata as { resourceVersion?: string }).resourceVersion;
    const r = c.store.update('ControllerRevision', next, { trusted: true });
    if (!r.ok) return r.status.message;
  }
  return null;
}

// What getStatefulSetRevisions looked up in a sorted list, for the syncs that ask again (the lists are read-only
// and shared while no revision is written): the newest revision equal to a template's data, and the revision of a name.
interface Lookups {
  raw?: string; lastEqual?: ControllerRevision; currentKnown: boolean; currentName?: string; current?: ControllerRevision;
  /** The last result returned (read-only), handed out again while its three values are the same. */
  result?: { ok: true; value: SetRevisions };
}
const lookupCache = new WeakMap<readonly ControllerRevision[], Lookups>();

function lookups(revs: readonly ControllerRevision[]): Lookups {
  let l = lookupCache.get(revs);
  if (!l) lookupCache.set(revs, (l = { currentKnown: false }));
  return l;
}

/** The chosen revisions of one sync. */
export interface SetRevisions { current: ControllerRevision; update: ControllerRevision; collisionCount: number }

// Models history.NewControllerRevision + the annotation copy of newRevision.
function newRevision(set: StatefulSet, raw: string, revision: number, collisionCount: number): ControllerRevision {
  const hash = hashRevision(raw, collisionCount);
  const annotations = set.metadata?.annotations;
  return {
    metadata: {
      name: controllerRevisionName(set.metadata!.name!, hash),
      namespace: set.metadata!.namespace,
      labels: { ...(set.spec!.template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef(set)],
    },
    data: JSON.parse(raw) as object,
    revision,
  };
}

/**
 * Picks the update revision for the set's template (reusing the newest equal revision, renumbering an
 * older equal one = rollback, or creating one with collision handling) and the current revision (the
 * one named by status.currentRevision, else the update revision). `revs` must be sorted and never change
 * afterwards (as the lists of sortedRevisions: what was looked up in one is remembered with it).
 * Models getStatefulSetRevisions and history.CreateControllerRevision.
 */
export function getStatefulSetRevisions(c: Cluster, set: StatefulSet, revs: readonly ControllerRevision[]): { ok: true; value: Readonly<SetRevisions> } | { ok: false; error: string } {
  let collisionCount = set.status?.collisionCount ?? 0;
  const raw = templateRaw(set);
  const next = revs.length ? revs[revs.length - 1].revision + 1 : 1;
  const seen = lookups(revs);
  // The newest revision equal to the template, if any.
  if (seen.raw !== raw) {
    seen.raw = raw;
    seen.lastEqual = undefined;
    for (const r of revs) if (revisionRaw(r) === raw) seen.lastEqual = r;
  }
  const lastEqual = seen.lastEqual;
  let update: ControllerRevision;
  if (lastEqual && lastEqual === revs[revs.length - 1]) {
    update = lastEqual;
  } else if (lastEqual) {
    const old = lastEqual;
    const body = clone(old);
    body.revision = next;
    const r = c.store.update('ControllerRevision', body, { trusted: true });
    if (!r.ok) return { ok: false, error: r.status.message };
    update = r.object;
    traceSet(c, set, { type: 'controller.revision', object: { kind: 'ControllerRevision', namespace: set.metadata!.namespace!, name: update.metadata!.name! }, rule: 'rollback', detail: { action: 'rolled-back', revision: update.metadata!.name!, from: old.revision, to: next } });
  } else {
    const body = newRevision(set, raw, next, collisionCount);
    for (;;) {
      const r = c.store.create('ControllerRevision', body, { trusted: true });
      if (r.ok) { update = r.object; break; }
      if (r.status.reason !== 'AlreadyExists') return { ok: false, error: r.status.message };
      const existing = c.store.get('ControllerRevision', set.metadata!.namespace!, body.metadata!.name!);
      if (existing && revisionRaw(existing) === raw) { update = existing; break; }
      collisionCount++;
      // The hash label keeps the first hash; only the name moves on (as upstream).
      body.metadata!.name = controllerRevisionName(set.metadata!.name!, hashRevision(raw, collisionCount));
    }
    traceSet(c, set, { type: 'controller.revision', object: { kind: 'ControllerRevision', namespace: set.metadata!.namespace!, name: update.metadata!.name! }, rule: 'template-changed', detail: { action: 'created', revision: update.metadata!.name!, number: next, collisionCount } });
  }
  const currentName = set.status?.currentRevision;
  if (seen.currentName !== currentName || !seen.currentKnown) {
    seen.currentName = currentName;
    seen.currentKnown = true;
    seen.current = undefined;
    for (const r of revs) if (r.metadata!.name === currentName) { seen.current = r; break; }
  }
  const current = seen.current ?? update;
  const last = seen.result?.value;
  if (last && last.current === current && last.update === update && last.collisionCount === collisionCount) return seen.result!;
  return (seen.result = { ok: true, value: { current, update, collisionCount } });
}

/**
 * Deletes the oldest non-live revisions beyond revisionHistoryLimit. Live: current, update and every
 * revision a claimed pod carries (`podRevisions`, the pods' controller-revision-hash labels, or a map keyed by
 * them). `revs` must be sorted. Returns an error text or null.
 * Models truncateHistory.
 */
export function truncateHistory(c: Cluster, set: StatefulSet, podRevisions: Iterable<string> | ReadonlyMap<string, unknown>, revs: readonly ControllerRevision[], current?: ControllerRevision, update?: ControllerRevision): string | null {
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (limit < 0 || revs.length <= limit) return null;
  const live = new Set<string>();
  if (current) live.add(current.metadata!.name!);
  if (update) live.add(update.metadata!.name!);
  for (const r of podRevisions instanceof Map ? podRevisions.keys() : (podRevisions as Iterable<string>)) live.add(r);
  const history = revs.filter((r) => !live.has(r.metadata!.name!));
  for (let i = 0; i < history.length - limit; i++) {
    const r = c.store.delete('ControllerRevision', history[i].metadata!.namespace!, history[i].metadata!.name!);
    if (!r.ok) return r.status.message;
  }
  return null;
}
