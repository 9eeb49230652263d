// Go's fmt for the values a kubectl go-template sees: decoded JSON (every number a float64), template ints
// (bigint) and strings. Models fmt.Sprint, Sprintln and Sprintf for the common verbs, and strconv.Quote.
import { goQuote } from '../../engine/api/field-errors.ts';

/** Go's %v of a float64 (strconv 'g', shortest digits, exponent form below 1e-4 and from 1e6): `3`, `0.5`, `1e+06`. */
export function goFloat64(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // toExponential gives the shortest round-trip digits, as strconv does.
  const [mant, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return goExp(mant, exp);
  return String(n);
}

function goExp(mant: string, exp: number): string {
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * fmt.Sprint of a decoded JSON value, with `num` printing its numbers: strings bare, `<nil>`, maps as
 * `map[k:v …]` with keys sorted, lists as `[a b]`, template ints (bigint) plain.
 */
function sprintJson(v: unknown, num: (n: number) => string): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return num(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => sprintJson(x, num)).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m).sort().map((k) => `${k}:${sprintJson(m[k], num)}`).join(' ')}]`;
}

/** A number of kubectl's unstructured objects: whole numbers are int64 there, the rest float64. */
function goInt64OrFloat64(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? String(n) : goFloat64(n);
}

/** fmt.Sprint of a field of kubectl's unstructured objects (custom columns, the generic describer). */
export function goSprint(v: unknown): string {
  return sprintJson(v, goInt64OrFloat64);
}

/** fmt.Sprint of one template value (the template's data holds every JSON number as a float64). */
export function sprintValue(v: unknown): string {
  return sprintJson(v, goFloat64);
}

/** fmt.Sprint of several operands: a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let s = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') s += ' ';
    s += sprintValue(a);
  });
  return s;
}

/** fmt.Sprintln: operands always separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map(sprintValue).join(' ') + '\n';
}

/** The Go type of a template value as fmt names it in `%!d(float64=3)`. */
export function goTypeName(v: unknown): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** strconv.Quote (shared with the API server's field errors). */
export { goQuote };

interface Spec { minus: boolean; plus: boolean; zero: boolean; space: boolean; sharp: boolean; width: number | null; prec: number | null }

function pad(s: string, f: Spec, numeric: boolean): string {
  if (f.width === null || s.length >= f.width) return s;
  if (f.minus) return s.padEnd(f.width);
  if (f.zero && numeric) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(f.width - sign.length, '0');
  }
  return s.padStart(f.width);
}

const bad = (verb: string, v: unknown): string => v === null ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(v)}=${sprintValue(v)})`;

function signed(s: string, neg: boolean, f: Spec): string {
  return (neg ? '-' : f.plus ? '+' : f.space ? ' ' : '') + s;
}

function fmtInt(verb: string, n: bigint, f: Spec): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let s: string;
  if (verb === 'd' || verb === 'v') s = a.toString();
  else if (verb === 'x') s = (f.sharp ? '0x' : '') + a.toString(16);
  else if (verb === 'X') s = (f.sharp ? '0X' : '') + a.toString(16).toUpperCase();
  else if (verb === 'o') s = (f.sharp ? '0' : '') + a.toString(8);
  else if (verb === 'b') s = a.toString(2);
  else if (verb === 'c') return pad(String.fromCodePoint(Number(n)), f, false);
  else if (verb === 'q') return pad(`'${String.fromCodePoint(Number(n))}'`, f, false);
  else return bad(verb, n);
  if (f.prec !== null) s = s.padStart(f.prec, '0');
  return pad(signed(s, neg, f), f, f.prec === null);
}

function fmtFloat(verb: string, n: number, f: Spec): string {
  const neg = n < 0 || Object.is(n, -0);
  const a = Math.abs(n);
  let s: string;
  if (!Number.isFinite(n)) s = Number.isNaN(n) ? 'NaN' : 'Inf';
  else if (verb === 'v' || verb === 'g' || verb === 'G') {
    s = f.prec === null ? goFloat64(a) : goExpFix(a.toPrecision(Math.max(f.prec, 1)));
  } else if (verb === 'f' || verb === 'F') s = goFixed(a, f.prec ?? 6);
  else if (verb === 'e' || verb === 'E') {
    const [m, e] = a.toExponential(f.prec ?? 6).split('e');
    s = goExp(m, Number(e));
    if (verb === 'E') s = s.toUpperCase();
  } else return bad(verb, n);
  if (Number.isNaN(n)) return pad(f.plus ? '+NaN' : f.space ? ' NaN' : 'NaN', f, false);
  return pad(signed(s, neg, f), f, Number.isFinite(n));
}

// strconv's 'f' of a non-negative float: an exact tie rounds to even (2.25 → 2.2), where toFixed rounds up.
function goFixed(a: number, prec: number): string {
  const s = a.toFixed(prec);
  if (prec > 40) return s;
  const exact = a.toFixed(Math.min(100, prec + 60));
  const tail = exact.slice(exact.length - 60);
  if (!/^50*$/.test(tail)) return s;
  const down = exact.slice(0, exact.length - 60).replace(/\.$/, '');
  const last = Number(down[down.length - 1]);
  return last % 2 === 0 ? down : s;
}

// toPrecision's exponent form (`1.0e+6`) in Go's spelling, and Go's %g trims trailing zeros.
function goExpFix(s: string): string {
  const m = /^([\d.]+)e([-+])(\d+)$/.exec(s);
  const trim = (x: string): string => x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x;
  if (!m) return trim(s);
  return `${trim(m[1])}e${m[2]}${m[3].padStart(2, '0')}`;
}

function fmtString(verb: string, s: string, f: Spec): string {
  if (verb === 's' || verb === 'v') return pad(f.prec === null ? s : [...s].slice(0, f.prec).join(''), f, false);
  if (verb === 'q') return pad(goQuote(s), f, false);
  if (verb === 'x' || verb === 'X') {
    const hex = [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return pad(verb === 'X' ? hex.toUpperCase() : hex, f, false);
  }
  return bad(verb, s);
}

function fmtOne(verb: string, v: unknown, f: Spec): string {
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', f, false) : bad(verb, null);
  if (typeof v === 'bigint') return fmtInt(verb, v, f);
  if (typeof v === 'number') return fmtFloat(verb, v, f);
  if (typeof v === 'string') return fmtString(verb, v, f);
  if (typeof v === 'boolean') return verb === 't' || verb === 'v' ? pad(String(v), f, false) : bad(verb, v);
  // Maps and lists format element by element with the same verb.
  if (Array.isArray(v)) return `[${v.map((x) => fmtOne(verb, x, { ...f, width: null })).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m).sort().map((k) => `${fmtOne(verb, k, { ...f, width: null })}:${fmtOne(verb, m[k], { ...f, width: null })}`).join(' ')}]`;
}

/** fmt.Sprintf for the verbs %v %s %d %q %f %e %g %t %x %X %o %b %c and %%, with flags, width and precision. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') { out += c; i++; continue; }
    i++;
    const f: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: null, prec: null };
    for (; i < format.length && '-+0 #'.includes(format[i]); i++) {
      const k = format[i];
      if (k === '-') f.minus = true; else if (k === '+') f.plus = true; else if (k === '0') f.zero = true;
      else if (k === ' ') f.space = true; else f.sharp = true;
    }
    const w = /^\d+/.exec(format.slice(i));
    if (w) { f.width = Number(w[0]); i += w[0].length; }
    if (format[i] === '.') {
      i++;
      const p = /^\d+/.exec(format.slice(i));
      f.prec = p ? Number(p[0]) : 0;
      if (p) i += p[0].length;
    }
    if (i >= format.length) { out += '%!(NOVERB)'; break; }
    const verb = format[i++];
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    out += fmtOne(verb, args[argi++], f);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => a === null ? '<nil>' : `${goTypeName(a)}=${sprintValue(a)}`).join(', ') + ')';
  }
  return out;
}
