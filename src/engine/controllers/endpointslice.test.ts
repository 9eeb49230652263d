import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { EndpointSlice, Service, StatefulSet } from '../api/types.ts';
import { podFault } from '../faults.ts';
import { webSet } from '../../kubectl/testing.ts';
import { checkEndpointSlicesSettled } from '../invariants.ts';
import { shouldPodBeInEndpoints } from './endpointslice-utils.ts';
import { testPod } from '../kubelet/fixtures.ts';

const headless: Service = {
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
  spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] },
};

function cluster(replicas: number, policy: 'OrderedReady' | 'Parallel' = 'OrderedReady', seed = 4): Cluster {
  const c = Cluster.create({ seed, freeze: true });
  c.store.create('Service', headless);
  const set: StatefulSet = { ...webSet(replicas), spec: { ...webSet(replicas).spec!, podManagementPolicy: policy } };
  expect(c.store.create('StatefulSet', set).ok).toBe(true);
  c.advance(600_000);
  return c;
}

const slices = (c: Cluster, svc = 'nginx'): EndpointSlice[] =>
  c.store.list('EndpointSlice', 'default').filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc);
const podNames = (s: EndpointSlice): string[] => (s.endpoints ?? []).map((e) => e.targetRef!.name!);

describe('endpointslice controller', () => {
  it('gives a 3-pod StatefulSet behind its headless Service one slice, as upstream writes it', () => {
    const c = cluster(3);
    const [s, ...rest] = slices(c);
    expect(rest).toEqual([]);
    expect(s.metadata!.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata!.generateName).toBe('nginx-');
    expect(s.metadata!.labels).toEqual({
      app: 'nginx', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'nginx', 'service.kubernetes.io/headless': '',
    });
    const svc = c.store.get('Service', 'default', 'nginx')!;
    expect(s.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'nginx', uid: svc.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(s.metadata!.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP' }]);
    expect(podNames(s)).toEqual(['web-0', 'web-1', 'web-2']);
    const pod = c.store.get('Pod', 'default', 'web-1')!;
    expect(s.endpoints![1]).toEqual({
      addresses: [pod.status!.podIP], conditions: { ready: true, serving: true, terminating: false }, hostname: 'web-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod.metadata!.uid }, nodeName: pod.spec!.nodeName,
    });
  });

  it('updates the same slice in place when a pod turns unready', () => {
    const c = cluster(3);
    const before = slices(c)[0];
    podFault(c, 'default', 'web-1', 'unready');
    c.advance(1_000);
    const after = slices(c)[0];
    expect(after.metadata!.name).toBe(before.metadata!.name);
    expect(podNames(after)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(after.endpoints![1].conditions).toEqual({ ready: false, serving: false, terminating: false });
    expect(after.endpoints![0].conditions).toEqual({ ready: true, serving: true, terminating: false });
  });

  it('publishNotReadyAddresses marks every endpoint ready', () => {
    const c = Cluster.create({ seed: 4, freeze: true });
    c.store.create('Service', { ...headless, spec: { ...headless.spec, publishNotReadyAddresses: true } });
    c.store.create('StatefulSet', webSet(1));
    c.advance(600_000);
    podFault(c, 'default', 'web-0', 'unready');
    c.advance(1_000);
    expect(slices(c)[0].endpoints![0].conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  it('keeps a terminating pod with terminating=true, then drops it and takes in its replacement', () => {
    const c = cluster(3);
    const name = slices(c)[0].metadata!.name;
    c.store.delete('Pod', 'default', 'web-2');
    c.advance(100);
    const during = slices(c)[0];
    expect(during.endpoints!.find((e) => e.targetRef!.name === 'web-2')!.conditions).toMatchObject({ ready: false, terminating: true });
    c.advance(600_000);
    const after = slices(c);
    expect(after.map((s) => s.metadata!.name)).toEqual([name]);
    expect(podNames(after[0]).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    const uid = c.store.get('Pod', 'default', 'web-2')!.metadata!.uid;
    expect(after[0].endpoints!.find((e) => e.targetRef!.name === 'web-2')!.targetRef!.uid).toBe(uid);
  });

  it('leaves one placeholder slice without endpoints or ports when no pod is left', () => {
    const c = cluster(2);
    const name = slices(c)[0].metadata!.name;
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    c.store.update('StatefulSet', { ...sts, spec: { ...sts.spec!, replicas: 0 } });
    c.advance(600_000);
    const s = slices(c);
    expect(s.map((x) => x.metadata!.name)).toEqual([name]);
    expect(s[0].endpoints).toEqual([]);
    expect(s[0].ports).toEqual([]);
    // Pods coming back fill the placeholder (a new slice takes over the empty one): still one slice, same name.
    const again = c.store.get('StatefulSet', 'default', 'web')!;
    c.store.update('StatefulSet', { ...again, spec: { ...again.spec!, replicas: 2 } });
    c.advance(600_000);
    expect(slices(c).map((x) => [x.metadata!.name, podNames(x).sort()])).toEqual([[name, ['web-0', 'web-1']]]);
  });

  it('after a scale-down, keeps no empty slice beside live ones and creates none', () => {
    const c = cluster(150, 'Parallel');
    const before = slices(c).map((x) => x.metadata!.name!);
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    c.store.update('StatefulSet', { ...sts, spec: { ...sts.spec!, replicas: 20 } });
    c.advance(600_000);
    const after = slices(c);
    expect(after.every((x) => x.endpoints!.length > 0)).toBe(true);
    expect(after.flatMap(podNames).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `web-${i}`).sort());
    expect(after.every((x) => before.includes(x.metadata!.name!))).toBe(true);
    expect(checkEndpointSlicesSettled(c)).toEqual([]);
  });

  it('spills past 100 endpoints into a second slice and holds every ready pod exactly once', () => {
    const c = cluster(150, 'Parallel');
    const s = slices(c);
    expect(s.map((x) => x.endpoints!.length).sort((a, b) => b - a)).toEqual([100, 50]);
    const all = s.flatMap(podNames).sort();
    expect(all).toEqual(Array.from({ length: 150 }, (_, i) => `web-${i}`).sort());
    // A readiness change rewrites only the slice holding that pod.
    const holder = s.find((x) => podNames(x).includes('web-7'))!;
    const other = s.find((x) => x !== holder)!;
    podFault(c, 'default', 'web-7', 'unready');
    c.advance(1_000);
    expect(c.store.get('EndpointSlice', 'default', other.metadata!.name!)!.metadata!.resourceVersion).toBe(other.metadata!.resourceVersion);
    expect(c.store.get('EndpointSlice', 'default', holder.metadata!.name!)!.metadata!.resourceVersion).not.toBe(holder.metadata!.resourceVersion);
  });

  it('fills slices with room through scale-downs, scale-ups and pod replacements (room index checked at every pick)', () => {
    // checks mode (freeze) compares every pick of the room index with a pass over all slices.
    const c = cluster(260, 'Parallel');
    const scale = (n: number) => {
      const sts = c.store.get('StatefulSet', 'default', 'web')!;
      c.store.update('StatefulSet', { ...sts, spec: { ...sts.spec!, replicas: n } });
      c.advance(600_000);
    };
    for (const name of ['web-3', 'web-150', 'web-201']) { c.store.delete('Pod', 'default', name); c.advance(1_000); }
    podFault(c, 'default', 'web-42', 'unready');
    c.advance(600_000);
    scale(130);
    scale(245);
    scale(101);
    scale(310);
    const s = slices(c);
    expect(s.every((x) => x.endpoints!.length <= 100 && x.endpoints!.length > 0)).toBe(true);
    expect(s.flatMap(podNames).sort()).toEqual(Array.from({ length: 310 }, (_, i) => `web-${i}`).sort());
    expect(checkEndpointSlicesSettled(c)).toEqual([]);
  });

  it('repairs a slice deleted by hand and is gone with the Service (garbage collector)', () => {
    const c = cluster(2);
    c.store.delete('EndpointSlice', 'default', slices(c)[0].metadata!.name!);
    c.advance(1_000);
    expect(slices(c).flatMap(podNames)).toEqual(['web-0', 'web-1']);
    c.store.delete('Service', 'default', 'nginx');
    c.advance(5_000);
    expect(slices(c)).toEqual([]);
  });

  it('rewrites a slice stored with only the key order of an endpoint changed (compared as JSON after a rebuild)', () => {
    const c = cluster(2);
    const [slice] = slices(c);
    const [first, ...rest] = slice.endpoints!;
    const { targetRef, ...others } = first;
    const reordered = { targetRef, ...others };
    // Sent by a user, such an edit changes nothing and is not written (the API server's no-op update)...
    const byHand = c.store.update('EndpointSlice', { ...slice, endpoints: [reordered, ...rest] });
    expect(byHand.ok && byHand.object.metadata!.resourceVersion).toBe(slice.metadata!.resourceVersion);
    // ...so store the reordered slice directly, as a writer that lays out its objects differently would.
    const edited = c.store.update('EndpointSlice', { ...slice, endpoints: [reordered, ...rest] }, { trusted: true });
    expect(edited.ok && Object.keys(edited.object.endpoints![0])[0]).toBe('targetRef');
    c.advance(1_000);
    const [after] = slices(c);
    expect(after.metadata!.resourceVersion).not.toBe(edited.ok && edited.object.metadata!.resourceVersion);
    expect(after.endpoints).toEqual(slice.endpoints);
    expect(Object.keys(after.endpoints![0])).toEqual(Object.keys(first));
  });

  it('is deterministic: same seed, same slices', () => {
    const a = cluster(5, 'Parallel', 9);
    const b = cluster(5, 'Parallel', 9);
    expect(JSON.stringify(slices(a))).toBe(JSON.stringify(slices(b)));
  });
});

describe('checkEndpointSlicesSettled', () => {
  it('passes on a settled set and reports a ready pod missing from the slices', () => {
    const c = Cluster.create({ seed: 4, freeze: true, controllers: [] });
    c.store.create('Service', headless);
    expect(checkEndpointSlicesSettled(c)).toEqual([]);
    const p = c.store.create('Pod', { metadata: { name: 'web-0', namespace: 'default', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } });
    if (!p.ok) throw new Error(p.status.message);
    c.store.update('Pod', { ...p.object, status: { phase: 'Running', podIP: '10.244.1.9', conditions: [{ type: 'Ready', status: 'True' }] } }, { subresource: 'status' });
    expect(checkEndpointSlicesSettled(c)).toEqual(['ready pod web-0 appears 0 times in the EndpointSlices of Service nginx']);
    expect(checkEndpointSlicesSettled(cluster(3))).toEqual([]);
  });

  it('lists no terminal pod, whatever its restart policy (upstream ShouldPodBeInEndpoints, 1.35)', () => {
    const pod = (phase: string, deleting = false) => {
      const p = testPod('web-0');
      return { ...p, metadata: { ...p.metadata, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, status: { phase, podIP: '10.244.1.2' } };
    };
    expect(shouldPodBeInEndpoints(pod('Failed'), true)).toBe(false);
    expect(shouldPodBeInEndpoints(pod('Succeeded'), true)).toBe(false);
    expect(shouldPodBeInEndpoints(pod('Running'), true)).toBe(true);
    expect(shouldPodBeInEndpoints(pod('Running', true), false)).toBe(false);
    expect(shouldPodBeInEndpoints(pod('Running', true), true)).toBe(true);
    expect(shouldPodBeInEndpoints({ ...pod('Running'), status: { phase: 'Running' } }, true)).toBe(false);
  });
});
