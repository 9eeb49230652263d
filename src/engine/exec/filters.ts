// The text utilities of a simulated container: wc, head, tail, cut, seq, basename and dirname (grep has a file of its
// own), GNU's (coreutils, on the Debian images) and BusyBox's applets (busybox and Alpine), each with its own output
// layout, error texts and exit status. The containers run in the C locale, so these work on bytes (text-args.ts).
import { Unmodelled, type FsError } from './fs.ts';
import { gnu, STRERROR, type Proc, type Utility } from './shell.ts';
import { bytesOf, getopt, has, Inputs, lastOf, linesOf, notModelled, textOf, usageNotModelled, type Args } from './text-args.ts';

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
  // …and gives up when it could open none of them.
  if (early && !opened) { p.err(`${prog}: no files\n`); return 1; }
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
