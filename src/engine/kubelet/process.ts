// How long an init container's process runs and how it exits, read from its command the way a reader of the
// manifest would: `sleep 5` lasts five seconds, `exit 1` fails, busybox without a command exits at once, a
// server (nginx) or a wait loop never ends by itself. A small, deterministic model, not a shell: every test
// and utility succeeds at once (so an `if` takes its first branch and `else`/`elif` branches are skipped), a
// `for` body counts once, `while`/`until` loops never end, a pipeline lasts as long as its longest member and
// exits with its last, `cmd &` runs in the background until `wait`, and redirections are ignored.
import type { Container } from 'kubernetes-types/core/v1';
import type { ImageInfo } from './images.ts';
import { nginxMode } from '../exec/nginx.ts';

/** How a process ends by itself: after `ms` with `exitCode`, or never (it runs until it is signalled). */
export type ProcessEnd = { ms: number; exitCode: number } | 'forever';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
// Programs that serve until they are stopped, whatever image runs them.
const DAEMONS = new Set(['mysqld', 'httpd', 'redis-server', 'postgres', 'mongod']);
// Utilities that finish at once; run directly as an image's command, they replace its server.
const QUICK = new Set([
  'echo', 'printf', 'cp', 'mv', 'rm', 'mkdir', 'touch', 'cat', 'ls', 'chmod', 'chown', 'ln', 'date', 'hostname', 'env', 'id',
  'true', 'wget', 'curl', 'nslookup', 'test', '[', '[[', 'tee', 'sed', 'grep', 'awk', 'find', 'tar', 'gzip', 'sync', 'df', 'du',
  'stat', 'whoami', 'uname', 'pwd', ':', 'cd', 'export', 'set', 'printenv', 'install',
]);
// Shell words that only shape control flow; the commands they wrap still run.
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', '{', '}', '!', 'time']);

/**
 * Splits a script into simple commands with the operator that follows each (`;`, `&&`, `||`, `|` or `&`),
 * quotes respected; redirections (`> f`, `2>&1`, `&> f`, `< f`) are dropped with their targets.
 */
function segments(script: string): { words: string[]; op: string }[] {
  const out: { words: string[]; op: string }[] = [];
  let words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  let target = false; // the next word is a redirection's target
  const endWord = (): void => {
    if (inWord && !target) words.push(word);
    else if (inWord) target = false; // a redirection's target: dropped
    word = '';
    inWord = false;
  };
  const endCmd = (op: string): void => { endWord(); target = false; if (words.length) out.push({ words, op }); words = []; };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") { quote = ch; inWord = true; continue; }
    if (ch === '#' && !inWord) { while (i < script.length && script[i] !== '\n') i++; endCmd(';'); continue; }
    if (ch === '\n' || ch === ';') { endCmd(';'); continue; }
    if (ch === '>' || ch === '<' || (ch === '&' && script[i + 1] === '>')) {
      // A redirection: a file-descriptor number just before it belongs to it, and so does the word after it.
      if (inWord && /^\d+$/.test(word)) { word = ''; inWord = false; } else endWord();
      while (i + 1 < script.length && '<>&|'.includes(script[i + 1])) i++;
      if (script[i] === '&' && /\d/.test(script[i + 1] ?? '')) {
        while (/\d/.test(script[i + 1] ?? '')) i++; // `>&2`, `2>&1`: a descriptor, not a file
        continue;
      }
      target = true;
      continue;
    }
    if ((ch === '&' || ch === '|') && script[i + 1] === ch) { endCmd(ch + ch); i++; continue; }
    if (ch === '|' || ch === '&') { endCmd(ch); continue; }
    if (ch === ' ' || ch === '\t') { endWord(); continue; }
    word += ch;
    inWord = true;
  }
  endCmd(';');
  return out;
}

/** Seconds of a `sleep` operand (`5`, `1.5`, `2m`, `1h`), Infinity for `infinity`, NaN when unreadable. */
export function sleepSeconds(arg: string | undefined): number {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg ?? '');
  if (!m) return NaN;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
}

type Step = { ms: number; status: number; end?: 'exit' | 'forever' };

/** One simple command: its duration and exit status, or that it never returns. */
function runCommand(words: string[], server: boolean, direct: boolean): Step {
  let w = words;
  while (w.length && KEYWORDS.has(w[0])) w = w.slice(1);
  while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) w = w.slice(1); // VAR=value prefixes
  if (w.length === 0) return { ms: 0, status: 0 };
  const exec = w[0] === 'exec';
  if (exec) w = w.slice(1);
  const prog = (w[0] ?? '').split('/').pop() ?? '';
  let step: Step;
  switch (prog) {
    case 'while': case 'until': step = { ms: 0, status: 0, end: 'forever' }; break; // waits for something the simulation does not model
    case 'sleep': {
      const s = w.slice(1).reduce((sum, a) => sum + sleepSeconds(a), 0);
      step = s === Infinity ? { ms: 0, status: 0, end: 'forever' } : Number.isNaN(s) ? { ms: 0, status: 1 } : { ms: Math.round(s * 1000), status: 0 };
      break;
    }
    case 'exit': step = { ms: 0, status: Number.parseInt(w[1] ?? '0', 10) & 255 || 0, end: 'exit' }; break;
    case 'false': step = { ms: 0, status: 1 }; break;
    case 'tail': step = w.includes('-f') || w.includes('-F') ? { ms: 0, status: 0, end: 'forever' } : { ms: 0, status: 0 }; break;
    case 'nc': case 'ncat': step = w.some((a) => a === '-l' || a === '--listen') ? { ms: 0, status: 0, end: 'forever' } : { ms: 0, status: 0 }; break;
    // nginx serves in the foreground only with `daemon off;`; else it forks a daemon and the process started exits 0.
    case 'nginx': case 'nginx-debug': step = nginxMode(w) === 'foreground' ? { ms: 0, status: 0, end: 'forever' } : { ms: 0, status: 0 }; break;
    default:
      if (SHELLS.has(prog)) { step = shellRun(w, server); break; }
      // A daemon serves until stopped; so does a server image's own program given directly as the command.
      if ((DAEMONS.has(prog) && !w.slice(1).some((a) => a === '-t' || a === '-v' || a === '-V' || a === '-s')) || (direct && server && !QUICK.has(prog))) {
        step = { ms: 0, status: 0, end: 'forever' };
      } else step = { ms: 0, status: 0 }; // echo, cp, wget, mkdir, chown …: done at once
  }
  return exec && !step.end ? { ...step, end: 'exit' } : step;
}

/** Commands joined by `|` run together: the pipeline lasts as long as the longest, exits with the last one's status. */
function pipeline(cmds: string[][], server: boolean): Step {
  if (cmds.length === 1) return runCommand(cmds[0], server, false);
  const steps = cmds.map((w) => runCommand(w, server, false));
  // Each member runs in a subshell: an `exit` there ends only that member.
  if (steps.some((s) => s.end === 'forever')) return { ms: 0, status: 0, end: 'forever' };
  return { ms: Math.max(...steps.map((s) => s.ms)), status: steps[steps.length - 1].status };
}

/** The first option argument that carries `c` (`-c`, `-ec`, `-euxc`): the next argument is the script. */
const scriptFlag = (argv: string[]): number => argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));

/** A shell invocation: `sh -c SCRIPT` runs the script; a shell given a script file, or none, is taken to exit 0 at once. */
function shellRun(argv: string[], server: boolean): Step {
  const c = scriptFlag(argv);
  if (c < 0) return { ms: 0, status: 0 };
  const script = argv[c + 1] ?? '';
  let ms = 0;
  let status = 0;
  let errexit = argv.slice(1, c + 1).some((a) => /^-[a-z]*e/.test(a));
  let skip = false;
  // Virtual ms at which the background jobs (`cmd &`) are all done; Infinity when one never ends.
  let background = 0;
  // Depth of the `if` blocks being skipped from an `else` or `elif` (see the file header).
  let skipIf = 0;
  let piped: string[][] = [];
  for (const seg of segments(script)) {
    const first = seg.words[0];
    if (skipIf > 0) {
      if (first === 'if') skipIf++;
      else if (first === 'fi') skipIf--;
      continue;
    }
    if (first === 'else' || first === 'elif') { skipIf = 1; continue; }
    if (seg.op === '|') { if (!skip) piped.push(seg.words); continue; }
    const cmds = [...piped, seg.words];
    piped = [];
    if (!skip) {
      if (first === 'set') errexit = errexit || seg.words.some((a) => /^-[a-z]*e/.test(a)) || seg.words.includes('errexit');
      let r: Step;
      if (cmds.length === 1 && first === 'wait') {
        r = background === Infinity ? { ms: 0, status: 0, end: 'forever' } : { ms: Math.max(0, background - ms), status: 0 };
      } else r = pipeline(cmds, server);
      if (seg.op === '&') {
        // In the background: the script goes on at once, and an `exit` there ends only the job.
        background = Math.max(background, r.end === 'forever' ? Infinity : ms + r.ms);
        r = { ms: 0, status: 0 };
      }
      ms += r.ms;
      status = r.status;
      if (r.end) return { ms, status, end: r.end };
      if (errexit && status !== 0 && seg.op === ';') return { ms, status, end: 'exit' };
    }
    // `a && b` runs b only when a succeeded, `a || b` only when it failed.
    skip = (seg.op === '&&' && status !== 0) || (seg.op === '||' && status === 0);
  }
  return { ms, status };
}

/**
 * Whether a command, read as the process model reads it, starts nginx (in the foreground or as a daemon): for a
 * script the model cannot run itself, whether nginx serves while its container runs.
 */
export function startsNginx(argv: readonly string[]): boolean {
  const words = (w: string[]): string[] => {
    let x = w;
    while (x.length && (KEYWORDS.has(x[0]) || x[0] === 'exec' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(x[0]))) x = x.slice(1);
    return x;
  };
  const c = SHELLS.has(argv[0]?.split('/').pop() ?? '') ? scriptFlag([...argv]) : -1;
  const cmds = c < 0 ? [[...argv]] : segments(argv[c + 1] ?? '').map((s) => s.words);
  return cmds.some((w) => { const m = nginxMode(words(w)); return m === 'foreground' || m === 'daemon'; });
}

/** Whether a command is a shell given no script (`sh`, `/bin/sh -i`, not `sh -c …`): it reads its standard input. */
export function shellReadingStdin(argv: readonly string[]): boolean {
  return argv.length > 0 && SHELLS.has(argv[0].split('/').pop() ?? '') && scriptFlag([...argv]) < 0;
}

/**
 * The command of a container's own process when it is a shell reading its standard input (what `kubectl run -i`
 * and `attach -i` talk to): its command and args, or `sh` for an image whose default process is a shell (busybox).
 * Undefined for any other process.
 */
export function stdinShellOf(argv: readonly string[], info: ImageInfo | undefined): string[] | undefined {
  if (argv.length) return shellReadingStdin(argv) ? [...argv] : undefined;
  return info?.process === 'shell' ? ['sh'] : undefined;
}

/**
 * How the container's process ends by itself, given its image and command. Without a command, the image's
 * default process: a server never ends, a shell image (busybox) exits 0 at once. With one, a small reading of
 * the command (see the file header). Pure and deterministic.
 */
export function processEnd(info: ImageInfo, container: Container): ProcessEnd {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const server = info.process === 'server';
  // A shell with its standard input kept open (`stdin: true`, as `kubectl run -i` asks) waits on it until it closes.
  const readsStdin = (argv.length === 0 && !server) || shellReadingStdin(argv);
  if (container.stdin && readsStdin) return 'forever';
  if (argv.length === 0) return server ? 'forever' : { ms: 0, exitCode: 0 };
  const r = runCommand(argv, server, true);
  return r.end === 'forever' ? 'forever' : { ms: r.ms, exitCode: r.status };
}
