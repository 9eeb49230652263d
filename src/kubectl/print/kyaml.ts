// `-o kyaml` (kubectl 1.35, on by default): KYAML, the strict YAML subset of sigs.k8s.io/yaml's kyaml encoder. Each
// object is one document after `---`; maps are braced with one `key: value,` per line (keys bare when they read
// back as strings, values always quoted), lists of maps or lists are "cuddled" (`[{ … }, { … }]`), other lists
// hold one item per line, and a multi-line string is folded line by line. Models kyaml.Encoder.FromObject over the
// JSON of the object (so key order is the JSON's: sorted for what `get` prints, struct order for typed objects).
import { goJson } from '../../engine/api/go-json.ts';

const INDENT = '  ';
const indentOf = (level: number): string => INDENT.repeat(level);

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

// Escapes one character the way the encoder's appendEscapedRune does (after the indentation of a folded line).
function escapeChar(ch: string, newline: string): string {
  if (ch === '"' || ch === '\\') return '\\' + ch;
  if (PRINTABLE.test(ch)) return ch;
  switch (ch) {
    case '\x07': return '\\a';
    case '\b': return '\\b';
    case '\f': return '\\f';
    case '\n': return newline;
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\v': return '\\v';
    case '\0': return '\\0';
    case '\x1b': return '\\e';
    case '\x85': return '\\N';
    case '\xa0': return '\\_';
    case '\u2028': return '\\L';
    case '\u2029': return '\\P';
  }
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

const FOLD = '\\\n';

/**
 * A string scalar: quoted (keys only when they need it), escapes as the encoder writes them; a value with line
 * breaks opens with a fold and continues each line at `indent`, a space (or `\` before leading whitespace) first.
 */
function renderString(val: string, indent: number, key: boolean): string {
  const multi = val.includes('\n');
  if (key && !multi && !needsQuotes(val)) return val;
  const compact = key;
  const newline = compact ? '\\n' : '\\n' + FOLD;
  let buf = '"';
  if (multi && !compact) buf += FOLD;
  for (const ch of val) {
    if (buf.endsWith('\n')) buf += indentOf(indent) + (/\s/u.test(ch) && ch !== '\n' ? '\\' : ' ');
    buf += escapeChar(ch, newline);
  }
  if (multi && !compact) {
    if (!buf.endsWith('\n')) buf += FOLD;
    buf += indentOf(indent);
  }
  return buf + '"';
}

// A bare key is only letters, digits and `_`, with `-`, `.` and `/` allowed inside, and must not read as another
// YAML type. Models needsQuotes.
export function needsQuotes(s: string): boolean {
  if (s === '' || yamlGuessesWrong(s)) return true;
  const chars = [...s];
  return chars.some((ch, i) => !(/[\p{L}\p{N}_]/u.test(ch) || (i > 0 && i < chars.length - 1 && (ch === '-' || ch === '.' || ch === '/'))));
}

// Go's strconv.ParseInt(s, 0, 64) succeeds: optional sign, then decimal, 0x hex, 0o/0 octal or 0b binary digits.
const GO_INT = /^[+-]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/;
// Go's strconv.ParseFloat succeeds: decimal or hex mantissa with an exponent, or inf/infinity/nan in any case.
const GO_FLOAT = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+|inf|infinity)$|^nan$/i;
const SEXAGESIMAL = /^[+-]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2}))|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$/;
const GO_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

// Whether a plain scalar would read back as null, a bool, a number or a timestamp. Models yamlGuessesWrong.
function yamlGuessesWrong(s: string): boolean {
  const lower = s.toLowerCase();
  if (s.length <= 5 && (lower === 'null' || lower === '~' || lower === '')) return true;
  if (GO_BOOL.has(s)) return true;
  if (s.length <= 5 && ['true', 'y', 'yes', 'on', 'false', 'n', 'no', 'off'].includes(lower)) return true;
  const bare = s.replaceAll('_', '');
  if (GO_INT.test(bare) || GO_FLOAT.test(bare)) return true;
  if (SEXAGESIMAL.test(s)) return true;
  if (s.length <= 5 && ['.inf', '-.inf', '+.inf', '.nan'].includes(lower)) return true;
  return TIMESTAMP.test(s);
}

const isContainer = (v: unknown): boolean => v !== null && typeof v === 'object';

// One node at `indent`: the cursor is where the node starts; nothing after it. `sorted`: map keys in byte order.
function renderNode(v: unknown, indent: number, sorted: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return renderString(v, indent + 1, false);
  if (typeof v !== 'object') return goJson(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isContainer)) return '[' + v.map((x) => renderNode(x, indent, sorted)).join(', ') + ']';
    let out = '[\n' + indentOf(indent);
    for (const x of v) out += INDENT + renderNode(x, indent + 1, sorted) + ',\n' + indentOf(indent);
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (keys.length === 0) return '{}';
  if (sorted) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '{\n';
  for (const k of keys) out += indentOf(indent + 1) + renderString(k, indent + 1, true) + ': ' + renderNode(o[k], indent + 1, sorted) + ',\n';
  return out + indentOf(indent) + '}';
}

/**
 * One KYAML document of a JSON-like value. `inOrder`: keep the object's key order (a typed Go object marshals in
 * struct order); otherwise keys are sorted by bytes, as JSON of an unstructured object is.
 */
export function toKyaml(value: unknown, inOrder = false): string {
  return '---\n' + renderNode(value, 0, !inOrder) + '\n';
}
