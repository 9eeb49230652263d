import { describe, expect, it } from 'vitest';
import { kc, put, testCluster } from '../../testing.ts';
import { smartLabel } from './generic.ts';

describe('generic describer', () => {
  it('makes field names readable as smartLabelFor does', () => {
    expect(smartLabel('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabel('apiVersion')).toBe('API Version');
    expect(smartLabel('uid')).toBe('UID');
    expect(smartLabel('hostIP')).toBe('Host IP');
    expect(smartLabel('PDFLoader')).toBe('PDF Loader');
    expect(smartLabel('terminationGracePeriodSeconds')).toBe('Termination Grace Period Seconds');
    expect(smartLabel('controller-revision-hash')).toBe('Controller - Revision - Hash');
    // Anything but letters and '-' leaves the name as it is.
    expect(smartLabel('$patch')).toBe('$patch');
    expect(smartLabel('ipv4')).toBe('ipv4');
    expect(smartLabel('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
  });

  it('describes a ControllerRevision field by field, keys sorted, lists of maps and of scalars indented', () => {
    const c = testCluster();
    put(c, 'ControllerRevision', {
      apiVersion: 'apps/v1', kind: 'ControllerRevision',
      metadata: { name: 'web-1', namespace: 'default', labels: { app: 'nginx' } },
      data: { spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'a', args: ['x', 'y'], resources: {} }] } } } },
      revision: 1,
    } as never);
    const out = kc(c, 'describe controllerrevision web-1').out;
    const created = c.store.get('ControllerRevision', 'default', 'web-1')!.metadata!;
    expect(out).toBe([
      'Name:         web-1',
      'Namespace:    default',
      'Labels:       app=nginx',
      'Annotations:  <none>',
      'API Version:  apps/v1',
      'Data:',
      '  Spec:',
      '    Template:',
      '      $patch:  replace',
      '      Spec:',
      '        Containers:',
      '          Args:',
      '            x',
      '            y',
      '          Name:  a',
      '          Resources:',
      'Kind:  ControllerRevision',
      'Metadata:',
      `  Creation Timestamp:  ${created.creationTimestamp}`,
      `  Resource Version:    ${created.resourceVersion}`,
      `  UID:                 ${created.uid}`,
      'Revision:              1',
      'Events:                <none>', ''].join('\n'));
  });
});
