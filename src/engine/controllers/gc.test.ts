import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { testPod } from '../kubelet/fixtures.ts';

function withOwner() {
  const c = Cluster.create({ seed: 5, freeze: true });
  const owner = c.store.create('Service', { metadata: { name: 'owner', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
  if (!owner.ok) throw new Error('owner');
  const ref = { apiVersion: 'v1', kind: 'Service', name: 'owner', uid: owner.object.metadata!.uid!, controller: true, blockOwnerDeletion: true };
  for (const n of ['a', 'b']) {
    const p = testPod(n);
    p.metadata!.ownerReferences = [ref];
    c.store.create('Pod', p);
  }
  c.advance(5_000);
  return c;
}

describe('garbage collector', () => {
  it('background: deletes dependents after the owner is gone (gracefully)', () => {
    const c = withOwner();
    c.store.delete('Service', 'default', 'owner');
    c.advance(100);
    expect(c.store.get('Pod', 'default', 'a')?.metadata?.deletionTimestamp).toBeDefined();
    c.advance(5_000);
    expect(c.store.list('Pod', 'default')).toHaveLength(0);
    expect(c.state.trace.filter((t) => t.type === 'gc.deleted')).toHaveLength(2);
  });

  it('foreground: the owner stays until blocking dependents are gone', () => {
    const c = withOwner();
    c.store.delete('Service', 'default', 'owner', { propagationPolicy: 'Foreground' });
    c.advance(100);
    expect(c.store.get('Service', 'default', 'owner')?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    c.advance(5_000);
    expect(c.store.list('Pod', 'default')).toHaveLength(0);
    expect(c.store.get('Service', 'default', 'owner')).toBeUndefined();
  });

  it('orphan: strips the owner reference and keeps the dependents running', () => {
    const c = withOwner();
    c.store.delete('Service', 'default', 'owner', { propagationPolicy: 'Orphan' });
    c.advance(1_000);
    expect(c.store.get('Service', 'default', 'owner')).toBeUndefined();
    const pods = c.store.list('Pod', 'default');
    expect(pods.map((p) => [p.metadata!.name, p.metadata!.ownerReferences, p.metadata!.deletionTimestamp])).toEqual([['a', undefined, undefined], ['b', undefined, undefined]]);
    expect(c.state.trace.filter((t) => t.type === 'gc.orphaned')).toHaveLength(2);
  });
});
