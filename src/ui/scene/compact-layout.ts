// Layout and looks of the dense grid (CompactGrid): ordinals in rows of ten (one decade per row, the column
// is the last digit), each pod drawn by a look that shape and texture tell apart, not colour alone.
import type { Pod } from '../../engine/index.ts';
import { isPodReady, podStatus, statusTone } from './pod-status.ts';

/** One row of the grid: the ordinals whose tens are `first` (`first` is a multiple of ten). */
export interface Decade { first: number; ordinals: number[] }

/** Groups sorted ordinals by their tens, in order; gaps inside a decade stay gaps (the column is o % 10). */
export function decadesOf(ordinals: readonly number[]): Decade[] {
  const out: Decade[] = [];
  for (const o of ordinals) {
    const first = o - (o % 10);
    const last = out[out.length - 1];
    if (last && last.first === first) last.ordinals.push(o);
    else out.push({ first, ordinals: [o] });
  }
  return out;
}

/**
 * How a pod cell looks: `ready` filled, `waiting` hollow (pending, creating, running but not ready),
 * `failing` hollow with a warning mark (back-off, errors), `terminating` hatched.
 */
export type CellLook = 'ready' | 'waiting' | 'failing' | 'terminating';

/** The look of `pod`, from its kubectl STATUS (`status`, computed by the caller if not given) and Ready condition. */
export function cellLook(pod: Pod, status: string = podStatus(pod).status): CellLook {
  if (pod.metadata?.deletionTimestamp) return 'terminating';
  const tone = statusTone(status);
  if (tone === 'warn' || tone === 'gone') return 'failing'; // back-off, errors, Evicted, Unknown
  return isPodReady(pod) ? 'ready' : 'waiting';
}

/**
 * Where the partition boundary goes: before the first ordinal whose index (ordinal − start) reaches
 * `partition`, or after the last ordinal (`'end'`) when none does; undefined when there is no boundary.
 */
export function boundaryOf(ordinals: readonly number[], start: number, partition: number): number | 'end' | undefined {
  if (partition <= 0 || !ordinals.length) return undefined;
  return ordinals.find((o) => o - start >= partition) ?? 'end';
}
