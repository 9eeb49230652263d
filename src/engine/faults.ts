// Fault injection for teaching (placeholder; filled in with the kubelet): make a pod unready or ready
// again, crash its container, fail or evict it, take a node down or up.
import type { Cluster } from './cluster.ts';

export type PodFault = 'ready' | 'unready' | 'crash' | 'fail' | 'evict';
export type NodeAction = 'down' | 'up';

/** Applies a pod fault. Returns null on success or an error text (`pods "x" not found`). Changes nothing on error. */
export function podFault(_c: Cluster, _namespace: string, name: string, _fault: PodFault): string | null {
  return `pods "${name}" not found`;
}

/** Takes a node down (kubelet stops reporting) or brings it back. Returns null or an error text. */
export function nodeAction(_c: Cluster, name: string, _action: NodeAction): string | null {
  return `nodes "${name}" not found`;
}
