import { describe, expect, it } from 'vitest';
import { JsonPathError, jsonpath } from './jsonpath.ts';

const pod = {
  metadata: { name: 'web-0', labels: { app: 'nginx' } },
  spec: { hostname: 'web-0', subdomain: 'nginx' },
  status: { conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False' }] },
};

describe('jsonpath', () => {
  it('prints fields with literal text around them', () => {
    expect(jsonpath('{.spec.hostname}.{.spec.subdomain}', pod)).toBe('web-0.nginx');
    expect(jsonpath('{.metadata.labels}', pod)).toBe('{"app":"nginx"}');
    expect(jsonpath('{.status.missing}', pod)).toBe('');
  });

  it('prints maps and lists as json.Marshal does: keys in byte order, HTML-safe escapes', () => {
    const o = { metadata: { uid: 'u', name: 'n', annotations: { z: '<a&b>', a: '1' } } };
    expect(jsonpath('{.metadata}', o)).toBe('{"annotations":{"a":"1","z":"\\u003ca\\u0026b\\u003e"},"name":"n","uid":"u"}');
  });

  it('filters, indexes and ranges', () => {
    expect(jsonpath('{.status.conditions[?(@.type=="Ready")].status}', pod)).toBe('False');
    expect(jsonpath('{.status.conditions[0].type}', pod)).toBe('Initialized');
    expect(jsonpath('{.status.conditions[*].type}', pod)).toBe('Initialized Ready');
    const list = { kind: 'List', items: [pod, { ...pod, metadata: { name: 'web-1' } }] };
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\n"}{end}', list)).toBe('web-0\nweb-1\n');
  });

  it('rejects malformed templates', () => {
    expect(() => jsonpath('{.a', pod)).toThrow(JsonPathError);
    expect(() => jsonpath('{end}', pod)).toThrow(JsonPathError);
  });
});
