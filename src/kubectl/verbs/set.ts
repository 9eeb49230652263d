// `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (`*` for every container): updates the pod template's
// images; prints nothing when nothing changes. Models kubectl/pkg/cmd/set/set_image.go.
import type { KObject, Pod, PodTemplateSpec } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, splitResourceArgs, writeObject } from '../mutate.ts';
import { kindGroup } from '../resources.ts';
import { namedObjects } from '../targets.ts';

type PodSpec = NonNullable<Pod['spec']>;

function podSpecOf(o: KObject): PodSpec | undefined {
  if (o.kind === 'Pod' || (o as Pod).spec?.containers) return (o as Pod).spec;
  return ((o as { spec?: { template?: PodTemplateSpec } }).spec?.template)?.spec;
}

const image: Verb = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'filename', short: 'f', type: 'strings', default: [] },
  ],
  run(ctx) {
    const { resources, specs } = splitResourceArgs(ctx.args, (w) => w.includes('='));
    if (!specs.length) throw new KubectlError('error: at least one image update is required');
    const images = specs.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] as const);
    const { items, errors } = namedObjects(ctx, resources, { allowList: true });
    for (const { kind, object } of items) {
      const next = editable(object);
      const spec = podSpecOf(next);
      if (!spec) continue;
      for (const [name, img] of images) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          if (name === '*' || c.name === name) { c.image = img; found = true; }
        }
        if (!found) throw new KubectlError(E.noContainer(name));
      }
      const w = writeObject(ctx, kind, object, next);
      if (w.changed) ctx.out(`${kindGroup(kind)}/${object.metadata?.name} image updated\n`);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};

export const set: Verb = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [],
  subcommands: [image],
};
