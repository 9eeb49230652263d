// Arithmetic expansion, `$((…))`, as the POSIX shells do it for the scripts containers run: decimal integers,
// variables by name or `$NAME` (unset or empty is 0), unary `+ - !`, `* / %`, `+ -`, comparisons, `&& ||`,
// parentheses, and the assignments `= += -= *= /= %=`. Anything else (hex, octal, bit operators, `?:`, `++`) and
// division by zero are reported as not modelled.
import { Unmodelled } from './fs.ts';

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '+', '-', '*', '/', '%', '<', '>', '!', '(', ')', '='];

function lex(expr: string, src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') { i++; continue; }
    const num = /^\d+/.exec(expr.slice(i));
    if (num) {
      if (num[0].length > 1 && num[0].startsWith('0')) throw new Unmodelled(`the octal number ${num[0]} in $((${src})) is not modelled`);
      if (/^[A-Za-z_]/.test(expr[i + num[0].length] ?? '')) throw new Unmodelled(`$((${src})) is not modelled`);
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (name) { out.push({ k: 'name', v: name[0] }); i += name[0].length; continue; }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) throw new Unmodelled(`the operator "${ch}" in $((${src})) is not modelled`);
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

const truncDiv = (a: number, b: number): number => Math.trunc(a / b);

/** Evaluates an arithmetic expansion's body; `param` reads a variable, `assign` sets one. Returns the decimal result. */
export function arithmetic(src: string, param: (name: string) => string, assign: (name: string, value: string) => void): string {
  // Parameters are expanded first, as text; a bare name is then read as a variable (and can be assigned).
  const expr = src.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])\}|\$([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/g, (_m, a: string | undefined, b: string | undefined) => param(a ?? b!));
  const toks = lex(expr, src);
  let i = 0;
  const peek = (): string | undefined => { const t = toks[i]; return t?.k === 'op' ? t.v : undefined; };
  const fail = (): never => { throw new Unmodelled(`$((${src})) is not modelled`); };
  const valueOf = (name: string): number => {
    const v = param(name).trim();
    if (v === '') return 0;
    if (!/^-?\d+$/.test(v)) fail();
    return Number(v);
  };
  const binary = (ops: readonly string[], next: () => number, apply: (op: string, a: number, b: number) => number) => (): number => {
    let a = next();
    for (let op = peek(); op !== undefined && ops.includes(op); op = peek()) {
      i++;
      a = apply(op, a, next());
    }
    return a;
  };
  const divide = (op: string, a: number, b: number): number => {
    if (b === 0) throw new Unmodelled(`division by zero in $((${src})) is not modelled`);
    return op === '/' ? truncDiv(a, b) : a % b;
  };
  const primary = (): number => {
    const t = toks[i++];
    if (!t) return fail();
    if (t.k === 'num') return t.v;
    if (t.k === 'name') return valueOf(t.v);
    if (t.v === '(') {
      const v = assignment();
      if (peek() !== ')') fail();
      i++;
      return v;
    }
    if (t.v === '-') return -primary();
    if (t.v === '+') return primary();
    if (t.v === '!') return primary() === 0 ? 1 : 0;
    return fail();
  };
  const product = binary(['*', '/', '%'], primary, (op, a, b) => (op === '*' ? a * b : divide(op, a, b)));
  const sum = binary(['+', '-'], product, (op, a, b) => (op === '+' ? a + b : a - b));
  const relation = binary(['<', '>', '<=', '>='], sum, (op, a, b) => Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b));
  const equality = binary(['==', '!='], relation, (op, a, b) => Number(op === '==' ? a === b : a !== b));
  const and = binary(['&&'], equality, (_op, a, b) => Number(a !== 0 && b !== 0));
  const or = binary(['||'], and, (_op, a, b) => Number(a !== 0 || b !== 0));
  function assignment(): number {
    const t = toks[i];
    const op = toks[i + 1];
    if (t?.k === 'name' && op?.k === 'op' && ['=', '+=', '-=', '*=', '/=', '%='].includes(op.v)) {
      i += 2;
      const rhs = assignment();
      const old = op.v === '=' ? 0 : valueOf(t.v);
      const v = op.v === '=' ? rhs : op.v === '+=' ? old + rhs : op.v === '-=' ? old - rhs : op.v === '*=' ? old * rhs : divide(op.v[0], old, rhs);
      assign(t.v, String(v));
      return v;
    }
    return or();
  }
  if (toks.length === 0) return '0';
  const v = assignment();
  if (i < toks.length) fail();
  return String(v);
}
