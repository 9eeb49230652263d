// `kubectl create -f`: creates every object of the manifests (AlreadyExists is an error); `--save-config`
// stores the last-applied annotation; --dry-run and -o as PrintFlags. Models kubectl/pkg/cmd/create/create.go RunCreate.
import type { KObject } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError, apiErrorText } from '../errors.ts';
import { eachManifest, readManifests } from '../manifest.ts';
import { VALIDATE_FLAG, fieldValidationOf } from '../mutate.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { toSend } from './apply.ts';

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
  run(ctx) {
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const validation = fieldValidationOf(ctx);
    const files = ctx.list('filename');
    if (!files.length) throw new KubectlError(`error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples`);
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
