// What NodeResourcesFit compares: a pod's requests and a node's allocatable, in the scheduler's integer units
// (milli-CPU, bytes). Models pkg/scheduler/framework/plugins/noderesources (computePodResourceRequest) and
// component-helpers resource.PodRequests for the cases the playground can express.
import type { Node, Pod } from '../../api/types.ts';
import { parseQuantity } from '../../api/quantity.ts';

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

// Pods are immutable once stored (in-place resize is not modelled), so a pod's requests are computed once.
const cache = new WeakMap<object, Resources>();

/**
 * The pod's effective requests, as resource.PodRequests computes them: the containers' requests added up; the
 * init containers run one at a time, each next to the restartable (sidecar, restartPolicy Always) init
 * containers before it, and sidecars keep running beside the containers, so the total is raised to the largest
 * of those init-time sums; pod-level requests (PodLevelResources, on in 1.35) replace cpu and memory; the pod
 * overhead is added. Limits without requests were already copied into requests by API defaulting.
 */
export function podRequests(pod: Pod): Resources {
  const spec = pod.spec;
  if (!spec) return ZERO;
  let r = cache.get(spec);
  if (r) return r;
  const sum = { ...ZERO };
  for (const c of spec.containers ?? []) add(sum, listOf(c.resources?.requests as Record<string, unknown> | undefined));
  const sidecars = { ...ZERO };
  const initMax = { ...ZERO };
  for (const c of spec.initContainers ?? []) {
    const q = listOf(c.resources?.requests as Record<string, unknown> | undefined);
    let during: Resources;
    if (c.restartPolicy === 'Always') {
      add(sum, q);
      add(sidecars, q);
      during = sidecars;
    } else {
      during = add({ ...q }, sidecars);
    }
    initMax.milliCPU = Math.max(initMax.milliCPU, during.milliCPU);
    initMax.memory = Math.max(initMax.memory, during.memory);
    initMax.ephemeral = Math.max(initMax.ephemeral, during.ephemeral);
  }
  sum.milliCPU = Math.max(sum.milliCPU, initMax.milliCPU);
  sum.memory = Math.max(sum.memory, initMax.memory);
  sum.ephemeral = Math.max(sum.ephemeral, initMax.ephemeral);
  // Pod-level requests: cpu and memory are the supported resources (IsSupportedPodLevelResource).
  const level = (spec as { resources?: { requests?: Record<string, unknown> } }).resources?.requests;
  if (level?.cpu !== undefined) sum.milliCPU = milli(level.cpu);
  if (level?.memory !== undefined) sum.memory = whole(level.memory);
  add(sum, listOf(spec.overhead as Record<string, unknown> | undefined));
  r = Object.freeze(sum);
  cache.set(spec, r);
  return r;
}

function add(to: Resources, q: Resources): Resources {
  to.milliCPU += q.milliCPU; to.memory += q.memory; to.ephemeral += q.ephemeral;
  return to;
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
