// Wraps the scene in one MotionConfig: honours prefers-reduced-motion (and the view's override) and scales
// durations with playback speed. Animations never drive the simulation; they only follow it.
import { MotionConfig } from 'framer-motion';
import { useMemo, type ReactNode } from 'react';
import { useClock, useView } from '../store/index.ts';
import { DURATION, motionDuration } from './durations.ts';
import { useJumping } from './jump-store.ts';

/** Provides the tree's default transition; reduced motion, high speeds and jumps (seek, fast-forward) turn animation off. */
export function MotionProvider({ children }: { children: ReactNode }) {
  const { speed } = useClock();
  const { reducedMotion } = useView();
  const jumping = useJumping((s) => s.jumping);
  const layout = motionDuration(DURATION.layout, speed, reducedMotion);
  const transition = useMemo(() => ({ duration: layout, ease: 'easeOut' as const }), [layout]);
  return (
    <MotionConfig reducedMotion="user" transition={transition} skipAnimations={layout === 0 || jumping}>
      {children}
    </MotionConfig>
  );
}
