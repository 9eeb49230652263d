import { describe, expect, it } from 'vitest';
import { driveReady, getSet, newSet, testCluster, updateSpec } from './testing.ts';
import { assertStatefulSetInvariants } from './invariants.ts';

const revisions = (c: ReturnType<typeof testCluster>) =>
  c.store.list('ControllerRevision', 'default').map((r) => [r.metadata!.name, r.revision]).sort((a, b) => Number(a[1]) - Number(b[1]));
const img = (tag: string) => `registry.k8s.io/nginx-slim:${tag}`;

describe('revisions', () => {
  it('first sync creates exactly one revision with the upstream shape', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', {}));
    c.settle();
    expect(revisions(c)).toEqual([['web-7d8559755f', 1]]);
    const r = c.store.get('ControllerRevision', 'default', 'web-7d8559755f')!;
    expect(r.metadata!.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': '7d8559755f' });
    expect(r.metadata!.ownerReferences![0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true });
    expect((r.data as { spec: { template: Record<string, unknown> } }).spec.template.$patch).toBe('replace');
  });

  it('copies the set annotations into a new revision', () => {
    const c = testCluster();
    const s = newSet('web');
    s.metadata!.annotations = { 'kubernetes.io/change-cause': 'first' };
    c.store.create('StatefulSet', s);
    c.settle();
    expect(c.store.get('ControllerRevision', 'default', 'web-7d8559755f')!.metadata!.annotations).toEqual({ 'kubernetes.io/change-cause': 'first' });
  });

  it('a template change creates revision 2; going back renumbers the old revision (rollback)', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = img('0.27'); });
    driveReady(c);
    expect(revisions(c)).toEqual([['web-7d8559755f', 1], ['web-7b5d746f96', 2]]);
    updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = img('0.24'); });
    driveReady(c);
    expect(revisions(c)).toEqual([['web-7b5d746f96', 2], ['web-7d8559755f', 3]]);
    expect(c.state.trace.some((t) => t.type === 'controller.revision' && t.rule === 'rollback')).toBe(true);
    expect(getSet(c, 'web').status!.currentRevision).toBe('web-7d8559755f');
  });

  it('changing replicas or partition does not create a revision', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.replicas = 4; s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }; });
    driveReady(c);
    expect(revisions(c)).toHaveLength(1);
  });

  it('a name collision with different data bumps collisionCount', () => {
    const c = testCluster();
    c.store.create('ControllerRevision', { metadata: { name: 'web-7d8559755f', namespace: 'default', labels: { other: 'x' } }, data: { spec: {} }, revision: 1 });
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    c.settle();
    const st = getSet(c, 'web').status!;
    expect(st.collisionCount).toBe(1);
    expect(st.updateRevision).toBe('web-7d8559755d');
    // The hash label keeps the first hash, as upstream.
    expect(c.store.get('ControllerRevision', 'default', 'web-7d8559755d')!.metadata!.labels!['controller.kubernetes.io/hash']).toBe('7d8559755f');
  });

  it('truncates non-live history to revisionHistoryLimit', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1, revisionHistoryLimit: 1 }));
    driveReady(c);
    for (const tag of ['0.25', '0.26', '0.27', '0.28']) {
      updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = img(tag); });
      driveReady(c);
      expect(assertStatefulSetInvariants(c)).toEqual([]);
    }
    expect(revisions(c).length).toBeLessThanOrEqual(2);
  });

  it('is checked against the revisions live when the sync began: one retired by its own status write may wait a pass', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1, revisionHistoryLimit: 1 }));
    driveReady(c);
    const seen: string[][] = [];
    c.onPass((kind) => { if (kind === 'statefulset/sync') seen.push(assertStatefulSetInvariants(c)); });
    for (const tag of ['0.25', '0.26', '0.27']) {
      updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = img(tag); });
      driveReady(c);
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.flat()).toEqual([]);
    // A leak (revisions nobody prunes; making them queues no sync, the controller does not watch revisions) is caught.
    const set = getSet(c, 'web');
    const ref = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata!.uid!, controller: true, blockOwnerDeletion: true };
    for (const n of [1, 2]) {
      c.store.create('ControllerRevision', { metadata: { name: `web-leak${n}`, namespace: 'default', ownerReferences: [ref] }, data: { spec: {} }, revision: 100 + n });
    }
    expect(c.queued('statefulset/sync', 'default/web')).toBe(false);
    expect(assertStatefulSetInvariants(c)).toEqual(['default/web: 4 revisions exceed limit 1 + 1 live']);
  });

  it('adopts orphan revisions and pods of a re-created set without restarting pods', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2 }));
    driveReady(c);
    const uids = c.store.list('Pod', 'default').map((p) => p.metadata!.uid);
    // What GC does for --cascade=orphan: strip the owner refs, then the set goes.
    for (const kind of ['Pod', 'ControllerRevision'] as const) {
      for (const o of c.store.list(kind, 'default')) {
        const n = structuredClone(o) as typeof o;
        delete (n.metadata as { ownerReferences?: unknown }).ownerReferences;
        delete (n.metadata as { resourceVersion?: string }).resourceVersion;
        c.store.update(kind, n);
      }
    }
    c.store.delete('StatefulSet', 'default', 'web');
    c.settle();
    const set = c.store.create('StatefulSet', newSet('web', { replicas: 2 }));
    c.settle();
    const uid = set.ok ? set.object.metadata!.uid : '';
    expect(c.store.list('Pod', 'default').map((p) => p.metadata!.uid)).toEqual(uids);
    expect(c.store.list('Pod', 'default').every((p) => p.metadata!.ownerReferences?.[0].uid === uid)).toBe(true);
    expect(c.store.get('ControllerRevision', 'default', 'web-7d8559755f')!.metadata!.ownerReferences![0].uid).toBe(uid);
    expect(getSet(c, 'web').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });
});
