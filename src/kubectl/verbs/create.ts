// `kubectl create -f`: creates every object of the manifests (AlreadyExists is an error); `--save-config`
// stores the last-applied annotation; --dry-run and -o as PrintFlags. Models kubectl/pkg/cmd/create/create.go RunCreate.
// Its sub-commands `namespace`, `poddisruptionbudget` and `service …` generate the object; kubectl's others are not modelled.
import type { KObject } from '../../engine/api/types.ts';
import type { Unmodelled, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { eachManifest, readManifests } from '../manifest.ts';
import { VALIDATE_FLAG, fieldValidationOf } from '../mutate.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { toSend } from './apply.ts';
import { createNamespace } from './create-namespace.ts';
import { createPdb } from './create-pdb.ts';
import { createService } from './create-service.ts';

// kubectl 1.35's other `create` sub-commands, under their cobra aliases.
const UNMODELLED: readonly Unmodelled[] = [
  { name: 'clusterrole' }, { name: 'clusterrolebinding' }, { name: 'configmap', aliases: ['cm'] }, { name: 'cronjob', aliases: ['cj'] },
  { name: 'deployment', aliases: ['deploy'] }, { name: 'ingress', aliases: ['ing'] }, { name: 'job' },
  { name: 'priorityclass', aliases: ['pc'] }, { name: 'quota', aliases: ['resourcequota'] },
  { name: 'role' }, { name: 'rolebinding' }, { name: 'secret' }, { name: 'serviceaccount', aliases: ['sa'] }, { name: 'token' },
];

export const create: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'strings', default: [] },
    { name: 'save-config', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    VALIDATE_FLAG,
  ],
  subcommands: [createNamespace, createPdb, createService],
  unmodelled: UNMODELLED,
  run(ctx) {
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const validation = fieldValidationOf(ctx);
    const files = ctx.list('filename');
    if (!files.length) throw new KubectlError(`error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples`);
    if (ctx.args.length) throw new KubectlError(E.usageErr('create', `Unexpected args: [${ctx.args.join(' ')}]`));
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
