import { describe, expect, it } from 'vitest';
import { humanDuration } from './age.ts';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

describe('humanDuration (HumanDuration)', () => {
  it.each([
    [-5 * S, '<invalid>'], [-500, '0s'], [0, '0s'], [59 * S, '59s'], [119 * S, '119s'], [120 * S, '2m'], [125 * S, '2m5s'],
    [9 * M + 59 * S, '9m59s'], [10 * M + 30 * S, '10m'], [179 * M, '179m'], [3 * H, '3h'], [3 * H + 20 * M, '3h20m'],
    [8 * H, '8h'], [47 * H, '47h'], [2 * D, '2d'], [2 * D + 3 * H, '2d3h'], [8 * D, '8d'], [729 * D, '729d'],
    [730 * D, '2y'], [735 * D, '2y5d'], [8 * 365 * D, '8y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
