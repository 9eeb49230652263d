// Go encoding/json compatible serialization of generic values (map[string]interface{}): keys sorted by
// byte order at every level, compact, Go's string escaping including the HTML-safe escapes.
// Used for ControllerRevision data and its hash (spec §3.1).

function escapeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

// Go sorts map keys by their UTF-8 bytes; for BMP text without surrogates this equals UTF-16 order
// except across the surrogate range, so compare encoded bytes to be exact.
const enc = new TextEncoder();
function byteCompare(a: string, b: string): number {
  const x = enc.encode(a), y = enc.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Serializes like Go's json.Marshal of a decoded generic value. `undefined` members are omitted. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? formatFloat(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(byteCompare);
  return '{' + keys.map((k) => escapeString(k) + ':' + goJson(o[k])).join(',') + '}';
}

// Go formats float64 with 'f' for exponents in [-6, 21) and 'e' otherwise; integers print plainly.
function formatFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go writes at least two exponent digits, then json.Marshal trims `e-07` back to `e-7`.
    return n.toExponential().replace(/e\+(\d)$/, 'e+0$1');
  }
  return String(n);
}
