import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { testPod } from '../kubelet/fixtures.ts';
import { podFault } from '../faults.ts';
import { endpointsController, truncateEndpoints } from './endpoints.ts';
import { checkEndpoints } from '../invariants.ts';
import type { EndpointAddress } from 'kubernetes-types/core/v1';

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
    expect(ep.metadata!.labels).toEqual({ 'endpoints.kubernetes.io/managed-by': 'endpoint-controller', 'service.kubernetes.io/headless': '' });
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

  it('keeps the old addresses until its sync runs when a pod\'s labels or the selector change, which the invariant allows only while the sync is queued', () => {
    const c = Cluster.create({ seed: 2, freeze: true });
    c.store.create('Service', { metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] } });
    c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
    c.advance(10_000);
    expect(c.store.get('Endpoints', 'default', 'nginx')!.subsets![0].addresses![0].targetRef!.name).toBe('web-0');
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    c.store.update('Pod', { ...pod, metadata: { ...pod.metadata, labels: { app: 'other' } } });
    // The same instant: the Endpoints still list web-0, as on a real cluster until the controller's sync.
    expect(c.store.get('Endpoints', 'default', 'nginx')!.subsets![0].addresses![0].targetRef!.name).toBe('web-0');
    expect(c.queued('endpoints/sync', 'default/nginx')).toBe(true);
    expect(checkEndpoints(c)).toEqual([]);
    c.runDue();
    c.advance(100);
    expect(c.store.get('Endpoints', 'default', 'nginx')!.subsets ?? []).toEqual([]);
    expect(checkEndpoints(c)).toEqual([]);
  });

  it('truncates past 1000 addresses, ready ones first, in proportion per subset', () => {
    const addrs = (n: number, p: string): EndpointAddress[] => Array.from({ length: n }, (_, i) => ({ ip: `${p}.${i}` }));
    const small = [{ addresses: addrs(3, 'a'), ports: [{ port: 80 }] }];
    expect(truncateEndpoints(small)).toBe(small);
    const mixed = truncateEndpoints([{ addresses: addrs(900, 'r'), notReadyAddresses: addrs(300, 'n'), ports: [{ port: 80 }] }]);
    expect(mixed[0].addresses).toHaveLength(900);
    expect(mixed[0].notReadyAddresses).toHaveLength(100);
    const tooMany = truncateEndpoints([
      { addresses: addrs(1200, 'a'), notReadyAddresses: addrs(5, 'n'), ports: [{ port: 80 }] },
      { addresses: addrs(300, 'b'), ports: [{ port: 81 }] },
    ]);
    expect(tooMany.map((s) => s.addresses?.length)).toEqual([800, 200]);
    expect(tooMany.some((s) => s.notReadyAddresses)).toBe(false);
  });

  it('marks an over-capacity Endpoints object truncated and clears the mark below capacity', () => {
    const c = Cluster.create({ seed: 2, controllers: [endpointsController] });
    c.store.create('Service', { metadata: { name: 'big', namespace: 'default' }, spec: { selector: { app: 'big' }, ports: [{ port: 80 }] } });
    for (let i = 0; i < 1001; i++) {
      const p = testPod(`big-${i}`, { node: 'kind-worker', labels: { app: 'big' } });
      const created = c.store.create('Pod', p);
      if (!created.ok) throw new Error(created.status.message);
      const status = { phase: 'Running' as const, podIP: `10.1.${i >> 8}.${i & 255}`, conditions: [{ type: 'Ready', status: 'True' }] };
      c.store.update('Pod', { ...created.object, status }, { subresource: 'status' });
    }
    c.advance(100);
    const ep = c.store.get('Endpoints', 'default', 'big')!;
    expect(ep.metadata!.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
    expect(ep.subsets![0].addresses).toHaveLength(1000);
    // The address cut off is the last by IP text (10.1.3.99 = big-867): its pod turning unready changes
    // nothing written, so the object is not rewritten (as upstream, which compares before it writes).
    expect(ep.subsets![0].addresses!.some((a) => a.ip === '10.1.3.99')).toBe(false);
    const p867 = c.store.get('Pod', 'default', 'big-867')!;
    c.store.update('Pod', { ...p867, status: { ...p867.status, conditions: [{ type: 'Ready', status: 'False' }] } }, { subresource: 'status' });
    c.advance(100);
    expect(c.store.get('Endpoints', 'default', 'big')!.metadata!.resourceVersion).toBe(ep.metadata!.resourceVersion);
    c.store.delete('Pod', 'default', 'big-0', { gracePeriodSeconds: 0 });
    c.advance(100);
    const after = c.store.get('Endpoints', 'default', 'big')!;
    expect(after.metadata!.annotations?.['endpoints.kubernetes.io/over-capacity']).toBeUndefined();
    expect(after.subsets![0].addresses).toHaveLength(999);
    expect(after.subsets![0].notReadyAddresses!.map((a) => a.ip)).toEqual(['10.1.3.99']);
  });

  it('lists the pods of a headless Service without ports, with no ports (as upstream allows)', () => {
    const c = Cluster.create({ seed: 2, freeze: true });
    c.store.create('Service', { metadata: { name: 'bare', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'nginx' } } });
    c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
    c.advance(10_000);
    const subsets = c.store.get('Endpoints', 'default', 'bare')!.subsets!;
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses!.map((a) => a.targetRef!.name)).toEqual(['web-0']);
    expect('ports' in subsets[0]).toBe(false);
  });

  it('keeps a terminating pod, as ready, when the Service publishes not-ready addresses', () => {
    const c = Cluster.create({ seed: 2, freeze: true });
    const spec = { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] };
    c.store.create('Service', { metadata: { name: 'all', namespace: 'default' }, spec: { ...spec, publishNotReadyAddresses: true } });
    c.store.create('Service', { metadata: { name: 'ready', namespace: 'default' }, spec });
    c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
    c.advance(10_000);
    c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 30 });
    c.advance(100);
    expect(c.store.get('Pod', 'default', 'web-0')!.metadata!.deletionTimestamp).toBeDefined();
    expect(c.store.get('Endpoints', 'default', 'all')!.subsets![0].addresses!.map((a) => a.targetRef!.name)).toEqual(['web-0']);
    expect(c.store.get('Endpoints', 'default', 'ready')!.subsets).toBeUndefined();
  });

  it('resolves a named targetPort on a sidecar (restartable init container), as podutil.FindPort does', () => {
    const c = Cluster.create({ seed: 2, controllers: [endpointsController] });
    c.store.create('Service', { metadata: { name: 'side', namespace: 'default' }, spec: { selector: { app: 'side' }, ports: [{ port: 80, targetPort: 'proxy' }] } });
    const p = testPod('side-0', { node: 'kind-worker', labels: { app: 'side' } });
    p.spec!.initContainers = [{ name: 'proxy', image: 'nginx:alpine', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 8080, protocol: 'TCP' }] }];
    const created = c.store.create('Pod', p);
    if (!created.ok) throw new Error(created.status.message);
    c.store.update('Pod', { ...created.object, status: { phase: 'Running', podIP: '10.1.0.9', conditions: [{ type: 'Ready', status: 'True' }] } }, { subresource: 'status' });
    c.advance(100);
    expect(c.store.get('Endpoints', 'default', 'side')!.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: '10.1.0.9' })], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('carries the appProtocol of a service port into the endpoint ports (endpointPortFromServicePort)', () => {
    const c = Cluster.create({ seed: 2, controllers: [endpointsController] });
    c.store.create('Service', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'h2', port: 80, targetPort: 8080, appProtocol: 'kubernetes.io/h2c' }] } });
    const created = c.store.create('Pod', testPod('web-0', { node: 'kind-worker', labels: { app: 'web' } }));
    if (!created.ok) throw new Error(created.status.message);
    c.store.update('Pod', { ...created.object, status: { phase: 'Running', podIP: '10.1.0.7', conditions: [{ type: 'Ready', status: 'True' }] } }, { subresource: 'status' });
    c.advance(100);
    expect(c.store.get('Endpoints', 'default', 'web')!.subsets![0].ports).toEqual([{ name: 'h2', port: 8080, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }]);
  });
});
