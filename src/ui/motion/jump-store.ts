// Marks "jumps" of virtual time (timeline seeks, fast-forward) so animations are skipped while they last:
// a jump replaces the whole scene at once, and animating every card's layout then costs frames for nothing.
import { create } from 'zustand';

/** How long after the last jump request animations stay off (wall ms). */
export const JUMP_QUIET_MS = 400;

interface JumpState { jumping: boolean }

/** True while a seek or fast-forward is in progress (and briefly after). */
export const useJumping = create<JumpState>()(() => ({ jumping: false }));

let timer: ReturnType<typeof setTimeout> | undefined;

/** Call when a jump starts; animations resume JUMP_QUIET_MS after the last call. */
export function markJump(): void {
  if (!useJumping.getState().jumping) useJumping.setState({ jumping: true });
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    useJumping.setState({ jumping: false });
  }, JUMP_QUIET_MS);
}
