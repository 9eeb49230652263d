import { describe, expect, it } from 'vitest';
import { slotOrdinals } from './slots.ts';

describe('slotOrdinals', () => {
  it('covers the desired range', () => expect(slotOrdinals(0, 3, [], [])).toEqual([0, 1, 2]));
  it('keeps pods and claims outside the range (condemned pods, detached claims)', () => {
    expect(slotOrdinals(0, 1, [0, 3], [0, 1, 2, 5])).toEqual([0, 1, 2, 3, 5]);
  });
  it('honours a start ordinal', () => expect(slotOrdinals(5, 2, [], [])).toEqual([5, 6]));
});
