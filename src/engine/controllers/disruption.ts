// The disruption controller: keeps each PodDisruptionBudget's status — how many of its pods are healthy, how many
// must be, and so how many may be disrupted now — which the Eviction API checks before it lets a pod go.
// Models pkg/controller/disruption/disruption.go (trySync, getExpectedPodCount, countHealthyPods,
// buildDisruptedPodMap, updatePdbStatus) and pdb helpers UpdateDisruptionAllowedCondition.
import type { Cluster, Controller } from '../cluster.ts';
import type { Pod, PodDisruptionBudget, StatefulSet } from '../api/types.ts';
import { matchesRequirements, selectorRequirements } from '../api/labels.ts';
import { budgetCovers, isPodReady } from '../api/pod-util.ts';
import { parseRfc3339, rfc3339 } from '../clock/time.ts';

const SYNC_MS = 10;
/** How long a pod the Eviction API let go counts as disrupted before it is deleted (DeletionTimeout). */
export const DISRUPTED_TIMEOUT_MS = 120_000;
const TRUSTED_STATUS = Object.freeze({ subresource: 'status' as const, trusted: true });

const keyOf = (ns: string, name: string) => `${ns}/${name}`;

/** The budgets that cover a pod. */
function budgetsFor(c: Cluster, pod: Pod): PodDisruptionBudget[] {
  return c.store.list('PodDisruptionBudget', pod.metadata!.namespace!).filter((b) => budgetCovers(b, pod));
}

// An int-or-percent against a total, rounded up (intstr.GetScaledValueFromIntOrPercent with roundUp).
function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.slice(0, -1));
  return Math.ceil((pct * total) / 100);
}

// The replicas of the controllers behind the pods: a StatefulSet's spec.replicas (the only scalable controller of a
// user's pods here) and the cluster's own ReplicaSets; a pod with no controller counts as unmanaged.
function expectedScale(c: Cluster, pods: readonly Pod[]): { expected: number; unmanaged: string[] } {
  const seen = new Set<string>();
  let expected = 0;
  const unmanaged: string[] = [];
  for (const p of pods) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller);
    if (!ref) { unmanaged.push(p.metadata!.name!); continue; }
    if (seen.has(ref.uid)) continue;
    seen.add(ref.uid);
    const ns = p.metadata!.namespace!;
    const owner = ref.kind === 'StatefulSet' ? c.store.get('StatefulSet', ns, ref.name) as StatefulSet | undefined
      : ref.kind === 'ReplicaSet' ? c.store.get('ReplicaSet', ns, ref.name) : undefined;
    if (owner?.metadata?.uid === ref.uid) expected += owner.spec?.replicas ?? 1;
  }
  return { expected, unmanaged };
}

// Models trySync: the budget's expected and desired counts, its healthy pods, and the disruptions it allows.
function sync(c: Cluster, key: string): void {
  const slash = key.indexOf('/');
  const pdb = c.store.get('PodDisruptionBudget', key.slice(0, slash), key.slice(slash + 1));
  if (!pdb) return;
  const ns = pdb.metadata!.namespace!;
  const reqs = selectorRequirements(pdb.spec?.selector);
  const pods = reqs ? c.store.list('Pod', ns).filter((p) => matchesRequirements(reqs, p.metadata?.labels ?? {})) : [];
  if (pods.length === 0) c.event({ object: pdb, type: 'Normal', reason: 'NoPods', message: 'No matching pods found', component: 'controllermanager' });
  let expected = 0, desired = 0;
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    expected = expectedScale(c, pods).expected;
    desired = Math.max(0, expected - scaled(maxUnavailable, expected));
  } else if (typeof minAvailable === 'number') {
    expected = pods.length;
    desired = minAvailable;
  } else if (typeof minAvailable === 'string') {
    expected = expectedScale(c, pods).expected;
    desired = scaled(minAvailable, expected);
  }
  // Models buildDisruptedPodMap: a pod the Eviction API let go stays disrupted until it is deleted or times out.
  const now = c.wallNow();
  const disrupted: Record<string, string> = {};
  let recheck: number | undefined;
  for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const pod = pods.find((p) => p.metadata!.name === name);
    if (!pod || pod.metadata?.deletionTimestamp) continue;
    const expiry = parseRfc3339(at) + DISRUPTED_TIMEOUT_MS;
    if (expiry <= now) {
      // Upstream names the budget's namespace twice in this message.
      c.event({ object: pod, type: 'Warning', reason: 'NotDeleted', message: `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`, component: 'controllermanager' });
      continue;
    }
    disrupted[name] = at;
    recheck = Math.min(recheck ?? Infinity, expiry - now);
  }
  if (recheck !== undefined) c.enqueue('disruption/sync', key, recheck);
  // Models countHealthyPods: ready, not being deleted, not disrupted.
  const healthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !disrupted[p.metadata!.name!] && isPodReady(p)).length;
  writeStatus(c, pdb, { currentHealthy: healthy, desiredHealthy: desired, expectedPods: expected, disruptedPods: disrupted });
}

// Writes a budget's status (updatePdbStatus): disruptions allowed (none while no pod is expected, so that a budget
// whose pods are still to come is safe), the DisruptionAllowed condition, the observed generation.
function writeStatus(c: Cluster, pdb: PodDisruptionBudget, counts: { currentHealthy: number; desiredHealthy: number; expectedPods: number; disruptedPods: Record<string, string> }): void {
  const allowed = counts.expectedPods > 0 ? Math.max(0, counts.currentHealthy - counts.desiredHealthy) : 0;
  const old = pdb.status;
  const gen = pdb.metadata?.generation ?? 1;
  const ok = allowed > 0;
  const prev = old?.conditions?.find((x) => x.type === 'DisruptionAllowed');
  const status = ok ? 'True' : 'False';
  const condition = {
    type: 'DisruptionAllowed', status, observedGeneration: gen,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(c.wallNow()),
    reason: ok ? 'SufficientPods' : 'InsufficientPods', message: '',
  };
  const next = {
    ...(Object.keys(counts.disruptedPods).length ? { disruptedPods: counts.disruptedPods } : {}),
    disruptionsAllowed: allowed, currentHealthy: counts.currentHealthy, desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedPods, conditions: [condition], observedGeneration: gen,
  };
  if (JSON.stringify(next) === JSON.stringify(old)) return;
  c.store.update('PodDisruptionBudget', { ...pdb, status: next }, TRUSTED_STATUS);
}

/** The disruption controller. Timer `disruption/sync`, key `ns/name` of a budget. */
export const disruptionController: Controller = {
  name: 'disruption',
  kinds: ['PodDisruptionBudget', 'Pod', 'StatefulSet'],
  onChange(e, c) {
    // No budget, nothing to do: the usual case, and the one every pod write of a large rollout takes.
    if (c.store.count('PodDisruptionBudget') === 0) return;
    const m = e.object.metadata!;
    if (e.kind === 'PodDisruptionBudget') {
      if (e.type !== 'DELETED') c.enqueue('disruption/sync', keyOf(m.namespace!, m.name!), SYNC_MS);
      return;
    }
    if (e.kind === 'StatefulSet') {
      if (e.type === 'DELETED' || (e.old as StatefulSet | undefined)?.spec?.replicas === (e.object as StatefulSet).spec?.replicas) return;
      for (const b of c.store.list('PodDisruptionBudget', m.namespace!)) c.enqueue('disruption/sync', keyOf(m.namespace!, b.metadata!.name!), SYNC_MS);
      return;
    }
    const pods = [e.object as Pod, ...(e.old ? [e.old as Pod] : [])];
    const seen = new Set<string>();
    for (const p of pods) {
      for (const b of budgetsFor(c, p)) {
        const k = keyOf(m.namespace!, b.metadata!.name!);
        if (!seen.has(k)) { seen.add(k); c.enqueue('disruption/sync', k, SYNC_MS); }
      }
    }
  },
  run(kind, key, c) {
    if (kind === 'disruption/sync') sync(c, key);
  },
};
