import { describe, expect, it } from 'vitest';
import { driveReady, getSet, newSet, testCluster, updateSpec } from './testing.ts';

const revs = (c: ReturnType<typeof testCluster>) => ['web-0', 'web-1', 'web-2', 'web-3'].map((n) => c.store.get('Pod', 'default', n)?.metadata?.labels?.['controller-revision-hash']);

describe('partition', () => {
  it('updates only pods at or above the partition and never advances currentRevision', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    driveReady(c);
    const [cur, upd] = [getSet(c, 'web').status!.currentRevision, getSet(c, 'web').status!.updateRevision];
    expect(revs(c)).toEqual([cur, cur, upd, upd]);
    expect(cur).not.toBe(upd);
    const skip = c.state.trace.filter((t) => t.type === 'controller.skipped').at(-1);
    expect(skip).toMatchObject({ rule: 'partition', detail: { pods: 2, partition: 2 } });
  });

  it('a deleted pod below the partition comes back at the current revision', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    driveReady(c);
    c.store.delete('Pod', 'default', 'web-0');
    driveReady(c);
    expect(revs(c)[0]).toBe(getSet(c, 'web').status!.currentRevision);
  });

  it('lowering the partition to 0 completes the rollout', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }; });
    driveReady(c);
    const st = getSet(c, 'web').status!;
    expect(st.currentRevision).toBe(st.updateRevision);
    expect(revs(c)).toEqual([st.updateRevision, st.updateRevision, st.updateRevision, st.updateRevision]);
  });
});
