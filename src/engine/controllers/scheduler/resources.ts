// What NodeResourcesFit compares: a pod's requests and a node's allocatable, in the scheduler's integer units
// (milli-CPU, bytes). Models pkg/scheduler/framework/plugins/noderesources computePodResourceRequest; the rule
// for a pod's requests is api/pod-resources.ts.
import type { Node, Pod } from '../../api/types.ts';
import { parseQuantity, type Quantity } from '../../api/quantity.ts';
import { podResourceTotals, type ResourceTotals } from '../../api/pod-resources.ts';

/** Requested (or allocatable) cpu in millicores, memory and ephemeral-storage in bytes. */
export interface Resources { milliCPU: number; memory: number; ephemeral: number }

// Quantity.MilliValue and Value round up, as the scheduler's resource accounting does.
function milli(v: unknown): number {
  const r = v === undefined || v === null ? null : parseQuantity(v as string | number);
  return r?.ok ? Number(((r.q.num * 1000n) + r.q.den - 1n) / r.q.den) : 0;
}
function whole(v: unknown): number {
  const r = v === undefined || v === null ? null : parseQuantity(v as string | number);
  return r?.ok ? Number((r.q.num + r.q.den - 1n) / r.q.den) : 0;
}

function listOf(list: Record<string, unknown> | undefined): Resources {
  return { milliCPU: milli(list?.cpu), memory: whole(list?.memory), ephemeral: whole(list?.['ephemeral-storage']) };
}

const ZERO: Resources = Object.freeze({ milliCPU: 0, memory: 0, ephemeral: 0 });

// A quantity rounded up to an integer count of `per` (1000 for MilliValue, 1 for Value).
const up = (q: Quantity | undefined, per: bigint): number => (q ? Number((q.num * per + q.den - 1n) / q.den) : 0);

// Whether any part the requests are added up from is set: most pods request nothing.
function requestsAnything(spec: NonNullable<Pod['spec']>): boolean {
  if (spec.overhead || (spec as { resources?: { requests?: unknown } }).resources?.requests) return true;
  for (const c of spec.containers ?? []) if (c.resources?.requests) return true;
  for (const c of spec.initContainers ?? []) if (c.resources?.requests) return true;
  return false;
}

// Pods are immutable once stored (in-place resize is not modelled), so a pod's requests are computed once, kept
// by the totals they come from (which podResourceTotals keeps for the pod's life).
const cache = new WeakMap<ResourceTotals, Resources>();

/** The pod's effective requests (podResourceTotals) in the scheduler's units, rounded up as it does. */
export function podRequests(pod: Pod): Resources {
  const spec = pod.spec;
  if (!spec || !requestsAnything(spec)) return ZERO;
  const t = podResourceTotals(pod, 'requests');
  let r = cache.get(t);
  if (!r) {
    r = Object.freeze({ milliCPU: up(t.get('cpu'), 1000n), memory: up(t.get('memory'), 1n), ephemeral: up(t.get('ephemeral-storage'), 1n) });
    cache.set(t, r);
  }
  return r;
}

// By node status object (stored objects are immutable): every scheduling attempt reads every node.
const allocCache = new WeakMap<object, Resources & { pods: number }>();
const NO_STATUS = {};

/** The node's allocatable resources and pod slots (status.allocatable, else capacity). */
export function nodeAllocatable(node: Node): Readonly<Resources & { pods: number }> {
  const status = node.status ?? NO_STATUS;
  let r = allocCache.get(status);
  if (!r) {
    const a = (node.status?.allocatable && Object.keys(node.status.allocatable).length ? node.status.allocatable : node.status?.capacity) as Record<string, unknown> | undefined;
    allocCache.set(status, (r = Object.freeze({ ...listOf(a), pods: whole(a?.pods) })));
  }
  return r;
}
