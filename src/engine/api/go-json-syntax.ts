// The error Go's encoding/json gives for text that is not JSON, as its scanner words it: the first byte it cannot
// take, quoted as Go quotes a character, and where it was (`looking for beginning of value`, `after object key`,
// `in literal null (expecting 'u')`, …), or `unexpected end of JSON input`. Models encoding/json scanner.go.
import { goQuote } from './field-errors.ts';

// quoteChar: a quote is escaped, a double quote is bare, anything else is strconv.Quote'd between single quotes.
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  return `'${goQuote(c).slice(1, -1)}'`;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Go's json.Unmarshal error for `text` when it is not valid JSON, else null. */
export function goJsonSyntaxError(text: string): string | null {
  const r = goJsonScan(text, 0);
  if ('error' in r) return r.error;
  let i = r.end;
  while (i < text.length && isSpace(text[i]!)) i++;
  return i < text.length ? `invalid character ${quoteChar([...text.slice(i)][0]!)} after top-level value` : null;
}

/** The end of input inside a value: json.Unmarshal's text (a Decoder reports io.ErrUnexpectedEOF instead). */
export const JSON_END = 'unexpected end of JSON input';

/**
 * Scans one JSON value from `start` (after any white space), as Go's scanner does: where it ends, or the scanner's
 * error and the index of the character it is about (`JSON_END` at the end of the text).
 */
export function goJsonScan(text: string, start: number): { end: number } | { error: string; at: number } {
  let i = start;
  const fail = (context: string): string => `invalid character ${quoteChar([...text.slice(i)][0]!)} ${context}`;
  const END = JSON_END;
  const skip = (): void => { while (i < text.length && isSpace(text[i]!)) i++; };

  // Each returns an error text, or null having consumed one value.
  const literal = (word: string): string | null => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= text.length) return END;
      if (text[i] !== word[k]) return k === 0 ? fail('looking for beginning of value') : fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    return null;
  };
  const string = (): string | null => {
    i++;
    for (;;) {
      if (i >= text.length) return END;
      const c = text[i]!;
      if (c === '"') { i++; return null; }
      if (c < ' ') return fail('in string literal');
      if (c === '\\') {
        i++;
        if (i >= text.length) return END;
        const e = text[i]!;
        if ('"\\/bfnrt'.includes(e)) { i++; continue; }
        if (e !== 'u') return fail('in string escape code');
        i++;
        for (let k = 0; k < 4; k++, i++) {
          if (i >= text.length) return END;
          if (!/[0-9a-fA-F]/.test(text[i]!)) return fail('in \\u hexadecimal character escape');
        }
        continue;
      }
      i++;
    }
  };
  const number = (): string | null => {
    if (text[i] === '-') { i++; if (i >= text.length) return END; if (!isDigit(text[i]!)) return fail('in numeric literal'); }
    if (text[i] === '0') i++; else while (i < text.length && isDigit(text[i]!)) i++;
    if (text[i] === '.') {
      i++;
      if (i >= text.length) return END;
      if (!isDigit(text[i]!)) return fail('after decimal point in numeric literal');
      while (i < text.length && isDigit(text[i]!)) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= text.length) return END;
      if (!isDigit(text[i]!)) return fail('in exponent of numeric literal');
      while (i < text.length && isDigit(text[i]!)) i++;
    }
    return null;
  };
  const value = (): string | null => {
    skip();
    if (i >= text.length) return END;
    const c = text[i]!;
    if (c === '{') {
      i++; skip();
      if (text[i] === '}') { i++; return null; }
      for (;;) {
        skip();
        if (i >= text.length) return END;
        if (text[i] !== '"') return fail('looking for beginning of object key string');
        const e = string();
        if (e) return e;
        skip();
        if (i >= text.length) return END;
        if (text[i] !== ':') return fail('after object key');
        i++;
        const v = value();
        if (v) return v;
        skip();
        if (i >= text.length) return END;
        if (text[i] === '}') { i++; return null; }
        if (text[i] !== ',') return fail('after object key:value pair');
        i++;
      }
    }
    if (c === '[') {
      i++; skip();
      if (text[i] === ']') { i++; return null; }
      for (;;) {
        const v = value();
        if (v) return v;
        skip();
        if (i >= text.length) return END;
        if (text[i] === ']') { i++; return null; }
        if (text[i] !== ',') return fail('after array element');
        i++;
      }
    }
    if (c === '"') return string();
    if (c === '-' || isDigit(c)) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return fail('looking for beginning of value');
  };
  const e = value();
  return e ? { error: e, at: i } : { end: i };
}
