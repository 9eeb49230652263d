// Go's text/template executing over a decoded JSON object, as kubectl's GoTemplatePrinter runs it (numbers are
// float64, a missing key prints `<no value>`), with the printer's `exists` and `base64decode`. Models
// text/template exec.go and funcs.go, and cli-runtime printers/template.go.
import { goJson } from '../../engine/api/go-json.ts';
import { goQuote, goTypeName, sprint, sprintf, sprintln, sprintValue } from './go-fmt.ts';
import { NO_VALUE, base64decode, eq, exists, htmlEscape, intIndex, isTrue, jsEscape, lt, sprintArgs } from './go-template-funcs.ts';
import { argString, cmdString, GoTemplateParseError, parseTemplate, type Arg, type Cmd, type Pipe, type TNode } from './go-template-parse.ts';

/** An execution error: `template: output:1:2: executing "output" at <…>: …`. */
class GoTemplateExecError extends Error {}

type V = unknown;

// A value with whether it sits in an interface{} (an element of a decoded map or list): Go names its type
// `interface {}` in `can't evaluate field` errors.
interface Boxed { v: V; boxed: boolean }

const NAME = 'output';

const BUILTINS = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery',
  'eq', 'ge', 'gt', 'le', 'lt', 'ne'];
const FUNCS = new Set([...BUILTINS, 'exists', 'base64decode']);
// The functions with a string parameter, by its position.
const STRING_PARAMS: Readonly<Record<string, number>> = { printf: 0, base64decode: 0 };

/** A parsed template, ready to execute. */
export interface GoTemplate { text: string; root: TNode[] }

/** Parses as kubectl's NewGoTemplatePrinter does; throws GoTemplateParseError with Go's text. */
export function parseGoTemplate(text: string): GoTemplate {
  return { text, root: parseTemplate(text, NAME, FUNCS) };
}

class Control { constructor(readonly kind: 'break' | 'continue') {} }

/**
 * Executes the template over `data`. Returns what was written, and the error that stopped it (the text written
 * before the error is kept, as text/template writes as it goes).
 */
export function executeGoTemplate(tpl: GoTemplate, data: V, missingKeyError = false): { out: string; error: string | null } {
  const s = new State(tpl.text, data, missingKeyError);
  try {
    s.walkList({ v: data, boxed: false }, tpl.root);
    return { out: s.out, error: null };
  } catch (e) {
    if (e instanceof GoTemplateExecError) return { out: s.out, error: e.message };
    throw e;
  }
}

class State {
  out = '';
  private vars: Array<{ name: string; value: Boxed }>;
  private node: { pos: number; str: string } | null = null;
  // `missingkey=error` (the printer's `--allow-missing-template-keys=false`): a missing map key is an error.
  constructor(private readonly text: string, data: V, private readonly missingKeyError: boolean) {
    this.vars = [{ name: '$', value: { v: data, boxed: false } }];
  }

  private at(pos: number, str: string): void { this.node = { pos, str }; }

  fail(msg: string): never {
    if (!this.node) throw new GoTemplateExecError(`template: ${NAME}: ${msg}`);
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const col = nl < 0 ? this.node.pos : this.node.pos - nl - 1;
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new GoTemplateExecError(`template: ${NAME}:${line}:${col}: executing "${NAME}" at <${this.node.str}>: ${msg}`);
  }

  walkList(dot: Boxed, list: readonly TNode[]): void {
    for (const n of list) this.walk(dot, n);
  }

  private walk(dot: Boxed, n: TNode): void {
    switch (n.t) {
      case 'text': this.out += n.text; return;
      case 'action': {
        const val = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) this.printValue(n.pipe, val);
        return;
      }
      case 'if': case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, n.pipe);
        const truth = isTrue(val);
        if (truth) this.walkList(n.t === 'with' ? { v: val, boxed: false } : dot, n.list);
        else if (n.elseList) this.walkList(dot, n.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range': this.walkRange(dot, n); return;
      case 'break': case 'continue': throw new Control(n.t);
    }
  }

  private walkRange(dot: Boxed, n: Extract<TNode, { pipe: Pipe; list: TNode[] }>): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, n.pipe);
    const mark2 = this.vars.length;
    const one = (index: Boxed, elem: Boxed): boolean => {
      if (n.pipe.decl.length > 0) {
        // With one variable it is the element; with two, the index (or key) and the element.
        if (n.pipe.decl.length === 1) this.setTop(elem); else { this.setTopN(1, index); this.setTop(elem); }
      }
      try {
        this.walkList(elem, n.list);
      } catch (e) {
        if (!(e instanceof Control)) throw e;
        if (e.kind === 'break') return false;
      } finally {
        this.vars.length = mark2;
      }
      return true;
    };
    let any = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) { any = true; if (!one({ v: BigInt(i), boxed: false }, { v: val[i], boxed: true })) break; }
    } else if (typeof val === 'bigint') {
      for (let i = 0n; i < val; i++) { any = true; if (!one({ v: i, boxed: false }, { v: i, boxed: false })) break; }
    } else if (val !== null && typeof val === 'object') {
      const m = val as Record<string, V>;
      for (const k of Object.keys(m).sort()) { any = true; if (!one({ v: k, boxed: false }, { v: m[k], boxed: true })) break; }
    } else if (val !== NO_VALUE) {
      // The error names the last node the pipeline evaluated.
      this.fail(`range can't iterate over ${sprintValue(val)}`);
    }
    if (!any && n.elseList) this.walkList(dot, n.elseList);
    this.vars.length = mark;
  }

  private setTop(v: Boxed): void { this.vars[this.vars.length - 1].value = v; }
  private setTopN(n: number, v: Boxed): void { this.vars[this.vars.length - 1 - n].value = v; }

  private evalPipeline(dot: Boxed, pipe: Pipe): V {
    this.at(pipe.pos, pipeStringOf(pipe));
    let value: V = NO_VALUE;
    let has = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, has ? value : NO_VALUE, has);
      has = true;
      // A nil interface out of a command is an invalid value ("lovely!" in exec.go).
      if (value === null) value = NO_VALUE;
    }
    for (const name of pipe.decl) {
      const entry = { name, value: { v: value, boxed: false } };
      if (pipe.isAssign) {
        const i = this.vars.map((x) => x.name).lastIndexOf(name);
        this.vars[i].value = entry.value;
      } else this.vars.push(entry);
    }
    return value;
  }

  private evalCommand(dot: Boxed, cmd: Cmd, final: V, hasFinal: boolean): V {
    const first = cmd.args[0];
    switch (first.t) {
      case 'field': return this.evalFieldChain(dot, dot, first, first.idents, cmd.args, final, hasFinal);
      case 'chain': {
        this.at(first.pos, argString(first));
        if (first.idents.length > 0 && first.node.t !== 'pipe' && first.node.t !== 'ident') this.fail('internal error: no fields in evalChainNode');
        const recv = first.node.t === 'pipe' ? this.evalPipeline(dot, first.node.pipe) : this.evalFunction(dot, first.node as Extract<Arg, { t: 'ident' }>, cmd, [first.node], NO_VALUE, false);
        return this.evalFieldChain(dot, { v: recv, boxed: false }, first, first.idents, cmd.args, final, hasFinal);
      }
      case 'ident': return this.evalFunction(dot, first, cmd, cmd.args, final, hasFinal);
      case 'pipe':
        this.notAFunction(cmd.args, hasFinal);
        return this.evalPipeline(dot, first.pipe);
      case 'var': {
        const val = this.varValue(first.name);
        if (first.idents.length === 0) { this.notAFunction(cmd.args, hasFinal); return val.v; }
        return this.evalFieldChain(dot, val, first, first.idents, cmd.args, final, hasFinal);
      }
    }
    this.at(first.pos, argString(first));
    this.notAFunction(cmd.args, hasFinal);
    switch (first.t) {
      case 'bool': return first.v;
      case 'dot': return dot.v;
      case 'nil': return this.fail('nil is not a command');
      case 'number': return first.v;
      case 'string': return first.v;
    }
  }

  private notAFunction(args: readonly Arg[], hasFinal: boolean): void {
    if (args.length > 1 || hasFinal) this.fail(`can't give argument to non-function ${argString(args[0])}`);
  }

  private varValue(name: string): Boxed {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(`undefined variable: ${name}`);
  }

  private evalFieldChain(dot: Boxed, receiver: Boxed, node: Arg, idents: readonly string[], args: readonly Arg[], final: V, hasFinal: boolean): V {
    this.at(node.pos, argString(node));
    let r = receiver;
    for (let i = 0; i < idents.length - 1; i++) r = { v: this.evalField(idents[i], r, false), boxed: true };
    return this.evalField(idents[idents.length - 1], r, args.length > 1 || hasFinal);
  }

  private evalField(name: string, r: Boxed, hasArgs: boolean): V {
    if (r.v === NO_VALUE) return NO_VALUE;
    const typ = r.boxed ? 'interface {}' : goTypeName(r.v);
    if (r.v === null) return this.fail(`nil pointer evaluating ${typ}.${name}`);
    if (typeof r.v === 'object' && !Array.isArray(r.v)) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`);
      const m = r.v as Record<string, V>;
      if (Object.prototype.hasOwnProperty.call(m, name)) return m[name];
      return this.missingKeyError ? this.fail(`map has no entry for key ${goQuote(name)}`) : NO_VALUE;
    }
    return this.fail(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(dot: Boxed, id: Extract<Arg, { t: 'ident' }>, cmd: Cmd, args: readonly Arg[], final: V, hasFinal: boolean): V {
    this.at(id.pos, id.name);
    const rest = args.slice(1);
    const name = id.name;
    const callAt = (): void => this.at(cmd.pos, cmdString(cmd));
    // and/or short-circuit and return the deciding operand.
    if (name === 'and' || name === 'or') {
      if (rest.length + (hasFinal ? 1 : 0) < 1) { callAt(); this.fail(`wrong number of args for ${name}: want at least 1 got 0`); }
      let v: V = NO_VALUE;
      for (const a of rest) {
        v = this.evalArg(dot, a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      return hasFinal ? final : v;
    }
    // An argument of a string parameter is checked as it is evaluated, at its own node (validateType).
    const argv = rest.map((a, i) => {
      const v = this.evalArg(dot, a);
      return STRING_PARAMS[name] === i ? this.stringArg(v) : v;
    });
    if (hasFinal) argv.push(STRING_PARAMS[name] === argv.length ? this.stringArg(final) : final);
    callAt();
    return this.call(name, argv);
  }

  private evalArg(dot: Boxed, a: Arg): V {
    this.at(a.pos, argString(a));
    switch (a.t) {
      case 'dot': return dot.v;
      case 'nil': return null;
      case 'field': return this.evalFieldChain(dot, dot, a, a.idents, [a], NO_VALUE, false);
      case 'var': {
        const val = this.varValue(a.name);
        return a.idents.length ? this.evalFieldChain(dot, val, a, a.idents, [a], NO_VALUE, false) : val.v;
      }
      case 'pipe': return this.evalPipeline(dot, a.pipe);
      case 'ident': return this.evalFunction(dot, a, { pos: a.pos, args: [a] }, [a], NO_VALUE, false);
      case 'chain': return this.evalCommand(dot, { pos: a.pos, args: [a] }, NO_VALUE, false);
      default: return a.v;
    }
  }

  private call(name: string, argv: V[]): V {
    const want = (n: number): void => {
      if (argv.length !== n) this.fail(`wrong number of args for ${name}: want ${n} got ${argv.length}`);
    };
    const atLeast = (n: number): void => {
      if (argv.length < n) this.fail(`wrong number of args for ${name}: want at least ${n} got ${argv.length}`);
    };
    const err = (msg: string): never => this.fail(`error calling ${name}: ${msg}`);
    // Arguments typed interface{} (print, printf, …) get nil for an invalid value.
    const iface = (): V[] => argv.map((v) => (v === NO_VALUE ? null : v));
    switch (name) {
      case 'not': want(1); return !isTrue(argv[0]);
      case 'len': {
        want(1);
        const v = argv[0];
        if (typeof v === 'string') return BigInt(new TextEncoder().encode(v).length);
        if (Array.isArray(v)) return BigInt(v.length);
        if (v !== null && typeof v === 'object') return BigInt(Object.keys(v).length);
        if (v === null) return err('len of nil pointer');
        // An invalid value reaches reflect's Type(), whose panic safeCall turns into the error.
        if (v === NO_VALUE) return err('reflect: call of reflect.Value.Type on zero Value');
        return err(`len of type ${goTypeName(v)}`);
      }
      case 'index': atLeast(1); return this.index(argv[0], argv.slice(1), err);
      case 'slice': atLeast(1); return this.slice(argv[0], argv.slice(1), err);
      case 'print': return sprint(iface());
      case 'println': return sprintln(iface());
      case 'printf': {
        atLeast(1);
        const f = this.stringArg(argv[0]);
        return sprintf(f, iface().slice(1));
      }
      case 'html': return htmlEscape(sprintArgs(iface()));
      case 'js': return jsEscape(sprintArgs(iface()));
      case 'urlquery': return encodeURIComponent(sprintArgs(iface())).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
      case 'eq': case 'ne': {
        if (name === 'ne') want(2); else atLeast(1);
        if (argv.length < 2) return err('missing argument for comparison');
        const r = eq(argv[0], argv.slice(1));
        if (typeof r === 'string') return err(r);
        return name === 'ne' ? !r : r;
      }
      case 'lt': case 'le': case 'gt': case 'ge': {
        want(2);
        const [a, b] = name === 'lt' || name === 'le' ? [argv[0], argv[1]] : [argv[1], argv[0]];
        const less = lt(a, b);
        if (typeof less === 'string') return err(less);
        if (name === 'lt' || name === 'gt') return less;
        const same = eq(a, [b]);
        if (typeof same === 'string') return err(same);
        return less || same;
      }
      case 'exists': atLeast(1); return exists(argv[0], argv.slice(1));
      case 'base64decode': {
        want(1);
        return base64decode(this.stringArg(argv[0]), err);
      }
      default: return this.fail(`call of ${name} is not supported`);
    }
  }

  // An argument of a func(string): a string, or Go's wrong-type error.
  private stringArg(v: V): string {
    if (typeof v === 'string') return v;
    if (v === NO_VALUE || v === null) return this.fail('invalid value; expected string');
    return this.fail(`wrong type for value; expected string; got ${goTypeName(v)}`);
  }

  private index(item: V, indexes: V[], err: (m: string) => never): V {
    let v = item;
    if (v === NO_VALUE || v === null) return err('index of untyped nil');
    for (const ix of indexes) {
      if (v === NO_VALUE || v === null) return err('index of nil pointer');
      if (Array.isArray(v) || typeof v === 'string') {
        const x = intIndex(ix, 'slice/array', err);
        const len = typeof v === 'string' ? new TextEncoder().encode(v).length : v.length;
        if (x < 0 || x >= len) return err(`index out of range: ${x}`);
        v = typeof v === 'string' ? BigInt(new TextEncoder().encode(v)[x]) : v[x];
      } else if (typeof v === 'object') {
        if (typeof ix !== 'string') return err(ix === null || ix === NO_VALUE ? 'value is nil; should be of type string' : `value has type ${goTypeName(ix)}; should be string`);
        const m = v as Record<string, V>;
        // A missing key gives the map's zero value: a nil interface{}.
        v = Object.prototype.hasOwnProperty.call(m, ix) ? m[ix] : null;
      } else return err(`can't index item of type ${goTypeName(v)}`);
    }
    return v;
  }

  private slice(item: V, idx: V[], err: (m: string) => never): V {
    if (item === NO_VALUE || item === null) return err('slice of untyped nil');
    if (idx.length > 3) return err(`too many slice indexes: ${idx.length}`);
    if (!Array.isArray(item) && typeof item !== 'string') return err(`can't slice item of type ${goTypeName(item)}`);
    if (typeof item === 'string' && idx.length === 3) return err('cannot 3-index slice a string');
    const len = item.length;
    const ix = idx.map((v) => intIndex(v, 'slice/array', err));
    const lo = ix[0] ?? 0;
    const hi = ix[1] ?? len;
    if (lo < 0 || lo > len) return err(`index out of range: ${lo}`);
    if (hi < lo || hi > len) return err(hi < lo ? `invalid slice index: ${lo} > ${hi}` : `index out of range: ${hi}`);
    return item.slice(lo, hi);
  }

  private printValue(pipe: Pipe, v: V): void {
    this.at(pipe.pos, pipeStringOf(pipe));
    this.out += v === NO_VALUE ? '<no value>' : sprintValue(v);
  }
}

function pipeStringOf(p: Pipe): string {
  const decl = p.decl.length ? p.decl.join(', ') + (p.isAssign ? ' = ' : ' := ') : '';
  return decl + p.cmds.map(cmdString).join(' | ');
}

/** kubectl's error for a template that does not parse, or null: `error: error parsing template T, template: …`. */
export function goTemplateParseError(text: string): string | null {
  if (text === '') return 'error: template format specified but no template given';
  try {
    parseGoTemplate(text);
    return null;
  } catch (e) {
    if (e instanceof GoTemplateParseError) return `error: error parsing template ${text}, ${e.message}`;
    throw e;
  }
}

/**
 * What kubectl's GoTemplatePrinter writes for one PrintObj call: the output, and on an execution error the
 * debugging text it adds to the output and the error kubectl then reports (`error: error executing template …`).
 */
export function goTemplatePrint(text: string, data: V, allowMissingKeys = true): { out: string; error: string | null } {
  const r = executeGoTemplate(parseGoTemplate(text), data, !allowMissingKeys);
  if (r.error === null) return r;
  const raw = goJson(data);
  const out = r.out
    + `Error executing template: ${r.error}. Printing more information for debugging the template:\n`
    + `\ttemplate was:\n\t\t${text}\n`
    + `\traw data was:\n\t\t${raw}\n`
    + `\tobject given to template engine was:\n\t\t${sprintValue(data)}\n\n`;
  return { out, error: `error: error executing template ${goQuote(text)}: ${r.error}` };
}
