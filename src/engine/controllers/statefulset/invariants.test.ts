// The claim invariant (spec §8, claims of Running+Ready pods follow the retention policy) holds only where the
// controller has been: an OrderedReady pass stops at the first ordinal that is not Running and Ready.
import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { assertStatefulSetInvariants } from './invariants.ts';
import { driveReady, getSet, makeUnready, newSet, testCluster } from './testing.ts';

// Gives claim www-web-1 the refs of a scaled-away claim (a ref to its pod only), as after a scale to 0 and back.
function staleRefs(c: ReturnType<typeof testCluster>): void {
  const claim = clone(c.store.get('PersistentVolumeClaim', 'default', 'www-web-1')!) as PersistentVolumeClaim;
  const pod = c.store.get('Pod', 'default', 'web-1')!;
  claim.metadata!.ownerReferences = [{ apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: pod.metadata!.uid!, controller: false, blockOwnerDeletion: true }];
  expect(c.store.update('PersistentVolumeClaim', claim).ok).toBe(true);
}

describe('claim invariant', () => {
  const policy = { whenDeleted: 'Retain', whenScaled: 'Delete' } as const;

  it('is not checked above an OrderedReady pass that stops at an unready pod', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2, persistentVolumeClaimRetentionPolicy: policy }));
    driveReady(c);
    expect(assertStatefulSetInvariants(c)).toEqual([]);
    makeUnready(c, 'web-0');
    staleRefs(c);
    expect(getSet(c, 'web').spec!.podManagementPolicy).toBe('OrderedReady');
    expect(assertStatefulSetInvariants(c)).toEqual([]);
  });

  it('is checked for every ready pod when nothing blocks the pass', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2, persistentVolumeClaimRetentionPolicy: policy }));
    driveReady(c);
    staleRefs(c);
    expect(assertStatefulSetInvariants(c)).toEqual(['default/web: claim www-web-1 ownerReferences do not match the retention policy']);
  });
});
