// Drives one session over virtual time without any real-time concern: reset to a scenario, advance (applying
// logged inputs and taking checkpoints on the way), run a user's line (logging it, forking if in the past),
// seek, step and settle. Deterministic: the host adds pacing, batching and the wire on top.
import { Cluster, type ClusterOptions, type WatchEvent, type Event } from '../engine/index.ts';
import { parseGoDuration } from '../engine/clock/time.ts';
import { Session, changeMark, formatClock, type LineResult } from '../scenario/session.ts';
import { splitList } from '../scenario/block.ts';
import type { LoggedLine } from '../kubectl/types.ts';
import { SCENARIOS } from '../scenario/scenarios.ts';
import type { InputEntry, ScenarioName } from '../protocol/messages.ts';
import { Batcher } from './batcher.ts';
import { noteChunk } from './notes.ts';
import { CHECKPOINT_EVERY_MS as CHECKPOINT_GRID, Timeline } from './timeline.ts';

/** How far `settle` (fast-forward) goes at most, in virtual ms. */
export const SETTLE_LIMIT_MS = 600_000;

/** Event reasons that put a marker on the timeline (besides every Warning). */
const MARKED_REASONS = new Set(['SuccessfulCreate', 'SuccessfulDelete', 'RecreatingFailedPod', 'RecreatingTerminatedPod']);

/** A line the host runs itself because it only moves time: `sim advance D`, `sim settle [--timeout=D]`. */
const TIME_LINE = /^sim\s+(advance|settle)(\s|$)/;

/** Output of a scenario's start-up: kubectl's chunks and `info` notes naming each line. */
export type ScenarioOutput = Array<LineResult['output'][number] | ReturnType<typeof noteChunk>>;

/** Hooks the host supplies: called after each stretch of advance, and for replayed inputs in live play. */
export interface DriverHooks {
  afterAdvance?(): void;
  replayed?(entry: InputEntry, r: LineResult): void;
}

export class Driver {
  cluster!: Cluster;
  session!: Session;
  timeline!: Timeline;
  /** How many logged inputs are in effect at the cluster's current instant. */
  applied = 0;
  readonly batcher = new Batcher();
  /** Set while seeking: replayed inputs print nothing. */
  private quiet = false;

  /** `clusterOptions` (tests) replace the default controllers; seed and freeze are the driver's. */
  constructor(private readonly seed: number, private readonly hooks: DriverHooks = {}, private readonly clusterOptions: ClusterOptions = {}) {}

  /** A fresh cluster running `scenario`; returns the scenario's own output, each line introduced by a note. */
  reset(scenario: ScenarioName): ScenarioOutput {
    this.use(Cluster.create({ ...this.clusterOptions, seed: this.seed, freeze: false }));
    this.timeline = new Timeline(scenario);
    this.applied = 0;
    const out: ScenarioOutput = [];
    for (const s of SCENARIOS[scenario].steps) {
      out.push(noteChunk(s.stdin ? 'terminal.scenarioManifest' : 'terminal.scenario', { name: scenario, line: s.line }));
      out.push(...this.session.exec(s.line, s.stdin).output);
    }
    this.timeline.addCheckpoint({ ms: this.cluster.now, state: this.cluster.snapshot(), inputsApplied: 0 });
    return out;
  }

  private use(cluster: Cluster, keepOpen = false): void {
    this.cluster = cluster;
    // A seek keeps the terminal's interactive shell and kubectl edit's editor open (their lines and saves then
    // act on the cluster of that instant), and the terminal's variables; a reset closes and clears them.
    const editing = keepOpen ? this.session?.editing : undefined;
    // The terminals' local files and ports are the learner's own machine's: they outlive a seek and a reset alike (the
    // host stopped the commands that listened, so no port is still taken).
    this.session = new Session(cluster, {
      terminal: true, ...(this.session ? { fs: this.session.localFs, net: this.session.localNet, pids: this.session.pids } : {}),
      ...(keepOpen && this.session ? { ttys: this.session.ttys } : {}),
    });
    this.session.editing = editing;
    this.batcher.attach(cluster, (e) => this.onEvent(e));
  }

  private onEvent(e: WatchEvent): void {
    if (e.kind !== 'Event' || e.type !== 'ADDED') return;
    const ev = e.object as Event;
    if (ev.type !== 'Warning' && !MARKED_REASONS.has(ev.reason ?? '')) return;
    const obj = ev.involvedObject;
    this.timeline.markEvent(this.cluster.now, `${ev.reason}: ${(obj.kind ?? '').toLowerCase()}/${obj.name ?? ''}`);
  }

  /**
   * Advances to virtual time `target`, applying logged inputs as their instants come and taking a checkpoint
   * at each grid instant that has none yet.
   */
  advanceTo(target: number): void {
    const log = this.timeline.inputs;
    for (;;) {
      this.applyDueInputs();
      const now = this.cluster.now;
      if (now % 1 === 0 && now > 0 && now % CHECKPOINT_GRID === 0 && !this.timeline.hasCheckpoint(now)) {
        this.timeline.addCheckpoint({ ms: now, state: this.cluster.snapshot(), inputsApplied: this.applied });
      }
      if (now >= target) {
        // Work due at this very instant (a command's follow-up with no delay, as a cordon's taint) runs before
        // returning, as Cluster.settle runs it first: otherwise the next event stays "now" and step and settle
        // never get past it.
        const due = this.cluster.nextDue();
        if (due !== undefined && due <= now) {
          this.cluster.runDue();
          this.hooks.afterAdvance?.();
        }
        break;
      }
      let stop = Math.min(target, Timeline.nextGrid(now));
      const next = log[this.applied];
      if (next && next.ms < stop) stop = Math.max(now, next.ms);
      this.cluster.advance(stop - now);
      this.timeline.reached(this.cluster.now);
      this.hooks.afterAdvance?.();
    }
    this.timeline.reached(this.cluster.now);
  }

  private applyDueInputs(): void {
    const log = this.timeline.inputs;
    while (this.applied < log.length && log[this.applied].ms <= this.cluster.now) {
      const entry = log[this.applied++];
      const r = this.session.useTty(0).exec(entry.line, entry.stdin, entry.files);
      r.stream?.cancel();
      if (!this.quiet) this.hooks.replayed?.(entry, r);
    }
  }

  /**
   * Runs a line the user typed now. Lines that change the cluster are logged (forking the timeline if later
   * inputs or time had been recorded); read-only kubectl lines (`get`, `describe`) are not.
   */
  exec(line: string, stdin?: string, tty = 0): LineResult {
    const text = line.trim();
    if (!text.includes('\n') && TIME_LINE.test(text) && !splitList(text)) return this.timeCommand(text);
    const before = changeMark(this.cluster);
    const at = this.cluster.now;
    const r = this.session.useTty(tty).exec(text, stdin);
    if (r.malformed) return r;
    // A sequence (a loop, a list, a block, the shell's expansions) is logged as the commands that changed something.
    if (r.sequence) {
      this.logLines(at, r.logAs ?? []);
      return r;
    }
    const read = this.session.takeReads();
    if (text.startsWith('sim ') || changeMark(this.cluster) !== before) this.logInput({ ms: at, line: text, ...(stdin !== undefined ? { stdin } : {}), ...read });
    return r;
  }

  /** Records an input that changed the session at its instant, forking the timeline if it had gone further. */
  private logInput(entry: InputEntry): void {
    this.timeline.forkAt(entry.ms, this.applied);
    this.timeline.log(entry);
    this.applied++;
  }

  /**
   * Logs, at this instant, the standalone lines that make the writes a running command (a stream the host polls)
   * just made, so a replay, which stops the command at once, makes them too.
   */
  logStreamWrites(lines: readonly LoggedLine[]): void {
    this.logLines(this.cluster.now, lines);
  }

  private logLines(ms: number, lines: readonly LoggedLine[]): void {
    for (const l of lines) this.logInput({ ms, line: l.line, ...(l.stdin !== undefined ? { stdin: l.stdin } : {}), ...(l.files ? { files: l.files } : {}) });
  }

  /**
   * Runs a line typed into the terminal's interactive shell. One that changed the cluster or its files is
   * logged as the standalone kubectl line that does the same, so replays need no shell.
   */
  execShell(line: string, tty = 0): LineResult {
    const before = changeMark(this.cluster);
    const at = this.cluster.now;
    const r = this.session.useTty(tty).shellLine(line);
    if (r.logAs && changeMark(this.cluster) !== before) this.logLines(at, r.logAs);
    return r;
  }

  /**
   * The editor `kubectl edit` opened was closed, with the file holding `saved` (undefined: closed without
   * saving). The writes the save made are logged at this instant as the standalone kubectl lines that make them
   * (`logAs`), so seeks and replays need no editor.
   */
  editorClosed(saved?: string): LineResult {
    const before = changeMark(this.cluster);
    const at = this.cluster.now;
    const r = this.session.editorClosed(saved);
    if (r.logAs && changeMark(this.cluster) !== before) this.logLines(at, r.logAs);
    return r;
  }

  /** Terminal `tty` (not the first) was closed: its shell and variables go with it. */
  closeTty(tty: number): void {
    this.session.dropTty(tty);
  }

  private timeCommand(text: string): LineResult {
    const w = text.split(/\s+/);
    if (w[1] === 'advance') {
      const ms = w.length === 3 ? parseGoDuration(w[2]) : null;
      if (ms === null) return { output: [], exitCode: 2, malformed: 'usage: sim advance DURATION (e.g. 5s, 1m30s)' };
      this.advanceTo(this.cluster.now + ms);
      return { output: [], exitCode: 0 };
    }
    let timeout = SETTLE_LIMIT_MS;
    for (const a of w.slice(2)) {
      const m = /^--timeout=(.+)$/.exec(a);
      const ms = m ? parseGoDuration(m[1]) : null;
      if (ms === null) return { output: [], exitCode: 2, malformed: 'usage: sim settle [--timeout=DURATION]' };
      timeout = ms;
    }
    const r = this.settle(timeout);
    const at = formatClock(r.now);
    const msg = r.settled ? `settled at ${at}\n` : `not settled after ${formatClock(timeout)} (at ${at})\n`;
    return { output: [{ stream: 'out', text: msg }], exitCode: 0, settled: r.settled };
  }

  /** Next instant something happens: pending work or a logged input, whichever is first. */
  nextEvent(): number | undefined {
    const due = this.cluster.nextDue();
    const input = this.timeline.inputs[this.applied]?.ms;
    if (due === undefined) return input;
    return input === undefined ? due : Math.min(due, input);
  }

  /** Advances to the next instant where something happens. Returns false when nothing is pending. */
  step(): boolean {
    const next = this.nextEvent();
    if (next === undefined) return false;
    this.advanceTo(Math.max(next, this.cluster.now));
    return true;
  }

  /** Advances until nothing is pending or `limitMs` has passed (Models Cluster.settle, with the timeline). */
  settle(limitMs = SETTLE_LIMIT_MS): { settled: boolean; now: number } {
    const limit = this.cluster.now + limitMs;
    this.advanceTo(this.cluster.now);
    for (;;) {
      const next = this.nextEvent();
      if (next === undefined) return { settled: true, now: this.cluster.now };
      if (next > limit) {
        this.advanceTo(limit);
        return { settled: false, now: limit };
      }
      this.advanceTo(next);
    }
  }

  /** Moves to virtual time `t` (clamped to [0, end]): restores the nearest checkpoint and replays. */
  seek(t: number): void {
    const target = Math.max(0, Math.min(Math.round(t), this.timeline.endMs));
    this.quiet = true;
    try {
      const cp = this.timeline.checkpointAtOrBefore(target)!;
      const back = target < this.cluster.now || (target === this.cluster.now && this.applied > this.inputsUpTo(target));
      // Forward too, a checkpoint later than now is cheaper than replaying the stretch in between.
      if (back || cp.ms > this.cluster.now) {
        this.use(Cluster.restore(cp.state, { ...this.clusterOptions, freeze: false }), true);
        this.applied = cp.inputsApplied;
      }
      this.advanceTo(target);
    } finally {
      this.quiet = false;
    }
  }

  private inputsUpTo(t: number): number {
    let n = 0;
    while (n < this.timeline.inputs.length && this.timeline.inputs[n].ms <= t) n++;
    return n;
  }
}


