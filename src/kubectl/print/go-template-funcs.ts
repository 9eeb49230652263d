// The functions of kubectl's go-templates over decoded JSON values: text/template's truth, comparisons, index
// helpers and escapers (funcs.go), and the printer's `exists` and `base64decode` (cli-runtime printers/template.go).
import { goTypeName, sprint, sprintValue } from './go-fmt.ts';

/** reflect's invalid Value: a missing map key, or a nil interface out of a pipeline. Prints as `<no value>`. */
export const NO_VALUE = Symbol('no value');
type V = unknown;

/** A slice index as funcs.go indexArg takes it: a template int, or Go's error through `err`. */
export function intIndex(v: V, what: string, err: (m: string) => never): number {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === NO_VALUE) return err(`cannot index ${what} with nil`);
  return err(`cannot index ${what} with type ${goTypeName(v)}`);
}

/** text/template's truth: non-empty, non-zero, non-nil; an invalid value is false. */
export function isTrue(v: V): boolean {
  if (v === NO_VALUE || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';
function kindOf(v: V): Kind {
  if (v === NO_VALUE || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  return 'other';
}

/**
 * funcs.go eq: true when arg1 equals any of the others; mixed basic kinds are an error (a float64 field
 * against the int constant 3 is "incompatible types for comparison"). An error is returned as its text.
 */
export function eq(a: V, others: V[]): boolean | string {
  const k1 = kindOf(a);
  for (const b of others) {
    const k2 = kindOf(b);
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') return 'incompatible types for comparison';
      continue;
    }
    if (k1 === 'other') {
      return `non-comparable types ${sprintValue(a)}: ${goTypeName(a)}, ${goTypeName(b)}: ${sprintValue(b)}`;
    }
    if (k1 === 'invalid' || a === b) return true;
  }
  return false;
}

/** funcs.go lt: a < b for two values of one basic kind (not bool); otherwise Go's error text. */
export function lt(a: V, b: V): boolean | string {
  const k1 = kindOf(a);
  const k2 = kindOf(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') return 'invalid type for comparison';
  if (k1 !== k2) return 'incompatible types for comparison';
  if (k1 === 'bool') return 'invalid type for comparison';
  return (a as number) < (b as number);
}

/** The printer's exists: whether `index item indices…` would find something non-nil. */
export function exists(item: V, indices: V[]): boolean {
  let v = item;
  for (const ix of indices) {
    if (v === NO_VALUE || v === null) return false;
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof ix !== 'bigint' || ix < 0n || ix >= BigInt(v.length)) return false;
      v = typeof v === 'string' ? BigInt(v.charCodeAt(Number(ix))) : v[Number(ix)];
    } else if (typeof v === 'object') {
      if (typeof ix !== 'string') return false;
      const m = v as Record<string, V>;
      v = Object.prototype.hasOwnProperty.call(m, ix) ? m[ix] : null;
    } else return false;
  }
  return v !== NO_VALUE && v !== null;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.DecodeString (padded) as a string, or kubectl's error for the first bad byte through `err`. */
export function base64decode(s: string, err: (m: string) => never): string {
  const fail = (at: number): never => err(`base64 decode failed: illegal base64 data at input byte ${at}`);
  const clean = s.replace(/[\r\n]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const q = clean.slice(i, i + 4);
    let bits = 0;
    let n = 0;
    for (let j = 0; j < q.length; j++) {
      const c = q[j];
      if (c === '=') {
        if (j < 2 || (j === 2 && q[3] !== '=') || i + 4 < clean.length) return fail(i + j);
        break;
      }
      const d = B64.indexOf(c);
      if (d < 0) return fail(i + j);
      bits = (bits << 6) | d;
      n++;
    }
    if (q.length < 4 && n === q.length) return fail(i + q.length);
    if (n === 4) bytes.push((bits >> 16) & 255, (bits >> 8) & 255, bits & 255);
    else if (n === 3) bytes.push((bits >> 10) & 255, (bits >> 2) & 255);
    else if (n === 2) bytes.push((bits >> 4) & 255);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The text html, js and urlquery escape: the fmt.Sprint of their arguments (a single string as is). */
export function sprintArgs(args: V[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', '\'': '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '\'') out += '\\\'';
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}
