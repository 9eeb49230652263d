import { describe, expect, it } from 'vitest';
import { bindPod, driveReady, finishTermination, getSet, makeUnready, newSet, podNames, testCluster, updateSpec } from './testing.ts';

describe('scale down', () => {
  it('OrderedReady deletes the highest ordinal first and waits for it to be gone', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 3 }));
    driveReady(c);
    for (const n of ['web-0', 'web-1', 'web-2']) bindPod(c, n);
    c.settle();
    updateSpec(c, 'web', (s) => { s.replicas = 1; });
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-2')!.metadata!.deletionTimestamp).toBeDefined();
    expect(c.store.get('Pod', 'default', 'web-1')!.metadata!.deletionTimestamp).toBeUndefined();
    finishTermination(c, 'web-2');
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-1')!.metadata!.deletionTimestamp).toBeDefined();
    finishTermination(c, 'web-1');
    c.settle();
    expect(podNames(c)).toEqual(['web-0']);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-2')).toBeDefined();
    expect(getSet(c, 'web').status).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it('does not start while an in-range pod is unhealthy', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 3 }));
    driveReady(c);
    makeUnready(c, 'web-0');
    updateSpec(c, 'web', (s) => { s.replicas = 1; });
    c.settle();
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2']);
    const waits = c.state.trace.filter((t) => t.type === 'controller.waiting');
    expect(waits.at(-1)).toMatchObject({ rule: 'OrderedReady', detail: { waitingFor: 'web-0', condition: 'Ready' } });
  });

  it('an unhealthy condemned pod blocks unless it is the lowest unhealthy one', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 4 }));
    driveReady(c);
    makeUnready(c, 'web-2');
    updateSpec(c, 'web', (s) => { s.replicas = 1; });
    c.settle();
    // web-3 (healthy) goes first, then web-2 (the lowest unhealthy), then web-1.
    expect(podNames(c)).toEqual(['web-0']);
    expect(c.state.trace.filter((t) => t.type === 'controller.deleted').map((t) => t.object!.name)).toEqual(['web-3', 'web-2', 'web-1']);

    const d = testCluster();
    d.store.create('StatefulSet', newSet('web', { replicas: 4 }));
    driveReady(d);
    makeUnready(d, 'web-2');
    makeUnready(d, 'web-3');
    updateSpec(d, 'web', (s) => { s.replicas = 1; });
    d.settle();
    expect(podNames(d)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    expect(d.state.trace.filter((t) => t.type === 'controller.waiting').at(-1)).toMatchObject({ rule: 'scale-down', detail: { waitingFor: 'web-2', condemned: 'web-3' } });
  });

  it('Parallel deletes every condemned pod in one pass', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 4, podManagementPolicy: 'Parallel' }));
    driveReady(c);
    for (const n of ['web-1', 'web-2', 'web-3']) bindPod(c, n);
    c.settle();
    updateSpec(c, 'web', (s) => { s.replicas = 1; });
    c.settle();
    for (const n of ['web-1', 'web-2', 'web-3']) expect(c.store.get('Pod', 'default', n)!.metadata!.deletionTimestamp).toBeDefined();
  });
});

describe('Parallel creation', () => {
  it('creates all missing pods in one pass without waiting for Ready', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 5, podManagementPolicy: 'Parallel' }));
    c.settle();
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
  });
});
