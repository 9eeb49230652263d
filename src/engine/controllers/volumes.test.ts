import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { clone } from '../store/store.ts';
import { eventLines, testClaim, testPod } from '../kubelet/fixtures.ts';

function provisioned() {
  const c = Cluster.create({ seed: 3, freeze: true });
  c.store.create('PersistentVolumeClaim', testClaim('www-web-0'));
  c.store.create('Pod', testPod('web-0', { claim: 'www-web-0' }));
  c.advance(5_000);
  const pvc = c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!;
  return { c, pvc, pvName: `pvc-${pvc.metadata!.uid}` };
}

describe('volumes', () => {
  it('provisions a local-path PV for the selected node and binds both', () => {
    const { c, pvc, pvName } = provisioned();
    const pv = c.store.get('PersistentVolume', '', pvName)!;
    const node = pvc.metadata!.annotations!['volume.kubernetes.io/selected-node'];
    expect(pv.spec!.hostPath!.path).toBe(`/var/local-path-provisioner/${pvName}_default_www-web-0`);
    expect(pv.spec!.nodeAffinity!.required!.nodeSelectorTerms[0].matchExpressions![0].values).toEqual([node]);
    expect(pv.spec!.claimRef!.uid).toBe(pvc.metadata!.uid);
    expect([pv.spec!.persistentVolumeReclaimPolicy, pv.status!.phase, pv.metadata!.annotations!['pv.kubernetes.io/provisioned-by']]).toEqual(['Delete', 'Bound', 'rancher.io/local-path']);
    expect(pvc.spec!.volumeName).toBe(pvName);
    expect(pvc.status).toEqual({ accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, phase: 'Bound' });
    expect(pvc.metadata!.annotations!['pv.kubernetes.io/bind-completed']).toBe('yes');
    expect(pvc.metadata!.annotations!['volume.kubernetes.io/storage-provisioner']).toBe('rancher.io/local-path');
    expect(eventLines(c, 'www-web-0').map((l) => l.split(' ')[2])).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  });

  it('a claim naming a StorageClass that does not exist: ProvisioningFailed at every 15 s resync, and nothing stays pending for it', () => {
    const c = Cluster.create({ seed: 3, freeze: true });
    c.store.create('PersistentVolumeClaim', { ...testClaim('data-db-0'), spec: { ...testClaim('data-db-0').spec, storageClassName: 'fast' } });
    expect(c.settle().settled).toBe(true);
    c.advance(31_000);
    const events = c.store.list('Event', 'default').filter((e) => e.involvedObject.name === 'data-db-0');
    expect(events.map((e) => [e.type, e.reason, e.source?.component, e.message, e.count])).toEqual([
      ['Warning', 'ProvisioningFailed', 'persistentvolume-controller', 'storageclass.storage.k8s.io "fast" not found', 3]]);
    // Explained once, however often the Event repeats.
    expect(c.state.trace.filter((t) => t.type === 'volume.unprovisionable').map((t) => [t.object?.name, t.rule, t.detail?.class])).toEqual([['data-db-0', 'missing-class', 'fast']]);
    // Once the class exists, the next resync goes on as for any claim (WaitForFirstConsumer first).
    c.store.create('StorageClass', { ...c.store.get('StorageClass', '', 'standard')!, metadata: { name: 'fast' } });
    c.advance(15_000);
    expect(eventLines(c, 'data-db-0').map((l) => l.split(' ')[2])).toEqual(['ProvisioningFailed', 'WaitForFirstConsumer']);
    // No class at all (and none is the default): the claim cannot bind, said the same way.
    c.store.delete('StorageClass', '', 'standard');
    c.store.create('PersistentVolumeClaim', { ...testClaim('plain'), spec: { ...testClaim('plain').spec, storageClassName: undefined } });
    c.advance(1_000);
    expect(eventLines(c, 'plain').map((l) => l.split(': ')[1])).toEqual(['no persistent volumes available for this claim and no storage class is set']);
  });

  it('keeps a claim in use by a pod (pvc-protection), then releases and deletes its Delete-policy PV', () => {
    const { c, pvName } = provisioned();
    c.store.delete('PersistentVolumeClaim', 'default', 'www-web-0');
    c.advance(1_000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')?.metadata?.deletionTimestamp).toBeDefined();
    c.store.delete('Pod', 'default', 'web-0');
    c.advance(3_000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')).toBeUndefined();
    c.advance(3_000);
    expect(c.store.get('PersistentVolume', '', pvName)).toBeUndefined();
    expect(c.state.trace.filter((t) => t.type.startsWith('volume.')).map((t) => t.type)).toEqual(['volume.provisioned', 'volume.bound', 'volume.released', 'volume.deleted']);
  });

  it('leaves a Retain PV Released', () => {
    const { c, pvName } = provisioned();
    const pv = clone(c.store.get('PersistentVolume', '', pvName)!);
    pv.spec!.persistentVolumeReclaimPolicy = 'Retain';
    c.store.update('PersistentVolume', pv);
    c.store.delete('Pod', 'default', 'web-0');
    c.advance(3_000);
    c.store.delete('PersistentVolumeClaim', 'default', 'www-web-0');
    c.advance(5_000);
    expect(c.store.get('PersistentVolume', '', pvName)!.status!.phase).toBe('Released');
  });
  it('waits while the local-path provisioner is not running: ExternalProvisioning again at each 15 s resync', () => {
    const c = Cluster.create({ seed: 3, freeze: true });
    const provisioner = c.store.list('Pod', 'local-path-storage')[0]!;
    // Its pod gone (its Deployment's ReplicaSet makes another, which takes a moment to be Ready).
    c.store.delete('Pod', 'local-path-storage', provisioner.metadata!.name!, { gracePeriodSeconds: 0 });
    c.store.create('PersistentVolumeClaim', testClaim('www-web-0'));
    c.store.create('Pod', testPod('web-0', { claim: 'www-web-0' }));
    c.advance(1_000);
    const waiting = c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!;
    expect(waiting.spec!.volumeName).toBeUndefined();
    expect(eventLines(c, 'www-web-0').map((l) => l.split(' ')[2])).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning']);
    expect(c.state.trace.filter((r) => r.type === 'volume.unprovisionable')).toMatchObject([{ rule: 'no-provisioner', detail: { provisioner: 'rancher.io/local-path' } }]);
    // The replacement Ready, the claim is taken up.
    c.advance(60_000);
    expect(c.store.list('Pod', 'local-path-storage').some((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))).toBe(true);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!.status!.phase).toBe('Bound');
  });

  it('with local-path-storage deleted, a claim stays Pending and a released volume is not deleted', () => {
    const { c, pvName } = provisioned();
    c.store.delete('Namespace', '', 'local-path-storage');
    c.advance(30_000);
    expect(c.store.list('Pod', 'local-path-storage')).toEqual([]);
    c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    c.store.delete('PersistentVolumeClaim', 'default', 'www-web-0');
    c.store.create('PersistentVolumeClaim', testClaim('www-web-1'));
    c.store.create('Pod', testPod('web-1', { claim: 'www-web-1' }));
    c.advance(60_000);
    expect(c.store.get('PersistentVolume', '', pvName)!.status!.phase).toBe('Released');
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-1')!.status?.phase).toBe('Pending');
    const again = c.store.list('Event', 'default').find((e) => e.involvedObject.name === 'www-web-1' && e.reason === 'ExternalProvisioning')!;
    expect(again.count).toBeGreaterThanOrEqual(4);
  });
});
