// The garbage collector: deletes dependents whose owners are all gone (background), deletes dependents
// of an owner in foreground deletion and lets the owner go once the blocking ones are gone, and strips
// ownerReferences for orphan deletion. Works off the store's owner index; never scans all objects.
import type { Cluster, Controller } from '../cluster.ts';
import { KINDS, type KObject, type Kind, type OwnerReference } from '../api/types.ts';
import { clone } from '../store/store.ts';

const GC_DELAY_MS = 20;
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

const asKind = (k: string): Kind | undefined => (KINDS as readonly string[]).includes(k) ? (k as Kind) : undefined;
const key = (kind: Kind, o: KObject): string => `${kind}|${o.metadata?.namespace ?? ''}|${o.metadata!.name}`;
const refOf = (kind: Kind, o: KObject) => ({ kind, namespace: o.metadata?.namespace ?? '', name: o.metadata!.name! });

/** Owner uid → object key, for owners being deleted (so dependents' changes can re-check them). */
interface GcState { deleting: Record<string, string> }
const state = (c: Cluster): GcState => c.ext<GcState>('gc', () => ({ deleting: {} }));

function lookup(c: Cluster, k: string): { kind: Kind; object: KObject } | undefined {
  const [kind, ns, name] = k.split('|');
  const o = c.store.get(kind as Kind, ns, name) as KObject | undefined;
  return o ? { kind: kind as Kind, object: o } : undefined;
}

/** The live owner an ownerReference points at (same uid), if any. */
function ownerOf(c: Cluster, ref: OwnerReference, ns: string): KObject | undefined {
  const kind = asKind(ref.kind);
  if (!kind) return undefined;
  const o = c.store.get(kind, ns, ref.name) as KObject | undefined;
  return o && o.metadata?.uid === ref.uid ? o : undefined;
}

// Models garbagecollector.go attemptToDeleteItem for one dependent.
function attemptToDelete(c: Cluster, kind: Kind, dep: KObject): void {
  if (dep.metadata?.deletionTimestamp) return;
  const ns = dep.metadata?.namespace ?? '';
  const refs = dep.metadata?.ownerReferences ?? [];
  const solid: OwnerReference[] = [];
  const dangling: OwnerReference[] = [];
  const waiting: OwnerReference[] = [];
  for (const r of refs) {
    const o = ownerOf(c, r, ns);
    if (!o) dangling.push(r);
    else if (o.metadata?.deletionTimestamp && o.metadata.finalizers?.includes(FOREGROUND)) waiting.push(r);
    else solid.push(r);
  }
  if (solid.length > 0) {
    if (dangling.length === 0) return;
    // Some owner remains: drop only the references to owners that are gone.
    const next = clone(dep);
    const gone = new Set(dangling.map((r) => r.uid));
    next.metadata!.ownerReferences = refs.filter((r) => !gone.has(r.uid));
    c.store.update(kind, next, { trusted: true });
    return;
  }
  const policy = waiting.some((r) => r.blockOwnerDeletion) ? 'Foreground' : 'Background';
  const r = c.store.delete(kind, ns, dep.metadata!.name!, { propagationPolicy: policy, uid: dep.metadata!.uid });
  if (r.ok) c.trace({ type: 'gc.deleted', object: refOf(kind, dep), detail: { policy } });
}

// Models garbagecollector.go processDeletingDependentsItem and orphanDependents.
function processOwner(c: Cluster, k: string): void {
  const found = lookup(c, k);
  const st = state(c);
  if (!found) return;
  const { kind, object: owner } = found;
  const uid = owner.metadata!.uid!;
  const fins = owner.metadata?.finalizers ?? [];
  if (!owner.metadata?.deletionTimestamp) { delete st.deleting[uid]; return; }
  const deps = c.store.dependents(uid).sort((a, b) => (key(a.kind, a.object) < key(b.kind, b.object) ? -1 : 1));
  if (fins.includes(ORPHAN)) {
    for (const d of deps) {
      const next = clone(d.object);
      next.metadata!.ownerReferences = (next.metadata!.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (next.metadata!.ownerReferences.length === 0) delete next.metadata!.ownerReferences;
      const r = c.store.update(d.kind, next, { trusted: true });
      if (r.ok) c.trace({ type: 'gc.orphaned', object: refOf(d.kind, d.object), detail: { owner: owner.metadata!.name! } });
    }
    dropFinalizer(c, kind, owner, ORPHAN);
    return;
  }
  if (fins.includes(FOREGROUND)) {
    st.deleting[uid] = k;
    let blocking = 0;
    for (const d of deps) {
      const ref = d.object.metadata?.ownerReferences?.find((r) => r.uid === uid);
      if (ref?.blockOwnerDeletion) blocking++;
      attemptToDelete(c, d.kind, d.object);
    }
    if (blocking === 0) {
      delete st.deleting[uid];
      dropFinalizer(c, kind, owner, FOREGROUND);
    }
  }
}

function dropFinalizer(c: Cluster, kind: Kind, o: KObject, f: string): void {
  const cur = c.store.get(kind, o.metadata?.namespace ?? '', o.metadata!.name!) as KObject | undefined;
  if (!cur || cur.metadata?.uid !== o.metadata?.uid || !cur.metadata?.finalizers?.includes(f)) return;
  const next = clone(cur);
  next.metadata!.finalizers = next.metadata!.finalizers!.filter((x) => x !== f);
  if (next.metadata!.finalizers.length === 0) delete next.metadata!.finalizers;
  c.store.update(kind, next, { trusted: true });
}

// An owner vanished: every dependent is re-examined (models the graph builder's "virtual delete" of an owner).
function processOrphans(c: Cluster, ownerUid: string): void {
  const deps = c.store.dependents(ownerUid).sort((a, b) => (key(a.kind, a.object) < key(b.kind, b.object) ? -1 : 1));
  for (const d of deps) attemptToDelete(c, d.kind, d.object);
}

/** The garbage collector. Timers `gc/owner` (key `Kind|ns|name`) and `gc/orphans` (key owner uid). */
export const gcController: Controller = {
  name: 'gc',
  // Events have no owners and own nothing.
  kinds: KINDS.filter((k) => k !== 'Event'),
  onChange(e, c) {
    if (e.kind === 'Event') return;
    const m = e.object.metadata!;
    if (e.type === 'DELETED') {
      if (c.store.dependents(m.uid!).length) c.enqueue('gc/orphans', m.uid!, GC_DELAY_MS);
    } else if (m.deletionTimestamp && (m.finalizers?.includes(FOREGROUND) || m.finalizers?.includes(ORPHAN))) {
      c.enqueue('gc/owner', key(e.kind, e.object), GC_DELAY_MS);
    }
    // A dependent of an owner in foreground deletion changed: re-check that owner.
    const deleting = state(c).deleting;
    for (const r of m.ownerReferences ?? e.old?.metadata?.ownerReferences ?? []) {
      const ok = deleting[r.uid];
      if (ok) c.enqueue('gc/owner', ok, GC_DELAY_MS);
    }
  },
  run(kind, k, c) {
    if (kind === 'gc/owner') processOwner(c, k);
    else if (kind === 'gc/orphans') processOrphans(c, k);
  },
};
