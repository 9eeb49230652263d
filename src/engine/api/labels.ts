// Label selectors: matching, the string form kubectl prints (`app=nginx`), and parsing `-l` expressions.
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Labels = Readonly<Record<string, string>> | undefined;

/** A parsed selector requirement (the `-l` syntax and matchExpressions share this form). */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals';
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

/**
 * Parses a kubectl `-l` selector (`app=nginx,tier!=db,env in (a,b),!x,y`). Returns the requirements or an
 * error text as kubectl prints it.
 */
export function parseSelector(text: string): { ok: true; reqs: Requirement[] } | { ok: false; error: string } {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (s === '') return { ok: true, reqs };
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0, cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      reqs.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)$/.exec(p))) {
      reqs.push({ key: m[1], operator: m[2] === '!=' ? 'NotEquals' : 'Equals', values: [m[3]] });
    } else if ((m = /^!\s*([A-Za-z0-9./_-]+)$/.exec(p))) {
      reqs.push({ key: m[1], operator: 'DoesNotExist', values: [] });
    } else if ((m = /^([A-Za-z0-9./_-]+)$/.exec(p))) {
      reqs.push({ key: m[1], operator: 'Exists', values: [] });
    } else {
      return { ok: false, error: `error: unable to parse requirement: found '${p}', expected: in, notin, =, ==, !=, gt, lt` };
    }
  }
  return { ok: true, reqs };
}
