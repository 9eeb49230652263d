// The namespace controller: empties a terminating namespace, then removes its `kubernetes` finalizer, which lets
// the API server delete it. Models pkg/controller/namespace (namespace_controller.go and
// deletion/namespaced_resources_deleter.go, status_condition_utils.go).
import type { Cluster, Controller } from '../cluster.ts';
import { API_VERSION, CLUSTER_SCOPED, GROUP, KINDS, RESOURCE, type Kind, type KObject, type Namespace } from '../api/types.ts';
import { parseRfc3339, rfc3339 } from '../clock/time.ts';

const SYNC = 'namespace/sync';
/** namespaceDeletionGracePeriod: how long after a change the controller looks at a terminating namespace. */
const DELETION_GRACE_MS = 5_000;
/** The estimate used while content waits on finalizers (finalizerEstimateSeconds). */
const FINALIZER_ESTIMATE_S = 15;
/** The work queue's per-key exponential back-off after a failed sync: 5 ms doubling, at most 60 s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 60_000;
const FINALIZER = 'kubernetes';

/** The namespaced kinds the deleter empties, in discovery order (every one of them supports delete). */
const NAMESPACED: readonly Kind[] = KINDS.filter((k) => !CLUSTER_SCOPED.has(k) && k !== 'Namespace');

type ConditionType = 'NamespaceDeletionDiscoveryFailure' | 'NamespaceDeletionGroupVersionParsingFailure'
  | 'NamespaceDeletionContentFailure' | 'NamespaceContentRemaining' | 'NamespaceFinalizersRemaining';
interface Condition { type: ConditionType; status: 'True' | 'False'; lastTransitionTime?: string; reason: string; message: string }

/** The conditions the deleter keeps, in the order it adds them, with their reason and message while all is well. */
const OK: ReadonlyArray<[ConditionType, string, string]> = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** Per namespace, the failed syncs since the last success (the rate limiter's count). */
interface NamespaceState { failures: Record<string, number> }
const state = (c: Cluster): NamespaceState => c.ext<NamespaceState>('namespace', () => ({ failures: {} }));

// schema.GroupVersionResource's String(): `apps/v1, Resource=statefulsets`, `/v1, Resource=pods` for the core group.
const gvrText = (k: Kind): string => `${GROUP[k]}/${API_VERSION[k].split('/').pop()}, Resource=${RESOURCE[k]}`;

interface Remaining { estimate: number; count: number; finalizers: Map<string, number>; error?: string }

// estimateGracefulTermination: for pods, the longest grace period of the ones not yet terminal, unless that long has
// already passed since the namespace was deleted.
function estimateFor(c: Cluster, kind: Kind, ns: string, deletedAt: number): number {
  if (kind !== 'Pod') return 0;
  let estimate = 0;
  for (const p of c.store.list('Pod', ns)) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const grace = p.spec?.terminationGracePeriodSeconds;
    if (grace !== undefined && grace > estimate) estimate = grace;
  }
  return c.wallNow() - deletedAt >= estimate * 1000 ? 0 : estimate;
}

// deleteAllContentForGroupVersionResource: estimate, delete the collection (background propagation), then count
// what is left and the finalizers holding it.
function deleteKind(c: Cluster, kind: Kind, ns: string, deletedAt: number): Remaining {
  const estimate = estimateFor(c, kind, ns, deletedAt);
  for (const o of c.store.list(kind, ns) as KObject[]) {
    c.store.delete(kind, ns, o.metadata!.name!, { propagationPolicy: 'Background', trusted: true });
  }
  const left = c.store.list(kind, ns) as KObject[];
  const finalizers = new Map<string, number>();
  for (const o of left) for (const f of o.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
  if (left.length === 0) return { estimate: 0, count: 0, finalizers };
  if (estimate !== 0) return { estimate, count: left.length, finalizers };
  if (finalizers.size) return { estimate: FINALIZER_ESTIMATE_S, count: left.length, finalizers };
  return { estimate, count: left.length, finalizers, error: `unexpected items still remain in namespace: ${ns} for gvr: ${gvrText(kind)}` };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// The conditions the deleter's findings call for (namespaceConditionUpdater), each failing one in place of its ok form.
function conditionsFor(results: Array<[Kind, Remaining]>): Map<ConditionType, Omit<Condition, 'lastTransitionTime'>> {
  const failing = new Map<ConditionType, Omit<Condition, 'lastTransitionTime'>>();
  const resources: string[] = [];
  const finalizers = new Map<string, number>();
  const errors: string[] = [];
  for (const [kind, r] of results) {
    if (r.error) errors.push(r.error);
    if (r.count === 0) continue;
    resources.push(`${RESOURCE[kind]}.${GROUP[kind]} has ${r.count} resource instances`);
    for (const [f, n] of r.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
  }
  if (resources.length) {
    failing.set('NamespaceContentRemaining', { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources.sort(byText).join(', ')}` });
  }
  if (finalizers.size) {
    const held = [...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort(byText);
    failing.set('NamespaceFinalizersRemaining', { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${held.join(', ')}` });
  }
  if (errors.length) {
    failing.set('NamespaceDeletionContentFailure', { type: 'NamespaceDeletionContentFailure', status: 'True', reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${errors.length} remaining: ${errors.sort(byText).join(', ')}` });
  }
  return failing;
}

// updateConditions: every kept condition present, a changed one rewritten (its transition time moves only when its
// status does). Returns the new list, or undefined when nothing changed.
function updatedConditions(old: readonly Condition[], failing: Map<ConditionType, Omit<Condition, 'lastTransitionTime'>>, now: string): Condition[] | undefined {
  const next = old.map((x) => ({ ...x }));
  let changed = false;
  for (const [type, reason, message] of OK) {
    const want = failing.get(type) ?? { type, status: 'False' as const, reason, message };
    const cur = next.find((x) => x.type === type);
    if (!cur) {
      next.push({ type, status: want.status, lastTransitionTime: now, reason: want.reason, message: want.message });
      changed = true;
    } else if (cur.status !== want.status || cur.message !== want.message || cur.reason !== want.reason) {
      if (cur.status !== want.status) cur.lastTransitionTime = now;
      cur.status = want.status;
      cur.reason = want.reason;
      cur.message = want.message;
      changed = true;
    }
  }
  return changed ? next : undefined;
}

const ref = (name: string) => ({ kind: 'Namespace' as const, namespace: '', name });

// namespacedResourcesDeleter.Delete, then the worker's requeue: after the estimate (halved, plus a second) while
// content remains, with back-off after a failure.
function sync(c: Cluster, name: string): void {
  const ns = c.store.get('Namespace', '', name);
  const st = state(c);
  if (!ns?.metadata?.deletionTimestamp) { delete st.failures[name]; return; }
  let cur: Namespace = ns;
  if (cur.status?.phase !== 'Terminating') {
    const r = c.store.update('Namespace', { ...cur, status: { ...cur.status, phase: 'Terminating' } }, { subresource: 'status', trusted: true });
    if (!r.ok) return;
    cur = r.object;
  }
  const held = cur.spec?.finalizers ?? [];
  if (!held.length) { delete st.failures[name]; return; }
  const deletedAt = parseRfc3339(cur.metadata!.deletionTimestamp!);
  const results: Array<[Kind, Remaining]> = NAMESPACED.map((k) => [k, deleteKind(c, k, name, deletedAt)]);
  const estimate = Math.max(0, ...results.map(([, r]) => r.estimate));
  const conditions = updatedConditions((cur.status?.conditions ?? []) as Condition[], conditionsFor(results), rfc3339(c.wallNow()));
  if (conditions) {
    const r = c.store.update('Namespace', { ...cur, status: { ...cur.status, conditions } }, { subresource: 'status', trusted: true });
    if (r.ok) cur = r.object;
  }
  const remaining = results.reduce((n, [, r]) => n + r.count, 0);
  if (results.some(([, r]) => r.error)) {
    const failures = (st.failures[name] ?? 0) + 1;
    st.failures[name] = failures;
    c.trace({ type: 'namespace.content', object: ref(name), rule: 'failed', detail: { remaining } });
    c.enqueue(SYNC, name, Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1)));
    return;
  }
  if (estimate > 0) {
    const wait = Math.floor(estimate / 2) + 1;
    c.trace({ type: 'namespace.content', object: ref(name), rule: 'estimate', detail: { remaining, wait } });
    c.enqueue(SYNC, name, wait * 1000);
    return;
  }
  // Finalized by this controller: the `kubernetes` token is dropped (the rest kept, sorted, as a set lists them).
  const finalizers = [...new Set(held.filter((f) => f !== FINALIZER))].sort(byText);
  const spec = finalizers.length ? { ...cur.spec, finalizers } : {};
  const r = c.store.update('Namespace', { ...cur, spec }, { subresource: 'finalize', trusted: true });
  if (r.ok) {
    delete st.failures[name];
    c.trace({ type: 'namespace.finalized', object: ref(name) });
  }
}

/** The namespace controller. Timer `namespace/sync` (key: the namespace's name). */
export const namespaceController: Controller = {
  name: 'namespace',
  kinds: ['Namespace'],
  onChange(e, c) {
    // Only a namespace being deleted is of interest, and only a while after each change (enqueueNamespace).
    if (e.type === 'DELETED' || !e.object.metadata?.deletionTimestamp) return;
    c.enqueue(SYNC, e.object.metadata.name!, DELETION_GRACE_MS);
  },
  run(kind, key, c) {
    if (kind === SYNC) sync(c, key);
  },
};
