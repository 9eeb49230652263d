import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './durations.ts';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'], [5, '5ms'], [850, '850ms'], [1000, '1s'], [2315, '2.315s'], [2300, '2.3s'],
    [10_000, '10s'], [65_200, '1m5.2s'], [300_000, '5m0s'], [3_600_000, '1h0m0s'], [3_723_004, '1h2m3.004s'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
