// sort and uniq of a simulated container: GNU coreutils' (the Debian images) and BusyBox's applets (busybox and
// Alpine), each with its key rules, tie-breaks, output layout and error texts. The containers run in the C locale,
// so lines compare as bytes (text-args.ts).
import { resolvePath, Unmodelled, type FsError } from './fs.ts';
import { gnu, STRERROR, type Proc, type Utility } from './shell.ts';
import { bytesOf, getopt, has, Inputs, linesOf, notModelled, textOf, usageNotModelled } from './text-args.ts';

/** GNU's blanks (space, tab); the C library's isspace, which BusyBox uses. */
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isSpace = (c: string | undefined): boolean => c !== undefined && (c === ' ' || (c >= '\t' && c <= '\r'));
const isAlnum = (c: string): boolean => /[A-Za-z0-9]/.test(c);
const isPrint = (c: string): boolean => c >= ' ' && c <= '~';
const upper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

const C_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\', "'": "'",
};

/** Bytes (one char each) as GNU quotes them in a message in the C locale: in quotes, C escapes, octal for the rest. */
export function quoted(bytes: string): string {
  let out = '';
  for (const b of bytes) {
    if (b in C_ESCAPES) out += '\\' + C_ESCAPES[b];
    else if (b >= ' ' && b <= '~') out += b;
    else out += '\\' + b.charCodeAt(0).toString(8).padStart(3, '0');
  }
  return `'${out}'`;
}

/** A file name as GNU prints it unquoted in a message; throws Unmodelled for one it would quote. */
const plain = (name: string): string => {
  if (!/^[\w./+,:=@%-]+$/.test(name)) throw new Unmodelled("GNU's quoting of this file name in a message is not modelled");
  return name;
};

/** Writes a utility's output file (the null device discards it); the error, if it cannot. */
function writeOut(p: Proc, name: string, text: string): FsError | undefined {
  const path = resolvePath(p.sh.cwd, name);
  return path === '/dev/null' ? undefined : p.sh.world.fs.write(path, text, false);
}

// -------------------------------------------------------------------------------------------------------- sort

/** Ordering options, of a key or of the whole command: `bEnd` is `b` after a key's end (GNU: skip, BusyBox: strip). */
interface Order { b: boolean; bEnd: boolean; d: boolean; f: boolean; i: boolean; n: boolean; r: boolean }
const NONE: Order = { b: false, bEnd: false, d: false, f: false, i: false, n: false, r: false };
const anyOrder = (o: Order): boolean => Object.values(o).some(Boolean);

/** A `-k` key: 1-based field and character numbers as written (0: not given; `eField` 0: to the end of the line). */
interface Key { sField: number; sChar: number; eField: number; eChar: number; own: Order }
const WHOLE: Key = { sField: 1, sChar: 0, eField: 0, eChar: 0, own: NONE };

/** Reads a `-k` spec: the key, the program's error text, or undefined for ordering letters not modelled. */
function parseKey(text: string, isGnu: boolean): Key | string | undefined {
  const spec = bytesOf(text);
  const bad = (why: string): string => (isGnu ? `${why}: invalid field specification ${quoted(spec)}` : 'bad field specification');
  const noCount = (at: number, where: string): string =>
    (isGnu ? `invalid number ${where}: invalid count at start of ${quoted(spec.slice(at))}` : 'bad field specification');
  const own = { ...NONE };
  let i = 0;
  const num = (): number | undefined => {
    const m = /^\d+/.exec(spec.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  // Ordering letters up to `stop`: true when all are modelled, an error text, or undefined.
  const letters = (end: boolean, stop: string): true | string | undefined => {
    for (; i < spec.length && spec[i] !== stop; i++) {
      const ch = spec[i];
      if ('dfinr'.includes(ch)) own[ch as 'd'] = true;
      else if (ch === 'b') own[end ? 'bEnd' : 'b'] = true;
      else if ((isGnu ? 'ghMRV' : 'gMVucszmoktST').includes(ch)) return undefined;
      else return isGnu ? bad('stray character in field spec') : 'unknown key option';
    }
    return true;
  };
  const sField = num();
  if (sField === undefined) return noCount(0, 'at field start');
  if (!sField) return bad('field number is zero');
  let sChar = 0, eField = 0, eChar = 0;
  if (spec[i] === '.') {
    const at = ++i, n = num();
    if (n === undefined) return noCount(at, "after '.'");
    if (!n) return bad('character offset is zero');
    sChar = n;
  }
  const start = letters(false, ',');
  if (start !== true) return start;
  // BusyBox reads a comma with nothing after it as no end.
  if (spec[i] === ',' && (isGnu || i + 1 < spec.length)) {
    let at = ++i, n = num();
    if (n === undefined) return noCount(at, "after ','");
    if (!n) return bad('field number is zero');
    eField = n;
    if (spec[i] === '.') {
      at = ++i;
      n = num();
      if (n === undefined) return noCount(at, "after '.'");
      if (!n && !isGnu) return bad('');
      eChar = n;
    }
    const end = letters(true, '');
    if (end !== true) return end;
  }
  return { sField, sChar, eField, eChar, own };
}

/** The bytes a key covers in a line, as GNU finds them (fields start at their leading blanks, or after the tab). */
function gnuKeyText(line: string, k: Key, o: Order, tab: string | undefined): string {
  const len = line.length;
  const skipFields = (from: number, n: number, lastSep: boolean): number => {
    let at = from;
    for (let left = n; left > 0 && at < len; left--) {
      if (tab !== undefined) {
        while (at < len && line[at] !== tab) at++;
        if (at < len && (left > 1 || lastSep)) at++;
      } else {
        while (isBlank(line[at])) at++;
        while (at < len && !isBlank(line[at])) at++;
      }
    }
    return at;
  };
  let s = skipFields(0, k.sField - 1, true);
  if (o.b) while (isBlank(line[s])) s++;
  s = Math.min(len, s + Math.max(0, k.sChar - 1));
  let e = len;
  if (k.eField) {
    // A key that ends at a field's end takes the whole field; one that ends at a character counts from its start.
    e = skipFields(0, k.eChar ? k.eField - 1 : k.eField, k.eChar > 0);
    if (k.eChar) {
      if (o.bEnd) while (isBlank(line[e])) e++;
      e = Math.min(len, e + k.eChar);
    }
  }
  return e > s ? line.slice(s, e) : '';
}

/** The bytes a key covers, as BusyBox finds them: its end character counts from the start of the line. */
function busyboxKeyText(line: string, k: Key, o: Order, tab: string | undefined): string {
  const len = line.length;
  const afterFields = (n: number, end: boolean): number => {
    let at = 0, sep = false;
    for (let i = 0; i < n; i++) {
      if (tab !== undefined) {
        sep = false;
        while (at < len) if (line[at++] === tab) { sep = true; break; }
      } else {
        while (isSpace(line[at])) at++;
        while (at < len && !isSpace(line[at])) at++;
      }
    }
    return end && sep ? at - 1 : at;
  };
  let s = afterFields(k.sField - 1, false);
  let e = k.eField ? afterFields(k.eField, true) : len;
  if (o.b) while (isSpace(line[s])) s++;
  if (o.bEnd) while (e > s && isSpace(line[e - 1])) e--;
  if (k.eChar) e = Math.min(k.eChar, len);
  if (k.sChar) s = Math.min(s + k.sChar - 1, len);
  return e > s ? line.slice(s, e) : '';
}

/** GNU's -n: an optional minus, digits and a fraction after blanks (no plus, no exponent), compared as decimals. */
function gnuNumCompare(x: string, y: string): number {
  const parse = (t: string): { neg: boolean; int: string; frac: string } => {
    const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(t)!;
    const int = m[2].replace(/^0+/, ''), frac = (m[3] ?? '').replace(/0+$/, '');
    return { neg: m[1] === '-' && (int !== '' || frac !== ''), int, frac };
  };
  const a = parse(x), b = parse(y);
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const mag = a.int.length - b.int.length || cmp(a.int, b.int) || cmp(a.frac, b.frac);
  return a.neg ? -mag : mag;
}

/** BusyBox's -n: the C library's strtod of the key (hexadecimal floats and NaN are not modelled). */
function strtod(t: string): number {
  const s = t.replace(/^[ \t\n\v\f\r]+/, '');
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+)([.pP]?)/.exec(s);
  if (hex) {
    if (hex[3]) throw new Unmodelled('sort -n of hexadecimal fractions is not modelled');
    return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16);
  }
  if (/^[+-]?nan/i.test(s)) throw new Unmodelled('sort -n of NaN is not modelled');
  if (/^[+-]?inf/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s);
  return m ? Number(m[0]) : 0;
}

/** Compares two keys' bytes under an order (before -r). */
function keyCompare(x: string, y: string, o: Order, isGnu: boolean): number {
  if (o.n && isGnu) return gnuNumCompare(x, y);
  const shape = (t: string): string => {
    let out = t;
    if (o.d) out = [...out].filter((c) => isAlnum(c) || (isGnu ? isBlank(c) : isSpace(c))).join('');
    if (o.i && !(o.d && isGnu)) out = [...out].filter(isPrint).join('');
    return o.f ? upper(out) : out;
  };
  if (o.n) {
    const a = strtod(shape(x)), b = strtod(shape(y));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return cmp(shape(x), shape(y));
}

type Line = { text: string; at: number };

/**
 * `sort [-bcdfinrsu] [-C] [-k KEYDEF]… [-t SEP] [-o FILE] [FILE…]`. Keys that name no ordering option take the
 * command's. Lines whose keys tie are compared whole as bytes (GNU's last resort, BusyBox's fallback), reversed by a
 * global -r; -s skips that (GNU keeps input order, BusyBox too, reversed when the last key is -r); -u keeps the
 * first line of each run of equal keys. -c checks instead of sorting. Status 2 for errors, 1 for -c's disorder.
 */
export const sort: Utility = (p) => {
  const isGnu = gnu(p);
  const a = getopt(p, isGnu ? 'bcCdfinrsu' : 'bcdfinrsu', 'kot');
  if (!a) return notModelled(p, 'sort');
  const fail = (msg: string): number => { p.err(`sort: ${msg}\n`); return 2; };
  const global = { ...NONE };
  const keys: Key[] = [];
  let tab: string | undefined, out: string | undefined;
  if (!isGnu && (a.opts.filter(([f]) => f === 't').length > 1 || a.opts.filter(([f]) => f === 'o').length > 1)) return usageNotModelled(p, 'sort');
  for (const [f, v] of a.opts) {
    if (f === 't') {
      const t = bytesOf(v);
      if (t.length !== 1) {
        if (isGnu && t === '\\0') return notModelled(p, 'sort');
        return fail(!isGnu ? 'bad -t parameter' : t ? `multi-character tab ${quoted(t)}` : 'empty tab');
      }
      if (tab !== undefined && tab !== t) return fail('incompatible tabs');
      tab = t;
    } else if (f === 'k') {
      const k = parseKey(v, isGnu);
      if (k === undefined || (!isGnu && !v)) return notModelled(p, 'sort');
      if (typeof k === 'string') return fail(k);
      keys.push(k);
    } else if (f === 'o') {
      if (out !== undefined && out !== v) return fail('multiple output files specified');
      out = v;
    } else if (f in global) {
      global[f as keyof Order] = true;
      if (f === 'b') global.bEnd = true;
    }
  }
  const check = has(a, 'c') || has(a, 'C');
  const [s, u] = [has(a, 's'), has(a, 'u')];
  const order = (k: Key): Order => (anyOrder(k.own) ? k.own : global);
  // GNU sorts by the whole line under the global options when there are any (beyond -r) and no -k.
  if (!keys.length && (!isGnu || anyOrder({ ...global, r: false }))) keys.push(WHOLE);
  const clash = isGnu ? keys.map(order).find((o) => o.n && (o.d || o.i)) : undefined;
  // GNU names the clashing key's options, -b and -r left out (-d outranks -i).
  if (clash) return fail(`options '-${clash.d ? 'd' : ''}${clash.f ? 'f' : ''}${clash.i && !clash.d ? 'i' : ''}n' are incompatible`);
  if (check && out !== undefined) return notModelled(p, 'sort');
  if (out === '-') return notModelled(p, 'sort');
  if (check && isGnu && a.operands.length > 1) return fail(`extra operand ${quoted(bytesOf(a.operands[1]))} not allowed with -c`);

  const names = a.operands.length ? a.operands : ['-'];
  const inputs = new Inputs(p);
  const read = names.map((name) => ({ name, r: inputs.read(name) }));
  const outFailed = (err: FsError): number =>
    fail(isGnu ? `open failed: ${plain(out!)}: ${STRERROR[err]}` : `can't open '${out}': ${STRERROR[err]}`);
  // GNU opens every input, then the output (creating it, leaving what it holds), then reads; BusyBox reads a
  // directory as empty.
  for (const { name, r } of read) {
    if ('text' in r || r.err === 'EISDIR') continue;
    return fail(isGnu ? `${check ? 'open failed' : 'cannot read'}: ${plain(name)}: ${STRERROR[r.err]}` : `${name}: ${STRERROR[r.err]}`);
  }
  const outPath = out === undefined ? '/dev/null' : resolvePath(p.sh.cwd, out);
  if (isGnu && outPath !== '/dev/null' && p.sh.world.fs.stat(outPath) !== 'file') {
    const err = writeOut(p, out!, '');
    if (err) return outFailed(err);
  }
  const dir = read.find(({ r }) => 'err' in r);
  if (dir && isGnu) return fail(`read failed: ${plain(dir.name)}: ${STRERROR.EISDIR}`);
  const lines: Line[] = [];
  for (const { r } of read) if ('text' in r) for (const text of linesOf(bytesOf(r.text))) lines.push({ text, at: lines.length });

  const keyText = isGnu ? gnuKeyText : busyboxKeyText;
  // The keys' verdict, and the order of the last key compared (BusyBox reverses its -s tie-break by it).
  const byKeys = (x: Line, y: Line): [number, Order] => {
    let last = global;
    for (const k of keys) {
      last = order(k);
      const d = keyCompare(keyText(x.text, k, last, tab), keyText(y.text, k, last, tab), last, isGnu);
      if (d) return [last.r ? -d : d, last];
    }
    return [0, last];
  };
  const compare = (x: Line, y: Line): number => {
    const [d, last] = byKeys(x, y);
    if (d || (isGnu && keys.length && (s || u))) return d;
    if (isGnu || !s) return global.r ? cmp(y.text, x.text) : cmp(x.text, y.text);
    // BusyBox -s breaks ties by position; musl's qsort (Alpine) moves lines, so there it depends on the algorithm.
    if (x.at !== y.at && p.sh.world.userland.flavour === 'alpine') throw new Unmodelled('sort -s of equal keys on musl is not modelled');
    return last.r ? y.at - x.at : x.at - y.at;
  };

  if (check) {
    for (let i = 1; i < lines.length; i++) {
      const c = compare(lines[i - 1], lines[i]);
      if (c > 0 || (u && c === 0)) {
        if (!has(a, 'C')) p.err(isGnu ? `sort: ${plain(names[0])}:${i + 1}: disorder: ${textOf(lines[i].text)}\n` : `Check line ${i}\n`);
        return 1;
      }
    }
    return 0;
  }
  lines.sort(compare);
  const kept = !u ? lines : lines.filter((line, i) => {
    if (!i) return true;
    return isGnu ? compare(lines[i - 1], line) !== 0 : s || byKeys(lines[i - 1], line)[0] !== 0;
  });
  const text = textOf(kept.map((l) => l.text + '\n').join(''));
  if (out === undefined) { p.out(text); return 0; }
  const err = writeOut(p, out, text);
  return err ? outFailed(err) : 0;
};

// -------------------------------------------------------------------------------------------------------- uniq

const SKIPS = { f: 'fields to skip', s: 'bytes to skip', w: 'bytes to compare' } as const;

/**
 * `uniq [-cdui] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]`: the first line of each run of lines that compare equal after
 * skipping N fields (blanks then non-blanks; BusyBox's blanks are all of isspace) and N bytes, over at most -w bytes;
 * -c prefixes the run's length (`%7d `), -d keeps runs of several lines, -u runs of one. Status 1 on errors.
 */
export const uniq: Utility = (p) => {
  const isGnu = gnu(p);
  const a = getopt(p, 'cdui', 'fsw');
  if (!a) return notModelled(p, 'uniq');
  const n = { f: 0, s: 0, w: Infinity };
  for (const [f, v] of a.opts) {
    if (!(f in SKIPS)) continue;
    // GNU reads the number as strtol does (blanks and a plus first); BusyBox takes digits up to INT_MAX.
    const m = (isGnu ? /^[ \t\n\v\f\r]*\+?(\d+)$/ : /^(\d+)$/).exec(v);
    const big = m ? BigInt(m[1]) : 0n;
    if (m && !isGnu && big >= 2n ** 31n && big < 2n ** 64n) {
      p.err(`uniq: number ${v} is not in 0..2147483647 range\n`);
      return 1;
    }
    if (!m || (!isGnu && big >= 2n ** 64n)) {
      p.err(isGnu ? `uniq: ${v}: invalid number of ${SKIPS[f as keyof typeof SKIPS]}\n` : `uniq: invalid number '${v}'\n`);
      return 1;
    }
    n[f as keyof typeof n] = Number(m[1]);
  }
  const ops = a.operands;
  // GNU's obsolete `+N` (skip N bytes) is not modelled.
  if (isGnu && ops.some((o) => /^\+\d/.test(o))) return notModelled(p, 'uniq');
  if (ops.length > 2) {
    if (!isGnu) return usageNotModelled(p, 'uniq');
    p.err(`uniq: extra operand ${quoted(bytesOf(ops[2]))}\nTry 'uniq --help' for more information.\n`);
    return 1;
  }
  const inName = ops[0] ?? '-';
  const r = new Inputs(p).read(inName);
  if ('err' in r && r.err !== 'EISDIR') {
    p.err(isGnu ? `uniq: ${plain(inName)}: ${STRERROR[r.err]}\n` : `uniq: can't open '${inName}': ${STRERROR[r.err]}\n`);
    return 1;
  }
  const outName = ops[1] !== undefined && ops[1] !== '-' ? ops[1] : undefined;
  const write = (text: string): number => {
    if (outName === undefined) { p.out(text); return 0; }
    const err = writeOut(p, outName, text);
    if (!err) return 0;
    p.err(isGnu ? `uniq: ${plain(outName)}: ${STRERROR[err]}\n` : `uniq: can't open '${outName}': ${STRERROR[err]}\n`);
    return 1;
  };
  // Both open the output before reading, so a directory's read error comes after the output is created.
  if ('err' in r) {
    if (write('')) return 1;
    p.err(isGnu ? `uniq: error reading ${quoted(bytesOf(inName))}\n` : `uniq: ${inName}: I/O error\n`);
    return 1;
  }
  const blank = isGnu ? isBlank : isSpace;
  const key = (line: string): string => {
    let at = 0;
    for (let i = 0; i < n.f && at < line.length; i++) {
      while (blank(line[at])) at++;
      while (at < line.length && !blank(line[at])) at++;
    }
    const k = line.slice(Math.min(line.length, at + n.s)).slice(0, n.w);
    return has(a, 'i') ? upper(k) : k;
  };
  let out = '';
  const lines = linesOf(bytesOf(r.text));
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    while (j < lines.length && key(lines[j]) === key(lines[i])) j++;
    const count = j - i;
    if (!(has(a, 'd') && count === 1) && !(has(a, 'u') && count > 1)) out += (has(a, 'c') ? `${String(count).padStart(7)} ` : '') + lines[i] + '\n';
    i = j;
  }
  return write(textOf(out));
};
