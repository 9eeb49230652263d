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
