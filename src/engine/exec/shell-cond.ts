// bash's conditional command, `[[ EXPRESSION ]]`: its grammar (`!`, `&&`, `||`, parentheses, the unary file and
// string tests, `==`/`!=` with patterns, `=~` with an extended regular expression, `<`, `>` and the arithmetic
// comparisons) read from the script's tokens, and its evaluation through what it needs of the shell (CondShell).
import { Unmodelled } from './fs.ts';
import { translate } from './grep.ts';
import { find } from './sed-regex.ts';
import { scanWordText, type ParseFailure, type Tok, type Word } from './shell-lex.ts';

/** An expression of `[[ … ]]`. A lone word is true when it is not empty. */
export type CondExpr =
  | { t: 'not'; e: CondExpr }
  | { t: 'and'; l: CondExpr; r: CondExpr }
  | { t: 'or'; l: CondExpr; r: CondExpr }
  | { t: 'unary'; op: string; w: Word }
  | { t: 'binary'; op: string; l: Word; r: Word }
  | { t: 'word'; w: Word };

/** `[[ … ]]`, with its items as written in order (for xtrace: operators as they are, words to expand). */
export interface CondCommand { t: 'cond'; expr: CondExpr; items: Array<string | Word>; line: number }

/** The unary tests the model runs. */
const COND_UNARY = new Set(['-e', '-a', '-f', '-d', '-s', '-n', '-z', '-r', '-w']);
/** The binary operators the model runs (`<` and `>` come as the lexer's redirection tokens). */
const COND_BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/**
 * Reads `[[ … ]]` from `toks[i]` (the `[[` word) to its `]]`: the command and the index after it. What the model
 * does not run (`-x`, `-nt`, a missing operand) is a failure of kind `unmodelled`.
 */
export function parseCond(toks: readonly Tok[], i: number, source: string): { cmd: CondCommand; next: number } | ParseFailure {
  const line = toks[i].line;
  const items: Array<string | Word> = [];
  let j = i + 1;
  const unmodelled = (): ParseFailure => ({ kind: 'unmodelled', what: 'this [[ … ]] expression is', line });
  const peek = (): string | undefined => {
    const t = toks[j];
    return t === undefined ? undefined : t.k === 'word' ? t.raw : t.op;
  };
  const word = (): Word | undefined => {
    const t = toks[j];
    if (t?.k !== 'word' || t.raw === ']]') return undefined;
    j++;
    items.push(t.w);
    return t.w;
  };
  const op = (o: string): void => { j++; items.push(o); };
  // The right of `=~`: the source up to `]]`, `&&` or `||` outside parentheses, read as one word (its parentheses
  // and `|` belong to the regular expression).
  const regex = (): Word | undefined => {
    const start = j;
    let depth = 0;
    for (; j < toks.length; j++) {
      const t = toks[j];
      if (t.k === 'word' && t.raw === ']]' && depth === 0) break;
      if (t.k === 'op' && (t.op === '&&' || t.op === '||' || t.op === '\n') && depth === 0) break;
      if (t.k === 'op' && t.op === '(') depth++;
      if (t.k === 'op' && t.op === ')') { if (depth === 0) break; depth--; }
    }
    if (j === start) return undefined;
    const w = scanWordText(source.slice(toks[start].start, toks[j - 1].end), line);
    if ('kind' in w) return undefined;
    items.push(w);
    return w;
  };
  const primary = (): CondExpr | undefined => {
    const p = peek();
    if (p === '(') {
      op('(');
      const e = or();
      if (!e || peek() !== ')') return undefined;
      op(')');
      return e;
    }
    if (p !== undefined && COND_UNARY.has(p) && toks[j + 1]?.k === 'word' && (toks[j + 1] as { raw: string }).raw !== ']]') {
      op(p);
      return { t: 'unary', op: p, w: word()! };
    }
    const l = word();
    if (!l) return undefined;
    const b = peek();
    if (b === undefined || !COND_BINARY.has(b)) return { t: 'word', w: l };
    op(b);
    const r = b === '=~' ? regex() : word();
    return r ? { t: 'binary', op: b, l, r } : undefined;
  };
  const not = (): CondExpr | undefined => {
    if (peek() !== '!') return primary();
    op('!');
    const e = not();
    return e && { t: 'not', e };
  };
  const and = (): CondExpr | undefined => {
    let l = not();
    while (l && peek() === '&&') { op('&&'); const r = not(); l = r && { t: 'and', l, r }; }
    return l;
  };
  const or = (): CondExpr | undefined => {
    let l = and();
    while (l && peek() === '||') { op('||'); const r = and(); l = r && { t: 'or', l, r }; }
    return l;
  };
  const expr = or();
  if (!expr || peek() !== ']]') return unmodelled();
  return { cmd: { t: 'cond', expr, items, line }, next: j + 1 };
}

/**
 * The match of `=~`'s extended regular expression in `text`, leftmost-longest as glibc's regexec finds it, with its
 * groups (unmatched ones empty); null for none. Undefined when the expression does not compile (bash's status 2).
 */
export function condMatch(ere: string, text: string): string[] | null | undefined {
  const t = translate(ere, true, false, 0, true);
  if (typeof t === 'string') return undefined;
  const m = find({ re: new RegExp(t.src, 'g'), src: t.src, groups: t.groups, exact: new Map() }, text, 0);
  return m ? [...m].map((g) => g ?? '') : null;
}

/** What evaluating `[[ … ]]` needs of its shell. */
export interface CondShell {
  /** A word expanded without field splitting or globbing. */
  text(w: Word): string;
  /** A word as a pattern (its quoted parts match as they are), as a JavaScript regular expression's source. */
  pattern(w: Word): string;
  /** A word as an extended regular expression (its quoted parts match as they are). */
  regex(w: Word): string;
  /** An arithmetic expression's value. */
  arith(text: string): bigint;
  /** What a path names: a file (with its size) or a directory, or nothing. */
  file(path: string): { kind: 'file' | 'dir'; size: number } | undefined;
  /** Sets BASH_REMATCH. */
  matched(groups: string[]): void;
}

/**
 * Whether an expression of `[[ … ]]` is true: `!`, `&&` and `||` as in C (the right side only when needed), file
 * tests (-e, -a, -f, -d, -s; -r and -w for root, who may read and write whatever is there), -n and -z, `==` and `!=`
 * with a pattern, `=~` with an extended regular expression (its match and groups to BASH_REMATCH), `<` and `>` as
 * bytes, and the arithmetic comparisons. Throws Unmodelled for a regular expression that does not compile.
 */
export function evaluateCond(e: CondExpr, sh: CondShell): boolean {
  if (e.t === 'not') return !evaluateCond(e.e, sh);
  if (e.t === 'and') return evaluateCond(e.l, sh) && evaluateCond(e.r, sh);
  if (e.t === 'or') return evaluateCond(e.l, sh) || evaluateCond(e.r, sh);
  if (e.t === 'word') return sh.text(e.w) !== '';
  if (e.t === 'unary') {
    const v = sh.text(e.w);
    if (e.op === '-n' || e.op === '-z') return (v !== '') === (e.op === '-n');
    const f = v === '' ? undefined : sh.file(v);
    if (e.op === '-f') return f?.kind === 'file';
    if (e.op === '-d') return f?.kind === 'dir';
    if (e.op === '-s') return !!f && (f.kind === 'dir' || f.size > 0);
    return f !== undefined;
  }
  const l = sh.text(e.l);
  if (e.op === '==' || e.op === '=' || e.op === '!=') return new RegExp(`^(?:${sh.pattern(e.r)})$`).test(l) === (e.op !== '!=');
  if (e.op === '=~') {
    const src = sh.regex(e.r);
    const m = condMatch(src, l);
    if (m === undefined) throw new Unmodelled(`the regular expression ${src} is not modelled`);
    sh.matched(m ?? []);
    return !!m;
  }
  const r = sh.text(e.r);
  if (e.op === '<') return l < r;
  if (e.op === '>') return l > r;
  const x = sh.arith(l), y = sh.arith(r);
  return e.op === '-eq' ? x === y : e.op === '-ne' ? x !== y : e.op === '-lt' ? x < y : e.op === '-le' ? x <= y : e.op === '-gt' ? x > y : x >= y;
}
