// The engine host inside the Web Worker (or a test): speaks the protocol over an Endpoint, paces virtual
// time against wall time at the chosen speed, drives streaming kubectl commands, and sends at most one
// batched patch per frame. Session logic (timeline, seek, fork) lives in driver.ts.
import { contextNamespace } from '../kubectl/kubeconfig.ts';
import {
  PROTOCOL_VERSION, clampSpeed, isMessage,
  type ClockInfo, type ControlMsg, type Endpoint, type FromHost, type HelloMsg, type TerminalChunk, type ToHost,
} from '../protocol/messages.ts';
import type { KubectlStream, OutputChunk } from '../kubectl/types.ts';
import { filesWritten, volumeFiles, type ClusterOptions } from '../engine/index.ts';
import { Batcher } from './batcher.ts';
import { Driver } from './driver.ts';
import type { LineResult } from '../scenario/session.ts';
import { noteChunk } from './notes.ts';
import { NODE_MONITOR_GRACE_MS, nodesDown } from '../engine/faults.ts';
import { HOME } from '../scenario/local-fs.ts';

/** Real time, injected so tests can drive it. */
export interface HostClock {
  /** Monotonic wall milliseconds. */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** One frame: the most often the host advances time and sends a patch. */
export const FRAME_MS = 16;
/** A longer gap between frames (a background tab) moves virtual time by at most this much wall time. */
const MAX_FRAME_GAP_MS = 100;
/** Trace records sent with a full patch. */
const FULL_TRACE = 500;

export class Host {
  private driver?: Driver;
  private playing = false;
  private speed = 1;
  /** Running streams (a `get -w` and a waiting `delete` from the controls can run at once), oldest first. */
  private streams: Array<{ id: number; s: KubectlStream; tty: number }> = [];
  /** Playing only because a finite stream (rollout status, delete) waits for time to pass. */
  private autoPlayed = false;
  private terminal: TerminalChunk[] = [];
  private full = true;
  private seq = 0;
  private traceNext = 0;
  private timelineDirty = true;
  private timelineVersion = -1;
  private timer: unknown;
  private lastWall = 0;
  private carry = 0;
  private pendingSeek?: number;
  private lastClock = '';
  /** The count of file writes the last patch reflected (-1: none sent yet). */
  private lastFiles = -1;
  /** The version of the local files the last patch reflected (-1: none sent yet). */
  private lastLocal = -1;
  /** The busy terminals the last patch reported. */
  private lastBusy = '';
  /** The terminal whose `kubectl edit` has the editor open. */
  private editorTty = 0;

  /** `clusterOptions` are for tests (fake controllers). */
  constructor(private readonly ep: Endpoint, private readonly clock: HostClock, private readonly clusterOptions: ClusterOptions = {}) {
    ep.addEventListener('message', (ev) => this.receive(ev.data));
    ep.start?.();
  }

  private post(msg: FromHost): void {
    this.ep.postMessage(msg);
  }

  /** Handles one message; a failure is reported, never thrown into the event loop. */
  receive(data: unknown): void {
    if (!isMessage(data)) return;
    const msg = data as ToHost;
    try {
      this.handle(msg);
    } catch (e) {
      this.post({ type: 'error', message: String((e as Error)?.message ?? e), fatal: false });
    }
    this.schedule();
  }

  private handle(msg: ToHost): void {
    if (msg.type === 'hello') return this.hello(msg);
    const d = this.driver;
    if (!d) return;
    switch (msg.type) {
      case 'command':
        return this.answer(msg.id, msg.shell ? d.execShell(msg.line, msg.tty) : d.exec(msg.line, msg.stdin, msg.tty), msg.tty ?? 0);
      case 'editor':
        // The rest of `kubectl edit`: answered under the id (and terminal) of the command that opened the editor.
        return this.answer(msg.id, d.editorClosed(msg.text), this.editorTty);
      case 'control':
        return this.control(msg);
      case 'seek':
        // Coalesce: a dragged slider sends many seeks; only the latest one runs.
        if (this.pendingSeek === undefined) this.clock.setTimer(() => this.runSeek(), 0);
        this.pendingSeek = msg.ms;
        return;
    }
  }

  /** Sends a command's result (starting its stream, if it has one) to terminal `tty`. */
  private answer(id: number, r: LineResult, tty: number): void {
    const on = tty ? { tty } : {};
    const output: TerminalChunk[] = r.output.map((c) => ({ ...c, id, ...on }));
    if (r.malformed) output.push({ stream: 'err', text: `error: ${r.malformed}\n`, id, ...on });
    if (r.stream) this.startStream(id, r.stream, tty);
    if (r.editor) this.editorTty = tty;
    this.post({
      type: 'result', id, ...on, exitCode: r.exitCode, output, stream: !!r.stream,
      ...(r.prompt !== undefined ? { prompt: r.prompt } : {}), ...(r.editor ? { editor: r.editor } : {}),
    });
    this.pollStream();
  }

  private hello(msg: HelloMsg): void {
    if (msg.v !== PROTOCOL_VERSION) {
      this.post({ type: 'error', message: `protocol version ${msg.v} not supported (host speaks ${PROTOCOL_VERSION})`, fatal: true });
      return;
    }
    this.speed = clampSpeed(msg.speed);
    this.driver = new Driver(msg.seed ?? 1, {
      afterAdvance: () => this.pollStream(),
      replayed: (entry, r) => this.out([{ stream: 'info', text: `$ ${entry.line}\n` }, ...r.output]),
    }, this.clusterOptions);
    const out = this.driver.reset(msg.scenario);
    if (msg.restore) {
      this.driver.timeline.inputs.push(...msg.restore.inputs);
      // The rebuilt session reaches as far as the lost one did, so the seek is not clamped short.
      this.driver.timeline.reached(Math.max(msg.restore.atMs, ...msg.restore.inputs.map((i) => i.ms)));
      this.driver.seek(Math.max(msg.restore.atMs, 0));
      this.out([noteChunk('terminal.engineRestarted', { seconds: (this.driver.cluster.now / 1000).toFixed(1) })]);
    } else {
      this.out(out);
    }
    this.post({ type: 'welcome', v: PROTOCOL_VERSION, scenario: msg.scenario });
    this.markFull();
    this.setPlaying(msg.autoplay && !msg.restore);
    // The first state (and the scenario's output) goes out now, ahead of any command's result.
    this.flush();
  }

  private control(msg: ControlMsg): void {
    const d = this.driver!;
    switch (msg.op) {
      case 'play': return this.setPlaying(true);
      case 'pause': return this.setPlaying(false);
      case 'speed':
        this.speed = clampSpeed(msg.speed ?? 1);
        return;
      case 'step':
        this.setPlaying(false);
        d.step();
        return;
      case 'settle':
        d.settle();
        return;
      case 'cancel':
        return this.endStream(true, msg.tty);
      case 'closeTty':
        if (!msg.tty) return;
        this.endStream(true, msg.tty);
        // Its kubectl edit ends too, as when its editor is quit without saving.
        if (this.editorTty === msg.tty && d.session.editing) d.editorClosed();
        if (this.editorTty === msg.tty) this.editorTty = 0;
        d.closeTty(msg.tty);
        return;
      case 'reset':
        this.endStream(true);
        d.session.dropJobs();
        this.out(d.reset(msg.scenario ?? d.timeline.scenario));
        this.markFull();
        return;
    }
  }

  private setPlaying(on: boolean): void {
    if (on && !this.playing) {
      this.lastWall = this.clock.now();
      this.carry = 0;
    }
    this.playing = on;
    this.autoPlayed = false;
  }

  private runSeek(): void {
    const t = this.pendingSeek;
    this.pendingSeek = undefined;
    if (t === undefined || !this.driver) return;
    this.endStream(true);
    // The background jobs ran on the cluster of that time: they end too, without a word.
    this.driver.session.dropJobs();
    this.driver.seek(t);
    // The timeline itself is unchanged by a seek: only the state is resent.
    this.full = true;
    this.driver.batcher.clear();
    this.flush();
  }

  private markFull(): void {
    this.full = true;
    this.timelineDirty = true;
    this.driver!.batcher.clear();
  }

  private startStream(id: number, s: KubectlStream, tty: number): void {
    this.streams.push({ id, s, tty });
    if (!s.endless && !this.playing) {
      this.setPlaying(true);
      this.autoPlayed = true;
    }
  }

  /** Collects new output of every running stream; drops the ones that finished. */
  private pollStream(): void {
    const d = this.driver;
    if (!d || (!this.streams.length && !d.session.hasJobs())) return;
    for (const st of [...this.streams]) {
      const r = st.s.poll();
      if (r.logAs) d.logStreamWrites(r.logAs);
      this.out(r.output, st.id, st.tty);
      // The command handed the terminal to a shell (`run -it`): the session sends it the lines typed next; the UI
      // learns its prompt from a second result of the command's id.
      if (r.attach) this.post({ type: 'result', id: st.id, ...(st.tty ? { tty: st.tty } : {}), exitCode: 0, output: [], stream: false, prompt: r.attach.prompt });
      if (r.done) this.streams = this.streams.filter((x) => x !== st);
    }
    // Background jobs (`CMD &`): their output and the notices of those that ended, in their own terminals.
    for (const j of d.session.pollJobs()) {
      if (j.logAs.length) d.logStreamWrites(j.logAs);
      this.out(j.output, undefined, j.tty);
    }
    this.afterStreams();
  }

  /** Ctrl-C (cancel = true) or seek/reset: stops every running stream, or terminal `tty`'s. */
  private endStream(cancel: boolean, tty?: number): void {
    const ending = this.streams.filter((st) => tty === undefined || st.tty === tty);
    for (const st of ending) {
      if (cancel) st.s.cancel();
      this.out(st.s.poll().output, st.id, st.tty);
    }
    this.streams = this.streams.filter((st) => !ending.includes(st));
    this.afterStreams();
  }

  /** Pauses again once no finite stream needs time to pass, if it was only playing for them. */
  private afterStreams(): void {
    if (this.autoPlayed && !this.streams.some((x) => !x.s.endless)) this.setPlaying(false);
  }

  private out(chunks: ReadonlyArray<OutputChunk | TerminalChunk>, id?: number, tty = 0): void {
    for (const c of chunks) this.terminal.push({ ...c, ...(id !== undefined ? { id } : {}), ...(tty ? { tty } : {}) });
  }

  /** The terminals where a command streams, in order. */
  private busyTtys(): number[] {
    return [...new Set(this.streams.map((st) => st.tty))].sort((a, b) => a - b);
  }

  /** Keeps one frame timer pending while playing or while something waits to be sent. */
  private schedule(): void {
    if (this.timer !== undefined) return;
    if (!this.playing && !this.needsFlush()) return;
    this.timer = this.clock.setTimer(() => this.frame(), FRAME_MS);
  }

  /** One frame: advance virtual time by elapsed wall time × speed, then send what changed. */
  frame(): void {
    this.timer = undefined;
    const d = this.driver;
    if (d && this.playing) {
      const wall = this.clock.now();
      this.carry += Math.min(wall - this.lastWall, MAX_FRAME_GAP_MS) * this.speed;
      this.lastWall = wall;
      const whole = Math.floor(this.carry);
      this.carry -= whole;
      try {
        if (whole > 0) {
          // A running command's deadline inside the frame (a `sim advance` of a pasted block, a `--timeout`) is
          // reached exactly, so what follows it starts at that instant, as in a script.
          const target = d.cluster.now + whole;
          for (let dl = this.nextDeadline(); dl !== undefined && dl < target; dl = this.nextDeadline()) d.advanceTo(dl);
          d.advanceTo(target);
        }
      } catch (e) {
        this.post({ type: 'error', message: String((e as Error)?.message ?? e), fatal: false });
        this.playing = false;
      }
    }
    this.flush();
    this.schedule();
  }

  /** The earliest deadline of a running command that is still ahead of virtual time, if any. */
  private nextDeadline(): number | undefined {
    const now = this.driver!.cluster.now;
    let next: number | undefined;
    for (const st of this.streams) {
      const dl = st.s.deadline;
      if (dl !== undefined && dl > now && (next === undefined || dl < next)) next = dl;
    }
    return next;
  }

  private clockInfo(): ClockInfo {
    const c = this.driver!.cluster;
    return { ms: c.now, wallMs: c.wallNow(), playing: this.playing, speed: this.speed, settled: this.driver!.nextEvent() === undefined, gates: { ...c.state.gates },
      faults: { nodesDown: nodesDown(c), nodeGraceMs: NODE_MONITOR_GRACE_MS }, namespace: contextNamespace(c) };
  }

  private needsFlush(): boolean {
    const d = this.driver;
    if (!d) return false;
    if (d.timeline.version !== this.timelineVersion) this.timelineDirty = true;
    return this.full || this.timelineDirty || d.batcher.dirty || this.terminal.length > 0 || filesWritten(d.cluster) !== this.lastFiles ||
      d.cluster.state.traceSeq > this.traceNext || this.busyTtys().join() !== this.lastBusy || d.session.localFs.version !== this.lastLocal || JSON.stringify(this.clockInfo()) !== this.lastClock;
  }

  /** Sends the patch (and the timeline when it changed), if anything is new. */
  flush(): void {
    const d = this.driver;
    if (!d || !this.needsFlush()) return;
    const clock = this.clockInfo();
    this.lastClock = JSON.stringify(clock);
    const all = d.cluster.state.trace;
    const full = this.full;
    let trace;
    if (full) trace = all.slice(-FULL_TRACE);
    else {
      let i = all.length;
      while (i > 0 && all[i - 1].seq >= this.traceNext) i--;
      trace = all.slice(i);
    }
    this.traceNext = d.cluster.state.traceSeq;
    const diff = full ? Batcher.full(d.cluster) : d.batcher.take();
    if (full) d.batcher.clear();
    this.full = false;
    const terminal = this.terminal;
    this.terminal = [];
    const busy = this.busyTtys();
    this.lastBusy = busy.join();
    const written = filesWritten(d.cluster);
    const volumes = full || written !== this.lastFiles ? { volumes: volumeFiles(d.cluster) } : {};
    this.lastFiles = written;
    const fs = d.session.localFs;
    const local = full || fs.version !== this.lastLocal ? { localFiles: fs.list(HOME) } : {};
    this.lastLocal = fs.version;
    this.post({ type: 'patch', seq: ++this.seq, full, clock, diff, trace, terminal, busy, ...volumes, ...local });
    if (this.timelineDirty) {
      this.timelineDirty = false;
      const tl = d.timeline;
      this.timelineVersion = tl.version;
      this.post({ type: 'timeline', endMs: tl.endMs, markers: [...tl.markers], inputs: [...tl.inputs], scenario: tl.scenario });
    }
  }
}
