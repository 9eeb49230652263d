import { describe, expect, it } from 'vitest';
import { humanDuration } from './age.ts';

describe('humanDuration', () => {
  it.each([
    [0, '0s'], [119_000, '119s'], [125_000, '2m5s'], [180_000, '3m'], [15 * 60_000, '15m'],
    [3 * 3600_000 + 20 * 60_000, '3h20m'], [5 * 3600_000, '5h'], [30 * 3600_000, '30h'],
    [50 * 3600_000, '2d2h'], [10 * 86400_000, '10d'],
  ])('%i ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});
