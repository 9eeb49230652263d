// The error go-yaml v2 (gopkg.in/yaml.v2 2.4, vendored by sigs.k8s.io/yaml as goyaml.v2) gives when kubectl reads
// a manifest document that is not valid YAML, word for word and at the same line. kubectl prints it after
// `error converting YAML to JSON: `. go-yaml is a port of libyaml: a reader that decodes the input in chunks, a
// scanner that turns characters into tokens (with its "simple key" and indentation bookkeeping), and a parser that
// turns tokens into events; yaml.Unmarshal pulls the events of the first document one at a time and stops at the
// first error any of them raises. The same three stages are modelled here, in the same order and with the same
// look-ahead, because which error wins and the line it names depend on how far each stage had read. The decoded value
// is kept only as far as later errors need it (anchors, merge keys, map keys, tagged scalars, what JSON cannot hold),
// and as a fallback for the rare document go-yaml takes and the `yaml` package does not.
import { goQuote } from '../engine/api/field-errors.ts';

interface Mark { index: number; line: number; column: number }

type TokenType =
  | 'stream-start' | 'stream-end' | 'version-directive' | 'tag-directive' | 'document-start' | 'document-end'
  | 'block-sequence-start' | 'block-mapping-start' | 'block-end' | 'flow-sequence-start' | 'flow-sequence-end'
  | 'flow-mapping-start' | 'flow-mapping-end' | 'block-entry' | 'flow-entry' | 'key' | 'value' | 'alias' | 'anchor'
  | 'tag' | 'scalar';

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** A scalar's text, an anchor's or alias's name, a tag's handle, a %TAG directive's handle. */
  value: string;
  /** A tag's suffix. */
  suffix: string;
  /** A %TAG directive's prefix. */
  prefix: string;
  style: ScalarStyle;
  major: number;
  minor: number;
}

interface SimpleKey { possible: boolean; required: boolean; tokenNumber: number; mark: Mark }

/** An error in go-yaml's words, thrown to leave all three stages at once (go-yaml panics the same way). */
class YamlFailure {
  constructor(readonly text: string) {}
}

type Stage = 'reader' | 'scanner' | 'parser';

// decode.go's fail(): the problem mark's 0-based line when it is not 0 (one more for the scanner, whose marks are
// not advanced past the line it stopped on), else the context mark's line as it is, and no line at all when both
// are 0. A reader error has neither mark, so it never names a line.
function failure(stage: Stage, problem: string, problemMark: Mark | null, contextMark: Mark | null): YamlFailure {
  let line = 0;
  if (problemMark && problemMark.line !== 0) line = problemMark.line + (stage === 'scanner' ? 1 : 0);
  else if (contextMark && contextMark.line !== 0) line = contextMark.line;
  return new YamlFailure(`yaml: ${line !== 0 ? `line ${line}: ` : ''}${problem}`);
}

const NUL = 0;
const CR = 0x0d;
const LF = 0x0a;
const NEL = 0x85;
const LS = 0x2028;
const PS = 0x2029;
const BOM = 0xfeff;
const code = (c: string): number => c.codePointAt(0)!;

const isBreakChar = (c: number): boolean => c === CR || c === LF || c === NEL || c === LS || c === PS;
const isBlankChar = (c: number): boolean => c === 0x20 || c === 0x09;
const isAlphaChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isDigitChar = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHexChar = (c: number): boolean => isDigitChar(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number): number => (c >= 0x61 ? c - 0x61 + 10 : c >= 0x41 ? c - 0x41 + 10 : c - 0x30);
const utf8Width = (c: number): number => (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);

// The characters YAML allows in a stream; anything else (most C0 and C1 controls, U+FFFE, U+FFFF) stops the reader.
const allowedChar = (c: number): boolean =>
  c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

// The bytes the reader takes from its input at a time, and so the span it checks in one go.
const RAW_CHUNK = 512;
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

/**
 * The reader and scanner. Characters are held as code points; the reader decodes the UTF-8 input a chunk of bytes at
 * a time, only when the scanner asks for characters it has not decoded yet, and checks every character of the chunk
 * as it goes: so a control character far ahead is reported only once the scanner gets near it, and a syntax error
 * before that point wins.
 */
class Scanner {
  private readonly chars: number[];
  private readonly widths: number[];
  private readonly totalBytes: number;
  // Reader state, in bytes of the input: how far it was decoded, how far read into the chunk buffer, where that
  // buffer starts, and whether a read has found the end.
  private rawPos = 0;
  private rawRead = 0;
  private rawBase = 0;
  private eof = false;
  private encodingKnown = false;
  /** Characters decoded so far, with the NULs the reader appends at the end of the input. */
  private decoded = 0;
  private charsDecoded = 0;
  /** The character at the start of the reader's buffer (go-yaml looks for a byte order mark there, not at pos). */
  private bufStart = 0;
  private readonly startsWithBom: boolean;

  private pos = 0;
  private mark: Mark = { index: 0, line: 0, column: 0 };

  private streamStartProduced = false;
  private flowLevel = 0;
  private readonly tokens: Token[] = [];
  private head = 0;
  tokensParsed = 0;
  private tokenAvailable = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private keysByToken = new Map<number, number>();

  constructor(text: string) {
    const chars: number[] = [];
    for (const ch of text) {
      const c = code(ch);
      // A lone surrogate cannot be encoded; it reaches kubectl as U+FFFD.
      chars.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
    }
    this.startsWithBom = chars[0] === BOM;
    if (this.startsWithBom) chars.shift();
    this.chars = chars;
    this.widths = chars.map(utf8Width);
    this.totalBytes = this.widths.reduce((a, b) => a + b, 0) + (this.startsWithBom ? 3 : 0);
  }

  // ---- reader

  // Takes more bytes of input into the chunk buffer, keeping the undecoded tail; a read with nothing left is the end.
  private refill(): void {
    if (this.rawPos === this.rawBase && this.rawRead - this.rawBase === RAW_CHUNK) return;
    if (this.eof) return;
    this.rawBase = this.rawPos;
    if (this.rawRead === this.totalBytes) { this.eof = true; return; }
    this.rawRead = Math.min(this.totalBytes, this.rawRead + RAW_CHUNK - (this.rawRead - this.rawBase));
  }

  private readerError(problem: string): YamlFailure {
    return failure('reader', problem, null, null);
  }

  // Makes sure `n` characters from pos are decoded, decoding whole chunks (and failing on any bad character in them).
  private cache(n: number): void {
    if (this.decoded - this.pos >= n) return;
    if (!this.encodingKnown) {
      while (!this.eof && this.rawRead - this.rawPos < 3) this.refill();
      // A UTF-8 byte order mark at the very start is dropped by the reader.
      if (this.startsWithBom) this.rawPos += 3;
      this.encodingKnown = true;
    }
    this.bufStart = this.pos;
    let first = true;
    while (this.decoded - this.pos < n) {
      if (!first || this.rawPos === this.rawRead) this.refill();
      first = false;
      while (this.rawPos !== this.rawRead) {
        const i = this.charsDecoded;
        const w = this.widths[i]!;
        if (w > this.rawRead - this.rawPos) break;
        if (!allowedChar(this.chars[i]!)) throw this.readerError('control characters are not allowed');
        this.rawPos += w;
        this.charsDecoded++;
        this.decoded++;
      }
      if (this.eof) { this.decoded++; break; }
    }
  }

  private ch(k = 0): number {
    return this.chars[this.pos + k] ?? NUL;
  }

  private is(c: string, k = 0): boolean { return this.ch(k) === code(c); }
  private isZ(k = 0): boolean { return this.ch(k) === NUL; }
  private isBreak(k = 0): boolean { return isBreakChar(this.ch(k)); }
  private isBreakZ(k = 0): boolean { return this.isBreak(k) || this.isZ(k); }
  private isBlank(k = 0): boolean { return isBlankChar(this.ch(k)); }
  private isBlankZ(k = 0): boolean { return this.isBlank(k) || this.isBreakZ(k); }
  private isCrlf(): boolean { return this.ch() === CR && this.ch(1) === LF; }

  private skip(): void {
    this.pos++;
    this.mark.index++;
    this.mark.column++;
  }

  private skipLine(): void {
    if (this.isCrlf()) {
      this.pos += 2;
      this.mark.index += 2;
      this.mark.column = 0;
      this.mark.line++;
    } else if (this.isBreak()) {
      this.pos++;
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
    }
  }

  private read(s: string): string {
    const c = this.ch();
    this.skip();
    return s + String.fromCodePoint(c);
  }

  // A line break as a scalar keeps it: CR LF, CR, LF and NEL become LF, LS and PS stay.
  private readLine(s: string): string {
    const c = this.ch();
    if (this.isCrlf()) {
      this.pos += 2;
      this.mark.index += 2;
    } else if (c === CR || c === LF || c === NEL) {
      this.pos++;
      this.mark.index++;
    } else if (c === LS || c === PS) {
      this.pos++;
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
      return s + String.fromCodePoint(c);
    } else {
      return s;
    }
    this.mark.column = 0;
    this.mark.line++;
    return s + '\n';
  }

  private here(): Mark { return { ...this.mark }; }

  private scannerError(context: Mark, problem: string): YamlFailure {
    return failure('scanner', problem, this.mark, context);
  }

  // ---- tokens

  /** The next token without taking it (fetching as many as deciding it needs). */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head]!;
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.head++;
  }

  private token(type: TokenType, start: Mark, end: Mark, extra: Partial<Token> = {}): Token {
    return { type, start, end, value: '', suffix: '', prefix: '', style: 'plain', major: 0, minor: 0, ...extra };
  }

  // Inserts a token `at` places after the head, or appends it.
  private insertToken(at: number, t: Token): void {
    if (at < 0) this.tokens.push(t);
    else this.tokens.splice(this.head + at, 0, t);
  }

  // More tokens are needed while the queue is empty or its head might still turn out to be a simple key.
  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        const i = this.keysByToken.get(this.tokensParsed);
        if (i === undefined) break;
        if (!this.keyStillPossible(this.simpleKeys[i]!)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    this.cache(1);
    if (!this.streamStartProduced) { this.fetchStreamStart(); return; }
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    this.cache(4);
    const c = this.ch();
    if (c === NUL) { this.fetchStreamEnd(); return; }
    const col0 = this.mark.column === 0;
    if (col0 && this.is('%')) { this.fetchDirective(); return; }
    if (col0 && this.is('-') && this.is('-', 1) && this.is('-', 2) && this.isBlankZ(3)) { this.fetchDocumentIndicator('document-start'); return; }
    if (col0 && this.is('.') && this.is('.', 1) && this.is('.', 2) && this.isBlankZ(3)) { this.fetchDocumentIndicator('document-end'); return; }
    if (this.is('[')) { this.fetchFlowCollectionStart('flow-sequence-start'); return; }
    if (this.is('{')) { this.fetchFlowCollectionStart('flow-mapping-start'); return; }
    if (this.is(']')) { this.fetchFlowCollectionEnd('flow-sequence-end'); return; }
    if (this.is('}')) { this.fetchFlowCollectionEnd('flow-mapping-end'); return; }
    if (this.is(',')) { this.fetchFlowEntry(); return; }
    if (this.is('-') && this.isBlankZ(1)) { this.fetchBlockEntry(); return; }
    if (this.is('?') && (this.flowLevel > 0 || this.isBlankZ(1))) { this.fetchKey(); return; }
    if (this.is(':') && (this.flowLevel > 0 || this.isBlankZ(1))) { this.fetchValue(); return; }
    if (this.is('*')) { this.fetchAnchor('alias'); return; }
    if (this.is('&')) { this.fetchAnchor('anchor'); return; }
    if (this.is('!')) { this.fetchTag(); return; }
    if (this.is('|') && this.flowLevel === 0) { this.fetchBlockScalar(true); return; }
    if (this.is('>') && this.flowLevel === 0) { this.fetchBlockScalar(false); return; }
    if (this.is("'")) { this.fetchFlowScalar(true); return; }
    if (this.is('"')) { this.fetchFlowScalar(false); return; }
    // A plain scalar starts with anything but an indicator, or with `-`, `?` or `:` not followed by a space.
    const indicator = this.isBlankZ() || '-?:,[]{}#&*!|>\'"%@`'.includes(String.fromCodePoint(c));
    if (!indicator || (this.is('-') && !this.isBlank(1)) || (this.flowLevel === 0 && (this.is('?') || this.is(':')) && !this.isBlankZ(1))) {
      this.fetchPlainScalar();
      return;
    }
    throw this.scannerError(this.here(), 'found character that cannot start any token');
  }

  // A simple key stops being possible once the scanner has left its line or gone 1024 characters past it; if the
  // key was required (it started a line at the mapping's indentation), that is an error.
  private keyStillPossible(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) throw this.scannerError(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: this.here() };
    this.removeSimpleKey();
    const last = this.simpleKeys.length - 1;
    this.simpleKeys[last] = key;
    this.keysByToken.set(key.tokenNumber, last);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (!key.possible) return;
    if (key.required) throw this.scannerError(key.mark, "could not find expected ':'");
    key.possible = false;
    this.keysByToken.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: this.here() });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      throw this.scannerError(this.simpleKeys[this.simpleKeys.length - 1]!.mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    const key = this.simpleKeys.pop()!;
    this.keysByToken.delete(key.tokenNumber);
  }

  // A block collection opens where a line is indented deeper than the current one: its start token goes before the
  // token numbered `number` (a simple key found late), or at the end.
  private rollIndent(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > MAX_INDENTS) {
      throw this.scannerError(this.simpleKeys[this.simpleKeys.length - 1]!.mark, `exceeded max depth of ${MAX_INDENTS}`);
    }
    this.insertToken(number > -1 ? number - this.tokensParsed : -1, this.token(type, mark, mark));
  }

  // Each block collection indented deeper than `column` ends.
  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, this.token('block-end', this.here(), this.here()));
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: { index: 0, line: 0, column: 0 } });
    this.keysByToken = new Map();
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, this.token('stream-start', this.here(), this.here()));
  }

  private fetchStreamEnd(): void {
    // The end of a stream whose last line has no line break counts as the start of the next line.
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.token('stream-end', this.here(), this.here()));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.indicatorToken(type, 3);
  }

  // The token of an indicator `width` characters long at the current mark (`---`, `[`, `,`, `-`, `?`, `:`).
  private indicatorToken(type: TokenType, width: number): void {
    const start = this.here();
    for (let i = 0; i < width; i++) this.skip();
    this.insertToken(-1, this.token(type, start, this.here()));
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.indicatorToken(type, 1);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.indicatorToken(type, 1);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.indicatorToken('flow-entry', 1);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.scannerError(this.here(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'block-sequence-start', this.here());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.indicatorToken('block-entry', 1);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.scannerError(this.here(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'block-mapping-start', this.here());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.indicatorToken('key', 1);
  }

  // A `:` makes the token saved as a possible simple key a key after the fact (a KEY token, and a mapping start
  // when it is indented deeper); without one, it must open a mapping of its own where keys are allowed.
  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.keyStillPossible(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, this.token('key', key.mark, key.mark));
      this.rollIndent(key.mark.column, key.tokenNumber, 'block-mapping-start', key.mark);
      key.possible = false;
      this.keysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) throw this.scannerError(this.here(), 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, 'block-mapping-start', this.here());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.indicatorToken('value', 1);
  }

  private fetchAnchor(type: 'alias' | 'anchor'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // Skips spaces, comments and line breaks (tabs too where no simple key may start, or in a flow collection); a byte
  // order mark is skipped at the start of a line when the reader's buffer starts with one.
  private scanToNextToken(): void {
    for (;;) {
      this.cache(1);
      if (this.mark.column === 0 && this.chars[this.bufStart] === BOM) this.skip();
      this.cache(1);
      while (this.is(' ') || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.is('\t'))) {
        this.skip();
        this.cache(1);
      }
      if (this.is('#')) {
        while (!this.isBreakZ()) {
          this.skip();
          this.cache(1);
        }
      }
      if (!this.isBreak()) break;
      this.cache(2);
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  // Skips blanks and a comment to the end of a line, which must end there.
  private skipToLineEnd(start: Mark): void {
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
    if (this.is('#')) {
      while (!this.isBreakZ()) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakZ()) throw this.scannerError(start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      this.cache(2);
      this.skipLine();
    }
  }

  private scanDirective(): Token {
    const start = this.here();
    this.skip();
    const name = this.scanDirectiveName(start);
    let t: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      t = this.token('version-directive', start, this.here(), { major, minor });
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      t = this.token('tag-directive', start, this.here(), { value: handle, prefix });
    } else {
      throw this.scannerError(start, 'found unknown directive name');
    }
    this.skipToLineEnd(start);
    return t;
  }

  private scanDirectiveName(start: Mark): string {
    this.cache(1);
    let s = '';
    while (isAlphaChar(this.ch())) {
      s = this.read(s);
      this.cache(1);
    }
    if (s === '') throw this.scannerError(start, 'could not find expected directive name');
    if (!this.isBlankZ()) throw this.scannerError(start, 'found unexpected non-alphabetical character');
    return s;
  }

  private skipBlanks(): void {
    this.cache(1);
    while (this.isBlank()) {
      this.skip();
      this.cache(1);
    }
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    this.skipBlanks();
    const major = this.scanVersionNumber(start);
    if (!this.is('.')) throw this.scannerError(start, "did not find expected digit or '.' character");
    this.skip();
    const minor = this.scanVersionNumber(start);
    return [major, minor];
  }

  private scanVersionNumber(start: Mark): number {
    this.cache(1);
    let value = 0;
    let length = 0;
    while (isDigitChar(this.ch())) {
      length++;
      if (length > 2) throw this.scannerError(start, 'found extremely long version number');
      value = value * 10 + (this.ch() - 0x30);
      this.skip();
      this.cache(1);
    }
    if (length === 0) throw this.scannerError(start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    this.skipBlanks();
    const handle = this.scanTagHandle(true, start);
    this.cache(1);
    if (!this.isBlank()) throw this.scannerError(start, 'did not find expected whitespace');
    this.skipBlanks();
    const prefix = this.scanTagUri(true, '', start);
    this.cache(1);
    if (!this.isBlankZ()) throw this.scannerError(start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  private scanAnchor(type: 'alias' | 'anchor'): Token {
    const start = this.here();
    this.skip();
    this.cache(1);
    let s = '';
    while (isAlphaChar(this.ch())) {
      s = this.read(s);
      this.cache(1);
    }
    const end = this.here();
    // A name must follow, ending at white space or one of `?:,]}%@` and the backquote.
    if (s === '' || !(this.isBlankZ() || '?:,]}%@`'.includes(String.fromCodePoint(this.ch())))) {
      throw this.scannerError(start, 'did not find expected alphabetic or numeric character');
    }
    return this.token(type, start, end, { value: s });
  }

  private scanTag(): Token {
    const start = this.here();
    this.cache(2);
    let handle: string;
    let suffix: string;
    if (this.is('<', 1)) {
      // A verbatim tag: `!<uri>`.
      this.skip();
      this.skip();
      handle = '';
      suffix = this.scanTagUri(false, '', start);
      if (!this.is('>')) throw this.scannerError(start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith('!') && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        // `!name` is the primary handle with a suffix; `!` alone is the non-specific tag.
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') [handle, suffix] = ['', '!'];
      }
    }
    this.cache(1);
    if (!this.isBlankZ()) throw this.scannerError(start, 'did not find expected whitespace or line break');
    return this.token('tag', start, this.here(), { value: handle, suffix });
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    this.cache(1);
    if (!this.is('!')) throw this.scannerError(start, "did not find expected '!'");
    let s = this.read('');
    this.cache(1);
    while (isAlphaChar(this.ch())) {
      s = this.read(s);
      this.cache(1);
    }
    if (this.is('!')) s = this.read(s);
    else if (directive && s !== '!') throw this.scannerError(start, "did not find expected '!'");
    return s;
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    this.cache(1);
    while (isAlphaChar(this.ch()) || ";/?:@&=+$,.!~*'()[]%".includes(String.fromCodePoint(this.ch() || 0x20))) {
      if (this.is('%')) s += this.scanUriEscapes(directive, start);
      else s = this.read(s);
      this.cache(1);
      hasTag = true;
    }
    if (!hasTag) throw this.scannerError(start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(_directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let w = 1024;
    while (w > 0) {
      this.cache(3);
      if (!(this.is('%') && isHexChar(this.ch(1)) && isHexChar(this.ch(2)))) throw this.scannerError(start, 'did not find URI escaped octet');
      const octet = (hexValue(this.ch(1)) << 4) + hexValue(this.ch(2));
      if (w === 1024) {
        w = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (w === 0) throw this.scannerError(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        throw this.scannerError(start, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.here();
    this.skip();
    this.cache(1);
    let chomping = 0;
    let increment = 0;
    const indentationIndicator = (): void => {
      if (this.is('0')) throw this.scannerError(start, 'found an indentation indicator equal to 0');
      increment = this.ch() - 0x30;
      this.skip();
    };
    if (this.is('+') || this.is('-')) {
      chomping = this.is('+') ? 1 : -1;
      this.skip();
      this.cache(1);
      if (isDigitChar(this.ch())) indentationIndicator();
    } else if (isDigitChar(this.ch())) {
      indentationIndicator();
      this.cache(1);
      if (this.is('+') || this.is('-')) {
        chomping = this.is('+') ? 1 : -1;
        this.skip();
      }
    }
    this.skipToLineEnd(start);
    let end = this.here();
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = (): void => {
      const r = this.scanBlockScalarBreaks(indent, start);
      indent = r.indent;
      trailingBreaks += r.breaks;
      end = r.end;
    };
    breaks();
    this.cache(1);
    let leadingBlank = false;
    while (this.mark.column === indent && !this.isZ()) {
      // Folding: a line break between two lines that do not start with a blank becomes a space.
      const trailingBlank = this.isBlank();
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (trailingBreaks === '') s += ' ';
      } else {
        s += leadingBreak;
      }
      leadingBreak = '';
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = this.isBlank();
      while (!this.isBreakZ()) {
        s = this.read(s);
        this.cache(1);
      }
      this.cache(2);
      leadingBreak = this.readLine(leadingBreak);
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    return this.token('scalar', start, end, { value: s, style: literal ? 'literal' : 'folded' });
  }

  // The empty and indentation-only lines of a block scalar, and (when no indicator gave it) its indentation: the
  // deepest of those lines, at least one more than the enclosing block's.
  private scanBlockScalarBreaks(indentIn: number, start: Mark): { indent: number; breaks: string; end: Mark } {
    let indent = indentIn;
    let breaks = '';
    let end = this.here();
    let maxIndent = 0;
    for (;;) {
      this.cache(1);
      while ((indent === 0 || this.mark.column < indent) && this.is(' ')) {
        this.skip();
        this.cache(1);
      }
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent === 0 || this.mark.column < indent) && this.is('\t')) {
        throw this.scannerError(start, 'found a tab character where an indentation space is expected');
      }
      if (!this.isBreak()) break;
      this.cache(2);
      breaks = this.readLine(breaks);
      end = this.here();
    }
    if (indent === 0) {
      indent = Math.max(maxIndent, this.indent + 1, 1);
    }
    return { indent, breaks, end };
  }

  // A `---` or `...` line: where a scalar cannot run on.
  private atDocumentIndicator(): boolean {
    return this.mark.column === 0 && ((this.is('-') && this.is('-', 1) && this.is('-', 2)) || (this.is('.') && this.is('.', 1) && this.is('.', 2))) && this.isBlankZ(3);
  }

  // One blank or line break between the words of a flow or plain scalar: blanks are kept until a break, the first
  // break is remembered, the ones after it counted.
  private foldBlank(f: Fold): void {
    if (this.isBlank()) {
      if (!f.leadingBlanks) f.whitespaces = this.read(f.whitespaces);
      else this.skip();
      return;
    }
    this.cache(2);
    if (!f.leadingBlanks) {
      f.whitespaces = '';
      f.leadingBreak = this.readLine(f.leadingBreak);
      f.leadingBlanks = true;
    } else {
      f.trailingBreaks = this.readLine(f.trailingBreaks);
    }
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.here();
    this.skip();
    let s = '';
    const f = newFold();
    for (;;) {
      this.cache(4);
      if (this.atDocumentIndicator()) {
        throw this.scannerError(start, 'found unexpected document indicator');
      }
      if (this.isZ()) throw this.scannerError(start, 'found unexpected end of stream');
      f.leadingBlanks = false;
      while (!this.isBlankZ()) {
        if (single && this.is("'") && this.is("'", 1)) {
          s += "'";
          this.skip();
          this.skip();
        } else if (single && this.is("'")) {
          break;
        } else if (!single && this.is('"')) {
          break;
        } else if (!single && this.is('\\') && this.isBreak(1)) {
          // An escaped line break joins the lines without a space.
          this.cache(3);
          this.skip();
          this.skipLine();
          f.leadingBlanks = true;
          break;
        } else if (!single && this.is('\\')) {
          s += this.scanEscape(start);
        } else {
          s = this.read(s);
        }
        this.cache(2);
      }
      this.cache(1);
      if (single ? this.is("'") : this.is('"')) break;
      while (this.isBlank() || this.isBreak()) {
        this.foldBlank(f);
        this.cache(1);
      }
      s += takeFolded(f);
    }
    this.skip();
    return this.token('scalar', start, this.here(), { value: s, style: single ? 'single' : 'double' });
  }

  // One backslash escape of a double-quoted scalar (the backslash is at pos).
  private scanEscape(start: Mark): string {
    const simple: Record<string, string> = {
      '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
      '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
    };
    const e = String.fromCodePoint(this.ch(1) || 0x20);
    const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (length === 0 && (this.ch(1) === NUL || !(e in simple))) {
      throw this.scannerError(start, 'found unknown escape character');
    }
    this.skip();
    this.skip();
    if (length === 0) return simple[e]!;
    this.cache(length);
    let value = 0;
    for (let k = 0; k < length; k++) {
      if (!isHexChar(this.ch(k))) throw this.scannerError(start, 'did not find expected hexdecimal number');
      value = value * 16 + hexValue(this.ch(k));
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      throw this.scannerError(start, 'found invalid Unicode character escape code');
    }
    for (let k = 0; k < length; k++) this.skip();
    return String.fromCodePoint(value);
  }

  private scanPlainScalar(): Token {
    let s = '';
    const f = newFold();
    const indent = this.indent + 1;
    const start = this.here();
    let end = this.here();
    for (;;) {
      this.cache(4);
      if (this.atDocumentIndicator()) break;
      if (this.is('#')) break;
      while (!this.isBlankZ()) {
        // `: ` ends a plain scalar, and in a flow collection so do `,?[]{}`.
        if ((this.is(':') && this.isBlankZ(1)) || (this.flowLevel > 0 && ',?[]{}'.includes(String.fromCodePoint(this.ch())))) break;
        s += takeFolded(f);
        s = this.read(s);
        end = this.here();
        this.cache(2);
      }
      if (!(this.isBlank() || this.isBreak())) break;
      this.cache(1);
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank() && f.leadingBlanks && this.mark.column < indent && this.is('\t')) {
          throw this.scannerError(start, 'found a tab character that violates indentation');
        }
        this.foldBlank(f);
        this.cache(1);
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    // A plain scalar that ran onto a new line leaves the scanner where a simple key may start.
    if (f.leadingBlanks) this.simpleKeyAllowed = true;
    return this.token('scalar', start, end, { value: s, style: 'plain' });
  }
}

// The whitespace between the words of a flow or plain scalar, as the scanners gather it (go-yaml's
// leading_break, trailing_breaks, whitespaces and leading_blanks).
interface Fold { leadingBreak: string; trailingBreaks: string; whitespaces: string; leadingBlanks: boolean }

const newFold = (): Fold => ({ leadingBreak: '', trailingBreaks: '', whitespaces: '', leadingBlanks: false });

// What the gathered whitespace adds to the scalar: line folding (one break is a space, more are kept as breaks) or
// the blanks themselves; the state is then emptied.
function takeFolded(f: Fold): string {
  if (!f.leadingBlanks) {
    const out = f.whitespaces;
    f.whitespaces = '';
    return out;
  }
  const out = f.leadingBreak.startsWith('\n') ? (f.trailingBreaks === '' ? ' ' : f.trailingBreaks) : f.leadingBreak + f.trailingBreaks;
  f.leadingBreak = '';
  f.trailingBreaks = '';
  f.leadingBlanks = false;
  return out;
}

// ---- parser

type EventType =
  | 'stream-start' | 'stream-end' | 'document-start' | 'document-end' | 'alias' | 'scalar' | 'sequence-start'
  | 'sequence-end' | 'mapping-start' | 'mapping-end';

interface YamlEvent {
  type: EventType;
  start: Mark;
  anchor: string;
  tag: string;
  value: string;
  /** A plain scalar without a tag, or with the non-specific tag `!`: its type is resolved from its text. */
  implicit: boolean;
}

type State =
  | 'stream-start' | 'implicit-document-start' | 'document-start' | 'document-content' | 'document-end' | 'block-node'
  | 'block-node-or-indentless-sequence' | 'flow-node' | 'block-sequence-first-entry' | 'block-sequence-entry'
  | 'indentless-sequence-entry' | 'block-mapping-first-key' | 'block-mapping-key' | 'block-mapping-value'
  | 'flow-sequence-first-entry' | 'flow-sequence-entry' | 'flow-sequence-entry-mapping-key'
  | 'flow-sequence-entry-mapping-value' | 'flow-sequence-entry-mapping-end' | 'flow-mapping-first-key'
  | 'flow-mapping-key' | 'flow-mapping-value' | 'flow-mapping-empty-value' | 'end';

const DEFAULT_TAG_DIRECTIVES: ReadonlyArray<[string, string]> = [['!', '!'], ['!!', 'tag:yaml.org,2002:']];

/** The parser: libyaml's LL(1) state machine, one event per call. */
class Parser {
  private state: State = 'stream-start';
  private readonly states: State[] = [];
  private readonly marks: Mark[] = [];
  private tagDirectives: Array<[string, string]> = [];

  constructor(private readonly scanner: Scanner) {}

  private error(problem: string, problemMark: Mark, contextMark: Mark | null = null): YamlFailure {
    return failure('parser', problem, problemMark, contextMark);
  }

  private event(type: EventType, start: Mark, extra: Partial<YamlEvent> = {}): YamlEvent {
    return { type, start, anchor: '', tag: '', value: '', implicit: false, ...extra };
  }

  private pop(): State {
    return this.states.pop()!;
  }

  next(): YamlEvent {
    switch (this.state) {
      case 'stream-start': return this.streamStart();
      case 'implicit-document-start': return this.documentStart(true);
      case 'document-start': return this.documentStart(false);
      case 'document-content': return this.documentContent();
      case 'document-end': return this.documentEnd();
      case 'block-node': return this.node(true, false);
      case 'block-node-or-indentless-sequence': return this.node(true, true);
      case 'flow-node': return this.node(false, false);
      case 'block-sequence-first-entry': return this.blockSequenceEntry(true);
      case 'block-sequence-entry': return this.blockSequenceEntry(false);
      case 'indentless-sequence-entry': return this.indentlessSequenceEntry();
      case 'block-mapping-first-key': return this.blockMappingKey(true);
      case 'block-mapping-key': return this.blockMappingKey(false);
      case 'block-mapping-value': return this.blockMappingValue();
      case 'flow-sequence-first-entry': return this.flowSequenceEntry(true);
      case 'flow-sequence-entry': return this.flowSequenceEntry(false);
      case 'flow-sequence-entry-mapping-key': return this.flowSequenceEntryMappingKey();
      case 'flow-sequence-entry-mapping-value': return this.flowSequenceEntryMappingValue();
      case 'flow-sequence-entry-mapping-end': return this.flowSequenceEntryMappingEnd();
      case 'flow-mapping-first-key': return this.flowMappingKey(true);
      case 'flow-mapping-key': return this.flowMappingKey(false);
      case 'flow-mapping-value': return this.flowMappingValue(false);
      case 'flow-mapping-empty-value': return this.flowMappingValue(true);
      case 'end': return this.event('stream-end', { index: 0, line: 0, column: 0 });
    }
  }

  private streamStart(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type !== 'stream-start') throw this.error('did not find expected <stream-start>', t.start);
    this.state = 'implicit-document-start';
    this.scanner.skipToken();
    return this.event('stream-start', t.start);
  }

  private documentStart(implicit: boolean): YamlEvent {
    let t = this.scanner.peek();
    if (!implicit) {
      while (t.type === 'document-end') {
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
    }
    if (implicit && t.type !== 'version-directive' && t.type !== 'tag-directive' && t.type !== 'document-start' && t.type !== 'stream-end') {
      this.processDirectives();
      this.states.push('document-end');
      this.state = 'block-node';
      return this.event('document-start', t.start);
    }
    if (t.type !== 'stream-end') {
      const start = t.start;
      this.processDirectives();
      t = this.scanner.peek();
      if (t.type !== 'document-start') throw this.error('did not find expected <document start>', t.start);
      this.states.push('document-end');
      this.state = 'document-content';
      this.scanner.skipToken();
      return this.event('document-start', start);
    }
    this.state = 'end';
    this.scanner.skipToken();
    return this.event('stream-end', t.start);
  }

  private documentContent(): YamlEvent {
    const t = this.scanner.peek();
    if (['version-directive', 'tag-directive', 'document-start', 'document-end', 'stream-end'].includes(t.type)) {
      this.state = this.pop();
      return this.emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type === 'document-end') this.scanner.skipToken();
    this.tagDirectives = [];
    this.state = 'document-start';
    return this.event('document-end', t.start);
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let t = this.scanner.peek();
    if (t.type === 'alias') {
      this.state = this.pop();
      this.scanner.skipToken();
      return this.event('alias', t.start, { anchor: t.value });
    }
    let start = t.start;
    let anchor = '';
    let tagToken: Token | null = null;
    if (t.type === 'anchor') {
      anchor = t.value;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type === 'tag') {
        tagToken = t;
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
    } else if (t.type === 'tag') {
      tagToken = t;
      start = t.start;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type === 'anchor') {
        anchor = t.value;
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagToken.value === '') {
        tag = tagToken.suffix;
      } else {
        const directive = this.tagDirectives.find(([handle]) => handle === tagToken!.value);
        if (directive) tag = directive[1] + tagToken.suffix;
        if (tag === '') throw this.error('found undefined tag handle', tagToken.start, start);
      }
    }
    const implicit = tag === '';
    if (indentlessSequence && t.type === 'block-entry') {
      this.state = 'indentless-sequence-entry';
      return this.event('sequence-start', start, { anchor, tag, implicit });
    }
    if (t.type === 'scalar') {
      const plainImplicit = (tag === '' && t.style === 'plain') || tag === '!';
      this.state = this.pop();
      this.scanner.skipToken();
      return this.event('scalar', start, { anchor, tag, value: t.value, implicit: plainImplicit });
    }
    if (t.type === 'flow-sequence-start') {
      this.state = 'flow-sequence-first-entry';
      return this.event('sequence-start', start, { anchor, tag, implicit });
    }
    if (t.type === 'flow-mapping-start') {
      this.state = 'flow-mapping-first-key';
      return this.event('mapping-start', start, { anchor, tag, implicit });
    }
    if (block && t.type === 'block-sequence-start') {
      this.state = 'block-sequence-first-entry';
      return this.event('sequence-start', start, { anchor, tag, implicit });
    }
    if (block && t.type === 'block-mapping-start') {
      this.state = 'block-mapping-first-key';
      return this.event('mapping-start', start, { anchor, tag, implicit });
    }
    if (anchor !== '' || tag !== '') {
      // An anchor or tag with nothing after it is an empty scalar.
      this.state = this.pop();
      return this.event('scalar', start, { anchor, tag, implicit });
    }
    throw this.error('did not find expected node content', t.start, start);
  }

  // Past a block indicator (`-`, `?`, `:`): the node that follows it, or an empty scalar at the indicator's end when
  // the next token is one of `stops`; either way the parser goes on in `next`.
  private afterIndicator(stops: readonly TokenType[], next: State, indentless: boolean): YamlEvent {
    const mark = this.scanner.peek().end;
    this.scanner.skipToken();
    if (!stops.includes(this.scanner.peek().type)) {
      this.states.push(next);
      return this.node(true, indentless);
    }
    this.state = next;
    return this.emptyScalar(mark);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    const t = this.scanner.peek();
    if (t.type === 'block-entry') return this.afterIndicator(['block-entry', 'block-end'], 'block-sequence-entry', false);
    if (t.type === 'block-end') {
      this.state = this.pop();
      this.marks.pop();
      this.scanner.skipToken();
      return this.event('sequence-end', t.start);
    }
    throw this.error("did not find expected '-' indicator", t.start, this.marks.pop()!);
  }

  private indentlessSequenceEntry(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type === 'block-entry') return this.afterIndicator(['block-entry', 'key', 'value', 'block-end'], 'indentless-sequence-entry', false);
    this.state = this.pop();
    return this.event('sequence-end', t.start);
  }

  private blockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    const t = this.scanner.peek();
    if (t.type === 'key') return this.afterIndicator(['key', 'value', 'block-end'], 'block-mapping-value', true);
    if (t.type === 'block-end') {
      this.state = this.pop();
      this.marks.pop();
      this.scanner.skipToken();
      return this.event('mapping-end', t.start);
    }
    throw this.error('did not find expected key', t.start, this.marks.pop()!);
  }

  private blockMappingValue(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type === 'value') return this.afterIndicator(['key', 'value', 'block-end'], 'block-mapping-key', true);
    this.state = 'block-mapping-key';
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let t = this.scanner.peek();
    if (t.type !== 'flow-sequence-end') {
      if (!first) {
        if (t.type !== 'flow-entry') throw this.error("did not find expected ',' or ']'", t.start, this.marks.pop()!);
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
      if (t.type === 'key') {
        this.state = 'flow-sequence-entry-mapping-key';
        this.scanner.skipToken();
        return this.event('mapping-start', t.start, { implicit: true });
      }
      if (t.type !== 'flow-sequence-end') {
        this.states.push('flow-sequence-entry');
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    this.scanner.skipToken();
    return this.event('sequence-end', t.start);
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type !== 'value' && t.type !== 'flow-entry' && t.type !== 'flow-sequence-end') {
      this.states.push('flow-sequence-entry-mapping-value');
      return this.node(false, false);
    }
    const mark = t.end;
    this.scanner.skipToken();
    this.state = 'flow-sequence-entry-mapping-value';
    return this.emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type === 'value') {
      this.scanner.skipToken();
      const next = this.scanner.peek();
      if (next.type !== 'flow-entry' && next.type !== 'flow-sequence-end') {
        this.states.push('flow-sequence-entry-mapping-end');
        return this.node(false, false);
      }
    }
    this.state = 'flow-sequence-entry-mapping-end';
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): YamlEvent {
    const t = this.scanner.peek();
    this.state = 'flow-sequence-entry';
    return this.event('mapping-end', t.start);
  }

  private flowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let t = this.scanner.peek();
    if (t.type !== 'flow-mapping-end') {
      if (!first) {
        if (t.type !== 'flow-entry') throw this.error("did not find expected ',' or '}'", t.start, this.marks.pop()!);
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
      if (t.type === 'key') {
        this.scanner.skipToken();
        t = this.scanner.peek();
        if (t.type !== 'value' && t.type !== 'flow-entry' && t.type !== 'flow-mapping-end') {
          this.states.push('flow-mapping-value');
          return this.node(false, false);
        }
        this.state = 'flow-mapping-value';
        return this.emptyScalar(t.start);
      }
      if (t.type !== 'flow-mapping-end') {
        this.states.push('flow-mapping-empty-value');
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    this.scanner.skipToken();
    return this.event('mapping-end', t.start);
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    let t = this.scanner.peek();
    if (empty) {
      this.state = 'flow-mapping-key';
      return this.emptyScalar(t.start);
    }
    if (t.type === 'value') {
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'flow-entry' && t.type !== 'flow-mapping-end') {
        this.states.push('flow-mapping-key');
        return this.node(false, false);
      }
    }
    this.state = 'flow-mapping-key';
    return this.emptyScalar(t.start);
  }

  private emptyScalar(mark: Mark): YamlEvent {
    return this.event('scalar', mark, { implicit: true });
  }

  // The %YAML and %TAG directives before a document (go-yaml takes only YAML 1.1), then the default tag handles.
  private processDirectives(): void {
    let t = this.scanner.peek();
    let version = false;
    while (t.type === 'version-directive' || t.type === 'tag-directive') {
      if (t.type === 'version-directive') {
        if (version) throw this.error('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) throw this.error('found incompatible YAML document', t.start);
        version = true;
      } else {
        this.appendTagDirective(t.value, t.prefix, false, t.start);
      }
      this.scanner.skipToken();
      t = this.scanner.peek();
    }
    for (const [handle, prefix] of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(handle, prefix, true, t.start);
  }

  private appendTagDirective(handle: string, prefix: string, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some(([h]) => h === handle)) {
      if (allowDuplicates) return;
      throw this.error('found duplicate %TAG directive', mark);
    }
    this.tagDirectives.push([handle, prefix]);
  }
}

// ---- composing and decoding (decode.go)

interface Node {
  kind: 'document' | 'mapping' | 'sequence' | 'scalar' | 'alias';
  value: string;
  tag: string;
  implicit: boolean;
  children: Node[];
  alias: Node | null;
}

const LONG_TAG = 'tag:yaml.org,2002:';
const STR_TAG = `${LONG_TAG}str`;
const INT_TAG = `${LONG_TAG}int`;
const FLOAT_TAG = `${LONG_TAG}float`;
const BOOL_TAG = `${LONG_TAG}bool`;
const NULL_TAG = `${LONG_TAG}null`;
const TIMESTAMP_TAG = `${LONG_TAG}timestamp`;
const BINARY_TAG = `${LONG_TAG}binary`;
const MERGE_TAG = `${LONG_TAG}merge`;

const fail = (message: string): YamlFailure => new YamlFailure(`yaml: ${message}`);

/**
 * yaml.Unmarshal's own parser: it reads the events of the first document into nodes, failing on an alias whose
 * anchor was not defined before it (anchors are looked up as the alias is met, so a later definition does not count).
 */
class Composer {
  private pending: YamlEvent | null = null;
  private started = false;
  private anchors = new Map<string, Node>();

  constructor(private readonly parser: Parser) {}

  private peek(): YamlEvent {
    if (!this.pending) this.pending = this.parser.next();
    return this.pending;
  }

  private expect(): void {
    if (this.peek().type === 'stream-end') throw fail('attempted to go past the end of stream; corrupted value?');
    this.pending = null;
  }

  private node(kind: Node['kind'], e: YamlEvent): Node {
    const n: Node = { kind, value: e.value, tag: e.tag, implicit: e.implicit, children: [], alias: null };
    if (e.anchor !== '' && kind !== 'alias') this.anchors.set(e.anchor, n);
    return n;
  }

  // The first document's root node. go-yaml recurses here; nesting 10000 deep is legal (the scanner stops at the
  // next level), deeper than JavaScript's stack allows, so the open collections are kept on a list instead.
  parse(): Node | null {
    if (!this.started) {
      this.expect();
      this.started = true;
    }
    const first = this.peek();
    if (first.type === 'stream-end') return null;
    if (first.type !== 'document-start') throw fail(`attempted to parse unknown event: ${first.type}`);
    const doc = this.node('document', first);
    this.anchors = new Map();
    this.expect();
    const open: Node[] = [];
    const add = (n: Node): void => {
      if (open.length > 0) open[open.length - 1]!.children.push(n);
      else doc.children.push(n);
    };
    do {
      const e = this.peek();
      switch (e.type) {
        case 'scalar':
          add(this.node('scalar', e));
          break;
        case 'alias': {
          const n = this.node('alias', e);
          n.value = e.anchor;
          n.alias = this.anchors.get(e.anchor) ?? null;
          if (!n.alias) throw fail(`unknown anchor '${e.anchor}' referenced`);
          add(n);
          break;
        }
        case 'mapping-start':
        case 'sequence-start': {
          const n = this.node(e.type === 'mapping-start' ? 'mapping' : 'sequence', e);
          add(n);
          open.push(n);
          break;
        }
        case 'mapping-end':
        case 'sequence-end':
          open.pop();
          break;
        default:
          throw fail(`attempted to parse unknown event: ${e.type}`);
      }
      this.expect();
    } while (open.length > 0);
    this.expect();
    return doc;
  }
}

/** A decoded value with Go's dynamic type, as far as the errors that print one need it. */
type GoValue =
  | { t: 'nil' } | { t: 'str'; v: string } | { t: 'int'; v: bigint } | { t: 'float'; v: number } | { t: 'bool'; v: boolean }
  | { t: 'seq'; v: GoValue[] } | { t: 'map'; v: Array<[GoValue, GoValue]> };

const NIL: GoValue = { t: 'nil' };

const RESOLVE_MAP: Record<string, GoValue & { tag: string }> = {};
for (const [words, value] of [
  ['y Y yes Yes YES true True TRUE on On ON', { t: 'bool', v: true, tag: BOOL_TAG }],
  ['n N no No NO false False FALSE off Off OFF', { t: 'bool', v: false, tag: BOOL_TAG }],
  ['~ null Null NULL', { t: 'nil', tag: NULL_TAG }],
  ['.nan .NaN .NAN', { t: 'float', v: NaN, tag: FLOAT_TAG }],
  ['.inf .Inf .INF +.inf +.Inf +.INF', { t: 'float', v: Infinity, tag: FLOAT_TAG }],
  ['-.inf -.Inf -.INF', { t: 'float', v: -Infinity, tag: FLOAT_TAG }],
  ['<<', { t: 'str', v: '<<', tag: MERGE_TAG }],
] as const) {
  for (const w of words.split(' ')) RESOLVE_MAP[w] = value as GoValue & { tag: string };
}
RESOLVE_MAP[''] = { t: 'nil', tag: NULL_TAG };

const shortTag = (tag: string): string => (tag.startsWith(LONG_TAG) ? `!!${tag.slice(LONG_TAG.length)}` : tag);
const FLOAT_STYLE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

// strconv.ParseInt(s, 0, 64) (base from the prefix, a leading 0 meaning octal), as a bigint, or null.
function parseGoInt(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const body = m[2]!;
  const digits = /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  const v = BigInt(digits.replace(/^0([XOB])/, (_, p: string) => `0${p.toLowerCase()}`));
  const signed = m[1] === '-' ? -v : v;
  if (signed >= -(2n ** 63n) && signed < 2n ** 63n) return signed;
  return m[1] !== '-' && signed < 2n ** 64n ? signed : null;
}

// go-yaml's timestamp forms: a date, or a date and time (with `T`, `t` or a space; a zone only after `T`/`t`).
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]!) return false;
  if (m[4] === undefined) return true;
  if (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7]) > 59) return false;
  return m[4] === ' ' ? m[9] === undefined : m[9] !== undefined;
}

// resolve.go: the tag and value a scalar's text resolves to under `tag` ("" for an untagged plain scalar), failing
// as go-yaml does when an explicit tag does not fit the text.
function resolve(tag: string, text: string): { tag: string; value: GoValue } {
  if (!['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG].includes(tag)) return { tag, value: { t: 'str', v: text } };
  const got = resolveText(tag, text);
  if (tag === '' || tag === got.tag || tag === STR_TAG || tag === BINARY_TAG) return got;
  if (tag === FLOAT_TAG && got.tag === INT_TAG && got.value.t === 'int') return { tag: FLOAT_TAG, value: { t: 'float', v: Number(got.value.v) } };
  throw fail(`cannot decode ${shortTag(got.tag)} \`${text}\` as a ${shortTag(tag)}`);
}

function resolveText(tag: string, text: string): { tag: string; value: GoValue } {
  const str = { tag: STR_TAG, value: { t: 'str', v: text } as GoValue };
  const first = text === '' ? 'N' : text[0]!;
  const hint = text === '' ? 'N' : first === '+' || first === '-' ? 'S' : isDigitChar(code(first)) ? 'D' : 'yYnNtTfFoO~'.includes(first) ? 'M' : first === '.' ? '.' : '';
  if (hint === '' || tag === STR_TAG || tag === BINARY_TAG) return str;
  const known = RESOLVE_MAP[text];
  if (known) {
    const { tag: t, ...value } = known;
    return { tag: t, value: value as GoValue };
  }
  if (hint === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return { tag: FLOAT_TAG, value: { t: 'float', v: Number(text) } };
  } else if (hint === 'D' || hint === 'S') {
    if ((tag === '' || tag === TIMESTAMP_TAG) && isTimestamp(text)) return { tag: TIMESTAMP_TAG, value: { t: 'str', v: text } };
    const plain = text.replace(/_/g, '');
    const int = parseGoInt(plain);
    if (int !== null) return { tag: INT_TAG, value: { t: 'int', v: int } };
    if (FLOAT_STYLE.test(plain)) return { tag: FLOAT_TAG, value: { t: 'float', v: Number(plain) } };
    const bin = /^(-?)0b([01]+)$/.exec(plain);
    if (bin) return { tag: INT_TAG, value: { t: 'int', v: (bin[1] ? -1n : 1n) * BigInt(`0b${bin[2]}`) } };
  }
  return str;
}

// Go's strconv.FormatFloat(f, 'g', -1, 64), as %v and %#v print a float64.
function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, e] = f.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

// Go's %#v of a value held in an interface{} (as fmt prints a map, its keys sorted).
function goSharp(v: GoValue, inInterface = false): string {
  switch (v.t) {
    case 'nil': return inInterface ? 'interface {}(nil)' : '<nil>';
    case 'str': return goQuote(v.v);
    case 'int': return String(v.v);
    case 'float': return goFloat(v.v);
    case 'bool': return String(v.v);
    case 'seq': return `[]interface {}{${v.v.map((x) => goSharp(x, true)).join(', ')}}`;
    case 'map': {
      const entries = [...v.v].sort(([a], [b]) => compareKeys(a, b));
      return `map[interface {}]interface {}{${entries.map(([k, x]) => `${goSharp(k, true)}:${goSharp(x, true)}`).join(', ')}}`;
    }
  }
}

function compareKeys(a: GoValue, b: GoValue): number {
  if (a.t === 'str' && b.t === 'str') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.t === 'int' && b.t === 'int') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.t === 'float' && b.t === 'float') return a.v - b.v;
  return 0;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// The bytes of standard base64 text (already checked against BASE64); written out because the engine's type world
// (it runs in a worker too) declares no atob.
function base64Bytes(text: string): Uint8Array {
  const digits = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let bits = 0, acc = 0, n = 0;
  for (const ch of digits) {
    acc = (acc << 6) | BASE64_DIGITS.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[n++] = (acc >> bits) & 0xff; }
  }
  return out;
}

/**
 * decode.go's decoder into an interface{}: what can still fail once the document parsed (an alias inside its own
 * anchor, a merge of something that is no map, a collection as a map key, an explicit tag its text does not fit).
 */
class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly active = new Set<Node>();

  unmarshal(n: Node): GoValue {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw fail('document contains excessive aliasing');
    }
    switch (n.kind) {
      case 'document': return n.children.length === 1 ? this.unmarshal(n.children[0]!) : NIL;
      case 'alias': {
        if (this.active.has(n)) throw fail(`anchor '${n.value}' value contains itself`);
        this.active.add(n);
        this.aliasDepth++;
        const v = this.unmarshal(n.alias!);
        this.aliasDepth--;
        this.active.delete(n);
        return v;
      }
      case 'scalar': return this.scalar(n);
      case 'sequence': return { t: 'seq', v: n.children.map((c) => this.unmarshal(c)) };
      case 'mapping': return this.mapping(n);
    }
  }

  private scalar(n: Node): GoValue {
    if (n.tag === '' && !n.implicit) return { t: 'str', v: n.value };
    const r = resolve(n.tag, n.value);
    if (r.tag === BINARY_TAG) {
      // encoding/base64 skips line breaks, so a block scalar may hold the data.
      const data = n.value.replace(/[\r\n]/g, '');
      if (!BASE64.test(data)) throw fail('!!binary value contains invalid base64 data');
      return { t: 'str', v: new TextDecoder().decode(base64Bytes(data)) };
    }
    return r.value;
  }

  // Merged mappings (`<<`) set their keys into the map where the merge key stands, as go-yaml does.
  private mapping(n: Node): GoValue {
    const entries: Array<[GoValue, GoValue]> = [];
    const set = (k: GoValue, v: GoValue): void => {
      const at = entries.findIndex(([e]) => sameKey(e, k));
      if (at >= 0) entries[at] = [k, v];
      else entries.push([k, v]);
    };
    const mergeFrom = (m: GoValue): void => {
      if (m.t === 'map') for (const [k, v] of m.v) set(k, v);
    };
    for (let i = 0; i < n.children.length; i += 2) {
      const key = n.children[i]!;
      const value = n.children[i + 1]!;
      if (key.kind === 'scalar' && key.value === '<<' && (key.implicit || key.tag === MERGE_TAG)) {
        this.merge(value, mergeFrom);
        continue;
      }
      const k = this.unmarshal(key);
      if (k.t === 'seq' || k.t === 'map') throw fail(`invalid map key: ${goSharp(k)}`);
      set(k, this.unmarshal(value));
    }
    return { t: 'map', v: entries };
  }

  private merge(n: Node, into: (m: GoValue) => void): void {
    const wantMap = (): YamlFailure => fail('map merge requires map or sequence of maps as the value');
    if (n.kind === 'mapping') {
      into(this.unmarshal(n));
    } else if (n.kind === 'alias') {
      if (n.alias && n.alias.kind !== 'mapping') throw wantMap();
      into(this.unmarshal(n));
    } else if (n.kind === 'sequence') {
      // Later maps first, so that the earlier ones win.
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i]!;
        if (c.kind === 'alias') {
          if (c.alias && c.alias.kind !== 'mapping') throw wantMap();
        } else if (c.kind !== 'mapping') {
          throw wantMap();
        }
        into(this.unmarshal(c));
      }
    } else {
      throw wantMap();
    }
  }
}

const sameKey = (a: GoValue, b: GoValue): boolean =>
  a.t === b.t && (a.t === 'nil' || ('v' in a && 'v' in b && a.v === b.v));

/**
 * sigs.k8s.io/yaml's conversion of the decoded value to JSON, after go-yaml: every map key must be a string, number
 * or bool (a null key is refused, worded with Go's %s of a nil type), then encoding/json refuses NaN and infinities.
 * Keys are all checked before any value is encoded.
 */
function jsonConversionError(v: GoValue): string | null {
  const keys = (x: GoValue): string | null => {
    if (x.t === 'seq') {
      for (const e of x.v) {
        const bad = keys(e);
        if (bad) return bad;
      }
    } else if (x.t === 'map') {
      for (const [k, e] of x.v) {
        if (k.t === 'nil') return `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSharp(e)}`;
        const bad = keys(e);
        if (bad) return bad;
      }
    }
    return null;
  };
  const numbers = (x: GoValue): string | null => {
    if (x.t === 'float' && !Number.isFinite(x.v)) return `json: unsupported value: ${goFloat(x.v)}`;
    if (x.t === 'seq' || x.t === 'map') {
      // encoding/json writes a map's entries sorted by key.
      const items = x.t === 'seq' ? x.v : [...x.v].sort(([a], [b]) => jsonKey(a).localeCompare(jsonKey(b))).map(([, e]) => e);
      for (const e of items) {
        const bad = numbers(e);
        if (bad) return bad;
      }
    }
    return null;
  };
  return keys(v) ?? numbers(v);
}

// The JSON key sigs.k8s.io/yaml makes of a scalar key: a float as the shortest text that reads back as the same
// 32-bit float, with YAML's words for infinities and NaN.
function jsonKey(k: GoValue): string {
  if (k.t === 'str') return k.v;
  if (k.t === 'int' || k.t === 'bool') return String(k.v);
  if (k.t !== 'float') return '';
  if (Number.isNaN(k.v)) return '.nan';
  if (!Number.isFinite(k.v)) return k.v > 0 ? '.inf' : '-.inf';
  const f = Math.fround(k.v);
  let p = 1;
  while (p < 9 && Math.fround(Number(f.toPrecision(p))) !== f) p++;
  return goFloat(Number(f.toPrecision(p)));
}

// Past 400000 decoded nodes, the share of them reached through aliases that go-yaml tolerates falls from 99% to 10%.
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400000) return 0.99;
  if (decodeCount >= 4000000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400000) / 3600000);
}

/**
 * The error go-yaml v2's yaml.Unmarshal returns for one document's text (as kubectl's YAMLReader split it), e.g.
 * `yaml: line 4: did not find expected key`, or null when it reads the document without complaint.
 */
export function goYamlSyntaxError(doc: string): string | null {
  const r = unmarshal(doc);
  return 'error' in r ? r.error : null;
}

/**
 * What sigs.k8s.io/yaml's YAMLToJSON says of one document, as kubectl prints it after `error converting YAML to
 * JSON: `: go-yaml's error, or the conversion's (`json: unsupported value: NaN`, a null map key), or null.
 */
export function yamlToJsonError(doc: string): string | null {
  const r = yamlToJson(doc);
  return 'error' in r ? r.error : null;
}

/** YAMLToJSON of one document: its JSON value (null for an empty document), or the error text. */
export function yamlToJson(doc: string): { error: string } | { value: unknown } {
  const r = unmarshal(doc);
  if ('error' in r) return r;
  if (!r.value) return { value: null };
  const bad = jsonConversionError(r.value);
  return bad !== null ? { error: bad } : { value: toJson(r.value) };
}

// The JSON value of a decoded one: map keys become strings (numbers and bools as sigs.k8s.io/yaml writes them).
function toJson(v: GoValue): unknown {
  switch (v.t) {
    case 'nil': return null;
    case 'str': case 'bool': case 'float': return v.v;
    case 'int': return Number(v.v);
    case 'seq': return v.v.map(toJson);
    case 'map': return Object.fromEntries(v.v.map(([k, e]) => [jsonKey(k), toJson(e)]));
  }
}

function unmarshal(doc: string): { error: string } | { value: GoValue | null } {
  try {
    const composer = new Composer(new Parser(new Scanner(doc === '' ? '\n' : doc)));
    const root = composer.parse();
    return { value: root ? decode(root) : null };
  } catch (e) {
    if (e instanceof YamlFailure) return { error: e.text };
    throw e;
  }
}

// The decoder recurses as go-yaml's does; a document nested deeper than JavaScript's stack allows is taken as decoding
// without complaint (go-yaml has no such limit, and the checks it would miss are for rare shapes).
function decode(root: Node): GoValue | null {
  try {
    return new Decoder().unmarshal(root);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}
