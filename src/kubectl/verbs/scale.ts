// `kubectl scale sts web --replicas=N`: writes spec.replicas only (the /scale subresource), with the
// --current-replicas precondition. Models kubectl/pkg/cmd/scale/scale.go and scale/scale.go.
import type { StatefulSet } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { kindGroup } from '../resources.ts';
import { namedObjects } from '../targets.ts';

export const scale: Verb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ],
  run(ctx) {
    if (!ctx.given('replicas')) throw new KubectlError(E.replicasRequired);
    const replicas = ctx.int('replicas');
    if (replicas < 0) throw new KubectlError(E.replicasNegative);
    const { items, errors } = namedObjects(ctx, ctx.args, { allowList: true });
    for (const { kind, object } of items) {
      if (kind !== 'StatefulSet') { errors.push('Error from server (NotFound): the server could not find the requested resource'); continue; }
      const live = object as StatefulSet;
      const current = ctx.int('current-replicas');
      if (current >= 0 && (live.spec?.replicas ?? 1) !== current) throw new KubectlError(E.precondition(current, live.spec?.replicas ?? 1));
      const next = editable(live);
      next.spec = { ...next.spec!, replicas };
      writeObject(ctx, kind, live, next);
      const label = `${kindGroup(kind)}/${live.metadata?.name}`;
      ctx.out(ctx.str('output') === 'name' ? `${label}\n` : `${label} scaled\n`);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};
