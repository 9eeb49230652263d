// `-o yaml`: an object as kubectl prints it (JSON → YAML via sigs.k8s.io/yaml and go-yaml v2): keys in
// byte order, sequences not indented under their key, go-yaml's choice of plain, '…', "…" and | styles.
import { Document, parse, visit } from 'yaml';
import { KubectlError } from '../errors.ts';

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// go-yaml v2 double-quotes a string exactly when, written plain, it would read back as another type.
function readsAsNonString(s: string): boolean {
  if (s === '') return true;
  try {
    const v: unknown = parse(s, { version: '1.1', prettyErrors: false });
    return v === null || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
  } catch {
    return false;
  }
}

// go-yaml v2's is_printable over a whole string: a tab, a control character, a BOM or a character past the Basic
// Multilingual Plane makes it write the string double-quoted, with escapes.
function goPrintable(s: string): boolean {
  for (const ch of s) if (!printable(ch.codePointAt(0)!)) return false;
  return true;
}

// go-yaml v2's is_printable of one character.
const printable = (c: number): boolean => c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

/** Serializes a JSON-like value the way `kubectl get -o yaml` does. */
export function toYaml(value: unknown): string {
  // No anchors and aliases: kubectl writes an object shared by two fields (a claim's accessModes in its spec and
  // status) out twice.
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false, sortMapEntries: (a, b) => byteOrder(String((a.key as { value?: unknown })?.value ?? a.key), String((b.key as { value?: unknown })?.value ?? b.key)) });
  // A double-quoted string is written by goDoubleQuoted: the yaml package stands a plain placeholder in its place.
  const quoted: string[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const s = readBack(node.value);
      node.value = s;
      let text: string | undefined;
      if (goPrintable(s) && s.includes('\n')) node.type = 'BLOCK_LITERAL';
      else if (!goPrintable(s) || readsAsNonString(s)) text = goDoubleQuoted(s);
      else if (LINE_SEPARATOR.test(s)) text = goSingleQuotedWithBreaks(s);
      if (text !== undefined) {
        node.value = `\uE000${quoted.push(text) - 1}\uE001`;
        node.type = 'PLAIN';
      }
    },
  });
  // Written unfolded, then folded as go-yaml folds (the yaml package keeps lines within the width; go-yaml breaks at
  // the first space past it).
  const text = doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true, nullStr: 'null', simpleKeys: false });
  return foldLikeGoYaml(quoted.length ? text.replace(/\uE000(\d+)\uE001/g, (_, i: string) => quoted[Number(i)]!) : text);
}

// Characters encoding/json writes as they are that go-yaml's reader refuses: DEL, the C1 controls but NEL, U+FFFE/F.
const REFUSED = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
// A NEL is a line break to that reader: inside the JSON's "…" it folds, with the blanks around it, into one space
// (each further NEL in a run stays a line break).
const NEL_RUN = /[ \t]*\u0085(?:[ \t]*\u0085)*[ \t]*/g;

/**
 * A string as sigs.k8s.io/yaml reads it back from the object's JSON (it converts JSON to YAML by parsing the JSON
 * with go-yaml): refused outright when it holds a character that reader does not take, as kubectl refuses it.
 */
function readBack(s: string): string {
  if (REFUSED.test(s)) throw new KubectlError('error: yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  return s.replace(NEL_RUN, (run) => { const n = run.match(/\u0085/g)!.length; return n === 1 ? ' ' : '\n'.repeat(n - 1); });
}

const LINE_SEPARATOR = /[\u2028\u2029]/;
/** Where go-yaml pads a line to the node's indent after a line separator (filled in by the folding pass). */
const INDENT_MARK = '\uE002';

// A string with a line separator (U+2028/9, which JSON escapes and go-yaml reads back): no plain scalar may hold a
// line break, so go-yaml single-quotes it, writes the separator as it is (a new line to its column count) and pads
// the next character to the node's indent.
function goSingleQuotedWithBreaks(s: string): string {
  let out = "'";
  let broke = false;
  for (const ch of s) {
    if (ch === '\u2028' || ch === '\u2029') { out += ch; broke = true; continue; }
    if (broke && ch !== ' ') out += INDENT_MARK;
    broke = false;
    out += ch === "'" ? "''" : ch;
  }
  return out + "'";
}

/** go-yaml's short escapes in a double-quoted string. */
const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\',
  0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/**
 * A string as go-yaml v2 writes it double-quoted (yaml_emitter_write_double_quoted, unfolded): a character that is
 * not printable, a BOM, a line break, `"` and `\` escaped (short forms, else \xXX, \uXXXX or \UXXXXXXXX in
 * upper-case hex), everything else as it is.
 */
export function goDoubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const escape = !printable(c) || c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0x22 || c === 0x5c;
    if (!escape) { out += ch; continue; }
    const short = ESCAPES[c];
    if (short) out += '\\' + short;
    else if (c <= 0xff) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
  }
  return out + '"';
}

/** go-yaml v2's best_width: a scalar breaks at a space only once its line is past this column. */
const BEST_WIDTH = 80;

// One line's parts: the key's column (undefined for a bare sequence item), and where its scalar value starts.
const LINE = /^( *)((?:- )*)((?:[^ '"#|>{[\-][^ ]*|'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"): )?(.*)$/s;

/**
 * Folds the long flow scalars (plain, '…' and "…") of unfolded YAML as go-yaml v2's emitter does
 * (yaml_emitter_write_plain_scalar, _single_quoted, _double_quoted): at a single space, once the line is past column
 * 80, the space becomes a line break and the value goes on at the node's indent (its key's column plus 2, or the
 * column it started at in a sequence). A "…" value breaks before a run of spaces too, escaping the next one.
 */
export function foldLikeGoYaml(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  // A block literal's body (lines indented past its header's line) is left as it is.
  let blockIndent = -1;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line === '' || indent > blockIndent)) { out.push(line); continue; }
    blockIndent = -1;
    const m = LINE.exec(line);
    if (!m) { out.push(line); continue; }
    const [, lead, dashes, key = '', value] = m as unknown as [string, string, string, string | undefined, string];
    const valueCol = lead!.length + dashes!.length + key.length;
    if (value.startsWith('|') || value.startsWith('>')) { blockIndent = lead!.length + dashes!.length - (key ? 0 : 2) ; out.push(line); continue; }
    if (!value.includes(INDENT_MARK) && (valueCol + value.length <= BEST_WIDTH + 1 || !value.includes(' '))) { out.push(line); continue; }
    const contIndent = key ? lead!.length + dashes!.length + 2 : valueCol;
    out.push(line.slice(0, valueCol) + foldScalar(value, valueCol, contIndent));
  }
  return out.join('\n');
}

// The written tokens of a scalar as emitted (an escape or a quote pair is one token), folded from column `col`.
function foldScalar(value: string, col: number, contIndent: number): string {
  const style = value[0] === "'" ? 'single' : value[0] === '"' ? 'double' : 'plain';
  const body = style === 'plain' ? value : value.slice(1, -1);
  const tokens: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (style === 'single' && body[i] === "'" && body[i + 1] === "'") { tokens.push("''"); i++; }
    else if (style === 'double' && body[i] === '\\') {
      const n = body[i + 1] === 'x' ? 4 : body[i + 1] === 'u' ? 6 : body[i + 1] === 'U' ? 10 : 2;
      tokens.push(body.slice(i, i + n)); i += n - 1;
    } else tokens.push(body[i]!);
  }
  const pad = ' '.repeat(contIndent);
  let res = style === 'plain' ? '' : value[0]!;
  let column = col + res.length;
  let spaces = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === ' ') {
      const next = tokens[i + 1];
      const edge = style === 'plain' ? false : i === 0 || i === tokens.length - 1;
      const breakable = style === 'double' ? !edge : !edge && next !== ' ';
      if (!spaces && column > BEST_WIDTH && breakable && next !== undefined) {
        res += '\n' + pad;
        column = contIndent;
        if (style === 'double' && next === ' ') { res += '\\'; column++; }
      } else { res += ' '; column++; }
      spaces = true;
    } else if (t === INDENT_MARK) {
      res += pad.slice(column);
      column = Math.max(column, contIndent);
    } else {
      res += t;
      column = t === '\u2028' || t === '\u2029' ? 0 : column + [...t].length;
      spaces = false;
    }
  }
  return res + (style === 'plain' ? '' : value[value.length - 1]!);
}
