// Animation timing as a function of playback speed and the reduced-motion preference.
// Animation only decorates virtual time: it shortens as the simulation speeds up and vanishes when asked.

/** Playback speed above which animations are skipped entirely (too fast to follow anyway). */
export const SKIP_ABOVE_SPEED = 8;

/**
 * Seconds an animation of nominal length `base` (at 1x) should take at `speed`: inversely proportional,
 * never longer than `base`, and 0 under reduced motion or above SKIP_ABOVE_SPEED.
 */
export function motionDuration(base: number, speed: number, reduced: boolean): number {
  if (reduced || speed > SKIP_ABOVE_SPEED) return 0;
  const s = Math.max(1, speed);
  return +(base / Math.sqrt(s)).toFixed(3);
}

/** Nominal durations (seconds at 1x). */
export const DURATION = { enter: 0.35, exit: 0.3, layout: 0.3, flash: 0.6 } as const;
