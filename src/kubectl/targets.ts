// Turning `TYPE [NAME…]`, `TYPE1,TYPE2`, `TYPE/NAME…` and `all` into typed targets, and fetching them from
// the store with namespace and label-selector filtering. Models cli-runtime resource.Builder's argument rules.
import { CLUSTER_SCOPED, type KObject, type Kind } from '../engine/api/types.ts';
import { notFound } from '../engine/api/errors.ts';
import { matchesRequirements, parseSelector, type Requirement } from '../engine/api/labels.ts';
import type { Ctx } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { E, KubectlError, apiErrorText } from './errors.ts';
import { manifestNamespace, readManifests } from './manifest.ts';
import { ALL_CATEGORY, resolveType, typeOf, type ResourceType } from './resources.ts';

/** One resource type and the names asked for (null: every object of the type). */
export interface Target { type: ResourceType; names: string[] | null }

/** Whether kubectl prints `kind/name` (several types, `all`, or `TYPE/NAME` of several types). */
export function multipleTypes(args: readonly string[]): boolean {
  if (args.length === 0) return false;
  if (args[0] === 'all' || args[0].includes(',')) return true;
  if (args.every((a) => a.includes('/'))) return new Set(args.map((a) => a.split('/')[0])).size > 1;
  return false;
}

function typeOrThrow(word: string): ResourceType {
  const t = resolveType(word);
  if (!t) throw new KubectlError(E.noResourceType(word));
  return t;
}

/** Parses positional arguments into targets; throws KubectlError with kubectl's text on bad input. */
export function parseTargets(args: readonly string[]): Target[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) throw new KubectlError(E.oneTypeNameRequired);
    const out: Target[] = [];
    for (const a of args) {
      const [word, name] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
      const t = typeOrThrow(word);
      const prev = out.find((x) => x.type.kind === t.kind);
      if (prev) prev.names!.push(name); else out.push({ type: t, names: [name] });
    }
    return out;
  }
  const words = args[0].split(',').filter(Boolean);
  const names = args.length > 1 ? args.slice(1) : null;
  const out: Target[] = [];
  for (const w of words) {
    const kinds: Kind[] = w.toLowerCase() === 'all' ? [...ALL_CATEGORY] : [typeOrThrow(w).kind];
    for (const k of kinds) if (!out.some((x) => x.type.kind === k)) out.push({ type: typeOf(k), names });
  }
  return out;
}

/** Parses `-l`; throws kubectl's error text. */
export function selectorOf(ctx: Ctx): Requirement[] | null {
  const text = ctx.flags.values.selector as string | undefined;
  if (!text) return null;
  const r = parseSelector(text);
  if (!r.ok) throw new KubectlError(r.error);
  return r.reqs;
}

/**
 * The NotFound text for a named object the builder fetched and did not find. Fetching the latest object (cli-runtime
 * Info.Get, which get, describe, edit, label, scale, patch, set, rollout, logs and exec go through) asks next, in a
 * namespace other than `default`, whether the namespace exists: when it does not, that is the error. `lazy`: the
 * verb lets the server answer for the object instead (delete, wait), so the object is what is missing.
 */
export function missingText(ctx: Ctx, kind: Kind, namespace: string, name: string, lazy = false): string {
  const noNamespace = !lazy && !CLUSTER_SCOPED.has(kind) && namespace !== '' && namespace !== 'default' && !ctx.cluster.store.get('Namespace', '', namespace);
  return apiErrorText(noNamespace ? notFound('Namespace', namespace) : notFound(kind, name));
}

/** What fetching a target found, in store order, and the NotFound errors for missing names. */
export interface Fetched { kind: Kind; objects: KObject[]; errors: string[] }

/** Fetches a target from the store: named objects (NotFound texts for missing) or a filtered list. */
export function fetchTarget(ctx: Ctx, target: Target, opts: { allNamespaces?: boolean; selector?: Requirement[] | null; lazy?: boolean } = {}): Fetched {
  const kind = target.type.kind;
  const store = ctx.cluster.store;
  const ns = ctx.namespace;
  if (target.names) {
    // The builder has no namespace to read a named object of a namespaced type from across all of them.
    if (opts.allNamespaces && target.type.namespaced) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces');
    const objects: KObject[] = [];
    const errors: string[] = [];
    for (const n of target.names) {
      const o = store.get(kind, ns, n) as KObject | undefined;
      if (o) objects.push(o); else errors.push(missingText(ctx, kind, ns, n, opts.lazy));
    }
    return { kind, objects, errors };
  }
  const listNs = opts.allNamespaces || !target.type.namespaced ? undefined : ns;
  let objects = store.list(kind, listNs) as KObject[];
  if (opts.selector) objects = objects.filter((o) => matchesRequirements(opts.selector!, o.metadata?.labels));
  return { kind, objects, errors: [] };
}

/**
 * The builder's refusal of names beside a selector (visitBySelector): `-l`, `--field-selector` or `--all` select
 * by label, so `TYPE NAME` and `TYPE/NAME` arguments are refused before anything is fetched.
 */
export function refuseNamesWithSelector(ctx: Ctx, args: readonly string[], targets: readonly Target[]): void {
  const v = ctx.flags.values;
  const selecting = !!(v.selector as string | undefined)?.trim() || !!(v['field-selector'] as string | undefined)?.trim() || v.all === true;
  if (!selecting || !targets.some((t) => t.names)) return;
  if (args.some((a) => a.includes('/'))) throw new KubectlError('error: selectors and the all flag cannot be used when passing resource/name arguments');
  throw new KubectlError('error: name cannot be provided when a selector is specified');
}

/** `-f, --filename`: files, URLs or `-` (standard input) whose objects a verb works on. */
export const FILENAME_FLAG: FlagSpec = { name: 'filename', short: 'f', type: 'strings', default: [] };

/** Objects a verb works on, with the texts of those it could not find. */
export interface Found { items: Array<{ kind: Kind; object: KObject }>; errors: string[] }

/** The builder's refusal of resource arguments given beside `-f` (visitByPaths). */
export function refusePathArgs(args: readonly string[]): void {
  if (args.some((a) => !a.includes('/'))) throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  if (args.length) throw new KubectlError('error: resource/name arguments cannot be provided when a path is specified');
}

/**
 * The objects that `-f` files name, each read live from the store in its own namespace (the file's, else the
 * context's), in file order, with a NotFound text for each that is not there; `-l` keeps those whose labels in the
 * file match (the builder filters what it read before it fetches the live object). Null when the verb was given no `-f`. Resource arguments beside `-f` are refused in the builder's words.
 * `oneFile`: one file was read (not standard input), for which the builder implies a single item.
 * Models cli-runtime resource.Builder visitByPaths with Latest (RetrieveLatest) and a label filter.
 */
export function fileObjects(ctx: Ctx, args: readonly string[], opts: { lazy?: boolean; bareErrors?: boolean } = {}): (Found & { oneFile: boolean }) | null {
  const files = (ctx.flags.values.filename as string[] | undefined) ?? [];
  if (files.length === 0) return null;
  refusePathArgs(args);
  const selector = selectorOf(ctx);
  const manifests = readManifests(ctx, files, false);
  const out: Found & { oneFile: boolean } = { items: [], errors: [], oneFile: files.length === 1 && files[0] !== '-' };
  for (const m of manifests) {
    if (selector && !matchesRequirements(selector, m.object.metadata?.labels)) continue;
    const ns = manifestNamespace(ctx, m);
    const name = m.object.metadata?.name ?? '';
    const live = ctx.cluster.store.get(m.kind, CLUSTER_SCOPED.has(m.kind) ? '' : ns, name) as KObject | undefined;
    if (!live) out.errors.push(missingText(ctx, m.kind, CLUSTER_SCOPED.has(m.kind) ? '' : ns, name, opts.lazy));
    else out.items.push({ kind: m.kind, object: live });
  }
  // get and describe print what the reading met as the error says it, without kubectl's `error: ` (bareErrors).
  out.errors.push(...manifests.errors.map((e) => (opts.bareErrors ? e.replace(/^error: /, '') : e)));
  return out;
}

/**
 * The named objects a mutating verb works on (`TYPE NAME…`, `TYPE/NAME…`, `-l`/`--all` lists, or the objects
 * `-f` names). `allowList`: a bare TYPE lists with `-l` or `--all`; `emptySelector`: a bare TYPE lists every object
 * of the type (the builder's ResourceTypeOrNameArgs with allowEmptySelector, as the rollout commands call it).
 */
export function namedObjects(
  ctx: Ctx, args: readonly string[],
  opts: { allowList?: boolean; emptySelector?: boolean; lazy?: boolean; bareErrors?: boolean; ownSelector?: boolean } = {},
): Found {
  const files = fileObjects(ctx, args, opts);
  if (files) return { items: files.items, errors: files.errors };
  const targets = parseTargets(args);
  if (targets.length === 0) throw new KubectlError(E.requiredResource(ctx.path));
  // `ownSelector`: the command's --selector is its own (expose's, for the Service), not one that lists objects.
  if (!opts.ownSelector) refuseNamesWithSelector(ctx, args, targets);
  const selector = opts.ownSelector ? undefined : selectorOf(ctx);
  const all = ctx.flags.values.all === true;
  if (targets.some((t) => !t.names) && !opts.emptySelector && !(opts.allowList && (selector || all))) {
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  }
  const items: Array<{ kind: Kind; object: KObject }> = [];
  const errors: string[] = [];
  for (const t of targets) {
    const f = fetchTarget(ctx, t, { selector, lazy: opts.lazy });
    items.push(...f.objects.map((object) => ({ kind: f.kind, object })));
    errors.push(...f.errors);
  }
  return { items, errors };
}

/** One `--field-selector` term: a dotted field path compared with `=`/`==` or `!=`. */
export interface FieldTerm { path: string[]; equal: boolean; value: string }

/** Parses `--field-selector` (`involvedObject.kind=StatefulSet,status.phase!=Running`). */
export function fieldSelectorOf(ctx: Ctx): FieldTerm[] {
  const text = (ctx.flags.values['field-selector'] as string | undefined) ?? '';
  if (!text) return [];
  return text.split(',').map((term) => {
    const m = /^([A-Za-z0-9.]+)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (!m) throw new KubectlError(`error: invalid selector: '${text}'; can't understand '${term}'`);
    return { path: m[1].split('.'), equal: m[2] !== '!=', value: m[3] };
  });
}

/** Whether an object satisfies every field term (a missing field reads as ""). */
export function matchesFields(terms: readonly FieldTerm[], o: KObject): boolean {
  return terms.every((t) => {
    let cur: unknown = o;
    for (const p of t.path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
    const v = cur === undefined || cur === null ? '' : String(cur);
    return (v === t.value) === t.equal;
  });
}
