// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: `patched` or `patched (no change)`.
// Models kubectl/pkg/cmd/patch/patch.go with the patch applied client-side to the live object.
import { parse } from 'yaml';
import type { KObject } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError, noSuchFile } from '../errors.ts';
import { goQuote } from '../../engine/api/field-errors.ts';
import { PatchError, badRequest, isObj, jsonKind } from '../json.ts';
import { mergePatch, strategicMerge } from '../merge.ts';
import { decodeJsonPatchOps, jsonPatch } from '../json-patch.ts';
import { writeObject } from '../mutate.ts';
import { namedObjects, FILENAME_FLAG } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

export const patch: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string', default: '' },
    { name: 'patch-file', type: 'string', default: '' },
    { name: 'type', type: 'string', default: 'strategic' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run(ctx) {
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    // patch.go Validate: the patch flags first, then the type, matched without regard to case.
    const given = ctx.str('patch'), file = ctx.str('patch-file');
    if (given && file) throw new KubectlError('error: cannot specify --patch and --patch-file together');
    if (!given && !file) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch');
    const type = ctx.str('type').toLowerCase();
    if (!['strategic', 'merge', 'json'].includes(type)) {
      throw new KubectlError(`error: --type must be one of [json merge strategic], not ${goQuote(ctx.str('type'))}`);
    }
    const read = file ? ctx.io.readFile?.(file) ?? null : given;
    if (read === null) throw new KubectlError(`error: unable to read patch file: ${noSuchFile(file)}`);
    const text = read;
    let body: unknown;
    try {
      body = parse(text);
    } catch (e) {
      // RunPatch quotes the -p value as Go's %q does (empty with --patch-file).
      throw new KubectlError(`error: unable to parse ${goQuote(given)}: yaml: ${(e as Error).message.split('\n')[0]}`);
    }
    const { items, errors } = namedObjects(ctx, ctx.args);
    for (const { kind, object } of items) {
      let next: KObject;
      try {
        next = patched(type, object, body, dry === 'client') as KObject;
      } catch (e) {
        if (!(e instanceof PatchError)) throw e;
        throw new KubectlError(dry === 'client' ? localErrorText(e) : e.kubectlText);
      }
      // kubectl patch names no fieldValidation: the API server's default (Warn) drops unknown fields with a warning.
      const w = writeObject(ctx, kind, object, next, undefined, dry, { fieldValidation: 'Warn', patch: { type: type as 'strategic' | 'merge' | 'json', body } });
      // patch.go builds a printer per object (ToPrinter(patchOperation(didPatch))): no `---` between documents.
      // Setting the operation there replaces the dry-run template Complete had applied, so no "(dry run)".
      printMutation(ctx, format, 'none', kind, w.object, w.changed ? 'patched' : 'patched (no change)', true);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};

// The patched object: as the API server computes it, or (a client dry run) as patch.go getPatchedJSON does
// locally, without the server's first typed reading of the body.
function patched(type: string, object: KObject, body: unknown, local: boolean): unknown {
  if (type === 'json') {
    if (!local) decodeJsonPatchOps(body);
    return jsonPatch(object, body);
  }
  if (type === 'merge') {
    if (!local && body !== null && !isObj(body)) {
      throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(body)} into Go value of type map[string]interface {}`);
    }
    return mergePatch(object, body);
  }
  // strategicpatch.StrategicMergePatch refuses a body that is not an object before merging.
  if (local && body !== null && !isObj(body)) throw new PatchError('invalid JSON document');
  return strategicMerge(object, body);
}

// A client dry run's error is kubectl's own: printed as `error: …`, with getPatchedJSON's rewording of
// json-patch's "doc is missing key".
function localErrorText(e: PatchError): string {
  const at = e.message.indexOf('doc is missing key');
  if (at >= 0) return `error: Object to be patched is missing field (${e.message.slice(e.message.indexOf('key:', at) + 5)})`;
  return `error: ${e.message}`;
}
