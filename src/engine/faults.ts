// Fault injection for teaching: make a pod unready or ready again, crash its container, fail or evict
// it, take a node down or bring it back. Validates, records a trace, then hands over to the kubelet
// and the node lifecycle controller, which produce the realistic consequences.
import type { Cluster } from './cluster.ts';
import { kubeletState } from './kubelet/runtime.ts';
import { applyPodFault } from './kubelet/faults.ts';
import { nodeDown, nodeUp } from './controllers/node-lifecycle.ts';
import { resumeNode } from './kubelet/kubelet.ts';
import { kindNode, workerCount } from './kind-nodes.ts';
import { rfc3339 } from './clock/time.ts';

/** How long a node whose kubelet stopped keeps Ready=True before the node controller marks it Unknown (ms). */
export { NODE_MONITOR_GRACE_MS } from './controllers/node-lifecycle.ts';

export type PodFault = 'ready' | 'unready' | 'crash' | 'fail' | 'evict';
export type NodeAction = 'down' | 'up';

/**
 * Applies a pod fault. Returns null on success or an error text (`pods "x" not found`, or that the pod
 * is not running on a node yet). Changes nothing on error.
 */
export function podFault(c: Cluster, namespace: string, name: string, fault: PodFault): string | null {
  const pod = c.store.get('Pod', namespace, name);
  if (!pod) return `pods "${name}" not found`;
  const rt = kubeletState(c).pods[pod.metadata!.uid!];
  if (!rt || !rt.ip) return `pod "${name}" is not running on a node yet`;
  if (rt.phase === 'Failed' || rt.phase === 'Succeeded') return `pod "${name}" has already terminated`;
  c.trace({ type: 'user.fault', object: { kind: 'Pod', namespace, name }, detail: { fault } });
  applyPodFault(c, rt, fault);
  return null;
}

/**
 * Takes a node down (its kubelet stops reporting) or brings it back. Bringing back a kind node whose Node object
 * was deleted starts its kubelet again, which registers the node anew (a new object, as kubelet_node_status.go
 * registerWithAPIServer makes it) and resumes its pods that PodGC has not deleted. Returns null or an error text.
 */
export function nodeAction(c: Cluster, name: string, action: NodeAction): string | null {
  if (!c.store.get('Node', '', name)) {
    const registered = action === 'up' ? kindNode(name, workerCount(c), rfc3339(c.wallNow())) : undefined;
    if (!registered) return `nodes "${name}" not found`;
    c.trace({ type: 'user.node', object: { kind: 'Node', namespace: '', name }, detail: { action } });
    const r = c.store.create('Node', registered, { trusted: true });
    if (r.ok) c.event({ object: r.object, type: 'Normal', reason: 'RegisteredNode', message: `Node ${name} event: Registered Node ${name} in Controller`, component: 'node-controller' });
    if (kubeletState(c).nodes[name]?.down) nodeUp(c, name); else resumeNode(c, name);
    return null;
  }
  c.trace({ type: 'user.node', object: { kind: 'Node', namespace: '', name }, detail: { action } });
  if (action === 'down') nodeDown(c, name); else nodeUp(c, name);
  return null;
}

/**
 * Read-only: the nodes the user took down (`sim node NAME down`, not yet brought up), sorted by name. The
 * fault, not the node's Ready condition, which only turns Unknown after NODE_MONITOR_GRACE_MS.
 */
export function nodesDown(c: Cluster): string[] {
  const nodes = kubeletState(c).nodes;
  return Object.keys(nodes).filter((n) => nodes[n].down).sort();
}
