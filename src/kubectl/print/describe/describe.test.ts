import { describe, expect, it } from 'vitest';
import { kc, put, testCluster, webSet } from '../../testing.ts';

describe('describe sts', () => {
  it('matches the kubectl layout, with aggregated events', () => {
    const c = testCluster();
    const s = put(c, 'StatefulSet', { ...webSet(), status: { replicas: 0 } } as never);
    c.event({ object: s, type: 'Normal', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful', component: 'statefulset-controller' });
    c.advance(10_000);
    c.event({ object: s, type: 'Normal', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful', component: 'statefulset-controller' });
    c.advance(35_000);
    expect(kc(c, 'describe sts web').out).toBe([
      'Name:               web',
      'Namespace:          default',
      'CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000',
      'Selector:           app=nginx',
      'Labels:             <none>',
      'Annotations:        <none>',
      'Replicas:           3 desired | 0 total',
      'Update Strategy:    RollingUpdate',
      '  Partition:        0',
      'Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  app=nginx',
      '  Containers:',
      '   nginx:',
      '    Image:        registry.k8s.io/nginx-slim:0.24',
      '    Port:         80/TCP (web)',
      '    Host Port:    0/TCP (web)',
      '    Environment:  <none>',
      '    Mounts:',
      '      /usr/share/nginx/html from www (rw)',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Volume Claims:',
      '  Name:          www',
      '  StorageClass:  ',
      '  Labels:        <none>',
      '  Annotations:   <none>',
      '  Capacity:      1Gi',
      '  Access Modes:  [ReadWriteOnce]',
      'Events:',
      '  Type    Reason            Age                From                    Message',
      '  ----    ------            ----               ----                    -------',
      '  Normal  SuccessfulCreate  35s (x2 over 45s)  statefulset-controller  create Pod web-0 in StatefulSet web successful',
      ''].join('\n'));
  });
  it('matches name prefixes and reports NotFound', () => {
    const c = testCluster();
    put(c, 'StatefulSet', webSet());
    expect(kc(c, 'describe sts we').out).toMatch(/^Name:\s+web\n/);
    expect(kc(c, 'describe sts x').err).toBe('Error from server (NotFound): statefulsets.apps "x" not found\n');
  });
});

describe('describe pv', () => {
  it('matches the PersistentVolumeDescriber layout: claim, reclaim policy, node affinity terms, the source', () => {
    const c = testCluster();
    put(c, 'PersistentVolume', {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'pv-a', labels: { tier: 'db' }, annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } },
      spec: {
        capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'standard',
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0' },
        hostPath: { path: '/var/local-path-provisioner/a', type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker', 'kind-worker2'] }, { key: 'disk', operator: 'Exists' }] },
          { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }] },
        ] } },
      },
      status: { phase: 'Released', message: 'claim gone' },
    } as never);
    expect(kc(c, 'describe pv pv-a').out).toBe([
      'Name:              pv-a',
      'Labels:            tier=db',
      'Annotations:       pv.kubernetes.io/provisioned-by: rancher.io/local-path',
      'Finalizers:        [kubernetes.io/pv-protection]',
      'StorageClass:      standard',
      'Status:            Released',
      'Claim:             default/www-web-0',
      'Reclaim Policy:    Retain',
      'Access Modes:      RWO,ROX',
      'VolumeMode:        Filesystem',
      'Capacity:          1Gi',
      'Node Affinity:     ',
      '  Required Terms:  ',
      '    Term 0:        kubernetes.io/hostname in [kind-worker, kind-worker2]',
      '                   disk exists',
      '    Term 1:        zone notin [b]',
      'Message:           claim gone',
      'Source:',
      '    Type:          HostPath (bare host directory volume)',
      '    Path:          /var/local-path-provisioner/a',
      '    HostPathType:  DirectoryOrCreate',
      'Events:            <none>', ''].join('\n'));
  });

  it('prints <none> for no node affinity, an empty claim without a claimRef, and <unknown> for an unmodelled source', () => {
    const c = testCluster();
    put(c, 'PersistentVolume', {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-b' },
      spec: { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disk' } },
    } as never);
    const out = kc(c, 'describe pv pv-b --show-events=false').out;
    expect(out).toContain('Claim:           \nReclaim Policy:  Retain\n');
    expect(out).toContain('Node Affinity:   <none>\nMessage:         \n');
    expect(out.endsWith('Source:\n  <unknown>\n')).toBe(true);
  });
});

describe('describe storageclass', () => {
  it('matches the StorageClassDescriber layout, mount options and allowed topologies included', () => {
    const c = testCluster();
    put(c, 'StorageClass', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast', annotations: { b: '2', a: '1' } },
      provisioner: 'example.com/fast', parameters: { type: 'ssd' }, allowVolumeExpansion: false, mountOptions: ['debug', 'noatime'],
      volumeBindingMode: 'Immediate',
      allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a', 'b'] }, { key: 'rack', values: ['r1'] }] }],
    } as never);
    expect(kc(c, 'describe sc fast --show-events=false').out).toBe([
      'Name:                  fast',
      'IsDefaultClass:        No',
      'Annotations:           a=1,b=2',
      'Provisioner:           example.com/fast',
      'Parameters:            type=ssd',
      'AllowVolumeExpansion:  False',
      'MountOptions:',
      '  debug',
      '  noatime',
      // A line without a tab ends the tabwriter's column block: what follows is aligned on its own.
      'ReclaimPolicy:      Delete',
      'VolumeBindingMode:  Immediate',
      'AllowedTopologies:  ',
      '  Term 0:           zone in [a, b]',
      '                    rack in [r1]', ''].join('\n'));
  });
});

describe('describe namespace', () => {
  it('prints its labels and phase, then no quota and no limit range (this cluster has neither)', () => {
    const c = testCluster();
    expect(kc(c, 'describe ns default')).toEqual({
      out: 'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
      err: '', code: 0,
    });
  });
});
