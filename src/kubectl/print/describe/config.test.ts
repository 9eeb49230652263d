// kubectl describe configmap|secret: keys sorted, a ConfigMap's values and binary sizes then its events, a Secret's
// sizes (a service account token's value) and no events; spacing as the real kubectl's tabwriter lays it out.
import { describe, expect, it } from 'vitest';
import type { ConfigMap, KObject, Secret } from '../../../engine/api/types.ts';
import { kc, put, testCluster } from '../../testing.ts';

// A ConfigMap or Secret, typed as such, for put().
const asObject = <T,>(o: T): KObject => o as KObject;

describe('kubectl describe configmap', () => {
  it('prints each data key and value, then each binaryData key\'s size, sorted, then the events', () => {
    const c = testCluster();
    put(c, 'ConfigMap', asObject<ConfigMap>({ metadata: { name: 'c', namespace: 'default', labels: { app: 'x' } }, data: { zz: 'multi\nline', a: '1' }, binaryData: { bin: '/wA=' } }));
    expect(kc(c, 'describe cm c').out).toBe([
      'Name:         c', 'Namespace:    default', 'Labels:       app=x', 'Annotations:  <none>', '',
      'Data', '====', 'a:', '----', '1', '', 'zz:', '----', 'multi', 'line', '', '',
      'BinaryData', '====', 'bin: 2 bytes', '', 'Events:  <none>', '',
    ].join('\n'));
  });

  it('an empty one has the headers alone; --show-events=false leaves out the events', () => {
    const c = testCluster();
    put(c, 'ConfigMap', asObject<ConfigMap>({ metadata: { name: 'e', namespace: 'default' } }));
    expect(kc(c, 'describe configmap e --show-events=false').out).toBe(
      'Name:         e\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\n\nBinaryData\n====\n\n');
  });
});

describe('kubectl describe secret', () => {
  it('prints the type and each key\'s size, aligned, sorted; no events', () => {
    const c = testCluster();
    put(c, 'Secret', asObject<Secret>({ metadata: { name: 's', namespace: 'default' }, type: 'Opaque', data: { user: 'YWRtaW4=', password: 'c2VjcmV0', a: '' } }));
    expect(kc(c, 'describe secret s').out).toBe(
      'Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\na:         0 bytes\npassword:  6 bytes\nuser:      5 bytes\n');
  });

  it('shows a service account token\'s token itself', () => {
    const c = testCluster();
    put(c, 'Secret', asObject<Secret>({
      metadata: { name: 't', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'default' } },
      type: 'kubernetes.io/service-account-token', data: { token: 'YWJj', 'ca.crt': 'eHl6' },
    }));
    expect(kc(c, 'describe secret t').out).toMatch(/\nType:  kubernetes\.io\/service-account-token\n\nData\n====\nca\.crt:  3 bytes\ntoken:   abc\n$/);
  });
});

describe('kubectl describe serviceaccount (its Secrets)', () => {
  it('marks only the Secrets that are not in its namespace "(not found)", and lists its token Secrets', () => {
    const c = testCluster();
    const sa = put(c, 'ServiceAccount', asObject({ metadata: { name: 'robot', namespace: 'default' }, secrets: [{ name: 'there' }], imagePullSecrets: [{ name: 'nope' }, { name: 'there' }] }));
    put(c, 'Secret', asObject<Secret>({ metadata: { name: 'there', namespace: 'default' }, type: 'Opaque' }));
    put(c, 'Secret', asObject<Secret>({
      metadata: { name: 'robot-token', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'robot', 'kubernetes.io/service-account.uid': sa.metadata!.uid! } },
      type: 'kubernetes.io/service-account-token',
    }));
    expect(kc(c, 'describe sa robot').out).toContain([
      'Image pull secrets:  nope (not found)', '                     there', 'Mountable secrets:   there', 'Tokens:              robot-token', '',
    ].join('\n'));
  });
});
