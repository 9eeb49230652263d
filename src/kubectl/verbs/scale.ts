// `kubectl scale sts web --replicas=N`: writes spec.replicas only (the /scale subresource), with the
// --current-replicas precondition; --dry-run and -o as PrintFlags. Models kubectl/pkg/cmd/scale/scale.go and scale/scale.go.
import type { StatefulSet } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { namedObjects, FILENAME_FLAG } from '../targets.ts';
import { NO_SUCH_PATH, SCALABLE } from '../subresource.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

export const scale: Verb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'duration', default: '0s' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run(ctx) {
    if (!ctx.given('replicas')) throw new KubectlError(E.replicasRequired);
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const replicas = ctx.int('replicas');
    if (replicas < 0) throw new KubectlError(E.replicasNegative);
    if (ctx.int('current-replicas') < -1) throw new KubectlError('error: The --current-replicas must specify an integer of -1 or greater');
    const { items, errors } = namedObjects(ctx, ctx.args, { allowList: true });
    const version = ctx.str('resource-version');
    if (version && items.length > 1) throw new KubectlError('error: cannot use --resource-version with multiple resources');
    for (const { kind, object } of items) {
      // Deployments and ReplicaSets have a /scale too; this cluster serves them read-only, so the API server refuses.
      if (!SCALABLE.has(kind)) { errors.push(NO_SUCH_PATH); continue; }
      const live = object as StatefulSet;
      // The object kubectl fetched, with spec.replicas set to the new size (what it prints in every mode).
      const next = editable(live);
      next.spec = { ...next.spec!, replicas };
      // A client dry run skips the /scale call, and with it the precondition.
      if (dry !== 'client') {
        const current = ctx.int('current-replicas');
        if (current >= 0 && (live.spec?.replicas ?? 1) !== current) throw new KubectlError(E.precondition(current, live.spec?.replicas ?? 1));
        // ScalePrecondition: the Scale's resourceVersion (the workload's) must be the one given.
        const rv = live.metadata?.resourceVersion ?? '';
        if (version && rv !== version) throw new KubectlError(`error: Expected resource version to be ${version}, was ${rv}`);
        writeObject(ctx, kind, live, next, undefined, dry);
      }
      printMutation(ctx, format, dry, kind, next, 'scaled');
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};
