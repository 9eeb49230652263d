import { describe, expect, it } from 'vitest';
import { pairMemo } from './memo.ts';

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
