// `kubectl label` and (shared) `kubectl annotate`: `k=v` sets, `k-` removes, --overwrite rules.
// Models kubectl/pkg/cmd/label/label.go and annotate/annotate.go.
import type { KObject } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, splitResourceArgs, writeObject } from '../mutate.ts';
import { FILENAME_FLAG, namedObjects } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

// The annotation `kubectl annotate` may always overwrite (polymorphichelpers.ChangeCauseAnnotation).
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const isSpec = (w: string): boolean => w.includes('=') || (w.endsWith('-') && !w.includes('/'));

/** Runs label (`field: 'labels'`) or annotate (`field: 'annotations'`). */
export function runMetaEdit(ctx: Ctx, field: 'labels' | 'annotations'): void {
  const { resources, specs } = splitResourceArgs(ctx.args, isSpec);
  if (!specs.length) throw new KubectlError(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  for (const s of specs) {
    if (s.includes('=')) set.push([s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]);
    else remove.push(s.slice(0, -1));
  }
  const dry = dryRunOf(ctx);
  const format = printFormatOf(ctx);
  const { items, errors } = namedObjects(ctx, resources, { allowList: true });
  const overwrite = ctx.bool('overwrite');
  for (const { kind, object } of items) {
    const old = { ...(object.metadata?.[field] ?? {}) } as Record<string, string>;
    const map = { ...old };
    // label.go says so on stdout, before its other checks, when it sends the change (not in a client dry
    // run); annotate says nothing.
    if (field === 'labels' && dry !== 'client') for (const k of remove) if (!(k in old)) ctx.out(`label "${k}" not found.\n`);
    for (const [k, v] of set) {
      // Without --overwrite any key already there is refused, even with the same value (label.go
      // validateNoOverwrites; annotate.go validateNoAnnotationOverwrites lets change-cause through).
      if (!overwrite && k in old && !(field === 'annotations' && k === CHANGE_CAUSE)) {
        throw new KubectlError(field === 'labels' ? E.labelOverwrite(k, old[k]) : E.annotateOverwrite(k, old[k]));
      }
      map[k] = v;
    }
    for (const k of remove) delete map[k];
    const next = editable(object) as KObject;
    next.metadata = { ...next.metadata, [field]: map };
    if (Object.keys(map).length === 0) delete (next.metadata as Record<string, unknown>)[field];
    const w = writeObject(ctx, kind, object, next, undefined, dry);
    let msg: string;
    if (field === 'annotations') msg = 'annotated';
    else msg = !w.changed ? 'not labeled' : (!overwrite && Object.keys(map).length < Object.keys(old).length ? 'unlabeled' : 'labeled');
    // label prints the object it edited locally (info.Object), not the server's answer; annotate the answer.
    // label.go also builds its printer per object (ToPrinter(operation)): no `---` between YAML documents.
    if (field === 'labels') printMutation(ctx, format, dry, kind, w.changed ? next : object, msg, true);
    else printMutation(ctx, format, dry, kind, w.object, msg);
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
}

export const label: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run: (ctx) => runMetaEdit(ctx, 'labels'),
};
