import { describe, expect, it } from 'vitest';
import { bindPod, driveReady, finishTermination, getSet, makeReady, makeUnready, newSet, testCluster, updateSpec } from './testing.ts';

const rev = (c: ReturnType<typeof testCluster>, n: string) => c.store.get('Pod', 'default', n)?.metadata?.labels?.['controller-revision-hash'];

describe('rolling update', () => {
  it('replaces pods one at a time from the highest ordinal and then completes the revision', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    c.settle();
    expect(getSet(c, 'web').status!.updateRevision).toBe('web-7b5d746f96');
    expect(getSet(c, 'web').status!.currentRevision).toBe('web-7d8559755f');
    // web-2 was deleted (no node: gone at once) and recreated at the update revision.
    expect(rev(c, 'web-2')).toBe('web-7b5d746f96');
    expect(rev(c, 'web-1')).toBe('web-7d8559755f');
    makeReady(c, 'web-2');
    c.settle();
    expect(rev(c, 'web-1')).toBe('web-7b5d746f96');
    driveReady(c);
    expect(['web-0', 'web-1', 'web-2'].map((n) => rev(c, n))).toEqual(['web-7b5d746f96', 'web-7b5d746f96', 'web-7b5d746f96']);
    expect(getSet(c, 'web').status).toMatchObject({ currentRevision: 'web-7b5d746f96', updateRevision: 'web-7b5d746f96', currentReplicas: 3, updatedReplicas: 3 });
    const deletes = c.state.trace.filter((t) => t.type === 'controller.deleted').map((t) => [t.object!.name, t.rule]);
    expect(deletes).toEqual([['web-2', 'rolling-update'], ['web-1', 'rolling-update'], ['web-0', 'rolling-update']]);
  });

  it('waits for a terminating pod and decrements currentReplicas for the deleted one', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    driveReady(c);
    for (const n of ['web-0', 'web-1', 'web-2']) bindPod(c, n);
    c.settle();
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-2')!.metadata!.deletionTimestamp).toBeDefined();
    expect(getSet(c, 'web').status).toMatchObject({ currentReplicas: 2, replicas: 3 });
    finishTermination(c, 'web-2');
    c.settle();
    expect(rev(c, 'web-2')).toBe('web-7b5d746f96');
  });

  it('OrderedReady broken rollout: reverting the template is not enough while the new pod is unready', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'bad:image'; });
    c.settle();
    makeUnready(c, 'web-2');
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.24'; });
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-2')!.spec!.containers[0].image).toBe('bad:image');
    expect(getSet(c, 'web').status!.updateRevision).toBe('web-7d8559755f');
  });

  it('Parallel recovers a broken rollout by itself once the template is reverted', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { podManagementPolicy: 'Parallel' }));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'bad:image'; });
    c.settle();
    makeUnready(c, 'web-2');
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.24'; });
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-2')!.spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.24');
  });

  it('maxUnavailable (gate on) replaces up to that many pods at once', () => {
    const c = testCluster({ gates: { MaxUnavailableStatefulSet: true } });
    c.store.create('StatefulSet', newSet('web', { replicas: 5, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } }));
    driveReady(c);
    for (const n of ['web-0', 'web-1', 'web-2', 'web-3', 'web-4']) bindPod(c, n);
    c.settle();
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    c.settle();
    const terminating = ['web-0', 'web-1', 'web-2', 'web-3', 'web-4'].filter((n) => c.store.get('Pod', 'default', n)!.metadata!.deletionTimestamp);
    expect(terminating).toEqual(['web-3', 'web-4']);
  });
});
