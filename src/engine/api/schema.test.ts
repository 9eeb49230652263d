import { describe, expect, it } from 'vitest';
import { typeError, unknownFields } from './schema.ts';
import { webStatefulSet } from './test-fixtures.ts';
import type { JsonMap, KObject } from './types.ts';

const sts = (f: (spec: JsonMap) => void): KObject => {
  const ss = webStatefulSet();
  f(ss.spec as JsonMap);
  return ss as KObject;
};

describe('strict decoding', () => {
  it('knows every field of the web StatefulSet', () => expect(unknownFields('StatefulSet', webStatefulSet() as KObject)).toEqual([]));

  it('names unknown fields by dotted path with array indices, in document order', () => {
    expect(unknownFields('StatefulSet', sts((s) => { s.replica = 3; }))).toEqual(['spec.replica']);
    const nested = sts((s) => { (((s.template as JsonMap).spec as JsonMap).containers as JsonMap[])[0].imagee = 'x'; s.foo = 1; });
    expect(unknownFields('StatefulSet', nested)).toEqual(['spec.template.spec.containers[0].imagee', 'spec.foo']);
    expect(unknownFields('Pod', { metadata: { name: 'p', lables: {} } } as KObject)).toEqual(['metadata.lables']);
  });

  it('renders JSON type errors as encoding/json does', () => {
    expect(typeError('StatefulSet', sts((s) => { s.replicas = 'three'; }))).toBe('json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(typeError('StatefulSet', sts((s) => { s.replicas = 1.5; }))).toBe('json: cannot unmarshal number 1.5 into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(typeError('StatefulSet', sts((s) => { ((s.template as JsonMap).spec as JsonMap).containers = {}; })))
      .toBe('json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container');
    expect(typeError('StatefulSet', sts((s) => { (((s.template as JsonMap).spec as JsonMap).containers as JsonMap[])[0].image = 5; })))
      .toBe('json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string');
    expect(typeError('StatefulSet', sts((s) => { (s.volumeClaimTemplates as JsonMap[])[0].spec = { resources: { requests: { storage: '1GB' } } }; })))
      .toMatch(/^quantities must match the regular expression/);
    expect(typeError('StatefulSet', webStatefulSet() as KObject)).toBeNull();
  });
});

describe('through the store', () => {
  it('answers BadRequest for an unknown field and stores nothing', async () => {
    const { apiCluster } = await import('./test-fixtures.ts');
    const c = apiCluster();
    const r = c.store.create('StatefulSet', sts((s) => { s.replica = 3; }));
    expect(!r.ok && r.status.message).toBe('StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBeUndefined();
  });
});
