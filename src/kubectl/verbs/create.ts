// `kubectl create -f`: creates every object of the manifests (AlreadyExists is an error); `--save-config`
// stores the last-applied annotation; --dry-run and -o as PrintFlags. Models kubectl/pkg/cmd/create/create.go RunCreate.
// Its sub-commands `configmap`, `namespace`, `poddisruptionbudget`, `secret …`, `service …` and `serviceaccount` generate
// the object; kubectl's others are not modelled.
import type { KObject } from '../../engine/api/types.ts';
import { parse as parseYaml } from 'yaml';
import type { Ctx, Unmodelled, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { eachManifest, readManifests } from '../manifest.ts';
import { VALIDATE_FLAG, fieldValidationOf } from '../mutate.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { toSend } from './apply.ts';
import { createConfigMap } from './create-configmap.ts';
import { createNamespace } from './create-namespace.ts';
import { createServiceAccount } from './create-serviceaccount.ts';
import { createPdb } from './create-pdb.ts';
import { createSecret } from './create-secret.ts';
import { createService } from './create-service.ts';
import { FILENAME_FLAG } from '../targets.ts';

// kubectl 1.35's other `create` sub-commands, under their cobra aliases.
const UNMODELLED: readonly Unmodelled[] = [
  { name: 'clusterrole' }, { name: 'clusterrolebinding' }, { name: 'cronjob', aliases: ['cj'] },
  { name: 'deployment', aliases: ['deploy'] }, { name: 'ingress', aliases: ['ing'] }, { name: 'job' },
  { name: 'priorityclass', aliases: ['pc'] }, { name: 'quota', aliases: ['resourcequota'] },
  { name: 'role' }, { name: 'rolebinding' }, { name: 'token' },
];

export const create: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    FILENAME_FLAG,
    { name: 'save-config', type: 'bool' },
    { name: 'raw', type: 'string', default: '' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
  ],
  subcommands: [createConfigMap, createNamespace, createPdb, createSecret, createService, createServiceAccount],
  unmodelled: UNMODELLED,
  run(ctx) {
    if (ctx.given('raw')) { createRaw(ctx); return; }
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const validation = fieldValidationOf(ctx);
    const files = ctx.list('filename');
    if (ctx.args.length) throw new KubectlError(E.usageErr('create', `Unexpected args: [${ctx.args.join(' ')}]`));
    if (!files.length) throw new KubectlError('error: must specify one of -f and -k');
    eachManifest(readManifests(ctx, files), (m) => {
      const obj = toSend(ctx, m, ctx.bool('save-config'));
      // A client dry run prints what it would send; the server checks a server dry run and stores nothing.
      if (dry === 'client') { printMutation(ctx, format, dry, m.kind, obj, 'created'); return; }
      const r = ctx.cluster.store.create(m.kind, obj, { dryRun: dry === 'server', fieldValidation: validation });
      for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
      if (!r.ok) throw new KubectlError(apiErrorText(r.status, { verb: 'creating', file: m.file }));
      printMutation(ctx, format, dry, m.kind, r.object as KObject, 'created');
    });
  },
};

const EVICTION_URI = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/;

/**
 * `create --raw URI -f FILE|-`: POSTs the file to the URI and prints the answer's body (RawOptions.Raw). Modelled
 * for the Eviction API, the request drain makes for each pod: the body is an Eviction (policy/v1) naming the pod of
 * the URI, with its deleteOptions' grace period.
 */
function createRaw(ctx: Ctx): void {
  const uri = ctx.str('raw');
  const files = ctx.list('filename');
  if (ctx.given('output')) throw new KubectlError('error: --raw and --output are mutually exclusive');
  if (files.length !== 1) throw new KubectlError('error: --raw can only use a single local file or stdin');
  if (/^https?:\/\//.test(files[0])) throw new KubectlError('error: --raw cannot read from a url');
  const m = EVICTION_URI.exec(uri);
  if (!m) throw new KubectlError(`error: "kubectl create --raw" is available in this simulated cluster only for the Eviction API (/api/v1/namespaces/NAMESPACE/pods/NAME/eviction), not ${uri}`);
  const [, ns, name] = m;
  const text = files[0] === '-' ? (ctx.io.stdin ?? '') : ctx.io.readFile?.(files[0]) ?? null;
  if (text === null) throw new KubectlError(E.fileNotFound(files[0]));
  let body: { apiVersion?: string; kind?: string; metadata?: { name?: string }; deleteOptions?: { gracePeriodSeconds?: number; dryRun?: string[] } };
  try {
    body = parseYaml(text) as typeof body;
  } catch {
    throw new KubectlError('Error from server (BadRequest): the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  }
  if (body?.kind !== 'Eviction' || !['policy/v1', 'policy/v1beta1'].includes(body.apiVersion ?? '')) {
    throw new KubectlError('Error from server (BadRequest): the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  }
  if (body.metadata?.name !== name) throw new KubectlError('Error from server (BadRequest): name in URL does not match name in Eviction object');
  const opts = body.deleteOptions ?? {};
  const r = ctx.cluster.store.evict(ns, name, {
    ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
    dryRun: (opts.dryRun ?? []).includes('All'),
  });
  if (!r.ok) throw new KubectlError(apiErrorText(r.status));
  ctx.out('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}\n');
}
