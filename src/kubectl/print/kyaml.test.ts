import { describe, expect, it } from 'vitest';
import { needsQuotes, toKyaml } from './kyaml.ts';

describe('toKyaml (kubectl -o kyaml)', () => {
  it('braces maps, quotes every string value, cuddles lists of maps and lists scalars one per line', () => {
    expect(toKyaml({ kind: 'List', items: [{ a: 1 }, { b: [] }], ports: [80, 443], empty: {}, on: true, none: null, ratio: 0.5 })).toBe([
      '---',
      '{',
      '  empty: {},',
      '  items: [{',
      '    a: 1,',
      '  }, {',
      '    b: [],',
      '  }],',
      '  kind: "List",',
      '  none: null,',
      '  "on": true,',
      '  ports: [',
      '    80,',
      '    443,',
      '  ],',
      '  ratio: 0.5,',
      '}', ''].join('\n'));
  });

  it('keeps the key order of a typed object when asked', () => {
    expect(toKyaml({ kind: 'Event', apiVersion: 'v1' }, true)).toBe('---\n{\n  kind: "Event",\n  apiVersion: "v1",\n}\n');
  });

  it('quotes keys that would read as another type or hold other characters', () => {
    for (const k of ['', 'true', 'N', 'yes', 'null', '~', '80', '0x1F', '1e3', '.inf', 'nan', '1:30', '2026-01-01', 'a b', '-x', 'x-', 'a:b']) expect(needsQuotes(k)).toBe(true);
    for (const k of ['app', 'apps.kubernetes.io/pod-index', 'controller-revision-hash', 'a_b', '_x', 'x1', 'ünïcode']) expect(needsQuotes(k)).toBe(false);
  });

  it('folds multi-line strings, escaping quotes, backslashes, tabs and leading whitespace', () => {
    expect(toKyaml({ s: 'say "hi"\\ \t' })).toBe('---\n{\n  s: "say \\"hi\\"\\\\ \\t",\n}\n');
    expect(toKyaml({ a: { s: 'one\n  two\n' } })).toBe([
      '---', '{', '  a: {', '    s: "\\', '       one\\n\\', '      \\  two\\n\\', '      ",', '  },', '}', ''].join('\n'));
  });
});
