// tr of a simulated container: GNU coreutils' (the Debian images) and BusyBox's applet (busybox and Alpine). Each
// reads its sets its own way (escapes, ranges, classes; GNU's repeats and rules for string2), then translates,
// deletes and squeezes standard input byte by byte (the C locale).
import { Unmodelled } from './fs.ts';
import { quoted } from './sort.ts';
import { gnu, type Proc, type Utility } from './shell.ts';
import { bytesOf, getopt, has, Inputs, notModelled, textOf, usageNotModelled, type Args } from './text-args.ts';

const BYTES = Array.from({ length: 256 }, (_, c) => c);
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  alnum: isAlnum, alpha: (c) => isAlnum(c) && c > 57, blank: (c) => c === 9 || c === 32, cntrl: (c) => c < 32 || c === 127,
  digit: (c) => c >= 48 && c <= 57, graph: (c) => c > 32 && c < 127, lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 127, punct: (c) => c > 32 && c < 127 && !isAlnum(c), space: (c) => c === 32 || (c >= 9 && c <= 13),
  upper: (c) => c >= 65 && c <= 90, xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};
/** The classes BusyBox knows; it reads any other `[:name:]` as plain characters. */
const BUSYBOX_CLASSES = ['alnum', 'alpha', 'blank', 'cntrl', 'digit', 'lower', 'punct', 'space', 'upper', 'xdigit'];
const members = (name: string): number[] => BYTES.filter(CLASSES[name]);
const complement = (set: number[]): number[] => BYTES.filter((c) => !set.includes(c));

/** A part of a set as written: its bytes, the class it names, a `[c*]` fill (its byte), a `[c*n]`, an `[=c=]`. */
interface Piece { chars: number[]; cls?: string; fill?: number; rep?: boolean; equiv?: boolean }

/** A byte of a set after its escapes, and whether it came from one (an escaped `[` or `-` is plain). */
type Unit = { c: number; esc: boolean };

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** GNU's escapes: the C ones, up to three octal digits (two when three overflow a byte, with a warning), `\c` as c. */
function gnuUnescape(s: string, warn: (msg: string) => void): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') { out.push({ c: s.charCodeAt(i), esc: false }); continue; }
    const next = s[i + 1];
    if (next === undefined) {
      warn('warning: an unescaped backslash at end of string is not portable');
      out.push({ c: 92, esc: false });
      continue;
    }
    const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))?.[0];
    if (oct) {
      let digits = oct;
      if (parseInt(oct, 8) > 255) {
        digits = oct.slice(0, 2);
        warn(`warning: the ambiguous octal escape \\${oct} is being\n\tinterpreted as the 2-byte sequence \\0${digits}, ${oct[2]}`);
      }
      out.push({ c: parseInt(digits, 8), esc: true });
      i += digits.length;
      continue;
    }
    out.push({ c: SIMPLE_ESCAPES[next] ?? next.charCodeAt(0), esc: true });
    i++;
  }
  return out;
}

/** A byte as GNU's tr shows it in a message: itself if printable, else `\ooo`. */
const printable = (c: number): string => (c >= 32 && c < 127 ? String.fromCharCode(c) : `\\${c.toString(8).padStart(3, '0')}`);

/** GNU's reading of a set: classes, `[=c=]`, `[c*n]` and `[c*]`, ranges; an error text when it refuses one. */
function gnuSet(s: string, warn: (msg: string) => void): Piece[] | string {
  const u = gnuUnescape(s, warn);
  const is = (k: number, ch: string): boolean => u[k] !== undefined && !u[k].esc && u[k].c === ch.charCodeAt(0);
  const text = (from: number, to: number): string => String.fromCharCode(...u.slice(from, to).map((x) => x.c));
  const closing = (from: number, ch: string): number => {
    for (let j = from; j + 1 < u.length; j++) if (is(j, ch) && is(j + 1, ']')) return j;
    return -1;
  };
  const pieces: Piece[] = [];
  for (let i = 0; i < u.length;) {
    if (is(i, '[') && (is(i + 1, ':') || is(i + 1, '='))) {
      const j = closing(i + 2, u[i + 1].c === 58 ? ':' : '=');
      if (j >= 0 && is(i + 1, ':')) {
        const name = text(i + 2, j);
        if (!(name in CLASSES)) return `invalid character class ${quoted(name)}`;
        pieces.push({ chars: members(name), cls: name });
        i = j + 2;
        continue;
      }
      if (j >= 0) {
        if (j !== i + 3) return `${text(i + 2, j)}: equivalence class operand must be a single character`;
        pieces.push({ chars: [u[i + 2].c], equiv: true });
        i = j + 2;
        continue;
      }
    }
    if (is(i, '[') && u[i + 1] !== undefined && is(i + 2, '*')) {
      let j = i + 3;
      while (j < u.length && !is(j, ']')) j++;
      if (j < u.length) {
        const count = text(i + 3, j);
        const n = /^[1-9]\d*$/.test(count) ? Number(count) : /^0[0-7]*$/.test(count) ? parseInt(count, 8) : count ? NaN : 0;
        if (Number.isNaN(n)) return `invalid repeat count ${quoted(count)} in [c*n] construct`;
        if (n > 65536) throw new Unmodelled('tr repeat counts this large are not modelled');
        pieces.push(n ? { chars: Array<number>(n).fill(u[i + 1].c), rep: true } : { chars: [], fill: u[i + 1].c });
        i = j + 1;
        continue;
      }
    }
    if (is(i + 1, '-') && u[i + 2] !== undefined) {
      const [lo, hi] = [u[i].c, u[i + 2].c];
      if (hi < lo) return `range-endpoints of '${printable(lo)}-${printable(hi)}' are in reverse collating sequence order`;
      pieces.push({ chars: BYTES.slice(lo, hi + 1) });
      i += 3;
      continue;
    }
    pieces.push({ chars: [u[i].c] });
    i++;
  }
  return pieces;
}

/** Where each piece of a set starts, counted in bytes. */
const offsets = (pieces: Piece[]): number[] => {
  let at = 0;
  return pieces.map((x) => { const o = at; at += x.chars.length; return o; });
};

/**
 * The checks GNU makes of string2 (`translating`: two strings, no -d), after filling its `[c*]` to string1's length.
 * An [:upper:] or [:lower:] of string2 that starts within string1 (or just at its end) must meet one of those two in
 * string1 at the same byte (unless string1 is complemented); string2 may not end with one when string1 is longer.
 * Undefined: a mix not modelled.
 */
function gnuSet2(set1: Piece[], set2: Piece[], len1: number, translating: boolean, compl: boolean, truncate: boolean): Piece[] | string | undefined {
  const fills = set2.filter((x) => x.fill !== undefined);
  if (!translating) return fills.length ? 'the [c*] construct may appear in string2 only when translating' : set2;
  if (set2.some((x) => x.equiv)) return '[=c=] expressions may not appear in string2 when translating';
  if (fills.length > 1) return 'only one [c*] repeat construct may appear in string2';
  if (set2.some((x) => x.cls && x.cls !== 'upper' && x.cls !== 'lower')) {
    return "when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'";
  }
  const others = set2.reduce((n, x) => n + x.chars.length, 0);
  const filled = set2.map((x) => (x.fill === undefined ? x : { chars: Array<number>(Math.max(0, len1 - others)).fill(x.fill) }));
  if (!set2.some((x) => x.cls)) return filled;
  if (truncate || set2.some((x) => x.rep || x.fill !== undefined) || (!compl && set1.some((x) => x.rep))) return undefined;
  // Against a complement, the classes are plain lists of bytes.
  const starts1 = offsets(set1), starts2 = offsets(filled);
  const cased = (at: number): boolean => set1.some((x, k) => starts1[k] === at && (x.cls === 'upper' || x.cls === 'lower'));
  if (!compl && filled.some((x, k) => x.cls && starts2[k] <= len1 && !cased(starts2[k]))) return 'misaligned [:upper:] and/or [:lower:] construct';
  if (len1 > others && filled[filled.length - 1].cls) {
    return 'when translating with string1 longer than string2,\nthe latter string must not end with a character class';
  }
  return filled;
}

/** What a run does to each input byte: a translation table, the bytes deleted, the bytes squeezed. */
interface Plan { map?: number[]; del?: Set<number>; squeeze?: Set<number> }

/** GNU's tr: operand counts and their messages, the sets and string2's rules. A status when it stops early. */
function gnuPlan(p: Proc, a: Args): Plan | number {
  const [c, d, s, t] = [has(a, 'c') || has(a, 'C'), has(a, 'd'), has(a, 's'), has(a, 't')];
  const ops = a.operands;
  const usage = (msg: string): number => { p.err(`tr: ${msg}\nTry 'tr --help' for more information.\n`); return 1; };
  const min = d === s ? 2 : 1, max = d && !s ? 1 : 2;
  if (ops.length < min) {
    if (!ops.length) return usage('missing operand');
    const why = s ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
    return usage(`missing operand after ${quoted(bytesOf(ops[0]))}\n${why}`);
  }
  if (ops.length > max) {
    const why = ops.length === 2 ? '\nOnly one string may be given when deleting without squeezing repeats.' : '';
    return usage(`extra operand ${quoted(bytesOf(ops[max]))}${why}`);
  }
  const fail = (msg: string): number => { p.err(`tr: ${msg}\n`); return 1; };
  const warn = (msg: string): void => p.err(`tr: ${msg}\n`);
  const set1 = gnuSet(bytesOf(ops[0]), warn);
  if (typeof set1 === 'string') return fail(set1);
  const raw2 = ops.length > 1 ? gnuSet(bytesOf(ops[1]), warn) : [];
  if (typeof raw2 === 'string') return fail(raw2);
  if (set1.some((x) => x.fill !== undefined)) return fail('the [c*] repeat construct may not appear in string1');
  const plain1 = set1.flatMap((x) => x.chars);
  const s1 = c ? complement(plain1) : plain1;
  const translating = ops.length === 2 && !d;
  const set2 = gnuSet2(set1, raw2, s1.length, translating, c, t);
  if (set2 === undefined) return notModelled(p, 'tr');
  if (typeof set2 === 'string') return fail(set2);
  const s2 = set2.flatMap((x) => x.chars);
  const plan: Plan = {};
  if (translating) {
    if (!s2.length && !t) return fail('when not truncating set1, string2 must be non-empty');
    if (c && set1.some((x) => x.cls) && new Set(s2).size > 1) {
      return fail('when translating with complemented character classes,\nstring2 must map all characters in the domain to one');
    }
    const from = t ? s1.slice(0, s2.length) : s1;
    plan.map = [...BYTES];
    from.forEach((b, k) => { plan.map![b] = s2[Math.min(k, s2.length - 1)]; });
  }
  if (d) plan.del = new Set(s1);
  if (s) plan.squeeze = new Set(ops.length === 2 ? s2 : s1);
  return plan;
}

/**
 * BusyBox's reading of a set: the C escapes, octal up to a byte, `\xHH`; a backslash before anything else stays.
 * Ranges and its ten classes expand; `[c*n]` and unknown classes are plain characters. 'usage' where it prints its
 * usage text (a malformed `[=`).
 */
function busyboxSet(s: string): number[] | 'usage' {
  const u: Unit[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) { u.push({ c: s.charCodeAt(i), esc: false }); continue; }
    const rest = s.slice(i + 1);
    const oct = /^[0-7]{1,3}/.exec(rest)?.[0], hex = /^x[0-9a-fA-F]{1,2}/.exec(rest)?.[0];
    let c: number;
    if (oct) {
      const digits = parseInt(oct, 8) > 255 ? oct.slice(0, 2) : oct;
      c = parseInt(digits, 8);
      i += digits.length;
    } else if (hex) {
      c = parseInt(hex.slice(1), 16);
      i += hex.length;
    } else if (rest[0] in SIMPLE_ESCAPES) {
      c = SIMPLE_ESCAPES[rest[0]];
      i++;
    } else {
      if (/^['"?ex]/.test(rest)) throw new Unmodelled(`BusyBox's tr escape \\${rest[0]} is not modelled`);
      u.push({ c: 92, esc: false });
      continue;
    }
    if ('-[]:=*'.includes(String.fromCharCode(c))) throw new Unmodelled('an escaped tr operator character is not modelled for BusyBox');
    u.push({ c, esc: true });
  }
  const str = String.fromCharCode(...u.map((x) => x.c));
  const out: number[] = [];
  for (let i = 0; i < u.length;) {
    if (str.startsWith('[:', i) && !u[i].esc) {
      const j = str.indexOf(':]', i + 2);
      const name = j < 0 ? '' : str.slice(i + 2, j);
      if (BUSYBOX_CLASSES.includes(name)) { out.push(...members(name)); i = j + 2; continue; }
    }
    if (str.startsWith('[=', i) && !u[i].esc) {
      if (str.slice(i + 3, i + 5) !== '=]') return 'usage';
      out.push(u[i + 2].c);
      i += 5;
      continue;
    }
    if (str[i + 1] === '-' && i + 2 < u.length) {
      const [lo, hi] = [u[i].c, u[i + 2].c];
      // A reversed range stands for nothing.
      out.push(...BYTES.slice(lo, hi + 1));
      i += 3;
      continue;
    }
    out.push(u[i].c);
    i++;
  }
  return out;
}

/** BusyBox's tr: one string deletes (-d), squeezes (-s) or does nothing; two translate. Extra operands are ignored. */
function busyboxPlan(p: Proc, a: Args): Plan | number {
  const [c, d, s] = [has(a, 'c') || has(a, 'C'), has(a, 'd'), has(a, 's')];
  const ops = a.operands;
  if (!ops.length) return usageNotModelled(p, 'tr');
  if (ops.length > 1 && !ops[1]) { p.err('tr: STRING2 cannot be empty\n'); return 1; }
  const set1 = busyboxSet(bytesOf(ops[0]));
  const set2 = ops.length > 1 && (s || !d) ? busyboxSet(bytesOf(ops[1])) : [];
  if (set1 === 'usage' || set2 === 'usage') return usageNotModelled(p, 'tr');
  if (ops.length > 1 && !set2.length && (s || !d)) throw new Unmodelled("BusyBox's tr with an empty string2 is not modelled");
  const s1 = c ? complement(set1) : set1;
  const plan: Plan = {};
  if (d) {
    plan.del = new Set(s1);
    if (s && ops.length > 1) plan.squeeze = new Set(set2);
    return plan;
  }
  if (ops.length > 1) {
    plan.map = [...BYTES];
    s1.forEach((b, k) => { plan.map![b] = set2[Math.min(k, set2.length - 1)]; });
    if (s) plan.squeeze = new Set(set2);
  } else if (s) plan.squeeze = new Set(s1);
  return plan;
}

/**
 * `tr [-cds] SET1 [SET2]` (GNU also -C, -t): standard input with SET1's bytes translated to SET2's (SET2 padded with
 * its last byte), or deleted (-d), then runs of one byte of the squeeze set (SET2, or SET1 alone) cut to one (-s);
 * -c takes SET1's complement in byte order.
 */
export const tr: Utility = (p) => {
  const isGnu = gnu(p);
  // Both stop reading options at the first operand (a set may start with `-`).
  const a = getopt(p, isGnu ? 'cCdst' : 'cCds', '', p.args, true);
  if (!a) return notModelled(p, 'tr');
  const plan = isGnu ? gnuPlan(p, a) : busyboxPlan(p, a);
  if (typeof plan === 'number') return plan;
  const input = new Inputs(p).read('-');
  const bytes = 'text' in input ? bytesOf(input.text) : '';
  let out = '', last = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if (plan.del?.has(b)) continue;
    const o = plan.map ? plan.map[b] : b;
    if (o === last && plan.squeeze?.has(o)) continue;
    out += String.fromCharCode(o);
    last = o;
  }
  p.out(textOf(out));
  return 0;
};
