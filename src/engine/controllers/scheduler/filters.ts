// The scheduler's filter plugins that matter in a kind cluster, in upstream order: NodeUnschedulable,
// TaintToleration, NodeAffinity (nodeSelector), VolumeBinding (claims and bound volumes' node
// affinity). Each returns the upstream reason text a node fails with, or null.
import type { Node, PersistentVolume, Pod } from '../../api/types.ts';
import type { Taint, Toleration, NodeSelectorTerm } from 'kubernetes-types/core/v1';

/** Reason texts exactly as the 1.35 plugins report them. */
export const REASONS = {
  unschedulable: 'node(s) were unschedulable',
  // 1.35 no longer names the taint (kubernetes#134740).
  taint: 'node(s) had untolerated taint(s)',
  selector: "node(s) didn't match Pod's node affinity/selector",
  volumeAffinity: 'node(s) had volume node affinity conflict',
} as const;

/** The tolerations the DefaultTolerationSeconds admission plugin adds when a pod has none for these keys. */
export function effectiveTolerations(pod: Pod): Toleration[] {
  const own = pod.spec?.tolerations ?? [];
  const out = [...own];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!own.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'))) {
      out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  return out;
}

/** Whether a toleration tolerates a taint. Models component-helpers ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

// Models tainttoleration Filter: NoSchedule and NoExecute taints must be tolerated.
function taintFilter(pod: Pod, node: Node): boolean {
  const tols = effectiveTolerations(pod);
  return (node.spec?.taints ?? []).every((taint) =>
    (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') || tols.some((t) => tolerates(t, taint)));
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  const fields: Record<string, string> = { 'metadata.name': node.metadata!.name! };
  const reqOk = (r: { key: string; operator: string; values?: string[] }, src: Record<string, string>): boolean => {
    const v = src[r.key];
    switch (r.operator) {
      case 'In': return v !== undefined && (r.values ?? []).includes(v);
      case 'NotIn': return v === undefined || !(r.values ?? []).includes(v);
      case 'Exists': return v !== undefined;
      case 'DoesNotExist': return v === undefined;
      case 'Gt': return v !== undefined && Number(v) > Number(r.values?.[0]);
      case 'Lt': return v !== undefined && Number(v) < Number(r.values?.[0]);
      default: return false;
    }
  };
  const exprs = term.matchExpressions ?? [];
  const flds = term.matchFields ?? [];
  if (exprs.length === 0 && flds.length === 0) return false;
  return exprs.every((r) => reqOk(r, labels)) && flds.every((r) => reqOk(r, fields));
}

/** Whether the node satisfies required node-selector terms (ORed). */
export function matchesNodeSelectorTerms(terms: NodeSelectorTerm[] | undefined, node: Node): boolean {
  if (!terms) return true;
  return terms.some((t) => termMatches(t, node));
}

// Models nodeaffinity Filter: spec.nodeSelector and required node affinity.
function affinityFilter(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return req ? matchesNodeSelectorTerms(req.nodeSelectorTerms, node) : true;
}

/**
 * Runs the filters for one node and returns the first failing plugin's reason, or null when the node
 * fits. `boundVolumes` are the PVs already bound to the pod's claims.
 */
export function filterNode(pod: Pod, node: Node, boundVolumes: readonly PersistentVolume[]): string | null {
  if (node.spec?.unschedulable && !effectiveTolerations(pod).some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return REASONS.unschedulable;
  }
  if (!taintFilter(pod, node)) return REASONS.taint;
  if (!affinityFilter(pod, node)) return REASONS.selector;
  for (const pv of boundVolumes) {
    if (!matchesNodeSelectorTerms(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms, node)) return REASONS.volumeAffinity;
  }
  return null;
}

/**
 * The FailedScheduling message. Models framework FitError.Error: reasons counted per node and sorted,
 * then the preemption post-filter summary.
 */
export function fitErrorMessage(total: number, reasons: Map<string, number> | string): string {
  let body: string;
  if (typeof reasons === 'string') body = reasons;
  else body = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort().join(', ');
  return `0/${total} nodes are available: ${body}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}
