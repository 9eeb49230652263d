// The shells' rules that are plain functions of text, apart from the interpreter that follows them: patterns (case
// arms, `${VAR#pattern}`), the tables of builtins and options, xtrace's quoting, read's line and fields, echo, and the
// names of signals, field splitting at IFS. Each as dash, bash and BusyBox ash have it.
import type { Io, ShellKind } from './shell.ts';

/**
 * A shell pattern (case arms, `${VAR#pattern}`) as a regular expression body: `*`, `?` and bracket expressions
 * (`[a-z]`, `[!0-9]`) from the unquoted text, every quoted character literal.
 */
export function patternSource(pieces: ReadonlyArray<{ text: string; quoted: boolean }>): string {
  let re = '';
  for (const { text, quoted } of pieces) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) { re += escapeRe(ch); continue; }
      if (ch === '*') re += '[\\s\\S]*';
      else if (ch === '?') re += '[\\s\\S]';
      else if (ch === '[') {
        const close = text.indexOf(']', i + (text[i + 1] === '!' || text[i + 1] === '^' ? 3 : 2));
        if (close < 0) { re += '\\['; continue; }
        let body = text.slice(i + 1, close);
        const negate = body[0] === '!' || body[0] === '^';
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = close;
      } else if (ch === '\\') { re += escapeRe(text[i + 1] ?? '\\'); i++; }
      else re += escapeRe(ch);
    }
  }
  return re;
}

export const escapeRe = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `${VAR#pat}` and the others: the shortest or longest prefix (`#`) or suffix (`%`) that matches `pat` (a regex body), removed. */
export function trimPattern(v: string, op: '#' | '##' | '%' | '%%', pat: string): string {
  const re = new RegExp(`^(?:${pat})$`);
  const n = v.length;
  if (op === '#') { for (let i = 0; i <= n; i++) if (re.test(v.slice(0, i))) return v.slice(i); }
  if (op === '##') { for (let i = n; i >= 0; i--) if (re.test(v.slice(0, i))) return v.slice(i); }
  if (op === '%') { for (let i = n; i >= 0; i--) if (re.test(v.slice(i))) return v.slice(0, i); }
  if (op === '%%') { for (let i = 0; i <= n; i++) if (re.test(v.slice(i))) return v.slice(0, i); }
  return v;
}

export const BUILTINS = new Set(['echo', 'cd', 'pwd', 'exit', 'export', 'true', 'false', ':', 'unset', 'break', 'continue', 'exec', 'set', 'read', 'printf', 'trap', 'shift',
  'return', 'local', 'eval', 'wait', 'kill']);
/** The special builtins the model runs: a function of the same name does not hide them. */
export const SPECIAL_BUILTINS = new Set([':', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'return', 'set', 'shift', 'trap', 'unset']);

/** The shell options the model runs (`set -e`, `-u`, `-x`, `-o pipefail`). */
export type ShellOption = 'errexit' | 'nounset' | 'xtrace' | 'pipefail';
export const OPTION_LETTERS: Readonly<Record<string, ShellOption>> = { e: 'errexit', u: 'nounset', x: 'xtrace' };
// The options `set` knows but the model does not run, by letter and by name.
export const OTHER_LETTERS = 'abfhkmnpvBCEHPT';
export const OTHER_NAMES = new Set(['allexport', 'notify', 'noglob', 'hashall', 'keyword', 'monitor', 'noexec', 'privileged', 'verbose',
  'braceexpand', 'noclobber', 'errtrace', 'histexpand', 'physical', 'functrace', 'ignoreeof', 'interactive-comments', 'emacs', 'vi', 'posix', 'history', 'nolog', 'onecmd']);

// The builtins of each shell the model does not run: they are the shell's own, so never "not found".
const SHARED_BUILTINS = ['.', 'alias', 'bg', 'command', 'fg', 'getopts', 'hash', 'jobs', 'readonly', 'times', 'type', 'ulimit', 'umask', 'unalias'];
export const OTHER_BUILTINS: Readonly<Record<ShellKind, ReadonlySet<string>>> = {
  dash: new Set(SHARED_BUILTINS),
  ash: new Set([...SHARED_BUILTINS, 'source', 'let', 'help', 'history', 'chdir', '[[']),
  bash: new Set([...SHARED_BUILTINS, 'source', 'let', 'help', 'history', 'declare', 'typeset', 'shopt', 'mapfile', 'readarray', 'builtin',
    'caller', 'compgen', 'complete', 'compopt', 'dirs', 'disown', 'enable', 'logout', 'popd', 'pushd', 'suspend']),
};

// The characters bash's and BusyBox's xtrace print a word with unquoted (anything else gets single quotes).
export const BASH_PLAIN = /^[A-Za-z0-9_@%+:,=./-]+$|^[^\x00-\x7f]+$/;
export const ASH_PLAIN = /^[A-Za-z0-9_@+:,./^\]-]+$/;

/** The `set` commands that turn `options` on (`set -eux; set -o pipefail; `), or '' for none. */
export function setCommands(options: readonly ShellOption[]): string {
  const letters = Object.keys(OPTION_LETTERS).filter((l) => options.includes(OPTION_LETTERS[l])).join('');
  return (letters ? `set -${letters}; ` : '') + (options.includes('pipefail') ? 'set -o pipefail; ' : '');
}

/** A word as xtrace shows it: dash as it is; bash and BusyBox single-quote one with a character outside their plain set. */
export function traceQuote(kind: ShellKind, w: string): string {
  if (kind === 'dash') return w;
  if (kind === 'bash') {
    if (w === '') return "''";
    return BASH_PLAIN.test(w) && w[0] !== '#' && w[0] !== '~' ? w : `'${w.replace(/'/g, "'\\''")}'`;
  }
  return w === '' || ASH_PLAIN.test(w) ? w : `'${w.replace(/'/g, `'"'"'`)}'`;
}

/**
 * The line `read` takes from its input, moving the input on: up to a newline, a backslash at the end joining the
 * next line unless `raw`; `eof` when the input ended before a newline.
 */
export function readLine(input: { text: string; pos: number }, raw: boolean): { line: string; eof: boolean } {
  let line = '';
  for (;;) {
    const nl = input.text.indexOf('\n', input.pos);
    const chunk = input.text.slice(input.pos, nl < 0 ? undefined : nl);
    input.pos = nl < 0 ? input.text.length : nl + 1;
    // An odd run of backslashes at the end of a line joins the next one.
    if (!raw && nl >= 0 && /(^|[^\\])(\\\\)*\\$/.test(chunk)) { line += chunk.slice(0, -1); continue; }
    return { line: line + chunk, eof: nl < 0 };
  }
}

// A line's characters, a backslash quoting the next one unless `raw`.
function readChars(line: string, raw: boolean): Array<{ c: string; quoted: boolean }> {
  const chars: Array<{ c: string; quoted: boolean }> = [];
  for (let i = 0; i < line.length; i++) {
    if (!raw && line[i] === '\\') { if (i + 1 < line.length) chars.push({ c: line[++i], quoted: true }); continue; }
    chars.push({ c: line[i], quoted: false });
  }
  return chars;
}

/** A line as `read` keeps it whole (REPLY): its backslashes taken away unless `raw`. */
export const unescapeRead = (line: string, raw: boolean): string => readChars(line, raw).map((x) => x.c).join('');

/** A line split at IFS into `count` fields, the last taking the rest (IFS white space around fields trimmed). */
export function readFields(line: string, count: number, ifs: string, raw: boolean): string[] {
  const chars = readChars(line, raw);
  const text = (from: number, to = chars.length): string => chars.slice(from, to).map((x) => x.c).join('');
  const sep = (i: number): boolean => i < chars.length && !chars[i].quoted && ifs.includes(chars[i].c);
  const white = (i: number): boolean => sep(i) && ' \t\n'.includes(chars[i].c);
  const out: string[] = [];
  let i = 0;
  while (white(i)) i++;
  for (let k = 0; k < count; k++) {
    if (k === count - 1) {
      let end = chars.length;
      while (end > i && white(end - 1)) end--;
      out.push(text(i, end));
      i = chars.length;
      continue;
    }
    const start = i;
    while (i < chars.length && !sep(i)) i++;
    out.push(text(start, i));
    while (white(i)) i++;
    if (sep(i)) { i++; while (white(i)) i++; }
  }
  return out;
}

// Linux's signals by number, as `trap` and `kill -l` name them.
const SIGNALS = ['EXIT', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS'];

/** A trap's signal by name or number (bash and BusyBox also take `SIGTERM`), or undefined when the shell knows none. */
export function signalName(spec: string, kind: ShellKind): string | undefined {
  if (/^\d+$/.test(spec)) return SIGNALS[Number(spec)];
  const name = kind !== 'dash' && spec.startsWith('SIG') ? spec.slice(3) : spec;
  return SIGNALS.includes(name) ? name : undefined;
}

/** `echo`: dash's interprets backslash escapes and takes only -n; bash's and BusyBox's take -n, -e and -E. */
export function echo(kind: ShellKind, args: string[], io: Io): number {
  let newline = true;
  let escapes = kind === 'dash';
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a) || (kind === 'dash' && a !== '-n')) break;
    for (const f of a.slice(1)) { if (f === 'n') newline = false; else if (f === 'e') escapes = true; else escapes = false; }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) { text = text.slice(0, cut); newline = false; }
    text = text.replace(/\\(0[0-7]{0,3}|[abfnrtv\\])/g, (_, e: string) =>
      e[0] === '0' ? String.fromCharCode(parseInt(e, 8) || 0) : ({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' } as Record<string, string>)[e]);
  }
  io.out(text + (newline ? '\n' : ''));
  return 0;
}

/**
 * Field splitting of an expansion's text at IFS: white space in IFS (space, tab, newline) separates and is trimmed;
 * each other IFS character is a delimiter of its own (with the white space around it). The pieces between the
 * delimiters and, per delimiter, whether it had such a character (`hard`: the field before it counts even when empty).
 * An empty IFS splits nothing.
 */
export function splitFields(text: string, ifs: string): { pieces: string[]; hard: boolean[] } {
  if (ifs === '') return { pieces: [text], hard: [] };
  const white = [...ifs].filter((ch) => ' \t\n'.includes(ch)).map(escapeRe).join('');
  const other = [...ifs].filter((ch) => !' \t\n'.includes(ch)).map(escapeRe).join('');
  const ws = white ? `[${white}]` : '';
  const delim = new RegExp([other ? `${ws ? `${ws}*` : ''}[${other}]${ws ? `${ws}*` : ''}` : '', ws ? `${ws}+` : ''].filter(Boolean).join('|'), 'g');
  const pieces: string[] = [];
  const hard: boolean[] = [];
  let at = 0;
  for (const m of text.matchAll(delim)) {
    pieces.push(text.slice(at, m.index));
    hard.push(!!other && new RegExp(`[${other}]`).test(m[0]));
    at = m.index + m[0].length;
  }
  pieces.push(text.slice(at));
  return { pieces, hard };
}
