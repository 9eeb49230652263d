// deepCopy: the store's copy of JSON-like objects must equal structuredClone's and share nothing.
import { describe, expect, it } from 'vitest';
import { deepCopy } from './json-util.ts';

describe('deepCopy', () => {
  it('copies plain data deeply, keeping undefined members and key order', () => {
    const src = { a: 1, b: { c: [1, { d: 'x' }], e: undefined, f: null }, g: [[true]] };
    const out = deepCopy(src);
    expect(out).toStrictEqual(structuredClone(src));
    expect(Object.keys(out.b)).toEqual(['c', 'e', 'f']);
    expect(out.b).not.toBe(src.b);
    expect(out.b.c[1]).not.toBe(src.b.c[1]);
    expect(out.g[0]).not.toBe(src.g[0]);
  });

  it('keeps a "__proto__" key as data and hands non-plain values to structuredClone', () => {
    const src = JSON.parse('{"labels":{"__proto__":"x"}}') as { labels: Record<string, string> };
    expect(Object.keys(deepCopy(src).labels)).toEqual(['__proto__']);
    const m = { when: new Map([['k', 1]]) };
    expect(deepCopy(m).when).toBeInstanceOf(Map);
    expect(deepCopy(m).when).not.toBe(m.when);
  });
});
