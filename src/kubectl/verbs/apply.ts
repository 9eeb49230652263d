// `kubectl apply -f`: client-side apply with the last-applied-configuration annotation and a three-way
// merge, so re-applying an edited manifest changes only what changed. Models kubectl/pkg/cmd/apply
// (apply.go applyOneObject, patcher.go) and util.GetModifiedConfiguration.
import { goJson } from '../../engine/api/go-json.ts';
import { CLUSTER_SCOPED, type KObject } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError, apiErrorText } from '../errors.ts';
import { readManifests, type Manifest } from '../manifest.ts';
import { threeWay } from '../merge.ts';
import { editable, writeObject } from '../mutate.ts';
import { kindGroup, typeOf } from '../resources.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object kubectl sends: namespace filled in and the last-applied annotation set to its own JSON. */
export function withLastApplied(m: Manifest, namespace: string): KObject {
  const o = editable(m.object);
  o.metadata = { ...(o.metadata ?? {}) };
  if (!CLUSTER_SCOPED.has(m.kind)) o.metadata.namespace = namespace;
  const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  const json = goJson(o) + '\n';
  o.metadata.annotations = { ...annotations, [LAST_APPLIED]: json };
  return o;
}

/** The namespace a manifest object goes to; throws kubectl's mismatch error when it contradicts `-n`. */
export function manifestNamespace(ctx: Ctx, m: Manifest): string {
  const own = m.object.metadata?.namespace;
  if (own && ctx.namespaceExplicit && own !== ctx.namespace) {
    throw new KubectlError(`error: the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || ctx.namespace;
}

function applyOne(ctx: Ctx, m: Manifest): string {
  const ns = manifestNamespace(ctx, m);
  const modified = withLastApplied(m, ns);
  const name = modified.metadata?.name ?? '';
  const label = `${kindGroup(m.kind)}/${name}`;
  const store = ctx.cluster.store;
  const live = store.get(m.kind, CLUSTER_SCOPED.has(m.kind) ? '' : ns, name) as KObject | undefined;
  if (!live) {
    const r = store.create(m.kind, modified);
    for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
    if (!r.ok) throw new KubectlError(apiErrorText(r.status, { verb: 'creating', file: m.file }));
    return `${label} created`;
  }
  const lastText = live.metadata?.annotations?.[LAST_APPLIED];
  if (lastText === undefined) {
    ctx.err(`Warning: resource ${typeOf(m.kind).plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
  }
  let original: unknown = null;
  try { original = lastText ? JSON.parse(lastText) : null; } catch { original = null; }
  const next = threeWay(original, modified, live) as KObject;
  const w = writeObject(ctx, m.kind, live, next, { verb: 'patching', file: m.file });
  return `${label} ${w.changed ? 'configured' : 'unchanged'}`;
}

export const apply: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'strings', default: [] },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'server-side', type: 'bool' },
    { name: 'dry-run', type: 'string', default: 'none' },
  ],
  run(ctx) {
    const files = ctx.list('filename');
    if (!files.length) throw new KubectlError(`error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples`);
    const errors: string[] = [];
    for (const m of readManifests(ctx, files)) {
      try {
        const line = applyOne(ctx, m);
        ctx.out(ctx.str('output') === 'name' ? line.split(' ')[0] + '\n' : line + '\n');
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        errors.push(e.text);
      }
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};
