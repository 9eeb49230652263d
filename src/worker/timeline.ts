// The session's timeline: the input log (what the user did, at which virtual instant), checkpoints
// (cluster snapshots on a fixed virtual-time grid) and markers. Seeking restores the nearest checkpoint
// and replays the log; acting in the past forks (everything recorded after that instant is dropped).
import type { ClusterState } from '../engine/index.ts';
import type { InputEntry, Marker, ScenarioName } from '../protocol/messages.ts';

/** Virtual milliseconds between checkpoints. */
export const CHECKPOINT_EVERY_MS = 10_000;

/** A snapshot plus how many logged inputs had been applied when it was taken. */
export interface Checkpoint { ms: number; state: ClusterState; inputsApplied: number }

/** Markers kept on the timeline (oldest dropped first). */
const MARKER_KEEP = 500;

export class Timeline {
  readonly inputs: InputEntry[] = [];
  markers: Marker[] = [];
  /** The latest virtual instant this branch of the session has reached. */
  endMs = 0;
  /** Bumped whenever inputs or markers change or the timeline forks (the host resends it then). */
  version = 0;
  /** `ms|label` of every marker, so replaying a stretch of time does not repeat its markers. */
  private readonly seen = new Set<string>();
  private readonly checkpoints = new Map<number, Checkpoint>();

  constructor(readonly scenario: ScenarioName) {}

  /** The grid instant of the first checkpoint after `ms`. */
  static nextGrid(ms: number): number {
    return (Math.floor(ms / CHECKPOINT_EVERY_MS) + 1) * CHECKPOINT_EVERY_MS;
  }

  hasCheckpoint(ms: number): boolean {
    return this.checkpoints.has(ms);
  }

  addCheckpoint(cp: Checkpoint): void {
    this.checkpoints.set(cp.ms, cp);
  }

  /** The latest checkpoint at or before `ms` (the one at 0 always exists once the session started). */
  checkpointAtOrBefore(ms: number): Checkpoint | undefined {
    for (let g = Math.floor(ms / CHECKPOINT_EVERY_MS) * CHECKPOINT_EVERY_MS; g >= 0; g -= CHECKPOINT_EVERY_MS) {
      const cp = this.checkpoints.get(g);
      if (cp) return cp;
    }
    return undefined;
  }

  /** Notes that the session reached `ms`. */
  reached(ms: number): void {
    if (ms > this.endMs) this.endMs = ms;
  }

  /** Whether inputs were logged after `applied` (acting now would fork). */
  hasFuture(applied: number): boolean {
    return applied < this.inputs.length;
  }

  /**
   * Forks at `ms` with `applied` inputs in effect: drops later inputs, checkpoints and markers, and makes `ms`
   * the end. Returns whether anything was dropped.
   */
  forkAt(ms: number, applied: number): boolean {
    const dropped = this.inputs.length > applied || this.endMs > ms;
    this.inputs.length = Math.min(this.inputs.length, applied);
    for (const at of [...this.checkpoints.keys()]) {
      const cp = this.checkpoints.get(at)!;
      if (at > ms || cp.inputsApplied > applied) this.checkpoints.delete(at);
    }
    this.markers = this.markers.filter((m) => m.ms <= ms);
    this.seen.clear();
    for (const m of this.markers) this.seen.add(`${m.kind}|${m.ms}|${m.label}`);
    this.endMs = ms;
    if (dropped) this.version++;
    return dropped;
  }

  /** Logs an input at `ms` with a user marker. */
  log(entry: InputEntry): void {
    this.inputs.push(entry);
    this.version++;
    this.mark({ ms: entry.ms, kind: 'user', label: entry.line });
  }

  /** Records an event marker (once: replaying the same stretch does not repeat it). */
  markEvent(ms: number, label: string): void {
    this.mark({ ms, kind: 'event', label });
  }

  private mark(m: Marker): void {
    const id = `${m.kind}|${m.ms}|${m.label}`;
    if (m.kind === 'event' && this.seen.has(id)) return;
    this.seen.add(id);
    this.markers.push(m);
    this.version++;
    if (this.markers.length > MARKER_KEEP) this.markers.splice(0, this.markers.length - MARKER_KEEP);
  }
}
