// kubectl's JSONPath templates (`-o jsonpath='{.status.readyReplicas}'`): literal text, `{.a.b}`, `[n]`,
// `[*]`, `..` is not supported, `[?(@.k=="v")]` filters, `{range …}…{end}`, and quoted literals `{"\n"}`.
// Models k8s.io/client-go/util/jsonpath for the subset people use with StatefulSets.
import { goJson } from '../../engine/api/go-json.ts';

type Node =
  | { t: 'text'; v: string }
  | { t: 'path'; steps: Step[] }
  | { t: 'range'; steps: Step[]; body: Node[] };

type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'all' }
  | { t: 'filter'; path: string[]; op: '==' | '!='; value: string };

/** A parse error in kubectl's words. */
export class JsonPathError extends Error {}

function parseSteps(expr: string, template: string): Step[] {
  const steps: Step[] = [];
  let s = expr.trim();
  if (s === '' || s === '.' || s === '@') return steps;
  if (s.startsWith('@')) s = s.slice(1);
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      const m = /^[A-Za-z0-9_\-$/]+/.exec(s.slice(i)) ?? /^\*/.exec(s.slice(i));
      if (!m) throw new JsonPathError(`error parsing jsonpath ${template}, unrecognized character in action: U+002E '.'`);
      steps.push(m[0] === '*' ? { t: 'all' } : { t: 'field', name: m[0] });
      i += m[0].length;
    } else if (s[i] === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) throw new JsonPathError(`error parsing jsonpath ${template}, unterminated array`);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      let m: RegExpExecArray | null;
      if (inner === '*') steps.push({ t: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else if ((m = /^\?\(@((?:\.[A-Za-z0-9_\-/]+)+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?\d+))\)$/.exec(inner))) {
        steps.push({ t: 'filter', path: m[1].split('.').filter(Boolean), op: m[2] as '==' | '!=', value: m[3] ?? m[4] ?? m[5] });
      } else if ((m = /^'([^']*)'$/.exec(inner)) || (m = /^"([^"]*)"$/.exec(inner))) steps.push({ t: 'field', name: m[1] });
      else throw new JsonPathError(`error parsing jsonpath ${template}, invalid array index ${inner}`);
    } else {
      throw new JsonPathError(`error parsing jsonpath ${template}, unrecognized character in action: U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} '${s[i]}'`);
    }
  }
  return steps;
}

function unquote(lit: string): string {
  return lit.slice(1, -1).replace(/\\(n|t|r|\\|"|')/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c);
}

/** Parses a template into nodes; throws JsonPathError with kubectl's text on bad syntax. */
function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) { stack[stack.length - 1].push({ t: 'text', v: template.slice(i) }); break; }
    if (open > i) stack[stack.length - 1].push({ t: 'text', v: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) throw new JsonPathError(`error parsing jsonpath ${template}, unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (/^".*"$/.test(action) || /^'.*'$/.test(action)) stack[stack.length - 1].push({ t: 'text', v: unquote(action) });
    else if (action.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parseSteps(action.slice(6), template), body: [] };
      stack[stack.length - 1].push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError(`error parsing jsonpath ${template}, not in range, nothing to end`);
      stack.pop();
    } else stack[stack.length - 1].push({ t: 'path', steps: parseSteps(action, template) });
  }
  return root;
}

function get(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function evaluate(values: unknown[], steps: Step[]): unknown[] {
  let cur = values;
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === undefined || v === null) continue;
      if (st.t === 'field') {
        if (typeof v === 'object' && !Array.isArray(v) && st.name in (v as object)) next.push((v as Record<string, unknown>)[st.name]);
      } else if (st.t === 'index') {
        if (Array.isArray(v)) { const x = v[st.i < 0 ? v.length + st.i : st.i]; if (x !== undefined) next.push(x); }
      } else if (st.t === 'all') {
        if (Array.isArray(v)) next.push(...v); else if (typeof v === 'object') next.push(...Object.values(v as object));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const got = get(item, st.path);
          const eq = got !== undefined && String(got) === st.value;
          if (st.op === '==' ? eq : !eq) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  // Maps and lists print as json.Marshal does: keys in byte order, HTML-safe escapes (JSONPath.PrintResults).
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

function render(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'path') out += evaluate([data], n.steps).map(text).join(' ');
    else for (const item of evaluate([data], n.steps)) out += render(n.body, item);
  }
  return out;
}

/**
 * What the first part of a template finds in `data` (missing keys allowed): its values, empty when nothing is
 * there. kubectl's `--sort-by` sorts by the first of them.
 */
export function jsonpathValues(template: string, data: unknown): unknown[] {
  const first = parse(template)[0];
  if (!first) return [];
  if (first.t === 'text') return [first.v];
  return evaluate([data], first.steps);
}

/** Renders `data` (a JSON object, or a List `{kind:'List', items}`) through a kubectl JSONPath template. */
export function jsonpath(template: string, data: unknown): string {
  return render(parse(template), data);
}

/**
 * Parses a template as kubectl does when it builds the printer, before anything is printed: a kubectl error
 * text for an empty or malformed template, else null.
 */
export function jsonPathTemplateError(template: string): string | null {
  if (template === '') return 'error: template format specified but no template given';
  try {
    parse(template);
    return null;
  } catch (e) {
    if (e instanceof JsonPathError) return `error: ${e.message}`;
    throw e;
  }
}
