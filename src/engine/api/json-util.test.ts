// deepCopy and sameJson: the store's copy of JSON-like objects equals structuredClone's; sameJson equals comparing JSON texts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepCopy, keepFieldOf, merged, sameJson, without } from './json-util.ts';

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

describe('sameJson', () => {
  it('agrees with comparing JSON.stringify results', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (a, b) => {
      expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      expect(sameJson(a, deepCopy(a))).toBe(true);
    }), { numRuns: 2000 });
  });

  it('treats the JSON edge cases as JSON does', () => {
    expect(sameJson({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(sameJson([undefined], [null])).toBe(true);
    expect(sameJson([NaN], [null])).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson(-0, 0)).toBe(true);
    expect(sameJson('1', 1)).toBe(false);
  });
});

describe('keepFieldOf', () => {
  it('takes the kept field from the stored object and leaves both inputs as they were', () => {
    const old = { metadata: { name: 'a' }, spec: { x: 1 }, status: { phase: 'Bound' } };
    const obj = { metadata: { name: 'a' }, spec: { x: 2 }, status: { phase: 'Lost' } };
    const out = keepFieldOf(obj, old, 'status');
    expect(out).toEqual({ metadata: { name: 'a' }, spec: { x: 2 }, status: { phase: 'Bound' } });
    expect(out.status).toBe(old.status);
    expect(out).not.toBe(obj);
    expect(obj.status).toEqual({ phase: 'Lost' });
    expect(keepFieldOf(obj, { metadata: {} }, 'spec')).not.toHaveProperty('spec');
  });
});

describe('merged', () => {
  it('is { ...base, ...changes } in value and key order, and changes neither input', () => {
    const base = { a: 1, b: { c: 2 } };
    const out = merged<Record<string, unknown>>(base, { b: 3, d: 4 });
    expect(out).toEqual({ ...base, ...{ b: 3, d: 4 } });
    expect(Object.keys(out)).toEqual(['a', 'b', 'd']);
    expect(base).toEqual({ a: 1, b: { c: 2 } });
    expect(merged<Record<string, number>>(undefined, { x: 1 })).toEqual({ x: 1 });
  });
});

describe('merged and without with a __proto__ key', () => {
  it('copy it as a plain own key, never as the prototype', () => {
    const base = JSON.parse('{"__proto__": "x", "a": "1"}') as Record<string, string>;
    const m = merged(base, { b: '2' });
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(Object.keys(m)).toEqual(['__proto__', 'a', 'b']);
    const w = without(base, 'a');
    expect(Object.getPrototypeOf(w)).toBe(Object.prototype);
    expect(Object.keys(w)).toEqual(['__proto__']);
    expect(without({ a: '1', b: '2' }, 'a')).toEqual({ b: '2' });
    expect(without(undefined, 'a')).toEqual({});
  });
});
