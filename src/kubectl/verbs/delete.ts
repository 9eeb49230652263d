// `kubectl delete`: by TYPE NAME…, TYPE/NAME, -f, -l or --all; --cascade, --grace-period, --force, and
// --wait (default) streaming until the objects are gone. Models kubectl/pkg/cmd/delete/delete.go.
import { CLUSTER_SCOPED, qualifiedResource, type KObject, type Kind } from '../../engine/api/types.ts';
import type { DeleteOptions } from '../../engine/store/store.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { readManifests } from '../manifest.ts';
import { kindGroup } from '../resources.ts';
import { Stream } from '../stream.ts';
import { fetchTarget, parseTargets, selectorOf } from '../targets.ts';

const CASCADE: Record<string, DeleteOptions['propagationPolicy']> = { background: 'Background', true: 'Background', foreground: 'Foreground', orphan: 'Orphan', false: 'Orphan' };

function collect(ctx: Ctx): { items: Array<{ kind: Kind; object: KObject }>; errors: string[] } {
  const files = ctx.list('filename');
  if (files.length) {
    const items: Array<{ kind: Kind; object: KObject }> = [];
    const errors: string[] = [];
    for (const m of readManifests(ctx, files)) {
      const ns = CLUSTER_SCOPED.has(m.kind) ? '' : (m.object.metadata?.namespace || ctx.namespace);
      const live = ctx.cluster.store.get(m.kind, ns, m.object.metadata?.name ?? '') as KObject | undefined;
      if (live) items.push({ kind: m.kind, object: live });
      else errors.push(`Error from server (NotFound): error when deleting "${m.file}": ${kindPlural(m.kind)} "${m.object.metadata?.name}" not found`);
    }
    return { items, errors };
  }
  const targets = parseTargets(ctx.args);
  if (targets.length === 0) throw new KubectlError(E.requiredResource('delete'));
  const selector = selectorOf(ctx);
  const all = ctx.bool('all');
  if (targets.some((t) => !t.names) && !selector && !all) throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const items: Array<{ kind: Kind; object: KObject }> = [];
  const errors: string[] = [];
  for (const t of targets) {
    const f = fetchTarget(ctx, t, { allNamespaces: ctx.bool('all-namespaces'), selector });
    items.push(...f.objects.map((object) => ({ kind: f.kind, object })));
    errors.push(...f.errors);
  }
  return { items, errors };
}

const kindPlural = (k: Kind): string => qualifiedResource(k);

function run(ctx: Ctx): Stream | void {
  const cascade = CASCADE[ctx.str('cascade')];
  if (!cascade) throw new KubectlError(`error: invalid cascade value (${ctx.str('cascade')}). Must be "background", "foreground", or "orphan".`);
  let grace = ctx.int('grace-period');
  const force = ctx.bool('force');
  if (ctx.bool('now')) grace = 1;
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace === 0) ctx.err(E.forceWarning + '\n');
  const { items, errors } = collect(ctx);
  const ignore = ctx.bool('ignore-not-found');
  const gone: Array<{ kind: Kind; ns: string; name: string; uid: string; label: string }> = [];
  for (const { kind, object } of items) {
    const m = object.metadata!;
    const r = ctx.cluster.store.delete(kind, m.namespace ?? '', m.name!, { propagationPolicy: cascade, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) });
    if (!r.ok) {
      if (!(ignore && r.status.reason === 'NotFound')) errors.push(apiErrorText(r.status));
      continue;
    }
    if (ctx.str('output') === 'name') ctx.out(`${kindGroup(kind)}/${m.name}\n`);
    else {
      const verb = grace === 0 ? 'force deleted' : 'deleted';
      ctx.out(`${kindGroup(kind)} "${m.name}" ${verb}${CLUSTER_SCOPED.has(kind) || grace === 0 ? '' : ` from ${m.namespace} namespace`}\n`);
    }
    gone.push({ kind, ns: m.namespace ?? '', name: m.name!, uid: m.uid!, label: `${kindGroup(kind)}/${m.name}` });
  }
  if (items.length === 0 && errors.length === 0 && !ignore) ctx.err('No resources found\n');
  const realErrors = ignore ? errors.filter((e) => !e.includes('(NotFound)')) : errors;
  if (realErrors.length) {
    ctx.err(realErrors.map((e) => e + '\n').join(''));
    throw new KubectlError('', 1);
  }
  if (!ctx.bool('wait')) return;
  const remaining = (): typeof gone => gone.filter((g) => ctx.cluster.store.get(g.kind, g.ns, g.name)?.metadata?.uid === g.uid);
  const s = new Stream(ctx.cluster, { step: (st) => { if (remaining().length === 0) st.finish(0); } }, false);
  return s;
}

export const del: Verb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'strings', default: [] },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ],
  run,
};
