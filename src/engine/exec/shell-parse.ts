// The grammar of the small shell that `kubectl exec … -- sh -c '…'` and containers' own scripts run: lists
// joined by `;`, `&&`, `||` and newlines, pipelines, simple commands with assignments and redirections, words
// with single and double quotes, `$VAR`, `${VAR}` and its operators (`${VAR:-word}`, `${#VAR}`, `${VAR##pattern}`
// and the rest), `$?`, `$((…))`, `$(…)` and backquotes, here-documents (and bash's here-strings), the compound
// commands `while`, `until`, `for`, `if`, `case`, `{ …; }` and `( … )`, function definitions, and lists run in the
// background (`… &`). Words and tokens are read by shell-lex.ts.
import { parseCond, type CondCommand } from './shell-cond.ts';
import { lex, type Dialect, type HereDoc, type ParseFailure, type Unterminated, type Word } from './shell-lex.ts';

export { expansionWord, type Dialect, type ParamOp, type ParamPart, type ParseFailure, type Part, type Word } from './shell-lex.ts';

/**
 * A redirection: `>`/`>>` of a descriptor to a file, `<` from a file, `N>&M`, a here-document (`<<`: `target` is its
 * body, to expand) or bash's here-string (`<<<`). `unterminated`: a here-document the end of the script cut short,
 * with the line it started on, the line the script ended on and the delimiter it wanted.
 */
export interface Redir {
  fd: number; op: '>' | '>>' | '<' | '>&' | '<<' | '<<<'; target: Word | number;
  unterminated?: Unterminated;
}

export interface Simple { t?: undefined; line: number; assigns: Array<[string, Word]>; words: Word[]; redirs: Redir[] }

/**
 * A compound command: `while`/`until` (cond and body), `for NAME [in WORDS]` (without `in`, the positional
 * parameters, of which the model has none), `if` with its `elif` arms and `else`, `case WORD in` with its arms
 * (patterns joined by `|`), `{ …; }` and `( … )`, a subshell.
 */
export type Compound = (
  | { t: 'loop'; until: boolean; cond: AndOr[]; body: AndOr[]; line: number }
  | { t: 'case'; word: Word; arms: Array<{ patterns: Word[]; body: AndOr[] }>; line: number }
  | { t: 'for'; name: string; items: Word[] | undefined; body: AndOr[]; line: number }
  | { t: 'if'; arms: Array<{ cond: AndOr[]; body: AndOr[] }>; otherwise: AndOr[] | undefined; line: number }
  | { t: 'group'; body: AndOr[]; line: number }
  | { t: 'subshell'; body: AndOr[]; line: number }
) & { /** Redirections of the whole command (`done < file`). */ redirs?: Redir[] };

/** `NAME() COMPOUND`: a function definition, with its text (kept across a container script's pauses). */
export interface FuncDef { t: 'func'; name: string; body: Compound; src: string; line: number }

/** bash's `(( EXPRESSION ))`: its status is 0 when the expression is not zero. `src` as written between the parentheses. */
export interface ArithCommand { t: 'arith'; src: string; line: number }

export type Command = Simple | Compound | FuncDef | ArithCommand | CondCommand;
export interface Pipeline { cmds: Command[]; bang: boolean }
/** A pipeline and the `&&`/`||` chain after it; `bg` when it ends in `&` (a background job). */
export interface AndOr { first: Pipeline; rest: Array<['&&' | '||', Pipeline]>; bg?: true }

// Reserved words the model does not run (the ones it does are parsed before a simple command is).
const KEYWORDS = new Set(['function', 'select']);

/** Parses a script into its and-or lists, in order, in a shell's grammar (bash's here-strings, `((…))` and `[[…]]`, `$'…'`). */
export function parseScript(src: string, dialect: Dialect = 'dash'): AndOr[] | ParseFailure {
  const bash = dialect === 'bash';
  const source = src;
  const toks = lex(src, dialect);
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
    const m = t?.k === 'op' ? /^(\d?)(>>|>&|&>|>|<<<|<<-|<<|<)$/.exec(t.op) : null;
    if (!t || !m) return false;
    // dash and BusyBox have no here-strings: `<<<` is `<<` then a `<`, which cannot start its delimiter.
    if (m[2] === '<<<' && !bash) return { kind: 'unexpected', token: 'redirection', line: t.line, bare: true };
    i++;
    const target = toks[i];
    if (!target || target.k !== 'word') return { kind: 'unexpected', token: target?.k === 'op' ? (target.op === '\n' ? 'newline' : target.op) : 'end of file', line: t.line, wantsWord: true };
    i++;
    if (m[2] === '<<<') { into.push({ fd: 0, op: '<<<', target: target.w }); return true; }
    if (m[2].startsWith('<<')) {
      const doc = (t as { doc?: HereDoc }).doc ?? {};
      into.push({ fd: 0, op: '<<', target: doc.body ?? { parts: [] }, ...(doc.unterminated ? { unterminated: doc.unterminated } : {}) });
      return true;
    }
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
          const value = lex(t.raw.slice(eq + 1), dialect);
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
      if (op === ')' && until === PAREN_END) return out.length ? out : unexpected();
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
      if (end === '&') {
        list.bg = true;
        out.push(list);
        i++;
        continue;
      }
      const after = peekWord();
      if (arm && end === ';;') { out.push(list); return out; }
      if (end === ')' && until === PAREN_END) { out.push(list); return out; }
      // Inside a compound command, dash and BusyBox say which word they expected instead.
      if (end !== undefined && end !== ';' && end !== '\n') return unexpected(expecting);
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
  // `( … )`: at its `(`.
  const subshell = (): Compound | ParseFailure => {
    const line = lineHere();
    i++;
    const body = lists(PAREN_END, ')');
    if ('kind' in body) return body;
    i++;
    return { t: 'subshell', body, line };
  };
  // bash's `((…))` at its first `(`: the text up to the `))` that closes it (nested parentheses pair up inside).
  const arithCommand = (): ArithCommand | undefined => {
    const open = toks[i], second = toks[i + 1];
    if (!bash || open?.k !== 'op' || second?.k !== 'op' || second.op !== '(' || second.start !== open.start + 1) return undefined;
    let depth = 0;
    for (let j = second.end; j < source.length; j++) {
      if (source[j] === '(') depth++;
      else if (source[j] === ')' && depth > 0) depth--;
      else if (source[j] === ')' && source[j + 1] === ')') {
        const end = j + 2;
        while (i < toks.length && toks[i].start < end) i++;
        return { t: 'arith', src: source.slice(second.end, j), line: open.line };
      } else if (source[j] === ')') return undefined;
    }
    return undefined;
  };
  const command = (): Command | ParseFailure => {
    const w = peekWord();
    if (w === undefined && peekOp() === '(') {
      const arith = arithCommand();
      if (arith) return arith;
    }
    // bash's `[[ … ]]` (dash has no such word, and BusyBox's is a builtin).
    if (w === '[[' && bash) {
      const r = parseCond(toks, i, source);
      if ('kind' in r) return r;
      i = r.next;
      return r.cmd;
    }
    // A command's first word and `(`: a function definition, whose `)` must come next.
    const after = toks[i + 1], then = toks[i + 2];
    if (w !== undefined && !OPENERS.has(w) && after?.k === 'op' && after.op === '(' && !(then?.k === 'op' && then.op === ')')) {
      if (!then) return { kind: 'unexpected', token: 'end of file', line: after.line, expecting: ')', wantsWord: true };
      return { kind: 'unexpected', token: then.k === 'word' ? then.raw : then.op === '\n' ? 'newline' : then.op, line: then.line, expecting: ')', ...(then.k === 'word' ? { asWord: true as const } : {}) };
    }
    // `NAME() BODY`: a function definition, whose body is a compound command.
    const open = toks[i + 1], close = toks[i + 2];
    if (w !== undefined && open?.k === 'op' && open.op === '(' && close?.k === 'op' && close.op === ')') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) return { kind: 'unexpected', token: '(', line: lineHere() };
      const first = toks[i];
      i += 3;
      skipNewlines();
      const b = peekWord();
      if ((b === undefined || !OPENERS.has(b)) && peekOp() !== '(') return unexpected();
      const body = command();
      if ('kind' in body) return body;
      return { t: 'func', name: w, body: body as Compound, src: source.slice(first.start, toks[i - 1].end), line: first.line };
    }
    if ((w !== undefined && OPENERS.has(w)) || peekOp() === '(') {
      const c = w === undefined ? subshell() : compound(w);
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
const PAREN_END: ReadonlySet<string> = new Set([')']);
const ESAC = new Set(['esac']);
/** Reserved words that open a compound command the model runs. */
const OPENERS = new Set(['while', 'until', 'for', 'if', 'case', '{']);
/** Reserved words that close or continue one: out of place where a command starts. */
const CLOSERS = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', 'esac', '}']);

/**
 * Whether an interactive shell waits for more lines before it runs what was typed (showing its `> ` prompt): an open
 * quote or compound command, a line ending in `|`, `&&`, `||` or a backslash, a here-document before its delimiter.
 */
export function needsMoreInput(src: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(src)) return true;
  const toks = lex(src);
  if (Array.isArray(toks) && toks.some((t) => t.k === 'op' && t.doc?.unterminated)) return true;
  const r = parseScript(src);
  // An unclosed `${` is an error at once, not a line to go on.
  return !Array.isArray(r) && ((r.kind === 'unterminated' && r.quote !== '{') || (r.kind === 'unexpected' && r.token === 'end of file'));
}
