// `kubectl wait --for=delete|create|condition=NAME[=VALUE]|jsonpath=EXPR[=VALUE] TYPE/NAME…`: waits on each object
// in turn until the condition holds (printing it through PrintFlags, `<kind>/<name> condition met` by default) or
// the shared timeout ends. Models kubectl/pkg/cmd/wait (wait.go, condition.go, json.go, delete.go, create.go).
import type { KObject, Kind } from '../../engine/api/types.ts';
import { notFound } from '../../engine/api/errors.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { OUTPUT_FLAG, TemplateFailure, allowMissingKeys, mutationText, printFormatOf, type PrintFormat } from '../print-flags.ts';
import { JsonPathExecError, jsonPathParseError, jsonpathValues } from '../print/jsonpath.ts';
import { served } from '../print/output.ts';
import { relaxedJsonPath } from '../print/sort-by.ts';
import { typeOf } from '../resources.ts';
import { Stream } from '../stream.ts';
import { fieldSelectorOf, matchesFields, namedObjects, FILENAME_FLAG, type Found } from '../targets.ts';

/** A parsed `--for`. A jsonpath `value` of null matches any value the expression finds. */
export type WaitFor =
  | { t: 'delete' }
  | { t: 'create' }
  | { t: 'condition'; name: string; status: string }
  | { t: 'jsonpath'; expr: string; value: string | null };

/**
 * Parses `--for` as conditionFuncFor does; throws kubectl's error. Only `delete` and `create` ignore case: the
 * `condition=` and `jsonpath=` prefixes must be written in lower case.
 */
export function parseWaitFor(spec: string): WaitFor {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return { t: 'delete' };
  if (lower === 'create') return { t: 'create' };
  if (spec.startsWith('condition=')) {
    // The first `=` after the prefix separates name and value; the value defaults to true.
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq < 0 ? { t: 'condition', name: rest, status: 'true' } : { t: 'condition', name: rest.slice(0, eq), status: rest.slice(eq + 1) };
  }
  if (spec.startsWith('jsonpath=')) return parseJsonPathFor(spec.slice('jsonpath='.length));
  throw new KubectlError(`error: unrecognized condition: ${JSON.stringify(spec)}`);
}

/**
 * Splits on each single `=`, keeping `==` (a filter's comparison) inside a part. Models wait.go
 * splitJSONPathInput: `!=` is split like any other `=`.
 */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '=') cur += input[i];
    else if (input[i + 1] === '=') { cur += '=='; i++; }
    else { out.push(cur); cur = ''; }
  }
  return [...out, cur];
}

// Models wait.go processJSONPathInput and newJSONPathParser: relax the expression (braces and the leading dot are
// optional), trim quotes off the value, then parse the expression with the JSONPath engine.
function parseJsonPathFor(input: string): WaitFor {
  const parts = splitJsonPathInput(input);
  if (parts.length > 2) throw new KubectlError("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  // An empty expression stays empty (RelaxedJSONPathExpression passes it through) and is refused after the value.
  const expr = parts[0] === '' ? '' : relaxedJsonPath(parts[0]);
  if (expr === null) throw new KubectlError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : null;
  if (value === '') throw new KubectlError("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  if (expr === '') throw new KubectlError('error: jsonpath expression cannot be empty');
  // The parser's own error, without the `error parsing jsonpath …` wrapping the -o jsonpath printer adds.
  const bad = jsonPathParseError(expr);
  if (bad) throw new KubectlError(`error: ${bad}`);
  return { t: 'jsonpath', expr, value };
}

/** What looking at an object found: not yet (null), the condition holds, or an error that ends its wait. */
type Check = boolean | { error: string };

interface Condition { type?: unknown; status?: unknown; observedGeneration?: unknown }

/**
 * Models condition.go checkCondition: the first condition of the type (case-folded) with a status decides, unless
 * it (or the status) reports an observedGeneration older than metadata.generation, when it is not met yet.
 */
function conditionHolds(o: KObject, name: string, status: string): boolean {
  const st = (o as { status?: { conditions?: unknown; observedGeneration?: unknown } }).status;
  if (!Array.isArray(st?.conditions)) return false;
  for (const c of st.conditions as unknown[]) {
    if (!c || typeof c !== 'object' || Array.isArray(c)) return false;
    const { type, status: s, observedGeneration } = c as Condition;
    if (typeof type !== 'string' || type.toLowerCase() !== name.toLowerCase() || typeof s !== 'string') continue;
    const generation = o.metadata?.generation;
    const observed = typeof observedGeneration === 'number' ? observedGeneration : st.observedGeneration;
    if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) return false;
    return s.toLowerCase() === status.toLowerCase();
  }
  return false;
}

/**
 * Models json.go checkCondition over the object as the API serves it (missing keys allowed): nothing found is not
 * met; more than one value, or a map or list compared with a value, is an error.
 */
function jsonPathHolds(kind: Kind, o: KObject, expr: string, value: string | null): Check {
  let found: unknown[];
  try {
    found = jsonpathValues(expr, served(kind, o));
  } catch (e) {
    // A template that fails on the object (an index out of range, a bad comparison) ends its wait.
    if (e instanceof JsonPathExecError) return { error: e.message };
    throw e;
  }
  if (found.length === 0) return false;
  if (found.length > 1) return { error: 'given jsonpath expression matches more than one value' };
  if (value === null) return true;
  const v = found[0];
  if (v !== null && typeof v === 'object') return { error: 'jsonpath leads to a nested object or list which is not supported' };
  // fmt's %v of a decoded JSON value: nil prints as <nil>.
  return (v === null ? '<nil>' : String(v)).trim() === value.trim();
}

/** One object of the wait, read by name when its turn comes (`turn` records what was seen then). */
interface Item { kind: Kind; ns: string; name: string; object: KObject; turn?: { uid?: string; object: KObject } }

/** Upstream's info.ObjectName() and extendErrWaitTimeout name objects by resource, without the group. */
const resourceName = (it: Item): string => `${typeOf(it.kind).plural}/${it.name}`;

/** Models utilerrors.NewAggregate through CheckErr: one error with `error: ` (an API status as it is), several one per line. */
function aggregate(errors: readonly string[]): string {
  if (errors.length > 1) return errors.join('\n');
  return errors[0].startsWith('Error from server') ? errors[0] : `error: ${errors[0]}`;
}

/**
 * The objects the builder finds: namedObjects, with `--field-selector` applied to listed objects (a selector lets a
 * bare TYPE list, as -l does; -f ignores it, as the builder's path visitor does).
 */
function find(ctx: Ctx): Found {
  const fields = fieldSelectorOf(ctx);
  const fromFiles = ctx.list('filename').length > 0;
  // wait lists and watches by name, so a missing namespace is not looked into.
  // Its errors are printed as CheckErr prints an aggregate (`error: ` added to a single one), so they come bare.
  if (!fields.length || fromFiles) return namedObjects(ctx, ctx.args, { allowList: true, lazy: true, bareErrors: true });
  const f = namedObjects(ctx, ctx.args, { allowList: true, emptySelector: true, lazy: true, bareErrors: true });
  return { items: f.items.filter((i) => matchesFields(fields, i.object)), errors: f.errors };
}

const WEEK_MS = 168 * 3600_000;

/** `--timeout`: zero checks once, a negative duration means a week (WaitFlags.ToOptions). */
function timeoutOf(ctx: Ctx): number {
  const ms = ctx.duration('timeout');
  return ms < 0 ? WEEK_MS : ms;
}

export const wait: Verb = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string', default: '' },
    { name: 'timeout', type: 'duration', default: '30s' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    FILENAME_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx) {
    // ToOptions order: the printer, then the condition, then (in RunWait) the builder.
    const format = printFormatOf(ctx);
    const cond = parseWaitFor(ctx.str('for'));
    const timeout = timeoutOf(ctx);
    return new Waiter(ctx, cond, format, timeout, find(ctx)).stream;
  },
};

/** A run of `kubectl wait`: the objects in builder order, waited on one at a time against one deadline. */
class Waiter {
  readonly stream: Stream;
  private items: Item[] | null = null;
  private next = 0;
  private printed = 0;
  private readonly errors: string[] = [];

  constructor(private readonly ctx: Ctx, private readonly cond: WaitFor, private readonly format: PrintFormat, private readonly timeout: number, first: Found) {
    // --for=create polls the builder until it finds something, so what it finds first is only a first look.
    if (cond.t !== 'create') this.take(first);
    this.stream = new Stream(ctx.cluster, { step: (s) => this.step(s), onTimeout: (s) => this.timedOut(s) }, false, ctx.cluster.now + timeout);
  }

  private take(f: Found): void {
    this.items = f.items.map(({ kind, object }) => ({ kind, ns: object.metadata?.namespace ?? '', name: object.metadata?.name ?? '', object }));
    // The builder continues past objects it cannot get (ContinueOnError); --for=delete ignores those not found.
    this.errors.push(...(this.cond.t === 'delete' ? f.errors.filter((e) => !e.includes('(NotFound)')) : f.errors));
  }

  private step(s: Stream): void {
    if (!this.items && !this.created(s)) return;
    const items = this.items!;
    while (this.next < items.length) {
      const it = items[this.next];
      const r = this.look(it);
      if (r === null) return;
      if ('error' in r) this.errors.push(r.error); else this.print(s, it.kind, r.met);
      this.next++;
    }
    if (this.errors.length) { s.err(aggregate(this.errors) + '\n'); s.finish(1); return; }
    if (items.length === 0 && this.cond.t !== 'delete') { s.err('error: no matching resources found\n'); s.finish(1); return; }
    s.finish(0);
  }

  /**
   * The poll of RunWait for --for=create: done once the builder finds objects without error. One missing name is
   * not found yet; several are an aggregate, which apierrors.IsNotFound does not see through, so the wait fails.
   */
  private created(s: Stream): boolean {
    let f: Found;
    try {
      f = find(this.ctx);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      s.err(e.text + '\n');
      s.finish(e.code);
      return false;
    }
    if (f.errors.length > 1) { s.err(aggregate(f.errors) + '\n'); s.finish(1); return false; }
    if (f.errors.length || !f.items.length) return false;
    this.take(f);
    return true;
  }

  /** One look at an object: null while waiting, else the object to print or the error it ended with. */
  private look(it: Item): { met: KObject } | { error: string } | null {
    const live = this.ctx.cluster.store.get(it.kind, it.ns, it.name) as KObject | undefined;
    const first = !it.turn;
    const once = this.timeout === 0;
    const notMet = { error: `condition not met for ${resourceName(it)}` };
    const c = this.cond;
    if (c.t === 'create') return { met: it.object };
    if (c.t === 'delete') {
      // IsDeleted reads the object when its turn comes; gone by then is deleted, and so is a new object under
      // the same name later (the watch saw the old one's deletion).
      if (first) {
        if (!live) return { met: it.object };
        it.turn = { uid: live.metadata?.uid, object: live };
        return once ? notMet : null;
      }
      return !live || live.metadata?.uid !== it.turn!.uid ? { met: it.turn!.object } : null;
    }
    if (first) it.turn = { object: it.object };
    // The watch starts from a list by name: missing then is NotFound; missing later only means not met yet.
    if (!live) return first ? { error: apiErrorText(notFound(it.kind, it.name)) } : null;
    const r = c.t === 'condition' ? conditionHolds(live, c.name, c.status) : jsonPathHolds(it.kind, live, c.expr, c.value);
    if (r === true) return { met: live };
    if (r !== false) return r;
    return once ? notMet : null;
  }

  // The printer is built once, so YAML documents after the first start with `---`. RunWait ignores what PrintObj
  // returns: a template that fails leaves its output and the wait goes on.
  private print(s: Stream, kind: Kind, object: KObject): void {
    const sep = this.format === 'yaml' && this.printed++ > 0 ? '---\n' : '';
    try {
      s.out(sep + mutationText(this.format, 'none', kind, object, 'condition met', allowMissingKeys(this.ctx)));
    } catch (e) {
      if (!(e instanceof TemplateFailure)) throw e;
      s.out(sep + e.partial);
    }
  }

  // One context bounds the whole run: the object being waited on times out, and so does every one after it
  // (their watches cannot sync once the context is done). --for=create's poll times out without a name.
  private timedOut(s: Stream): void {
    if (!this.items) { s.err(E.timedOut + '\n'); return; }
    for (const it of this.items.slice(this.next)) this.errors.push(`timed out waiting for the condition on ${resourceName(it)}`);
    s.err(aggregate(this.errors) + '\n');
  }
}
