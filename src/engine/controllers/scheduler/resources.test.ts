import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { nodeAllocatable, podRequests } from './resources.ts';

const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], ...spec } });

describe('NodeResourcesFit units', () => {
  it('adds up container requests, raises them to the largest init container, adds the overhead, rounding up', () => {
    const p = pod({
      containers: [
        { name: 'a', image: 'i', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
        { name: 'b', image: 'i', resources: { requests: { cpu: '0.1', 'ephemeral-storage': '1Gi' } } },
      ],
      initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '1', memory: '1Mi' } } }],
      overhead: { cpu: '0.5m' },
    });
    // 0.5m of overhead rounds up to 1 millicore, as Quantity.MilliValue does.
    expect(podRequests(p)).toEqual({ milliCPU: 1001, memory: 64 * 2 ** 20, ephemeral: 2 ** 30 });
    expect(podRequests(pod({ containers: [{ name: 'a', image: 'i' }] }))).toEqual({ milliCPU: 0, memory: 0, ephemeral: 0 });
  });

  it("reads a node's allocatable (else its capacity) with its pod slots", () => {
    const n: Node = { metadata: { name: 'n' }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' } } };
    expect(nodeAllocatable(n)).toEqual({ milliCPU: 4000, memory: 8 * 2 ** 30, ephemeral: 100 * 2 ** 30, pods: 110 });
  });
});

describe('cluster size', () => {
  it('starts with the workers asked for, named as kind names them', () => {
    const c = Cluster.create({ workers: 12 });
    const names = c.store.list('Node').map((n) => n.metadata!.name);
    expect(names).toHaveLength(13);
    expect(names).toContain('kind-worker');
    expect(names).toContain('kind-worker12');
    expect(c.store.get('Node', '', 'kind-worker12')!.spec!.podCIDR).toBe('10.244.12.0/24');
    expect(() => Cluster.create({ workers: 0 })).toThrow('workers must be an integer from 1 to 250, not 0');
  });
});
