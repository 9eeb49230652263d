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

// The expected texts below are what kubectl 1.33 printed for the same strings (scripts/crosscheck/yaml-folding.sim).
describe('toYaml folding and escapes (go-yaml v2 emitter)', () => {
  it('breaks a long plain or quoted value at the first single space past column 80, going on at the indent', () => {
    const words = 'a b c d e f g h i j k l m n o p q r s t u v w x y z';
    expect(toYaml({ m: { plain: `${words} ${words}` } })).toBe([
      'm:', '  plain: a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k', '    l m n o p q r s t u v w x y z', '',
    ].join('\n'));
    expect(toYaml({ conditions: [{ message: 'Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection in 3 resource instances' }] })).toBe([
      'conditions:', "- message: 'Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection",
      "    in 3 resource instances'", '',
    ].join('\n'));
    // A sequence item goes on at its own column; a run of two spaces is never a break.
    expect(toYaml(['x'.repeat(78) + ' y z'])).toBe(`- ${'x'.repeat(78)} y\n  z\n`);
    const spaced = 'two  spaces  between  words  all  along  this  value  so  that  it  reaches  past';
    expect(toYaml({ s: spaced })).toBe(`s: ${spaced}\n`);
  });

  it('double-quotes a string go-yaml does not count printable, with its escapes, and folds it too', () => {
    expect(toYaml({ t: 'a\tb', e: 'x\u0000\u001b\u00a0 \ud83d\ude00 \ufeff"\\', c: 'windows\r\nline' })).toBe(
      'c: "windows\\r\\nline"\ne: "x\\0\\e\u00a0 \\U0001F600 \\uFEFF\\"\\\\"\nt: "a\\tb"\n');
    expect(toYaml({ long: 'true long enough to need quotes? no, but a tab\there and words going on past the eightieth column  with two spaces  here' })).toBe([
      'long: "true long enough to need quotes? no, but a tab\\there and words going on past',
      '  the eightieth column  with two spaces  here"', '',
    ].join('\n'));
  });

  it('reads strings back as sigs.k8s.io/yaml does: a NEL folds into a space, a DEL or C1 control is refused', () => {
    expect(toYaml({ x: 'nel \u0085 bom', z: 'a\u0085\u0085b' })).toBe('x: nel bom\nz: |-\n  a\n  b\n');
    expect(() => toYaml({ d: 'a\u007fb' })).toThrow('error: yaml: control characters are not allowed');
    expect(() => toYaml({ d: 'a\u0080b' })).toThrow('error: yaml: control characters are not allowed');
  });

  it('single-quotes a line separator, writing it as it is and padding the next character to the indent', () => {
    expect(toYaml({ m: { sep: 'a\u2028b' } })).toBe("m:\n  sep: 'a\u2028    b'\n");
  });
});

describe('toJson', () => {
  it('indents with four spaces, sorts keys, escapes HTML characters', () => {
    expect(toJson({ b: [], a: { c: '<x>' }, d: {} })).toBe('{\n    "a": {\n        "c": "\\u003cx\\u003e"\n    },\n    "b": [],\n    "d": {}\n}\n');
  });
});
