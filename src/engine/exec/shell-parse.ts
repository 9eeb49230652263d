// The grammar of the small shell that `kubectl exec … -- sh -c '…'` and containers' own scripts run: lists
// joined by `;`, `&&`, `||` and newlines, pipelines, simple commands with assignments and redirections, words
// with single and double quotes, `$VAR`, `${VAR}` and its operators (`${VAR:-word}`, `${#VAR}`, `${VAR##pattern}`
// and the rest), `$?`, `$((…))`, `$(…)` and backquotes, and the compound commands `while`, `until`, `for`, `if`,
// `case` and `{ …; }`, and function definitions. Subshells, background jobs and here-documents are reported as not
// modelled.

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

/** A redirection: `>`/`>>` of a descriptor to a file, `<` from a file, or `N>&M`. */
export interface Redir { fd: number; op: '>' | '>>' | '<' | '>&'; target: Word | number }

export interface Simple { t?: undefined; line: number; assigns: Array<[string, Word]>; words: Word[]; redirs: Redir[] }

/**
 * A compound command: `while`/`until` (cond and body), `for NAME [in WORDS]` (without `in`, the positional
 * parameters, of which the model has none), `if` with its `elif` arms and `else`, `case WORD in` with its arms
 * (patterns joined by `|`), and `{ …; }`.
 */
export type Compound = (
  | { t: 'loop'; until: boolean; cond: AndOr[]; body: AndOr[]; line: number }
  | { t: 'case'; word: Word; arms: Array<{ patterns: Word[]; body: AndOr[] }>; line: number }
  | { t: 'for'; name: string; items: Word[] | undefined; body: AndOr[]; line: number }
  | { t: 'if'; arms: Array<{ cond: AndOr[]; body: AndOr[] }>; otherwise: AndOr[] | undefined; line: number }
  | { t: 'group'; body: AndOr[]; line: number }
) & { /** Redirections of the whole command (`done < file`). */ redirs?: Redir[] };

/** `NAME() COMPOUND`: a function definition, with its text (kept across a container script's pauses). */
export interface FuncDef { t: 'func'; name: string; body: Compound; src: string; line: number }

export type Command = Simple | Compound | FuncDef;
export interface Pipeline { cmds: Command[]; bang: boolean }
/** A pipeline and the `&&`/`||` chain after it. */
export interface AndOr { first: Pipeline; rest: Array<['&&' | '||', Pipeline]> }

/** Why a script could not be parsed. */
export type ParseFailure =
  | { kind: 'unterminated'; quote: string; line: number }
  | { kind: 'unexpected'; token: string; line: number; expecting?: string; asWord?: true }
  | { kind: 'unmodelled'; what: string; line: number };

// Reserved words the model does not run (the ones it does are parsed before a simple command is).
const KEYWORDS = new Set(['function', 'select', '[[']);

// Each token with its offsets in the script (`start` inclusive, `end` exclusive).
type Tok = ({ k: 'word'; w: Word; raw: string; line: number } | { k: 'op'; op: string; line: number }) & { start: number; end: number };

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

const PARAM_NAME = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$!@*-])/;
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
  const word = (t: string): Word | ParseFailure => {
    const r = scanWord(t, 0, line, true);
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
 * Reads one word from position i: up to an unquoted blank or operator, or with `inner` (the word of a `${…}`
 * operator) to the end of the text. Its parts, the index after it and the line it ends on.
 */
function scanWord(src: string, i: number, line: number, inner: boolean): { parts: Part[]; end: number; line: number } | ParseFailure {
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
      if (!r) return { kind: 'unterminated', quote: '{', line };
      const part = parseBrace(r.body, quoted, line);
      if ('kind' in part) return part;
      flush(quoted); parts.push(part); i = r.end; return undefined;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9@*!-])/.exec(src.slice(i + 1));
    if (!m) { lit += '$'; i++; return undefined; }
    flush(quoted); parts.push({ t: 'var', name: m[1], quoted }); i += 1 + m[1].length; return undefined;
  };
  while (i < src.length && (inner || !' \t\n;&|()<>'.includes(src[i]))) {
    const c = src[i];
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) return { kind: 'unterminated', quote: "'", line };
      flush(false); parts.push({ t: 'lit', s: src.slice(i + 1, close), quoted: true });
      line += src.slice(i, close).split('\n').length - 1;
      i = close + 1;
    } else if (c === '"') {
      flush(false);
      i++;
      let closed = false;
      parts.push({ t: 'lit', s: '', quoted: true }); // "" is an (empty) word
      while (i < src.length) {
        const d = src[i];
        if (d === '"') { closed = true; i++; break; }
        if (d === '\\' && '$`"\\\n'.includes(src[i + 1] ?? '')) { lit += src[i + 1] === '\n' ? '' : src[i + 1]; i += 2; continue; }
        if (d === '$') { const f = dollar(true); if (f) return f; continue; }
        if (d === '`') {
          const close = src.indexOf('`', i + 1);
          if (close < 0) return { kind: 'unterminated', quote: '`', line };
          flush(true); parts.push({ t: 'cmd', src: src.slice(i + 1, close), quoted: true }); i = close + 1; continue;
        }
        if (d === '\n') line++;
        lit += d; i++;
      }
      if (!closed) return { kind: 'unterminated', quote: '"', line };
      flush(true);
    } else if (c === '\\') {
      flush(false); if (i + 1 < src.length) parts.push({ t: 'lit', s: src[i + 1], quoted: true }); i += 2;
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

/** Splits a script into tokens. */
function lex(src: string): Tok[] | ParseFailure {
  const out: Tok[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (ch === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (ch === '\n') { out.push({ k: 'op', op: '\n', line, start: i, end: i + 1 }); line++; i++; continue; }
    const three = src.slice(i, i + 3), two = src.slice(i, i + 2);
    if (three === '<<-' || two === '<<') return { kind: 'unmodelled', what: 'here-documents are', line };
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
    const w = scanWord(src, i, line, false);
    if ('kind' in w) return w;
    i = w.end;
    line = w.line;
    const parts = w.parts;
    out.push({ k: 'word', w: { parts }, raw: src.slice(start, i), line: startLine, start, end: i });
  }
  return out;
}

/** Parses a script into its and-or lists, in order. */
export function parseScript(src: string): AndOr[] | ParseFailure {
  const source = src;
  const toks = lex(src);
  if (!Array.isArray(toks)) return toks;
  let i = 0;
  const peekOp = (): string | undefined => { const t = toks[i]; return t?.k === 'op' ? t.op : undefined; };
  // A reserved word counts only where a command starts, and only as a whole unquoted word.
  const peekWord = (): string | undefined => { const t = toks[i]; return t?.k === 'word' ? t.raw : undefined; };
  const tokenText = (): string => {
    const t = toks[i];
    return t === undefined ? 'end of file' : t.k === 'word' ? t.raw : t.op === '\n' ? 'newline' : t.op;
  };
  const lineHere = (): number => toks[i]?.line ?? toks[toks.length - 1]?.line ?? 1;
  const unexpected = (expecting?: string): ParseFailure & { kind: 'unexpected' } => ({ kind: 'unexpected', token: tokenText(), line: lineHere(), expecting });
  const skipNewlines = (): void => { while (peekOp() === '\n') i++; };
  // A redirection at the next token, added to `into`: true when there was one, false when the token is none.
  const readRedir = (into: Redir[]): boolean | ParseFailure => {
    const t = toks[i];
    const m = t?.k === 'op' ? /^(\d?)(>>|>&|&>|>|<)$/.exec(t.op) : null;
    if (!t || !m) return false;
    i++;
    const target = toks[i];
    if (!target || target.k !== 'word') return { kind: 'unexpected', token: target?.k === 'op' ? (target.op === '\n' ? 'newline' : target.op) : 'end of file', line: t.line };
    i++;
    if (m[2] === '&>') { into.push({ fd: 1, op: '>', target: target.w }, { fd: 2, op: '>&', target: 1 }); return true; }
    const fd = m[1] ? Number(m[1]) : m[2] === '<' ? 0 : 1;
    if (m[2] === '>&') {
      if (!/^\d$/.test(target.raw)) return { kind: 'unmodelled', what: `the redirection >&${target.raw} is`, line: t.line };
      into.push({ fd, op: '>&', target: Number(target.raw) });
    } else into.push({ fd, op: m[2] as Redir['op'], target: target.w });
    return true;
  };
  const simple = (): Simple | ParseFailure => {
    const line = toks[i]?.line ?? 1;
    const cmd: Simple = { line, assigns: [], words: [], redirs: [] };
    while (i < toks.length) {
      const t = toks[i];
      if (t.k === 'word') {
        if (!cmd.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.raw)) {
          const eq = t.raw.indexOf('=');
          const value = lex(t.raw.slice(eq + 1));
          const w = Array.isArray(value) && value[0]?.k === 'word' ? value[0].w : { parts: [] };
          cmd.assigns.push([t.raw.slice(0, eq), w]);
        } else {
          if (!cmd.words.length && KEYWORDS.has(t.raw)) return { kind: 'unmodelled', what: `compound commands ("${t.raw}") are`, line: t.line };
          if (!cmd.words.length && !cmd.assigns.length && CLOSERS.has(t.raw)) return unexpected();
          cmd.words.push(t.w);
        }
        i++;
        continue;
      }
      const r = readRedir(cmd.redirs);
      if (r === false) break;
      if (r !== true) return r;
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirs.length) {
      const op = peekOp();
      if (op === '(') return { kind: 'unmodelled', what: 'subshells are', line };
      return { kind: 'unexpected', token: op === undefined ? 'end of file' : op === '\n' ? 'newline' : op, line };
    }
    return cmd;
  };
  // The reserved word `word` that must come next.
  const expect = (word: string): ParseFailure | undefined => {
    if (peekWord() === word) { i++; return undefined; }
    return unexpected(word);
  };
  // A list of and-or lists up to one of the reserved words in `until` (left for the caller), or the end. A case
  // arm's list (`arm`) also ends at `;;` and may be empty.
  const lists = (until: ReadonlySet<string>, expecting?: string, arm = false): AndOr[] | ParseFailure => {
    const out: AndOr[] = [];
    for (;;) {
      const op = peekOp();
      if (arm && op === ';;') return out;
      if (op === '\n' || op === ';') {
        if (op === ';' && !out.length) return unexpected();
        i++;
        continue;
      }
      if (i >= toks.length) return expecting ? unexpected(expecting) : out;
      const w = peekWord();
      if (w !== undefined && until.has(w)) {
        // A body cannot be empty: `do done` is a syntax error.
        return out.length || arm ? out : unexpected();
      }
      if (w !== undefined && CLOSERS.has(w)) return unexpected();
      const first = pipeline();
      if ('kind' in first) return first;
      const list: AndOr = { first, rest: [] };
      while (peekOp() === '&&' || peekOp() === '||') {
        const andOr = peekOp() as '&&' | '||';
        i++;
        skipNewlines();
        const next = pipeline();
        if ('kind' in next) return next;
        list.rest.push([andOr, next]);
      }
      const end = peekOp();
      if (end === '&') return { kind: 'unmodelled', what: 'background jobs are', line: toks[i].line };
      const after = peekWord();
      if (arm && end === ';;') { out.push(list); return out; }
      if (end !== undefined && end !== ';' && end !== '\n') return unexpected();
      if (end === undefined && after !== undefined && !until.has(after)) return unexpected();
      out.push(list);
    }
  };
  const compound = (word: string): Compound | ParseFailure => {
    const line = lineHere();
    i++;
    if (word === 'while' || word === 'until') {
      const cond = lists(DO, 'do');
      if ('kind' in cond) return cond;
      i++;
      const body = lists(DONE, 'done');
      if ('kind' in body) return body;
      i++;
      return { t: 'loop', until: word === 'until', cond, body, line };
    }
    if (word === 'for') {
      const name = peekWord();
      if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return unexpected();
      i++;
      let items: Word[] | undefined;
      skipNewlines();
      if (peekWord() === 'in') {
        i++;
        items = [];
        while (toks[i]?.k === 'word') { items.push((toks[i] as { w: Word }).w); i++; }
        if (peekOp() !== ';' && peekOp() !== '\n') return unexpected();
        i++;
      } else if (peekOp() === ';') i++;
      skipNewlines();
      const f = expect('do');
      if (f) return f;
      const body = lists(DONE, 'done');
      if ('kind' in body) return body;
      i++;
      return { t: 'for', name, items, body, line };
    }
    if (word === 'case') {
      const subject = toks[i];
      if (subject?.k !== 'word') return unexpected('word');
      i++;
      skipNewlines();
      const f = expect('in');
      if (f) return f;
      const arms: Array<{ patterns: Word[]; body: AndOr[] }> = [];
      for (;;) {
        skipNewlines();
        if (peekWord() === 'esac') { i++; return { t: 'case', word: subject.w, arms, line }; }
        if (i >= toks.length) return unexpected(')');
        if (peekOp() === '(') i++;
        const patterns: Word[] = [];
        // dash and BusyBox ash call whatever breaks a pattern list a word.
        const badPattern = (): ParseFailure => (i >= toks.length ? unexpected(')') : { ...unexpected(')'), asWord: true });
        for (;;) {
          const t = toks[i];
          if (t?.k !== 'word') return badPattern();
          patterns.push(t.w);
          i++;
          if (peekOp() === '|') { i++; continue; }
          if (peekOp() === ')') { i++; break; }
          return badPattern();
        }
        const body = lists(ESAC, ';;', true);
        if ('kind' in body) return body;
        arms.push({ patterns, body });
        if (peekOp() === ';;') { i++; continue; }
        // The last arm may end at `esac` without `;;`.
        i++;
        return { t: 'case', word: subject.w, arms, line };
      }
    }
    if (word === 'if') {
      const arms: Array<{ cond: AndOr[]; body: AndOr[] }> = [];
      let otherwise: AndOr[] | undefined;
      for (;;) {
        const cond = lists(THEN, 'then');
        if ('kind' in cond) return cond;
        i++;
        const body = lists(IF_BODY_END, 'fi');
        if ('kind' in body) return body;
        arms.push({ cond, body });
        const w = toks[i++] as { raw: string };
        if (w.raw === 'elif') continue;
        if (w.raw === 'else') {
          const e = lists(FI, 'fi');
          if ('kind' in e) return e;
          otherwise = e;
          i++;
        }
        return { t: 'if', arms, otherwise, line };
      }
    }
    const body = lists(BRACE_END, '}');
    if ('kind' in body) return body;
    i++;
    return { t: 'group', body, line };
  };
  const command = (): Command | ParseFailure => {
    const w = peekWord();
    // `NAME() BODY`: a function definition, whose body is a compound command.
    const open = toks[i + 1], close = toks[i + 2];
    if (w !== undefined && open?.k === 'op' && open.op === '(' && close?.k === 'op' && close.op === ')') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) return { kind: 'unexpected', token: '(', line: lineHere() };
      const first = toks[i];
      i += 3;
      skipNewlines();
      const b = peekWord();
      if (b === undefined || !OPENERS.has(b)) return unexpected();
      const body = command();
      if ('kind' in body) return body;
      return { t: 'func', name: w, body: body as Compound, src: source.slice(first.start, toks[i - 1].end), line: first.line };
    }
    if (w !== undefined && OPENERS.has(w)) {
      const c = compound(w);
      if ('kind' in c) return c;
      const redirs: Redir[] = [];
      for (;;) {
        const r = readRedir(redirs);
        if (r === false) break;
        if (r !== true) return r;
      }
      return redirs.length ? { ...c, redirs } : c;
    }
    return simple();
  };
  const pipeline = (): Pipeline | ParseFailure => {
    let bang = false;
    if (peekWord() === '!') { bang = true; i++; }
    const cmds: Command[] = [];
    for (;;) {
      const s = command();
      if ('kind' in s) return s;
      cmds.push(s);
      if (peekOp() !== '|') return { cmds, bang };
      i++;
      skipNewlines();
    }
  };
  return lists(NONE);
}

const NONE: ReadonlySet<string> = new Set();

const DO = new Set(['do']);
const DONE = new Set(['done']);
const THEN = new Set(['then']);
const FI = new Set(['fi']);
const IF_BODY_END = new Set(['elif', 'else', 'fi']);
const BRACE_END = new Set(['}']);
const ESAC = new Set(['esac']);
/** Reserved words that open a compound command the model runs. */
const OPENERS = new Set(['while', 'until', 'for', 'if', 'case', '{']);
/** Reserved words that close or continue one: out of place where a command starts. */
const CLOSERS = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', 'esac', '}']);

/**
 * Whether an interactive shell waits for more lines before it runs what was typed (showing its `> ` prompt): an open
 * quote or compound command, a line ending in `|`, `&&`, `||` or a backslash.
 */
export function needsMoreInput(src: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(src)) return true;
  const r = parseScript(src);
  // An unclosed `${` is an error at once, not a line to go on.
  return !Array.isArray(r) && ((r.kind === 'unterminated' && r.quote !== '{') || (r.kind === 'unexpected' && r.token === 'end of file'));
}
