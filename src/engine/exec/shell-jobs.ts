// A shell's background jobs as the model runs them: `sleep N &` (a sleep that ends at a virtual time) and commands
// that end at once, `$!`, `wait` and `kill` on them, with each shell's texts. Pure rules and plain data; the shell
// (shell.ts) keeps the table and pauses a container's script at a `wait`.
import type { ShellKind } from './shell.ts';

/**
 * A background job: its process id, its command as written (bash names it when it reports a signal), when its sleep
 * ends (virtual ms; Infinity for `sleep infinity`), and once it ended, its status and the signal that ended it.
 */
export interface Job { pid: number; cmd: string; endsAt: number; status?: number; signal?: string }

/** The jobs a shell started and has not waited for, the last one's pid (`$!`) and the next pid. Plain data. */
export interface JobTable { jobs: Job[]; last?: number; next: number }

/**
 * The first pid a shell gives a background job. A container's script is PID 1 of its pid namespace; the pids its
 * children get depend on every process forked before them, which the model does not count, so this one is a stand-in.
 */
export const FIRST_JOB_PID = 7;

/** A new, empty job table. */
export const newJobTable = (): JobTable => ({ jobs: [], next: FIRST_JOB_PID });

/** The signals `kill` sends to a job in the model, by name, with their numbers and the words a shell reports them with. */
const SIGNALS: Readonly<Record<string, { n: number; word: string }>> = {
  HUP: { n: 1, word: 'Hangup' }, KILL: { n: 9, word: 'Killed' }, TERM: { n: 15, word: 'Terminated' },
};

/** A signal named as `kill` takes it (`TERM`, `SIGTERM`, `15`), as its name; undefined for one the model does not send. */
export function signalByName(spec: string): string | undefined {
  const name = spec.toUpperCase().replace(/^SIG/, '');
  if (SIGNALS[name]) return name;
  return Object.keys(SIGNALS).find((k) => String(SIGNALS[k].n) === spec);
}

/** The status a job ended by `signal` has (128 + its number). */
export const signalStatus = (signal: string): number => 128 + SIGNALS[signal].n;

/** `kill`'s operands: the signal and the pids, a usage error, or what the model does not run (`-l`, job specs, other signals). */
export type KillArgs = { signal: string | undefined; pids: number[] } | { usage: true } | { unmodelled: string };

/** Reads `kill [-s SIG | -SIG | -N] PID…` (undefined signal: `-0`, which only checks that the process exists). */
export function killArgs(args: readonly string[]): KillArgs {
  let i = 0;
  let signal: string | undefined = 'TERM';
  if (args[0] === '-s') {
    if (args[1] === undefined) return { usage: true };
    const s = signalByName(args[1]);
    if (!s) return { unmodelled: `kill -s ${args[1]}` };
    signal = s;
    i = 2;
  } else if (args[0] === '-0') {
    signal = undefined;
    i = 1;
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const s = signalByName(args[0].slice(1));
    if (!s) return { unmodelled: `kill ${args[0]}` };
    signal = s;
    i = 1;
  }
  if (args[i] === '--') i++;
  const rest = args.slice(i);
  if (!rest.length) return { usage: true };
  const pids: number[] = [];
  for (const a of rest) {
    if (!/^\d+$/.test(a)) return { unmodelled: `kill ${a}` };
    pids.push(Number(a));
  }
  return { signal, pids };
}

/** `kill` without a pid: each shell's usage text (standard error) and status. */
export function killUsage(kind: ShellKind, prefix: string, arg0: string): { err: string; status: number } {
  if (kind === 'dash') return { err: `${prefix}kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n`, status: 2 };
  if (kind === 'bash') return { err: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n', status: 2 };
  return { err: `${arg0}: you need to specify whom to kill\n`, status: 1 };
}

/** `kill` of a pid with no process: each shell's error (`prefix`: the shell's diagnostic prefix). */
export function noSuchProcess(kind: ShellKind, prefix: string, arg0: string, pid: number): string {
  if (kind === 'dash') return `${prefix}kill: No such process\n\n`;
  if (kind === 'bash') return `${prefix}kill: (${pid}) - No such process\n`;
  return `${arg0}: can't kill pid ${pid}: No such process\n`;
}

/**
 * What a shell writes when `wait` collects a job a signal ended: dash and BusyBox the signal's word, when the job was
 * named (`wait PID`); bash nothing for TERM, else its job line (`PID Killed                  CMD`), either way.
 */
export function signalReport(kind: ShellKind, prefix: string, job: Job, named: boolean): string {
  if (!job.signal) return '';
  const word = SIGNALS[job.signal].word;
  if (kind !== 'bash') return named ? `${word}\n` : '';
  return job.signal === 'TERM' ? '' : `${prefix}${String(job.pid).padStart(5)} ${word.padEnd(24)}${job.cmd}\n`;
}

/** `wait PID` for a pid that is not a job of this shell: bash's error (dash and BusyBox say nothing); status 127. */
export const notAChild = (kind: ShellKind, prefix: string, pid: string): string =>
  (kind === 'bash' ? `${prefix}wait: pid ${pid} is not a child of this shell\n` : '');
