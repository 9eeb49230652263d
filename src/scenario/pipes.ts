// The commands a kubectl line may be piped into, as on a learner's own shell: `grep`, `head`, `tail`, `wc` and
// `base64` (`kubectl get pods -o yaml | grep image`, `kubectl get secret db -o jsonpath='{.data.password}' | base64
// -d`). Each sees kubectl's standard output line by line; standard error passes by, as it does in a terminal. Given
// file operands, they read the terminal's own files instead (`grep image web.yaml`, `wc -l web.yaml`). Models
// GNU grep (basic, extended and fixed patterns; -i -v -c -n -w -e), GNU head/tail (-n N, -N), GNU wc (-l -w -m -c)
// and GNU base64 (-d, -i, -w), with their error texts and exit statuses.
import type { OutputChunk } from '../kubectl/types.ts';
import { base64Encode, utf8Bytes, utf8String } from '../engine/api/base64.ts';
import type { PipeCommand } from './shell-commands.ts';

/** One command of the pipeline: fed complete lines, it returns what it prints now; `end` flushes the rest. */
interface Stage {
  write(line: string): string;
  end(): string;
  /** The exit status once the input has ended. */
  status(): number;
  /** Whether it wants no more input (head has printed its lines): the commands before it may stop. */
  full?(): boolean;
  /** What it wrote on standard error once the input ended, if anything. */
  error?(): string;
}

/** A pipeline that could not start: the error text on standard error and the exit status. */
interface Failure { error: string; status: number }

/** Reads a file of the terminal's machine (null: there is none); absent where there are no files. */
export type ReadFile = (path: string) => string | null;

// A text's lines, each with its line break (the last may have none).
const linesOf = (text: string): string[] => (text ? text.split(/(?<=\n)/) : []);

/**
 * A stage that reads its file operands instead of the pipe (as the tools do when given files): everything it prints
 * comes at the end. `each` prints for one file's text (`shown`: how many files it printed before); a missing file's
 * error goes to standard error and makes the status `missingStatus`.
 */
function fromFiles(files: readonly string[], read: ReadFile, missing: (f: string) => string, missingStatus: number,
  each: (name: string, text: string, shown: number) => string, status: () => number): Stage {
  let out = '', err = '', failed = false, shown = 0;
  for (const f of files) {
    const text = read(f);
    if (text === null) { err += missing(f); failed = true; continue; }
    out += each(f, text, shown++);
  }
  return { write: () => '', end: () => out, status: () => (failed ? missingStatus : status()), error: () => err };
}

const GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const GREP_LONG: Readonly<Record<string, string>> = {
  '--ignore-case': 'i', '--invert-match': 'v', '--count': 'c', '--line-number': 'n', '--word-regexp': 'w',
  '--extended-regexp': 'E', '--fixed-strings': 'F', '--basic-regexp': 'G',
};

// A POSIX basic regular expression as a JavaScript one: `\( \) \{ \} \| \+ \?` are the operators there (GNU) and
// the bare characters literals; brackets are copied as they are.
function basicToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\' && i + 1 < p.length) {
      const next = p[++i];
      out += '(){}|+?'.includes(next) ? next : `\\${next}`;
    } else if ('(){}|+?'.includes(ch)) out += `\\${ch}`;
    else if (ch === '[') {
      // A bracket expression runs to the first `]` that is not its first member.
      let j = i + 1;
      if (p[j] === '^') j++;
      if (p[j] === ']') j++;
      while (j < p.length && p[j] !== ']') j++;
      out += p.slice(i, j + 1);
      i = j;
    } else out += ch;
  }
  return out;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function grep(args: readonly string[], read?: ReadFile): Stage | Failure {
  const flags = new Set<string>();
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e') {
      if (i + 1 >= args.length) return { error: `grep: option requires an argument -- 'e'\n${GREP_USAGE}`, status: 2 };
      pattern = args[++i];
    } else if (a.startsWith('--') && a.length > 2) {
      if (!GREP_LONG[a]) return { error: `grep: unrecognized option '${a}'\n${GREP_USAGE}`, status: 2 };
      flags.add(GREP_LONG[a]);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (!'ivcnwEFG'.includes(f)) return { error: `grep: invalid option -- '${f}'\n${GREP_USAGE}`, status: 2 };
        flags.add(f);
      }
    } else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined) return { error: GREP_USAGE, status: 2 };
  // Files are read instead of the pipe (`-` is standard input); without a machine to read them, none exists.
  const named = files.filter((f) => f !== '-');
  if (named.length && !read) return { error: named.map((f) => `grep: ${f}: No such file or directory\n`).join(''), status: 2 };
  let source = flags.has('F') ? escapeRegex(pattern) : flags.has('E') ? pattern : basicToJs(pattern);
  if (flags.has('w')) source = `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.has('i') ? 'iu' : 'u');
  } catch {
    return { error: 'grep: Invalid regular expression\n', status: 2 };
  }
  let selected = 0;
  // One line (its break included, if any), line number `n`: what grep prints of it (after `prefix`; nothing under
  // -c), or undefined when it is not selected. A last line without a break gets one, as GNU grep prints it.
  const pick = (line: string, n: number, prefix = ''): string | undefined => {
    const text = line.endsWith('\n') ? line.slice(0, -1) : line;
    if (re.test(text) === flags.has('v')) return undefined;
    selected++;
    return flags.has('c') ? '' : `${prefix}${flags.has('n') ? `${n}:` : ''}${text}\n`;
  };
  if (named.length) {
    // Files: each one's lines, or its count, after its name when there are several.
    return fromFiles(files, (f) => (f === '-' ? '' : read!(f)), (f) => `grep: ${f}: No such file or directory\n`, 2, (f, text) => {
      const prefix = files.length > 1 ? `${f}:` : '';
      const before = selected;
      const out = linesOf(text).map((l, i) => pick(l, i + 1, prefix) ?? '').join('');
      return flags.has('c') ? `${prefix}${selected - before}\n` : out;
    }, () => (selected > 0 ? 0 : 1));
  }
  let n = 0;
  return {
    write: (line) => pick(line, ++n) ?? '',
    end: () => (flags.has('c') ? `${selected}\n` : ''),
    status: () => (selected > 0 ? 0 : 1),
  };
}

// The line count of head/tail: `-n N`, `-nN`, `--lines=N` or `-N` (10 when not given), and their file operands.
function lineCount(cmd: 'head' | 'tail', args: readonly string[], read?: ReadFile): { n: number; files: string[] } | Failure {
  let count = '10';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') {
      if (i + 1 >= args.length) return { error: `${cmd}: option requires an argument -- 'n'\nTry '${cmd} --help' for more information.\n`, status: 1 };
      count = args[++i];
    } else if (a.startsWith('-n')) count = a.slice(2);
    else if (a.startsWith('--lines=')) count = a.slice('--lines='.length);
    else if (/^-\d+$/.test(a)) count = a.slice(1);
    else if (a.startsWith('-') && a.length > 1) return { error: `${cmd}: invalid option -- '${a[1]}'\nTry '${cmd} --help' for more information.\n`, status: 1 };
    else if (a !== '-' && !read) return { error: `${cmd}: cannot open '${a}' for reading: No such file or directory\n`, status: 1 };
    else if (a !== '-') files.push(a);
  }
  if (!/^\+?\d+$/.test(count)) return { error: `${cmd}: invalid number of lines: ‘${count}’\n`, status: 1 };
  return { n: Number(count), files };
}

// head or tail of files: each one's lines, under a `==> NAME <==` header when there are several.
function endsOfFiles(cmd: 'head' | 'tail', n: number, files: readonly string[], read: ReadFile): Stage {
  return fromFiles(files, read, (f) => `${cmd}: cannot open '${f}' for reading: No such file or directory\n`, 1, (f, text, i) => {
    const lines = linesOf(text);
    const part = (cmd === 'head' ? lines.slice(0, n) : n ? lines.slice(-n) : []).join('');
    return files.length > 1 ? `${i ? '\n' : ''}==> ${f} <==\n${part}` : part;
  }, () => 0);
}

function head(args: readonly string[], read?: ReadFile): Stage | Failure {
  const c = lineCount('head', args, read);
  if ('error' in c) return c;
  const n = c.n;
  if (c.files.length) return endsOfFiles('head', n, c.files, read!);
  let printed = 0;
  return {
    write: (line) => (printed < n ? (printed++, line) : ''),
    end: () => '',
    status: () => 0,
    full: () => printed >= n,
  };
}

function tail(args: readonly string[], read?: ReadFile): Stage | Failure {
  const c = lineCount('tail', args, read);
  if ('error' in c) return c;
  const n = c.n;
  if (c.files.length) return endsOfFiles('tail', n, c.files, read!);
  const kept: string[] = [];
  return {
    write(line) {
      kept.push(line);
      if (kept.length > n) kept.shift();
      return '';
    },
    end: () => kept.join(''),
    status: () => 0,
  };
}

function wc(args: readonly string[], read?: ReadFile): Stage | Failure {
  const want = new Set<string>();
  // `-` names standard input: the counts are then followed by its name.
  let named = false;
  const files: string[] = [];
  for (const a of args) {
    if (a === '-') { named = true; continue; }
    if (!a.startsWith('-') && read) { files.push(a); continue; }
    if (!a.startsWith('-')) return { error: `wc: ${a}: No such file or directory\n`, status: 1 };
    for (const f of a.slice(1)) {
      if (!'lwmc'.includes(f)) return { error: `wc: invalid option -- '${f}'\nTry 'wc --help' for more information.\n`, status: 1 };
      want.add(f);
    }
  }
  if (want.size === 0) ['l', 'w', 'c'].forEach((f) => want.add(f));
  const utf8 = new TextEncoder();
  if (files.length) {
    // Files: each one's counts and name, then a total when there are several; the columns are as wide as the
    // total size's digits (one count of one file: no padding), as GNU wc sizes them from the files' sizes.
    const texts = files.map((f) => read!(f));
    const size = texts.reduce((n, t) => n + (t === null ? 0 : utf8.encode(t).length), 0);
    const width = files.length === 1 && want.size === 1 ? 1 : String(size).length;
    const total = { l: 0, w: 0, m: 0, c: 0 };
    const row = (k: typeof total, name: string): string =>
      `${(['l', 'w', 'm', 'c'] as const).filter((f) => want.has(f)).map((f) => String(k[f]).padStart(width)).join(' ')} ${name}\n`;
    const stage = fromFiles(files, read!, (f) => `wc: ${f}: No such file or directory\n`, 1, (f, text) => {
      const k = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, m: [...text].length, c: utf8.encode(text).length };
      (['l', 'w', 'm', 'c'] as const).forEach((x) => { total[x] += k[x]; });
      return row(k, f);
    }, () => 0);
    return files.length > 1 ? { ...stage, end: () => stage.end() + row(total, 'total') } : stage;
  }
  let lines = 0, words = 0, chars = 0, bytes = 0;
  return {
    write(line) {
      if (line.endsWith('\n')) lines++;
      words += line.split(/\s+/).filter(Boolean).length;
      chars += [...line].length;
      bytes += utf8.encode(line).length;
      return '';
    },
    end() {
      const counts = [['l', lines], ['w', words], ['m', chars], ['c', bytes]].filter(([f]) => want.has(f as string)).map(([, v]) => String(v));
      // One count from unnamed standard input prints bare; several, or a named input, are right-aligned in 7 columns.
      if (named) return `${counts.map((c) => c.padStart(counts.length === 1 ? 1 : 7)).join(' ')} -\n`;
      return (counts.length === 1 ? counts[0] : counts.map((c) => c.padStart(7)).join(' ')) + '\n';
    },
    status: () => 0,
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((ch, i) => [ch.charCodeAt(0), i]));
const EQ = 0x3d;
const B64_TRY = "Try 'base64 --help' for more information.\n";

/**
 * Models gnulib base64_decode_ctx as GNU base64 -d runs it: newlines are skipped, every group of four decodes
 * (padding ends a group; another may follow), and at the first bad or missing character the bytes of that group
 * already decoded are kept and the input is invalid.
 */
function gnuBase64Decode(input: Uint8Array, ignoreGarbage: boolean): { bytes: number[]; ok: boolean } {
  const chars = [...input].filter((b) => b !== 0x0a && (!ignoreGarbage || b === EQ || B64_VALUE.has(b)));
  const bytes: number[] = [];
  for (let i = 0; i < chars.length; i += 4) {
    const g = chars.slice(i, i + 4);
    const v = g.map((b) => B64_VALUE.get(b));
    if (g.length < 2 || v[0] === undefined || v[1] === undefined) return { bytes, ok: false };
    bytes.push((v[0] << 2) | (v[1] >> 4));
    if (g.length === 2) return { bytes, ok: false };
    if (g[2] === EQ) {
      if (g.length < 4 || g[3] !== EQ) return { bytes, ok: false };
      continue;
    }
    if (v[2] === undefined) return { bytes, ok: false };
    bytes.push(((v[1] & 15) << 4) | (v[2] >> 2));
    if (g.length === 3) return { bytes, ok: false };
    if (g[3] === EQ) continue;
    if (v[3] === undefined) return { bytes, ok: false };
    bytes.push(((v[2] & 3) << 6) | v[3]);
  }
  return { bytes, ok: true };
}

function base64(args: readonly string[], read?: ReadFile): Stage | Failure {
  let decode = false, ignoreGarbage = false, wrap = '76';
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-' || !a.startsWith('-')) { operands.push(a); continue; }
    if (a === '--decode') { decode = true; continue; }
    if (a === '--ignore-garbage') { ignoreGarbage = true; continue; }
    if (a.startsWith('--wrap=')) { wrap = a.slice('--wrap='.length); continue; }
    if (a === '--wrap') {
      if (i + 1 >= args.length) return { error: `base64: option '--wrap' requires an argument\n${B64_TRY}`, status: 1 };
      wrap = args[++i]!;
      continue;
    }
    if (a.startsWith('--')) return { error: `base64: unrecognized option '${a}'\n${B64_TRY}`, status: 1 };
    // Short options bundle (-di); -w takes the rest of the word or the next one.
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (f === 'd') decode = true;
      else if (f === 'i') ignoreGarbage = true;
      else if (f === 'w') {
        if (j + 1 < a.length) wrap = a.slice(j + 1);
        else if (i + 1 < args.length) wrap = args[++i]!;
        else return { error: `base64: option requires an argument -- 'w'\n${B64_TRY}`, status: 1 };
        break;
      } else return { error: `base64: invalid option -- '${f}'\n${B64_TRY}`, status: 1 };
    }
  }
  if (operands.length > 1) return { error: `base64: extra operand ‘${operands[1]}’\n${B64_TRY}`, status: 1 };
  if (!/^\d+$/.test(wrap)) return { error: `base64: invalid wrap size: ‘${wrap}’\n`, status: 1 };
  // The one file it reads instead of standard input, if it is given one.
  const file = operands.length && operands[0] !== '-' ? operands[0] : undefined;
  const content = file !== undefined && read ? read(file) : null;
  if (file !== undefined && content === null) return { error: `base64: ${file}: No such file or directory\n`, status: 1 };
  const width = Number(wrap);
  let input = content ?? '', failed = false;
  return {
    write(line) { if (content === null) input += line; return ''; },
    end() {
      const bytes = utf8Bytes(input);
      if (decode) {
        const d = gnuBase64Decode(bytes, ignoreGarbage);
        failed = !d.ok;
        return utf8String(Uint8Array.from(d.bytes));
      }
      const text = base64Encode(bytes);
      if (!text || !width) return text;
      const lines: string[] = [];
      for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
      return lines.join('\n') + '\n';
    },
    status: () => (failed ? 1 : 0),
    error: () => (failed ? 'base64: invalid input\n' : ''),
  };
}

// One per name of shell-commands.ts's PIPE_COMMAND_NAMES (the type makes sure).
const COMMANDS: Readonly<Record<PipeCommand, (args: readonly string[], read?: ReadFile) => Stage | Failure>> = { grep, head, tail, wc, base64 };

/** The commands after kubectl on a line, ready to run; with the shell's error for one it cannot find. */
export class Pipeline {
  /** The commands that read what comes before them: all of them, or those after the last one that could not start. */
  private readonly stages: Stage[] = [];
  private readonly failures: Failure[] = [];
  /** The status of the last command, when it could not start. */
  private lastFailed?: number;
  private partial = '';
  private ended = false;

  /** `read`: the terminal's files, for the commands given file operands (none without it). */
  constructor(commands: readonly string[][], read?: ReadFile) {
    for (const [name, ...args] of commands) {
      const make = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as PipeCommand] : undefined;
      const s = make ? make(args, read) : { error: `bash: ${name}: command not found\n`, status: 127 };
      if ('write' in s) { this.stages.push(s); this.lastFailed = undefined; continue; }
      // A command that cannot start reads nothing: what came before it goes nowhere, and the commands after it
      // read an empty input (a shell still runs them).
      this.failures.push(s);
      this.stages.length = 0;
      this.lastFailed = s.status;
    }
  }

  /** Whether a command could not start: kubectl still runs, but its output goes nowhere. */
  get broken(): boolean {
    return this.failures.length > 0;
  }

  // One line through every stage in turn.
  private line(line: string): string {
    let texts = [line];
    for (const s of this.stages) {
      const next: string[] = [];
      for (const t of texts) {
        const o = s.write(t);
        if (o) next.push(...o.split(/(?<=\n)/));
      }
      texts = next;
    }
    return texts.join('');
  }

  /** Feeds kubectl's output chunks through: standard output is filtered, standard error passes by. */
  feed(chunks: readonly OutputChunk[]): OutputChunk[] {
    const out: OutputChunk[] = [];
    for (const c of chunks) {
      if (c.stream !== 'out') { out.push(c); continue; }
      if (this.broken || this.ended) continue;
      const lines = (this.partial + c.text).split(/(?<=\n)/);
      this.partial = lines[lines.length - 1].endsWith('\n') ? '' : lines.pop()!;
      const text = lines.map((l) => this.line(l)).join('');
      if (text) out.push({ stream: 'out', text });
    }
    return out;
  }

  /** Whether a stage wants no more input (a stream feeding the pipeline may stop). */
  get full(): boolean {
    return this.stages.some((s) => s.full?.());
  }

  /** Ends the input: the last partial line goes through, each stage flushes; returns the output and the status. */
  end(): { output: OutputChunk[]; exitCode: number } {
    if (this.ended) return { output: [], exitCode: this.exitCode() };
    this.ended = true;
    const output: OutputChunk[] = this.failures.map((f) => ({ stream: 'err', text: f.error }));
    let text = this.partial && !this.broken ? this.line(this.partial) : '';
    this.partial = '';
    // Each stage's final output still goes through the stages after it.
    for (let i = 0; i < this.stages.length; i++) {
      let flushed = this.stages[i].end();
      for (let j = i + 1; j < this.stages.length && flushed; j++) {
        flushed = flushed.split(/(?<=\n)/).map((l) => this.stages[j].write(l)).join('');
      }
      text += flushed;
    }
    if (text) output.push({ stream: 'out', text });
    for (const s of this.stages) {
      const err = s.error?.();
      if (err) output.push({ stream: 'err', text: err });
    }
    return { output, exitCode: this.exitCode() };
  }

  // The shell's status of a pipeline: its last command's.
  private exitCode(): number {
    return this.lastFailed ?? this.stages[this.stages.length - 1].status();
  }
}
