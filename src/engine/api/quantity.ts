// resource.Quantity: parsing and the canonical string the API server stores (`1000m` → `1`,
// `1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`, `0.5` → `500m`). Exact arithmetic on BigInt fractions.

/** The regular expression upstream quotes when a quantity does not parse. */
export const QUANTITY_REGEX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** The error for a well-formed number with an unknown suffix. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: the exact value num/den and the suffix family it was written in. */
export interface Quantity { num: bigint; den: bigint; format: Format }

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const FORMAT_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}
function reduce(num: bigint, den: bigint): { num: bigint; den: bigint } {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

type Parsed = { ok: true; q: Quantity } | { ok: false; error: string };

// Results by input (frozen and shared: a claim's `1Gi` is parsed on every write that defaults or validates it).
// Bounded: hand-typed quantities in a long session must not grow it without end.
const parsedCache = new Map<string | number, Readonly<Parsed>>();

/** Parses a quantity string (or a JSON number); the result is shared and frozen. Models apimachinery resource.ParseQuantity. */
export function parseQuantity(input: string | number): Readonly<Parsed> {
  let r = parsedCache.get(input);
  if (!r) {
    if (parsedCache.size >= 1024) parsedCache.clear();
    r = parse(input);
    if (r.ok) Object.freeze(r.q);
    parsedCache.set(input, Object.freeze(r));
  }
  return r;
}

function parse(input: string | number): Parsed {
  const s = typeof input === 'number' ? String(input) : input.trim();
  const m = FORMAT_RE.exec(s);
  if (!m || s.length === 0) return { ok: false, error: QUANTITY_REGEX_ERROR };
  const [, numberPart, suffix] = m;
  const numMatch = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(numberPart);
  if (!numMatch || (numMatch[2] === '' && (numMatch[3] ?? '') === '')) return { ok: false, error: QUANTITY_REGEX_ERROR };
  const neg = numMatch[1] === '-';
  const whole = numMatch[2] || '0', frac = numMatch[3] ?? '';
  let num = BigInt(whole + frac) * (neg ? -1n : 1n);
  let den = pow10(frac.length);
  let format: Format;
  if (suffix in DECIMAL) {
    format = 'DecimalSI';
    const e = DECIMAL[suffix];
    if (e >= 0) num *= pow10(e); else den *= pow10(-e);
  } else if (suffix in BINARY) {
    format = 'BinarySI';
    num *= 2n ** BigInt(BINARY[suffix]);
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    const e = Number(suffix.slice(1));
    if (e >= 0) num *= pow10(e); else den *= pow10(-e);
  } else {
    return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  }
  const r = reduce(num, den);
  return { ok: true, q: { num: r.num, den: r.den, format } };
}

// Rounds a value up to nano units when it is finer than the API keeps.
function roundUpToNano(q: Quantity): Quantity {
  const scaled = q.num * pow10(9);
  if (scaled % q.den === 0n) return q;
  const n = scaled / q.den + (q.num > 0n ? 1n : 0n);
  const r = reduce(n, pow10(9));
  return { num: r.num, den: r.den, format: q.format };
}

/** The canonical string of a parsed quantity. Models resource.Quantity String/CanonicalizeBytes. */
export function formatQuantity(input: Quantity): string {
  let q = roundUpToNano(input);
  if (q.num === 0n) return '0';
  const sign = q.num < 0n ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = abs(q.num) < 1024n * q.den;
    if (small) format = 'DecimalSI';
    else {
      // Binary quantities are whole bytes; a fraction rounds up.
      let bytes = abs(q.num) / q.den;
      if (abs(q.num) % q.den !== 0n) bytes += 1n;
      q = { num: bytes, den: 1n, format };
      const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
      for (let k = units.length - 1; k >= 0; k--) {
        const unit = 2n ** BigInt(10 * k);
        if (bytes % unit === 0n) return `${sign}${bytes / unit}${units[k]}`;
      }
    }
  }
  const n = abs(q.num);
  for (let e = 18; e >= -9; e -= 3) {
    // value / 10^e must be an integer
    const top = e >= 0 ? n : n * pow10(-e);
    const bottom = e >= 0 ? q.den * pow10(e) : q.den;
    if (top % bottom === 0n) {
      const mantissa = top / bottom;
      if (format === 'DecimalExponent') return `${sign}${mantissa}${e === 0 ? '' : `e${e}`}`;
      const suffix = Object.keys(DECIMAL).find((k) => DECIMAL[k] === e)!;
      return `${sign}${mantissa}${suffix}`;
    }
  }
  return `${sign}${n}`;
}

// Canonical texts by input (see parsedCache).
const canonicalCache = new Map<string | number, string | null>();

/** The canonical form of a quantity string, or null when it does not parse. */
export function canonicalQuantity(s: string | number): string | null {
  let c = canonicalCache.get(s);
  if (c === undefined) {
    if (canonicalCache.size >= 1024) canonicalCache.clear();
    const r = parseQuantity(s);
    canonicalCache.set(s, (c = r.ok ? formatQuantity(r.q) : null));
  }
  return c;
}

/** -1, 0 or 1 comparing two parsed quantities by value. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const l = a.num * b.den, r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The value as a JS number (approximate for huge values), e.g. bytes for storage. */
export function quantityValue(q: Quantity): number {
  return Number(q.num) / Number(q.den);
}

/** Canonicalizes every value of a resource list in place of a copy; unparsable values are kept. */
export function canonicalResourceList(list: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!list || typeof list !== 'object') return list;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(list)) {
    const c = typeof v === 'string' || typeof v === 'number' ? canonicalQuantity(v) : null;
    out[k] = c ?? v;
  }
  return out;
}
