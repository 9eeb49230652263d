import { describe, expect, it } from 'vitest';
import { formatClock } from './clock-format.ts';

describe('formatClock', () => {
  it.each([
    [0, '00:00.0'], [99, '00:00.0'], [1_250, '00:01.2'], [75_300, '01:15.3'], [3_599_999, '59:59.9'], [4_500_000, '75:00.0'], [-5, '00:00.0'],
  ])('%i ms → %s', (ms, text) => expect(formatClock(ms)).toBe(text));
});
