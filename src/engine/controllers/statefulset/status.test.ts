import { describe, expect, it } from 'vitest';
import { strategies } from '../../api/strategies.ts';
import { driveReady, getSet, makeReady, newSet, setPodStatus, testCluster } from './testing.ts';
import { rememberedSetKeys } from './controller.ts';

describe('status', () => {
  it('availableReplicas waits for minReadySeconds and a delayed resync picks it up', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1, minReadySeconds: 10 }));
    c.settle();
    makeReady(c, 'web-0');
    c.advance(1000);
    expect(getSet(c, 'web').status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    c.advance(11_000);
    expect(getSet(c, 'web').status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it('OrderedReady waits for availability before the next pod', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2, minReadySeconds: 5 }));
    c.settle();
    makeReady(c, 'web-0');
    c.advance(1000);
    expect(c.store.get('Pod', 'default', 'web-1')).toBeUndefined();
    expect(c.state.trace.filter((t) => t.type === 'controller.waiting').at(-1)).toMatchObject({ rule: 'min-ready-seconds', detail: { waitingFor: 'web-0', condition: 'Available' } });
    c.advance(6000);
    expect(c.store.get('Pod', 'default', 'web-1')).toBeDefined();
  });

  it('a Failed pod is deleted and then recreated', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    driveReady(c);
    const uid = c.store.get('Pod', 'default', 'web-0')!.metadata!.uid;
    setPodStatus(c, 'web-0', { phase: 'Failed', reason: 'Evicted' });
    c.settle();
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    expect(pod.metadata!.uid).not.toBe(uid);
    const msgs = c.store.list('Event', 'default').map((e) => e.message);
    expect(msgs).toContain('delete Pod web-0 in StatefulSet web successful');
  });

  it('does not write status when nothing counted changed, and never sets conditions', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    driveReady(c);
    const rv = getSet(c, 'web').metadata!.resourceVersion;
    c.enqueue('statefulset/sync', 'default/web', 0);
    c.settle();
    expect(getSet(c, 'web').metadata!.resourceVersion).toBe(rv);
    expect(getSet(c, 'web').status!.conditions).toBeUndefined();
  });

  it('a set being deleted (foreground) only gets status updates', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2 }));
    driveReady(c);
    c.store.delete('StatefulSet', 'default', 'web', { propagationPolicy: 'Foreground' });
    c.store.delete('Pod', 'default', 'web-1');
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-1')).toBeUndefined();
    expect(getSet(c, 'web').status!.replicas).toBe(1);
  });

  it('a rejected pod create gives a FailedCreate warning and is retried with back-off', () => {
    const saved = strategies.Pod;
    // The cluster (and its own pods) first, then every pod create refused.
    const c = testCluster();
    strategies.Pod = { ...(saved ?? {}), validateCreate: () => [{ field: 'metadata.labels', message: 'Invalid value: "x": must be no more than 63 characters' }] };
    try {
      c.store.create('StatefulSet', newSet('web', { replicas: 1, claims: [] }));
      c.advance(1000);
      const ev = c.store.list('Event', 'default').find((e) => e.reason === 'FailedCreate')!;
      expect(ev.type).toBe('Warning');
      expect(ev.message).toBe('create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: metadata.labels: Invalid value: "x": must be no more than 63 characters');
      const retries = c.state.trace.filter((t) => t.type === 'controller.error').map((t) => t.detail!.retryInMs);
      expect(retries.slice(0, 4)).toEqual([5, 10, 20, 40]);
      expect(ev.count).toBeGreaterThan(3);
    } finally {
      strategies.Pod = saved;
    }
  });
});

describe('controller.idle', () => {
  it('is traced once when the last wait ends and nothing is left to do', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2 }));
    driveReady(c);
    c.settle();
    const idles = c.state.trace.filter((t) => t.type === 'controller.idle');
    expect(idles).toHaveLength(1);
    const last = c.state.trace.filter((t) => t.type.startsWith('controller.') && t.type !== 'controller.status').at(-1);
    expect(last).toMatchObject({ type: 'controller.idle', detail: { replicas: 2 } });
  });
});

describe('work-queue keys', () => {
  it('forgets a deleted set\'s key, and a set made again under the name syncs as before', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    c.store.create('StatefulSet', newSet('db', { replicas: 1 }));
    driveReady(c);
    expect(rememberedSetKeys(c)).toBe(2);
    c.store.delete('StatefulSet', 'default', 'web');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBeUndefined();
    c.settle();
    expect(rememberedSetKeys(c)).toBe(1);
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    c.settle();
    expect(rememberedSetKeys(c)).toBe(2);
    // Synced (this test cluster has no garbage collector, so the old web-0, owned by the deleted set, stays).
    expect(getSet(c, 'web').status?.observedGeneration).toBe(1);
  });
});
