import { describe, expect, it } from 'vitest';
import { motionDuration, SKIP_ABOVE_SPEED } from './durations.ts';

describe('motionDuration', () => {
  it('is the base at normal speed and below', () => {
    expect(motionDuration(0.4, 1, false)).toBe(0.4);
    expect(motionDuration(0.4, 0.25, false)).toBe(0.4);
  });
  it('shortens as speed rises', () => {
    expect(motionDuration(0.4, 4, false)).toBe(0.2);
  });
  it('vanishes under reduced motion and at very high speed', () => {
    expect(motionDuration(0.4, 1, true)).toBe(0);
    expect(motionDuration(0.4, SKIP_ABOVE_SPEED * 2, false)).toBe(0);
  });
});
