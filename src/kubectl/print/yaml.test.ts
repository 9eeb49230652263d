import { describe, expect, it } from 'vitest';
import { toYaml } from './yaml.ts';
import { toJson } from './json.ts';

describe('toYaml (go-yaml v2 styles)', () => {
  it('sorts keys, keeps sequences at the key indent, quotes like go-yaml', () => {
    const y = toYaml({ b: { 'apps.kubernetes.io/pod-index': '0', ts: '2026-01-01T00:00:05Z', msg: 'a: b', e: '', n: null, t: true }, a: [{ y: 'x' }], c: {}, d: [], l: '{"a":1}\n' });
    expect(y).toBe([
      'a:', '- "y": x', 'b:', '  apps.kubernetes.io/pod-index: "0"', '  e: ""', "  msg: 'a: b'", '  "n": null', '  t: true',
      '  ts: "2026-01-01T00:00:05Z"', 'c: {}', 'd: []', 'l: |', '  {"a":1}', '',
    ].join('\n'));
  });

  it('writes an object shared by two fields out twice, never as an anchor and an alias', () => {
    const modes = ['ReadWriteOnce'];
    expect(toYaml({ spec: { accessModes: modes }, status: { accessModes: modes } })).toBe(
      ['spec:', '  accessModes:', '  - ReadWriteOnce', 'status:', '  accessModes:', '  - ReadWriteOnce', ''].join('\n'));
  });
});

describe('toJson', () => {
  it('indents with four spaces, sorts keys, escapes HTML characters', () => {
    expect(toJson({ b: [], a: { c: '<x>' }, d: {} })).toBe('{\n    "a": {\n        "c": "\\u003cx\\u003e"\n    },\n    "b": [],\n    "d": {}\n}\n');
  });
});
