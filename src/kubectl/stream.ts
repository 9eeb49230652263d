// The building block of streaming commands: collects matching watch events cheaply (no work in the
// store's callback beyond a filter and a push) and turns them into output when the host polls.
import type { WatchEvent } from '../engine/store/store.ts';
import type { Cluster, KubectlStream, LoggedLine, OutputChunk, ShellAttach, StreamPoll } from './types.ts';

/** A queued event with the wall-clock instant it happened at (for AGE columns). */
export interface TimedEvent { event: WatchEvent; wallMs: number }

/** Hooks of a stream. `step` runs on every poll after queued events were handled; it may finish the stream. */
export interface StreamHooks {
  filter?(e: WatchEvent): boolean;
  onEvent?(e: TimedEvent, s: Stream): void;
  step?(s: Stream): void;
  onTimeout?(s: Stream): void;
  /** Runs once when the stream ends, however it ends (finished, timed out, cancelled). */
  onEnd?(): void;
}

/** A running command. Output written with `out`/`err` is handed to the host on the next poll. */
export class Stream implements KubectlStream {
  private buf: OutputChunk[] = [];
  private logged: LoggedLine[] = [];
  private attached?: ShellAttach;
  private queue: TimedEvent[] = [];
  private finished = false;
  private code = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly cluster: Cluster, private readonly hooks: StreamHooks, public endless: boolean, public deadline?: number) {
    this.unsubscribe = hooks.filter || hooks.onEvent
      ? cluster.store.watch((e) => {
        if (!this.finished && (!hooks.filter || hooks.filter(e))) this.queue.push({ event: e, wallMs: cluster.wallNow() });
      })
      : () => {};
  }

  out(text: string): void { this.write('out', text); }
  err(text: string): void { this.write('err', text); }

  private write(stream: OutputChunk['stream'], text: string): void {
    if (!text) return;
    const last = this.buf[this.buf.length - 1];
    if (last && last.stream === stream) last.text += text; else this.buf.push({ stream, text });
  }

  /** Notes the standalone line that makes the write the command just made (handed to the host on the next poll). */
  log(line: string, stdin?: string): void {
    this.logged.push(stdin === undefined ? { line } : { line, stdin });
  }

  /** Hands the terminal to an interactive shell (returned by the next poll; the host sends it the lines typed next). */
  attachShell(a: ShellAttach): void {
    this.attached = a;
  }

  /** Ends the command with an exit code. */
  finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.code = code;
    this.queue = [];
    this.unsubscribe();
    this.hooks.onEnd?.();
  }

  get done(): boolean { return this.finished; }

  poll(): StreamPoll {
    try {
      while (!this.finished && this.queue.length) this.hooks.onEvent?.(this.queue.shift()!, this);
      if (!this.finished) this.hooks.step?.(this);
      if (!this.finished && this.deadline !== undefined && this.cluster.now >= this.deadline) {
        this.hooks.onTimeout?.(this);
        this.finish(1);
      }
    } catch (e) {
      this.err(`error: internal: ${(e as Error)?.message ?? String(e)}\n`);
      this.finish(1);
    }
    const output = this.buf, logAs = this.logged, attach = this.attached;
    this.buf = [];
    this.attached = undefined;
    if (logAs.length) this.logged = [];
    return { output, done: this.finished, exitCode: this.code, ...(logAs.length ? { logAs } : {}), ...(attach ? { attach } : {}) };
  }

  cancel(): void {
    this.finish(this.code);
  }
}
