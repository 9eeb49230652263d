// `-o json`: Go's json.MarshalIndent with four spaces over an unstructured object: keys in byte order,
// HTML-safe escapes (`\u003c`), empty objects and arrays as `{}` and `[]`.
import { goJson } from '../../engine/api/go-json.ts';

/**
 * Serializes like `kubectl get -o json` (with the trailing newline). `inOrder`: keys as the object holds them, for
 * a typed Go object whose fields marshal in struct order (string maps inside are still sorted by the caller).
 */
export function toJson(value: unknown, inOrder = false): string {
  return indent(value, '', inOrder) + '\n';
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function indent(v: unknown, pad: string, inOrder: boolean): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = pad + '    ';
    return '[\n' + v.map((x) => inner + indent(x, inner, inOrder)).join(',\n') + '\n' + pad + ']';
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined);
    if (!inOrder) keys.sort(byBytes);
    if (keys.length === 0) return '{}';
    const inner = pad + '    ';
    return '{\n' + keys.map((k) => `${inner}${goJson(k)}: ${indent(o[k], inner, inOrder)}`).join(',\n') + '\n' + pad + '}';
  }
  return goJson(v);
}

/**
 * Go's json.Marshal (no indentation, no trailing newline) over an unstructured value: keys in byte order; with
 * `inOrder`, in the order they come (a typed object put in struct order with inStructOrder).
 */
export function toCompactJson(value: unknown, inOrder = false): string {
  if (Array.isArray(value)) return '[' + value.map((v) => toCompactJson(v, inOrder)).join(',') + ']';
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined);
    if (!inOrder) keys.sort(byBytes);
    return '{' + keys.map((k) => `${goJson(k)}:${toCompactJson(o[k], inOrder)}`).join(',') + '}';
  }
  return goJson(value);
}
