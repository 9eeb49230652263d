import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { EngineCheckError } from './checks.ts';

describe('Cluster', () => {
  it('bootstraps namespaces, nodes, the default StorageClass and the kubernetes Service', () => {
    const c = Cluster.create({ freeze: true });
    expect(c.store.list('Namespace').map((n) => n.metadata!.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    expect(c.store.list('Node').map((n) => n.metadata!.name)).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3']);
    expect(c.store.get('StorageClass', '', 'standard')?.volumeBindingMode).toBe('WaitForFirstConsumer');
    // kind applies it with kubectl apply: what it applied is recorded, as on a real kind cluster.
    expect(c.store.get('StorageClass', '', 'standard')?.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'])
      .toBe('{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}\n');
    expect(c.store.get('Service', 'default', 'kubernetes')?.spec?.clusterIP).toBe('10.96.0.1');
  });

  it('is deterministic: same seed, same uids', () => {
    const a = Cluster.create({ seed: 7 }).store.list('Node').map((n) => n.metadata!.uid);
    const b = Cluster.create({ seed: 7 }).store.list('Node').map((n) => n.metadata!.uid);
    const d = Cluster.create({ seed: 8 }).store.list('Node').map((n) => n.metadata!.uid);
    expect(a).toEqual(b);
    expect(a).not.toEqual(d);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('snapshot and restore continue identically', () => {
    const c = Cluster.create({ seed: 3 });
    const snap = c.snapshot();
    const r = Cluster.restore(snap);
    c.store.create('Namespace', { metadata: { name: 'x' } });
    r.store.create('Namespace', { metadata: { name: 'x' } });
    expect(r.store.get('Namespace', '', 'x')?.metadata?.uid).toBe(c.store.get('Namespace', '', 'x')?.metadata?.uid);
    expect(structuredClone(snap)).toEqual(snap);
  });

  it('runs timers in (due, insertion) order and advances the clock', () => {
    const seen: string[] = [];
    const c = Cluster.create({ bare: true, controllers: [{ name: 't', run: (_k, key) => { seen.push(key); } }] });
    c.enqueue('t/x', 'b', 20);
    c.enqueue('t/x', 'a', 10);
    c.enqueue('t/x', 'c', 10);
    c.enqueue('t/x', 'a', 15); // collapses into the pending one at 10
    c.advance(12);
    expect(seen).toEqual(['a', 'c']);
    expect(c.now).toBe(12);
    expect(c.settle()).toEqual({ settled: true, now: 20 });
    expect(seen).toEqual(['a', 'c', 'b']);
  });

  it('routes changes only to controllers that watch the kind (all kinds when none are named)', () => {
    const podsOnly: string[] = [], all: string[] = [];
    const c = Cluster.create({ bare: true, controllers: [
      { name: 'a', kinds: ['Pod'], onChange: (e) => { podsOnly.push(e.kind); }, run: () => {} },
      { name: 'b', onChange: (e) => { all.push(e.kind); }, run: () => {} },
    ] });
    c.store.create('Namespace', { metadata: { name: 'default' } });
    c.store.create('Pod', { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(podsOnly).toEqual(['Pod']);
    expect(all).toEqual(['Namespace', 'Pod']);
  });

  it('keeps per-controller state in the snapshot, one object per name, verified in checks mode', () => {
    const c = Cluster.create({ checks: true });
    let inits = 0;
    const a = c.ext('test', () => { inits++; return { n: 1 }; });
    expect(c.ext('test', () => ({ n: 2 }))).toBe(a);
    expect(inits).toBe(1);
    expect(c.snapshot().ext.test).toEqual({ n: 1 });
    expect(Cluster.restore(c.snapshot()).ext('test', () => ({ n: 3 }))).toEqual({ n: 1 });
    c.state.ext.test = { n: 4 };
    expect(() => c.ext('test', () => ({ n: 5 }))).toThrow(EngineCheckError);
  });
});
