// `-o json`: Go's json.MarshalIndent with four spaces over an unstructured object: keys in byte order,
// HTML-safe escapes (`\u003c`), empty objects and arrays as `{}` and `[]`.
import { goJson } from '../../engine/api/go-json.ts';

/** Serializes like `kubectl get -o json` (with the trailing newline). */
export function toJson(value: unknown): string {
  return indent(value, '') + '\n';
}

function indent(v: unknown, pad: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = pad + '    ';
    return '[\n' + v.map((x) => inner + indent(x, inner)).join(',\n') + '\n' + pad + ']';
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) return '{}';
    const inner = pad + '    ';
    return '{\n' + keys.map((k) => `${inner}${goJson(k)}: ${indent(o[k], inner)}`).join(',\n') + '\n' + pad + '}';
  }
  return goJson(v);
}
