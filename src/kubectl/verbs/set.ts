// `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (`*` for every container): updates the pod template's
// images; prints nothing when nothing changes; --dry-run and -o as PrintFlags. Models kubectl/pkg/cmd/set/set_image.go.
import { RESOURCE, type KObject, type Pod, type PodTemplateSpec } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, splitResourceArgs, writeObject } from '../mutate.ts';
import { namedObjects, FILENAME_FLAG } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

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
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run(ctx) {
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const { resources, specs } = splitResourceArgs(ctx.args, (w) => w.includes('='));
    if (!specs.length) throw new KubectlError('error: at least one image update is required');
    const images = specs.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] as const);
    const { items, errors } = namedObjects(ctx, resources, { allowList: true });
    for (const { kind, object } of items) {
      const next = editable(object);
      const spec = podSpecOf(next);
      // set_image.go: UpdatePodSpecForObject refuses any other type (named as Go prints it), reported per object.
      if (!spec) { errors.push(`error: ${RESOURCE[kind]}/${object.metadata!.name} the object is not a pod or does not have a pod template: *v1.${kind}`); continue; }
      for (const [name, img] of images) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          if (name === '*' || c.name === name) { c.image = img; found = true; }
        }
        if (!found) throw new KubectlError(E.noContainer(name));
      }
      // Nothing is sent or printed for an object whose images are already these; a client dry run prints
      // the changed object without sending it.
      const w = writeObject(ctx, kind, object, next, undefined, dry);
      if (w.changed) printMutation(ctx, format, dry, kind, w.object, 'image updated');
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
