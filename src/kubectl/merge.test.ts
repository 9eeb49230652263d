import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMerge, threeWay } from './merge.ts';

describe('patch semantics', () => {
  it('strategic merge merges containers by name and deletes with null', () => {
    const live = { spec: { containers: [{ name: 'a', image: '1', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'b', image: '1' }], x: 1 } };
    expect(strategicMerge(live, { spec: { containers: [{ name: 'b', image: '2' }], x: null } }))
      .toEqual({ spec: { containers: [{ name: 'a', image: '1', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'b', image: '2' }] } });
  });
  it('merge patch replaces lists', () => {
    expect(mergePatch({ a: [1, 2], b: { c: 1 } }, { a: [3], b: { d: 2 } })).toEqual({ a: [3], b: { c: 1, d: 2 } });
  });
  it('three-way apply keeps server fields, drops removed fields, merges keyed lists', () => {
    const original = { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: '1' }] } };
    const modified = { metadata: {}, spec: { containers: [{ name: 'c', image: '2' }] } };
    const live = { metadata: { labels: { a: '1' }, uid: 'u' }, spec: { containers: [{ name: 'c', image: '1', imagePullPolicy: 'IfNotPresent' }], dnsPolicy: 'ClusterFirst' } };
    expect(threeWay(original, modified, live)).toEqual({ metadata: { uid: 'u' }, spec: { containers: [{ name: 'c', image: '2', imagePullPolicy: 'IfNotPresent' }], dnsPolicy: 'ClusterFirst' } });
  });
  it('json patch applies add/replace/remove/test', () => {
    expect(jsonPatch({ a: [1], b: 1 }, [{ op: 'add', path: '/a/-', value: 2 }, { op: 'replace', path: '/b', value: 3 }, { op: 'test', path: '/b', value: 3 }, { op: 'remove', path: '/a/0' }]))
      .toEqual({ a: [2], b: 3 });
    expect(() => jsonPatch({ b: 1 }, [{ op: 'test', path: '/b', value: 2 }])).toThrow('test failed');
  });
});
