// `kubectl label` and (shared) `kubectl annotate`: `k=v` sets, `k-` removes, --overwrite rules.
// Models kubectl/pkg/cmd/label/label.go and annotate/annotate.go.
import type { KObject } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, splitResourceArgs, writeObject } from '../mutate.ts';
import { namedObjects } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

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
    for (const [k, v] of set) {
      if (!overwrite && k in old && old[k] !== v) {
        throw new KubectlError(field === 'labels' ? E.labelOverwrite(k, old[k]) : E.annotateOverwrite(k, old[k]));
      }
      map[k] = v;
    }
    for (const k of remove) {
      if (!(k in map)) { ctx.err(`${field === 'labels' ? 'label' : 'annotation'} "${k}" not found.\n`); continue; }
      delete map[k];
    }
    const next = editable(object) as KObject;
    next.metadata = { ...next.metadata, [field]: map };
    if (Object.keys(map).length === 0) delete (next.metadata as Record<string, unknown>)[field];
    const w = writeObject(ctx, kind, object, next, undefined, dry);
    let msg: string;
    if (field === 'annotations') msg = 'annotated';
    else msg = !w.changed ? 'not labeled' : (!overwrite && Object.keys(map).length < Object.keys(old).length ? 'unlabeled' : 'labeled');
    printMutation(ctx, format, dry, kind, w.object, msg);
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
  ],
  run: (ctx) => runMetaEdit(ctx, 'labels'),
};
