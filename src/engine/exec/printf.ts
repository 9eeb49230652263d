// The shells' `printf` builtin (dash, bash and BusyBox ash each have their own): the format's escapes, the
// conversions %s %b %c %d %i %o %u %x %X %f %F %e %E %g %G and %%, with flags, width and precision (`*` too), the
// format reused while arguments remain, and each shell's words for a number it cannot read. Conversions outside
// these (bash's %q, %(…)T) are reported as not modelled.
import { Unmodelled } from './fs.ts';
import type { ShellKind } from './shell.ts';

/** What printf writes, and its status (1 after a bad number). */
export interface PrintfResult { out: string; err: string; status: number }

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"' };

/**
 * The escapes of a format (or of a %b argument, `b`): `\\ \a \b \f \n \r \t \v`, octal `\NNN` (in %b `\0NNN`), and
 * `\c` in %b, which ends all output. Returns the text and whether output stops there.
 */
function unescape(s: string, b: boolean, kind: ShellKind): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\' || i + 1 >= s.length) { out += ch; continue; }
    const next = s[i + 1];
    if (b && next === 'c') return { text: out, stop: true };
    if (SIMPLE_ESCAPES[next] !== undefined && !(b && next === '"')) { out += SIMPLE_ESCAPES[next]; i++; continue; }
    const oct = (b ? /^0?[0-7]{0,3}/ : /^[0-7]{1,3}/).exec(s.slice(i + 1));
    if (oct && oct[0].length && /[0-7]/.test(next)) {
      const digits = b && oct[0][0] === '0' ? oct[0].slice(1) : oct[0];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i += oct[0].length;
      continue;
    }
    if (kind === 'bash' && next === 'x' && /^[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
      continue;
    }
    out += ch;
  }
  return { text: out, stop: false };
}

/** A numeric argument as C's strtol reads it (decimal, 0x hex, 0 octal, `'c` a character's code); `ok` false when not all of it is a number. */
function number(arg: string): { value: number; ok: boolean } {
  if (/^['"]/.test(arg)) return { value: arg.length > 1 ? arg.codePointAt(1)! : 0, ok: true };
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(arg);
  if (!m) return { value: 0, ok: false };
  const digits = m[2];
  const v = /^0[xX]/.test(digits) ? parseInt(digits, 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : parseInt(digits, 10);
  return { value: m[1] === '-' ? -v : v, ok: m[0].length === arg.length };
}

/** A floating argument as strtod reads it. */
function float(arg: string): { value: number; ok: boolean } {
  const m = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)/i.exec(arg);
  if (!m) return { value: 0, ok: false };
  return { value: Number(m[0].replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN')), ok: m[0].length === arg.length };
}

/** An exact non-negative rational. */
interface Exact { num: bigint; den: bigint }

const bitLength = (n: bigint): number => n.toString(2).length;
const pow10n = (n: number): bigint => 10n ** BigInt(n);

// a/b rounded to an integer, ties to even (the rounding mode printf runs in).
function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b, r = a - q * b;
  return 2n * r > b || (2n * r === b && q % 2n === 1n) ? q + 1n : q;
}

/**
 * The exact value of the long double nearest to a decimal number (x87's 80-bit format: a 64-bit significand), which
 * is what the shells' printf reads a floating argument as: 2.345 is a little above 2.345 there, 0.35 a little below.
 */
function longDouble(text: string): Exact | undefined {
  const m = /^\s*[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || !(m[1] || m[2])) return undefined;
  const digits = BigInt((m[1] || '0') + (m[2] ?? ''));
  const exp10 = Number(m[3] ?? 0) - (m[2] ?? '').length;
  if (digits === 0n) return { num: 0n, den: 1n };
  let num = exp10 >= 0 ? digits * pow10n(exp10) : digits;
  let den = exp10 >= 0 ? 1n : pow10n(-exp10);
  // Scale by a power of two so that the quotient has 64 bits, round it, and scale back.
  let e = bitLength(num) - bitLength(den) - 64;
  for (;;) {
    const [a, b] = e >= 0 ? [num, den << BigInt(e)] : [num << BigInt(-e), den];
    const q = a / b;
    if (q >= 1n << 64n) { e++; continue; }
    if (q < 1n << 63n) { e--; continue; }
    let r = roundDiv(a, b);
    if (r === 1n << 64n) { r >>= 1n; e++; }
    [num, den] = e >= 0 ? [r << BigInt(e), 1n] : [r, 1n << BigInt(-e)];
    return { num, den };
  }
}

// %f of an exact value: `prec` decimals, rounded to even.
function fixedExact(v: Exact, prec: number): string {
  const k = roundDiv(v.num * pow10n(prec), v.den).toString().padStart(prec + 1, '0');
  return prec ? `${k.slice(0, -prec)}.${k.slice(-prec)}` : k;
}

// %e of an exact value: the significant digits and the decimal exponent.
function expExact(v: Exact, prec: number, upper: boolean): { text: string; exp: number } {
  if (v.num === 0n) return { text: `${(0).toFixed(prec)}${upper ? 'E' : 'e'}+00`, exp: 0 };
  let x = v.num.toString().length - v.den.toString().length;
  // Find x with 10^x <= v < 10^(x+1).
  while (x > 0 ? v.num < v.den * pow10n(x) : v.num * pow10n(-x) < v.den) x--;
  while (x >= 0 ? v.num >= v.den * pow10n(x + 1) : v.num * pow10n(-x - 1) >= v.den) x++;
  const shift = prec - x;
  let k = shift >= 0 ? roundDiv(v.num * pow10n(shift), v.den) : roundDiv(v.num, v.den * pow10n(-shift));
  if (k >= pow10n(prec + 1)) { k /= 10n; x++; }
  const d = k.toString();
  const mant = prec ? `${d[0]}.${d.slice(1)}` : d;
  return { text: `${mant}${upper ? 'E' : 'e'}${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`, exp: x };
}

// %g of an exact value: %e or %f by the exponent, at `prec` significant digits, trailing zeros dropped (kept with `#`).
function generalExact(v: Exact, prec: number, upper: boolean, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const e = expExact(v, p - 1, upper);
  let s = e.exp < -4 || e.exp >= p ? e.text : fixedExact(v, p - 1 - e.exp);
  if (!alt) {
    const [m, x] = s.split(/(?=[eE])/);
    s = (m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m) + (x ?? '');
  }
  return s;
}

// C's %e: a mantissa with `prec` decimals and an exponent of at least two digits.
function expForm(v: number, prec: number, upper: boolean): string {
  const [mant, exp] = v.toExponential(prec).split('e');
  const e = Number(exp);
  const s = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return upper ? s.toUpperCase() : s;
}

// C's %g: %e or %f by the exponent, at `prec` significant digits, trailing zeros dropped (kept with `#`).
function generalForm(v: number, prec: number, upper: boolean, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return alt ? (0).toFixed(p - 1) : '0';
  const x = Number(v.toExponential(p - 1).split('e')[1]);
  let s = x < -4 || x >= p ? expForm(v, p - 1, upper) : v.toFixed(p - 1 - x);
  if (!alt) {
    const [m, e] = s.split(/(?=[eE])/);
    s = (m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m) + (e ?? '');
  }
  return s;
}

function pad(body: string, sign: string, width: number, left: boolean, zero: boolean): string {
  const len = sign.length + [...body].length;
  if (len >= width) return sign + body;
  if (left) return sign + body + ' '.repeat(width - len);
  if (zero) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

/** Runs `printf FORMAT [ARG…]` as `kind`'s builtin; `prefix` is the shell's diagnostic prefix (`sh: 1: `). */
export function printf(kind: ShellKind, args: readonly string[], prefix: string, arg0: string): PrintfResult {
  let out = '', err = '', status = 0;
  if (!args.length) {
    if (kind === 'dash') return { out, err: `${prefix}printf: usage: printf format [arg ...]\n`, status: 2 };
    if (kind === 'bash') return { out, err: 'printf: usage: printf [-v var] format [arguments]\n', status: 2 };
    return { out, err: `${arg0}: usage: printf FORMAT [ARGUMENT...]\n`, status: 2 };
  }
  if (args[0] === '-v' && kind === 'bash') throw new Unmodelled('printf -v: assigning to a variable is not modelled');
  // dash and bash read options, and have none the model runs: a format that starts with `-` is one (BusyBox prints it).
  const first = args[0];
  if (first.length > 1 && first[0] === '-' && first !== '--') {
    if (kind === 'dash') return { out, err: `${prefix}printf: Illegal option -${first[1]}\n`, status: 2 };
    if (kind === 'bash') return { out, err: `${prefix}printf: ${first.slice(0, 2)}: invalid option\nprintf: usage: printf [-v var] format [arguments]\n`, status: 2 };
  }
  const format = args[0] === '--' ? args[1] ?? '' : args[0];
  const rest = args.slice(args[0] === '--' ? 2 : 1);
  let ai = 0;
  const next = (): string | undefined => (ai < rest.length ? rest[ai++] : undefined);
  // A number that did not read whole: dash names a partial read, BusyBox takes it as 0.
  const badNumber = (arg: string, partial = false): void => {
    status = 1;
    if (kind === 'dash') err += `${prefix}printf: ${arg}: ${partial ? 'not completely converted' : 'expected numeric value'}\n`;
    else if (kind === 'bash') err += `${prefix}printf: ${arg}: invalid number\n`;
    else err += `${arg0}: invalid number '${arg}'\n`;
  };
  const intArg = (): number => {
    const a = next();
    if (a === undefined) { if (kind === 'ash') badNumber(''); return 0; }
    // An empty argument is 0 to dash and bash; BusyBox names it.
    if (a === '' && kind !== 'ash') return 0;
    const n = number(a);
    if (n.ok) return n.value;
    const partial = /^\s*[+-]?\d/.test(a);
    badNumber(a, partial);
    return kind === 'ash' || !partial ? 0 : n.value;
  };
  for (;;) {
    const used = ai;
    for (let i = 0; i < format.length; i++) {
      const ch = format[i];
      if (ch === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i))!;
        const u = unescape(m[0], false, kind);
        out += u.text;
        i += m[0].length - 1;
        continue;
      }
      if (ch !== '%') { out += ch; continue; }
      // Length modifiers (`%ld`) are bash's; dash and BusyBox stop at them.
      const spec = (kind === 'bash' ? /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)(.)?/s : /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?()(.)?/s).exec(format.slice(i))!;
      const [, flags, w, pr, mods, conv] = spec;
      if (conv === '%' && spec[0] === '%%') { out += '%'; i++; continue; }
      // bash's (q, and %(…)T) are conversions the model does not run; anything else is each shell's error.
      if (kind === 'bash' && (conv === 'q' || conv === 'Q' || conv === '(')) throw new Unmodelled(`printf: the conversion %${conv} is not modelled`);
      if (!conv || !'sbcdiouxXfFeEgG'.includes(conv) || (mods && kind !== 'bash')) {
        status = kind === 'dash' ? 2 : 1;
        if (kind === 'dash') err += `${prefix}printf: ${spec[0]}: invalid directive\n`;
        else if (kind === 'bash') err += `${prefix}printf: \`${conv ?? ''}': invalid format character\n`;
        // BusyBox names the rest of the format, past a length modifier it skipped.
        else err += `${arg0}: ${/^[hlLqjzt]$/.test(conv ?? '') ? '%' + format.slice(i + spec[0].length) : format.slice(i)}: invalid format\n`;
        return { out, err, status };
      }
      i += spec[0].length - 1;
      let width = w === '*' ? intArg() : Number(w ?? 0);
      let left = flags.includes('-');
      if (width < 0) { left = true; width = -width; }
      const precision = pr === undefined ? undefined : pr === '*' ? intArg() : Number(pr || 0);
      const zero = flags.includes('0') && !left;
      if (conv === 's' || conv === 'b' || conv === 'c') {
        const a = next() ?? '';
        let body = a;
        if (conv === 'b') {
          const u = unescape(a, true, kind);
          body = u.text;
          if (u.stop) { out += pad(precision === undefined ? body : body.slice(0, precision), '', width, left, false); return { out, err, status }; }
        }
        // `%c` of an empty (or missing) argument writes a NUL byte.
        if (conv === 'c') body = [...a][0] ?? '\0';
        if (precision !== undefined && conv !== 'c') body = [...body].slice(0, precision).join('');
        out += pad(body, '', width, left, false);
        continue;
      }
      if ('diouxX'.includes(conv)) {
        const v = intArg();
        const neg = v < 0 && (conv === 'd' || conv === 'i');
        const mag = conv === 'd' || conv === 'i' ? Math.abs(v) : v < 0 ? BigInt.asUintN(64, BigInt(v)) : v;
        let body = conv === 'o' ? mag.toString(8) : conv === 'x' ? mag.toString(16) : conv === 'X' ? mag.toString(16).toUpperCase() : mag.toString();
        if (precision !== undefined) body = precision === 0 && v === 0 ? '' : body.padStart(precision, '0');
        if (flags.includes('#') && v !== 0) body = conv === 'o' && !body.startsWith('0') ? '0' + body : conv === 'x' ? '0x' + body : conv === 'X' ? '0X' + body : body;
        const sign = neg ? '-' : (conv === 'd' || conv === 'i') && flags.includes('+') ? '+' : (conv === 'd' || conv === 'i') && flags.includes(' ') ? ' ' : '';
        out += pad(body, sign, width, left, zero && precision === undefined);
        continue;
      }
      const a = next();
      let v = 0;
      // A missing or empty argument is 0, to BusyBox too.
      if (a !== undefined && a !== '') { const f = float(a); if (!f.ok) badNumber(a); v = f.value; }
      const p = precision ?? 6;
      const abs = Math.abs(v);
      const exact = a !== undefined && a !== '' && Number.isFinite(abs) ? longDouble(a.replace(/^\s*[+-]/, '')) : undefined;
      let body = !Number.isFinite(abs) ? (Number.isNaN(abs) ? 'nan' : 'inf')
        : exact ? (conv === 'f' || conv === 'F' ? fixedExact(exact, p) : conv === 'e' || conv === 'E' ? expExact(exact, p, conv === 'E').text : generalExact(exact, p, conv === 'G', flags.includes('#')))
          : conv === 'f' || conv === 'F' ? abs.toFixed(p) : conv === 'e' || conv === 'E' ? expForm(abs, p, conv === 'E') : generalForm(abs, p, conv === 'G', flags.includes('#'));
      if (conv === 'F' || conv === 'E' || conv === 'G') body = body.toUpperCase();
      const sign = v < 0 || Object.is(v, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      out += pad(body, sign, width, left, zero && Number.isFinite(abs));
    }
    // The format is used again while arguments remain, if it took any.
    if (ai >= rest.length || ai === used) break;
  }
  return { out, err, status };
}
