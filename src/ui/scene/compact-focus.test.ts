import { describe, expect, it } from 'vitest';
import { moveTarget, rovingStore } from './compact-focus.ts';

describe('dense grid keyboard moves', () => {
  const all = Array.from({ length: 35 }, (_, i) => i);
  it('moves one ordinal sideways and one row of ten up and down', () => {
    expect(moveTarget('ArrowRight', 4, all)).toBe(5);
    expect(moveTarget('ArrowLeft', 4, all)).toBe(3);
    expect(moveTarget('ArrowDown', 4, all)).toBe(14);
    expect(moveTarget('ArrowUp', 14, all)).toBe(4);
    expect(moveTarget('Home', 14, all)).toBe(0);
    expect(moveTarget('End', 14, all)).toBe(34);
  });
  it('stays put at the ends and skips ordinals without a pod', () => {
    expect(moveTarget('ArrowUp', 4, all)).toBe(4);
    expect(moveTarget('ArrowDown', 30, all)).toBe(30);
    expect(moveTarget('ArrowRight', 34, all)).toBe(34);
    expect(moveTarget('ArrowRight', 2, [0, 1, 2, 5, 6])).toBe(5);
    expect(moveTarget('ArrowDown', 2, [0, 1, 2, 5, 6])).toBe(2);
    expect(moveTarget('Enter', 2, all)).toBeUndefined();
  });
  it('notifies only on a change of tab stop', () => {
    const s = rovingStore();
    let calls = 0;
    s.subscribe(() => calls++);
    s.set('default/web-1');
    s.set('default/web-1');
    s.set(null);
    expect(calls).toBe(2);
  });
});
