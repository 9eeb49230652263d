// The fast path of schedulePod's filter and score when some node fits: the feasible nodes with the fewest pods,
// in node-list order, without running every filter on every node. Builds no failure reasons (they are only
// read when nothing fits, and then the caller runs the full filter pass for them).
import type { Node, PersistentVolume, Pod } from '../../api/types.ts';
import { fitsRequest, nodeOnlyFailure, volumesFit, type NodeUsage } from './filters.ts';
import { nodeAllocatable, podRequests } from './resources.ts';
import { sameJson } from '../../api/json-util.ts';

/**
 * What each node carries as the scheduler's cache says (NodeInfo: non-terminal pods and their requests), one
 * live object per node name that the scheduler updates in place.
 */
export type NodeLoads = Map<string, NodeUsage>;

const UNKNOWN = 0, PASSES = 1, FAILS = 2;

/**
 * The parts of a pod spec the node-only filters read (tolerations, nodeSelector, required node affinity): pods
 * whose parts serialize alike get the same answer from `nodeOnlyFailure` on any node.
 */
interface Profile { tolerations: unknown; nodeSelector: unknown; required: unknown }

function profileOf(pod: Pod): Profile {
  const spec = pod.spec;
  return {
    tolerations: spec?.tolerations ?? null,
    nodeSelector: spec?.nodeSelector ?? null,
    required: spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
  };
}

const sameProfile = (a: Profile, b: Profile): boolean =>
  sameJson(a.tolerations, b.tolerations) && sameJson(a.nodeSelector, b.nodeSelector) && sameJson(a.required, b.required);

// Profiles remembered per node list: a few in practice (every pod of a workload has its template's); when
// pods bring many, the oldest is forgotten.
const MAX_PROFILES = 16;

// Per node list (the store's frozen view of Nodes, the same array until a Node is written), by node position:
// names, allocatable, the live usage objects, and per scheduling profile the node-only filters' outcome
// (filled in lazily).
interface NodesCache {
  loads: NodeLoads;
  names: string[];
  allocatable: Array<Readonly<NodeUsage>>;
  usage: NodeUsage[];
  profiles: Array<{ profile: Profile; fixed: Uint8Array }>;
  /** Per label key, the positions of the nodes by that label's value (filled in lazily). */
  labels: Map<string, Map<unknown, number[]>>;
}
const nodesCaches = new WeakMap<readonly Node[], NodesCache>();

function nodesCache(nodes: readonly Node[], loads: NodeLoads): NodesCache {
  let cache = nodesCaches.get(nodes);
  if (cache?.loads === loads) return cache;
  cache = { loads, names: [], allocatable: [], usage: [], profiles: [], labels: new Map() };
  for (const node of nodes) {
    const name = node.metadata!.name!;
    let u = loads.get(name);
    if (!u) loads.set(name, (u = { pods: 0, milliCPU: 0, memory: 0, ephemeral: 0 }));
    cache.names.push(name);
    cache.allocatable.push(nodeAllocatable(node));
    cache.usage.push(u);
  }
  nodesCaches.set(nodes, cache);
  return cache;
}

// The node-only filters' outcome by node position for the pod's profile (UNKNOWN until first asked).
function fixedOutcomes(cache: NodesCache, pod: Pod): Uint8Array {
  const profile = profileOf(pod);
  for (const p of cache.profiles) if (sameProfile(p.profile, profile)) return p.fixed;
  if (cache.profiles.length === MAX_PROFILES) cache.profiles.shift();
  const fixed = new Uint8Array(cache.names.length);
  cache.profiles.push({ profile, fixed });
  return fixed;
}

const NO_LABELS: Record<string, string> = Object.freeze({});
const NONE: readonly number[] = [];

// The positions of the nodes whose label `key` has each value (a value as `labels[key]` reads it).
function labelPositions(cache: NodesCache, nodes: readonly Node[], key: string): Map<unknown, number[]> {
  let byValue = cache.labels.get(key);
  if (!byValue) {
    byValue = new Map();
    for (let i = 0; i < nodes.length; i++) {
      const v: unknown = (nodes[i]!.metadata?.labels ?? NO_LABELS)[key];
      if (v === undefined) continue;
      const at = byValue.get(v);
      if (at) at.push(i); else byValue.set(v, [i]);
    }
    cache.labels.set(key, byValue);
  }
  return byValue;
}

/**
 * The positions, ascending, of the only nodes that can pass volumesFit when a bound volume's node affinity is one
 * `In` requirement (a local volume's: its node's hostname), read from the label index; null when no volume has
 * that shape (every node is a candidate). The other volumes are still checked on each candidate by volumesFit:
 * lets the search skip the nodes a volume excludes without reading their loads.
 */
function volumeCandidates(cache: NodesCache, nodes: readonly Node[], bound: readonly PersistentVolume[]): readonly number[] | null {
  for (const pv of bound) {
    const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    const term = terms?.length === 1 ? terms[0] : undefined;
    const r = term && !term.matchFields?.length && term.matchExpressions?.length === 1 ? term.matchExpressions[0] : undefined;
    if (!r || r.operator !== 'In') continue;
    const byValue = labelPositions(cache, nodes, r.key);
    const values = r.values ?? [];
    if (values.length === 1) return byValue.get(values[0]) ?? NONE;
    const at = new Set<number>();
    for (const v of values) for (const i of byValue.get(v) ?? NONE) at.add(i);
    return [...at].sort((a, b) => a - b);
  }
  return null;
}

/**
 * The nodes that pass every filter (filterNode returns null) and carry the fewest pods among those, in the
 * order of `nodes`: the list schedulePod selects from. A node carrying more pods than the best feasible node
 * seen so far cannot join that list, so it is not filtered at all.
 */
export function leastLoadedFeasible(pod: Pod, nodes: readonly Node[], loads: NodeLoads, bound: readonly PersistentVolume[]): string[] {
  const cache = nodesCache(nodes, loads);
  const fixed = fixedOutcomes(cache, pod);
  const req = podRequests(pod);
  const only = bound.length ? volumeCandidates(cache, nodes, bound) : null;
  const ties: string[] = [];
  let least = Infinity;
  for (let j = 0, n = only ? only.length : nodes.length; j < n; j++) {
    const i = only ? only[j]! : j;
    const used = cache.usage[i]!;
    if (used.pods > least) continue;
    if (fixed[i] === UNKNOWN) fixed[i] = nodeOnlyFailure(pod, nodes[i]!) ? FAILS : PASSES;
    if (fixed[i] === FAILS) continue;
    if (!fitsRequest(req, cache.allocatable[i]!, used)) continue;
    if (bound.length && !volumesFit(bound, nodes[i]!)) continue;
    if (used.pods < least) { least = used.pods; ties.length = 0; }
    ties.push(cache.names[i]!);
  }
  return ties;
}
