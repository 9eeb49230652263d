// `kubectl delete`: by TYPE NAME…, TYPE/NAME, -f, -l or --all; --cascade, --grace-period, --force, and
// --wait (default) streaming until the objects are gone, --dry-run. Models kubectl/pkg/cmd/delete/delete.go.
import { CLUSTER_SCOPED, RESOURCE, qualifiedResource, type KObject, type Kind } from '../../engine/api/types.ts';
import type { DeleteOptions } from '../../engine/store/store.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { readManifests } from '../manifest.ts';
import { matchesRequirements } from '../../engine/api/labels.ts';
import { kindGroup } from '../resources.ts';
import { Stream } from '../stream.ts';
import { DRY_RUN_FLAG, dryRunOf, parseGoBool, withDryRun, type DryRun } from '../print-flags.ts';
import { fetchTarget, fieldSelectorOf, matchesFields, parseTargets, refuseNamesWithSelector, refusePathArgs, selectorOf, FILENAME_FLAG } from '../targets.ts';

type Policy = NonNullable<DeleteOptions['propagationPolicy']>;
const CASCADE: Record<string, Policy> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

// Models delete_flags.go parseCascadingFlag: the three strategies, or a deprecated boolean (any spelling
// strconv.ParseBool takes) with its warning on stderr.
export function cascadeOf(ctx: Ctx): Policy {
  const v = ctx.str('cascade');
  const b = parseGoBool(v);
  if (b === null) {
    const p = CASCADE[v];
    if (!p) throw new KubectlError(`error: invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
    return p;
  }
  ctx.err(`warning: --cascade=${v} is deprecated (boolean value) and can be replaced with --cascade=${b ? 'background' : 'orphan'}.\n`);
  return b ? 'Background' : 'Orphan';
}

// The object kubectl has for a target it did not fetch: a client dry run sends no request, not even a GET, so
// it names what it would delete whether or not it exists (the builder runs with RequireObject(false)).
const unfetched = (kind: Kind, namespace: string, name: string): KObject =>
  ({ metadata: CLUSTER_SCOPED.has(kind) ? { name } : { name, namespace } });

function collect(ctx: Ctx, dry: DryRun): { items: Array<{ kind: Kind; object: KObject }>; errors: string[] } {
  const files = ctx.list('filename');
  const selector = selectorOf(ctx);
  const fields = fieldSelectorOf(ctx);
  const all = ctx.bool('all');
  // The builder's argument rules, in its order (SelectAllParam, then paths, then selectors).
  if (all && (selector || fields.length)) throw new KubectlError("error: setting 'all' parameter but found a non empty selector. ");
  if (files.length) refusePathArgs(ctx.args);
  if (!files.length && (all || selector || fields.length)) {
    if (!ctx.args.length) throw new KubectlError('error: at least one resource must be specified to use a selector');
    refuseNamesWithSelector(ctx, ctx.args, parseTargets(ctx.args));
  }
  if (files.length) {
    const items: Array<{ kind: Kind; object: KObject }> = [];
    const errors: string[] = [];
    const manifests = readManifests(ctx, files, false);
    for (const m of manifests) {
      // -l keeps the objects whose labels in the file match (the builder filters before it fetches).
      if (selector && !matchesRequirements(selector, m.object.metadata?.labels)) continue;
      const ns = CLUSTER_SCOPED.has(m.kind) ? '' : (m.object.metadata?.namespace || ctx.namespace);
      const name = m.object.metadata?.name ?? '';
      const live = ctx.cluster.store.get(m.kind, ns, name) as KObject | undefined;
      if (live) items.push({ kind: m.kind, object: live });
      else if (dry === 'client') items.push({ kind: m.kind, object: unfetched(m.kind, ns, name) });
      else errors.push(`Error from server (NotFound): error when deleting "${m.file}": ${kindPlural(m.kind)} "${m.object.metadata?.name}" not found`);
    }
    // The objects read before a file's stream went wrong are deleted; its error comes after theirs.
    return { items, errors: [...errors, ...manifests.errors] };
  }
  const targets = parseTargets(ctx.args);
  if (targets.length === 0) throw new KubectlError(E.requiredResource('delete'));
  if (targets.some((t) => !t.names) && !selector && !fields.length && !all) throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const items: Array<{ kind: Kind; object: KObject }> = [];
  const errors: string[] = [];
  for (const t of targets) {
    if (dry === 'client' && t.names && !(ctx.bool('all-namespaces') && t.type.namespaced)) {
      items.push(...t.names.map((n) => ({ kind: t.type.kind, object: unfetched(t.type.kind, ctx.namespace, n) })));
      continue;
    }
    // delete asks the server for the object itself (no latest fetch), so a missing namespace is not looked into.
    const f = fetchTarget(ctx, t, { allNamespaces: ctx.bool('all-namespaces'), selector, lazy: true });
    items.push(...f.objects.filter((o) => matchesFields(fields, o)).map((object) => ({ kind: f.kind, object })));
    errors.push(...f.errors);
  }
  return { items, errors };
}

const kindPlural = (k: Kind): string => qualifiedResource(k);

// Options are checked as kubectl's Complete then Validate check them, before anything is fetched.
function options(ctx: Ctx): { cascade: Policy; grace: number; dry: DryRun } {
  const cascade = cascadeOf(ctx);
  let grace = ctx.int('grace-period');
  const force = ctx.bool('force');
  if (ctx.bool('now')) {
    if (grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dry = dryRunOf(ctx);
  const output = ctx.str('output');
  if (output !== '' && output !== 'name') throw new KubectlError(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  if (force && grace === 0) ctx.err(E.forceWarning + '\n');
  else if (force && grace > 0) throw new KubectlError('error: --force and --grace-period greater than 0 cannot be specified together');
  return { cascade, grace, dry };
}

// Models delete.go PrintObj: `<kind>.<group> "<name>" [force ]deleted[ from <ns> namespace][ (dry run)]`.
export function deletedLine(kind: Kind, m: NonNullable<KObject['metadata']>, grace: number, dry: DryRun): string {
  let op = grace === 0 ? 'force deleted' : 'deleted';
  if (!CLUSTER_SCOPED.has(kind)) op += ` from ${m.namespace} namespace`;
  return `${kindGroup(kind)} "${m.name}" ${withDryRun(op, dry)}\n`;
}

function run(ctx: Ctx): Stream | void {
  if (ctx.given('raw')) throw new KubectlError('error: "kubectl delete --raw" is not available in this simulated cluster');
  const { cascade, grace, dry } = options(ctx);
  const { items, errors } = collect(ctx, dry);
  const ignore = ctx.bool('ignore-not-found');
  const gone: Array<{ kind: Kind; ns: string; name: string; uid: string; label: string }> = [];
  // With -n given (not -A), the first cluster-scoped object deleted gets a warning that -n does not scope it.
  let warnClusterScope = ctx.namespaceExplicit && !ctx.bool('all-namespaces');
  for (const { kind, object } of items) {
    const m = object.metadata!;
    if (warnClusterScope && CLUSTER_SCOPED.has(kind)) {
      ctx.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
      warnClusterScope = false;
    }
    // A client dry run sends nothing; a server dry run is checked by the API server and changes nothing.
    if (dry !== 'client') {
      const r = ctx.cluster.store.delete(kind, m.namespace ?? '', m.name!, { propagationPolicy: cascade, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), dryRun: dry === 'server' });
      if (!r.ok) {
        if (!(ignore && r.status.reason === 'NotFound')) errors.push(apiErrorText(r.status));
        continue;
      }
    }
    ctx.out(ctx.str('output') === 'name' ? `${kindGroup(kind)}/${m.name}\n` : deletedLine(kind, m, grace, dry));
    gone.push({ kind, ns: m.namespace ?? '', name: m.name!, uid: m.uid!, label: `${kindGroup(kind)}/${m.name}` });
  }
  // Nothing matched (a selector or --all over no objects): said on standard output, not an error.
  if (items.length === 0 && errors.length === 0) ctx.out('No resources found\n');
  const realErrors = ignore ? errors.filter((e) => !e.includes('(NotFound)')) : errors;
  if (realErrors.length) {
    ctx.err(realErrors.map((e) => e + '\n').join(''));
    throw new KubectlError('', 1);
  }
  if (!ctx.bool('wait') || dry !== 'none') return;
  const remaining = (): typeof gone => gone.filter((g) => ctx.cluster.store.get(g.kind, g.ns, g.name)?.metadata?.uid === g.uid);
  // --timeout bounds the wait (0: a week, as delete.go makes it); the wait names the first object still there.
  const timeout = ctx.duration('timeout');
  const deadline = timeout > 0 ? ctx.cluster.now + timeout : undefined;
  return new Stream(ctx.cluster, {
    step: (st) => { if (remaining().length === 0) st.finish(0); },
    onTimeout: (st) => {
      const first = remaining()[0];
      if (first) st.err(`error: timed out waiting for the condition on ${RESOURCE[first.kind]}/${first.name}\n`);
    },
  }, false, deadline);
}

export const del: Verb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    FILENAME_FLAG,
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background', bare: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
    DRY_RUN_FLAG,
  ],
  run,
};
