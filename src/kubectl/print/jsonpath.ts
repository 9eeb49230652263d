// kubectl's JSONPath templates (`-o jsonpath='{.status.readyReplicas}'`, custom columns, --sort-by, wait
// --for=jsonpath): literal text and `{…}` actions holding fields (`.a`, `.a\.b`, `['a']`), `*`, `..`, array
// indexes and slices (`[0]`, `[-1]`, `[0:2]`, `[::2]`), unions (`[0,1]`), filters (`[?(@.a=="x")]`, `[?(@.a)]`),
// quoted, number and boolean literals, and `range … end`. Models k8s.io/client-go/util/jsonpath (parser.go,
// node.go, jsonpath.go) with the comparisons of client-go's forked text/template funcs, and cli-runtime's
// JSONPathPrinter (printers/jsonpath.go).
import { goJson } from '../../engine/api/go-json.ts';
import { goQuote } from '../../engine/api/field-errors.ts';
import { goFloat64, goSprint } from './go-fmt.ts';
import { goSharpV } from './go-dump.ts';
import { toJson } from './json.ts';

// ---------------------------------------------------------------------------------------------------------------
// Nodes (node.go)

interface ListNode { t: 'list'; nodes: Node[] }
interface Param { known: boolean; value: number; derived: boolean }

type Node =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: readonly [Param, Param, Param] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] }
  | { t: 'identifier'; name: string };

const list = (): ListNode => ({ t: 'list', nodes: [] });

/** A template that does not parse: the parser's own words (kubectl's printer flags wrap them). */
export class JsonPathError extends Error {}

/** A template that failed as it ran over an object: the engine's own words (`array index out of bounds: …`). */
export class JsonPathExecError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Parsing (parser.go). The parser walks the input rune by rune, as upstream's does, so its errors come at the
// same places with the same words.

const EOF = '';
const isSpace = (r: string): boolean => r === ' ' || r === '\t';
const isEndOfLine = (r: string): boolean => r === '\r' || r === '\n';
const isAlphaNumeric = (r: string): boolean => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isDigit = (r: string): boolean => /^\p{Nd}$/u.test(r);
// What may follow an identifier or a field name.
const isTerminator = (r: string): boolean => isSpace(r) || isEndOfLine(r) || r === EOF || '.,[]$@{}'.includes(r);

// Go's %#U of a rune: `U+007E '~'`, the character itself only when it is printable.
function runeDescription(r: string): string {
  const code = `U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(r) ? `${code} '${r}'` : code;
}

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  readonly root = list();

  constructor(private readonly input: string) {}

  /** Parses the whole input; throws JsonPathError. */
  parse(): ListNode {
    // parseText: literal text up to each `{`, then the action it opens.
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const action = list();
        this.root.nodes.push(action);
        this.parseInsideAction(action);
        continue;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string {
    if (this.pos >= this.input.length) { this.width = 0; return EOF; }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void { this.pos -= this.width; }

  // The nodes of one action, up to its `}`.
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('}', this.pos)) {
        this.pos += 1;
        this.consume();
        return;
      }
      if (this.input.startsWith('[?(', this.pos)) { this.parseFilter(cur); continue; }
      if (this.input.startsWith('..', this.pos)) { this.parseRecursive(cur); continue; }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consume(); // `@` and `$` are the current object: nothing to do
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) { this.backup(); this.parseNumber(cur); }
      else if (isAlphaNumeric(r)) { this.backup(); this.parseIdentifier(cur); }
      else throw new JsonPathError(`unrecognized character in action: ${runeDescription(r)}`);
    }
  }

  // `range`, `end` and other words; `true` and `false` are booleans.
  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consume();
    cur.nodes.push(value === 'true' || value === 'false' ? { t: 'bool', value: value === 'true' } : { t: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes[cur.nodes.length - 1]?.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  // A number: an int when strconv.Atoi takes it, else a float when strconv.ParseFloat does.
  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !isDigit(c)) { this.backup(); break; }
    }
    const value = this.consume();
    if (/^[+-]?[0-9]+$/.test(value) && Math.abs(Number(value)) < 2 ** 63) cur.nodes.push({ t: 'int', value: Number(value) });
    else if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) cur.nodes.push({ t: 'float', value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  // `[…]`: a union of comma-separated parts, a quoted key, or an index or slice.
  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ t: 'union', nodes: parts.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      // A quoted key reads as a field path: `['a.b']` is `.a.b`.
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const m = SLICE.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0, derived: false });
        else if (/^-?[0-9]+$/.test(v)) params.push({ known: true, value: Number(v), derived: false });
        else throw new JsonPathError(`array index ${v} is not a number`);
      } else if (i === 1) {
        // `[n]` is the slice `[n:n+1]`, its end derived from its start.
        params.push({ known: true, value: params[0].value + 1, derived: true });
      } else {
        params.push({ known: false, value: 0, derived: false });
      }
    }
    cur.nodes.push({ t: 'array', params: [params[0], params[1], params[2]] });
  }

  // `[?(…)]`: `left OP right`, or an existence test when there is no operator.
  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false, end = false, pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) { begin = true; pair = r; continue; }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        // A `)` inside the one quoted operand does not end the filter.
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: parseAction(text), right: list(), op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    const s = unquoteExtend(value);
    if (s === null) throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ t: 'text', text: s });
  }

  // A field name runs to the next terminator that is not escaped; the escaping backslashes are dropped.
  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) { this.backup(); break; }
    }
    const value = this.consume();
    cur.nodes.push(value === '*' ? { t: 'wildcard' } : { t: 'field', name: value.replaceAll('\\', '') });
  }
}

/** Parses the inside of an action on its own (a union part, a quoted key, a filter operand). */
function parseAction(text: string): ListNode {
  return new Parser(`{${text}}`).parse().nodes[0] as ListNode;
}

/** strconv.Unquote for double- or single-quoted text (jsonpath's UnquoteExtend); null when it is not valid. */
function unquoteExtend(s: string): string | null {
  const quote = s[0];
  if (s.length < 2 || s[s.length - 1] !== quote || (quote !== '"' && quote !== "'")) return null;
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i++];
    if (c === quote) return null;
    if (c !== '\\') { out += c; continue; }
    const e = body[i++];
    if (e === undefined) return null;
    if (e in SIMPLE) out += SIMPLE[e];
    else if (e === "'" || e === '"') {
      if (e !== quote) return null;
      out += e;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return null;
      i += n;
      const v = parseInt(hex, 16);
      if (e === 'x') out += String.fromCharCode(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
      else out += String.fromCodePoint(v);
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return null;
      i += 2;
      out += String.fromCharCode(parseInt(oct, 8));
    } else return null;
  }
  return out;
}

/** Parses a template; throws JsonPathError with the parser's words. */
function parse(template: string): ListNode {
  return new Parser(template).parse();
}

// ---------------------------------------------------------------------------------------------------------------
// Values. The engine works on decoded JSON (kubectl's unstructured content, where whole numbers are int64 and
// the rest float64), plus what the template itself brings: its texts, ints, floats and booleans.

/** A float literal of the template (`1.5`, `2.0`): a float64 even when it is whole. */
class GoFloat { constructor(readonly value: number) {} }

/** The zero reflect.Value: what a range over nothing, or over a null item, hands its body. */
const INVALID = Symbol('invalid reflect.Value');

type Val = unknown;
type Result = [Val[], string | null];

const isMap = (v: Val): v is Record<string, Val> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);

// The Go type of a value, as `%v is not array or slice` names it.
function goType(v: Val): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (v instanceof GoFloat) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v === INVALID) return '<invalid reflect.Value>';
  return 'map[string]interface {}';
}

// A value as a Go interface{} holds it, for JSON output.
function plain(v: Val): Val {
  if (v instanceof GoFloat) return v.value;
  if (v === INVALID) return null;
  return v;
}

// fmt.Print of one value: strings bare, JSON null as `<nil>`, ints plain, floats as %v prints them.
function toText(v: Val): string {
  if (v === INVALID) return '<no value>';
  if (v instanceof GoFloat) return goFloat64(v.value);
  return goSprint(v);
}

// The bytes of a string, which `*` and `..` walk as they walk a list.
const bytesOf = (s: string): number[] => [...new TextEncoder().encode(s)];

// The kinds text/template's comparison functions tell apart (funcs.go basicKind).
type Kind = 'bool' | 'int' | 'float' | 'string';
function basicKind(v: Val): Kind | null {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'string') return 'string';
  return null;
}

const BAD_TYPE = 'invalid type for comparison';
const INCOMPATIBLE = 'incompatible types for comparison';
type Cmp = [boolean, string | null];
const num = (v: Val): Val => (v instanceof GoFloat ? v.value : v);

// Models the forked template.Equal, Less, LessEqual, Greater, GreaterEqual.
function equal(a: Val, b: Val): Cmp {
  const ka = basicKind(a), kb = basicKind(b);
  if (!ka || !kb) return [false, BAD_TYPE];
  if (ka !== kb) return [false, INCOMPATIBLE];
  return [num(a) === num(b), null];
}
function less(a: Val, b: Val): Cmp {
  const ka = basicKind(a), kb = basicKind(b);
  if (!ka || !kb) return [false, BAD_TYPE];
  if (ka !== kb) return [false, INCOMPATIBLE];
  if (ka === 'bool') return [false, BAD_TYPE];
  return [(num(a) as number | string) < (num(b) as number | string), null];
}
function lessEqual(a: Val, b: Val): Cmp {
  const [lt, err] = less(a, b);
  return lt || err ? [lt, err] : equal(a, b);
}
function compare(op: string, a: Val, b: Val): Cmp | null {
  switch (op) {
    case '<': return less(a, b);
    case '>': { const [le, err] = lessEqual(a, b); return err ? [false, err] : [!le, null]; }
    case '==': return equal(a, b);
    case '!=': { const [eq, err] = equal(a, b); return [!eq, err]; }
    case '<=': return lessEqual(a, b);
    case '>=': { const [lt, err] = less(a, b); return err ? [false, err] : [!lt, null]; }
    default: return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Execution (jsonpath.go).

/**
 * A parsed template with upstream's execution state. A range runs the nodes after it once per item, and the
 * state (open ranges, the last `end` seen) carries between those runs as upstream's JSONPath fields do.
 */
export class JsonPath {
  private rootNodes: Node[];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | null = null;

  /** Parses `template`; throws JsonPathError. `allowMissingKeys`: a missing field finds nothing, not an error. */
  constructor(template: string, private readonly allowMissingKeys = true) {
    this.rootNodes = parse(template).nodes;
  }

  /** The results of each node of the template over `data` (FindResults); throws JsonPathExecError. */
  findResults(data: Val): Val[][] {
    const cur: Val[] = [data];
    const nodes = this.rootNodes;
    const full: Val[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const [results, err] = this.walk(cur, nodes[i]);
      if (err !== null) throw new JsonPathExecError(err);
      // An `end`: this run of a range body is over.
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      // A `range`: run the nodes after it once per item (once over nothing when there is none, to find its end),
      // then go on after the `end` those runs stopped at.
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(value === null ? INVALID : value));
          }
        } else {
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(INVALID);
        }
        this.inRange--;
        const k = nodes.indexOf(this.lastEndNode as Node, i + 1);
        if (k >= 0) i = k;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Val[], node: Node): Result {
    switch (node.t) {
      case 'list': return this.evalList(input, node);
      case 'text': return [[node.text], null];
      case 'field': return this.evalField(input, node.name);
      case 'array': return evalArray(input, node.params);
      case 'filter': return this.evalFilter(input, node);
      case 'int': return [input.map(() => node.value), null];
      case 'float': return [input.map(() => new GoFloat(node.value)), null];
      case 'bool': return [input.map(() => node.value), null];
      case 'wildcard': return [input.flatMap(children), null];
      case 'recursive': return [recursive(input), null];
      case 'union': return this.evalUnion(input, node.nodes);
      case 'identifier': return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Val[], node: ListNode): Result {
    let cur = input;
    for (const n of node.nodes) {
      const [next, err] = this.walk(cur, n);
      if (err !== null) return [next, err];
      cur = next;
    }
    return [cur, null];
  }

  private evalIdentifier(input: Val[], name: string): Result {
    if (name === 'range') {
      this.beginRange++;
      return [input, null];
    }
    if (name === 'end') {
      if (this.inRange === 0) return [[], 'not in range, nothing to end'];
      this.endRange++;
      return [[], null];
    }
    return [input, `unrecognized identifier ${name}`];
  }

  private evalField(input: Val[], name: string): Result {
    const results: Val[] = [];
    if (input.length === 0) return [results, null];
    for (const v of input) {
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) return [results, `${name} is not found`];
    return [results, null];
  }

  private evalUnion(input: Val[], nodes: ListNode[]): Result {
    const result: Val[] = [];
    for (const n of nodes) {
      const [temp, err] = this.evalList(input, n);
      if (err !== null) return [input, err];
      result.push(...temp);
    }
    return [result, null];
  }

  private evalFilter(input: Val[], node: Extract<Node, { t: 'filter' }>): Result {
    const results: Val[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        return [input, `${value === INVALID ? '<invalid reflect.Value>' : toText(value)} is not array or slice and cannot be filtered`];
      }
      for (const item of value) {
        const temp = [item];
        const [lefts, lerr] = this.evalList(temp, node.left);
        // An existence test keeps the items its path finds something in, whatever went wrong.
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lerr !== null) return [input, lerr];
        if (lefts.length === 0) continue;
        if (lefts.length > 1) return [input, 'can only compare one element at a time'];
        const [rights, rerr] = this.evalList(temp, node.right);
        if (rerr !== null) return [input, rerr];
        if (rights.length === 0) continue;
        if (rights.length > 1) return [input, 'can only compare one element at a time'];
        const r = compare(node.op, lefts[0], rights[0]);
        if (!r) return [results, `unrecognized filter operator ${node.op}`];
        if (r[1] !== null) return [results, r[1]];
        if (r[0]) results.push(item);
      }
    }
    return [results, null];
  }
}

// `[start:end:step]` over each list (evalArray): negative bounds count from the end; out of range is an error
// unless the slice asks for nothing.
function evalArray(input: Val[], params: readonly [Param, Param, Param]): Result {
  const result: Val[] = [];
  for (const value of input) {
    if (value === null) continue;
    if (!Array.isArray(value)) return [input, `${goType(value)} is not array or slice`];
    const len = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += len;
    let end = params[1].known ? params[1].value : len;
    if (end < 0 || (end === 0 && params[1].derived)) end += len;
    if (end === start) return [result, null];
    if (start >= len || start < 0) return [input, `array index out of bounds: index ${start}, length ${len}`];
    if (end > len || end < 0) return [input, `array index out of bounds: index ${end - 1}, length ${len}`];
    if (start > end) return [input, `starting index ${start} is greater than ending index ${end}`];
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) return [input, 'step must be > 0'];
      step = params[2].value;
    }
    for (let i = start; i < end; i += step) result.push(value[i]);
  }
  return [result, null];
}

// What `*` finds in a value: a map's values, a list's items, a string's bytes.
function children(v: Val): Val[] {
  if (Array.isArray(v)) return [...v];
  if (typeof v === 'string') return bytesOf(v);
  if (isMap(v)) return Object.values(v).filter((x) => x !== undefined);
  return [];
}

// `..`: every value that has children, with everything under it (evalRecursive).
function recursive(input: Val[]): Val[] {
  const result: Val[] = [];
  for (const v of input) {
    if (v === null) continue;
    const kids = children(v);
    if (kids.length === 0) continue;
    result.push(v, ...recursive(kids));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Printing (JSONPath.PrintResults and cli-runtime's JSONPathPrinter).

/**
 * One node's results as PrintResults writes them, separated by spaces: maps and lists as json.Marshal writes
 * them, a JSON null as `null` (what kubectl 1.33 prints for an Event's unset lastTimestamp), anything else as
 * fmt.Print does. `asJson` (`-o jsonpath-as-json`): the results as one indented JSON array.
 */
function printResults(results: Val[], asJson: boolean): string {
  if (asJson) return toJson(results.map(plain));
  return results.map((r) => (r === null ? 'null' : Array.isArray(r) || isMap(r) ? goJson(r) : toText(r))).join(' ');
}

/** Options of a JSONPath printer: `--allow-missing-template-keys`, and `-o jsonpath-as-json`. */
export interface JsonPathOptions { allowMissingKeys?: boolean; asJson?: boolean }

/**
 * What kubectl's JSONPathPrinter writes for one PrintObj call over `data`: the output, or (when the template fails
 * as it runs, before anything is written) nothing and kubectl's error with the template and the object it was
 * given, in Go syntax. Models printers/jsonpath.go PrintObj.
 */
export function jsonPathPrint(template: string, data: unknown, opts: JsonPathOptions = {}): { out: string; error: string | null } {
  const j = new JsonPath(template, opts.allowMissingKeys ?? true);
  try {
    return { out: j.findResults(data).map((r) => printResults(r, opts.asJson ?? false)).join(''), error: null };
  } catch (e) {
    if (!(e instanceof JsonPathExecError)) throw e;
    // The error ends with two blank lines: the printer's text ends with one, its error adds a newline, and
    // kubectl's CheckErr adds none to a message that already ends with one.
    const error = `error: error executing jsonpath ${goQuote(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n`
      + `\ttemplate was:\n\t\t${template}\n`
      + `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n\n`;
    return { out: '', error };
  }
}

/** Renders `data` through a template; throws JsonPathError or JsonPathExecError. */
export function jsonpath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  const j = new JsonPath(template, opts.allowMissingKeys ?? true);
  return j.findResults(data).map((r) => printResults(r, opts.asJson ?? false)).join('');
}

/**
 * What the first node of a template finds in `data` (missing keys allowed), empty when nothing is there: the
 * values custom columns print, --sort-by sorts by and wait --for=jsonpath compares. Throws JsonPathError for a
 * template that does not parse and JsonPathExecError for one that fails on `data`.
 */
export function jsonpathValues(template: string, data: unknown): unknown[] {
  const results = new JsonPath(template).findResults(data);
  return (results[0] ?? []).map(plain);
}

/** The parser's error for a template (`unclosed action`), or null when it parses. */
export function jsonPathParseError(template: string): string | null {
  try {
    parse(template);
    return null;
  } catch (e) {
    if (e instanceof JsonPathError) return e.message;
    throw e;
  }
}

/**
 * Parses a template as kubectl does when it builds the printer, before anything is printed: a kubectl error
 * text for an empty or malformed template, else null.
 */
export function jsonPathTemplateError(template: string): string | null {
  if (template === '') return 'error: template format specified but no template given';
  const bad = jsonPathParseError(template);
  return bad === null ? null : `error: error parsing jsonpath ${template}, ${bad}`;
}
