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

/** What `wait` and `kill` come to: what they write to standard error and their status, or what is beyond the model. */
export type JobsResult = { err: string; status: number } | { unmodelled: string };

/**
 * `wait [PID…]` on a shell's table: collects the jobs named (every job without operands), reporting one a signal
 * ended as the shell does, and drops them from the table. A job still running counts as done (no time passes where
 * this runs). The status is the last operand's job's (127 for a pid that is no job of the shell), 0 without operands.
 */
export function collectJobs(table: JobTable, args: readonly string[], kind: ShellKind, prefix: string): JobsResult {
  if (!args.every((a) => /^\d+$/.test(a))) return { unmodelled: `wait ${args.join(' ')}: only pids are modelled` };
  let err = '';
  let status = 0;
  for (const pid of args.length ? args : table.jobs.map((j) => String(j.pid))) {
    const job = table.jobs.find((j) => String(j.pid) === pid);
    if (!job) { err += notAChild(kind, prefix, pid); status = 127; continue; }
    err += signalReport(kind, prefix, job, args.length > 0);
    table.jobs.splice(table.jobs.indexOf(job), 1);
    if (args.length) status = job.status ?? 0;
  }
  return { err, status };
}

/**
 * `kill [-s SIG | -SIG] PID…` at `now` on a shell's table: TERM, KILL or HUP ends a running job (its status 128 + the
 * signal's number), `-0` checks that it is there. A job already collected has no process; other pids (the container's
 * other processes) and other signals are beyond the model.
 */
export function killJobs(table: JobTable, args: readonly string[], now: number, kind: ShellKind, prefix: string, arg0: string): JobsResult {
  const a = killArgs(args);
  if ('usage' in a) return killUsage(kind, prefix, arg0);
  if ('unmodelled' in a) return { unmodelled: `${a.unmodelled}: only TERM, KILL and HUP to a background job of the shell are modelled` };
  let err = '';
  let status = 0;
  for (const pid of a.pids) {
    if (pid < FIRST_JOB_PID || pid >= table.next) return { unmodelled: `kill ${pid}: only the shell's own background jobs are modelled` };
    const job = table.jobs.find((j) => j.pid === pid);
    if (!job) { err += noSuchProcess(kind, prefix, arg0, pid); status = 1; continue; }
    // A job that ended and was not collected is still there to signal, to no effect.
    if (a.signal && job.status === undefined && job.endsAt > now) Object.assign(job, { endsAt: now, status: signalStatus(a.signal), signal: a.signal });
  }
  return { err, status };
}
