// Field-level validation errors, rendered exactly as apimachinery's field.Error does in 1.34 and later: a bad
// value that is an integer, float or bool prints bare, a string as Go %q, and anything else (maps, slices,
// structs, IntOrString) as its JSON. Every validator builds its causes here.
import { goJson } from './go-json.ts';
import type { StatusCause } from './types.ts';

/**
 * A rendering that must be printed verbatim: the JSON of a Go struct, whose fields keep their declaration order
 * (internal API types have no JSON tags, so their Go field names show). Plain JS strings render as Go %q,
 * numbers and booleans bare, null/undefined as `null`, arrays and plain objects as JSON with sorted keys (a Go
 * slice or map).
 */
export interface GoRepr { goRepr: string }

/** Wraps an already-rendered Go value. */
export const repr = (s: string): GoRepr => ({ goRepr: s });

/** Go strconv.Quote: double quotes, backslash escapes for quotes, backslashes and control characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    // The C1 controls are not printable either (unicode.IsPrint).
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Renders a bad value the way field.Error.ErrorBody does (apimachinery 1.34+). */
export function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && 'goRepr' in (v as object)) return (v as GoRepr).goRepr;
  return goJson(v);
}

/** The CauseType of each error kind, as metav1.StatusCause.reason carries it. */
export type CauseType =
  | 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueNotSupported'
  | 'FieldValueNotFound' | 'FieldValueDuplicate' | 'FieldValueTooLong' | 'FieldValueTooMany';

function cause(field: string, message: string, reason: CauseType): StatusCause {
  return { field, message, reason };
}

const withDetail = (head: string, detail?: string): string => (detail ? `${head}: ${detail}` : head);

/** `<field>: Invalid value: <v>: <detail>` */
export function invalid(field: string, value: unknown, detail?: string): StatusCause {
  return cause(field, withDetail(`Invalid value: ${renderValue(value)}`, detail), 'FieldValueInvalid');
}

/** `<field>: Required value[: <detail>]` */
export function required(field: string, detail?: string): StatusCause {
  return cause(field, withDetail('Required value', detail), 'FieldValueRequired');
}

/** `<field>: Forbidden: <detail>` */
export function forbidden(field: string, detail: string): StatusCause {
  return cause(field, withDetail('Forbidden', detail), 'FieldValueForbidden');
}

/** `<field>: Unsupported value: <v>: supported values: "a", "b"` */
export function notSupported(field: string, value: unknown, valid: readonly string[]): StatusCause {
  const detail = valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : undefined;
  return cause(field, withDetail(`Unsupported value: ${renderValue(value)}`, detail), 'FieldValueNotSupported');
}

/** `<field>: Not found: <v>` */
export function notFound(field: string, value: unknown): StatusCause {
  return cause(field, `Not found: ${renderValue(value)}`, 'FieldValueNotFound');
}

/** `<field>: Duplicate value: <v>` */
export function duplicate(field: string, value: unknown): StatusCause {
  return cause(field, `Duplicate value: ${renderValue(value)}`, 'FieldValueDuplicate');
}

/** `<field>: Too long: may not be more than <n> bytes` (field.TooLong, whose value is never shown) */
export function tooLong(field: string, max: number): StatusCause {
  return cause(field, `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`, 'FieldValueTooLong');
}

/** The API server's text for a negative count. Models pkg/apis/core/validation ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, field: string): StatusCause[] {
  return value !== undefined && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

/** Models apimachinery validation.FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

