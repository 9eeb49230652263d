// One interactive session over a cluster: executes scenario lines (`kubectl …` or `sim …`) the same way for
// the headless runner, the Web Worker and tests. Streaming kubectl commands are returned to the host to drive.
import type { Cluster } from '../engine/cluster.ts';
import { runKubectl } from '../kubectl/index.ts';
import type { EditorOpen, KubectlIO, KubectlResult, KubectlStream, LoggedLine, OutputChunk, ShellAttach } from '../kubectl/types.ts';
import { mainShellExited } from '../kubectl/verbs/run.ts';
import { execShellLine } from '../engine/exec/exec.ts';
import { needsMoreInput } from '../engine/exec/shell-parse.ts';
import { setCommands } from '../engine/exec/shell-rules.ts';
import { nodeAction, podFault } from '../engine/faults.ts';
import { DEFAULT_SETTLE_MS, parseLine, type ScriptStep, type SimCommand } from './script.ts';
import { expandForLoop } from './for-loop.ts';
import { tokenize } from '../kubectl/tokenize.ts';
import { Pipeline } from './pipes.ts';
import { echoOf, SHELL_EOF, SHELL_INTERRUPT, splitBlock, splitList, toScenarioLine } from './block.ts';
import { expand, expandDocument, needsShell, shQuote, shWord, sleepMs, type ShellState } from './expand.ts';
import { filesWritten } from '../engine/exec/fs.ts';
import { LocalFs, fileCommand, isDirectory, resolvePath } from './local-fs.ts';
import { localCurl } from './local-net.ts';
import { LocalMachineNet } from '../kubectl/local-net.ts';
import { hasRedirect, openRedirects, splitRedirects, type Redirect } from './redirect.ts';
import { EDITORS, FILE_COMMANDS, JOB_COMMANDS, LOCAL_COMMANDS, NET_COMMANDS, PIPE_COMMANDS } from './shell-commands.ts';
import { Jobs, newPids, type Pids } from './jobs.ts';

/** The result of one line. `malformed` is set (and nothing ran) when the line is not valid script syntax. */
export interface LineResult {
  output: OutputChunk[];
  exitCode: number;
  stream?: KubectlStream;
  malformed?: string;
  /** For `sim settle`: whether it settled. */
  settled?: boolean;
  /** The prompt of the interactive shell the terminal is attached to after this line; absent when none. */
  prompt?: string;
  /**
   * For a line typed into an interactive shell, or an editor that `kubectl edit` opened and that was saved: the
   * same work as standalone kubectl lines, for the timeline's input log (replaying them needs no shell or editor).
   */
  logAs?: LoggedLine[];
  /** `kubectl edit` (from a terminal) opened its editor on this file; `Session.editorClosed` goes on. */
  editor?: { file: string; text: string; program?: string };
  /**
   * The line ran as a sequence of commands (a loop, a list, a block, a line with the shell's own expansions):
   * `logAs` then holds the commands that changed something, as the standalone lines a timeline logs and replays
   * instead of the line (with the shell's variables expanded, so a replay needs no shell state).
   */
  sequence?: true;
}

// kubectl's standalone lines (no standard input) as a LineResult's `logAs`, when there are any.
const logged = (lines?: readonly string[]): { logAs?: LoggedLine[] } => (lines?.length ? { logAs: lines.map((line) => ({ line })) } : {});


/**
 * A step of a loop, a list or a pasted block: a command line as written (`raw`: expanded, read and run when its
 * turn comes, so it sees the variables the commands before it set), a block's echo of the command it runs next
 * (`$ line`, `> ` before continued lines), a command that cannot run (its error is printed and the rest go on, as a
 * shell goes on after a failed command), or a list's `&&` or `||`, which runs the step after it only when the last
 * command succeeded (`&&`) or failed (`||`).
 */
type LoopStep = { raw: string; stdin?: string; expandStdin?: true; background?: true } | { echo: string } | { error: string } | { when: '&&' | '||' };

/** What running a loop's steps gave: their output, the stream of the one that waits and the index after it. */
interface LoopRun { output: OutputChunk[]; exitCode: number; stream?: KubectlStream; next: number; logAs: LoggedLine[] }

// A loop's line as a step: kubectl and `echo` run; anything else is refused up front.
function loopStep(l: string): LoopStep {
  const t = tokenize(l);
  if (t.ok && t.words[0] === 'echo' && !t.pipes) return { raw: l };
  const step = parseLine(l, 1);
  if (typeof step === 'string') return { error: step };
  if (step.sim) return { error: 'only kubectl and echo can run in a loop' };
  return { raw: l };
}

// A command of a list as one step (a loop is no list's part here).
const listPart = (text: string, background?: true): LoopStep =>
  (/^for\s/.test(text) ? { error: 'a loop is not taken inside a list here: give it a line of its own' } : { raw: text, ...(background ? { background } : {}) });

// A command line that runs this machine's curl (after any assignments).
const CURL_LINE = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*curl(?:\s|$)/;

// The waits of blocks' `sim advance` and `sim settle` (no Ctrl-C for them: they end when their time comes).
const WAITS = new WeakSet<KubectlStream>();
// The waits of a sequence for the interactive shell one of its commands opened: they end when that shell exits.
const SHELL_WAITS = new WeakSet<KubectlStream>();

// What a block left unfinished at its end, as bash reports it at the end of its input.
const OPEN_BLOCK: Record<'heredoc' | 'quote' | 'continuation' | 'loop', string> = {
  heredoc: 'the here-document has no line with its delimiter (EOF), so it did not run',
  quote: 'unexpected end of input while looking for a matching quote',
  continuation: 'unexpected end of input after a trailing backslash',
  loop: "syntax error: unexpected end of input (a loop ends with `done')",
};

/**
 * What a command that only reads leaves as it was: the store's resourceVersion, the PRNG and the containers' files.
 * A request's log lines do not count (reading a page at a past moment must not fork a timeline). `sim` commands are
 * logged for what they are, whatever they changed.
 */
export function changeMark(c: Cluster): string {
  return `${c.state.store.resourceVersion}|${c.state.rng.join(',')}|${filesWritten(c)}`;
}

/**
 * What one terminal of the app holds of its own (the app can open a second terminal, as the documentation's
 * tutorials do to watch in one while typing in the other): the interactive shell its lines go to, if any, and its
 * shell's variables and last exit status.
 */
export interface Tty { attached?: ShellAttach; shell: ShellState; jobs?: Jobs }

const newTty = (): Tty => ({ shell: { vars: new Map(), status: 0 } });

/** Executes scenario lines against one cluster. */
export class Session {
  /**
   * `terminal`: the lines come from a person at a terminal (the app), not a script, so `exec -it` gets a TTY.
   * `ttys`: the terminals' own state, kept from an earlier session over the same timeline (a seek keeps them).
   * `localFiles`: kubectl reads and writes the local files without a terminal (a script run by the runner, whose files
   * start empty, and the crosscheck, whose real kubectl has a working directory); a terminal has them anyway.
   */
  constructor(
    public cluster: Cluster,
    private readonly opts: { terminal?: boolean; localFiles?: boolean; ttys?: Map<number, Tty>; fs?: LocalFs; net?: LocalMachineNet; pids?: Pids } = {},
  ) {
    this.ttys = opts.ttys ?? new Map();
    this.cur = this.ttyState(0);
    this.localFs = opts.fs ?? new LocalFs();
    this.localNet = opts.net ?? new LocalMachineNet();
    this.pids = opts.pids ?? newPids();
  }

  /** The process ids of the terminals' machine (its background jobs'). */
  readonly pids: Pids;

  // The background jobs of terminal `t`.
  private jobsOf(t: Tty): Jobs {
    return (t.jobs ??= new Jobs(this.pids));
  }

  /** Whether a terminal has background jobs (running, or ended and not yet reported). */
  hasJobs(): boolean {
    for (const t of this.ttys.values()) if (t.jobs?.pending) return true;
    return false;
  }

  /** The background jobs' output since the last poll, and the notices of those that ended, per terminal. */
  pollJobs(): Array<{ tty: number; output: OutputChunk[]; logAs: LoggedLine[] }> {
    const out: Array<{ tty: number; output: OutputChunk[]; logAs: LoggedLine[] }> = [];
    for (const [tty, t] of this.ttys) {
      if (!t.jobs?.pending) continue;
      const p = this.within(t, () => t.jobs!.poll());
      if (p.output.length || p.logAs.length) out.push({ tty, ...p });
    }
    return out;
  }

  /** Ends the background jobs of terminal `tty` (every terminal's without one) without a word: a seek or a reset. */
  dropJobs(tty?: number): void {
    for (const [n, t] of this.ttys) if (tty === undefined || n === tty) t.jobs?.drop();
  }

  /** The files of the terminals' machine (kept from an earlier session over the same timeline, as the ttys). */
  readonly localFs: LocalFs;
  /** The network of the terminals' machine: the ports `kubectl port-forward` listens on, which `curl` reaches. */
  readonly localNet: LocalMachineNet;
  /** The local files the last kubectl command read (by absolute path), for the line logged for it. */
  private readonly reads = new Map<string, string>();
  /** While a logged line is replayed: the local files it read when it ran, read instead of today's. */
  private replayFiles?: Readonly<Record<string, string>>;

  // What the shell's tools (cat's kin: grep, head, tail, wc, base64) read of the terminal's files.
  private readonly readLocal = (path: string): string | null => this.localFs.read(path);

  /** The local files the last kubectl command read, as a logged line's `files` (absent when none). */
  takeReads(): { files?: Record<string, string> } {
    if (!this.reads.size) return {};
    const files = Object.fromEntries(this.reads);
    this.reads.clear();
    return { files };
  }

  // How kubectl reads a local file (`-f FILE`, `--from-file`): from the terminal's machine, noting what it read;
  // in a replay, from what the logged line read; a script reads none.
  private fileReader(): Pick<KubectlIO, 'readFile' | 'files'> {
    const replay = this.replayFiles;
    if (replay) return { readFile: (path) => replay[resolvePath(path) ?? ''] ?? null };
    if (!this.opts.terminal && !this.opts.localFiles) return {};
    const fs = this.localFs;
    return {
      // What `kubectl cp` writes: a file in one of the machine's directories.
      files: {
        isDir: (path) => isDirectory(path) || /^\/+$/.test(path),
        write: (path, text) => (isDirectory(path) ? 'EISDIR' : fs.write(path, text) ? 'ENOENT' : undefined),
      },
      readFile: (path) => {
        const text = this.localFs.read(path);
        if (text !== null) this.reads.set(resolvePath(path)!, text);
        return text;
      },
    };
  }

  /** Each terminal's state, by its number (0: the first). */
  readonly ttys: Map<number, Tty>;
  /** The terminal the lines being run come from. */
  private cur: Tty;

  private ttyState(n: number): Tty {
    let t = this.ttys.get(n);
    if (!t) this.ttys.set(n, (t = newTty()));
    return t;
  }

  /** The terminal the next lines come from (0, the first, unless chosen). */
  useTty(n: number): this {
    this.cur = this.ttyState(n);
    return this;
  }

  /** Forgets terminal `n` (closed): its shell and variables. */
  dropTty(n: number): void {
    if (n === 0) return;
    const t = this.ttys.get(n);
    t?.jobs?.drop();
    this.ttys.delete(n);
    if (t === this.cur) this.cur = this.ttyState(0);
  }

  // Runs `fn` for terminal `t` (a stream's, polled later while another terminal may be the current one).
  private within<T>(t: Tty, fn: () => T): T {
    const before = this.cur;
    this.cur = t;
    try {
      return fn();
    } finally {
      this.cur = before;
    }
  }

  /** The interactive shell (`kubectl exec -it POD -- sh` from a terminal) the lines typed go to, if any. */
  get attached(): ShellAttach | undefined { return this.cur.attached; }
  set attached(a: ShellAttach | undefined) { this.cur.attached = a; }

  /** The editor `kubectl edit` (from a terminal) opened, until it is closed. */
  editing?: EditorOpen;

  /** Parses and runs one line. Never throws; a malformed line reports `malformed` and changes nothing. */
  exec(line: string, stdin?: string, files?: Readonly<Record<string, string>>): LineResult {
    this.reads.clear();
    if (files) {
      // A logged line replayed: it reads the local files it read when it ran.
      this.replayFiles = files;
      try {
        return this.exec(line, stdin);
      } finally {
        this.replayFiles = undefined;
      }
    }
    if (this.opts.terminal && stdin === undefined) {
      // Several lines from the terminal (pasted, or a here-document typed on): run one after the other.
      if (line.includes('\n')) return this.withPrompt(this.block(line));
      const first = line.trim().split(/\s/)[0];
      // `vi web.yaml`: a local file in the app's editor.
      if (EDITORS.has(first)) return this.editLocal(first, line.trim().slice(first.length));
      // The documentation's loops over pods (`for i in 0 1; do kubectl …; done`), lists (`a; b`, `a && b`, `a || b`)
      // and the shell's own words (variables, `$(kubectl …)`, `$?`, `echo`, `sleep`). A line that is wrong as a whole
      // (a loop's or a list's syntax, a command of a loop) runs nothing.
      if (/^for\s/.test(line.trim()) || splitList(line) || needsShell(line) || hasRedirect(line) || LOCAL_COMMANDS.has(first)) {
        const steps = this.commandSteps(line.trim());
        const bad = steps.length === 1 && 'error' in steps[0] ? steps[0].error : undefined;
        return this.withPrompt(bad !== undefined ? { output: [], exitCode: 2, malformed: bad } : this.stepsThenStream(steps));
      }
    }
    const step = parseLine(line.trim(), 1);
    if (typeof step === 'string') return this.withPrompt({ output: [], exitCode: 2, malformed: step });
    return this.withPrompt(this.tracked(this.run({ ...step, stdin })));
  }

  /** The terminal's shell: its variables and the last exit status. A seek keeps them (see the worker's driver). */
  get shell(): ShellState { return this.cur.shell; }
  set shell(s: ShellState) { this.cur.shell = s; }

  // Notes a command's exit status for `$?`: now, or when its stream ends.
  private tracked(r: LineResult): LineResult {
    this.shell.status = r.exitCode;
    const stream = r.stream;
    if (!stream) return r;
    const shell = this.shell;
    return {
      ...r,
      stream: {
        get deadline() { return stream.deadline; },
        get endless() { return stream.endless; },
        cancel: () => stream.cancel(),
        poll: () => {
          const p = stream.poll();
          if (p.done) shell.status = p.exitCode;
          return p;
        },
      },
    };
  }

  /**
   * Several lines from the terminal, run one after the other as a shell runs pasted lines: each command echoed as
   * it starts; one that waits (rollout status, a delete waiting for its pod, `sim advance`, `sim settle`) holds the
   * rest back while virtual time passes; one that cannot run prints why and the rest go on; Ctrl-C stops them all.
   */
  private block(text: string): LineResult {
    const b = splitBlock(text);
    const steps: LoopStep[] = [];
    for (const c of b.commands) {
      steps.push({ echo: echoOf(c) });
      if (!c.line) continue;
      if (c.error) { steps.push({ error: c.error }); continue; }
      steps.push(...this.commandSteps(c.line, c.stdin, c.expandStdin));
    }
    if (b.open) steps.push({ echo: echoOf({ source: b.rest!, line: '' }) }, { error: OPEN_BLOCK[b.open] });
    return this.stepsThenStream(steps, true);
  }

  /**
   * The steps of one command line of the terminal: `echo`, a loop (its commands), a list (its commands, `&&` and
   * `||` between them), or a command (`k …` and bare verbs get kubectl's name). `stdin`: its here-document.
   */
  private commandSteps(text: string, stdin?: string, expandStdin?: true): LoopStep[] {
    if (stdin === undefined) {
      // A loop first: its own `;` are no list's.
      const loop = expandForLoop(toScenarioLine(text));
      if (loop && !Array.isArray(loop)) return [loop];
      if (loop) {
        const inner = loop.map(loopStep);
        const bad = inner.find((x) => 'error' in x);
        return bad ? [bad] : inner;
      }
      const list = splitList(text);
      if (list && !Array.isArray(list)) return [list];
      // One step per command of a list, each after its `&&` or `||`.
      if (list) return list.flatMap((p) => [...(p.op === '&&' || p.op === '||' ? [{ when: p.op }] : []), listPart(p.text, p.background)]);
    }
    return [{ raw: text, ...(stdin !== undefined ? { stdin } : {}), ...(expandStdin ? { expandStdin } : {}) }];
  }

  // Runs steps until one waits; the rest go on as a stream (see loopStream). `script`: a block's steps.
  private stepsThenStream(steps: readonly LoopStep[], script = false): LineResult {
    const first = this.loopSteps(steps, 0, this.shell.status);
    return {
      output: first.output, exitCode: first.exitCode, sequence: true, ...(first.logAs.length ? { logAs: first.logAs } : {}),
      ...(first.stream ? { stream: this.loopStream(steps, first, script) } : {}),
    };
  }

  // Runs steps from `from` until one starts a stream (returned with the index after it) or they end. Each that
  // changed something is returned as the standalone line to log. `status`: the exit status before them.
  private loopSteps(steps: readonly LoopStep[], from: number, status: number): LoopRun {
    const run: LoopRun = { output: [], exitCode: status, next: steps.length, logAs: [] };
    for (let i = from; i < steps.length; i++) {
      const step = steps[i];
      if ('when' in step) {
        if ((step.when === '&&') !== (run.exitCode === 0)) i++;
        continue;
      }
      if ('echo' in step) { run.output.push({ stream: 'cmd', text: step.echo }); continue; }
      if ('error' in step) { run.output.push({ stream: 'err', text: `error: ${step.error}\n` }); this.shell.status = run.exitCode = 2; continue; }
      if (step.background) { this.background(step, run); continue; }
      const x = this.interpret(step);
      run.logAs.push(...x.logAs);
      run.output.push(...x.r.output);
      this.shell.status = run.exitCode = x.r.exitCode;
      if (x.r.stream) return { ...run, stream: x.r.stream, next: i + 1 };
      // `kubectl exec -it POD -- sh` handed the terminal to a shell: the commands after it wait until it exits (a
      // shell has read them already; they are not the container shell's input).
      if (this.attached) return { ...run, stream: this.shellWait(), next: i + 1 };
    }
    return run;
  }

  /**
   * `CMD &`: runs the command as a background job of this terminal (bash's `[N] PID` first); what it goes on doing
   * reaches the terminal through pollJobs. Its status is 0, as bash gives for a job it started. A command that takes
   * the terminal (an interactive shell, an editor) cannot run in the background here.
   */
  private background(step: { raw: string; stdin?: string; expandStdin?: true }, run: LoopRun): void {
    const attached = this.attached, editing = this.editing;
    const x = this.interpret(step);
    run.logAs.push(...x.logAs);
    if (this.attached !== attached || this.editing !== editing) {
      this.attached = attached;
      this.editing = editing;
      x.r.stream?.cancel();
      run.output.push({ stream: 'err', text: `error: ${step.raw}: a command that takes the terminal (an interactive shell, an editor) cannot run in the background here\n` });
      this.shell.status = run.exitCode = 1;
      return;
    }
    run.output.push(this.jobsOf(this.cur).start(step.raw, x.r.stream, x.r.exitCode), ...x.r.output);
    this.shell.status = run.exitCode = 0;
  }

  /**
   * One command of a sequence, when its turn comes: expanded (`$NAME`, `$(kubectl …)`, `$?`), then an assignment,
   * `echo`, `sleep`, or a kubectl or sim line. `logAs`: the lines that make what it changed (a command substitution's
   * writes first), expanded.
   */
  private interpret(step: { raw: string; stdin?: string; expandStdin?: true }): { r: LineResult; logAs: LoggedLine[] } {
    const logAs: LoggedLine[] = [];
    const errs: OutputChunk[] = [];
    let substituted = false;
    const run = (cmd: string): string | { error: string } => {
      substituted = true;
      return this.substitute(cmd, errs, logAs);
    };
    const fail = (text: string, exitCode: number): { r: LineResult; logAs: LoggedLine[] } =>
      ({ r: { output: [...errs, { stream: 'err', text }], exitCode }, logAs });
    // The here-document is expanded first, as bash reads it before the command line.
    const doc = step.expandStdin && step.stdin !== undefined ? expandDocument(step.stdin, this.shell, run) : undefined;
    if (doc && !doc.ok) return fail(`bash: ${doc.error}\n`, /^unexpected EOF/.test(doc.error) ? 2 : 1);
    if (doc) step = { raw: step.raw, stdin: doc.text };
    const x = expand(step.raw, this.shell, run);
    if (!x.ok) return fail(`bash: ${x.error}\n`, /^unexpected EOF/.test(x.error) ? 2 : 1);
    // Redirections are set up before the command runs (a file `>` names is emptied even when the command fails);
    // the output of $(…) went to the terminal before them.
    const rd = this.opts.terminal ? splitRedirects(x.text) : { ok: true as const, text: x.text, redirects: [] };
    if (!rd.ok) return fail(`bash: ${rd.error}\n`, /^syntax error/.test(rd.error) ? 2 : 1);
    const io = this.redirect(rd.redirects);
    if ('error' in io) return fail(`${io.error}\n`, 1);
    // Whether standard output still goes to the terminal (curl's progress meter shows when it does not): not when a
    // redirection sends it to a file (`>&2` sends it to standard error, still the terminal).
    const stdoutTty = !rd.redirects.some((x) => (x.fd === 1 || x.fd === '&') && x.op !== '<' && x.op !== '>&');
    const r = io.route(this.command(rd.text, io.stdin ?? step.stdin, substituted, logAs, stdoutTty));
    // A background job of this terminal that curl reached (port-forward's `Handling connection for 8080`) wrote to the
    // terminal before curl printed what it got: its output comes first, past curl's redirections and pipe.
    const jobs = CURL_LINE.test(rd.text) ? this.cur.jobs?.poll() : undefined;
    if (jobs) logAs.push(...jobs.logAs);
    return { r: { ...r, output: [...errs, ...(jobs?.output ?? []), ...r.output] }, logAs };
  }

  /**
   * A command line after its expansions and redirections: an assignment, `echo`, job control (`jobs`, `fg`, `kill`),
   * `sleep`, the tools output is piped into, the local file commands (`cat`, `ls`, `rm`, `touch`), this machine's
   * `curl`, or a kubectl or sim line. `stdin`: its standard input (a here-document, `< FILE`); `stdoutTty`: whether
   * standard output is the terminal.
   */
  private command(text: string, stdin: string | undefined, substituted: boolean, logAs: LoggedLine[], stdoutTty = true): LineResult {
    const err = (t: string, exitCode: number): LineResult => ({ output: [{ stream: 'err', text: t }], exitCode });
    const t = tokenize(text);
    if (!t.ok) return err(`error: ${t.error}\n`, 2);
    let line = text.trim();
    const words = t.words;
    let k = words[0] === 'export' ? 1 : 0;
    const assigns: string[] = [];
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k])) assigns.push(words[k++]);
    if (!t.pipes && k === words.length && k > 0) {
      for (const a of assigns) this.shell.vars.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
      // An assignment's status is its command substitution's, or 0.
      return { output: [], exitCode: substituted ? this.shell.status : 0 };
    }
    // Assignments before a command only set its environment, which kubectl here does not read.
    const rest = words.slice(k);
    if (k > 0 && !t.pipes) line = rest.map(shWord).join(' ');
    const echo = (): LineResult => {
      const n = rest[1] === '-n';
      return { output: [{ stream: 'out', text: `${rest.slice(n ? 2 : 1).join(' ')}${n ? '' : '\n'}` }], exitCode: 0 };
    };
    if (!t.pipes && rest[0] === 'echo') return echo();
    // bash's job control: `jobs`, `fg`, `kill %N`.
    if (!t.pipes && this.opts.terminal && JOB_COMMANDS.has(rest[0])) {
      const jobs = this.jobsOf(this.cur);
      const r = rest[0] === 'jobs' ? jobs.jobs(rest.slice(1)) : rest[0] === 'fg' ? jobs.fg(rest.slice(1)) : jobs.kill(rest.slice(1));
      return r.stream ? { output: r.output, exitCode: r.exitCode, stream: r.stream } : { output: r.output, exitCode: r.exitCode };
    }
    if (!t.pipes && rest[0] === 'sleep') {
      const ms = sleepMs(rest.slice(1));
      return typeof ms === 'string' ? err(`${ms}\n`, 1) : this.wait({ op: 'advance', ms });
    }
    if (this.opts.terminal && EDITORS.has(rest[0])) {
      return err(`error: ${rest[0]} opens the editor only from a line of its own (${rest[0]} web.yaml), not in a pasted block, a list or a loop\n`, 1);
    }
    // `grep image web.yaml`, `wc -l web.yaml`, `base64 -d <<EOF`: the tools kubectl's output is piped into, on their
    // own, read their file operands or their standard input.
    if (this.opts.terminal && PIPE_COMMANDS.has(rest[0])) {
      const p = new Pipeline([rest, ...(t.pipes ?? [])], this.readLocal);
      const out = p.feed(stdin ? [{ stream: 'out', text: stdin }] : []);
      const end = p.end();
      return { output: [...out, ...end.output], exitCode: end.exitCode };
    }
    // `curl localhost:8080`: this machine's curl, which reaches the ports kubectl port-forward listens on.
    const curl = (): LineResult => localCurl(this.localNet, this.localFs, rest.slice(1), stdoutTty && !t.pipes);
    if (this.opts.terminal && (FILE_COMMANDS.has(rest[0]) || NET_COMMANDS.has(rest[0]) || rest[0] === 'echo')) {
      if (t.pipes) {
        if (rest[0] !== 'cat' && rest[0] !== 'echo' && rest[0] !== 'curl') return err(`error: only the output of kubectl, cat, echo and curl can be piped in this terminal\n`, 2);
        const c = rest[0] === 'echo' ? echo() : rest[0] === 'curl' ? curl() : fileCommand(this.localFs, rest, stdin);
        const errors = c.output.filter((o) => o.stream === 'err');
        const printed = c.output.filter((o) => o.stream === 'out').map((o) => o.text).join('');
        // `cat FILE | kubectl apply -f -`, `echo … | kubectl …`: what it prints is kubectl's standard input.
        if (t.pipes[0][0] === 'kubectl' || t.pipes[0][0] === 'k') {
          const next = t.pipes.map((ws) => ws.map(shWord).join(' ')).join(' | ');
          const piped = this.command(next, printed, false, logAs);
          return { ...piped, output: [...errors, ...piped.output] };
        }
        // `cat FILE | grep image`: through the same tools kubectl's output goes through.
        const p = new Pipeline(t.pipes, this.readLocal);
        const out = p.feed(printed ? [{ stream: 'out', text: printed }] : []);
        const end = p.end();
        return { output: [...errors, ...out, ...end.output], exitCode: end.exitCode };
      }
      return rest[0] === 'curl' ? curl() : fileCommand(this.localFs, rest, stdin);
    }
    line = toScenarioLine(line);
    const parsed = parseLine(line, 1);
    if (typeof parsed === 'string') return err(`error: ${parsed}\n`, 2);
    const sim = parsed.sim;
    if (sim?.op === 'advance' || sim?.op === 'settle') return this.wait(sim);
    const before = changeMark(this.cluster);
    this.reads.clear();
    const r = this.run(stdin === undefined ? parsed : { ...parsed, stdin }, true);
    if (sim || changeMark(this.cluster) !== before) logAs.push({ line, ...(stdin !== undefined ? { stdin } : {}), ...this.takeReads() });
    return r;
  }

  // Sets up a command's redirections on the terminal's files; a block waits out a redirected `sleep` as any.
  private redirect(redirects: readonly Redirect[]): { stdin?: string; route: (r: LineResult) => LineResult } | { error: string } {
    const io = openRedirects(this.localFs, redirects);
    if ('error' in io) return io;
    const route = (r: LineResult): LineResult => {
      const stream = r.stream && io.stream(r.stream);
      if (stream && WAITS.has(r.stream!)) WAITS.add(stream);
      return { ...r, output: io.chunks(r.output), ...(stream ? { stream } : {}) };
    };
    return { ...(io.stdin !== undefined ? { stdin: io.stdin } : {}), route };
  }

  // A `$(…)` command: kubectl (its pipes too), run to what it prints at once; its error output goes to the terminal.
  private substitute(cmd: string, errs: OutputChunk[], logAs: LoggedLine[]): string | { error: string } {
    const line = toScenarioLine(cmd.trim());
    const parsed = parseLine(line, 1);
    if (typeof parsed === 'string') return { error: parsed };
    if (parsed.sim) return { error: 'only kubectl runs inside $(…) in this terminal' };
    const before = changeMark(this.cluster);
    const r = this.run(parsed, true);
    const chunks = [...r.output];
    if (r.stream) {
      r.stream.cancel();
      chunks.push(...r.stream.poll().output);
    }
    if (changeMark(this.cluster) !== before) logAs.push({ line });
    this.shell.status = r.exitCode;
    errs.push(...chunks.filter((c) => c.stream === 'err'));
    return chunks.filter((c) => c.stream === 'out').map((c) => c.text).join('');
  }


  /**
   * `sim advance D` or `sim settle` in a pasted block: waits while virtual time passes (the app plays it at its
   * speed; Fast-forward gets there at once), where a script's runs at once.
   */
  private wait(cmd: SimCommand & { op: 'advance' | 'settle' }): LineResult {
    const c = this.cluster;
    const until = c.now + (cmd.op === 'advance' ? cmd.ms : cmd.timeoutMs);
    let cancelled = false;
    const stream: KubectlStream = {
      endless: false,
      // Settling, the next work is a deadline too: a host that plays time stops there, so the settle ends at the
      // instant of the last work, as a script's does.
      get deadline() {
        const next = cmd.op === 'settle' ? c.nextForegroundDue() : undefined;
        return next === undefined ? until : Math.min(next, until);
      },
      cancel: () => { cancelled = true; },
      poll: () => {
        if (cancelled) return { output: [], done: true, exitCode: 130 };
        if (cmd.op === 'advance') return { output: [], done: c.now >= until, exitCode: 0 };
        if (c.nextDue() === undefined) return { output: [{ stream: 'out', text: `settled at ${formatClock(c.now)}\n` }], done: true, exitCode: 0 };
        if (c.now < until) return { output: [], done: false, exitCode: 0 };
        return { output: [{ stream: 'out', text: `not settled after ${formatClock(cmd.timeoutMs)} (at ${formatClock(c.now)})\n` }], done: true, exitCode: 0 };
      },
    };
    WAITS.add(stream);
    return { output: [], exitCode: 0, stream };
  }

  /**
   * The rest of a loop after a step that waits: polls that step's stream and, once it ends, runs the steps after it
   * (up to the next that waits). The steps it runs later are logged at their instant (`logAs`), so a replay, which
   * stops the loop at once, runs them when they ran. Ctrl-C stops the loop.
   */
  private loopStream(steps: readonly LoopStep[], first: LoopRun, script: boolean): KubectlStream {
    let current: KubectlStream | undefined = first.stream;
    let next = first.next;
    let exitCode = first.exitCode;
    let cancelled = false;
    const c = this.cluster;
    // When the current command started: in a block, as in a script, a command is stopped (the Ctrl-C a person would
    // press) when nothing it could wait for is due within 10 minutes of that, or before its own deadline.
    let since = c.now;
    // Models the runner's driveStream: the next instant to look at the current command (the next work, or its
    // deadline), or `stop` when it waits for nothing. A block's own `sim advance` and `sim settle` just wait.
    const plan = (cur: KubectlStream): { at?: number; stop?: true } => {
      if (WAITS.has(cur)) return { at: cur.deadline };
      // A person is typing into a container's shell: no instant to look at, and nothing stops it but its exit.
      if (SHELL_WAITS.has(cur)) return {};
      const limit = since + DEFAULT_SETTLE_MS;
      const fg = c.nextForegroundDue();
      if (fg !== undefined && fg <= Math.min(cur.deadline ?? Infinity, limit)) return { at: fg };
      if (cur.deadline !== undefined && cur.deadline <= limit && c.now < cur.deadline) return { at: cur.deadline };
      return { stop: true };
    };
    const tty = this.cur;
    return {
      get deadline() { return script && current ? plan(current).at : current?.deadline; },
      // A block's watch ends with the work (below), so a block always ends by itself.
      get endless() { return !script && (current?.endless ?? false); },
      cancel: () => { cancelled = true; current?.cancel(); },
      // The steps after a wait run as the terminal that started them, whichever terminal typed last.
      poll: () => this.within(tty, () => {
        const output: OutputChunk[] = [];
        const logAs: LoggedLine[] = [];
        while (current) {
          let p = current.poll();
          // In a block, a watch is stopped once the cluster has nothing more to do, and the lines after it run (in
          // a shell, they would wait for a Ctrl-C that also drops them).
          if (!p.done && script && plan(current).stop) {
            current.cancel();
            const last = current.poll();
            p = { ...last, output: [...p.output, ...last.output], logAs: [...(p.logAs ?? []), ...(last.logAs ?? [])] };
          }
          output.push(...p.output);
          if (p.logAs) logAs.push(...p.logAs);
          if (!p.done) break;
          exitCode = p.exitCode;
          current = undefined;
          if (cancelled) break;
          this.shell.status = exitCode;
          // A command that handed the terminal to a shell as it went (`run -it`): the rest waits for the shell's exit.
          if (this.attached) { current = this.shellWait(); continue; }
          const r = this.loopSteps(steps, next, exitCode);
          output.push(...r.output);
          logAs.push(...r.logAs);
          exitCode = r.exitCode;
          current = r.stream;
          next = r.next;
          since = c.now;
        }
        return { output, done: !current, exitCode, ...(logAs.length ? { logAs } : {}) };
      }),
    };
  }

  /**
   * Waits, in a sequence, for the interactive shell of this terminal to exit; its exit status is the wait's.
   */
  private shellWait(): KubectlStream {
    const tty = this.cur;
    let cancelled = false;
    const s: KubectlStream = {
      endless: true,
      cancel: () => { cancelled = true; },
      poll: () => ({ output: [], done: cancelled || !tty.attached, exitCode: tty.shell.status }),
    };
    SHELL_WAITS.add(s);
    return s;
  }

  /**
   * Runs one parsed step. `inSequence`: one of several commands run in turn (a loop, a block), where `kubectl edit`
   * does not wait for a person: as in a script, its editor closes at once, saved with the here-document if any.
   */
  run(step: ScriptStep, inSequence = false): LineResult {
    if (step.sim) return this.sim(step.sim);
    // A line given its standard input (a heredoc, the YAML tab, a logged line) does not read the terminal.
    let r = runKubectl(step.words, this.cluster, { stdin: step.stdin, terminal: this.opts.terminal && step.stdin === undefined, net: this.localNet, ...this.fileReader() });
    if (r.attach) this.attached = r.attach;
    if (r.editor && this.opts.terminal && !step.pipes && !inSequence) {
      // One editor at a time (the app's YAML tab): another terminal's edit is still waiting for it.
      if (this.editing) return { output: [{ stream: 'err', text: `error: the editor is open for another command (${this.editing.file}); save or close it first\n` }], exitCode: 1 };
      return this.opened(r);
    }
    // A script's editor closes at once, saved with the heredoc (if any); a file kubectl reopens to show the API
    // server's errors is closed unchanged, which ends the edit.
    if (r.editor) r = closeUnchanged(r, r.editor.save(step.stdin ?? r.editor.text, this.cluster), this.cluster);
    if (!step.pipes) return { output: r.output, exitCode: r.exitCode, stream: r.stream && this.attaching(r.stream), ...logged(r.logAs) };
    return { ...piped(new Pipeline(step.pipes, this.opts.terminal ? this.readLocal : undefined), r.output, r.stream), ...logged(r.logAs) };
  }

  // A stream that may hand the terminal to a shell as it goes (`run -it`): the shell it hands over is this session's.
  private attaching(stream: KubectlStream): KubectlStream {
    const tty = this.cur;
    return {
      get deadline() { return stream.deadline; },
      endless: stream.endless,
      cancel: () => stream.cancel(),
      poll: () => {
        const p = stream.poll();
        if (p.attach) tty.attached = p.attach;
        return p;
      },
    };
  }

  /**
   * The editor `kubectl edit` opened was closed, with the file holding `saved`; undefined: closed without saving
   * (the file as it was opened). Goes on with the command: its output, and `editor` again when kubectl reopens it.
   */
  editorClosed(saved?: string): LineResult {
    const open = this.editing;
    if (!open) return { output: [{ stream: 'err', text: 'error: no editor is open; start one with kubectl edit TYPE NAME\n' }], exitCode: 1 };
    this.editing = undefined;
    const r = open.save(saved ?? open.text, this.cluster);
    return r.editor ? this.opened(r) : { output: r.output, exitCode: r.exitCode, ...logged(r.logAs) };
  }

  /**
   * `vi FILE` (or vim, nano) typed alone: opens the local file (empty when new) in the app's editor, as kubectl edit
   * does. Saving writes it; closing unchanged leaves it as it was (a new file is not created).
   */
  private editLocal(program: string, arg: string): LineResult {
    const t = tokenize(arg);
    const path = t.ok && t.words.length === 1 ? t.words[0] : undefined;
    const fail = (text: string): LineResult => ({ output: [{ stream: 'err', text: `${text}\n` }], exitCode: 1 });
    if (path === undefined) return fail(`${program}: give one file to edit (${program} web.yaml)`);
    if (this.editing) return fail(`error: the editor is open for another command (${this.editing.file}); save or close it first`);
    if (isDirectory(path)) return fail(`${program}: ${path} is a directory`);
    if (resolvePath(path) === undefined) return fail(`${program}: ${path}: No such file or directory`);
    const fs = this.localFs;
    const before = fs.read(path);
    const text = before ?? '';
    return this.opened({
      output: [], exitCode: 0,
      editor: {
        file: path, text, program,
        save: (saved) => {
          if (saved !== text || before !== null) fs.write(path, saved);
          return { output: [], exitCode: 0 };
        },
      },
    });
  }

  private opened(r: KubectlResult): LineResult {
    this.editing = r.editor;
    const { file, text, program } = r.editor!;
    return { output: r.output, exitCode: r.exitCode, editor: { file, text, ...(program ? { program } : {}) }, ...logged(r.logAs) };
  }

  private withPrompt(r: LineResult): LineResult {
    return this.attached ? { ...r, prompt: this.attached.prompt } : r;
  }

  /**
   * Runs a line typed into the attached interactive shell. `exit` (or the pod or container going away) ends
   * the session; a non-zero status at exit is reported as kubectl reports it.
   */
  shellLine(line: string): LineResult {
    const a = this.attached;
    if (!a) return { output: [{ stream: 'err', text: 'error: no interactive shell is open; start one with kubectl exec -it POD -- sh\n' }], exitCode: 1 };
    // Ctrl-C at the shell's prompt: what was typed of an unfinished command is dropped.
    if (line === SHELL_INTERRUPT) {
      if (a.pending) this.attached = { ...a, prompt: a.pending.prompt, pending: undefined };
      return { output: [], exitCode: 130, prompt: this.attached!.prompt };
    }
    // Ctrl-D in the middle of a command: the shell reads the end of its input there, says so (its syntax error),
    // and shows its prompt again. At its own prompt it ends the shell, as `exit` does.
    if (line === SHELL_EOF) {
      if (!a.pending) return this.shellLine('exit');
      return this.shellRun({ ...a, prompt: a.pending.prompt, pending: undefined }, a.pending.text);
    }
    // An open quote or compound command, or a trailing `|`: the shell shows `> ` and waits for the rest.
    const text = a.pending ? `${a.pending.text}\n${line}` : line;
    if (needsMoreInput(text)) {
      this.attached = { ...a, prompt: '> ', pending: { text, prompt: a.pending?.prompt ?? a.prompt } };
      return { output: [], exitCode: 0, prompt: '> ' };
    }
    return this.shellRun({ ...a, prompt: a.pending?.prompt ?? a.prompt, pending: undefined }, text);
  }

  private shellRun(a: ShellAttach, line: string): LineResult {
    const r = execShellLine(this.cluster, { ...a, line, session: a.session });
    if (!r.ok) {
      this.attached = undefined;
      return { output: [{ stream: 'err', text: `error: ${r.status.message}\n` }], exitCode: 1 };
    }
    // Replaying the line alone: in the shell's directory, with the variables set since it started.
    const base = new Map(a.base);
    const assigns = a.session.vars.filter(([k, v]) => base.get(k) !== v).map(([k, v]) => `${k}=${shQuote(v)}; `).join('');
    // The functions defined, options and parameters set before it, as the lines that made them.
    const functions = (a.session.functions ?? []).map(([, src]) => `${src}; `).join('');
    const options = setCommands(a.session.options ?? []);
    const params = a.session.params?.length ? `set -- ${a.session.params.map(shQuote).join(' ')}; ` : '';
    const script = `${functions}cd ${shQuote(a.session.cwd)}; ${options}${params}${assigns}${line}`;
    const logAs = line.trim() ? [{ line: `kubectl exec -n ${a.namespace} ${a.pod} -c ${a.container} -- ${a.program} -c ${shQuote(script)}` }] : undefined;
    const output: OutputChunk[] = [...r.output];
    // Its exit status is kubectl's, for `$?` and for a sequence waiting on it.
    if (r.exited) this.shell.status = r.exitCode;
    if (r.exited && a.main) {
      // The container's own shell: its exit closes the session kubectl attached, as typing `exit` into it does.
      this.attached = undefined;
      const end = mainShellExited(this.cluster, a, r.exitCode);
      const exit = { line: `kubectl attach ${a.pod} -c ${a.container} -i -q -n ${a.namespace}`, stdin: `exit ${r.exitCode}\n` };
      return { output: [...output, ...end.output], exitCode: 0, logAs: [exit], ...(end.stream ? { stream: end.stream } : {}) };
    }
    if (r.exited) {
      this.attached = undefined;
      if (r.exitCode) output.push({ stream: 'err', text: `command terminated with exit code ${r.exitCode}\n` });
      return { output, exitCode: r.exitCode, ...(logAs ? { logAs } : {}) };
    }
    this.attached = { ...a, session: r.session, prompt: r.prompt };
    return { output, exitCode: 0, prompt: r.prompt, ...(logAs ? { logAs } : {}) };
  }

  private sim(cmd: SimCommand): LineResult {
    const ok = (text = ''): LineResult => ({ output: text ? [{ stream: 'out', text }] : [], exitCode: 0 });
    const err = (text: string): LineResult => ({
      output: [{ stream: 'err', text: `${/ not found$/.test(text) ? 'Error from server (NotFound): ' : 'error: '}${text}\n` }],
      exitCode: 1,
    });
    switch (cmd.op) {
      case 'advance':
        this.cluster.advance(cmd.ms);
        return ok();
      case 'settle': {
        const r = this.cluster.settle(cmd.timeoutMs);
        return {
          ...ok(r.settled ? `settled at ${formatClock(r.now)}\n` : `not settled after ${formatClock(cmd.timeoutMs)} (now ${formatClock(r.now)})\n`),
          settled: r.settled,
        };
      }
      case 'pod': {
        const e = podFault(this.cluster, 'default', cmd.name, cmd.fault);
        return e ? err(e) : ok();
      }
      case 'node': {
        const e = nodeAction(this.cluster, cmd.name, cmd.action);
        return e ? err(e) : ok();
      }
      case 'gate':
        this.cluster.state.gates[cmd.gate] = cmd.value;
        this.cluster.trace({ type: 'user.gate', detail: { gate: cmd.gate, value: cmd.value } });
        return ok();
      case 'seed':
        this.cluster.reseed(cmd.seed);
        return ok();
    }
  }
}

/**
 * Closes every editor that `first`'s save (`next`) reopened, unchanged, as a person quitting the editor would, and
 * gathers the output of the whole edit.
 */
function closeUnchanged(first: KubectlResult, next: KubectlResult, cluster: Cluster): KubectlResult {
  const output = [...first.output], logAs = [...(first.logAs ?? [])];
  for (let r: KubectlResult | undefined = next; r; ) {
    output.push(...r.output);
    logAs.push(...(r.logAs ?? []));
    if (!r.editor) return { output, exitCode: r.exitCode, logAs };
    r = r.editor.save(r.editor.text, cluster);
  }
  return { output, exitCode: 1, logAs };
}

/**
 * kubectl's output through the commands it is piped into. A stream feeds them as it goes; it stops when a
 * command wants no more (head), and the commands' final output (tail, wc, grep -c) comes when it ends by itself.
 * Stopped with Ctrl-C, the whole pipeline is, and prints nothing more (as a shell's process group).
 */
function piped(p: Pipeline, first: readonly OutputChunk[], upstream: KubectlStream | undefined): LineResult {
  const output = p.feed(first);
  const finish = (out: OutputChunk[]): { output: OutputChunk[]; done: true; exitCode: number } => {
    const e = p.end();
    return { output: [...out, ...e.output], done: true, exitCode: e.exitCode };
  };
  if (!upstream || p.full) {
    upstream?.cancel();
    const e = finish(upstream ? [...output, ...p.feed(upstream.poll().output)] : output);
    return { output: e.output, exitCode: e.exitCode };
  }
  let cancelled = false;
  const stream: KubectlStream = {
    endless: upstream.endless,
    deadline: upstream.deadline,
    cancel() { cancelled = true; upstream.cancel(); },
    poll() {
      const u = upstream.poll();
      const writes = u.logAs ? { logAs: u.logAs } : {};
      if (cancelled) return { output: u.output.filter((c) => c.stream !== 'out'), done: u.done, exitCode: u.exitCode, ...writes };
      const out = p.feed(u.output);
      if (!u.done && p.full) {
        upstream.cancel();
        return { ...finish([...out, ...p.feed(upstream.poll().output)]), ...writes };
      }
      return u.done ? { ...finish(out), ...writes } : { output: out, done: false, exitCode: u.exitCode, ...writes };
    },
  };
  return { output, exitCode: 0, stream };
}

/** Virtual time in Go duration form for transcripts: `0s`, `12.5s`, `1m30s`, `1h2m0s`. */
export function formatClock(ms: number): string {
  if (ms === 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${+s.toFixed(3)}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}
