// Arithmetic expansion, `$((…))`, as the POSIX shells do it for the scripts containers run, in 64-bit integers:
// decimal, octal (`010`) and hex (`0x1f`) numbers, variables by name or `$NAME` (unset or empty is 0), unary
// `+ - ! ~`, `* / %`, `+ -`, `<< >>`, comparisons, `& ^ |`, `&& ||`, `?:`, parentheses, and the assignments
// `= += -= *= /= %= <<= >>= &= ^= |=`. Anything else (`++`, `,`), a bad octal number and division by zero are
// reported as not modelled.
import { Unmodelled } from './fs.ts';

type Tok = { k: 'num'; v: bigint } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '+', '-', '*', '/', '%',
  '<', '>', '!', '~', '&', '|', '^', '?', ':', '(', ')', '='];

function lex(expr: string, src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(expr.slice(i));
    if (num) {
      const text = num[0];
      if (/^0\d*[89]/.test(text)) throw new Unmodelled(`the octal number ${text} in $((${src})) is not modelled`);
      if (/^[A-Za-z_]/.test(expr[i + text.length] ?? '')) throw new Unmodelled(`$((${src})) is not modelled`);
      out.push({ k: 'num', v: wrap(BigInt(/^0\d/.test(text) ? `0o${text.slice(1)}` : text)) });
      i += text.length;
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

const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

// Every result wraps around in 64 bits, as the shells' intmax_t does.
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const truth = (b: boolean): bigint => (b ? 1n : 0n);

// The bit operators (a shift counts modulo 64, as on x86-64).
function bits(op: string, x: bigint, y: bigint): bigint {
  return wrap(op === '<<' ? x << (y & 63n) : op === '>>' ? x >> (y & 63n) : op === '&' ? x & y : op === '^' ? x ^ y : x | y);
}

/** Evaluates an arithmetic expansion's body; `param` reads a variable, `assign` sets one. Returns the decimal result. */
export function arithmetic(src: string, param: (name: string) => string, assign: (name: string, value: string) => void): string {
  // Parameters are expanded first, as text; a bare name is then read as a variable (and can be assigned).
  const expr = src.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])\}|\$([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/g, (_m, a: string | undefined, b: string | undefined) => param(a ?? b!));
  const toks = lex(expr, src);
  let i = 0;
  const peek = (): string | undefined => { const t = toks[i]; return t?.k === 'op' ? t.v : undefined; };
  const fail = (): never => { throw new Unmodelled(`$((${src})) is not modelled`); };
  const valueOf = (name: string): bigint => {
    const v = param(name).trim();
    if (v === '') return 0n;
    if (!/^-?\d+$/.test(v)) fail();
    return wrap(BigInt(v));
  };
  const binary = (ops: readonly string[], next: () => bigint, apply: (op: string, a: bigint, b: bigint) => bigint) => (): bigint => {
    let a = next();
    for (let op = peek(); op !== undefined && ops.includes(op); op = peek()) {
      i++;
      a = apply(op, a, next());
    }
    return a;
  };
  const divide = (op: string, a: bigint, b: bigint): bigint => {
    if (b === 0n) throw new Unmodelled(`division by zero in $((${src})) is not modelled`);
    return wrap(op === '/' ? a / b : a % b);
  };
  const primary = (): bigint => {
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
    if (t.v === '-') return wrap(-primary());
    if (t.v === '+') return primary();
    if (t.v === '!') return truth(primary() === 0n);
    if (t.v === '~') return ~primary();
    return fail();
  };
  const product = binary(['*', '/', '%'], primary, (op, a, b) => (op === '*' ? wrap(a * b) : divide(op, a, b)));
  const sum = binary(['+', '-'], product, (op, a, b) => wrap(op === '+' ? a + b : a - b));
  const shift = binary(['<<', '>>'], sum, (op, a, b) => bits(op, a, b));
  const relation = binary(['<', '>', '<=', '>='], shift, (op, a, b) => truth(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b));
  const equality = binary(['==', '!='], relation, (op, a, b) => truth(op === '==' ? a === b : a !== b));
  const bitAnd = binary(['&'], equality, (op, a, b) => bits(op, a, b));
  const bitXor = binary(['^'], bitAnd, (op, a, b) => bits(op, a, b));
  const bitOr = binary(['|'], bitXor, (op, a, b) => bits(op, a, b));
  const and = binary(['&&'], bitOr, (_op, a, b) => truth(a !== 0n && b !== 0n));
  const or = binary(['||'], and, (_op, a, b) => truth(a !== 0n || b !== 0n));
  // `c ? a : b`, right to left (both branches are read; only the chosen one's value counts).
  const conditional = (): bigint => {
    const c = or();
    if (peek() !== '?') return c;
    i++;
    const a = assignment();
    if (peek() !== ':') fail();
    i++;
    const b = conditional();
    return c !== 0n ? a : b;
  };
  function assignment(): bigint {
    const t = toks[i];
    const op = toks[i + 1];
    if (t?.k === 'name' && op?.k === 'op' && ASSIGNMENTS.has(op.v)) {
      i += 2;
      const rhs = assignment();
      const old = op.v === '=' ? 0n : valueOf(t.v);
      const base = op.v.slice(0, -1);
      const v = op.v === '=' ? rhs : base === '+' ? wrap(old + rhs) : base === '-' ? wrap(old - rhs) : base === '*' ? wrap(old * rhs)
        : base === '/' || base === '%' ? divide(base, old, rhs) : bits(base, old, rhs);
      assign(t.v, String(v));
      return v;
    }
    return conditional();
  }
  if (toks.length === 0) return '0';
  const v = assignment();
  if (i < toks.length) fail();
  return String(v);
}
