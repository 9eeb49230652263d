// A pod's effective requests and limits, per resource, as component-helpers resource.PodRequests and
// PodLimits compute them. One rule for the scheduler (NodeResourcesFit) and `kubectl describe node`.
import type { Pod } from './types.ts';
import { compareQuantity, parseQuantity, type Quantity } from './quantity.ts';

/** Quantities by resource name (cpu, memory, ephemeral-storage, hugepages-…, extended resources). */
export type ResourceTotals = ReadonlyMap<string, Quantity>;

const sum = (a: Quantity, b: Quantity): Quantity => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den, format: a.format });

function addInto(to: Map<string, Quantity>, list: Readonly<Record<string, unknown>> | undefined, only?: ReadonlyMap<string, Quantity>): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    if (only && !only.has(k)) continue;
    const r = parseQuantity(v as string | number);
    if (!r.ok) continue;
    const cur = to.get(k);
    to.set(k, cur ? sum(cur, r.q) : r.q);
  }
}

function maxInto(to: Map<string, Quantity>, from: ReadonlyMap<string, Quantity>): void {
  for (const [k, v] of from) {
    const cur = to.get(k);
    if (!cur || compareQuantity(v, cur) > 0) to.set(k, v);
  }
}

type Which = 'requests' | 'limits';

// Kept by the containers array (the spec itself when it has none), with the other parts the totals were
// computed from: a binding or a status write copies the spec but shares its parts, so one entry serves the
// pod through its life.
interface Entry { initContainers: unknown; resources: unknown; overhead: unknown; totals: ResourceTotals }
const caches: Record<Which, WeakMap<object, Entry>> = { requests: new WeakMap(), limits: new WeakMap() };

/**
 * The pod's requests (or limits): the containers' added up; init containers run one at a time, each beside the
 * restartable (sidecar, restartPolicy Always) init containers before it, and sidecars keep running beside the
 * containers, so the total is raised to the largest of those init-time sums; pod-level values (cpu and memory,
 * PodLevelResources) replace the containers'; the overhead is added (for limits only where a limit is set).
 * Stored pods never change, so the result is kept (per the spec's parts it reads).
 */
export function podResourceTotals(pod: Pod, which: Which): ResourceTotals {
  const spec = pod.spec;
  if (!spec) return new Map();
  const level = (spec as { resources?: Partial<Record<Which, Record<string, unknown>>> }).resources;
  const key: object = spec.containers ?? spec;
  const hit = caches[which].get(key);
  if (hit && hit.initContainers === spec.initContainers && hit.resources === level && hit.overhead === spec.overhead) {
    return hit.totals;
  }
  const total = new Map<string, Quantity>();
  for (const c of spec.containers ?? []) addInto(total, c.resources?.[which] as Record<string, unknown> | undefined);
  const sidecars = new Map<string, Quantity>();
  const initMax = new Map<string, Quantity>();
  for (const c of spec.initContainers ?? []) {
    const own = c.resources?.[which] as Record<string, unknown> | undefined;
    if (c.restartPolicy === 'Always') {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const during = new Map(sidecars);
      addInto(during, own);
      maxInto(initMax, during);
    }
  }
  maxInto(total, initMax);
  const own = level?.[which];
  for (const k of ['cpu', 'memory']) {
    const r = own?.[k] !== undefined ? parseQuantity(own[k] as string | number) : null;
    if (r?.ok) total.set(k, r.q);
  }
  addInto(total, spec.overhead as Record<string, unknown> | undefined, which === 'limits' ? new Map(total) : undefined);
  caches[which].set(key, { initContainers: spec.initContainers, resources: level, overhead: spec.overhead, totals: total });
  return total;
}
