// The node lifecycle controller and the taint-eviction controller: a node whose kubelet stopped posting
// status turns Ready=Unknown after the monitor grace period, gets the unreachable taints, its pods are
// marked not ready, and pods are deleted once their NoExecute toleration runs out. `node up` undoes it.
import type { Cluster, Controller } from '../cluster.ts';
import type { Node, Pod } from '../api/types.ts';
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
    // Models tainteviction/taint_eviction.go processPodOnNode: the smallest tolerationSeconds wins.
    const noExec: Taint = { key: UNREACHABLE, effect: 'NoExecute' };
    const secs = effectiveTolerations(pod).filter((t) => tolerates(t, noExec)).map((t) => t.tolerationSeconds);
    if (secs.length === 0) c.enqueue('node-lifecycle/evict', `${rt.uid}|${rt.ns}/${rt.name}`, 0);
    else if (!secs.includes(undefined)) c.enqueue('node-lifecycle/evict', `${rt.uid}|${rt.ns}/${rt.name}`, Math.min(...(secs as number[])) * 1000);
  }
}

// Models tainteviction/taint_eviction.go deletePodHandler: DisruptionTarget, event, graceful delete.
function evict(c: Cluster, key: string): void {
  const bar = key.indexOf('|');
  const slash = key.indexOf('/', bar);
  const pod = c.store.get('Pod', key.slice(bar + 1, slash), key.slice(slash + 1));
  if (!pod || pod.metadata?.uid !== key.slice(0, bar) || pod.metadata?.deletionTimestamp) return;
  const node = c.store.get('Node', '', pod.spec?.nodeName ?? '');
  if (!node?.spec?.taints?.some((t) => t.key === UNREACHABLE && t.effect === 'NoExecute')) return;
  c.event({ object: pod, type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${pod.metadata!.namespace}/${pod.metadata!.name}`, component: 'taint-eviction-controller' });
  const cond = {
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(c.wallNow()),
    reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
  };
  const conds = [cond, ...(pod.status?.conditions ?? []).filter((x) => x.type !== 'DisruptionTarget')];
  c.store.update('Pod', { ...pod, status: { ...pod.status, conditions: conds } }, { subresource: 'status', trusted: true });
  c.store.delete('Pod', pod.metadata!.namespace!, pod.metadata!.name!, { uid: pod.metadata!.uid });
  c.trace({ type: 'node.evicted', object: podRef(pod), detail: { node: node.metadata!.name! } });
}

/** The node lifecycle controller. Timers `node-lifecycle/monitor` (node) and `node-lifecycle/evict` (`uid|ns/name`). */
export const nodeLifecycleController: Controller = {
  name: 'node-lifecycle',
  run(kind, key, c) {
    if (kind === 'node-lifecycle/monitor') monitor(c, key);
    else if (kind === 'node-lifecycle/evict') evict(c, key);
  },
};
