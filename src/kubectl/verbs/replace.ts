// `kubectl replace -f FILE|-`: each object sent whole (PUT) in place of the live one, unconditionally when the
// file carries no resourceVersion; `--force` deletes the objects, waits until they are gone and creates them
// again. Models kubectl/pkg/cmd/replace/replace.go (Run, forceReplace) with delete.go's DeleteResult.
import { CLUSTER_SCOPED, type KObject, type Kind } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { eachManifest, manifestNamespace, readManifests, type Manifest } from '../manifest.ts';
import { VALIDATE_FLAG, fieldValidationOf } from '../mutate.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, allowMissingKeys, dryRunOf, mutationText, printFormatOf, printMutation, type PrintFormat } from '../print-flags.ts';
import { Stream } from '../stream.ts';
import { LAST_APPLIED, toSend } from './apply.ts';
import { cascadeOf, deletedLine } from './delete.ts';
import { FILENAME_FLAG } from '../targets.ts';

export const replace: Verb = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [
    FILENAME_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
    { name: 'save-config', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'cascade', type: 'string', default: 'background', bare: 'background' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'now', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
  ],
  run(ctx) {
    // Complete, then Validate, in replace.go's order.
    const validation = fieldValidationOf(ctx);
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const cascade = cascadeOf(ctx);
    let grace = ctx.int('grace-period');
    if (ctx.bool('now')) grace = 1;
    const files = ctx.list('filename');
    if (!files.length) throw new KubectlError('error: must specify one of -f and -k');
    const force = ctx.bool('force');
    if (grace >= 0 && !force) throw new KubectlError('error: --grace-period must have --force specified');
    const timeout = ctx.duration('timeout');
    if (timeout !== 0 && !force) throw new KubectlError('error: --timeout must have --force specified');
    if (force && dryRunOf(ctx) !== 'none') throw new KubectlError('error: --dry-run can not be used when --force is set');
    const sub = ctx.str('subresource');
    if (sub && sub !== 'status' && sub !== 'scale') throw new KubectlError(`error: invalid subresource value: "${sub}". Must be one of [status scale]`);
    if (sub || ctx.str('raw')) throw new KubectlError(`error: "kubectl replace --${sub ? 'subresource' : 'raw'}" is not available in this simulated cluster`);
    const manifests = readManifests(ctx, files);
    if (force) return forceReplace(ctx, manifests, { cascade, grace: grace === 0 ? 1 : grace, timeout: timeout || 300_000, validation, format });
    eachManifest(manifests, (m) => {
      const obj = sent(ctx, m);
      if (dry === 'client') { printMutation(ctx, format, dry, m.kind, obj, 'replaced'); return; }
      const r = ctx.cluster.store.update(m.kind, obj, { dryRun: dry === 'server', fieldValidation: validation });
      for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
      if (!r.ok) throw new KubectlError(apiErrorText(r.status, { verb: 'replacing', file: m.file }));
      printMutation(ctx, format, dry, m.kind, r.object as KObject, 'replaced');
    });
  },
};

// The object as replace sends it: the last-applied annotation is written when --save-config asks for it or the
// file already carries one (CreateOrUpdateAnnotation).
function sent(ctx: Ctx, m: Manifest): KObject {
  return toSend(ctx, m, ctx.bool('save-config') || m.object.metadata?.annotations?.[LAST_APPLIED] !== undefined);
}

interface ForceOptions {
  cascade: ReturnType<typeof cascadeOf>;
  grace: number;
  timeout: number;
  validation: ReturnType<typeof fieldValidationOf>;
  format: PrintFormat;
}

// forceReplace: delete what exists (a missing object is no error: replace creates it), print each deletion, wait
// until every deleted object is gone (up to --timeout, 5 minutes by default), then create them all.
function forceReplace(ctx: Ctx, manifests: readonly Manifest[] & { errors: readonly string[] }, o: ForceOptions): Stream | void {
  const store = ctx.cluster.store;
  const gone: Array<{ kind: Kind; ns: string; name: string; uid: string }> = [];
  for (const m of manifests) {
    const ns = CLUSTER_SCOPED.has(m.kind) ? '' : manifestNamespace(ctx, m);
    const name = m.object.metadata?.name ?? '';
    const live = store.get(m.kind, ns, name) as KObject | undefined;
    if (!live) continue;
    const r = store.delete(m.kind, ns, name, { propagationPolicy: o.cascade, ...(o.grace >= 0 ? { gracePeriodSeconds: o.grace } : {}) });
    if (!r.ok) {
      if (r.status.reason === 'NotFound') continue;
      throw new KubectlError(apiErrorText(r.status));
    }
    ctx.out(deletedLine(m.kind, live.metadata!, o.grace, 'none'));
    gone.push({ kind: m.kind, ns, name, uid: live.metadata!.uid! });
  }
  // The deleting visit ends in the stream's error: what it deleted stays deleted, and nothing is created again.
  if (manifests.errors.length) throw new KubectlError(manifests.errors.join('\n'));
  const remaining = () => gone.filter((g) => store.get(g.kind, g.ns, g.name)?.metadata?.uid === g.uid);
  const recreate = (out: (text: string) => void, err: (text: string) => void, s?: Stream): number => {
    for (const m of manifests) {
      const obj = sent(ctx, m);
      const r = store.create(m.kind, obj, { fieldValidation: o.validation });
      if (r.ok) s?.log(`kubectl create --validate=${o.validation.toLowerCase()} -f -`, JSON.stringify(obj));
      for (const w of r.warnings) err(`Warning: ${w}\n`);
      if (!r.ok) { err(apiErrorText(r.status) + '\n'); return 1; }
      out(mutationText(o.format, 'none', m.kind, r.object as KObject, 'replaced', allowMissingKeys(ctx)));
    }
    return 0;
  };
  if (remaining().length === 0) {
    const code = recreate((t) => ctx.out(t), (t) => ctx.err(t));
    if (code) throw new KubectlError('', code);
    return;
  }
  return new Stream(ctx.cluster, {
    step: (s) => { if (remaining().length === 0) s.finish(recreate((t) => s.out(t), (t) => s.err(t), s)); },
    onTimeout: (s) => s.err(`${E.timedOut}\n`),
  }, false, ctx.cluster.now + o.timeout);
}
