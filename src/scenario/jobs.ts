// A terminal's background jobs, as bash keeps them: `CMD &` starts one (`[1] 31408`), its output goes on reaching
// the terminal while other commands run, and when it ends bash says so (`[1]+  Done                    CMD`).
// `jobs` lists them, `fg` brings one back to the foreground (Ctrl-C then stops it), `kill %N` ends one. The job
// specs are bash's (`%N`, `N`, `%+`, `%%`, `%-`; none: the current job) and so are its texts. Unlike bash, which says
// that a job ended when it next shows its prompt, the terminal says so at once (bash's `set -b`): the app's prompt is
// always there, under the output.
import type { KubectlStream, LoggedLine, OutputChunk } from '../kubectl/types.ts';

interface Job {
  n: number;
  pid: number;
  /** The command as typed, without the `&`. */
  text: string;
  stream?: KubectlStream;
  /** How it ended: `Done`, `Exit N`, `Terminated` (absent while it runs). */
  status?: string;
}

/** The process ids the terminals' machine hands out (one counter for both terminals). */
export interface Pids { next: number }
export const newPids = (): Pids => ({ next: 31_407 });

/** What a builtin printed, its status, and the stream it hands to the foreground (`fg`). */
export interface BuiltinResult { output: OutputChunk[]; exitCode: number; stream?: KubectlStream }

const line = (stream: 'out' | 'err', text: string): OutputChunk => ({ stream, text });

export class Jobs {
  private list: Job[] = [];

  constructor(private readonly pids: Pids) {}

  /** Whether there are jobs (running, or ended and not yet reported). */
  get pending(): boolean { return this.list.length > 0; }

  /**
   * Starts job `text` (its command already ran: `stream` is what goes on, if anything; else it ended with `exitCode`).
   * Returns bash's `[N] PID` line.
   */
  start(text: string, stream: KubectlStream | undefined, exitCode: number): OutputChunk {
    const n = this.list.reduce((m, j) => Math.max(m, j.n), 0) + 1;
    const job: Job = { n, pid: this.pids.next++, text, ...(stream ? { stream } : { status: statusOf(exitCode) }) };
    this.list.push(job);
    return line('err', `[${n}] ${job.pid}\n`);
  }

  /** The running jobs' new output, then the notices of the jobs that ended (which are then forgotten). */
  poll(): { output: OutputChunk[]; logAs: LoggedLine[] } {
    const output: OutputChunk[] = [];
    const logAs: LoggedLine[] = [];
    for (const j of this.list) {
      if (j.status || !j.stream) continue;
      const p = j.stream.poll();
      output.push(...p.output);
      logAs.push(...(p.logAs ?? []));
      if (p.done) j.status = statusOf(p.exitCode);
    }
    output.push(...this.notices());
    return { output, logAs };
  }

  // bash's notices of the jobs that ended: `[N]+  Done                    CMD`.
  private notices(): OutputChunk[] {
    const ended = this.list.filter((j) => j.status);
    if (!ended.length) return [];
    const text = ended.map((j) => `${this.label(j)}  ${j.status!.padEnd(24)}${j.text}\n`).join('');
    this.list = this.list.filter((j) => !j.status);
    return [line('err', text)];
  }

  // `[N]+` for the current job (the newest), `[N]-` for the one before it, `[N] ` for the others.
  private label(j: Job): string {
    const i = this.list.length - 1 - this.list.indexOf(j);
    return `[${j.n}]${i === 0 ? '+' : i === 1 ? '-' : ' '}`;
  }

  // A job spec, as bash reads it; undefined when there is no such job.
  private find(spec: string | undefined): Job | undefined {
    if (spec === undefined || spec === '%+' || spec === '%%' || spec === '+' || spec === '%') return this.list[this.list.length - 1];
    if (spec === '%-' || spec === '-') return this.list[this.list.length - 2];
    const m = /^%?(\d+)$/.exec(spec);
    return m ? this.list.find((j) => j.n === Number(m[1])) : undefined;
  }

  /** `jobs [-l]`. */
  jobs(args: readonly string[]): BuiltinResult {
    const long = args.includes('-l');
    const bad = args.find((a) => a.startsWith('-') && a !== '-l');
    if (bad) return { output: [line('err', `[simulated cluster] jobs ${bad}: only jobs and jobs -l are modelled\n`)], exitCode: 2 };
    const text = this.list.map((j) => `${this.label(j)}${long ? ` ${j.pid} ` : '  '}${(j.status ?? 'Running').padEnd(24)}${j.text}${j.status ? '' : ' &'}\n`).join('');
    this.list = this.list.filter((j) => !j.status);
    return { output: text ? [line('out', text)] : [], exitCode: 0 };
  }

  /**
   * `fg [SPEC]`: the job's command, then the job in the foreground. The jobs that ended are reported first (bash
   * notices them as the command line is read), so an ended job is no such job.
   */
  fg(args: readonly string[]): BuiltinResult {
    const spec = args[0];
    const notices = this.notices();
    const job = this.find(spec);
    if (!job) return { output: [...notices, line('err', `bash: fg: ${spec ?? 'current'}: no such job\n`)], exitCode: 1 };
    this.list = this.list.filter((j) => j !== job);
    return { output: [...notices, line('out', `${job.text}\n`)], exitCode: 0, stream: job.stream };
  }

  /** `kill [-9|-KILL|-TERM] %N…`: ends the jobs (their notices follow). Process ids are not modelled. */
  kill(args: readonly string[]): BuiltinResult {
    const output: OutputChunk[] = [];
    let exitCode = 0;
    let signal = 'Terminated';
    const specs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const sig = a === '-s' ? args[++i] : /^-[A-Z0-9]+$/.test(a) ? a.slice(1) : undefined;
      if (sig === undefined) { specs.push(a); continue; }
      if (['9', 'KILL', 'SIGKILL'].includes(sig)) signal = 'Killed';
      else if (!['15', 'TERM', 'SIGTERM'].includes(sig)) return { output: [line('err', `[simulated cluster] kill ${a}: only TERM and KILL are modelled\n`)], exitCode: 1 };
    }
    if (!specs.length) return { output: [line('err', 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n')], exitCode: 2 };
    for (const spec of specs) {
      if (!spec.startsWith('%')) {
        output.push(line('err', `[simulated cluster] kill ${spec}: only job specs (kill %1) are modelled in this terminal\n`));
        exitCode = 1;
        continue;
      }
      const job = this.find(spec);
      if (!job || job.status) { output.push(line('err', `bash: kill: ${spec}: no such job\n`)); exitCode = 1; continue; }
      job.stream?.cancel();
      job.status = signal;
    }
    return { output, exitCode };
  }

  /** Ends every job without a word (the terminal closed, or time was moved: the commands are gone). */
  drop(): void {
    for (const j of this.list) if (!j.status) j.stream?.cancel();
    this.list = [];
  }
}

const statusOf = (code: number): string => (code === 0 ? 'Done' : `Exit ${code}`);
