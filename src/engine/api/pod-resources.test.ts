import { describe, expect, it } from 'vitest';
import type { Pod } from './types.ts';
import { formatQuantity } from './quantity.ts';
import { podResourceTotals } from './pod-resources.ts';

const totals = (spec: Partial<NonNullable<Pod['spec']>>, which: 'requests' | 'limits'): Record<string, string> =>
  Object.fromEntries([...podResourceTotals({ spec: { containers: [], ...spec } } as Pod, which)].map(([k, q]) => [k, formatQuantity(q)]));

describe('podResourceTotals (resource.PodRequests / PodLimits)', () => {
  it('adds containers and sidecars, raises to the largest init-time sum, adds the overhead', () => {
    const spec = {
      containers: [{ name: 'a', image: 'i', resources: { requests: { cpu: '500m', memory: '64Mi' } } }],
      initContainers: [
        { name: 'proxy', image: 'i', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
        // Runs beside the sidecar: 200m + 1 = 1200m, more than the 700m that runs afterwards.
        { name: 'setup', image: 'i', resources: { requests: { cpu: '1', 'example.com/gpu': '1' } } },
      ],
      overhead: { memory: '10Mi' },
    } as Partial<NonNullable<Pod['spec']>>;
    expect(totals(spec, 'requests')).toEqual({ cpu: '1200m', memory: '74Mi', 'example.com/gpu': '1' });
  });

  it('pod-level cpu and memory replace the containers\'; limits get the overhead only where a limit is set', () => {
    const spec = {
      containers: [{ name: 'a', image: 'i', resources: { requests: { cpu: '2' }, limits: { cpu: '2' } } }],
      resources: { requests: { cpu: '1' } },
      overhead: { cpu: '100m', memory: '10Mi' },
    } as unknown as Partial<NonNullable<Pod['spec']>>;
    expect(totals(spec, 'requests')).toEqual({ cpu: '1100m', memory: '10Mi' });
    expect(totals(spec, 'limits')).toEqual({ cpu: '2100m' });
  });

  it('serves a copied spec that shares the parts (a binding, a status write) from the same entry, and no other', () => {
    const spec = { containers: [{ name: 'a', image: 'i', resources: { requests: { cpu: '1' } } }] } as NonNullable<Pod['spec']>;
    const first = podResourceTotals({ spec }, 'requests');
    expect(podResourceTotals({ spec: { ...spec, nodeName: 'n' } }, 'requests')).toBe(first);
    const withInit = { ...spec, initContainers: [{ name: 'b', image: 'i', resources: { requests: { cpu: '3' } } }] };
    expect(Object.fromEntries([...podResourceTotals({ spec: withInit }, 'requests')].map(([k, q]) => [k, formatQuantity(q)]))).toEqual({ cpu: '3' });
    expect(Object.fromEntries([...podResourceTotals({ spec: { ...spec, overhead: { cpu: '1' } } }, 'requests')].map(([k, q]) => [k, formatQuantity(q)]))).toEqual({ cpu: '2' });
  });
});
