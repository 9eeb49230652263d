// The words and tokens of the small shell's scripts (see shell-parse.ts): quotes, `$VAR`, `${…}` and its operators,
// `$(…)`, backquotes and `$((…))` in a word, the operators between words, and here-documents, whose bodies the lexer
// reads at the newline after their operator.

/** One piece of a word: literal text, a parameter, or a command substitution; `quoted` stops field splitting and globbing. */
export type Part =
  | { t: 'lit'; s: string; quoted: boolean }
  | { t: 'var'; name: string; quoted: boolean }
  | ParamPart
  | { t: 'bad'; src: string; quoted: boolean }
  | { t: 'cmd'; src: string; quoted: boolean }
  | { t: 'arith'; src: string; quoted: boolean };

/**
 * The operators of `${NAME<op>word}`: a default, assignment, alternative or error when NAME is unset (with `:`,
 * also when empty); `#len` for `${#NAME}`; the shortest or longest prefix or suffix a pattern removes; and bash's
 * and BusyBox's `/` replacements and `:offset:length` substrings (which dash calls a bad substitution).
 */
export type ParamOp = '#len' | '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#' | '##' | '%' | '%%' | '/' | '//' | '/#' | '/%' | ':sub';

/** `${NAME<op>word}`: `word` (and `repl` after a replacement's `/`), or `off` and `len` of a substring; `src` as written. */
export interface ParamPart { t: 'param'; name: string; op: ParamOp; word?: Word; repl?: Word; off?: string; len?: string; quoted: boolean; src: string }

export interface Word { parts: Part[] }

/** Why a script could not be parsed. */
export type ParseFailure =
  | { kind: 'unterminated'; quote: string; line: number }
  | {
    kind: 'unexpected'; token: string; line: number; expecting?: string;
    /** dash and BusyBox ash call the token a word. */ asWord?: true;
    /** dash and BusyBox ash name the token without quotes (`redirection`). */ bare?: true;
    /** A redirection's word was due (bash blames the newline it reads at the end of the script). */ wantsWord?: true;
  }
  | { kind: 'unmodelled'; what: string; line: number };


/** A here-document's body as the lexer read it (undefined: no line came after its operator), and how it ended. */
export interface HereDoc { body?: Word; unterminated?: Unterminated }

/** A here-document the end of the script cut short: the line it started on, the line the script ended on, its delimiter. */
export interface Unterminated { line: number; eof: number; delim: string }

// Each token with its offsets in the script (`start` inclusive, `end` exclusive); a `<<` or `<<-` carries its here-document (doc).
export type Tok = ({ k: 'word'; w: Word; raw: string; line: number } | { k: 'op'; op: string; line: number; doc?: HereDoc }) & { start: number; end: number };

/** Reads `$(…)` from position i (just after `$(`), returning its source and the index after `)`. */
function readParen(src: string, i: number): { body: string; end: number } | undefined {
  let depth = 1;
  let q = '';
  for (let j = i; j < src.length; j++) {
    const ch = src[j];
    if (q) { if (ch === q) q = ''; else if (ch === '\\' && q === '"') j++; continue; }
    if (ch === "'" || ch === '"') q = ch;
    else if (ch === '\\') j++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return { body: src.slice(i, j), end: j + 1 };
  }
  return undefined;
}

/**
 * Reads `${…}` from position i (just after `${`) to its matching `}`, past quotes, escapes, `$(…)` and nested
 * `${…}`: its body and the index after `}`.
 */
function readBrace(src: string, i: number): { body: string; end: number } | undefined {
  for (let j = i; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') { j++; continue; }
    if (ch === "'") { const close = src.indexOf("'", j + 1); if (close < 0) return undefined; j = close; continue; }
    if (ch === '"') {
      for (j++; j < src.length && src[j] !== '"'; j++) if (src[j] === '\\') j++;
      if (j >= src.length) return undefined;
      continue;
    }
    if (ch === '$' && src[j + 1] === '(') { const r = readParen(src, j + 2); if (!r) return undefined; j = r.end - 1; continue; }
    if (ch === '$' && src[j + 1] === '{') { const r = readBrace(src, j + 2); if (!r) return undefined; j = r.end - 1; continue; }
    if (ch === '}') return { body: src.slice(i, j), end: j + 1 };
  }
  return undefined;
}

// A name, an element of an array (`BASH_REMATCH[1]`, bash's), a positional parameter or a special one.
const PARAM_NAME = /^([A-Za-z_][A-Za-z0-9_]*\[[0-9]+\]|[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$!@*-])/;
const PARAM_OP = /^(:[-=+?]|[-=+?]|##|#|%%|%|\/\/|\/#|\/%|\/|:)/;

// The index of the first `/` of a replacement's text that is not quoted or escaped (-1: none).
function replacementSlash(text: string): number {
  let q = '';
  for (let j = 0; j < text.length; j++) {
    const ch = text[j];
    if (q) { if (ch === q) q = ''; else if (ch === '\\' && q === '"') j++; continue; }
    if (ch === "'" || ch === '"') q = ch;
    else if (ch === '\\') j++;
    else if (ch === '/') return j;
  }
  return -1;
}

/** The part a `${…}` body makes: a parameter, one with an operator and its word, or a bad substitution. */
function parseBrace(body: string, quoted: boolean, line: number): Part | ParseFailure {
  const src = `\${${body}}`;
  const bad: Part = { t: 'bad', src, quoted };
  if (body.length > 1 && body[0] === '#') {
    const m = PARAM_NAME.exec(body.slice(1));
    return m && m[1].length === body.length - 1 ? { t: 'param', name: m[1], op: '#len', quoted, src } : bad;
  }
  const m = PARAM_NAME.exec(body);
  if (!m) return bad;
  const name = m[1];
  const rest = body.slice(name.length);
  if (!rest) return { t: 'var', name, quoted };
  const o = PARAM_OP.exec(rest);
  if (!o) return bad;
  const op = o[1];
  const text = rest.slice(op.length);
  // In double quotes, the word of a default, assignment, alternative or error operator takes a `'` as it is.
  const literalSingle = quoted && /^:?[-=+?]$/.test(op);
  const word = (t: string): Word | ParseFailure => {
    const r = scanWord(t, 0, line, literalSingle ? 'inner-dq' : 'inner');
    return 'kind' in r ? r : { parts: r.parts };
  };
  if (op === ':') {
    const colon = text.indexOf(':');
    return { t: 'param', name, op: ':sub', off: colon < 0 ? text : text.slice(0, colon), len: colon < 0 ? undefined : text.slice(colon + 1), quoted, src };
  }
  if (op[0] === '/') {
    const slash = replacementSlash(text);
    const w = word(slash < 0 ? text : text.slice(0, slash));
    if ('kind' in w) return w;
    const r = slash < 0 ? undefined : word(text.slice(slash + 1));
    if (r && 'kind' in r) return r;
    return { t: 'param', name, op: op as ParamOp, word: w, repl: r, quoted, src };
  }
  const w = word(text);
  if ('kind' in w) return w;
  return { t: 'param', name, op: op as ParamOp, word: w, quoted, src };
}

/**
 * Reads one word from position i: up to an unquoted blank or operator; with `inner` (the word of a `${…}` operator)
 * to the end of the text, `inner-dq` the same inside double quotes, where a `'` is a plain character; with `heredoc`
 * (the body of an unquoted here-document) to the end too, read as inside double quotes that never close: `"` is a
 * plain character and a backslash quotes only `$`, `` ` ``, `\` and a newline. In bash's here-documents an unclosed
 * `${` is a bad substitution when it is expanded, not a syntax error; bash and BusyBox read `$'…'` (dollarQuoted).
 * Its parts, the index after it and the line it ends on.
 */
function scanWord(src: string, i: number, line: number, mode: 'word' | 'inner' | 'inner-dq' | 'heredoc', dialect: Dialect = 'dash'):
  { parts: Part[]; end: number; line: number } | ParseFailure {
  const lazyBrace = mode === 'heredoc' && dialect === 'bash';
  const parts: Part[] = [];
  let lit = '';
  const flush = (quoted: boolean): void => { if (lit) parts.push({ t: 'lit', s: lit, quoted }); lit = ''; };
  const dollar = (quoted: boolean): ParseFailure | undefined => {
    // At src[i] === '$'.
    const next = src[i + 1];
    if (next === '(') {
      const r = readParen(src, i + 2);
      if (src[i + 2] === '(') {
        // `$((…))`: the body read as `(…)` inside `$( )`.
        if (!r || !r.body.endsWith(')')) return { kind: 'unterminated', quote: '((', line };
        flush(quoted); parts.push({ t: 'arith', src: r.body.slice(1, -1), quoted }); i = r.end; return undefined;
      }
      if (!r) return { kind: 'unterminated', quote: '(', line };
      flush(quoted); parts.push({ t: 'cmd', src: r.body, quoted }); i = r.end; return undefined;
    }
    if (next === '{') {
      const r = readBrace(src, i + 2);
      if (!r && lazyBrace) { flush(quoted); parts.push({ t: 'bad', src: src.slice(i), quoted }); i = src.length; return undefined; }
      if (!r) return { kind: 'unterminated', quote: '{', line };
      const part = parseBrace(r.body, quoted, line);
      if ('kind' in part) return part;
      flush(quoted); parts.push(part); i = r.end; return undefined;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9@*!-])/.exec(src.slice(i + 1));
    if (!m) { lit += '$'; i++; return undefined; }
    flush(quoted); parts.push({ t: 'var', name: m[1], quoted }); i += 1 + m[1].length; return undefined;
  };
  // Double-quoted text from i, up to its closing `"` (`closing`: the index is past it after) or the end of the text.
  const doubleQuoted = (closing: boolean): ParseFailure | undefined => {
    const escapable = closing ? '$`"\\\n' : '$`\\\n';
    while (i < src.length) {
      const d = src[i];
      if (d === '"' && closing) { i++; flush(true); return undefined; }
      if (d === '\\' && escapable.includes(src[i + 1] ?? '')) {
        if (src[i + 1] === '\n') line++; else lit += src[i + 1];
        i += 2;
        continue;
      }
      if (d === '$') { const f = dollar(true); if (f) return f; continue; }
      if (d === '`') {
        const close = src.indexOf('`', i + 1);
        if (close < 0) return { kind: 'unterminated', quote: '`', line };
        flush(true); parts.push({ t: 'cmd', src: src.slice(i + 1, close), quoted: true }); i = close + 1; continue;
      }
      if (d === '\n') line++;
      lit += d; i++;
    }
    if (closing) return { kind: 'unterminated', quote: '"', line };
    flush(true);
    return undefined;
  };
  if (mode === 'heredoc') {
    const f = doubleQuoted(false);
    return f ?? { parts, end: i, line };
  }
  const inner = mode !== 'word';
  while (i < src.length && (inner || !' \t\n;&|()<>'.includes(src[i]))) {
    const c = src[i];
    if (c === "'" && mode !== 'inner-dq') {
      const close = src.indexOf("'", i + 1);
      if (close < 0) return { kind: 'unterminated', quote: "'", line };
      flush(false); parts.push({ t: 'lit', s: src.slice(i + 1, close), quoted: true });
      line += src.slice(i, close).split('\n').length - 1;
      i = close + 1;
    } else if (c === '"') {
      flush(false);
      i++;
      parts.push({ t: 'lit', s: '', quoted: true }); // "" is an (empty) word
      const f = doubleQuoted(true);
      if (f) return f;
    } else if (c === '\\') {
      flush(false); if (i + 1 < src.length) parts.push({ t: 'lit', s: src[i + 1], quoted: true }); i += 2;
    } else if (c === '$' && src[i + 1] === "'" && dialect !== 'dash') {
      const r = dollarQuoted(src, i + 2, dialect);
      if (!r) return { kind: 'unterminated', quote: "'", line };
      flush(false); parts.push({ t: 'lit', s: r.text, quoted: true });
      line += src.slice(i, r.end).split('\n').length - 1;
      i = r.end;
    } else if (c === '$') {
      const f = dollar(false); if (f) return f;
    } else if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) return { kind: 'unterminated', quote: '`', line };
      flush(false); parts.push({ t: 'cmd', src: src.slice(i + 1, close), quoted: false }); i = close + 1;
    } else { if (c === '\n') line++; lit += c; i++; }
  }
  flush(false);
  return { parts, end: i, line };
}

/**
 * The parameters, command substitutions and arithmetic in a text that is expanded as if in double quotes without
 * the quotes (the body of `$((…))`), as a word; a syntax error in them as a failure.
 */
export function expansionWord(src: string): Word | ParseFailure {
  const w = scanWord(src, 0, 1, 'heredoc');
  return 'kind' in w ? w : { parts: w.parts };
}

/** Whose grammar a script is read with: dash's, bash's or BusyBox ash's. */
export type Dialect = 'dash' | 'bash' | 'ash';

// The escapes of `$'…'` both bash and BusyBox know, by letter.
const C_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/**
 * `$'…'` from `i` (just after `$'`), as bash and BusyBox ash read it: the C escapes, octal `\nnn` and hex `\xHH`;
 * bash also `\e`, `\E`, `\cX` and `\uHHHH` (a character outside ASCII, which the C locale cannot hold, comes out
 * as bash writes it, `\u00E9`). Another backslash stays as it is. Its text and the index after the closing quote.
 */
function dollarQuoted(src: string, i: number, dialect: Dialect): { text: string; end: number } | undefined {
  let text = '';
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === "'") return { text, end: i + 1 };
    if (c !== '\\' || i + 1 >= src.length) { text += c; continue; }
    const e = src[++i];
    const octal = /^[0-7]{1,3}/.exec(src.slice(i));
    const hex = e === 'x' ? /^[0-9A-Fa-f]{1,2}/.exec(src.slice(i + 1)) : null;
    const uni = e === 'u' || e === 'U' ? new RegExp(`^[0-9A-Fa-f]{1,${e === 'u' ? 4 : 8}}`).exec(src.slice(i + 1)) : null;
    if (C_ESCAPES[e] !== undefined) text += C_ESCAPES[e];
    else if (octal) { text += String.fromCharCode(parseInt(octal[0], 8) & 255); i += octal[0].length - 1; }
    else if (hex) { text += String.fromCharCode(parseInt(hex[0], 16)); i += hex[0].length; }
    else if (dialect === 'bash' && (e === 'e' || e === 'E')) text += '\x1b';
    else if (dialect === 'bash' && e === 'c' && i + 1 < src.length) text += String.fromCharCode(src[++i].toUpperCase().charCodeAt(0) & 31);
    else if (dialect === 'bash' && uni) {
      const n = parseInt(uni[0], 16);
      text += n < 0x80 ? String.fromCharCode(n) : `\\${e}${n.toString(16).toUpperCase().padStart(e === 'u' ? 4 : 8, '0')}`;
      i += uni[0].length;
    } else text += `\\${e}`;
  }
  return undefined;
}

/** A text read as one word to its end, quotes and all (the right of bash's `=~`). */
export function scanWordText(src: string, line: number): Word | ParseFailure {
  const w = scanWord(src, 0, line, 'inner');
  return 'kind' in w ? w : { parts: w.parts };
}

/** Splits a script into tokens. */
export function lex(src: string, dialect: Dialect = 'dash'): Tok[] | ParseFailure {
  const out: Tok[] = [];
  let line = 1;
  let i = 0;
  // Here-document operators whose bodies start at the next newline: the operator's token and its index in `out`.
  let pending: Array<{ tok: Tok & { k: 'op' }; at: number }> = [];
  // Reads the body of each pending here-document from i (just past a newline), in order.
  const bodies = (): ParseFailure | undefined => {
    for (const { tok, at } of pending) {
      const delimTok = out[at + 1];
      if (delimTok?.k !== 'word') continue; // the parser reports the missing word
      const f = hereDocument(src, i, line, tok.op === '<<-', delimTok, dialect);
      if ('kind' in f) return f;
      tok.doc = f.doc;
      i = f.end;
      line = f.line;
    }
    pending = [];
    return undefined;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (ch === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (ch === '\n') {
      out.push({ k: 'op', op: '\n', line, start: i, end: i + 1 });
      line++; i++;
      const f = bodies();
      if (f) return f;
      continue;
    }
    const three = src.slice(i, i + 3), two = src.slice(i, i + 2);
    if (/^\d<</.test(three)) return { kind: 'unmodelled', what: 'here-documents for another descriptor are', line };
    if (three === '<<<' || two === '<<') {
      const op = three === '<<<' || three === '<<-' ? three : two;
      const tok: Tok & { k: 'op' } = { k: 'op', op, line, start: i, end: i + op.length };
      out.push(tok);
      if (op !== '<<<') pending.push({ tok, at: out.length - 1 });
      i += op.length;
      continue;
    }
    if (/^\d?>>/.test(src.slice(i, i + 3)) || /^\d?>&\d/.test(src.slice(i, i + 4)) || /^\d?[<>]/.test(two) || /^&>/.test(two)) {
      const m = /^(\d?)(>>|>&|&>|>|<)/.exec(src.slice(i))!;
      out.push({ k: 'op', op: m[0], line, start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if (two === '&&' || two === '||' || two === ';;') { out.push({ k: 'op', op: two, line, start: i, end: i + 2 }); i += 2; continue; }
    if (ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') { out.push({ k: 'op', op: ch, line, start: i, end: i + 1 }); i++; continue; }
    // A word: up to an unquoted blank or operator.
    const start = i, startLine = line;
    const w = scanWord(src, i, line, 'word', dialect);
    if ('kind' in w) return w;
    i = w.end;
    line = w.line;
    const parts = w.parts;
    out.push({ k: 'word', w: { parts }, raw: src.slice(start, i), line: startLine, start, end: i });
  }
  // Here-documents on the last line, with no newline after it: empty, cut short by the end of the script.
  const f = bodies();
  return f ?? out;
}

/**
 * Reads a here-document's body from `i` (the line after its operator's) up to the line that is its delimiter
 * (`strip`, for `<<-`: leading tabs off every line, the delimiter's too), or the end of the script. A quoted
 * delimiter (any quote or backslash in it) leaves the body as it is; else it is expanded as in double quotes.
 */
function hereDocument(src: string, i: number, line: number, strip: boolean, delimTok: Tok & { k: 'word' }, dialect: Dialect):
  { doc: HereDoc; end: number; line: number } | ParseFailure {
  const parts = delimTok.w.parts;
  const delim = parts.every((p) => p.t === 'lit') ? parts.map((p) => (p as { s: string }).s).join('') : delimTok.raw;
  const quoted = parts.some((p) => p.quoted);
  const startLine = line;
  let text = '';
  let terminated = false;
  while (i < src.length) {
    const nl = src.indexOf('\n', i);
    const end = nl < 0 ? src.length : nl;
    const l = strip ? src.slice(i, end).replace(/^\t+/, '') : src.slice(i, end);
    i = nl < 0 ? src.length : nl + 1;
    if (nl >= 0) line++;
    if (l === delim) { terminated = true; break; }
    text += l + (nl < 0 ? '' : '\n');
  }
  let body: Word = { parts: [{ t: 'lit', s: text, quoted: true }] };
  if (!quoted) {
    const w = scanWord(text, 0, startLine, 'heredoc', dialect);
    if ('kind' in w) return w;
    body = { parts: w.parts };
  }
  // The line the script ends on, as bash counts it (its warning names it).
  const unterminated = terminated ? undefined : { line: delimTok.line, eof: src.split('\n').length, delim };
  return { doc: { body, ...(unterminated ? { unterminated } : {}) }, end: i, line };
}

