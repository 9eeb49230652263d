import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { WatchEvent } from './store.ts';
import { EngineCheckError } from '../checks.ts';

describe('ApiStore', () => {
  it('assigns uid, resourceVersion and creationTimestamp, and streams changes', () => {
    const c = Cluster.create({ freeze: true });
    const seen: WatchEvent[] = [];
    c.store.watch((e) => seen.push(e));
    c.advance(5000);
    const r = c.store.create('ConfigMap' as never, {});
    expect(r.ok).toBe(false);
    const p = c.store.create('Pod', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.object.metadata!.namespace).toBe('default');
    expect(p.object.metadata!.creationTimestamp).toBe('2026-01-01T00:00:05Z');
    expect(Object.isFrozen(p.object)).toBe(true);
    expect(seen.map((e) => e.type)).toContain('ADDED');
  });

  it('evicts a pod: the DisruptionTarget condition, then a graceful delete; NotFound for a missing pod; dry run writes nothing', () => {
    const c = Cluster.create({ freeze: true, controllers: [] });
    c.store.create('Pod', { metadata: { name: 'p' }, spec: { nodeName: 'kind-worker', containers: [{ name: 'c', image: 'busybox' }] } });
    expect(c.store.evict('default', 'p', { dryRun: true }).ok).toBe(true);
    expect(c.store.get('Pod', 'default', 'p')!.status?.conditions).toBeUndefined();
    const r = c.store.evict('default', 'p', { gracePeriodSeconds: 5 });
    expect(r.ok).toBe(true);
    const p = c.store.get('Pod', 'default', 'p')!;
    expect(p.metadata!.deletionGracePeriodSeconds).toBe(5);
    expect(p.status!.conditions).toEqual([{ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }]);
    const missing = c.store.evict('default', 'q');
    expect(missing.ok ? '' : missing.status.message).toBe('pods "q" not found');
  });

  it('takes an owned input as it is: the same stored JSON as a copied one, without the copy', () => {
    const run = (owned: boolean) => {
      const c = Cluster.create({ seed: 3, freeze: true });
      const ev = () => ({
        apiVersion: 'v1', kind: 'Event', metadata: { name: 'p.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p' },
        reason: 'Created', message: 'Created container c', source: { component: 'kubelet' }, count: 1, type: 'Normal',
      });
      const input = ev();
      const made = c.store.create('Event', input, { trusted: true, owned });
      const stored = c.store.get('Event', 'default', 'p.1')!;
      const body = { ...stored, count: 2 };
      const updated = c.store.update('Event', body, { trusted: true, owned });
      return { made, stored, input, body, updated, json: JSON.stringify(c.store.get('Event', 'default', 'p.1')) };
    };
    const copied = run(false), owned = run(true);
    expect(owned.json).toBe(copied.json);
    expect(JSON.stringify(owned.stored)).toBe(JSON.stringify(copied.stored));
    expect(owned.stored).toBe(owned.input);
    expect(copied.stored).not.toBe(copied.input);
    expect(owned.updated.ok && owned.updated.object).toBe(owned.body);
  });

  it('does not write a user update that changes nothing (key order aside): same resourceVersion, nothing streamed', () => {
    const c = Cluster.create({ freeze: true });
    const made = c.store.create('Service', { metadata: { name: 's', labels: { a: '1', b: '2' } }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
    if (!made.ok) throw new Error(made.status.message);
    const seen: WatchEvent[] = [];
    c.store.watch((e) => seen.push(e));
    const same = JSON.parse(JSON.stringify(made.object));
    same.metadata.labels = { b: '2', a: '1' };
    const r = c.store.update('Service', same);
    expect(r.ok && r.object.metadata!.resourceVersion).toBe(made.object.metadata!.resourceVersion);
    expect(seen).toEqual([]);
    same.metadata.labels = { a: '1' };
    const changed = c.store.update('Service', same);
    expect(changed.ok && Number(changed.object.metadata!.resourceVersion)).toBeGreaterThan(Number(made.object.metadata!.resourceVersion));
    expect(seen.map((e) => e.type)).toEqual(['MODIFIED']);
  });

  it('rejects duplicates and stale writes with the API texts', () => {
    const c = Cluster.create();
    c.store.create('Pod', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const dup = c.store.create('Pod', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    expect(!dup.ok && dup.status.message).toBe('pods "p" already exists');
    const cur = c.store.get('Pod', 'default', 'p')!;
    const stale = c.store.update('Pod', { ...cur, metadata: { ...cur.metadata, resourceVersion: '1' } });
    expect(!stale.ok && stale.status.reason).toBe('Conflict');
    const missing = c.store.delete('StatefulSet', 'default', 'web');
    expect(!missing.ok && missing.status.message).toBe('statefulsets.apps "web" not found');
  });

  it('keeps an object with finalizers until they are removed', () => {
    const c = Cluster.create();
    c.store.create('PersistentVolumeClaim', { metadata: { name: 'c', finalizers: ['kubernetes.io/pvc-protection'] }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const d = c.store.delete('PersistentVolumeClaim', 'default', 'c');
    expect(d.ok && d.object.metadata!.deletionTimestamp).toBeTruthy();
    const cur = c.store.get('PersistentVolumeClaim', 'default', 'c')!;
    c.store.update('PersistentVolumeClaim', { ...cur, metadata: { ...cur.metadata, finalizers: [] } });
    expect(c.store.get('PersistentVolumeClaim', 'default', 'c')).toBeUndefined();
  });

  it('terminates a scheduled pod gracefully and an unscheduled one at once', () => {
    const c = Cluster.create();
    c.store.create('Pod', { metadata: { name: 'a' }, spec: { nodeName: 'kind-worker', containers: [{ name: 'c', image: 'i' }] } });
    c.store.create('Pod', { metadata: { name: 'b' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    c.store.delete('Pod', 'default', 'a');
    c.store.delete('Pod', 'default', 'b');
    expect(c.store.get('Pod', 'default', 'a')?.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(c.store.get('Pod', 'default', 'b')).toBeUndefined();
    c.store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    expect(c.store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('indexes dependents by owner uid', () => {
    const c = Cluster.create();
    c.store.create('Pod', { metadata: { name: 'a', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true }] }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    expect(c.store.listByOwner('Pod', 'u1').map((p) => p.metadata!.name)).toEqual(['a']);
    c.store.delete('Pod', 'default', 'a');
    expect(c.store.listByOwner('Pod', 'u1')).toEqual([]);
  });
});

describe('ApiStore by-name index', () => {
  const pod = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'i' }] } });

  it('follows creates, updates, deletes and rebuilds', () => {
    const c = Cluster.create({ checks: true });
    c.store.create('Pod', pod('a'));
    c.store.create('Pod', pod('b'));
    const a = c.store.get('Pod', 'default', 'a')!;
    const up = c.store.update('Pod', { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
    expect(up.ok && c.store.get('Pod', 'default', 'a')).toBe(up.ok && up.object);
    c.store.delete('Pod', 'default', 'b');
    expect(c.store.get('Pod', 'default', 'b')).toBeUndefined();
    expect(c.store.get('Node', 'any-namespace', 'nope')).toBeUndefined();
    c.store.rebuildIndexes();
    expect(c.store.get('Pod', 'default', 'a')!.metadata!.labels).toEqual({ x: 'y' });
  });

  it('in checks mode, a lookup that disagrees with the stored map throws', () => {
    const c = Cluster.create({ checks: true });
    c.store.create('Pod', pod('a'));
    c.store.state.objects.Pod.delete('default/a');
    expect(() => c.store.get('Pod', 'default', 'a')).toThrow(EngineCheckError);
    expect(() => c.store.create('Pod', pod('a'))).toThrow(EngineCheckError);
  });

  it('lists from a cache that every write of the kind drops, as fresh arrays', () => {
    const c = Cluster.create({ checks: true });
    c.store.create('Pod', pod('b'));
    const first = c.store.list('Pod', 'default');
    first.reverse();
    expect(c.store.list('Pod', 'default').map((p) => p.metadata!.name)).toEqual(['b']);
    c.store.create('Pod', pod('a'));
    expect(c.store.list('Pod', 'default').map((p) => p.metadata!.name)).toEqual(['a', 'b']);
    // Every namespace: default's sort first, then kube-system's and local-path-storage's own pods.
    expect(c.store.list('Pod').map((p) => p.metadata!.name).slice(0, 2)).toEqual(['a', 'b']);
    expect(c.store.list('Pod').filter((p) => p.metadata!.namespace === 'default').length).toBe(2);
    const a = c.store.get('Pod', 'default', 'a')!;
    c.store.update('Pod', { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
    expect(c.store.list('Pod', 'default')[0].metadata!.labels).toEqual({ x: 'y' });
    c.store.delete('Pod', 'default', 'b', { gracePeriodSeconds: 0 });
    expect(c.store.list('Pod', 'default').map((p) => p.metadata!.name)).toEqual(['a']);
    expect(c.store.list('Pod', 'kube-public')).toEqual([]);
    // view(): the store's own frozen array, the same one until the kind is written again.
    const v = c.store.view('Pod', 'default');
    expect(Object.isFrozen(v)).toBe(true);
    expect(c.store.view('Pod', 'default')).toBe(v);
    c.store.create('Pod', pod('c'));
    expect(c.store.view('Pod', 'default')).not.toBe(v);
    expect(c.store.view('Pod', 'default').map((p) => p.metadata!.name)).toEqual(['a', 'c']);
  });

  it('drops only the cached lists a write changes: its namespace and every namespace, not the others', () => {
    const c = Cluster.create({ checks: true });
    const system = c.store.view('Pod', 'local-path-storage');
    const all = c.store.view('Pod');
    c.store.create('Pod', pod('a'));
    // A pod in default leaves local-path-storage's list as it was (the local-path provisioner reads it per claim).
    expect(c.store.view('Pod', 'local-path-storage')).toBe(system);
    expect(c.store.view('Pod')).not.toBe(all);
    expect(c.store.view('Pod').some((p) => p.metadata!.name === 'a')).toBe(true);
    const provisioner = system[0];
    c.store.delete('Pod', 'local-path-storage', provisioner.metadata!.name!, { gracePeriodSeconds: 0 });
    expect(c.store.view('Pod', 'local-path-storage')).not.toBe(system);
    expect(c.store.view('Pod', 'default').map((p) => p.metadata!.name)).toEqual(['a']);
  });

  it('in checks mode, a cached list that disagrees with the stored map throws', () => {
    const c = Cluster.create({ checks: true });
    c.store.create('Pod', pod('a'));
    expect(c.store.list('Pod', 'default')).toHaveLength(1);
    c.store.state.objects.Pod.delete('default/a');
    expect(() => c.store.list('Pod', 'default')).toThrow(EngineCheckError);
  });

  it('answers a dry run with the object it would store, uid and creationTimestamp included, without the resourceVersion only storage sets', () => {
    const c = Cluster.create({ checks: true });
    const before = c.store.state.resourceVersion;
    const dry = c.store.create('Pod', pod('a'), { dryRun: true });
    expect(dry.ok && dry.object.metadata).toEqual({ name: 'a', namespace: 'default', uid: expect.stringMatching(/^[0-9a-f-]{36}$/), creationTimestamp: '2026-01-01T00:00:00Z', generation: 1 });
    expect(c.store.get('Pod', 'default', 'a')).toBeUndefined();
    c.store.create('Pod', pod('a'));
    const stored = c.store.get('Pod', 'default', 'a')!;
    const { resourceVersion: _rv, ...meta } = stored.metadata!;
    const up = c.store.update('Pod', { ...stored, metadata: { ...meta, labels: { x: 'y' } } }, { dryRun: true });
    expect(up.ok && up.object.metadata).toEqual({ ...meta, labels: { x: 'y' } });
    expect(c.store.get('Pod', 'default', 'a')).toBe(stored);
    expect(c.store.state.resourceVersion).toBe(before + 1);
  });

  it('answers an update that lets a terminating object go without a resourceVersion the input did not carry', () => {
    const c = Cluster.create({ checks: true });
    c.store.create('PersistentVolumeClaim', { metadata: { name: 'c', finalizers: ['kubernetes.io/pvc-protection'] }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    c.store.delete('PersistentVolumeClaim', 'default', 'c');
    const cur = c.store.get('PersistentVolumeClaim', 'default', 'c')!;
    const { resourceVersion: _rv, ...meta } = cur.metadata!;
    const r = c.store.update('PersistentVolumeClaim', { ...cur, metadata: { ...meta, finalizers: [] } });
    expect(r.ok && 'resourceVersion' in r.object.metadata!).toBe(false);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'c')).toBeUndefined();
  });

  it('keeps the lists of one namespace, of the empty namespace name and of all namespaces apart', () => {
    const c = Cluster.create({ checks: true });
    const own = c.store.list('Pod').length;
    c.store.create('Pod', pod('a'));
    expect(c.store.list('Pod').length).toBe(own + 1);
    expect(c.store.list('Pod', '')).toEqual([]);
    expect(c.store.list('Pod').length).toBe(own + 1);
  });
});
