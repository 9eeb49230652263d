import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { testPod } from '../kubelet/fixtures.ts';
import { podFault } from '../faults.ts';

describe('endpoints', () => {
  it('lists ready pods with hostnames for the headless service, not-ready ones apart, and goes with the service', () => {
    const c = Cluster.create({ seed: 2, freeze: true });
    c.store.create('Service', { metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] } });
    c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
    c.store.create('Pod', testPod('web-1', { node: 'kind-worker2' }));
    c.store.create('Pod', testPod('other', { node: 'kind-worker3', labels: { app: 'x' } }));
    c.advance(10_000);
    podFault(c, 'default', 'web-1', 'unready');
    c.advance(100);
    const ep = c.store.get('Endpoints', 'default', 'nginx')!;
    expect(ep.metadata!.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets).toEqual([{
      addresses: [{ hostname: 'web-0', ip: '10.244.1.2', nodeName: 'kind-worker', targetRef: { kind: 'Pod', name: 'web-0', namespace: 'default', uid: c.store.get('Pod', 'default', 'web-0')!.metadata!.uid } }],
      notReadyAddresses: [{ hostname: 'web-1', ip: '10.244.2.2', nodeName: 'kind-worker2', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: c.store.get('Pod', 'default', 'web-1')!.metadata!.uid } }],
      ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
    }]);
    expect(c.state.trace.some((t) => t.type === 'endpoints.updated')).toBe(true);
    c.store.delete('Service', 'default', 'nginx');
    c.advance(100);
    expect(c.store.get('Endpoints', 'default', 'nginx')).toBeUndefined();
  });
});
