// Go's `%#v` of a decoded JSON value (kubectl's unstructured content, a map[string]interface{}), as the JSONPath
// printer shows the object it was given when a template fails: Go syntax, map keys sorted, strings quoted.
import { goQuote } from '../../engine/api/field-errors.ts';
import { goFloat64 } from './go-fmt.ts';

// Go sorts map keys by their bytes; UTF-8 byte order is code point order.
function byCodePoint(a: string, b: string): number {
  const x = [...a], y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * fmt's `%#v` of a value held in an interface{}: `map[string]interface {}{"a":1, "b":"x"}`, `[]interface {}{"x"}`,
 * `interface {}(nil)` for a JSON null. Whole numbers are the int64s of unstructured content, others float64.
 */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : goFloat64(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const m = v as Record<string, unknown>;
  const keys = Object.keys(m).filter((k) => m[k] !== undefined).sort(byCodePoint);
  return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(m[k])}`).join(', ')}}`;
}
