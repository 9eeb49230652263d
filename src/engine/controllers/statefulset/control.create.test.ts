import { describe, expect, it } from 'vitest';
import { driveReady, getSet, makeReady, newSet, podNames, testCluster } from './testing.ts';

const events = (c: ReturnType<typeof testCluster>) =>
  c.store.list('Event', 'default').sort((a, b) => (a.metadata!.resourceVersion! < b.metadata!.resourceVersion! ? -1 : 1))
    .filter((e) => e.source?.component === 'statefulset-controller').map((e) => `${e.reason} ${e.message}`);

describe('OrderedReady creation', () => {
  it('creates one pod at a time and waits for Ready before the next', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    c.settle();
    expect(podNames(c)).toEqual(['web-0']);
    makeReady(c, 'web-0');
    c.settle();
    expect(podNames(c)).toEqual(['web-0', 'web-1']);
    driveReady(c);
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2']);
    const s = getSet(c, 'web').status!;
    expect(s).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, collisionCount: 0 });
    expect(s.currentRevision).toBe('web-7d8559755f');
    expect(s.updateRevision).toBe('web-7d8559755f');
  });

  it('emits the claim event before the pod event, exactly as upstream', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2 }));
    driveReady(c);
    expect(events(c)).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('builds pods with identity labels, hostname, subdomain, claim volumes and a controller ref', () => {
    const c = testCluster();
    const set = c.store.create('StatefulSet', newSet('web', { replicas: 1 }));
    c.settle();
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    expect(pod.metadata!.generateName).toBe('web-');
    expect(pod.metadata!.labels).toEqual({
      app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': 'web-7d8559755f',
    });
    expect(pod.spec!.hostname).toBe('web-0');
    expect(pod.spec!.subdomain).toBe('nginx');
    // The claim volume, then the service account token volume the API server's admission adds.
    expect(pod.spec!.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }, expect.objectContaining({ name: expect.stringMatching(/^kube-api-access-/) })]);
    expect(pod.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.ok && set.object.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    const pvc = c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!;
    expect(pvc.metadata!.labels).toEqual({ app: 'nginx' });
    expect(pvc.metadata!.ownerReferences).toBeUndefined();
  });

  it('reports status one sync behind creation (replicas counts created pods only)', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web'));
    c.settle();
    expect(getSet(c, 'web').status).toMatchObject({ replicas: 1, availableReplicas: 0 });
    expect(getSet(c, 'web').status!.readyReplicas).toBeUndefined();
  });
});
