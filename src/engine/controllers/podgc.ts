// The pod garbage collector (kube-controller-manager's PodGC): every 20 s it force-deletes the pods nothing else
// will ever finish. Models pkg/controller/podgc/gc_controller.go:
// - gcOrphaned: pods bound to a node that no longer exists. A missing node is quarantined for 40 s first (a node
//   that comes back in time keeps its pods); then its pods get the DisruptionTarget condition (DeletionByPodGC) and
//   phase Failed, and are deleted with grace period 0. This is how deleting the Node object of a dead node frees a
//   StatefulSet's pod name.
// - gcTerminating: pods already terminating on a node that is not Ready and carries the
//   node.kubernetes.io/out-of-service taint (non-graceful node shutdown).
// - gcUnscheduledTerminating: terminating pods that were never bound to a node.
// gcTerminated (over 12,500 finished pods) never applies at this size. The periodic loop only runs while there is
// something it may collect, so a quiet cluster settles.
import type { Cluster, Controller } from '../cluster.ts';
import type { Node, Pod } from '../api/types.ts';
import { rfc3339 } from '../clock/time.ts';
import { fnv1a32 } from '../api/revision-hash.ts';
import { isPodTerminal, withDisruptionTarget } from '../api/pod-util.ts';
import { nextOnGrid } from '../clock/timers.ts';

/** gcCheckPeriod: how often the loop runs. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime: how long a missing node is given to show up again before its pods are deleted. */
export const QUARANTINE_MS = 40_000;
/** The taint of a node shut down for good (TaintNodeOutOfService). */
export const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

const TICK = 'podgc/gc';

interface PodGcState {
  /** Missing nodes in quarantine: the virtual ms at which each is looked up again. */
  quarantine: Record<string, number>;
}

const stateOf = (c: Cluster): PodGcState => c.ext<PodGcState>('podgc', () => ({ quarantine: {} }));

// The loop's fixed phase within its period (wait.Until started with the controller manager).
const PHASE = fnv1a32('podgc') % GC_CHECK_PERIOD_MS;

const schedule = (c: Cluster): void => c.enqueue(TICK, '', nextOnGrid(c.now, GC_CHECK_PERIOD_MS, PHASE) - c.now);

/** Not Ready and tainted out of service: a node shut down for good (gcTerminating's test). */
function outOfService(node: Node): boolean {
  const ready = node.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
  return !ready && !!node.spec?.taints?.some((t) => t.key === OUT_OF_SERVICE);
}

// Whether a pod is one the loop collects: bound to a missing node, or terminating and never bound or on an
// out-of-service node.
function collectable(c: Cluster, pod: Pod): boolean {
  const nodeName = pod.spec?.nodeName;
  const node = nodeName ? c.store.get('Node', '', nodeName) : undefined;
  if (nodeName && !node) return true;
  return !!pod.metadata?.deletionTimestamp && (!node || outOfService(node));
}

// Models markFailedAndDeletePodWithCondition: phase Failed (and the condition) unless the pod already finished,
// then a delete with grace period 0.
function markFailedAndDelete(c: Cluster, pod: Pod, rule: string, condition?: { reason: string; message: string }): void {
  if (!isPodTerminal(pod)) {
    const conditions = condition ? withDisruptionTarget(pod, condition.reason, condition.message, rfc3339(c.wallNow())) : pod.status?.conditions;
    c.store.update('Pod', { ...pod, status: { ...pod.status, phase: 'Failed', conditions } }, { subresource: 'status', trusted: true });
  }
  const m = pod.metadata!;
  c.store.delete('Pod', m.namespace!, m.name!, { gracePeriodSeconds: 0, uid: m.uid });
  c.trace({ type: 'podgc.deleted', object: { kind: 'Pod', namespace: m.namespace!, name: m.name! }, rule, detail: { node: pod.spec?.nodeName ?? '' } });
}

function gc(c: Cluster): void {
  const pods = c.store.list('Pod');
  const st = stateOf(c);
  // gcTerminating: out-of-service nodes.
  for (const pod of pods) {
    if (!pod.metadata?.deletionTimestamp || !pod.spec?.nodeName) continue;
    const node = c.store.get('Node', '', pod.spec.nodeName);
    if (node && outOfService(node)) markFailedAndDelete(c, pod, 'out-of-service');
  }
  // gcOrphaned: quarantine newly missing nodes (AddAfter keeps an earlier time), then look up those whose time came.
  const missing = (name: string | undefined): boolean => !!name && !c.store.get('Node', '', name);
  for (const pod of c.store.list('Pod')) {
    const n = pod.spec?.nodeName;
    if (missing(n) && !(n! in st.quarantine)) st.quarantine[n!] = c.now + QUARANTINE_MS;
  }
  const deleted = new Set<string>();
  for (const [name, at] of Object.entries(st.quarantine)) {
    if (at > c.now) continue;
    delete st.quarantine[name];
    if (missing(name)) deleted.add(name);
  }
  for (const pod of c.store.list('Pod')) {
    if (!deleted.has(pod.spec?.nodeName ?? '')) continue;
    markFailedAndDelete(c, pod, 'orphaned', { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
  }
  // gcUnscheduledTerminating.
  for (const pod of c.store.list('Pod')) {
    if (pod.metadata?.deletionTimestamp && !pod.spec?.nodeName) markFailedAndDelete(c, pod, 'unscheduled');
  }
}

/**
 * The PodGC controller. Timer `podgc/gc` (no key), on a 20 s grid, scheduled only when a change leaves something
 * it may collect (so the many pod deletions of a healthy cluster cost no pass).
 */
export const podGcController: Controller = {
  name: 'podgc',
  kinds: ['Node', 'Pod'],
  onChange(e, c) {
    if (e.kind === 'Node') {
      // A node deleted, or shut down for good: its pods may be ones to collect now.
      const name = e.object.metadata!.name!;
      if (e.type !== 'DELETED' && !outOfService(e.object as Node)) return;
      if (c.store.list('Pod').some((p) => p.spec?.nodeName === name && collectable(c, p))) schedule(c);
      return;
    }
    // A pod bound to a node that is already gone, or one whose deletion only PodGC can finish.
    if (e.type !== 'DELETED' && collectable(c, e.object as Pod)) schedule(c);
  },
  run(kind, _key, c) {
    if (kind !== TICK) return;
    gc(c);
    // Again while a missing node is in quarantine or a pod is left to collect.
    if (Object.keys(stateOf(c).quarantine).length || c.store.list('Pod').some((p) => collectable(c, p))) schedule(c);
  },
};
