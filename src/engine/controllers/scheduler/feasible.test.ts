import { describe, expect, it } from 'vitest';
import type { Node, PersistentVolume, Pod } from '../../api/types.ts';
import type { NodeSelectorTerm } from 'kubernetes-types/core/v1';
import { filterNode, type NodeUsage } from './filters.ts';
import { leastLoadedFeasible, type NodeLoads } from './feasible.ts';

// A small seeded generator (tests stay deterministic).
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

const ZONES = ['a', 'b', 'c'];

function makeNode(r: (n: number) => number, i: number): Node {
  const taints = r(4) === 0 ? [{ key: r(2) ? 'dedicated' : 'node-role.kubernetes.io/control-plane', value: r(2) ? 'db' : undefined, effect: r(2) ? 'NoSchedule' : 'PreferNoSchedule' }] : undefined;
  return {
    metadata: { name: `n${i}`, labels: { zone: ZONES[r(3)]!, 'kubernetes.io/hostname': `n${i}` } },
    spec: { unschedulable: r(8) === 0 || undefined, taints },
    status: { allocatable: { cpu: String(1 + r(4)), memory: `${1 + r(4)}Gi`, pods: String(3 + r(5)) } },
  };
}

function makePod(r: (n: number) => number): Pod {
  const tolerations = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ...(r(3) === 0 ? [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] : []),
    ...(r(6) === 0 ? [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] : []),
  ];
  const zone = r(3) === 0 ? { zone: ZONES[r(3)]! } : undefined;
  const affinity = r(4) === 0
    ? { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: [ZONES[r(3)]!] }] }] } } }
    : undefined;
  const requests = r(2) ? { cpu: `${100 * r(20)}m`, memory: `${r(1200)}Mi` } : undefined;
  return {
    metadata: { namespace: 'default', name: 'p' },
    spec: { tolerations, nodeSelector: zone, affinity, containers: [{ name: 'c', image: 'i', resources: requests ? { requests } : undefined }] },
  };
}

const pinned = (node: string): PersistentVolume => ({
  metadata: { name: `pv-${node}` },
  spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } },
});

// Volumes of every affinity shape: pinned to one node (or to none there is), `In` several values (a zone, nodes),
// other operators, two terms, and none.
function boundVolumes(r: (n: number) => number, nodes: number): PersistentVolume[] {
  const volume = (terms?: NodeSelectorTerm[]): PersistentVolume =>
    ({ metadata: { name: 'pv' }, spec: terms ? { nodeAffinity: { required: { nodeSelectorTerms: terms } } } : {} });
  const one = (): PersistentVolume => {
    switch (r(6)) {
      case 0: return volume([{ matchExpressions: [{ key: 'zone', operator: 'In', values: [ZONES[r(3)]!, ZONES[r(3)]!] }] }]);
      case 1: return volume([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [`n${r(nodes + 1)}`, `n${r(nodes + 1)}`] }] }]);
      case 2: return volume([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: [ZONES[r(3)]!] }] }]);
      case 3: return volume([{ matchExpressions: [{ key: 'zone', operator: 'In', values: [ZONES[r(3)]!] }] }, { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [`n${r(nodes)}`] }] }]);
      case 4: return volume();
      default: return pinned(`n${r(nodes + 1)}`);
    }
  };
  return Array.from({ length: 1 + (r(3) === 0 ? 1 : 0) }, one);
}

// schedulePod's selection list from every filter on every node.
function fullPass(pod: Pod, nodes: readonly Node[], loads: NodeLoads, bound: PersistentVolume[]): string[] {
  const ties: string[] = [];
  let least = Infinity;
  for (const n of nodes) {
    const used = loads.get(n.metadata!.name!)!;
    if (filterNode(pod, n, used, bound)) continue;
    if (used.pods < least) { least = used.pods; ties.length = 0; }
    if (used.pods === least) ties.push(n.metadata!.name!);
  }
  return ties;
}

describe('leastLoadedFeasible', () => {
  it('lists exactly the nodes the full filter pass would, in node order, as loads change in place', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const nodes: readonly Node[] = Object.freeze(Array.from({ length: 2 + r(12) }, (_, i) => makeNode(r, i)));
      const loads: NodeLoads = new Map();
      for (let round = 0; round < 30; round++) {
        // The live objects the fast path resolved stay the ones updated.
        for (const n of nodes) {
          const u: NodeUsage = loads.get(n.metadata!.name!) ?? { pods: 0, milliCPU: 0, memory: 0, ephemeral: 0 };
          u.pods = r(5); u.milliCPU = 100 * r(30); u.memory = r(3) * 2 ** 30;
          loads.set(n.metadata!.name!, u);
        }
        const pod = makePod(r);
        const bound = r(3) === 0 ? boundVolumes(r, nodes.length) : [];
        expect(leastLoadedFeasible(pod, nodes, loads, bound), `seed ${seed} round ${round}`).toEqual(fullPass(pod, nodes, loads, bound));
      }
    }
  });

  it('gives nodes it has not seen a place in the loads (no pods yet)', () => {
    const r = rng(3);
    const nodes = [makeNode(r, 0), makeNode(r, 1)].map((n) => ({ ...n, spec: {} }));
    const loads: NodeLoads = new Map();
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [] } };
    expect(leastLoadedFeasible(pod, nodes, loads, [])).toEqual(['n0', 'n1']);
    expect(loads.get('n1')).toEqual({ pods: 0, milliCPU: 0, memory: 0, ephemeral: 0 });
    loads.get('n0')!.pods = 1;
    expect(leastLoadedFeasible(pod, nodes, loads, [])).toEqual(['n1']);
  });
});
