// How the rollout sub-commands walk the objects they are given and report what failed: the builder's ContinueOnError
// visit (history, undo), the gathered patches (restart, pause, resume), and cmdutil.CheckErr's rendering of one error
// or several. Models cli-runtime resource/visitor.go and builder.go Do, and kubectl/pkg/cmd/util/helpers.go checkErr.
import { GROUP, qualifiedResource, type ControllerRevision, type DaemonSet, type Deployment, type KObject, type Kind, type PodTemplateSpec, type ReplicaSet, type StatefulSet } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import type { FlagSpec } from '../flags.ts';
import { E, KubectlError } from '../errors.ts';
import { fetchTarget, fileObjects, namedObjects, parseTargets, refuseNamesWithSelector, selectorOf, type Found } from '../targets.ts';

export type Workload = { kind: 'StatefulSet'; object: StatefulSet } | { kind: 'Deployment'; object: Deployment } | { kind: 'DaemonSet'; object: DaemonSet };

export const WORKLOADS: readonly Kind[] = ['StatefulSet', 'Deployment', 'DaemonSet'];

/** `-l`: with a bare TYPE, the objects of the type it selects (every rollout sub-command takes it). */
export const SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', type: 'string', default: '' };

/** `--field-manager` of the sub-commands that patch (restart, pause, resume); accepted, as nothing records managers here. */
export const FIELD_MANAGER_FLAG: FlagSpec = { name: 'field-manager', type: 'string', default: 'kubectl-rollout' };

/**
 * An error whose own message begins with `error: `: restart, pause and resume word their patch function's refusal
 * so (`error: services "nginx" restarting is not supported`). Listed among other errors it keeps that prefix,
 * where CheckErr's own prefix is not added to a listed error.
 */
export class OwnPrefixError extends KubectlError {}

// A kind as Go prints a schema.GroupKind: by its String method (`Service`, `ReplicaSet.apps`), or as a bare struct
// value, whose String has a pointer receiver, under %q (`{"" "Service"}`).
const groupKind = (k: Kind): string => (GROUP[k] ? `${k}.${GROUP[k]}` : k);

// What each sub-command says of an object of a kind it has no helper for (polymorphichelpers' StatusViewerFor,
// HistoryViewerFor and RollbackerFor; the restarter and pauser as the sub-command reports a failed patch).
const UNSUPPORTED: Record<string, (kind: Kind, name: string) => KubectlError> = {
  status: (k) => new KubectlError(`error: no status viewer has been implemented for ${groupKind(k)}`),
  history: (k) => new KubectlError(`error: no history viewer has been implemented for "${groupKind(k)}"`),
  undo: (k) => new KubectlError(`error: no rollbacker has been implemented for {"${GROUP[k]}" "${k}"}`),
  restart: (k, n) => new OwnPrefixError(E.notSupported(qualifiedResource(k), n, 'restarting')),
  pause: (k, n) => new OwnPrefixError(E.notSupported(qualifiedResource(k), n, 'pausing')),
  resume: (k, n) => new OwnPrefixError(E.notSupported(qualifiedResource(k), n, 'resuming')),
};

/** The object as a workload of one of `kinds`; otherwise throws the sub-command's refusal of its kind. */
export function workload(ctx: Ctx, it: { kind: Kind; object: KObject }, kinds: readonly Kind[]): Workload {
  if (!kinds.includes(it.kind)) throw UNSUPPORTED[ctx.path.split(' ')[1]](it.kind, it.object.metadata!.name!);
  return it as Workload;
}

// Each sub-command's Validate: a resource or -f is required; status and history take no negative --revision.
function validate(ctx: Ctx): void {
  if (!ctx.args.length && !ctx.list('filename').length) throw new KubectlError('error: required resource not specified');
  if (ctx.flags.values.revision !== undefined && ctx.int('revision') < 0) throw new KubectlError(`error: revision must be a positive integer: ${ctx.int('revision')}`);
}

/**
 * The objects rollout status names. Its builder takes a single resource type: `sts,svc` (or `all`) is refused
 * before anything is fetched (builder.go resourceMappings), while `sts/web svc/nginx` is two objects.
 */
export function statusObjects(ctx: Ctx): Found {
  validate(ctx);
  const first = ctx.args[0];
  if (!ctx.list('filename').length && first && !first.includes('/')) {
    // SplitResourceArgument keeps each distinct word; `all` is a category of several types.
    const words = new Set(first.split(','));
    if (words.size > 1 || first.toLowerCase() === 'all') throw new KubectlError('error: you may only specify a single resource type');
  }
  return namedObjects(ctx, ctx.args, { emptySelector: true });
}

/** One step of a visit: an object the builder found, or the error fetching one. */
type Visit = { kind: Kind; object: KObject } | { error: string };

/**
 * What the builder visits, in its order. Named objects are fetched as they are visited, so a missing one fails in
 * its place; the objects -f names are fetched inside the file visitor, whose errors come back together after
 * every object was visited (`late`, one aggregate).
 */
function visits(ctx: Ctx): { steps: Visit[]; late: string[] } {
  validate(ctx);
  if (ctx.list('filename').length) {
    const f = fileObjects(ctx, ctx.args)!;
    return { steps: f.items, late: f.errors };
  }
  const steps: Visit[] = [];
  // One name at a time, so a NotFound keeps its place among the objects (a bad -l is still refused).
  const named = parseTargets(ctx.args);
  refuseNamesWithSelector(ctx, ctx.args, named);
  selectorOf(ctx);
  if (named.length && named.every((t) => t.names)) {
    for (const t of named) {
      for (const n of t.names!) {
        const f = fetchTarget(ctx, { type: t.type, names: [n] });
        steps.push(...f.objects.map((object) => ({ kind: f.kind, object })), ...f.errors.map((error) => ({ error })));
      }
    }
    return { steps, late: [] };
  }
  const { items, errors } = namedObjects(ctx, ctx.args, { emptySelector: true });
  return { steps: [...items, ...errors.map((error) => ({ error }))], late: [] };
}

/** An error as CheckErr receives it: one, or an aggregate nested in the list (the -f fetch errors). */
type Failure = KubectlError | { group: string[] };

/**
 * Runs history's or undo's work on each object in the builder's order. A failing object does not stop the others
 * (ContinueOnError): every error is reported at the end, and the command fails. `prepare` runs once the builder has
 * its objects and before the first is visited; what it throws ends the command.
 */
export function visitWorkloads(ctx: Ctx, fn: (w: Workload) => void, opts: { prepare?: () => void } = {}): void {
  const { steps, late } = visits(ctx);
  opts.prepare?.();
  const failures: Failure[] = [];
  for (const s of steps) {
    if ('error' in s) { failures.push(new KubectlError(s.error)); continue; }
    attempt(failures, () => fn(workload(ctx, s, WORKLOADS)));
  }
  if (late.length) failures.push({ group: late });
  report(failures);
}

/**
 * Runs restart's, pause's or resume's patch on each object found. What could not be fetched is reported first
 * (the sub-commands gather r.Infos()'s error before their patches'), then each failed patch; with nothing found and
 * nothing failed they say so on stderr.
 */
export function patchWorkloads(ctx: Ctx, fn: (w: Workload) => void, kinds: readonly Kind[] = WORKLOADS): void {
  const { steps, late } = visits(ctx);
  const found = steps.filter((s): s is { kind: Kind; object: KObject } => !('error' in s));
  const missing = steps.flatMap((s) => ('error' in s ? [s.error] : []));
  const failures: Failure[] = [];
  // Infos() returns a lone error as it is and several as an aggregate; the -f ones are always an aggregate.
  if (late.length) failures.push({ group: late });
  else if (missing.length === 1) failures.push(new KubectlError(missing[0]));
  else if (missing.length > 1) failures.push({ group: missing });
  if (!found.length && !failures.length) { ctx.err(`No resources found in ${ctx.namespace} namespace.\n`); return; }
  for (const it of found) attempt(failures, () => fn(workload(ctx, it, kinds)));
  report(failures);
}

// Runs one object's work; kubectl's errors are kept for the end, anything else is a bug and propagates.
function attempt(failures: Failure[], work: () => void): void {
  try {
    work();
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    failures.push(e);
  }
}

// The Go message of an API error (without StandardErrorMessage's `Error from server (Reason): `).
const bare = (text: string): string => text.replace(/^Error from server \([A-Za-z]+\): /, '');

// An error as MultipleErrors lists it: StandardErrorMessage for an API error, else the message as it is.
const listed = (e: KubectlError): string => (e instanceof OwnPrefixError ? e.text : e.text.replace(/^error: /, ''));

// An aggregate's own Error(): its one message, or the distinct messages in brackets.
function aggregateText(msgs: readonly string[]): string {
  const distinct = [...new Set(msgs.map(bare))];
  return distinct.length === 1 ? distinct[0] : `[${distinct.join(', ')}]`;
}

/**
 * Throws what CheckErr prints for the errors gathered, if any: an aggregate of one is unwrapped and printed as a
 * lone error (with `error: ` unless it is an API error); several are printed one per line with no prefix added.
 */
function report(failures: readonly Failure[]): void {
  if (!failures.length) return;
  if (failures.length === 1) {
    const f = failures[0];
    if ('group' in f) throw new KubectlError(f.group.join('\n'));
    throw f;
  }
  throw new KubectlError(failures.map((f) => ('group' in f ? aggregateText(f.group) : listed(f))).join('\n'));
}

/** The revisions a StatefulSet or DaemonSet controls (owned by its uid), sorted by revision number. */
export function revisionsOf(ctx: Ctx, set: StatefulSet | DaemonSet): ControllerRevision[] {
  return ctx.cluster.store.listByOwner('ControllerRevision', set.metadata!.uid!)
    .filter((r) => r.metadata?.ownerReferences?.some((o) => o.controller && o.uid === set.metadata!.uid))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** The pod template a revision stores (its data minus the `$patch` directive). */
export function revisionTemplate(r: ControllerRevision): PodTemplateSpec {
  const data = r.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const { $patch: _p, ...template } = data?.spec?.template ?? {};
  return template as PodTemplateSpec;
}

/** The ReplicaSets a Deployment controls. */
export function ownedReplicaSets(ctx: Ctx, d: Deployment): ReplicaSet[] {
  return ctx.cluster.store.listByOwner('ReplicaSet', d.metadata!.uid!).filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === d.metadata!.uid));
}

/** A Deployment ReplicaSet's revision (deploymentutil.Revision: 0 without the annotation). */
export const rsRevision = (rs: ReplicaSet): number => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
