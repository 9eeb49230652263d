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

  it('counts restartable init containers (sidecars) as running beside the containers and the later init containers', () => {
    // resource.PodRequests (KEP-753): sidecars add to the containers; init container i runs next to the sidecars before it.
    const always = 'Always' as const;
    const p = pod({
      initContainers: [
        { name: 'setup', image: 'i', resources: { requests: { cpu: '300m' } } },
        { name: 'proxy', image: 'i', restartPolicy: always, resources: { requests: { cpu: '1500m', memory: '10Mi' } } },
        { name: 'migrate', image: 'i', resources: { requests: { cpu: '1', memory: '100Mi' } } },
      ],
      containers: [{ name: 'app', image: 'i', resources: { requests: { cpu: '1500m', memory: '20Mi' } } }],
    });
    // cpu: max(1500 + 1500, 300, 1500 + 1000) = 3000m; memory: max(20 + 10, 10 + 100) Mi.
    expect(podRequests(p)).toEqual({ milliCPU: 3000, memory: 110 * 2 ** 20, ephemeral: 0 });
  });

  it('takes pod-level cpu and memory requests over the containers\' (PodLevelResources), then adds the overhead', () => {
    const p = pod({
      resources: { requests: { cpu: '3', memory: '1Gi' } },
      containers: [{ name: 'a', image: 'i', resources: { requests: { cpu: '100m', memory: '1Mi', 'ephemeral-storage': '1Ki' } } }],
      overhead: { cpu: '10m' },
    } as Partial<NonNullable<Pod['spec']>>);
    expect(podRequests(p)).toEqual({ milliCPU: 3010, memory: 2 ** 30, ephemeral: 1024 });
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
