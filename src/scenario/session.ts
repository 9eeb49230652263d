// One interactive session over a cluster: executes scenario lines (`kubectl …` or `sim …`) the same way for
// the headless runner, the Web Worker and tests. Streaming kubectl commands are returned to the host to drive.
import type { Cluster } from '../engine/cluster.ts';
import { runKubectl } from '../kubectl/index.ts';
import type { EditorOpen, KubectlResult, KubectlStream, LoggedLine, OutputChunk, ShellAttach } from '../kubectl/types.ts';
import { mainShellExited } from '../kubectl/verbs/run.ts';
import { execShellLine } from '../engine/exec/exec.ts';
import { nodeAction, podFault } from '../engine/faults.ts';
import { parseLine, type ScriptStep, type SimCommand } from './script.ts';
import { expandForLoop } from './for-loop.ts';
import { tokenize } from '../kubectl/tokenize.ts';
import { Pipeline } from './pipes.ts';

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
  editor?: { file: string; text: string };
}

// kubectl's standalone lines (no standard input) as a LineResult's `logAs`, when there are any.
const logged = (lines?: readonly string[]): { logAs?: LoggedLine[] } => (lines?.length ? { logAs: lines.map((line) => ({ line })) } : {});

/** Quotes a word for a shell (and for the scenario tokenizer): single quotes, `'` as `'\''`. */
const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A loop's step: a parsed command line, or the words of an `echo`. */
type LoopStep = ScriptStep | string[];

/** What running a loop's steps gave: their output, the stream of the one that waits and the index after it. */
interface LoopRun { output: OutputChunk[]; exitCode: number; stream?: KubectlStream; next: number; logAs: LoggedLine[] }

/** Executes scenario lines against one cluster. */
export class Session {
  /** `terminal`: the lines come from a person at a terminal (the app), not a script, so `exec -it` gets a TTY. */
  constructor(public cluster: Cluster, private readonly opts: { terminal?: boolean } = {}) {}

  /** The interactive shell (`kubectl exec -it POD -- sh` from a terminal) the lines typed go to, if any. */
  attached?: ShellAttach;

  /** The editor `kubectl edit` (from a terminal) opened, until it is closed. */
  editing?: EditorOpen;

  /** Parses and runs one line. Never throws; a malformed line reports `malformed` and changes nothing. */
  exec(line: string, stdin?: string): LineResult {
    // The terminal also takes the documentation's loops over pods (`for i in 0 1; do kubectl …; done`).
    const loop = this.opts.terminal && stdin === undefined ? expandForLoop(line) : null;
    if (loop) return this.withPrompt(this.loop(loop));
    const step = parseLine(line.trim(), 1);
    if (typeof step === 'string') return this.withPrompt({ output: [], exitCode: 2, malformed: step });
    return this.withPrompt(this.run({ ...step, stdin }));
  }

  // A loop's command lines in turn, after checking them all; `echo` prints its words. A command that waits (a delete
  // waiting for its pod, rollout status, a watch) holds the rest of the loop back until it ends, as in a shell: the
  // loop goes on as a stream (see loopStream).
  private loop(lines: string[] | { error: string }): LineResult {
    if (!Array.isArray(lines)) return { output: [], exitCode: 2, malformed: lines.error };
    const steps: LoopStep[] = [];
    for (const l of lines) {
      const t = tokenize(l);
      if (t.ok && t.words[0] === 'echo' && !t.pipes) { steps.push(t.words.slice(1)); continue; }
      const step = parseLine(l, 1);
      if (typeof step === 'string') return { output: [], exitCode: 2, malformed: step };
      if (step.sim) return { output: [], exitCode: 2, malformed: 'only kubectl and echo can run in a loop' };
      steps.push(step);
    }
    const first = this.loopSteps(steps, 0, false);
    return { output: first.output, exitCode: first.exitCode, ...(first.stream ? { stream: this.loopStream(steps, first) } : {}) };
  }

  // Runs a loop's steps from `from` until one starts a stream (returned with the index after it) or the loop ends.
  // `log`: the steps run are not part of the line the timeline logged, so each that wrote is returned as a line to log.
  private loopSteps(steps: readonly LoopStep[], from: number, log: boolean): LoopRun {
    const run: LoopRun = { output: [], exitCode: 0, next: steps.length, logAs: [] };
    for (let i = from; i < steps.length; i++) {
      const step = steps[i];
      if (Array.isArray(step)) { run.output.push({ stream: 'out', text: `${step.join(' ')}\n` }); run.exitCode = 0; continue; }
      const rv = this.cluster.state.store.resourceVersion;
      const r = this.run(step);
      if (log && this.cluster.state.store.resourceVersion !== rv) run.logAs.push(step.stdin === undefined ? { line: step.text } : { line: step.text, stdin: step.stdin });
      run.output.push(...r.output);
      run.exitCode = r.exitCode;
      if (r.stream) return { ...run, stream: r.stream, next: i + 1 };
    }
    return run;
  }

  /**
   * The rest of a loop after a step that waits: polls that step's stream and, once it ends, runs the steps after it
   * (up to the next that waits). The steps it runs later are logged at their instant (`logAs`), so a replay, which
   * stops the loop at once, runs them when they ran. Ctrl-C stops the loop.
   */
  private loopStream(steps: readonly LoopStep[], first: LoopRun): KubectlStream {
    let current: KubectlStream | undefined = first.stream;
    let next = first.next;
    let exitCode = first.exitCode;
    let cancelled = false;
    return {
      get deadline() { return current?.deadline; },
      get endless() { return current?.endless ?? false; },
      cancel: () => { cancelled = true; current?.cancel(); },
      poll: () => {
        const output: OutputChunk[] = [];
        const logAs: LoggedLine[] = [];
        while (current) {
          const p = current.poll();
          output.push(...p.output);
          if (p.logAs) logAs.push(...p.logAs);
          if (!p.done) break;
          exitCode = p.exitCode;
          current = undefined;
          if (cancelled) break;
          const r = this.loopSteps(steps, next, true);
          output.push(...r.output);
          logAs.push(...r.logAs);
          exitCode = r.exitCode;
          current = r.stream;
          next = r.next;
        }
        return { output, done: !current, exitCode, ...(logAs.length ? { logAs } : {}) };
      },
    };
  }

  /** Runs one parsed step. */
  run(step: ScriptStep): LineResult {
    if (step.sim) return this.sim(step.sim);
    // A line given its standard input (a heredoc, the YAML tab, a logged line) does not read the terminal.
    let r = runKubectl(step.words, this.cluster, { stdin: step.stdin, terminal: this.opts.terminal && step.stdin === undefined });
    if (r.attach) this.attached = r.attach;
    if (r.editor && this.opts.terminal && !step.pipes) return this.opened(r);
    // A script's editor closes at once, saved with the heredoc (if any); a file kubectl reopens to show the API
    // server's errors is closed unchanged, which ends the edit.
    if (r.editor) r = closeUnchanged(r, r.editor.save(step.stdin ?? r.editor.text, this.cluster), this.cluster);
    if (!step.pipes) return { output: r.output, exitCode: r.exitCode, stream: r.stream && this.attaching(r.stream), ...logged(r.logAs) };
    return { ...piped(new Pipeline(step.pipes), r.output, r.stream), ...logged(r.logAs) };
  }

  // A stream that may hand the terminal to a shell as it goes (`run -it`): the shell it hands over is this session's.
  private attaching(stream: KubectlStream): KubectlStream {
    return {
      get deadline() { return stream.deadline; },
      endless: stream.endless,
      cancel: () => stream.cancel(),
      poll: () => {
        const p = stream.poll();
        if (p.attach) this.attached = p.attach;
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

  private opened(r: KubectlResult): LineResult {
    this.editing = r.editor;
    return { output: r.output, exitCode: r.exitCode, editor: { file: r.editor!.file, text: r.editor!.text }, ...logged(r.logAs) };
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
    const r = execShellLine(this.cluster, { ...a, line, session: a.session });
    if (!r.ok) {
      this.attached = undefined;
      return { output: [{ stream: 'err', text: `error: ${r.status.message}\n` }], exitCode: 1 };
    }
    // Replaying the line alone: in the shell's directory, with the variables set since it started.
    const base = new Map(a.base);
    const assigns = a.session.vars.filter(([k, v]) => base.get(k) !== v).map(([k, v]) => `${k}=${shQuote(v)}; `).join('');
    const script = `cd ${shQuote(a.session.cwd)}; ${assigns}${line}`;
    const logAs = line.trim() ? [{ line: `kubectl exec -n ${a.namespace} ${a.pod} -c ${a.container} -- ${a.program} -c ${shQuote(script)}` }] : undefined;
    const output: OutputChunk[] = [...r.output];
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
