import { describe, expect, it } from 'vitest';
import { bindPod, driveReady, finishTermination, newSet, podNames, testCluster, updateSpec } from './testing.ts';

const owners = (c: ReturnType<typeof testCluster>, n: string) => (c.store.get('PersistentVolumeClaim', 'default', n)?.metadata?.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}`);

describe('PVC retention policy', () => {
  it('whenDeleted Delete puts a set ref on every claim', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    driveReady(c);
    expect(owners(c, 'www-web-0')).toEqual(['StatefulSet/web']);
    expect(owners(c, 'www-web-1')).toEqual(['StatefulSet/web']);
  });

  it('whenScaled Delete gives condemned claims a ref to their pod before the pod is deleted', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' } }));
    driveReady(c);
    bindPod(c, 'web-1');
    c.settle();
    updateSpec(c, 'web', (s) => { s.replicas = 1; });
    c.settle();
    expect(owners(c, 'www-web-1')).toEqual(['Pod/web-1']);
    expect(owners(c, 'www-web-0')).toEqual(['StatefulSet/web']);
  });

  it('a stale claim (ref to a previous pod of that name) blocks re-creation until it is gone', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }));
    driveReady(c);
    updateSpec(c, 'web', (s) => { s.replicas = 1; });
    c.settle();
    expect(podNames(c)).toEqual(['web-0']);
    expect(owners(c, 'www-web-1')).toEqual(['Pod/web-1']);
    // No garbage collector here: the claim stays with its stale ref, so scale-up waits.
    updateSpec(c, 'web', (s) => { s.replicas = 2; });
    c.settle();
    expect(podNames(c)).toEqual(['web-0']);
    expect(c.state.trace.filter((t) => t.type === 'controller.waiting').at(-1)).toMatchObject({ rule: 'stale-claim', detail: { waitingFor: 'web-1', claim: 'www-web-1' } });
    // Stand in for the garbage collector and pvc-protection (not running here): the claim goes away.
    c.store.delete('PersistentVolumeClaim', 'default', 'www-web-1');
    const terminating = structuredClone(c.store.get('PersistentVolumeClaim', 'default', 'www-web-1')!);
    terminating.metadata!.finalizers = [];
    c.store.update('PersistentVolumeClaim', terminating);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-1')).toBeUndefined();
    // PVC changes do not trigger a sync (no PVC handlers upstream); any set update does.
    updateSpec(c, 'web', (s) => { s.revisionHistoryLimit = 11; });
    c.settle();
    expect(podNames(c)).toEqual(['web-0', 'web-1']);
  });

  it('a claim being deleted blocks pod creation with the upstream error text', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    driveReady(c);
    const pvc = structuredClone(c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!);
    pvc.metadata!.finalizers = ['kubernetes.io/pvc-protection'];
    delete (pvc.metadata as { resourceVersion?: string }).resourceVersion;
    c.store.update('PersistentVolumeClaim', pvc);
    c.store.delete('PersistentVolumeClaim', 'default', 'www-web-0');
    c.store.delete('Pod', 'default', 'web-0');
    c.advance(100);
    expect(podNames(c)).toEqual([]);
    const ev = c.store.list('Event', 'default').find((e) => e.reason === 'FailedCreate');
    expect(ev?.message).toBe('create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted');
  });

  it('a foreign controller on a claim gets a ConflictingController warning and our refs removed', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    driveReady(c);
    const pvc = structuredClone(c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!);
    pvc.metadata!.ownerReferences = [...pvc.metadata!.ownerReferences!, { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'u-1', controller: true }];
    delete (pvc.metadata as { resourceVersion?: string }).resourceVersion;
    c.store.update('PersistentVolumeClaim', pvc);
    // Any spec change makes the controller sync the set (minReadySeconds: 0 would be no change: omitempty drops it).
    updateSpec(c, 'web', (s) => { s.revisionHistoryLimit = 9; });
    c.settle();
    expect(owners(c, 'www-web-0')).toEqual(['ConfigMap/x']);
    const ev = c.store.list('Event', 'default').find((e) => e.reason === 'ConflictingController');
    expect(ev?.message).toBe('PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim');
    expect(ev?.type).toBe('Warning');
  });

  it('a deleted in-range pod is recreated with the same claim and no claim event', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    driveReady(c);
    bindPod(c, 'web-0');
    c.store.delete('Pod', 'default', 'web-0');
    finishTermination(c, 'web-0');
    driveReady(c);
    const claimEvents = c.store.list('Event', 'default').filter((e) => e.message!.startsWith('create Claim'));
    expect(claimEvents).toHaveLength(1);
    expect(claimEvents[0].count).toBe(1);
  });
});
