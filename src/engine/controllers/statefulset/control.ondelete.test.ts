import { describe, expect, it } from 'vitest';
import { driveReady, getSet, newSet, testCluster, updateSpec } from './testing.ts';

describe('OnDelete', () => {
  it('never replaces pods by itself; a deleted pod returns at the update revision; currentRevision never advances', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { updateStrategy: { type: 'OnDelete' } }));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    driveReady(c);
    const st = getSet(c, 'web').status!;
    expect(c.store.list('Pod', 'default').every((p) => p.metadata!.labels!['controller-revision-hash'] === st.currentRevision)).toBe(true);
    expect(c.state.trace.filter((t) => t.type === 'controller.skipped').at(-1)).toMatchObject({ rule: 'OnDelete', detail: { pods: 3 } });
    for (const n of ['web-0', 'web-1', 'web-2']) { c.store.delete('Pod', 'default', n); driveReady(c); }
    const after = getSet(c, 'web').status!;
    expect(c.store.list('Pod', 'default').every((p) => p.metadata!.labels!['controller-revision-hash'] === after.updateRevision)).toBe(true);
    expect(after.currentRevision).toBe(st.currentRevision);
    expect(after.currentReplicas).toBeUndefined();
    expect(after.updatedReplicas).toBe(3);
  });
});
