// `kubectl describe TYPE [NAME_PREFIX]`: describe sts|pod|pvc, with kubectl's name-prefix matching and a
// blank line pair between objects. Models kubectl/pkg/cmd/describe/describe.go.
import type { KObject, Kind } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { DESCRIBERS } from '../print/describe/objects.ts';
import { DESCRIBE_OPTS, TabWriter } from '../print/table.ts';
import { fetchTarget, fileObjects, missingText, parseTargets, refuseNamesWithSelector, selectorOf, FILENAME_FLAG } from '../targets.ts';
import { typeOf } from '../resources.ts';

export const describe: Verb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    FILENAME_FLAG,
  ],
  run(ctx) {
    // The objects -f names are described by their names, without name-prefix matching.
    const files = fileObjects(ctx, ctx.args, { bareErrors: true });
    const targets = files ? [] : parseTargets(ctx.args);
    if (!files && targets.length === 0) {
      throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    if (!files) refuseNamesWithSelector(ctx, ctx.args, targets);
    const selector = selectorOf(ctx);
    // The 1.33+ API server attaches this warning to every v1 Endpoints read (kubectl prints a warning once).
    const kinds = files ? files.items.map((it) => it.kind) : targets.map((t) => t.type.kind);
    if (kinds.includes('Endpoints')) ctx.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    const found: Array<{ kind: Kind; object: KObject }> = files?.items ?? [];
    const errors: string[] = files?.errors ?? [];
    for (const it of found) {
      if (!DESCRIBERS[it.kind]) throw new KubectlError(`error: describing ${typeOf(it.kind).plural} is not supported by this simulated cluster`);
    }
    for (const t of targets) {
      if (!DESCRIBERS[t.type.kind]) throw new KubectlError(`error: describing ${t.type.plural} is not supported by this simulated cluster`);
      if (!t.names) {
        const f = fetchTarget(ctx, t, { allNamespaces: ctx.bool('all-namespaces'), selector });
        found.push(...f.objects.map((object) => ({ kind: t.type.kind, object })));
        continue;
      }
      for (const n of t.names) {
        const exact = ctx.cluster.store.get(t.type.kind, ctx.namespace, n) as KObject | undefined;
        const matches = exact ? [exact] : (ctx.cluster.store.list(t.type.kind, ctx.namespace) as KObject[]).filter((o) => o.metadata!.name!.startsWith(n));
        if (matches.length === 0) errors.push(missingText(ctx, t.type.kind, ctx.namespace, n));
        found.push(...matches.map((object) => ({ kind: t.type.kind, object })));
      }
    }
    const showEvents = ctx.bool('show-events');
    const texts = found.map(({ kind, object }) => DESCRIBERS[kind]!(ctx.cluster, object, showEvents).map((seg) => new TabWriter(DESCRIBE_OPTS).flush(seg)).join(''));
    ctx.out(texts.join('\n\n'));
    if (found.length === 0 && errors.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};
