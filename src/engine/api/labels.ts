// Label selectors: matching, the string form kubectl prints (`app=nginx`), and parsing `-l` expressions.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isQualifiedName, isValidLabelValue } from './validation-names.ts';

export type Labels = Readonly<Record<string, string>> | undefined;

/** A parsed selector requirement (the `-l` syntax and matchExpressions share this form). */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'GreaterThan' | 'LessThan';
  values: string[];
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'Equals': case 'In': return has && r.values.includes(v!);
    case 'NotEquals': case 'NotIn': return !has || !r.values.includes(v!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    // Both sides as integers; a label that is not one matches neither (Requirement.Matches).
    case 'GreaterThan': case 'LessThan': {
      if (!has || !/^[+-]?\d+$/.test(v!)) return false;
      const have = Number(v), bound = Number(r.values[0]);
      return r.operator === 'GreaterThan' ? have > bound : have < bound;
    }
  }
}

/** Requirements of a LabelSelector object; null for a nil selector (which matches nothing). */
export function selectorRequirements(sel: LabelSelector | undefined | null): Requirement[] | null {
  if (!sel) return null;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: 'In', values: [value] });
  for (const e of sel.matchExpressions ?? []) reqs.push({ key: e.key, operator: e.operator as Requirement['operator'], values: [...(e.values ?? [])] });
  return reqs;
}

/**
 * Whether the labels match the selector, as metav1.LabelSelectorAsSelector does: a nil selector matches
 * nothing, an empty one matches everything.
 */
export function matchesSelector(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!sel) return false;
  let reqs = parsedSelectors.get(sel);
  if (!reqs) parsedSelectors.set(sel, (reqs = selectorRequirements(sel)!));
  for (const r of reqs) if (!matchesRequirement(r, labels)) return false;
  return true;
}

// Requirements by selector object: selectors are read from stored objects, which are never changed in place,
// and a set's selector is matched against every pod change.
const parsedSelectors = new WeakMap<LabelSelector, Requirement[]>();

/**
 * Whether the labels hold every key=value of a label set (a Service selector), as labels.SelectorFromSet does;
 * the same answer as matchesSelector({ matchLabels: set }) without building requirements per call.
 */
export function matchesLabelSet(set: Readonly<Record<string, string>>, labels: Labels): boolean {
  for (const k in set) if (labels?.[k] !== set[k]) return false;
  return true;
}

/** Whether labels satisfy every parsed requirement (`-l`). */
export function matchesRequirements(reqs: readonly Requirement[], labels: Labels): boolean {
  return reqs.every((r) => matchesRequirement(r, labels));
}

/** The selector's string form, sorted by key as Kubernetes prints it: `app=nginx,tier in (a,b)`. */
export function selectorString(sel: LabelSelector | undefined | null): string {
  const reqs = selectorRequirements(sel) ?? [];
  const parts = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => {
    switch (r.operator) {
      case 'In': case 'Equals': return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
      case 'NotIn': case 'NotEquals': return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${[...r.values].sort().join(',')})`;
      case 'Exists': return r.key;
      case 'DoesNotExist': return `!${r.key}`;
    }
  });
  return parts.join(',');
}

/** `k=v` pairs sorted by key joined with `,` (the `--show-labels` form); '' when none. */
export function labelsString(labels: Labels): string {
  return Object.keys(labels ?? {}).sort().map((k) => `${k}=${labels![k]}`).join(',');
}

// The selector lexer's tokens (apimachinery labels/selector.go). In a value position `in` and `notin` are identifiers.
type Tok = 'id' | 'in' | 'notin' | '!' | '=' | '==' | '!=' | '>' | '<' | ',' | '(' | ')' | 'end' | 'error';
const SYMBOLS: Readonly<Record<string, Tok>> = { '!': '!', '=': '=', '==': '==', '!=': '!=', '>': '>', '<': '<', ',': ',', '(': '(', ')': ')' };
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSymbol = (c: string): boolean => '=!(),><'.includes(c);

// Splits a selector into tokens as the apimachinery Lexer does: symbols by longest known match, words up to a space
// or a symbol (`in` and `notin` are keywords), an error token for symbols that form no operator.
function lex(text: string): Array<{ tok: Tok; lit: string }> {
  const out: Array<{ tok: Tok; lit: string }> = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length) { out.push({ tok: 'end', lit: '' }); return out; }
    if (isSymbol(text[i])) {
      let buf = '', last: { tok: Tok; lit: string } | null = null;
      while (i < text.length && isSymbol(text[i])) {
        buf += text[i];
        const t = SYMBOLS[buf];
        if (t) { last = { tok: t, lit: buf }; i++; } else if (last) break; else i++;
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let word = '';
    while (i < text.length && !isSpace(text[i]) && !isSymbol(text[i])) word += text[i++];
    out.push({ tok: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'id', lit: word });
  }
}

// An error with a field path, as field.Invalid prints it (`<nil>` for the parser's own nil path).
const invalidAt = (path: string, value: string, detail: string): string => `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

class SelectorError extends Error {}

/**
 * Parses a kubectl `-l` selector (`app=nginx,tier!=db,env in (a,b),!x,y,apps.kubernetes.io/pod-index>0`). Returns the
 * requirements or the error text as kubectl prints it. Models apimachinery labels.Parse (its Lexer and Parser, and
 * NewRequirement's checks), with its texts.
 */
export function parseSelector(text: string): { ok: true; reqs: Requirement[] } | { ok: false; error: string } {
  const toks = lex(text);
  let pos = 0;
  // In a value position `in` and `notin` are identifiers (Parser.consume and lookahead with the Values context).
  const look = (values: boolean): { tok: Tok; lit: string } => {
    const t = toks[pos];
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  };
  const take = (values: boolean): { tok: Tok; lit: string } => { const t = look(values); pos++; return t; };
  const fail = (msg: string): never => { throw new SelectorError(msg); };
  const requirement = (): Requirement => {
    let t = take(true);
    let op: Requirement['operator'] | null = null;
    if (t.tok === '!') { op = 'DoesNotExist'; t = take(true); }
    if (t.tok !== 'id') fail(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) fail(invalidAt('<nil>', key, keyErrs.join('; ')));
    const next = look(true).tok;
    if (op === 'DoesNotExist') return { key, operator: op, values: [] };
    if (next === 'end' || next === ',') return { key, operator: 'Exists', values: [] };
    const o = take(false);
    let values: string[];
    switch (o.tok) {
      case 'in': case 'notin': values = valueSet(); op = o.tok === 'in' ? 'In' : 'NotIn'; break;
      case '=': case '==': case '!=': case '>': case '<':
        values = exactValue();
        op = o.tok === '!=' ? 'NotEquals' : o.tok === '>' ? 'GreaterThan' : o.tok === '<' ? 'LessThan' : 'Equals';
        break;
      default: return fail(`found '${o.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    return newRequirement(key, op, values);
  };
  const valueSet = (): string[] => {
    const open = take(true);
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const first = look(true);
    if (first.tok === ')') { pos++; return ['']; }
    if (first.tok !== 'id' && first.tok !== ',') fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const t = take(true);
      if (t.tok === 'id') {
        set.add(t.lit);
        const n = look(true);
        if (n.tok === ',') continue;
        if (n.tok === ')') break;
        fail(`found '${n.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (set.size === 0) set.add('');
        const n = look(true);
        if (n.tok === ')') { set.add(''); break; }
        if (n.tok === ',') { pos++; set.add(''); }
      } else fail(`found '${t.lit}', expected: ',', or identifier`);
    }
    // The list's closing parenthesis; upstream names the first value when it is missing.
    if (take(true).tok !== ')') fail(`found '${first.lit}', expected: ')'`);
    return [...set].sort();
  };
  const exactValue = (): string[] => {
    const n = look(true);
    if (n.tok === 'end' || n.tok === ',') return [''];
    const t = take(true);
    if (t.tok === 'id') return [t.lit];
    return fail(`found '${t.lit}', expected: identifier`);
  };
  const reqs: Requirement[] = [];
  try {
    for (;;) {
      const t = look(true);
      if (t.tok === 'end') return { ok: true, reqs };
      if (t.tok !== 'id' && t.tok !== '!') return { ok: false, error: `error: found '${t.lit}', expected: !, identifier, or 'end of string'` };
      try {
        reqs.push(requirement());
      } catch (e) {
        if (e instanceof SelectorError) return { ok: false, error: `error: unable to parse requirement: ${e.message}` };
        throw e;
      }
      const after = take(true);
      if (after.tok === 'end') return { ok: true, reqs };
      if (after.tok !== ',') return { ok: false, error: `error: found '${after.lit}', expected: ',' or 'end of string'` };
      const n = look(true);
      if (n.tok !== 'id' && n.tok !== '!') return { ok: false, error: `error: found '${n.lit}', expected: identifier after ','` };
    }
  } catch (e) {
    if (e instanceof SelectorError) return { ok: false, error: `error: ${e.message}` };
    throw e;
  }
}

// Models NewRequirement's checks: the values each operator takes, and valid label values.
function newRequirement(key: string, operator: Requirement['operator'], values: string[]): Requirement {
  const errs: string[] = [];
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) errs.push(invalidAt('values', '[]', "for 'in', 'notin' operators, values set can't be empty"));
  if (operator === 'GreaterThan' || operator === 'LessThan') {
    values.forEach((v, i) => { if (!/^[+-]?\d+$/.test(v)) errs.push(invalidAt(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")); });
  }
  values.forEach((v, i) => {
    const e = isValidLabelValue(v);
    if (e.length) errs.push(invalidAt(`values[${i}][${key}]`, v, e.join('; ')));
  });
  if (errs.length) throw new SelectorError(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  return { key, operator, values };
}
