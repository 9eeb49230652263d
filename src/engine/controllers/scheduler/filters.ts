// The scheduler's filter plugins that matter in a kind cluster, in upstream order: NodeUnschedulable,
// TaintToleration, NodeAffinity (nodeSelector), NodeResourcesFit (pod slots, cpu, memory, ephemeral
// storage), VolumeBinding (claims and bound volumes' node affinity). A node that fails reports the
// first failing plugin's reasons, with the upstream texts, and whether preemption could ever help.
import type { Node, PersistentVolume, Pod } from '../../api/types.ts';
import type { Taint, Toleration, NodeSelectorTerm } from 'kubernetes-types/core/v1';
import { nodeAllocatable, podRequests, type Resources } from './resources.ts';

/** Reason texts exactly as the 1.35 plugins report them. */
export const REASONS = {
  unschedulable: 'node(s) were unschedulable',
  // 1.35 no longer names the taint (kubernetes#134740).
  taint: 'node(s) had untolerated taint(s)',
  selector: "node(s) didn't match Pod's node affinity/selector",
  volumeAffinity: 'node(s) had volume node affinity conflict',
  pods: 'Too many pods',
  cpu: 'Insufficient cpu',
  memory: 'Insufficient memory',
  ephemeral: 'Insufficient ephemeral-storage',
} as const;

/** Why a node cannot take the pod: the failing plugin's reasons, and whether no preemption could change that. */
export interface NodeFailure { reasons: readonly string[]; unresolvable: boolean }

/** What is already placed on a node: requests added up, and the number of pods. */
export interface NodeUsage extends Resources { pods: number }

const unresolvable = (reason: string): NodeFailure => ({ reasons: [reason], unresolvable: true });

// By pod spec (stored objects are immutable): the taint filter reads them once per node.
const tolerationCache = new WeakMap<object, readonly Toleration[]>();

/** The tolerations the DefaultTolerationSeconds admission plugin adds when a pod has none for these keys. */
export function effectiveTolerations(pod: Pod): readonly Toleration[] {
  const spec = pod.spec;
  let out = spec ? tolerationCache.get(spec) : undefined;
  if (!out) {
    out = withDefaultTolerations(pod);
    if (spec) tolerationCache.set(spec, out);
  }
  return out;
}

function withDefaultTolerations(pod: Pod): Toleration[] {
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

type Requirement = { key: string; operator: string; values?: string[] };

// `values.includes(v)` (SameValueZero) as a plain loop: the builtin leaves generated code for a runtime call on
// every use, and volumesFit asks this for every node a pod with bound volumes is tried on.
function inValues(values: readonly unknown[] | undefined, v: unknown): boolean {
  if (!values) return false;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === v || (x !== x && v !== v)) return true;
  }
  return false;
}

function requirementMatches(r: Requirement, src: Record<string, string>): boolean {
  const v = src[r.key];
  switch (r.operator) {
    case 'In': return v !== undefined && inValues(r.values, v);
    case 'NotIn': return v === undefined || !inValues(r.values, v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    case 'Gt': return v !== undefined && Number(v) > Number(r.values?.[0]);
    case 'Lt': return v !== undefined && Number(v) < Number(r.values?.[0]);
    default: return false;
  }
}

// Read for a node without labels (never written to).
const NO_LABELS: Record<string, string> = Object.freeze({});

// Allocates nothing for label-only terms (indexed loops, no `?? []` stand-ins, no callbacks): a bound volume's
// node affinity is checked against many nodes per pod.
function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions;
  const flds = term.matchFields;
  const nExprs = exprs ? exprs.length : 0, nFlds = flds ? flds.length : 0;
  if (nExprs === 0 && nFlds === 0) return false;
  if (nExprs) {
    const labels = node.metadata?.labels ?? NO_LABELS;
    for (let i = 0; i < nExprs; i++) if (!requirementMatches(exprs![i]!, labels)) return false;
  }
  if (nFlds === 0) return true;
  const fields: Record<string, string> = { 'metadata.name': node.metadata!.name! };
  return flds!.every((r) => requirementMatches(r, fields));
}

/** Whether the node satisfies required node-selector terms (ORed). */
export function matchesNodeSelectorTerms(terms: NodeSelectorTerm[] | undefined, node: Node): boolean {
  if (!terms) return true;
  for (let i = 0; i < terms.length; i++) if (termMatches(terms[i]!, node)) return true;
  return false;
}

// Models nodeaffinity Filter: spec.nodeSelector and required node affinity.
function affinityFilter(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return req ? matchesNodeSelectorTerms(req.nodeSelectorTerms, node) : true;
}

// Models noderesources Fit.Filter (fitsRequest): a free pod slot, then each requested resource against what
// is left; all shortfalls are reported. A request larger than the whole node can never fit, so preemption
// is no help (Unresolvable).
function resourceFit(pod: Pod, node: Node, used: NodeUsage): NodeFailure | null {
  const alloc = nodeAllocatable(node);
  const req = podRequests(pod);
  let reasons: string[] | null = null;
  let never = false;
  if (used.pods + 1 > alloc.pods) (reasons ??= []).push(REASONS.pods);
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    (reasons ??= []).push(REASONS.cpu);
    never ||= req.milliCPU > alloc.milliCPU;
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    (reasons ??= []).push(REASONS.memory);
    never ||= req.memory > alloc.memory;
  }
  if (req.ephemeral > 0 && req.ephemeral > alloc.ephemeral - used.ephemeral) {
    (reasons ??= []).push(REASONS.ephemeral);
    never ||= req.ephemeral > alloc.ephemeral;
  }
  return reasons ? { reasons, unresolvable: never } : null;
}

/** Whether `resourceFit` finds no shortfall: the same comparisons, without building the reasons. */
export function fitsRequest(req: Resources, alloc: Readonly<NodeUsage>, used: NodeUsage): boolean {
  return used.pods + 1 <= alloc.pods
    && !(req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU)
    && !(req.memory > 0 && req.memory > alloc.memory - used.memory)
    && !(req.ephemeral > 0 && req.ephemeral > alloc.ephemeral - used.ephemeral);
}

/**
 * How the node fails the plugins that read only the node and the pod's spec (NodeUnschedulable,
 * TaintToleration, NodeAffinity), or null: the same answer for every pod of the same scheduling profile.
 */
export function nodeOnlyFailure(pod: Pod, node: Node): NodeFailure | null {
  if (node.spec?.unschedulable && !effectiveTolerations(pod).some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return unresolvable(REASONS.unschedulable);
  }
  if (!taintFilter(pod, node)) return unresolvable(REASONS.taint);
  if (!affinityFilter(pod, node)) return unresolvable(REASONS.selector);
  return null;
}

/** Whether the node satisfies the node affinity of every volume bound to the pod's claims (VolumeBinding). */
export function volumesFit(boundVolumes: readonly PersistentVolume[], node: Node): boolean {
  for (const pv of boundVolumes) {
    if (!matchesNodeSelectorTerms(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms, node)) return false;
  }
  return true;
}

/**
 * Runs the filters for one node and returns how it fails, or null when the node fits. `used` is what the
 * node already carries; `boundVolumes` are the PVs already bound to the pod's claims.
 */
export function filterNode(pod: Pod, node: Node, used: NodeUsage, boundVolumes: readonly PersistentVolume[]): NodeFailure | null {
  const fixed = nodeOnlyFailure(pod, node);
  if (fixed) return fixed;
  const fit = resourceFit(pod, node, used);
  if (fit) return fit;
  return volumesFit(boundVolumes, node) ? null : unresolvable(REASONS.volumeAffinity);
}

// Reasons counted over the nodes, `<count> <reason>`, sorted as strings (framework sortReasonsHistogram).
function histogram(counts: Map<string, number>): string {
  return [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';

/**
 * The FailedScheduling message. Models framework FitError.Error: the filter reasons counted over the nodes (or a
 * PreFilter's message), each sentence closed by a period, then the PostFilter plugins' message appended as it
 * is. 1.35 runs two PostFilter plugins, DynamicResources before DefaultPreemption, and joins their messages
 * with ", ":
 * - after Filter failures, DynamicResources says `no new claims to deallocate` (the pod has no ResourceClaims),
 *   then preemption gives its own FitError (ending in one period): it skips the nodes no eviction could help and
 *   finds no victims on the others, since every pod here has the same priority;
 * - after a PreFilter failure (VolumeBinding's, UnschedulableAndUnresolvable), the PreFilter plugins after it
 *   never ran, so DynamicResources finds no cycle state and its error, `not found`, is the whole message (an
 *   error ends the PostFilter run before preemption).
 */
export function fitErrorMessage(total: number, failures: readonly NodeFailure[] | string): string {
  if (typeof failures === 'string') return `0/${total} nodes are available: ${failures}. not found`;
  const counts = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const f of failures) {
    for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const p = f.unresolvable ? NOT_HELPFUL : NO_VICTIMS;
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  return `0/${total} nodes are available: ${histogram(counts)}. no new claims to deallocate, preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}
