import { describe, expect, it } from 'vitest';
import { pairMemo, stringMemo } from './memo.ts';

describe('pairMemo', () => {
  it('computes once per pair of objects and again for another object', () => {
    let calls = 0;
    const f = pairMemo((a: { n: number }, b: { m: number }) => { calls++; return a.n + b.m; });
    const a = { n: 1 }, b = { m: 2 }, b2 = { m: 2 };
    expect(f(a, b)).toBe(3);
    expect(f(a, b)).toBe(3);
    expect(calls).toBe(1);
    expect(f(a, b2)).toBe(3);
    expect(calls).toBe(2);
  });
});

describe('stringMemo', () => {
  it('computes once per key, and again after the cache was emptied at its limit', () => {
    let calls = 0;
    const f = stringMemo((k: string) => { calls++; return `<${k}>`; }, 2);
    expect(f('a')).toBe('<a>');
    expect(f('a')).toBe('<a>');
    expect(calls).toBe(1);
    expect(f('b')).toBe('<b>');
    expect(calls).toBe(2);
    // Full: the third key empties the cache, so `a` is computed again.
    expect(f('c')).toBe('<c>');
    expect(f('a')).toBe('<a>');
    expect(calls).toBe(4);
  });

  it('remembers false answers too', () => {
    let calls = 0;
    const valid = stringMemo((k: string) => { calls++; return k.length < 3; });
    expect([valid('abcd'), valid('abcd'), valid('ab')]).toEqual([false, false, true]);
    expect(calls).toBe(2);
  });
});
