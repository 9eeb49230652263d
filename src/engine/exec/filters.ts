// The text utilities of a simulated container: wc, head, tail, grep, cut, seq, basename and dirname, GNU's
// (coreutils and grep, on the Debian images) and BusyBox's applets (busybox and Alpine), each with its own output
// layout, error texts and exit status. The containers run in the C locale, so these work on bytes: a file's text
// is turned into its UTF-8 bytes where a byte count or a regular expression needs them, and whatever would cut a
// character in two, or has no faithful counterpart here, is reported as not modelled.
import { resolvePath, Unmodelled, type FsError } from './fs.ts';
import { gnu, STRERROR, unmodelledText, type Proc, type Utility } from './shell.ts';

/** The simulator's notice for options a utility does not model (status 1). */
export const notModelled = (p: Proc, name: string): number => { p.err(unmodelledText(`${name} ${p.args.join(' ')}: these options are not modelled`)); return 1; };

/** For what BusyBox answers with its usage text (which names its build): the simulator's notice (status 1). */
export const usageNotModelled = (p: Proc, name: string): number => {
  p.err(unmodelledText(`${[name, ...p.args].join(' ')}: BusyBox's usage message is not modelled`));
  return 1;
};

/** Options in the order given, each letter with its argument ('' for a flag), and the operands. */
interface Args { opts: Array<[string, string]>; operands: string[] }

/**
 * Reads short options as getopt does: letters clustered (`-vn`), an option's argument attached or in the next word
 * (`-n5`, `-n 5`), `--` ending the options, `-` an operand. glibc's getopt (GNU's tools, BusyBox on glibc) also takes
 * options after operands unless told to stop at the first operand; musl's (Alpine) always stops there. Undefined for
 * a letter outside `plain` and `withArg`, a long option, or an option without its argument: not modelled.
 */
export function getopt(p: Proc, plain: string, withArg: string, args = p.args, stopAtOperand = false): Args | undefined {
  const permute = !stopAtOperand && p.sh.world.userland.flavour !== 'alpine';
  const out: Args = { opts: [], operands: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.operands.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') {
      if (!permute) { out.operands.push(...args.slice(i)); break; }
      out.operands.push(a);
      continue;
    }
    if (a.startsWith('--')) return undefined;
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withArg.includes(f)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return undefined;
        out.opts.push([f, v]);
        break;
      }
      if (!plain.includes(f)) return undefined;
      out.opts.push([f, '']);
    }
  }
  return out;
}

const has = (a: Args, f: string): boolean => a.opts.some(([o]) => o === f);
const lastOf = (a: Args, f: string): string | undefined => a.opts.filter(([o]) => o === f).pop()?.[1];

/** The UTF-8 bytes of a text, one char code (0 to 255) per byte. */
function bytesOf(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** The text whose UTF-8 bytes these are; throws Unmodelled when they cut a character in two (output that is no text). */
function textOf(bytes: string): string {
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes.charCodeAt(i);
    const n = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    let c = n === 1 ? b : n === 2 ? b & 31 : n === 3 ? b & 15 : b & 7;
    for (let k = 1; k < n; k++) {
      const t = bytes.charCodeAt(i + k);
      if (!(t >= 0x80 && t < 0xc0)) { c = -1; break; }
      c = (c << 6) | (t & 63);
    }
    if (!n || c < 0 || i + n > bytes.length) throw new Unmodelled('output that splits a multibyte character is not modelled');
    out += String.fromCodePoint(c);
    i += n;
  }
  return out;
}

/** A text's lines without their newlines; a last line without one counts as a line. */
function linesOf(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** Where a utility reads its operands from: files, or standard input for `-` (read once: a second `-` finds it used up). */
class Inputs {
  private stdinUsed = false;
  constructor(private readonly p: Proc) {}

  read(name: string): { text: string } | { err: FsError } {
    if (name === '-') {
      const text = this.stdinUsed ? '' : this.p.stdin;
      this.stdinUsed = true;
      return { text };
    }
    const path = resolvePath(this.p.sh.cwd, name);
    // The null device reads as empty.
    if (path === '/dev/null') return { text: '' };
    return this.p.sh.world.fs.read(path);
  }
}

// ---------------------------------------------------------------------------------------------------------- wc

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * `wc [-lwc] [FILE…]`: lines (newlines), words and bytes. A word starts at a printable ASCII character and ends at
 * white space; other bytes (controls, non-ASCII in the C locale) neither start nor end one.
 */
export const wc: Utility = (p) => {
  const a = getopt(p, 'lwc', '');
  if (!a) return notModelled(p, 'wc');
  const chosen = ['l', 'w', 'c'].filter((f) => has(a, f));
  const shown = chosen.length ? chosen : ['l', 'w', 'c'];
  const names = a.operands.length ? a.operands : ['-'];
  const inputs = new Inputs(p);
  // What each operand gives, in order: an error, its counts, or both (a directory: an error and zeros).
  type Step = { err?: string; counts?: number[]; name?: string; regular?: boolean; size?: number };
  const steps: Step[] = [];
  const total = shown.map(() => 0);
  for (const name of names) {
    const r = inputs.read(name);
    const label = a.operands.length ? name : undefined;
    if ('err' in r) {
      steps.push(r.err === 'EISDIR' ? { err: `wc: ${name}: ${STRERROR[r.err]}\n`, counts: shown.map(() => 0), name: label, regular: false, size: 0 }
        : { err: `wc: ${name}: ${STRERROR[r.err]}\n` });
      continue;
    }
    const bytes = bytesOf(r.text);
    let lines = 0, words = 0, inWord = false;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes.charCodeAt(i);
      if (c === 10) lines++;
      if (isSpace(c)) inWord = false;
      else if (c > 32 && c < 127 && !inWord) { words++; inWord = true; }
    }
    const all: Record<string, number> = { l: lines, w: words, c: bytes.length };
    const counts = shown.map((f) => all[f]);
    counts.forEach((n, i) => { total[i] += n; });
    steps.push({ counts, name: label, regular: name !== '-', size: bytes.length });
  }
  if (names.length > 1) steps.push({ counts: total, name: 'total' });
  let width: number;
  if (gnu(p)) {
    // GNU sizes the columns by the total size of the regular files (standard input and directories: at least 7),
    // and not at all with one operand and one count, or when the first operand cannot be opened.
    if ((names.length === 1 && shown.length === 1) || !steps[0].counts) width = 1;
    else {
      let size = 0, min = 1;
      for (const step of steps.slice(0, names.length)) if (step.counts) { if (step.regular) size += step.size!; else min = 7; }
      width = Math.max(String(size).length, min);
    }
  } else {
    // BusyBox: nine columns a count, except a single count of a single input.
    width = names.length === 1 && shown.length === 1 ? 1 : 9;
  }
  let st = 0;
  for (const step of steps) {
    if (step.err) { p.err(step.err); st = 1; }
    if (step.counts) p.out(step.counts.map((n, i) => (i ? ' ' : '') + String(n).padStart(width)).join('') + (step.name !== undefined ? ` ${step.name}` : '') + '\n');
  }
  return st;
};

// ------------------------------------------------------------------------------------------------- head, tail

/** A count option's value: `-N` (head: all but the last N; tail: the last N) or `+N` (tail: from the Nth on). */
type Count = { n: number; sign: '' | '-' | '+' };

/** Parses `-n`/`-c` values; 'bad' for what both programs reject, undefined for suffixes and the like (not modelled). */
function count(v: string): Count | 'bad' | undefined {
  const m = /^([-+]?)(\d+)$/.exec(v);
  if (m) return { n: Number(m[2]), sign: m[1] as Count['sign'] };
  return /^[-+]?[A-Za-z]*$/.test(v) && !/^[-+]?\d/.test(v) ? 'bad' : undefined;
}

/**
 * `head`/`tail` with `-n N`, `-c N`, `-N` (and `+N` for tail), `-q`, `-v`: each file's first or last lines or
 * bytes, under a `==> NAME <==` header when there are several. GNU puts a blank line before every header but the
 * first printed; BusyBox counts a file it could not open as printed (head), or leaves it out before deciding on
 * headers at all (tail, which opens every file first).
 */
function headTail(p: Proc, prog: 'head' | 'tail'): number {
  const isGnu = gnu(p);
  let args = p.args;
  // The obsolete `-N` (and tail's `+N`): GNU only as the only option with at most one file, BusyBox as the first word.
  const old = args[0] !== undefined && (prog === 'tail' ? /^[-+]\d+$/ : /^-\d+$/).test(args[0]);
  if (old && (!isGnu || prog === 'head' || args.length <= 2)) args = ['-n', args[0][0] === '+' ? args[0] : args[0].slice(1), ...args.slice(1)];
  const a = getopt(p, 'qv', 'nc', args);
  // BusyBox reads -n and -c into one count (not modelled when both are given).
  if (!a || (!isGnu && has(a, 'n') && has(a, 'c'))) return notModelled(p, prog);
  let bytes = false;
  let c: Count = { n: 10, sign: '' };
  for (const [f, v] of a.opts) {
    if (f !== 'n' && f !== 'c') continue;
    const parsed = count(v);
    if (parsed === undefined) return notModelled(p, prog);
    // BusyBox's head takes no `+N`. The number is quoted without a `-` (and BusyBox's tail without a `+`).
    if (parsed === 'bad' || (!isGnu && prog === 'head' && parsed.sign === '+')) {
      const shown = v.replace(!isGnu && prog === 'tail' ? /^[-+]/ : /^-/, '');
      p.err(isGnu ? `${prog}: invalid number of ${f === 'n' ? 'lines' : 'bytes'}: '${shown}'\n` : `${prog}: invalid number '${shown}'\n`);
      return 1;
    }
    bytes = f === 'c';
    c = parsed;
  }
  // head -n +N is N; tail -n -N is N.
  if (prog === 'head' && c.sign === '+') c = { n: c.n, sign: '' };
  if (prog === 'tail' && c.sign === '-') c = { n: c.n, sign: '' };
  const names = a.operands.length ? a.operands : ['-'];
  const inputs = new Inputs(p);
  const texts = names.map((name) => inputs.read(name));
  let st = 0;
  const cannotOpen = (name: string, err: FsError): void => {
    st = 1;
    if (isGnu) p.err(`${prog}: cannot open '${name}' for reading: ${STRERROR[err]}\n`);
    else p.err(prog === 'head' ? `${prog}: ${name}: ${STRERROR[err]}\n` : `${prog}: can't open '${name}': ${STRERROR[err]}\n`);
  };
  // What could not be opened (a directory opens, and fails when read).
  const missing = texts.map((r) => ('err' in r && r.err !== 'EISDIR' ? r.err : undefined));
  // BusyBox's tail opens every file before it prints anything.
  const early = !isGnu && prog === 'tail';
  if (early) missing.forEach((err, i) => { if (err) cannotOpen(names[i], err); });
  const opened = missing.filter((err) => !err).length;
  const headers = has(a, 'v') || (!has(a, 'q') && (early ? opened > 1 : names.length > 1));
  let first = true;
  for (const [i, r] of texts.entries()) {
    const name = names[i];
    const err = missing[i];
    if (err) {
      if (!early) cannotOpen(name, err);
      if (!isGnu && prog === 'head') first = false;
      continue;
    }
    if (headers) {
      const label = name === '-' ? (isGnu || prog === 'head' ? 'standard input' : '-') : name;
      p.out(`${first ? '' : '\n'}==> ${label} <==\n`);
    }
    first = false;
    if ('err' in r) {
      st = 1;
      if (isGnu) p.err(`${prog}: error reading '${name}': ${STRERROR[r.err]}\n`);
      else p.err(prog === 'head' ? `${prog}: ${name}: Input/output error\n` : `${prog}: read error: ${STRERROR[r.err]}\n`);
      continue;
    }
    p.out(bytes ? textOf(pick(bytesOf(r.text).split(''), c, prog).join('')) : pick(lineChunks(r.text), c, prog).join(''));
  }
  return st;
}

/** A text cut after each newline (a last piece without one kept). */
function lineChunks(text: string): string[] {
  return text ? text.split(/(?<=\n)/) : [];
}

/** The pieces head or tail keeps. */
function pick<T>(items: T[], c: Count, prog: 'head' | 'tail'): T[] {
  if (prog === 'head') return c.sign === '-' ? items.slice(0, Math.max(0, items.length - c.n)) : items.slice(0, c.n);
  if (c.sign === '+') return items.slice(Math.max(0, c.n - 1));
  return c.n === 0 ? [] : items.slice(-c.n);
}

export const head: Utility = (p) => headTail(p, 'head');
export const tail: Utility = (p) => headTail(p, 'tail');

// --------------------------------------------------------------------------------------------------------- cut

/** A position range of a cut list, 1-based and inclusive (`Infinity`: to the end). */
type Range = [number, number];

/**
 * `cut -f LIST [-d C] [-s]`, `cut -c LIST`, `cut -b LIST` (positions are bytes in both programs). GNU prints the
 * selected fields in order, each once, joined by the delimiter; a line without the delimiter whole (unless -s).
 */
export const cut: Utility = (p) => {
  const a = getopt(p, 'sn', 'bcfd');
  if (!a) return notModelled(p, 'cut');
  return gnu(p) ? gnuCut(p, a) : busyboxCut(p, a);
};

function gnuCut(p: Proc, a: Args): number {
  const usage = (msg: string): number => { p.err(`cut: ${msg}\nTry 'cut --help' for more information.\n`); return 1; };
  const kinds = a.opts.filter(([f]) => 'bcf'.includes(f));
  if (!kinds.length) return usage('you must specify a list of bytes, characters, or fields');
  if (new Set(kinds.map(([f]) => f)).size > 1) return usage('only one type of list may be specified');
  if (kinds.length > 1) return usage('only one list may be specified');
  const [kind, list] = kinds[0];
  const delimArg = lastOf(a, 'd');
  if (kind !== 'f' && delimArg !== undefined) return usage('an input delimiter may be specified only when operating on fields');
  if (kind !== 'f' && has(a, 's')) return usage('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  // One byte: in the C locale a non-ASCII character is several.
  if (delimArg !== undefined && bytesOf(delimArg).length > 1) return usage('the delimiter must be a single character');
  const ranges = gnuList(list, kind === 'f');
  if (typeof ranges === 'string') return usage(ranges);
  const chosen = (n: number): boolean => ranges.some(([lo, hi]) => n >= lo && n <= hi);
  // An empty -d is the NUL byte.
  const delim = delimArg === undefined ? '\t' : delimArg || '\0';
  return eachLine(p, a.operands, (line) => {
    if (kind !== 'f') {
      const b = bytesOf(line);
      let out = '';
      for (let i = 0; i < b.length; i++) if (chosen(i + 1)) out += b[i];
      return textOf(out) + '\n';
    }
    const fields = line.split(delim);
    if (fields.length === 1) return has(a, 's') ? '' : line + '\n';
    return fields.filter((_, i) => chosen(i + 1)).join(delim) + '\n';
  }, (name, err) => `cut: ${name}: ${STRERROR[err]}\n`, true);
}

/**
 * GNU cut's LIST: numbers and ranges (`N`, `N-`, `-M`, `N-M`) separated by commas or blanks, read left to right; the
 * first fault found is the error (its text), a value that is no number quoted with the rest of the list.
 */
function gnuList(list: string, fields: boolean): Range[] | string {
  const ranges: Range[] = [];
  const from1 = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
  let lo = '', hi = '', dash = false;
  for (let i = 0; i <= list.length; i++) {
    const ch = list[i];
    if (ch === undefined || ch === ',' || ch === ' ' || ch === '\t') {
      if (!dash) {
        if (lo === '' || Number(lo) === 0) return from1;
        ranges.push([Number(lo), Number(lo)]);
      } else {
        if (lo === '' && hi === '') return 'invalid range with no endpoint: -';
        if (lo !== '' && Number(lo) === 0) return from1;
        const l = lo === '' ? 1 : Number(lo), h = hi === '' ? Infinity : Number(hi);
        if (h < l) return 'invalid decreasing range';
        ranges.push([l, h]);
      }
      lo = ''; hi = ''; dash = false;
      continue;
    }
    if (ch === '-') {
      if (dash) return fields ? 'invalid field range' : 'invalid byte or character range';
      dash = true;
    } else if (ch >= '0' && ch <= '9') {
      if (dash) hi += ch; else lo += ch;
    } else {
      return fields ? `invalid field value '${list.slice(i)}'` : `invalid byte/character position '${list.slice(i)}'`;
    }
  }
  return ranges;
}

/**
 * BusyBox's cut: the ranges sorted by start, not merged; for fields it walks the line once, printing each selected
 * field after the output delimiter (the whole -d word), and a range past the line's last field still prints that
 * delimiter. Bytes and characters are both bytes.
 */
function busyboxCut(p: Proc, a: Args): number {
  const fail = (msg: string): number => { p.err(`cut: ${msg}\n`); return 1; };
  const kinds = a.opts.filter(([f]) => 'bcf'.includes(f));
  if (!kinds.length) return fail('expected a list of bytes, characters, or fields');
  if (kinds.length > 1) return usageNotModelled(p, 'cut');
  const [kind, list] = kinds[0];
  if (kind !== 'f' && has(a, 's')) return fail('suppressing non-delimited lines makes sense only when operating on fields');
  if (kind !== 'f' && has(a, 'd')) return fail('a delimiter may be specified only when operating on fields');
  let delim = bytesOf(lastOf(a, 'd') ?? '\t');
  if (delim === '') delim = '\t';
  if (kind === 'f' && delim[0] === '\n') throw new Unmodelled('cutting by lines (-d with a newline) is not modelled');
  // 0-based starts and ends, as BusyBox keeps them.
  const lists: Array<[number, number]> = [];
  for (const item of list.split(',')) {
    if (!item) continue;
    const dash = item.indexOf('-');
    const sText = dash < 0 ? item : item.slice(0, dash);
    const eText = dash < 0 ? undefined : item.slice(dash + 1);
    const num = (t: string): number | undefined => (/^\d+$/.test(t) ? Number(t) : undefined);
    let s = 0;
    if (sText) {
      const n = num(sText);
      if (n === undefined) return fail(`invalid number '${sText}'`);
      s = n ? n - 1 : 0;
    }
    let e: number;
    if (eText === undefined) e = s;
    else if (eText === '') e = Infinity;
    else {
      const n = num(eText);
      if (n === undefined) return fail(`invalid number '${eText}'`);
      if (n < s) return fail(`${n}<${s}`);
      e = n - 1;
    }
    lists.push([s, e]);
  }
  if (!lists.length) return fail('missing list of positions');
  lists.sort((x, y) => x[0] - y[0]);
  return eachLine(p, a.operands, (line) => {
    const b = bytesOf(line);
    let out = '';
    if (kind !== 'f') {
      const printed = new Set<number>();
      for (const [s, e] of lists) {
        for (let i = s; i < b.length && i <= e; i++) if (!printed.has(i)) { printed.add(i); out += b[i]; }
      }
      return textOf(out) + '\n';
    }
    const d = delim[0];
    let pos = 0, start = 0, end = 0, printedAny = 0, seen = 0, li = 0;
    for (;;) {
      if (end === b.length || seen > lists[li][1]) {
        if (++li >= lists.length) break;
        end = 0;
      }
      if (pos === b.length) {
        if (!li && !seen) { if (has(a, 's')) return ''; } else if (seen < lists[li][0]) start = b.length;
        end = b.length;
      } else {
        end = pos++;
        if (b[end] !== d) continue;
        if (seen++ < lists[li][0]) { start = pos; continue; }
      }
      out += (printedAny++ ? delim : '') + b.slice(start, end);
      start = pos;
      if (!seen) break;
    }
    return textOf(out) + '\n';
  }, (name, err) => `cut: ${name}: ${STRERROR[err]}\n`, false);
}

/**
 * Runs `each` on every line of the operands (standard input without any) and prints what it returns. A file that
 * cannot be opened is reported and makes the status 1; a directory is reported by GNU (`dirError`), read as empty
 * by BusyBox.
 */
function eachLine(p: Proc, operands: string[], each: (line: string) => string, report: (name: string, err: FsError) => string, dirError: boolean): number {
  const inputs = new Inputs(p);
  let st = 0;
  for (const name of operands.length ? operands : ['-']) {
    const r = inputs.read(name);
    if ('err' in r) {
      if (r.err === 'EISDIR' && !dirError) continue;
      p.err(report(name, r.err));
      st = 1;
      continue;
    }
    let out = '';
    for (const line of linesOf(r.text)) out += each(line);
    p.out(out);
  }
  return st;
}

// --------------------------------------------------------------------------------------------------------- seq

/** The most numbers a modelled seq prints. */
const SEQ_LIMIT = 1_000_000;

/**
 * `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST` with integers: the numbers one to a line (or SEP between them and a
 * newline at the end). -w pads with zeros to the widest operand: GNU looks at FIRST and LAST, BusyBox at all three.
 */
export const seq: Utility = (p) => {
  const isGnu = gnu(p);
  // Both stop reading options at the first operand; GNU's also at a negative number, which BusyBox 1.35 takes for
  // an unknown option (its usage text: not modelled).
  const negative = isGnu ? p.args.findIndex((w) => /^-[\d.]/.test(w)) : -1;
  const a = getopt(p, 'w', 's', negative < 0 ? p.args : p.args.slice(0, negative), true);
  if (!a) return notModelled(p, 'seq');
  const ops = negative < 0 ? a.operands : [...a.operands, ...p.args.slice(negative)];
  const usage = (msg: string): number => { p.err(`seq: ${msg}\nTry 'seq --help' for more information.\n`); return 1; };
  if (!ops.length) return isGnu ? usage('missing operand') : usageNotModelled(p, 'seq');
  if (ops.length > 3) return isGnu ? usage(`extra operand '${ops[3]}'`) : usageNotModelled(p, 'seq');
  const nums: number[] = [];
  for (const w of ops) {
    if (!/^[-+]?\d+$/.test(w) || Math.abs(Number(w)) > Number.MAX_SAFE_INTEGER) {
      // Other numbers (fractions, exponents, hexadecimal) are not modelled; what is no number at all, GNU refuses.
      if (!/\d/.test(w) && !/^\s*[-+]?(inf|nan)/i.test(w)) return isGnu ? usage(`invalid floating point argument: '${w}'`) : usageNotModelled(p, 'seq');
      throw new Unmodelled('numbers other than integers are not modelled');
    }
    nums.push(Number(w));
  }
  const [first, inc, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (inc === 0) {
    if (isGnu) return usage(`invalid Zero increment value: '${ops[1]}'`);
    throw new Unmodelled('seq with a zero increment never ends');
  }
  const n = inc > 0 ? Math.floor((last - first) / inc) + 1 : Math.floor((first - last) / -inc) + 1;
  if (n > SEQ_LIMIT) throw new Unmodelled(`seq of more than ${SEQ_LIMIT} numbers is not modelled`);
  let width = 0;
  if (has(a, 'w')) {
    const widest = isGnu ? [ops[0], ops[ops.length - 1]] : ops;
    if (isGnu && ops.length === 1) widest.splice(0, 1);
    width = Math.max(...widest.map((w) => w.length));
  }
  const fmt = (v: number): string => (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0'));
  const sep = lastOf(a, 's') ?? '\n';
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(fmt(first + i * inc));
  if (out.length) p.out(out.join(sep) + '\n');
  return 0;
};

// ------------------------------------------------------------------------------------------ basename, dirname

/** The last component of a path, trailing slashes dropped (`/` for a path of slashes). */
function lastComponent(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (!trimmed) return path ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `basename NAME [SUFFIX]`, `basename -a NAME…`, `basename -s SUFFIX NAME…`: a suffix is removed unless it is the whole name. */
export const basename: Utility = (p) => {
  const isGnu = gnu(p);
  const a = getopt(p, 'a', 's');
  if (!a) return notModelled(p, 'basename');
  const usage = (msg: string): number => { p.err(`basename: ${msg}\nTry 'basename --help' for more information.\n`); return 1; };
  let suffix = lastOf(a, 's');
  const multiple = has(a, 'a') || suffix !== undefined;
  const names = a.operands;
  if (!names.length) return isGnu ? usage('missing operand') : usageNotModelled(p, 'basename');
  if (!multiple && names.length > 2) return isGnu ? usage(`extra operand '${names[2]}'`) : usageNotModelled(p, 'basename');
  if (!multiple && names.length === 2) suffix = names[1];
  for (const name of multiple ? names : names.slice(0, 1)) {
    let base = lastComponent(name);
    if (suffix && base !== suffix && base.endsWith(suffix) && base !== '/') base = base.slice(0, -suffix.length);
    p.out(base + '\n');
  }
  return 0;
};

/** GNU's dirname (and musl's): trailing slashes, the last component and the slashes before it go; `/` or `.` if nothing is left. */
function dirOf(path: string): string {
  const m = /^(.*?)\/*[^/]*\/*$/.exec(path)!;
  const dir = m[1].replace(/\/+$/, '');
  if (dir) return dir;
  return path.startsWith('/') ? '/' : '.';
}

/** glibc's dirname, which BusyBox's calls: like GNU's, but a path that starts with exactly two slashes keeps both. */
function glibcDirOf(path: string): string {
  let last = path.lastIndexOf('/');
  if (last > 0 && last === path.length - 1) {
    let run = last;
    while (run > 0 && path[run - 1] === '/') run--;
    if (run > 0) last = path.lastIndexOf('/', run - 1);
  }
  if (last < 0) return '.';
  let run = last;
  while (run > 0 && path[run - 1] === '/') run--;
  if (run > 0) return path.slice(0, run);
  return last === 1 ? '//' : '/';
}

/** `dirname NAME…` (BusyBox: one NAME). */
export const dirname: Utility = (p) => {
  const isGnu = gnu(p);
  const a = getopt(p, '', '');
  if (!a) return notModelled(p, 'dirname');
  if (!a.operands.length) {
    if (!isGnu) return usageNotModelled(p, 'dirname');
    p.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
    return 1;
  }
  if (!isGnu && a.operands.length > 1) return usageNotModelled(p, 'dirname');
  const glibc = p.sh.world.userland.flavour === 'busybox';
  for (const name of a.operands) p.out((glibc ? glibcDirOf(name) : dirOf(name)) + '\n');
  return 0;
};

// -------------------------------------------------------------------------------------------------------- grep

/** Why a pattern does not compile, in the words of the regex library GNU grep reports with. */
type RegexError = 'Invalid regular expression' | 'Unmatched [, [^, [:, [., or [=' | 'Trailing backslash' | 'Unmatched \\{'
  | 'Unmatched ( or \\(' | 'Unmatched ) or \\)' | 'Invalid character class name' | 'Invalid range end';

/** A pattern as a JavaScript regular expression over bytes, with what GNU grep would also say about it. */
interface Translated { src: string; groups: number; backrefs: boolean; warnings: string[]; colonClass: boolean }

const WORD = 'A-Za-z0-9_';
const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\t-\\r ', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
};

/** A byte as a JavaScript regex atom, in or out of a class (letters and digits as they are, the rest as `\xHH`). */
const esc = (b: string): string => (/[A-Za-z0-9]/.test(b) ? b : `\\x${b.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** A literal byte, matching either case under -i (ASCII letters only, as in the C locale). */
function literal(b: string, icase: boolean): string {
  if (icase && /[A-Za-z]/.test(b)) return `[${b.toLowerCase()}${b.toUpperCase()}]`;
  return esc(b);
}

/**
 * Translates a basic (`ere` false) or extended regular expression, given as bytes, into a JavaScript one that
 * matches the same lines: GNU's syntax (`\+`, `\?`, `\|`, `\<`, `\>`, `\w`, `\s`, `\b` and the like, which glibc's
 * regex also knows; not on Alpine, whose musl differs), `*` literal where nothing precedes it, `^` and `$` anchors
 * in a basic expression only at its ends or a group's, `{` literal in an extended one unless an interval follows.
 * Group numbers start after `offset` (patterns joined into one). Throws Unmodelled for what it cannot translate.
 */
function translate(pat: string, ere: boolean, icase: boolean, offset: number, gnuExt: boolean): Translated | RegexError {
  let out = '';
  let atom = -1;          // where the last atom starts in `out`, -1 when there is none to repeat
  let repeated = false;   // whether that atom already has a repetition
  let ctxStart = true;    // at the start of the pattern, a group or an alternative
  let groups = 0;
  let backrefs = false;
  let colonClass = false;
  const warnings: string[] = [];
  const open: Array<{ at: number; n: number }> = [];
  const closed = new Set<number>();
  const unmodelled = (what: string): Unmodelled => new Unmodelled(`${what} in a regular expression is not modelled`);
  const push = (src: string): void => { atom = out.length; out += src; repeated = false; ctxStart = false; };
  const repeat = (q: string): void => {
    if (atom < 0) throw unmodelled('a repetition of nothing');
    if (repeated) {
      // A repetition of a repetition (`a**`, `a+?`) is one repetition: the same, or any number (`*`) when they differ.
      const prev = out[out.length - 1];
      if (!'*+?'.includes(prev) || !'*+?'.includes(q)) throw unmodelled('an interval repeated');
      out = out.slice(0, -1) + (prev === q ? q : '*');
    } else out += q;
    repeated = true;
    ctxStart = false;
  };
  const interval = (lo: string, comma: boolean, hi: string): string => {
    const min = lo === '' ? 0 : Number(lo);
    const max = hi === '' ? undefined : Number(hi);
    if (min > 32767 || (max !== undefined && (max > 32767 || max < min))) throw unmodelled('this interval');
    return !comma ? `{${min}}` : max === undefined ? `{${min},}` : `{${min},${max}}`;
  };
  for (let i = 0; i < pat.length; i++) {
    const ch = pat[i];
    if (ch === '\\') {
      const nx = pat[++i];
      if (nx === undefined) return 'Trailing backslash';
      if (!ere && nx === '(') {
        open.push({ at: out.length, n: ++groups + offset });
        out += '(';
        atom = -1; ctxStart = true;
        continue;
      }
      if (!ere && nx === ')') {
        const g = open.pop();
        if (!g) return 'Unmatched ) or \\)';
        out += ')';
        closed.add(g.n);
        atom = g.at; repeated = false; ctxStart = false;
        continue;
      }
      if (!ere && nx === '{') {
        const m = /^(\d*)(,?)(\d*)\\\}/.exec(pat.slice(i + 1));
        if (!m) { if (!pat.includes('\\}', i + 1)) return 'Unmatched \\{'; throw unmodelled('this interval'); }
        if (atom < 0) throw unmodelled('an interval at the start');
        if (m[1] === '' && !m[2]) throw unmodelled('an empty interval');
        repeat(interval(m[1], !!m[2], m[3]));
        i += m![0].length;
        continue;
      }
      if (/[1-9]/.test(nx)) {
        const n = Number(nx) + offset;
        if (!closed.has(n)) throw unmodelled('a back-reference to a group not yet closed');
        backrefs = true;
        // Grouped, so that a digit after it is not read as part of its number.
        push(`(?:\\${n})`);
        continue;
      }
      if (gnuExt) {
        if (!ere && nx === '|') { out += '|'; atom = -1; ctxStart = true; continue; }
        if (!ere && (nx === '+' || nx === '?')) { if (atom < 0) push(literal(nx, icase)); else repeat(nx); continue; }
        const special: Record<string, string> = {
          '<': `(?<![${WORD}])(?=[${WORD}])`, '>': `(?<=[${WORD}])(?![${WORD}])`, b: '\\b', B: '\\B',
          w: `[${WORD}]`, W: `[^${WORD}]`, s: '[\\t-\\r ]', S: '[^\\t-\\r ]', '`': '^', "'": '$',
        };
        if (nx in special) {
          if ('wWsS'.includes(nx)) push(special[nx]);
          else { out += special[nx]; atom = -1; ctxStart = false; }
          continue;
        }
      } else if ('|+?<>bBwWsS`\''.includes(nx)) throw unmodelled(`\\${nx} (musl's regex)`);
      push(literal(nx, icase));
      continue;
    }
    if (ere && ch === '(') {
      open.push({ at: out.length, n: ++groups + offset });
      out += '(';
      atom = -1; ctxStart = true;
      continue;
    }
    if (ere && ch === ')' && open.length) {
      const g = open.pop()!;
      out += ')';
      closed.add(g.n);
      atom = g.at; repeated = false; ctxStart = false;
      continue;
    }
    if (ere && ch === '|') { out += '|'; atom = -1; ctxStart = true; continue; }
    if (ch === '*') {
      if (atom >= 0) { repeat('*'); continue; }
      // A `*` with nothing before it is an ordinary character (GNU grep warns about one at the very start of an
      // extended expression).
      if (ere) {
        if (out !== '' || i !== 0) throw unmodelled('a * after ( or | or an anchor');
        warnings.push('* at start of expression');
      }
      push('\\*');
      continue;
    }
    if (ere && (ch === '+' || ch === '?')) {
      if (atom < 0) throw unmodelled(`a ${ch} with nothing before it`);
      repeat(ch);
      continue;
    }
    if (ere && ch === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(pat.slice(i));
      if (m && (m[1] !== '' || (m[2] && m[3] !== ''))) {
        if (atom < 0) throw unmodelled('an interval at the start');
        repeat(interval(m[1], !!m[2], m[3]));
        i += m[0].length - 1;
        continue;
      }
      if (m) throw unmodelled('this interval');
      if (atom < 0) throw unmodelled('a { at the start');
      push('\\{');
      continue;
    }
    if (ch === '^') {
      if (ere || ctxStart) { out += '^'; atom = -1; ctxStart = false; continue; }
      push('\\^');
      continue;
    }
    if (ch === '$') {
      const end = i === pat.length - 1 || (!ere && (pat.startsWith('\\)', i + 1) || pat.startsWith('\\|', i + 1)));
      if (ere || end) { out += '$'; atom = -1; ctxStart = false; continue; }
      push('\\$');
      continue;
    }
    if (ch === '.') { push('[^\\n]'); continue; }
    if (ch === '[') {
      const b = bracket(pat, i + 1, icase);
      if (typeof b === 'string') return b;
      if (b.colonClass) colonClass = true;
      push(b.src);
      i = b.end - 1;
      continue;
    }
    push(literal(ch, icase));
  }
  if (open.length) return 'Unmatched ( or \\(';
  return { src: out, groups, backrefs, warnings, colonClass };
}

/** A bracket expression from just after its `[`: its JavaScript class and where it ends, or why it is invalid. */
function bracket(pat: string, from: number, icase: boolean): { src: string; end: number; colonClass: boolean } | RegexError {
  let j = from;
  let negate = false;
  if (pat[j] === '^') { negate = true; j++; }
  if (j >= pat.length) return 'Invalid regular expression';
  const bodyStart = j;
  let set = '';
  const add = (lo: number, hi: number): void => {
    set += lo === hi ? esc(String.fromCharCode(lo)) : `${esc(String.fromCharCode(lo))}-${esc(String.fromCharCode(hi))}`;
    if (!icase) return;
    // Under -i, the other case of every ASCII letter in the range.
    for (const [a, z, shift] of [[65, 90, 32], [97, 122, -32]] as const) {
      const l = Math.max(lo, a), h = Math.min(hi, z);
      if (l <= h) set += l === h ? esc(String.fromCharCode(l + shift)) : `${esc(String.fromCharCode(l + shift))}-${esc(String.fromCharCode(h + shift))}`;
    }
  };
  let first = true;
  for (;;) {
    if (j >= pat.length) return 'Unmatched [, [^, [:, [., or [=';
    const c = pat[j];
    if (c === ']' && !first) { j++; break; }
    first = false;
    if (c === '[' && (pat[j + 1] === ':' || pat[j + 1] === '.' || pat[j + 1] === '=')) {
      const kind = pat[j + 1];
      const close = pat.indexOf(kind + ']', j + 2);
      if (close < 0) return 'Unmatched [, [^, [:, [., or [=';
      if (kind !== ':') throw new Unmodelled('collating symbols and equivalence classes are not modelled');
      let name = pat.slice(j + 2, close);
      if (!(name in CLASSES)) return 'Invalid character class name';
      if (icase && (name === 'upper' || name === 'lower')) name = 'alpha';
      set += CLASSES[name];
      j = close + 2;
      if (pat[j] === '-' && pat[j + 1] !== ']') throw new Unmodelled('a range from a character class is not modelled');
      continue;
    }
    const lo = c.charCodeAt(0);
    if (pat[j + 1] === '-' && j + 2 < pat.length && pat[j + 2] !== ']') {
      const hiCh = pat[j + 2];
      if (hiCh === '[' && '.=:'.includes(pat[j + 3] ?? '')) throw new Unmodelled('a range to a class is not modelled');
      const hi = hiCh.charCodeAt(0);
      if (hi < lo) return 'Invalid range end';
      add(lo, hi);
      j += 3;
      continue;
    }
    add(lo, lo);
    j++;
  }
  // GNU grep refuses `[:space:]` written without the outer brackets.
  const body = pat.slice(bodyStart, j - 1);
  const colonClass = !negate && /^:.*[^:].*:$/.test(body);
  return { src: `[${negate ? '^' : ''}${set}]`, end: j, colonClass };
}

/** Spans of a line a pattern matches. */
type Span = [number, number];

/**
 * The leftmost match at or after `from`, and of those starting there the longest, as POSIX regex matching picks
 * (JavaScript's backtracking takes the first alternative that fits, which may be shorter).
 */
function leftmostLongest(re: RegExp, src: string, line: string, from: number, exact: Map<number, RegExp>): Span | undefined {
  re.lastIndex = from;
  const m = re.exec(line);
  if (!m) return undefined;
  const s = m.index;
  let e = s + m[0].length;
  if (/\||\)[*+?{]/.test(src)) {
    for (let end = line.length; end > e; end--) {
      let x = exact.get(line.length - end);
      if (!x) exact.set(line.length - end, (x = new RegExp(`(?:${src})(?=[\\s\\S]{${line.length - end}}$)`, 'y')));
      x.lastIndex = s;
      if (x.test(line)) { e = end; break; }
    }
  }
  return [s, e];
}

/** A compiled set of patterns: whether a line matches, and the spans -o prints. */
interface Matcher { test(line: string): boolean; spans(line: string): Span[] }

const isWordByte = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** GNU grep: the patterns are alternatives of one expression; -w and -x constrain where a match may lie. */
function gnuMatcher(srcs: string[], word: boolean, whole: boolean): Matcher {
  const alts = srcs.map((s) => `(?:${s})`).join('|');
  const src = whole ? `^(?:${alts})$` : word ? `(?<![${WORD}])(?:${alts})(?![${WORD}])` : alts;
  const re = new RegExp(src, 'g');
  const exact = new Map<number, RegExp>();
  return {
    test: (line) => { re.lastIndex = 0; return re.test(line); },
    spans: (line) => {
      const out: Span[] = [];
      for (let pos = 0; pos <= line.length;) {
        const m = leftmostLongest(re, src, line, pos, exact);
        if (!m) break;
        if (m[1] === m[0]) { pos = m[0] + 1; continue; }
        out.push(m);
        pos = m[1];
      }
      return out;
    },
  };
}

/**
 * BusyBox grep: the patterns are tried one at a time (the last given first) and -o prints the matches of the first
 * that fits. -w takes the leftmost-longest match and, when it is not a whole word, searches again after it; -o then
 * prints that match and every later one, words or not. With -F it looks for the text itself, and -o prints the
 * pattern as given.
 */
function busyboxMatcher(pats: string[], fixed: boolean, icase: boolean, word: boolean, whole: boolean, srcs: string[]): Matcher {
  const order = pats.map((_, i) => i).reverse();
  const res = srcs.map((s) => new RegExp(s, 'g'));
  const exact = srcs.map(() => new Map<number, RegExp>());
  const fold = (s: string): string => (icase ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s);
  /** The span of pattern k's match that makes the line selected, if any. */
  const found = (k: number, line: string): Span | undefined => {
    if (fixed) {
      const hay = fold(line), needle = fold(pats[k]);
      if (whole) return hay === needle ? [0, line.length] : undefined;
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
        if (!word || (!isWordByte(line[at - 1]) && !isWordByte(line[at + needle.length]))) return [at, at + needle.length];
      }
      return undefined;
    }
    const m = leftmostLongest(res[k], srcs[k], line, 0, exact[k]);
    if (!m) return undefined;
    if (whole) return m[0] === 0 && m[1] === line.length ? m : undefined;
    if (!word) return m;
    for (let cur: Span | undefined = m, from = 0; cur;) {
      if (!isWordByte(line[cur[0] - 1]) && !isWordByte(line[cur[1]])) return cur;
      if (cur[1] <= from) return undefined;
      from = cur[1];
      cur = leftmostLongest(res[k], srcs[k], line, from, exact[k]);
    }
    return undefined;
  };
  return {
    test: (line) => order.some((k) => found(k, line) !== undefined),
    spans: (line) => {
      for (const k of order) {
        const m = found(k, line);
        if (!m) continue;
        if (fixed) return [[-1, k]];
        const out: Span[] = [];
        for (let cur: Span | undefined = m; cur;) {
          if (cur[1] > cur[0]) out.push(cur);
          let end = cur[1];
          if (end >= line.length) break;
          if (end === cur[0]) end++;
          cur = leftmostLongest(res[k], srcs[k], line, end, exact[k]);
        }
        return out;
      }
      return [];
    },
  };
}

/**
 * `grep [-qvcinlhHsxwoEF] [-m N] [-e PATTERN]… [PATTERN] [FILE…]`: the lines that match (or with -v do not), with
 * the file name before each when there are several files and the line number with -n. Status 0 when a line was
 * selected, 1 when none, 2 on an error (a file that cannot be read; with -q a selected line wins). GNU reports a
 * directory; BusyBox reads one as empty.
 */
export const grep: Utility = (p) => {
  const isGnu = gnu(p);
  const a = getopt(p, 'qvcinlhHsxwoEF', 'em');
  if (!a) return notModelled(p, 'grep');
  const flag = (f: string): boolean => has(a, f);
  if (flag('l') && flag('c')) return notModelled(p, 'grep');
  // GNU refuses two kinds of pattern; BusyBox takes -F over -E.
  if (isGnu && flag('E') && flag('F')) { p.err('grep: conflicting matchers specified\n'); return 2; }
  let max = Infinity;
  const mArg = lastOf(a, 'm');
  if (mArg !== undefined) {
    if (!/^\d+$/.test(mArg) || (!isGnu && mArg === '0')) return notModelled(p, 'grep');
    max = Number(mArg);
  }
  const operands = [...a.operands];
  const given = a.opts.filter(([f]) => f === 'e').map(([, v]) => v);
  if (!given.length) {
    if (!operands.length) {
      if (!isGnu) return usageNotModelled(p, 'grep');
      p.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    given.push(operands.shift()!);
  }
  if (given.some((g) => g.includes('\n'))) throw new Unmodelled('patterns separated by newlines are not modelled');
  const alpine = p.sh.world.userland.flavour === 'alpine';
  const icase = flag('i'), fixed = flag('F'), word = flag('w'), whole = flag('x');
  const pats = given.map(bytesOf);
  if (alpine && pats.some((q) => /[^\x00-\x7f]/.test(q))) throw new Unmodelled("non-ASCII patterns with musl's regex are not modelled");
  // Each pattern as a JavaScript expression over bytes (a fixed string as its escaped bytes).
  const srcs: string[] = [];
  let groups = 0;
  for (const q of pats) {
    if (fixed) { srcs.push([...q].map((b) => literal(b, icase)).join('')); continue; }
    const t = translate(q, flag('E'), icase, isGnu ? groups : 0, !alpine);
    if (typeof t === 'string') {
      p.err(isGnu ? `grep: ${t}\n` : `grep: bad regex '${textOf(q)}'\n`);
      return 2;
    }
    if (t.backrefs && icase) throw new Unmodelled('back-references with -i are not modelled');
    if (isGnu) for (const w of t.warnings) p.err(`grep: warning: ${w}\n`);
    if (isGnu && t.colonClass) { p.err('grep: character class syntax is [[:space:]], not [:space:]\n'); return 2; }
    groups += t.groups;
    srcs.push(t.src);
  }
  const matcher = isGnu ? gnuMatcher(srcs, word, whole) : busyboxMatcher(pats, fixed, icase, word, whole, srcs);
  const files = operands.length ? operands : ['-'];
  const named = flag('H') || (!flag('h') && files.length > 1);
  const numbered = flag('n') && !flag('c') && !flag('l') && !flag('q');
  const inputs = new Inputs(p);
  let selected = false, error = false;
  for (const file of files) {
    const name = file === '-' ? '(standard input)' : file;
    const r = inputs.read(file);
    let text = '';
    if ('err' in r) {
      if (r.err !== 'EISDIR' || isGnu) {
        if (!flag('s')) p.err(`grep: ${file}: ${STRERROR[r.err]}\n`);
        error = true;
        if (r.err !== 'EISDIR' || !flag('c')) continue;
      }
    } else text = r.text;
    if (text.includes('\0')) throw new Unmodelled('binary input (NUL bytes) is not modelled');
    const lines = linesOf(text);
    if (alpine && /[^\x00-\x7f]/.test(text)) throw new Unmodelled("non-ASCII input with musl's regex is not modelled");
    let n = 0, out = '';
    for (const [i, line] of lines.entries()) {
      if (n >= max) break;
      const b = bytesOf(line);
      if (matcher.test(b) === flag('v')) continue;
      n++;
      selected = true;
      if (flag('q')) return 0;
      if (flag('l')) break;
      if (flag('c')) continue;
      const prefix = (named ? `${name}:` : '') + (numbered ? `${i + 1}:` : '');
      if (!flag('o')) { out += `${prefix}${line}\n`; continue; }
      if (flag('v')) continue;
      for (const [s, e] of matcher.spans(b)) out += `${prefix}${s < 0 ? given[e] : textOf(b.slice(s, e))}\n`;
    }
    if (flag('l') && n) out += `${name}\n`;
    if (flag('c')) out += `${named ? `${name}:` : ''}${n}\n`;
    p.out(out);
  }
  if (error) return 2;
  return selected ? 0 : 1;
};
