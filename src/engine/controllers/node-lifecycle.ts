// The node lifecycle controller and the taint-eviction controller: a node whose kubelet stopped posting
// status turns Ready=Unknown after the monitor grace period, gets the unreachable taints, its pods are
// marked not ready, and pods are deleted once their NoExecute toleration runs out. `node up` undoes it.
// A cordoned node (spec.unschedulable) gets the unschedulable NoSchedule taint, and any NoExecute taint
// (`kubectl taint … :NoExecute`) evicts the pods on the node that do not tolerate it.
import type { Cluster, Controller } from '../cluster.ts';
import type { Node, Pod } from '../api/types.ts';
import { withDisruptionTarget } from '../api/pod-util.ts';
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import { clone } from '../store/store.ts';
import { rfc3339 } from '../clock/time.ts';
import { kubeletState, nodeRuntime, podsOnNode } from '../kubelet/runtime.ts';
import { resumeNode } from '../kubelet/kubelet.ts';
import { effectiveTolerations, tolerates } from './scheduler/filters.ts';

/** --node-monitor-grace-period default since 1.32 (kubernetes#126287), and the monitor period. */
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_MONITOR_PERIOD_MS = 5_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const NODE_CONTROLLER = 'node-controller';

const HEALTHY: Record<string, { reason: string; message: string; status: string }> = {
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

const podRef = (p: Pod) => ({ kind: 'Pod' as const, namespace: p.metadata!.namespace!, name: p.metadata!.name! });

function writeNode(c: Cluster, node: Node, taints: Taint[], conditions: NodeCondition[]): void {
  const next = clone(node);
  next.spec = { ...next.spec };
  if (taints.length) next.spec.taints = taints; else delete next.spec.taints;
  const r = c.store.update('Node', next, { trusted: true });
  if (!r.ok) return;
  c.store.update('Node', { ...r.object, status: { ...r.object.status, conditions } }, { subresource: 'status', trusted: true });
}

/** Stops the node's kubelet; the node controller notices after the grace period. */
export function nodeDown(c: Cluster, name: string): void {
  const nr = nodeRuntime(c, name);
  if (nr.down) return;
  nr.down = true;
  c.enqueue('node-lifecycle/monitor', name, NODE_MONITOR_GRACE_MS + Math.floor(c.random() * NODE_MONITOR_PERIOD_MS));
}

/** Restarts the node's kubelet: conditions healthy again, taints gone, pods resume. */
export function nodeUp(c: Cluster, name: string): void {
  const nr = nodeRuntime(c, name);
  if (!nr.down) return;
  nr.down = false;
  const node = c.store.get('Node', '', name);
  if (!node) return;
  const now = rfc3339(c.wallNow());
  const wasUnknown = node.status?.conditions?.some((x) => x.type === 'Ready' && x.status !== 'True');
  const conditions = (node.status?.conditions ?? []).map((x) => {
    const h = HEALTHY[x.type];
    if (!h) return x;
    return { ...x, ...h, lastHeartbeatTime: now, lastTransitionTime: x.status === h.status ? x.lastTransitionTime : now };
  });
  writeNode(c, node, (node.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE), conditions);
  if (wasUnknown) {
    c.event({ object: c.store.get('Node', '', name)!, type: 'Normal', reason: 'NodeReady', message: `Node ${name} status is now: NodeReady`, component: NODE_CONTROLLER });
  }
  resumeNode(c, name);
}

// Models node_lifecycle_controller.go tryUpdateNodeHealth + processTaintBaseEviction + MarkPodsNotReady.
function monitor(c: Cluster, name: string): void {
  if (!kubeletState(c).nodes[name]?.down) return;
  const node = c.store.get('Node', '', name);
  if (!node) return;
  const now = rfc3339(c.wallNow());
  const conditions = (node.status?.conditions ?? []).map((x) => (x.status === 'Unknown' ? x : {
    ...x, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now,
  }));
  const taints = (node.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE);
  taints.push({ key: UNREACHABLE, effect: 'NoSchedule', timeAdded: now }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now });
  writeNode(c, node, taints, conditions);
  c.event({ object: c.store.get('Node', '', name)!, type: 'Normal', reason: 'NodeNotReady', message: `Node ${name} status is now: NodeNotReady`, component: NODE_CONTROLLER });
  c.trace({ type: 'node.notready', object: { kind: 'Node', namespace: '', name } });
  for (const rt of podsOnNode(c, name)) {
    let pod = c.store.get('Pod', rt.ns, rt.name);
    if (!pod || pod.metadata?.uid !== rt.uid) continue;
    const ready = pod.status?.conditions?.find((x) => x.type === 'Ready');
    if (ready && ready.status !== 'False') {
      const conds = pod.status!.conditions!.map((x) => (x.type === 'Ready' ? { ...x, status: 'False', lastTransitionTime: now } : x));
      const r = c.store.update('Pod', { ...pod, status: { ...pod.status, conditions: conds } }, { subresource: 'status', trusted: true });
      if (r.ok) pod = r.object;
      c.event({ object: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', component: NODE_CONTROLLER });
    }
    processPodOnNode(c, pod, [{ key: UNREACHABLE, effect: 'NoExecute' }]);
  }
}

const evictKey = (p: Pod) => `${p.metadata!.uid}|${p.metadata!.namespace}/${p.metadata!.name}`;

// Models tainteviction/taint_eviction.go processPodOnNode: a pod that does not tolerate every NoExecute taint
// goes at once; otherwise the smallest tolerationSeconds of the tolerations used wins (none: it stays).
function processPodOnNode(c: Cluster, pod: Pod, noExecute: readonly Taint[]): void {
  const tols = effectiveTolerations(pod);
  const secs: Array<number | undefined> = [];
  for (const taint of noExecute) {
    const used = tols.filter((t) => tolerates(t, taint));
    if (used.length === 0) { c.enqueue('node-lifecycle/evict', evictKey(pod), 0); return; }
    for (const t of used) secs.push(t.tolerationSeconds ?? undefined);
  }
  const finite = secs.filter((x): x is number => x !== undefined);
  if (finite.length) c.enqueue('node-lifecycle/evict', evictKey(pod), Math.max(0, Math.min(...finite)) * 1000);
}

// Models taint_eviction.go handleNodeUpdate: the node's NoExecute taints changed; each pod on it is looked at
// again, and with no NoExecute taint left its pending eviction is cancelled.
function noExecuteChanged(c: Cluster, name: string): void {
  const node = c.store.get('Node', '', name);
  if (!node) return;
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  for (const pod of c.store.view('Pod')) {
    if (pod.spec?.nodeName !== name || pod.metadata?.deletionTimestamp) continue;
    if (taints.length) processPodOnNode(c, pod, taints);
    else c.cancel('node-lifecycle/evict', evictKey(pod));
  }
}

// Models node_lifecycle_controller.go doNoScheduleTaintingPass for spec.unschedulable: a cordoned node carries
// the unschedulable NoSchedule taint, an uncordoned one loses it.
function syncUnschedulableTaint(c: Cluster, name: string): void {
  const node = c.store.get('Node', '', name);
  if (!node) return;
  const taints = node.spec?.taints ?? [];
  const has = taints.some((t) => t.key === UNSCHEDULABLE && t.effect === 'NoSchedule');
  if (!!node.spec?.unschedulable === has) return;
  const next = has
    ? taints.filter((t) => !(t.key === UNSCHEDULABLE && t.effect === 'NoSchedule'))
    : [...taints, { key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: rfc3339(c.wallNow()) }];
  const o = clone(node);
  o.spec = { ...o.spec };
  if (next.length) o.spec.taints = next; else delete o.spec.taints;
  c.store.update('Node', o, { trusted: true });
}

const noExecuteOf = (n: Node | undefined) => JSON.stringify((n?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute').map((t) => [t.key, t.value ?? '']));

// Models tainteviction/taint_eviction.go deletePodHandler: DisruptionTarget, event, graceful delete.
function evict(c: Cluster, key: string): void {
  const bar = key.indexOf('|');
  const slash = key.indexOf('/', bar);
  const pod = c.store.get('Pod', key.slice(bar + 1, slash), key.slice(slash + 1));
  if (!pod || pod.metadata?.uid !== key.slice(0, bar) || pod.metadata?.deletionTimestamp) return;
  const node = c.store.get('Node', '', pod.spec?.nodeName ?? '');
  if (!node?.spec?.taints?.some((t) => t.effect === 'NoExecute')) return;
  c.event({ object: pod, type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${pod.metadata!.namespace}/${pod.metadata!.name}`, component: 'taint-eviction-controller' });
  const conds = withDisruptionTarget(pod, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint', rfc3339(c.wallNow()));
  c.store.update('Pod', { ...pod, status: { ...pod.status, conditions: conds } }, { subresource: 'status', trusted: true });
  c.store.delete('Pod', pod.metadata!.namespace!, pod.metadata!.name!, { uid: pod.metadata!.uid });
  // Which taint: the unreachable one of a silent node, or one a user put on it (`kubectl taint … :NoExecute`).
  const taint = node.spec.taints.find((t) => t.effect === 'NoExecute' && t.key === UNREACHABLE) ?? node.spec.taints.find((t) => t.effect === 'NoExecute')!;
  if (taint.key === UNREACHABLE) c.trace({ type: 'node.evicted', object: podRef(pod), detail: { node: node.metadata!.name! } });
  else c.trace({ type: 'node.evicted', object: podRef(pod), rule: 'taint', detail: { node: node.metadata!.name!, taint: `${taint.key}${taint.value ? `=${taint.value}` : ''}:NoExecute` } });
}

/**
 * The node lifecycle controller. Timers `node-lifecycle/monitor`, `node-lifecycle/unschedulable` and
 * `node-lifecycle/noexecute` (node) and `node-lifecycle/evict` (`uid|ns/name`).
 */
export const nodeLifecycleController: Controller = {
  name: 'node-lifecycle',
  kinds: ['Node'],
  onChange(e, c) {
    if (e.type === 'DELETED') return;
    const n = e.object as Node, name = n.metadata!.name!;
    const cordoned = (n.spec?.taints ?? []).some((t) => t.key === UNSCHEDULABLE && t.effect === 'NoSchedule');
    if (!!n.spec?.unschedulable !== cordoned) c.enqueue('node-lifecycle/unschedulable', name, 0);
    if (e.type === 'MODIFIED' && noExecuteOf(n) !== noExecuteOf(e.old as Node | undefined)) c.enqueue('node-lifecycle/noexecute', name, 0);
  },
  run(kind, key, c) {
    if (kind === 'node-lifecycle/monitor') monitor(c, key);
    else if (kind === 'node-lifecycle/evict') evict(c, key);
    else if (kind === 'node-lifecycle/unschedulable') syncUnschedulableTaint(c, key);
    else if (kind === 'node-lifecycle/noexecute') noExecuteChanged(c, key);
  },
};
