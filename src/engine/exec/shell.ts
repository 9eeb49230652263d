// Over 800 lines: the interpreter is one class whose parts (expansion, control flow, builtins, pauses) share its state;
// the rules that need none of it are in shell-rules.ts, the grammar in shell-parse.ts.
// Runs a parsed script the way the image's shell would (dash on Debian, BusyBox ash on Alpine and
// busybox, bash where asked for): expansions, field splitting, simple globbing, redirections, pipelines,
// `&&`/`||`, the few builtins scripts lean on, and each shell's own error texts and exit statuses.
import type { Cluster } from '../cluster.ts';
import type { Pod } from '../api/types.ts';
import { resolvePath, Unmodelled, type ContainerFs, type FsError } from './fs.ts';
import { evaluateCond, type CondCommand, type CondExpr } from './shell-cond.ts';
import { expansionWord, parseScript, type AndOr, type ArithCommand, type Command, type Compound, type FuncDef, type ParamPart, type ParseFailure, type Part, type Pipeline, type Redir, type Simple, type Word } from './shell-parse.ts';
import { arithmetic } from './arith.ts';
import { collectJobs, FIRST_JOB_PID, killJobs, newJobTable, signalStatus, type Job, type JobTable } from './shell-jobs.ts';
import { printf } from './printf.ts';
import { BUILTINS, echo, escapeRe, OPTION_LETTERS, OTHER_BUILTINS, OTHER_LETTERS, OTHER_NAMES, patternSource, readFields, readLine, splitFields,
  signalName, SPECIAL_BUILTINS, traceQuote, trimPattern, unescapeRead, type ShellOption } from './shell-rules.ts';

export { patternSource, type ShellOption } from './shell-rules.ts';
import { sleepSeconds } from '../kubelet/process.ts';
import type { Userland } from './userland.ts';
import type { ContainerRuntime } from '../kubelet/runtime.ts';
import { nginxMode } from './nginx.ts';

/** Which shell program runs the script. */
export type ShellKind = 'dash' | 'bash' | 'ash';

/** Where a command writes. */
export interface Io {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** Where reading standard input has got to, shared by the commands that read it in turn (`while read`). */
  input?: { text: string; pos: number };
}

/** A running command: its arguments, streams and the shell that started it. */
export interface Proc extends Io { args: string[]; sh: Shell }

/** A utility program: runs and returns its exit status. */
export type Utility = (p: Proc) => number;

/** Whether the process runs GNU's tools (the Debian images) rather than BusyBox's. */
export const gnu = (p: Proc): boolean => p.sh.world.userland.flavour === 'debian';

/** What every process of one exec shares: the cluster, the pod, its file system and userland, whether stdout is a terminal. */
export interface ExecWorld {
  c: Cluster; pod: Pod; fs: ContainerFs; userland: Userland; tty: boolean;
  /** The container whose own process this shell is (its command), not set for `kubectl exec`. */
  process?: ContainerRuntime;
  /** The modelled programs by name (passed in: the utilities start shells, so they cannot be imported here). */
  utilities: ReadonlyMap<string, Utility>;
}

/** The texts of the C library's strerror for the errors the file system returns. */
export const STRERROR: Record<FsError, string> = {
  ENOENT: 'No such file or directory', EISDIR: 'Is a directory', ENOTDIR: 'Not a directory', EROFS: 'Read-only file system',
  EEXIST: 'File exists', EBUSY: 'Device or resource busy',
};

const UNMODELLED = '[simulated cluster]';

/** The simulator's own notice for something it does not model (not a text any real program prints). */
export const unmodelledText = (what: string): string => `${UNMODELLED} ${what}\n`;

/** Whether an output carries that notice (the run met something the model does not know). */
export const hasUnmodelled = (output: string): boolean => output.includes(UNMODELLED);

/** The notice for a program the simulated container does not model. */
function unmodelledProgram(prog: string, world: ExecWorld): string {
  // Not the other shells, `[`, or nginx (which the model runs only as a container's process).
  const modelled = [...world.utilities.keys(), 'echo'].filter((n) => world.userland.bins.has(n) && !['ash', 'bash', 'dash', '[', 'nginx'].includes(n)).sort();
  return unmodelledText(`${prog}: this command is not modelled in the simulated container; try ${modelled.join(', ')}`);
}

/** Paths where executables live; `/bin/cat` runs `cat`. */
const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** The program a command name runs, if a bare name or one in a bin directory. */
export function programName(word: string): string | undefined {
  if (!word.includes('/')) return word;
  const slash = word.lastIndexOf('/');
  return BIN_DIRS.has(word.slice(0, slash)) ? word.slice(slash + 1) : undefined;
}

class ExitSignal { constructor(public code: number) {} }

/**
 * An error that ends the script (a non-interactive shell exits with `code`) or, typed at an interactive shell's
 * prompt, only the command line: `${VAR:?}` of an unset variable, a bad substitution.
 */
class AbortSignal { constructor(public code: number) {} }

/** A piece of a word's expansion: its text, and whether field splitting and filename globbing apply to it. */
interface Seg { text: string; split: boolean; glob: boolean; /** "$@": one field per positional parameter, none without any. */ fields?: string[] }


/** `break N` or `continue N`, on its way out through the loops it leaves. */
class LoopSignal { constructor(public brk: boolean, public n: number) {} }

/**
 * How deep function calls may go, and how many one run of a script may make, before the model gives up (a real
 * shell runs on until its stack is gone).
 */
const CALL_DEPTH = 100;
const CALL_LIMIT = 10_000;

/**
 * What a shell keeps between a container script's steps (kubelet/runtime.ts ScriptResume) and an interactive
 * shell's lines (exec.ts ShellSession): its directory, variables, positional parameters, and the options, traps and
 * functions set (functions by the text that defined them). Plain data.
 */
export interface ShellState {
  cwd: string;
  vars: Array<[string, string]>;
  /** Absent in snapshots from older builds: the command's. */
  params?: string[];
  options?: ShellOption[];
  traps?: Array<[string, string]>;
  functions?: Array<[string, string]>;
  /** Background jobs not waited for yet, `$!` and the next pid. */
  jobs?: JobTable;
}

/** The definition a function's text makes (`NAME() { …; }`), or undefined. */
function funcDefOf(src: string, kind: ShellKind): FuncDef | undefined {
  const lists = parseScript(src, kind);
  const def = Array.isArray(lists) ? lists[0]?.first.cmds[0] : undefined;
  return def?.t === 'func' ? def : undefined;
}

/** Whether parsed commands run `sleep` anywhere in them (a literal word of theirs is `sleep`). */
const sleepsIn = (parsed: unknown): boolean => JSON.stringify(parsed).includes('"s":"sleep"');

/** Whether errexit looks at a command's own status: a simple command's or a subshell's (others' commands did inside them). */
const failsAsCommand = (cmd: Command): boolean => cmd.t === undefined || cmd.t === 'subshell' || cmd.t === 'arith' || cmd.t === 'cond';

/** `return N` on its way out of a function. */
class ReturnSignal { constructor(public code: number) {} }

/** How many times a `while` or `until` loop may test its condition without a sleep before the model gives up on it. */
const LOOP_LIMIT = 10_000;

/**
 * One level of a paused script, outermost first: the and-or list and the link in its `&&`/`||` chain (-1: its
 * first pipeline) being run, and what that pipeline was doing: a `sleep` (`exit`: `exec sleep`, after which the
 * script ends), or a compound command in its condition
 * or body (`arm`: the `if` arm, its number of arms for `else`; `items` and `item`: a `for` loop's words and the
 * current one). Plain data, kept in the cluster state.
 */
export interface Frame {
  list: number; link: number; sleep?: true; exit?: true; phase?: 'cond' | 'body'; arm?: number; items?: string[]; item?: number;
  /**
   * A function call paused inside: the definition that runs (its text: the name may have been defined again since),
   * its positional parameters, the caller's, and its locals' outer values.
   */
  fn?: string; args?: string[]; caller?: string[]; locals?: Array<[string, string | null]>;
  /** A `wait` for background jobs (its operands in `waitFor`), which a trapped signal cuts short. */
  wait?: true; waitFor?: string[];
}

/** Where a paused script goes on: its frames, outermost first (see Frame). */
export type ScriptPoint = Frame[];

/**
 * The ms `sleep DURATION…` takes (Infinity for `sleep infinity`), for an image that has `sleep`; undefined for any
 * other command, or operands sleep would refuse.
 */
export function sleepMs(argv: readonly string[], bins: ReadonlySet<string>): number | undefined {
  if (argv.length < 2 || programName(argv[0]) !== 'sleep' || !bins.has('sleep')) return undefined;
  const s = argv.slice(1).reduce((sum, a) => sum + sleepSeconds(a), 0);
  return Number.isNaN(s) ? undefined : s === Infinity ? Infinity : Math.round(s * 1000);
}

/** A script's start. */
export const SCRIPT_START: ScriptPoint = [];

/** How a run of a script ended: the script ended with a status, or it sleeps `ms` and goes on at `next`. */
export type ScriptRun = { done: true; status: number } | { done: false; ms: number; next: ScriptPoint };

/** A pause on its way up from a list: the frames from that list inward. */
type Pause = { ms: number; frames: Frame[] };
/** A pause on its way up from a pipeline: what the pipeline was doing, and the frames of the lists inside it. */
type PipePause = { ms: number; state: Omit<Frame, 'list' | 'link'>; inner: Frame[] };


/** One shell process. */
export class Shell {
  status = 0;
  /** Whether the shell ran `exit` (an interactive session then ends). */
  exited = false;
  /** Whether the shell reads lines typed at its prompt: an error in a command then ends the line, not the shell. */
  interactive = false;
  cwd: string;
  readonly vars: Map<string, string>;
  private line = 1;
  /** Lines before the script this shell runs: a command substitution's text starts on its command's line. */
  private lineBase = 0;
  /** The status of the last command substitution in the command being expanded, if any. */
  private substituted: number | undefined;
  /** Whether a `sleep` pauses the script (a container's own script) rather than returning at once (an exec). */
  private pausing = false;
  /** How many loops the command being run is inside (for `break` and `continue`). */
  private loops = 0;
  /** The options `set` turned on that the model runs: errexit (-e), nounset (-u), xtrace (-x), pipefail. */
  readonly options: Set<ShellOption>;
  /** The traps set, by signal name (EXIT, TERM, INT, …); an empty action ignores the signal. */
  readonly traps: Map<string, string>;
  /** The positional parameters, `$1` on (`sh -c SCRIPT NAME ARGS…`, `set -- …`). */
  params: string[] = [];
  /** Whether $0 was given after the script (`sh -c SCRIPT NAME`): BusyBox's messages then carry `line 0: `. */
  named = false;
  /** The functions defined, by name. */
  readonly functions = new Map<string, FuncDef>();
  /** bash's BASH_REMATCH: the last `=~` match and its groups. */
  private rematch: string[] = [];
  /** The background jobs started and not waited for, `$!` and the next pid (shell-jobs.ts). */
  private jobs: JobTable = newJobTable();
  /** Per function call running, the outer values of the variables it made local (null: unset). */
  private locals: Array<Map<string, string | null>> = [];
  /** Function calls made in this run (see CALL_LIMIT). */
  private calls = 0;
  /** How many contexts that ignore errexit the command being run is inside (conditions, `!`, all but the last of `&&`/`||`). */
  private noErrexit = 0;
  /** Whether `vars` is a program's environment as the runtime hands it over, in its order (see exec), not a shell's variables. */
  environ = false;
  /** Whether this is a subshell (bash ends one with 1, not 127, on an expansion error). */
  private forked = false;
  /** How deep in command substitutions this shell runs (bash's xtrace repeats its `+` per level). */
  private depth = 1;

  constructor(readonly world: ExecWorld, readonly kind: ShellKind, readonly arg0: string, vars: Map<string, string>, cwd = '/',
    options: Iterable<ShellOption> = []) {
    this.vars = new Map(vars);
    this.cwd = cwd;
    this.options = new Set(options);
    this.traps = new Map();
  }

  /** What this shell keeps between a container script's steps or an interactive shell's lines, as plain data. */
  state(): ShellState {
    return {
      cwd: this.cwd, vars: [...this.vars], params: [...this.params],
      ...(this.options.size ? { options: [...this.options] } : {}),
      ...(this.traps.size ? { traps: [...this.traps] } : {}),
      ...(this.functions.size ? { functions: [...this.functions].map(([name, def]): [string, string] => [name, def.src]) } : {}),
      ...(this.jobs.next !== FIRST_JOB_PID ? { jobs: structuredClone(this.jobs) } : {}),
    };
  }

  /** A shell that goes on from `state` (see state()); positional parameters it does not hold are `params`. */
  static resume(world: ExecWorld, kind: ShellKind, arg0: string, state: ShellState, params: string[] = []): Shell {
    const sh = new Shell(world, kind, arg0, new Map(state.vars), state.cwd, state.options);
    for (const [sig, action] of state.traps ?? []) sh.traps.set(sig, action);
    for (const [name, src] of state.functions ?? []) {
      const def = funcDefOf(src, kind);
      if (def) sh.functions.set(name, def);
    }
    sh.params = state.params ?? params;
    if (state.jobs) sh.jobs = structuredClone(state.jobs);
    return sh;
  }

  /** The prefix of this shell's diagnostics (`sh: 1: `, `bash: line 1: `, `sh: `). */
  private prefix(): string {
    if (this.kind === 'dash') return `${this.arg0}: ${this.lineBase + this.line}: `;
    if (this.kind === 'bash') return `${this.arg0}: line ${this.lineBase + this.line}: `;
    return this.named ? `${this.arg0}: line 0: ` : `${this.arg0}: `;
  }

  private syntaxError(f: ParseFailure, io: Io, script: string): number {
    this.line = f.line;
    if (f.kind === 'unmodelled') { io.err(unmodelledText(`${this.arg0}: ${f.what} not modelled; use simple commands joined by ;, &&, || or |, and while, until, for, if, case, { }, ( ) or functions`)); return 2; }
    if (f.kind === 'unterminated' && f.quote === '{') {
      // An unclosed `${`.
      if (this.kind === 'bash') io.err(`${this.arg0}: -c: line ${f.line}: unexpected EOF while looking for matching \`}'\n`);
      else if (this.kind === 'dash') io.err(`${this.prefix()}Syntax error: Missing '}'\n`);
      else io.err(`${this.prefix()}syntax error: missing '}'\n`);
      return 2;
    }
    if (f.kind === 'unterminated') {
      const tok = f.quote;
      if (this.kind === 'bash') io.err(`${this.arg0}: -c: line ${f.line}: unexpected EOF while looking for matching \`${tok}'\n`);
      else if (this.kind === 'dash') io.err(`${this.prefix()}Syntax error: Unterminated quoted string\n`);
      else io.err(`${this.prefix()}syntax error: unterminated quoted string\n`);
      return 2;
    }
    const eof = f.token === 'end of file';
    // bash reads a newline at the end of the script: a word missing there (`case`) is that newline's fault.
    if (this.kind === 'bash' && eof && (f.expecting === 'word' || f.wantsWord)) {
      io.err(`${this.arg0}: -c: line ${f.line}: syntax error near unexpected token \`newline'\n${this.arg0}: -c: line ${f.line}: \`${script.split('\n')[f.line - 1] ?? ''}'\n`);
      return 2;
    }
    if (this.kind === 'bash') {
      // bash names the token and then quotes the line it is on; at the end of the script, only that.
      // bash counts the end of the script as a line of its own, past a last line without a newline.
      if (eof) io.err(`${this.arg0}: -c: line ${script.split('\n').length + (script.endsWith('\n') ? 0 : 1)}: syntax error: unexpected end of file\n`);
      else io.err(`${this.arg0}: -c: line ${f.line}: syntax error near unexpected token \`${f.token}'\n${this.arg0}: -c: line ${f.line}: \`${script.split('\n')[f.line - 1] ?? ''}'\n`);
      return 2;
    }
    // dash and BusyBox ash quote a token but not "end of file" or "newline", and may say what they expected.
    const tok = f.asWord ? 'word' : eof || f.token === 'newline' || f.bare ? f.token : `"${f.token}"`;
    const expecting = !f.expecting ? '' : f.expecting === 'word' ? ' (expecting word)' : ` (expecting "${f.expecting}")`;
    io.err(this.kind === 'dash' ? `${this.prefix()}Syntax error: ${tok} unexpected${expecting}\n` : `${this.prefix()}syntax error: unexpected ${tok}${expecting}\n`);
    return 2;
  }

  /** Runs a script to its end (or `exit`); returns the exit status. */
  run(script: string, io: Io): number {
    const lists = parseScript(script, this.kind);
    if (!Array.isArray(lists)) return (this.status = this.syntaxError(lists, io, script));
    return (this.start(lists, SCRIPT_START, io, false) as { status: number }).status;
  }

  /**
   * Runs a container's own script from `from` until it ends or reaches a `sleep` that is a pipeline of its own (at
   * the top level or inside `while`, `until`, `for`, `if` or `{ }`): then says how long the sleep lasts and where
   * the script goes on, so the kubelet runs the rest when that time has passed.
   */
  runFrom(lists: AndOr[], from: ScriptPoint, io: Io): ScriptRun {
    return this.start(lists, from, io, true);
  }

  private start(lists: AndOr[], from: ScriptPoint, io: Io, pausing: boolean): ScriptRun {
    this.pausing = pausing;
    // The script's standard input, read in turn by its commands.
    if (!io.input) io = { ...io, input: { text: io.stdin, pos: 0 } };
    // A paused script went on from a sleep, which returned 0.
    if (from.length) this.status = 0;
    let status: number;
    try {
      const r = this.lists(lists, from.length ? from : undefined, io);
      if (typeof r !== 'number') return { done: false, ms: r.ms, next: r.frames };
      status = r;
    } catch (e) {
      if (e instanceof ExitSignal) { this.exited = true; status = this.status = e.code; }
      else if (e instanceof AbortSignal) { this.exited = !this.interactive; status = this.status = e.code; }
      // A subshell's `break` or `continue` for a loop of its parent (dash, BusyBox) ends it.
      else if (e instanceof LoopSignal) status = this.status = 0;
      else if (e instanceof Unmodelled) { io.err(unmodelledText(`${this.arg0}: ${e.message}`)); return { done: true, status: (this.status = 2) }; }
      else throw e;
    } finally {
      this.pausing = false;
    }
    // The shell ends (an interactive one only when it exits): its EXIT trap runs.
    return { done: true, status: this.interactive && !this.exited ? status : this.exitTrap(status, io) };
  }

  /** Runs a trap's action in this shell; the status the shell then exits with, or undefined when it goes on. */
  private runTrap(action: string, io: Io): number | undefined {
    const lists = parseScript(action, this.kind);
    if (!Array.isArray(lists)) return undefined;
    const status = this.status;
    try {
      this.lists(lists, undefined, io);
      this.status = status;
      return undefined;
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof AbortSignal) return (this.status = e.code);
      throw e;
    }
  }

  /** The EXIT trap, once, as the shell ends with `status`: the status it ends with after it (an `exit` there sets it). */
  private exitTrap(status: number, io: Io): number {
    const action = this.traps.get('EXIT');
    if (action === undefined) return status;
    this.traps.delete('EXIT');
    this.status = status;
    try {
      return this.runTrap(action, io) ?? status;
    } catch (e) {
      if (e instanceof Unmodelled) { io.err(unmodelledText(`${this.arg0}: ${e.message}`)); return status; }
      throw e;
    }
  }

  /**
   * A signal for a paused script (the kubelet's SIGTERM), taken as the shell takes it once its foreground command
   * is done: the trap's action runs. The script's end and status when the action exits (the EXIT trap then runs
   * too), else undefined: it goes on. Without a trap, nothing: a shell that is PID 1 ignores the signal.
   */
  takeSignal(signal: string, io: Io): ScriptRun | undefined {
    const action = this.traps.get(signal);
    if (!action) return undefined;
    const status = this.runTrap(action, io);
    return status === undefined ? undefined : { done: true, status: this.exitTrap(status, io) };
  }

  /** Runs and-or lists in order, or from the point `resume` names; returns the last status or a pause. */
  private lists(lists: AndOr[], resume: Frame[] | undefined, io: Io): number | Pause {
    const at = resume?.[0];
    let st = this.status;
    for (let li = at ? at.list : 0; li < lists.length; li++) {
      const list = lists[li];
      // `… &`: started in the background; its status is 0.
      if (list.bg) { st = this.status = this.background(list, io); continue; }
      for (let j = at && li === at.list ? at.link : -1; j < list.rest.length; j++) {
        const link = j < 0 ? undefined : list.rest[j];
        const p = link ? link[1] : list.first;
        let r: number | PipePause;
        // errexit is ignored for all but the last pipeline of an `&&`/`||` list, and for a `!` pipeline.
        const last = j === list.rest.length - 1;
        const ignore = !last || p.bang;
        if (ignore) this.noErrexit++;
        try {
          if (at && li === at.list && j === at.link) {
            // The point the script paused at: a sleep that is over, a wait that is over or cut short by a trapped
            // signal, or a compound command that goes on inside.
            if (at.exit) throw new ExitSignal(0);
            r = at.sleep ? 0 : at.wait ? this.waited(at.waitFor ?? [], io)
              : at.fn ? this.resumeCall(at, resume!.slice(1), io) : this.compound(p.cmds[0] as Compound, at, resume!.slice(1), io);
            if (typeof r === 'number') this.status = r;
          } else {
            if (link && (link[0] === '&&') !== (st === 0)) continue;
            r = this.pausable(p, io);
          }
        } finally {
          if (ignore) this.noErrexit--;
        }
        if (typeof r !== 'number') return { ms: r.ms, frames: [{ list: li, link: j, ...r.state }, ...r.inner] };
        st = r;
        // A simple command or subshell that failed ends the script under errexit (a compound command's own commands did so inside it).
        if (st !== 0 && !ignore && this.noErrexit === 0 && this.options.has('errexit') && (p.cmds.length > 1 || failsAsCommand(p.cmds[p.cmds.length - 1]))) throw new ExitSignal(st);
      }
      this.status = st;
    }
    return st;
  }

  /** Runs a pipeline; when pausing, one that is a lone sleep or compound command may pause. */
  private pausable(p: Pipeline, io: Io): number | PipePause {
    if (this.pausing && !p.bang && p.cmds.length === 1) {
      const cmd = p.cmds[0];
      if (cmd.t === undefined) {
        const wait = this.waitPause(cmd, io);
        if (wait) return wait;
        const sleep = this.sleepOf(cmd);
        if (sleep) {
          if (this.options.has('xtrace')) io.err(this.traceLine([], sleep.argv));
          // A server it waits on starts first (and may refuse to).
          if (sleep.server) { const st = this.command(sleep.server, io); if (st !== 0) return (this.status = st); }
          return { ms: sleep.ms, state: sleep.exec ? { sleep: true, exit: true } : { sleep: true }, inner: [] };
        }
        // A call of a function, which may sleep inside.
        const fn = this.calledFunction(cmd);
        if (fn) {
          const argv = this.expand(cmd.words, io);
          if (this.options.has('xtrace')) io.err(this.traceLine([], argv));
          const r = this.call(fn, argv.slice(1), io);
          if (typeof r === 'number') this.status = r;
          return r;
        }
      } else if (cmd.t === 'func' || cmd.t === 'arith' || cmd.t === 'cond') {
        // A definition: through the pipeline below.
      } else if (cmd.redirs) {
        // Its redirections would have to stay open across a pause: one that sleeps is beyond the model.
        if (sleepsIn(cmd)) throw new Unmodelled('a compound command with redirections that sleeps is not modelled');
      } else {
        const r = this.compound(cmd, undefined, undefined, io);
        if (typeof r === 'number') this.status = r;
        return r;
      }
    }
    // Inside a pipeline of several commands (or a `!`), a sleep returns at once.
    const pausing = this.pausing;
    this.pausing = false;
    try {
      return this.pipeline(p.cmds, p.bang, io);
    } finally {
      this.pausing = pausing;
    }
  }

  /**
   * The ms a simple command sleeps when it is `sleep DURATION…` or `exec sleep DURATION…` (Infinity for `sleep
   * infinity`, and for nginx in the foreground in a container's own script: `server`, the command that starts it),
   * else undefined.
   */
  private sleepOf(cmd: Simple): { ms: number; exec: boolean; argv: string[]; server?: string[] } | undefined {
    if (cmd.assigns.length || cmd.redirs.length || cmd.words.some((w) => w.parts.some((part) => part.t === 'cmd'))) return undefined;
    const argv = this.expand(cmd.words, { stdin: '', out: () => {}, err: () => {} });
    const exec = argv[0] === 'exec';
    const run = exec ? argv.slice(1) : argv;
    // nginx in the foreground, started by a container's own script: the shell waits on it for ever.
    if (this.world.process && nginxMode(run) === 'foreground' && this.world.userland.bins.has('nginx')) return { ms: Infinity, exec, argv, server: run };
    const ms = sleepMs(run, this.world.userland.bins);
    return ms === undefined ? undefined : { ms, exec, argv };
  }

  /**
   * A `wait` in a container's script for background jobs that are still running: a pause until the last of them
   * ends (Infinity: one sleeps for ever), which a trapped signal cuts short (see waited). Undefined for any other
   * command, or when nothing it waits for is running (the builtin then returns at once).
   */
  private waitPause(cmd: Simple, io: Io): PipePause | undefined {
    if (cmd.assigns.length || cmd.redirs.length || cmd.words.some((w) => w.parts.some((part) => part.t === 'cmd'))) return undefined;
    const argv = this.expand(cmd.words, { stdin: '', out: () => {}, err: () => {} });
    if (argv[0] !== 'wait' || this.functions.has('wait') || !argv.slice(1).every((a) => /^\d+$/.test(a))) return undefined;
    const now = this.world.c.now;
    const ends = this.jobsOf(argv.slice(1)).filter((j) => j.status === undefined && j.endsAt > now).map((j) => j.endsAt);
    if (!ends.length) return undefined;
    if (this.options.has('xtrace')) io.err(this.traceLine([], argv));
    return { ms: Math.max(...ends) - now, state: { wait: true, waitFor: argv.slice(1) }, inner: [] };
  }

  /** The jobs `wait` or `kill` operands name (none: every job). */
  private jobsOf(pids: readonly string[]): Job[] {
    return pids.length ? this.jobs.jobs.filter((j) => pids.includes(String(j.pid))) : this.jobs.jobs;
  }

  /**
   * Goes on after a `wait` paused: a job it waits for still runs when a trapped signal cut the wait short, which then
   * returns 128 + the signal's number (TERM, the one the kubelet sends); else the jobs are collected as the builtin does.
   */
  private waited(pids: string[], io: Io): number {
    const now = this.world.c.now;
    if (this.jobsOf(pids).some((j) => j.status === undefined && j.endsAt > now)) return signalStatus('TERM');
    return this.waitBuiltin(pids, io);
  }

  /**
   * `wait [PID…]`: collects the jobs (all of them without operands), reporting one a signal ended as the shell does.
   * A job still running is taken as done: no virtual time passes here (an exec, or a pipeline of a script). Its
   * status is the last operand's job's (127 for a pid that is no job of this shell), or 0 without operands.
   */
  private waitBuiltin(args: string[], io: Io): number {
    const r = collectJobs(this.jobs, args, this.kind, this.prefix());
    if ('unmodelled' in r) throw new Unmodelled(r.unmodelled);
    io.err(r.err);
    return r.status;
  }

  /**
   * `kill [-s SIG | -SIG] PID…` to the shell's background jobs: TERM, KILL or HUP ends a running one (its status
   * 128 + the signal's number), `-0` checks it. A pid of a job already collected has no process; other pids (the
   * container's other processes) and other signals are beyond the model.
   */
  private kill(args: string[], io: Io): number {
    const r = killJobs(this.jobs, args, this.world.c.now, this.kind, this.prefix(), this.arg0);
    if ('unmodelled' in r) throw new Unmodelled(r.unmodelled);
    io.err(r.err);
    return r.status;
  }

  /**
   * `LIST &`: a `sleep` runs in the background until its time is up; another command runs to its end at once in a
   * subshell of its own (its output comes out now), when it does not sleep. Its pid is `$!`; the status is 0. An
   * interactive shell's jobs (their `[1] PID` and `Done` notices) are beyond the model.
   */
  private background(list: AndOr, io: Io): number {
    if (this.interactive) throw new Unmodelled('background jobs in an interactive shell are not modelled');
    const only = !list.rest.length && !list.first.bang && list.first.cmds.length === 1 ? list.first.cmds[0] : undefined;
    const sleep = only && only.t === undefined ? this.sleepOf(only) : undefined;
    const pid = this.jobs.next++;
    const now = this.world.c.now;
    if (sleep && !sleep.exec) {
      if (this.options.has('xtrace')) io.err(this.traceLine([], sleep.argv));
      const st = sleep.server ? this.command(sleep.server, io) : 0;
      this.jobs.jobs.push(st === 0 ? { pid, cmd: sleep.argv.join(' '), endsAt: now + sleep.ms } : { pid, cmd: '', endsAt: now, status: st });
    } else {
      if (this.pausing && sleepsIn(list)) throw new Unmodelled('a background job that sleeps inside is not modelled');
      // Its standard input is /dev/null, as a non-interactive shell gives a background job.
      const status = this.subshell([{ first: list.first, rest: list.rest }], { ...io, stdin: '', input: { text: '', pos: 0 } });
      this.jobs.jobs.push({ pid, cmd: '', endsAt: now, status });
    }
    this.jobs.last = pid;
    return 0;
  }

  /**
   * Runs a compound command, or goes on inside one from `at` (its state) and `inner` (the frames of the list inside
   * it that paused). A loop's status is its body's last; an `if` whose conditions all failed, without `else`, is 0.
   */
  private compound(cmd: Compound, at: Frame | undefined, inner: Frame[] | undefined, io: Io): number | PipePause {
    this.line = cmd.line;
    let resume = inner;
    // The point to go on from is used once, by the first list run (even when a break or continue leaves it).
    const sub = (body: AndOr[]): number | Pause => { const from = resume; resume = undefined; return this.lists(body, from, io); };
    const paused = (r: Pause, state: PipePause['state']): PipePause => ({ ms: r.ms, state, inner: r.frames });
    if (cmd.t === 'group') {
      const r = sub(cmd.body);
      return typeof r === 'number' ? r : paused(r, {});
    }
    if (cmd.t === 'subshell') return this.subshell(cmd.body, io);
    if (cmd.t === 'case') {
      let arm = at?.arm;
      if (arm === undefined) {
        const subject = this.expandText(cmd.word.parts, io);
        if (this.kind === 'bash' && this.options.has('xtrace')) io.err(this.traceLine([], ['case', subject, 'in']));
        arm = cmd.arms.findIndex((a) => a.patterns.some((pat) => new RegExp(`^(?:${this.pattern(pat.parts, io)})$`).test(subject)));
        if (arm < 0) return 0;
      }
      // An arm without commands leaves status 0.
      if (!cmd.arms[arm].body.length) return 0;
      const r = sub(cmd.arms[arm].body);
      return typeof r === 'number' ? r : paused(r, { arm, phase: 'body' });
    }
    if (cmd.t === 'if') {
      let phase = at?.phase ?? 'cond';
      for (let arm = at?.arm ?? 0; arm < cmd.arms.length; arm++, phase = 'cond') {
        if (phase === 'cond') {
          const r = this.condition(() => sub(cmd.arms[arm].cond));
          if (typeof r !== 'number') return paused(r, { arm, phase: 'cond' });
          if (r !== 0) continue;
        }
        const r = sub(cmd.arms[arm].body);
        return typeof r === 'number' ? r : paused(r, { arm, phase: 'body' });
      }
      if (!cmd.otherwise) return 0;
      const r = sub(cmd.otherwise);
      return typeof r === 'number' ? r : paused(r, { arm: cmd.arms.length, phase: 'body' });
    }
    this.loops++;
    try {
      if (cmd.t === 'for') {
        const items = at?.items ?? (cmd.items ? this.expand(cmd.items, io) : [...this.params]);
        let last = 0;
        for (let item = at?.item ?? 0; item < items.length; item++) {
          if (!resume) {
            this.vars.set(cmd.name, items[item]);
            // bash's xtrace shows the loop's head at each pass.
            if (this.kind === 'bash' && this.options.has('xtrace')) io.err(this.traceLine([], ['for', cmd.name, 'in', ...items]).replace(/^(\++ )for (\S+) in /, '$1for $2 in '));
          }
          const r = this.loopBody(() => sub(cmd.body));
          if (r === 'break') return 0;
          if (r === 'continue') continue;
          if (typeof r !== 'number') return paused(r, { items, item });
          last = r;
        }
        return last;
      }
      let phase = at?.phase ?? 'cond';
      let last = 0;
      for (let tests = 0; ; phase = 'cond') {
        if (phase === 'cond') {
          if (++tests > LOOP_LIMIT) throw new Unmodelled(`a loop that runs on without a sleep is not modelled`);
          const r = this.loopBody(() => this.condition(() => sub(cmd.cond)));
          if (r === 'break') return 0;
          if (r === 'continue') continue;
          if (typeof r !== 'number') return paused(r, { phase: 'cond' });
          if ((r === 0) === cmd.until) return last;
        }
        const r = this.loopBody(() => sub(cmd.body));
        if (r === 'break') return 0;
        if (r === 'continue') continue;
        if (typeof r !== 'number') return paused(r, { phase: 'body' });
        last = r;
      }
    } finally {
      this.loops--;
    }
  }

  /**
   * What xtrace writes before a simple command runs: `+ ` (bash: one `+` per level of command substitution), then its
   * assignments and words as expanded. dash prints them as they are; bash and BusyBox single-quote a word with a
   * character outside their plain set, bash writing an empty one as '' and a quote as '\'', BusyBox as '"'"'.
   */
  private traceLine(assigns: ReadonlyArray<readonly [string, string]>, argv: readonly string[]): string {
    const quote = (w: string): string => traceQuote(this.kind, w);
    // An assignment's empty value shows as nothing, in bash too.
    const words = [...assigns.map(([k, v]) => `${k}=${v === '' ? '' : quote(v)}`), ...argv.map(quote)];
    if (this.kind !== 'bash') return `+ ${words.join(' ')}\n`;
    // bash traces each assignment on a line of its own, then the command, and nothing for an empty command.
    const plus = '+'.repeat(this.depth);
    const lines = [...words.slice(0, assigns.length), ...(argv.length ? [argv.map(quote).join(' ')] : [])];
    return lines.map((l) => `${plus} ${l}\n`).join('');
  }

  /** bash's `(( EXPRESSION ))`: 0 when the expression is not zero, else 1; xtrace shows it between `((  ` and `  ))`. */
  private arithCommand(cmd: ArithCommand, io: Io): number {
    this.line = cmd.line;
    if (this.options.has('xtrace')) io.err(`${'+'.repeat(this.depth)} (( ${cmd.src} ))\n`);
    try {
      return this.arithmetic(cmd.src, io) === '0' ? 1 : 0;
    } catch (e) {
      if (!(e instanceof Unmodelled)) throw e;
      io.err(unmodelledText(`${this.arg0}: ${e.message}`));
      return 1;
    }
  }

  /** bash's `[[ EXPRESSION ]]`: 0 when true, else 1; xtrace shows its items expanded. */
  private condCommand(cmd: CondCommand, io: Io): number {
    this.line = cmd.line;
    if (this.options.has('xtrace')) {
      const items = cmd.items.map((it) => (typeof it === 'string' ? it : this.expandText(it.parts, io)));
      io.err(`${'+'.repeat(this.depth)} [[ ${items.join(' ')} ]]\n`);
    }
    try {
      return this.cond(cmd.expr, io) ? 0 : 1;
    } catch (e) {
      if (!(e instanceof Unmodelled)) throw e;
      io.err(unmodelledText(`${this.arg0}: ${e.message}`));
      return 2;
    }
  }

  /** An expression of `[[ … ]]` evaluated in this shell (see shell-cond.ts evaluateCond). */
  private cond(e: CondExpr, io: Io): boolean {
    return evaluateCond(e, {
      text: (w) => this.expandText(w.parts, io),
      pattern: (w) => this.pattern(w.parts, io),
      regex: (w) => w.parts.map((part) => { const t = this.expandText([part], io); return part.quoted ? escapeRe(t) : t; }).join(''),
      arith: (text) => BigInt(this.arithmetic(text, io)),
      file: (name) => {
        const path = resolvePath(this.cwd, name);
        const kind = this.world.fs.stat(path);
        const r = kind === 'file' ? this.world.fs.read(path) : undefined;
        return kind && { kind, size: r && 'text' in r ? r.text.length : 0 };
      },
      matched: (groups) => { this.rematch = groups; },
    });
  }

  /** A function definition: the function is defined from now on; status 0. */
  private defineOne(def: FuncDef): number {
    this.functions.set(def.name, def);
    return 0;
  }

  /** The function a simple command calls, when its name is a plain word naming one (and it has no assignments or redirections). */
  private calledFunction(cmd: Simple): FuncDef | undefined {
    const first = cmd.words[0]?.parts;
    if (!first || first.length !== 1 || first[0].t !== 'lit' || first[0].quoted || cmd.assigns.length || cmd.redirs.length) return undefined;
    return SPECIAL_BUILTINS.has(first[0].s) ? undefined : this.functions.get(first[0].s);
  }

  /**
   * Calls a function with `args` as its positional parameters (the caller's come back after it, as do the variables
   * it made local), or goes on inside a call that paused (`at`, `inner`). Its status is its body's, or `return`'s.
   */
  private call(fn: FuncDef, args: string[], io: Io, at?: Frame, inner?: Frame[]): number | PipePause {
    if (this.locals.length >= CALL_DEPTH || ++this.calls > CALL_LIMIT) {
      // The script as a whole is beyond the model: it ends here, whichever command made the call.
      io.err(unmodelledText(`${this.arg0}: functions that call themselves without end are not modelled`));
      throw new AbortSignal(2);
    }
    const caller = at?.caller ?? this.params;
    this.params = at ? at.args ?? [] : args;
    this.locals.push(new Map(at?.locals ?? []));
    let r: number | PipePause;
    try {
      r = this.compound(fn.body, at, inner, io);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) { this.endCall(caller); throw e; }
      r = e.code;
    }
    if (typeof r === 'number') { this.endCall(caller); return r; }
    // Paused inside: what the call needs when it goes on, and what comes back after it.
    const state = { ...r.state, fn: fn.src, args: this.params, caller, locals: [...this.locals.pop()!] };
    this.params = caller;
    return { ms: r.ms, state, inner: r.inner };
  }

  /** After a call: the caller's positional parameters, and the outer values of the call's locals. */
  private endCall(caller: string[]): void {
    this.params = caller;
    for (const [name, value] of this.locals.pop() ?? []) if (value === null) this.vars.delete(name); else this.vars.set(name, value);
  }

  /** Goes on inside a function call that paused (its frame holds the definition's text). */
  private resumeCall(at: Frame, inner: Frame[], io: Io): number | PipePause {
    const fn = funcDefOf(at.fn!, this.kind);
    if (!fn) throw new Unmodelled('a function call that went on after a pause is not modelled');
    return this.call(fn, at.args ?? [], io, at, inner);
  }

  /** Runs the condition of an `if`, `while` or `until`, where errexit is ignored. */
  private condition<T>(run: () => T): T {
    this.noErrexit++;
    try {
      return run();
    } finally {
      this.noErrexit--;
    }
  }

  /** Runs part of a loop: a `break` or `continue` meant for this loop ends it or its pass; one for an outer loop goes on out. */
  private loopBody(run: () => number | Pause): number | Pause | 'break' | 'continue' {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.n > 1) { e.n--; throw e; }
      return e.brk ? 'break' : 'continue';
    }
  }

  private pipeline(cmds: Command[], bang: boolean, io: Io): number {
    let stdin = io.stdin;
    let st = 0;
    let failed = 0;
    cmds.forEach((cmd, i) => {
      const last = i === cmds.length - 1;
      let captured = '';
      // The first command reads the pipeline's input where it has got to; the others read what the one before wrote.
      const input = i === 0 ? io.input : { text: stdin, pos: 0 };
      const cio: Io = last ? { ...io, stdin, input } : { stdin, out: (t) => { captured += t; }, err: io.err, input };
      // Each command of a pipeline of several runs in a subshell of its own: its assignments, `exit`, `set`, `cd`
      // and definitions stay in it.
      st = cmds.length > 1 ? this.subshell([{ first: { cmds: [cmd], bang: false }, rest: [] }], cio) : this.pipedCommand(cmd, cio);
      if (st !== 0) failed = st;
      stdin = captured;
    });
    // pipefail: the status of the last command that failed, 0 when all succeeded.
    if (this.options.has('pipefail')) st = failed;
    return (this.status = bang ? (st === 0 ? 1 : 0) : st);
  }

  /** Runs one command of a pipeline in this shell. */
  private pipedCommand(cmd: Command, io: Io): number {
    return cmd.t === undefined ? this.simple(cmd, io) : cmd.t === 'func' ? this.defineOne(cmd) : cmd.t === 'arith' ? this.arithCommand(cmd, io)
      : cmd.t === 'cond' ? this.condCommand(cmd, io) : cmd.redirs ? this.redirected(cmd, io) : (this.compound(cmd, undefined, undefined, io) as number);
  }

  /** Expands words into fields: parameters, command substitutions, field splitting of unquoted results, globbing. */
  expand(words: Word[], io: Io): string[] {
    const fields: string[] = [];
    for (const w of words) {
      const segs: Seg[] = [];
      this.segments(w.parts, false, false, io, segs);
      let cur = '';
      let has = false;
      let glob = false;
      const pieces: string[] = [];
      // "$@" without parameters is no field at all, unless the word has text besides.
      if (segs.some((g) => g.fields?.length === 0) && segs.every((g) => g.fields?.length === 0 || (!g.split && g.text === ''))) continue;
      for (const seg of segs) {
        if (seg.glob) glob = true;
        if (seg.fields) {
          seg.fields.forEach((f, i) => {
            if (i > 0) { pieces.push(cur); cur = ''; }
            cur += f;
            has = true;
          });
          continue;
        }
        if (!seg.split) { cur += seg.text; has = true; continue; }
        // Split at IFS: a delimiter with one of its other characters ends a field even when it is empty.
        const { pieces: split, hard } = splitFields(seg.text, this.vars.get('IFS') ?? ' \t\n');
        split.forEach((piece, i) => {
          if (i > 0) { if (has || cur || hard[i - 1]) pieces.push(cur); cur = ''; has = false; }
          if (piece) { cur += piece; has = true; }
        });
      }
      if (has || cur) pieces.push(cur);
      for (const piece of pieces) fields.push(...(glob ? this.glob(piece) : [piece]));
    }
    return fields;
  }

  /** A word expanded to one string, without field splitting or globbing (assignments, `case` words, messages). */
  private expandText(parts: readonly Part[], io: Io): string {
    const segs: Seg[] = [];
    this.segments(parts, true, false, io, segs);
    return segs.map((g) => (g.fields ? g.fields.join(' ') : g.text)).join('');
  }

  /**
   * The segments of a word's parts. A quoted part (or any inside quotes) is neither split nor globbed; an unquoted
   * expansion is split; unquoted literal text is split only inside a `${…}` operator's word (`inner`), where blanks
   * are part of the word, and globbed when it holds `*` or `?`.
   */
  private segments(parts: readonly Part[], outer: boolean, inner: boolean, io: Io, out: Seg[]): void {
    for (const p of parts) {
      const quoted = outer || p.quoted;
      if (p.t === 'lit') { out.push({ text: p.s, split: inner && !quoted, glob: !quoted && /[*?]/.test(p.s) }); continue; }
      if (p.t === 'param') { this.paramSegments(p, quoted, io, out); continue; }
      if (p.t === 'bad') this.badSubstitution(p.src, io);
      // An array's element is bash's: dash and BusyBox call it a bad substitution.
      if (p.t === 'var' && this.kind !== 'bash' && p.name.includes('[')) this.badSubstitution(`\${${p.name}}`, io);
      if (p.t === 'var' && !this.isSet(p.name)) this.unset(p.name, io);
      // Quoted, $@ is a field per parameter and $* one field joined by IFS's first character.
      if (p.t === 'var' && quoted && p.name === '@') { out.push({ text: '', split: false, glob: false, fields: [...this.params] }); continue; }
      if (p.t === 'var' && quoted && p.name === '*') { out.push({ text: this.params.join((this.vars.get('IFS') ?? ' ').slice(0, 1)), split: false, glob: false }); continue; }
      const text = p.t === 'var' ? this.param(p.name)
        : p.t === 'arith' ? this.arithmetic(p.src, io)
          : this.substitute(p.src, io);
      out.push({ text, split: !quoted, glob: false });
    }
  }

  /** Whether a parameter is set (`$?`, `$#`, `$$`, `$-`, `$PWD` and `$0` always are; positional parameters never, in this model). */
  /**
   * `$((…))`: its parameters, command substitutions and inner arithmetic expanded first (`${HOSTNAME##*-}` there
   * is a number), then the expression evaluated.
   */
  private arithmetic(src: string, io: Io): string {
    let text = src;
    if (/[$`]/.test(src)) {
      const w = expansionWord(src);
      if ('kind' in w) throw new Unmodelled(`$((${src})) is not modelled`);
      if (w.parts.some((p) => p.t !== 'lit' && p.t !== 'var')) text = this.expandText(w.parts, io);
    }
    // `$NAME` is expanded as text first, under nounset too; bash checks the bare names it reads as well.
    text = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])\}|\$([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/g, (_m, a: string | undefined, b: string | undefined) => {
      const name = a ?? b!;
      if (!this.isSet(name)) this.unset(name, io);
      return this.param(name);
    });
    // dash: an expression that is empty (or blanks) is an error.
    if (this.kind === 'dash' && text.trim() === '') this.abort(`arithmetic expression: expecting primary: "${text}"`, io);
    // bash and BusyBox read `++` and `--` next to a name as increments (`x--2` is then an error): beyond the model.
    if (this.kind !== 'dash' && /[A-Za-z_]\s*(?:\+\+|--)|(?:\+\+|--)\s*[A-Za-z_]/.test(text)) throw new Unmodelled(`$((${src})) is not modelled`);
    const read = (name: string): string => { if (this.kind === 'bash' && !this.isSet(name)) this.unset(name, io); return this.param(name); };
    return arithmetic(text, read, (name, value) => this.vars.set(name, value));
  }

  private isSet(name: string): boolean {
    if (/^[1-9]\d*$/.test(name)) return Number(name) <= this.params.length;
    if (name === '!') return this.jobs.last !== undefined;
    if (name.includes('[')) return this.param(name) !== '';
    return name === '?' || name === '#' || name === '$' || name === '0' || name === '@' || name === '*' || name === '-' || name === 'PWD' || this.vars.has(name);
  }

  /** An unset parameter expanded under nounset: the shell's error, and the script ends. */
  private unset(name: string, io: Io): void {
    if (!this.options.has('nounset')) return;
    if (this.kind === 'bash') this.abort(`${/^\d/.test(name) ? '$' : ''}${name}: unbound variable`, io, this.options.has('errexit') || this.forked ? 1 : 127);
    this.abort(`${name}: parameter not set`, io);
  }

  /** `$-`: the option letters on, in each shell's order, with what each adds for `sh -c` (bash's h, B and c, BusyBox's c). */
  private flags(): string {
    const f = (o: ShellOption, letter: string): string => (this.options.has(o) ? letter : '');
    const [e, u, x] = [f('errexit', 'e'), f('nounset', 'u'), f('xtrace', 'x')];
    if (this.kind === 'bash') return `${e}h${u}${x}Bc`;
    return this.kind === 'ash' ? `${u}${x}c${e}` : `${u}${x}${e}`;
  }

  /** Models each shell's `${…}` operators (dash has no replacements or substrings). */
  private paramSegments(p: ParamPart, quoted: boolean, io: Io, out: Seg[]): void {
    const value = (text: string): void => { out.push({ text, split: !quoted, glob: false }); };
    const v = this.param(p.name);
    const set = this.isSet(p.name);
    const colon = p.op.startsWith(':');
    const missing = !set || (colon && v === '');
    const word = p.word?.parts ?? [];
    switch (p.op) {
      case '#len': if (!set) this.unset(p.name, io); return value(String([...v].length));
      case '-': case ':-':
        if (missing) this.segments(word, quoted, true, io, out); else value(v);
        return;
      case '+': case ':+':
        if (missing) value(''); else this.segments(word, quoted, true, io, out);
        return;
      case '=': case ':=': {
        if (!missing) return value(v);
        if (!/^[A-Za-z_]/.test(p.name)) return this.abort(this.kind === 'bash' ? `$${p.name}: cannot assign in this way` : `${p.name}: bad variable name`, io, this.kind === 'bash' ? 1 : 2);
        const assigned = this.expandText(word, io);
        this.vars.set(p.name, assigned);
        return value(assigned);
      }
      case '?': case ':?': {
        if (!missing) return value(v);
        const message = this.expandText(word, io) || (!colon ? 'parameter not set' : this.kind === 'bash' ? 'parameter null or not set' : 'parameter not set or null');
        return this.abort(`${p.name}: ${message}`, io, this.kind === 'bash' ? (this.forked || this.options.has('errexit') ? 1 : 127) : 2);
      }
      case '#': case '##': case '%': case '%%':
        if (!set) this.unset(p.name, io);
        return value(trimPattern(v, p.op, this.pattern(word, io)));
    }
    if (this.kind === 'dash') this.badSubstitution(p.src, io);
    if (p.op === ':sub') {
      const chars = [...v];
      const num = (src: string): number => Number(arithmetic(src, (name) => this.param(name), (name, val) => this.vars.set(name, val)));
      let off = num(p.off ?? '0');
      if (off < 0) off = Math.max(0, chars.length + off);
      let end = chars.length;
      if (p.len !== undefined) {
        const len = num(p.len);
        end = len < 0 ? chars.length + len : off + len;
      }
      return value(chars.slice(off, Math.max(off, end)).join(''));
    }
    let pat = this.pattern(word, io);
    let op = p.op;
    // BusyBox ash anchors no replacement: its `/#` and `/%` look for a `#` or `%` like any other character.
    if (this.kind === 'ash' && (op === '/#' || op === '/%')) { pat = escapeRe(op[1]) + pat; op = '/'; }
    const repl = p.repl ? this.expandText(p.repl.parts, io) : '';
    const re = op === '/#' ? new RegExp(`^(?:${pat})`) : op === '/%' ? new RegExp(`(?:${pat})$`) : new RegExp(pat, op === '//' ? 'g' : '');
    // An empty pattern replaces nothing.
    value(pat ? v.replace(re, () => repl) : v);
  }

  /** A pattern word as a regular expression body (quoted parts literal, expansions' text as pattern). */
  private pattern(parts: readonly Part[], io: Io): string {
    const pieces: Array<{ text: string; quoted: boolean }> = [];
    for (const part of parts) {
      const segs: Seg[] = [];
      this.segments([part], false, false, io, segs);
      for (const g of segs) pieces.push({ text: g.text, quoted: part.quoted });
    }
    return patternSource(pieces);
  }



  /** An expansion error: the shell's message, then the script (or, at a prompt, the line) ends. */
  private abort(message: string, io: Io, code = 2): never {
    io.err(`${this.prefix()}${message}\n`);
    throw new AbortSignal(code);
  }

  /** A `${…}` the shell cannot expand, in its words: dash's `Bad substitution`, bash's and BusyBox's own. */
  private badSubstitution(src: string, io: Io): never {
    if (this.kind === 'bash') this.abort(`${src}: bad substitution`, io, 1);
    if (this.kind === 'ash') { io.err(`${this.arg0}: syntax error: bad substitution\n`); throw new AbortSignal(2); }
    this.abort('Bad substitution', io);
  }

  private param(name: string): string {
    if (name === '?') return String(this.status);
    if (name === 'PWD' && !this.vars.has('PWD')) return this.cwd;
    if (name === '-') return this.flags();
    if (name === '$') return '1';
    if (name === '#') return String(this.params.length);
    if (name === '0') return this.arg0;
    if (/^[1-9]\d*$/.test(name)) return this.params[Number(name) - 1] ?? '';
    if (name === '@' || name === '*') return this.params.join(' ');
    if (name === '!') return this.jobs.last === undefined ? '' : String(this.jobs.last);
    const element = /^(\w+)\[(\d+)\]$/.exec(name);
    if (element) return element[1] === 'BASH_REMATCH' ? this.rematch[Number(element[2])] ?? '' : element[2] === '0' ? this.vars.get(element[1]) ?? '' : '';
    if (name === 'BASH_REMATCH' && this.kind === 'bash') return this.rematch[0] ?? '';
    return this.vars.get(name) ?? '';
  }

  private substitute(src: string, io: Io): string {
    let out = '';
    // A subshell, one level deeper for bash's xtrace.
    const sub = this.fork();
    sub.depth = this.depth + 1;
    // bash's command substitution stays in the loops it is in (its `break` ends it), unlike its `( … )`.
    sub.loops = this.loops;
    sub.lineBase = this.lineBase + this.line - 1;
    sub.line = 1;
    this.substituted = sub.run(src, { stdin: '', out: (t) => { out += t; }, err: io.err });
    return out.replace(/\n+$/, '');
  }

  /**
   * A subshell of this shell: a copy of its variables, directory, options, positional parameters and functions,
   * whose changes stay in it. Traps are reset, except ignored ones. In bash it is in no loop (`break` there is an
   * error); dash and BusyBox keep the loops it is in, and their `break` ends it.
   */
  private fork(): Shell {
    const sub = new Shell(this.world, this.kind, this.arg0, this.vars, this.cwd, this.options);
    sub.forked = true;
    sub.params = [...this.params];
    sub.named = this.named;
    sub.line = this.line;
    sub.lineBase = this.lineBase;
    sub.status = this.status;
    sub.depth = this.depth;
    sub.calls = this.calls;
    sub.noErrexit = this.noErrexit;
    sub.loops = this.kind === 'bash' ? 0 : this.loops;
    sub.locals = this.locals.map((frame) => new Map(frame));
    // Its own jobs (it cannot wait for its parent's); `$!` is the parent's until it starts one.
    sub.jobs = { jobs: [], last: this.jobs.last, next: this.jobs.next };
    for (const [name, def] of this.functions) sub.functions.set(name, def);
    for (const [sig, action] of this.traps) if (action === '') sub.traps.set(sig, action);
    return sub;
  }

  /**
   * `( … )`: the list run in a subshell (see fork). `exit`, `return`, an error that ends a script or a `break` ends
   * only the subshell; its EXIT trap runs as it ends. In a container's script, a subshell that sleeps is beyond the
   * model (its pause would have to keep the subshell).
   */
  private subshell(body: AndOr[], io: Io): number {
    if (this.pausing && sleepsIn(body)) throw new Unmodelled('a subshell that sleeps is not modelled');
    const sub = this.fork();
    let st: number;
    try {
      st = sub.lists(body, undefined, io) as number;
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof AbortSignal || e instanceof ReturnSignal) st = e.code;
      else if (e instanceof LoopSignal) st = 0;
      else throw e;
    }
    return (this.status = sub.exitTrap(st, io));
  }

  /** Expands `*` and `?` in the last path component against the directory; no match leaves the pattern. */
  private glob(pattern: string): string[] {
    const slash = pattern.lastIndexOf('/');
    const dirPart = slash < 0 ? '' : pattern.slice(0, slash + 1);
    const base = pattern.slice(slash + 1);
    if (/[*?]/.test(dirPart) || !/[*?]/.test(base)) return [pattern];
    const re = new RegExp('^' + base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    let names: string[] | undefined;
    try { names = this.world.fs.list(resolvePath(this.cwd, dirPart || '.')); } catch (e) { if (!(e instanceof Unmodelled)) throw e; }
    const hits = (names ?? []).filter((n) => re.test(n) && (base.startsWith('.') || !n.startsWith('.')));
    return hits.length ? hits.map((n) => dirPart + n) : [pattern];
  }

  private cannotCreate(file: string, err: FsError, io: Io): number {
    if (this.kind === 'dash') { io.err(`${this.prefix()}cannot create ${file}: ${err === 'ENOENT' || err === 'ENOTDIR' ? 'Directory nonexistent' : STRERROR[err]}\n`); return 2; }
    if (this.kind === 'bash') { io.err(`${this.prefix()}${file}: ${STRERROR[err]}\n`); return 1; }
    io.err(`${this.prefix()}can't create ${file}: ${err === 'ENOENT' ? 'nonexistent directory' : STRERROR[err]}\n`);
    return 1;
  }

  private simple(cmd: Simple, io: Io): number {
    try {
      return this.simpleUnguarded(cmd, io);
    } catch (e) {
      if (!(e instanceof Unmodelled)) throw e;
      io.err(unmodelledText(`${this.arg0}: ${e.message}`));
      return 1;
    }
  }

  /** Runs a program directly, as the container runtime starts it: no shell, so no expansion, and echo is /bin/echo. */
  exec(argv: string[], io: Io): number {
    this.environ = true;
    if (argv[0] === 'echo') return echo('bash', argv.slice(1), io);
    return this.command(argv, io);
  }

  private simpleUnguarded(cmd: Simple, io: Io): number {
    this.line = cmd.line;
    // `$?` in the words is the previous command's status; a command substitution sets it anew.
    this.substituted = undefined;
    const argv = this.expand(cmd.words, io);
    // An assignment's value is neither split into fields nor globbed.
    const assigns = cmd.assigns.map(([k, w]) => [k, this.expandText(w.parts, io)] as const);
    const opened = this.redirect(cmd.redirs, io);
    if (typeof opened === 'number') return opened;
    const streams = opened.io;
    if (this.options.has('xtrace')) io.err(this.traceLine(assigns, argv));
    let st: number;
    if (!argv.length) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      st = this.substituted ?? 0;
    } else {
      const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
      for (const [k, v] of assigns) this.vars.set(k, v);
      try { st = this.command(argv, streams); } finally {
        for (const [k, v] of saved) if (v === undefined) this.vars.delete(k); else this.vars.set(k, v);
      }
    }
    opened.close();
    return st;
  }

  /**
   * Opens redirections, in order: each descriptor goes to the shell's stream, a file's buffer (written when the
   * command is done, by `close`), or nowhere; `<` reads a file as standard input. The shell's error status when a
   * file cannot be opened.
   */
  private redirect(redirs: readonly Redir[], io: Io): { io: Io; close(): void } | number {
    type Sink = { kind: 'out' | 'err' | 'null' } | { kind: 'file'; path: string; shown: string; text: string; append: boolean };
    const fds: Record<number, Sink> = { 1: { kind: 'out' }, 2: { kind: 'err' } };
    let stdin = io.stdin;
    for (const r of redirs) {
      if (r.op === '>&') { fds[r.fd] = fds[r.target as number] ?? { kind: 'null' }; continue; }
      if (r.op === '<<' || r.op === '<<<') { stdin = this.hereText(r, io); continue; }
      const name = this.expand([r.target as Word], io).join(' ');
      const path = resolvePath(this.cwd, name);
      if (r.op === '<' && path === '/dev/null') { stdin = ''; continue; }
      if (r.op === '<') {
        // An empty name is no file (not the directory it would resolve to).
        const r = name === '' ? { err: 'ENOENT' as const } : this.world.fs.read(path);
        if ('err' in r) {
          if (this.kind === 'dash') { io.err(`${this.prefix()}cannot open ${name}: No such file\n`); return 2; }
          // BusyBox ash words a missing file as dash does, in its own case.
          io.err(this.kind === 'bash' ? `${this.prefix()}${name}: ${STRERROR[r.err]}\n` : `${this.prefix()}can't open ${name}: ${r.err === 'ENOENT' ? 'no such file' : STRERROR[r.err]}\n`);
          return 1;
        }
        stdin = r.text;
        continue;
      }
      if (path === '/dev/null') { fds[r.fd] = { kind: 'null' }; continue; }
      if (path === '/dev/stdout' || path === '/dev/stderr') { fds[r.fd] = { kind: path === '/dev/stdout' ? 'out' : 'err' }; continue; }
      // The shell opens the file before the command runs: `>` creates or empties it, `>>` creates it if missing.
      const opened = name === '' ? 'ENOENT' : this.world.fs.write(path, '', r.op === '>>');
      if (opened) return this.cannotCreate(name, opened, io);
      fds[r.fd] = { kind: 'file', path, shown: name, text: '', append: true };
    }
    const sink = (fd: number) => (text: string): void => {
      const s = fds[fd];
      if (s.kind === 'out') io.out(text); else if (s.kind === 'err') io.err(text); else if (s.kind === 'file') s.text += text;
    };
    return {
      io: { stdin, out: sink(1), err: sink(2), input: stdin === io.stdin ? io.input : { text: stdin, pos: 0 } },
      close: () => { for (const s of new Set(Object.values(fds))) if (s.kind === 'file' && s.text) this.world.fs.write(s.path, s.text, true); },
    };
  }

  /**
   * The text a here-document or here-string gives as standard input: its body expanded (a quoted delimiter's as it
   * is), a here-string's with a newline. bash warns of a here-document the end of the script cut short, and ends
   * it with a newline; dash and BusyBox take it as it is.
   */
  private hereText(r: Redir, io: Io): string {
    const text = this.expandText((r.target as Word).parts, io);
    if (r.op === '<<<') return `${text}\n`;
    const cut = r.unterminated;
    if (!cut || this.kind !== 'bash') return text;
    io.err(`${this.arg0}: line ${cut.eof}: warning: here-document at line ${cut.line} delimited by end-of-file (wanted \`${cut.delim}')\n`);
    return text && !text.endsWith('\n') ? `${text}\n` : text;
  }

  /** A compound command with redirections of its own (`while read l; do …; done < file`), run whole. */
  private redirected(cmd: Compound, io: Io): number {
    const opened = this.redirect(cmd.redirs ?? [], io);
    if (typeof opened === 'number') return opened;
    try {
      return this.compound(cmd, undefined, undefined, opened.io) as number;
    } finally {
      opened.close();
    }
  }

  /** Runs one command: a builtin, a utility of the image, or reports it missing or not modelled. */
  private command(argv: string[], io: Io): number {
    const name = argv[0];
    const args = argv.slice(1);
    // Special builtins first, then functions, then the other builtins and the programs.
    if (SPECIAL_BUILTINS.has(name)) return this.builtin(name, args, io);
    const fn = this.functions.get(name);
    if (fn) {
      const r = this.call(fn, args, io);
      if (typeof r !== 'number') throw new Unmodelled(`a function that sleeps inside a pipeline is not modelled`);
      return r;
    }
    if (BUILTINS.has(name)) return this.builtin(name, args, io);
    if (OTHER_BUILTINS[this.kind].has(name)) throw new Unmodelled(`${name}: the ${this.kind === 'ash' ? 'BusyBox ash' : this.kind} builtin is not modelled`);
    const prog = programName(name);
    if (!prog || !this.world.userland.bins.has(prog)) {
      io.err(`${this.prefix()}${name}: ${this.kind === 'bash' ? 'command not found' : 'not found'}\n`);
      return 127;
    }
    const util = this.world.utilities.get(prog);
    if (!util) { io.err(unmodelledProgram(prog, this.world)); return 127; }
    try {
      return util({ ...io, args, sh: this });
    } catch (e) {
      if (e instanceof Unmodelled) { io.err(unmodelledText(`${prog}: ${e.message}`)); return 1; }
      throw e;
    }
  }

  /**
   * `set` with options: -e, -u, -x and -o errexit|nounset|xtrace|pipefail on (`+` off); dash has no pipefail. Other
   * options it knows, positional parameters and the listings are not modelled. A bad option is each shell's error:
   * dash and BusyBox end the script (BusyBox only for a letter), bash goes on with status 2.
   */
  private set(args: string[], io: Io): number {
    if (!args.length) throw new Unmodelled('set without options (the list of variables) is not modelled');
    const bad = (shown: string, name?: string): number => {
      if (this.kind === 'dash') this.abort(`set: Illegal option ${shown}`, io);
      if (this.kind === 'ash') {
        io.err(`${this.arg0}: set: line 0: illegal option ${shown}\n`);
        if (name === undefined) throw new AbortSignal(2);
        return 1;
      }
      if (name !== undefined) { io.err(`${this.prefix()}set: ${name}: invalid option name\n`); return 2; }
      io.err(`${this.prefix()}set: ${shown}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`);
      return 2;
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      // `--`, or the first word that is not an option: the rest are the new positional parameters.
      if (a === '--' || !/^[-+]./.test(a)) { this.params = args.slice(a === '--' ? i + 1 : i); return 0; }
      const on = a[0] === '-';
      for (const f of a.slice(1)) {
        if (f === 'o') {
          const name = args[++i];
          if (name === undefined) throw new Unmodelled(`set ${a}: the list of options is not modelled`);
          const option = name === 'errexit' || name === 'nounset' || name === 'xtrace' || (name === 'pipefail' && this.kind !== 'dash') ? name : undefined;
          if (!option) {
            if (OTHER_NAMES.has(name) && !(name === 'pipefail')) throw new Unmodelled(`set -o ${name}: the option is not modelled`);
            return bad(`-o ${name}`, name);
          }
          if (on) this.options.add(option); else this.options.delete(option);
          continue;
        }
        const option = OPTION_LETTERS[f];
        if (option) { if (on) this.options.add(option); else this.options.delete(option); continue; }
        if (OTHER_LETTERS.includes(f)) throw new Unmodelled(`set ${a[0]}${f}: the option is not modelled`);
        return bad(`${a[0]}${f}`);
      }
    }
    return 0;
  }

  /**
   * `read [-r] [NAME…]`: a line from standard input (a backslash joins the next line and quotes a character, unless
   * -r), split at IFS into the names, the last taking the rest; without names bash and BusyBox keep the whole line in
   * REPLY (dash wants a name). Status 1 at the end of input, the names then set to what was read.
   */
  private read(args: string[], io: Io): number {
    let raw = false;
    const names: string[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (!names.length && a === '-r') raw = true;
      // The prompt shows only when the input is a terminal, which it never is here.
      else if (!names.length && a === '-p') k++;
      else if (!names.length && a.startsWith('-')) throw new Unmodelled(`read ${a}: the option is not modelled`);
      else names.push(a);
    }
    if (!names.length && this.kind === 'dash') { io.err(`${this.prefix()}read: arg count\n`); return 2; }
    const { line, eof } = readLine(io.input ?? { text: io.stdin, pos: 0 }, raw);
    if (!names.length) { this.vars.set('REPLY', unescapeRead(line, raw)); return eof ? 1 : 0; }
    readFields(line, names.length, this.vars.get('IFS') ?? ' \t\n', raw).forEach((v, k) => this.vars.set(names[k], v));
    return eof ? 1 : 0;
  }

  /**
   * `trap ACTION SIGNAL…` sets an action (`''` ignores the signal), `trap - SIGNAL…` resets it. Signals by name (bash
   * and BusyBox also take a SIG prefix) or number; EXIT or 0 is the shell's end. The listings are not modelled.
   */
  private trap(args: string[], io: Io): number {
    const ops = args[0] === '--' ? args.slice(1) : args;
    if (ops.length < 2 || ops[0].startsWith('-') && ops[0] !== '-') throw new Unmodelled(`trap ${args.join(' ')}: the list of traps and a trap reset by number alone are not modelled`);
    const [action, ...signals] = ops;
    let st = 0;
    for (const spec of signals) {
      const name = signalName(spec, this.kind);
      if (name === undefined) {
        st = 1;
        if (this.kind === 'dash') io.err(`trap: ${spec}: bad trap\n`);
        else if (this.kind === 'bash') io.err(`${this.prefix()}trap: ${spec}: invalid signal specification\n`);
        else io.err(`${this.arg0}: trap: line 0: ${spec}: invalid signal specification\n`);
        continue;
      }
      if (action === '-') this.traps.delete(name); else this.traps.set(name, action);
    }
    return st;
  }

  /**
   * `eval TEXT`: the text parsed and run in this shell. A syntax error in it ends the script in dash and BusyBox,
   * and is status 2 in bash, each saying `eval` where it would say `-c`. In a container's script, a text that
   * sleeps is beyond the model (its pause would have to be kept inside the text).
   */
  private evaluate(src: string, io: Io): number {
    if (!src.trim()) return 0;
    const lists = parseScript(src, this.kind);
    if (!Array.isArray(lists)) {
      let text = '';
      const st = this.syntaxError(lists, { stdin: '', out: () => {}, err: (t) => { text += t; } }, src);
      if (this.kind === 'bash') { io.err(text.replaceAll(`${this.arg0}: -c: `, `${this.arg0}: eval: `)); return st; }
      io.err(this.kind === 'dash' ? text.replace(this.prefix(), `${this.prefix()}eval: `) : text.replace(`${this.arg0}: `, `${this.arg0}: eval: line 0: `));
      throw new AbortSignal(st);
    }
    if (this.pausing && sleepsIn(lists)) throw new Unmodelled('eval of a text that sleeps is not modelled');
    return this.lists(lists, undefined, io) as number;
  }

  private builtin(name: string, args: string[], io: Io): number {
    switch (name) {
      case 'true': case ':': return 0;
      case 'false': return 1;
      case 'pwd': io.out(this.cwd + '\n'); return 0;
      case 'exit': throw new ExitSignal(args.length ? Number(args[0]) & 255 : this.status);
      case 'export': for (const a of args) { const eq = a.indexOf('='); if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1)); } return 0;
      case 'unset': for (const a of args) this.vars.delete(a); return 0;
      case 'set': return this.set(args, io);
      case 'read': return this.read(args, io);
      case 'trap': return this.trap(args, io);
      case 'wait': return this.waitBuiltin(args, io);
      case 'kill': return this.kill(args, io);
      case 'eval': return this.evaluate(args.join(' '), io);
      case 'return': {
        const n = args.length ? Number(args[0]) & 255 : this.status;
        if (this.locals.length) throw new ReturnSignal(n);
        // Outside a function: dash and BusyBox end the script; bash refuses.
        if (this.kind === 'bash') { io.err(`${this.prefix()}return: can only \`return' from a function or sourced script\n`); return 2; }
        throw new ExitSignal(n);
      }
      case 'local': {
        const frame = this.locals[this.locals.length - 1];
        if (!frame) {
          if (this.kind === 'bash') { io.err(`${this.prefix()}local: can only be used in a function\n`); return 1; }
          if (this.kind === 'ash') { io.err(`${this.arg0}: local: line 0: not in a function\n`); throw new AbortSignal(2); }
          this.abort('local: not in a function', io);
        }
        for (const a of args) {
          const eq = a.indexOf('=');
          const name = eq < 0 ? a : a.slice(0, eq);
          if (!frame.has(name)) frame.set(name, this.vars.get(name) ?? null);
          if (eq >= 0) this.vars.set(name, a.slice(eq + 1));
        }
        return 0;
      }
      case 'shift': {
        const n = args.length ? Number(args[0]) : 1;
        if (!Number.isInteger(n) || n < 0) throw new Unmodelled(`shift ${args[0]}: only a count is modelled`);
        // More than there are: dash ends the script with its error, bash and BusyBox return 1.
        if (n > this.params.length) return this.kind === 'dash' ? this.abort("shift: can't shift that many", io) : 1;
        this.params = this.params.slice(n);
        return 0;
      }
      case 'printf': {
        const r = printf(this.kind, args, this.prefix(), this.arg0);
        io.out(r.out);
        io.err(r.err);
        return r.status;
      }
      // `exec CMD`: the command replaces the shell, so the script ends with its status.
      case 'exec': if (!args.length) return 0; throw new ExitSignal(this.command(args, io));
      case 'break': case 'continue': {
        const n = args.length ? Number(args[0]) : 1;
        if (!Number.isInteger(n) || n < 1) throw new Unmodelled(`${name} ${args[0]}: only a positive count is modelled`);
        if (this.loops === 0) {
          if (this.kind === 'bash') io.err(`${this.prefix()}${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
          return 0;
        }
        throw new LoopSignal(name === 'break', Math.min(n, this.loops));
      }
      case 'cd': {
        const dir = args[0] ?? this.vars.get('HOME') ?? '/';
        const path = resolvePath(this.cwd, dir);
        if (this.world.fs.stat(path) === 'dir') { this.cwd = path; return 0; }
        if (this.kind === 'dash') { io.err(`${this.prefix()}cd: can't cd to ${dir}\n`); return 2; }
        if (this.kind === 'bash') { io.err(`${this.prefix()}cd: ${dir}: No such file or directory\n`); return 1; }
        io.err(`${this.arg0}: cd: line 0: can't cd to ${dir}: No such file or directory\n`);
        return 2;
      }
      default: return echo(this.kind, args, io);
    }
  }
}

