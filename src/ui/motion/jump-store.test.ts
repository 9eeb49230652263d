import { afterEach, describe, expect, it, vi } from 'vitest';
import { JUMP_QUIET_MS, markJump, useJumping } from './jump-store.ts';

describe('jump store', () => {
  afterEach(() => { vi.useRealTimers(); });
  it('is on from the first jump until the quiet period after the last', () => {
    vi.useFakeTimers();
    expect(useJumping.getState().jumping).toBe(false);
    markJump();
    expect(useJumping.getState().jumping).toBe(true);
    vi.advanceTimersByTime(JUMP_QUIET_MS - 1);
    markJump();
    vi.advanceTimersByTime(JUMP_QUIET_MS - 1);
    expect(useJumping.getState().jumping).toBe(true);
    vi.advanceTimersByTime(1);
    expect(useJumping.getState().jumping).toBe(false);
  });
});
