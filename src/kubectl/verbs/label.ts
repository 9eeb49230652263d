// `kubectl label` and (shared) `kubectl annotate`: `k=v` sets, `k-` removes, --overwrite rules.
// Models kubectl/pkg/cmd/label/label.go and annotate/annotate.go.
import { API_VERSION, type KObject } from '../../engine/api/types.ts';
import { isValidLabelValue } from '../../engine/api/validation-names.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, resourcesAndPairs, writeObject } from '../mutate.ts';
import { FILENAME_FLAG, namedObjects, parseTargets } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

// The annotation `kubectl annotate` may always overwrite (polymorphichelpers.ChangeCauseAnnotation).
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** Models label.go parseLabels: `k=v` (one `=`, a valid label value) sets, `k-` removes, not both for one key. */
function parseLabels(specs: readonly string[]): { set: Array<[string, string]>; remove: string[] } {
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new KubectlError(`error: invalid label spec: ${spec}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length) throw new KubectlError(`error: invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      set.push([parts[0], parts[1]]);
    } else remove.push(spec.slice(0, -1));
  }
  if (remove.some((k) => set.some(([s]) => s === k))) throw new KubectlError('error: can not both modify and remove a label in the same command');
  return { set, remove };
}

/** Models annotate.go parseAnnotations: `k=v` (the value may hold `=`, the key may not be empty) sets, `k-` removes. */
function parseAnnotations(specs: readonly string[]): { set: Array<[string, string]>; remove: string[] } {
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const key = spec.slice(0, spec.indexOf('='));
      if (!key) invalid.push(spec); else set.push([key, spec.slice(spec.indexOf('=') + 1)]);
    } else remove.push(spec.slice(0, -1));
  }
  if (invalid.length) throw new KubectlError(`error: invalid annotation format: ${invalid.join(', ')}`);
  return { set, remove };
}

// label.go updateDataChangeMsg: what the change did to the labels, from the maps before and after.
function labelChange(old: Record<string, string>, next: Record<string, string>): string {
  const added = Object.keys(next).some((k) => !(k in old) || old[k] !== next[k]);
  const removed = Object.keys(old).some((k) => !(k in next));
  return added && removed ? 'label(s) changed' : added ? 'labeled' : removed ? 'unlabeled' : 'not labeled';
}

/** Runs label (`field: 'labels'`) or annotate (`field: 'annotations'`). */
export function runMetaEdit(ctx: Ctx, field: 'labels' | 'annotations'): void {
  // label.go and annotate.go Complete, then Validate.
  const what = field === 'labels' ? 'label' : 'annotation';
  const { resources, pairs } = resourcesAndPairs(ctx.args, what);
  const { set, remove } = field === 'labels' ? parseLabels(pairs) : parseAnnotations(pairs);
  const list = ctx.bool('list');
  if (list && ctx.str('output')) throw new KubectlError('error: --list and --output may not be specified together');
  if (ctx.bool('all') && ctx.str('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time');
  if (!resources.length && !ctx.list('filename').length) throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!set.length && !remove.length && !list) throw new KubectlError(`error: at least one ${what} update is required`);
  if (field === 'annotations') {
    const both = remove.filter((k) => set.some(([s]) => s === k));
    if (both.length) throw new KubectlError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  }
  const dry = dryRunOf(ctx);
  const format = printFormatOf(ctx);
  const { items, errors } = namedObjects(ctx, resources, { allowList: true });
  // The builder implies a single item for one name, or one file.
  const files = ctx.list('filename');
  const targets = files.length ? [] : parseTargets(resources);
  const one = files.length ? files.length === 1 && files[0] !== '-' : targets.length === 1 && targets[0].names?.length === 1;
  const overwrite = ctx.bool('overwrite');
  for (const { kind, object } of items) {
    const old = { ...(object.metadata?.[field] ?? {}) } as Record<string, string>;
    const map = { ...old };
    // label.go says so on stdout, before its other checks, when it sends the change (not in a client dry
    // run, nor with --list); annotate says nothing.
    if (field === 'labels' && dry !== 'client' && !list) for (const k of remove) if (!(k in old)) ctx.out(`label "${k}" not found.\n`);
    // Without --overwrite a key that already has another value is refused; the same value is kept (label.go
    // validateNoOverwrites, annotate.go validateNoAnnotationOverwrites, which lets change-cause through).
    const clashes = set.filter(([k, v]) => !overwrite && k in old && old[k] !== v && !(field === 'annotations' && k === CHANGE_CAUSE));
    if (clashes.length) {
      const [k] = clashes[0];
      throw new KubectlError(field === 'labels' ? E.labelOverwrite(k, old[k])
        : `error: --overwrite is false but found the following declared annotation(s): ${clashes.map(([c]) => `'${c}' already has a value (${old[c]})`).join('; ')}`);
    }
    for (const [k, v] of set) map[k] = v;
    for (const k of remove) delete map[k];
    if (list) {
      // --list changes nothing on the server: it lists the map as the command would leave it, each object under a
      // heading unless one was implied (Go's map order; here sorted).
      const group = API_VERSION[kind].includes('/') ? API_VERSION[kind].split('/')[0] : '';
      const indent = one ? '' : ' ';
      if (!one) ctx.out(`Listing ${field} for ${kind}.${group}/${object.metadata?.name ?? ''}:\n`);
      ctx.out(Object.keys(map).sort().map((k) => `${indent}${k}=${map[k]}\n`).join(''));
      continue;
    }
    const next = editable(object) as KObject;
    next.metadata = { ...next.metadata, [field]: map };
    if (Object.keys(map).length === 0) delete (next.metadata as Record<string, unknown>)[field];
    const w = writeObject(ctx, kind, object, next, undefined, dry);
    // label prints the object it edited locally (info.Object), not the server's answer; annotate the answer.
    // label.go also builds its printer per object (ToPrinter(operation)): no `---` between YAML documents.
    if (field === 'labels') printMutation(ctx, format, dry, kind, w.changed ? next : object, labelChange(old, map), true);
    else printMutation(ctx, format, dry, kind, w.object, 'annotated');
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
}

/** `--list`: print the labels (annotations) instead of changing them. */
export const LIST_FLAG = { name: 'list', type: 'bool' } as const;

export const label: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    LIST_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run: (ctx) => runMetaEdit(ctx, 'labels'),
};
