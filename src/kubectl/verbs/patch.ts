// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: `patched` or `patched (no change)`.
// Models kubectl/pkg/cmd/patch/patch.go with the patch applied client-side to the live object.
import { parse } from 'yaml';
import type { KObject } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { PatchError, mergePatch, strategicMerge } from '../merge.ts';
import { jsonPatch, type JsonPatchOp } from '../json-patch.ts';
import { writeObject } from '../mutate.ts';
import { namedObjects } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

export const patch: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string', default: '' },
    { name: 'type', type: 'string', default: 'strategic' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'filename', short: 'f', type: 'strings', default: [] },
  ],
  run(ctx) {
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const type = ctx.str('type');
    if (!['strategic', 'merge', 'json'].includes(type)) {
      throw new KubectlError(`error: --type must be one of [json merge strategic], not "${type}"`);
    }
    const text = ctx.str('patch');
    if (!text) throw new KubectlError('error: must specify -p to patch');
    let body: unknown;
    try {
      body = parse(text);
    } catch (e) {
      throw new KubectlError(`error: unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
    }
    const { items, errors } = namedObjects(ctx, ctx.args);
    for (const { kind, object } of items) {
      let next: KObject;
      try {
        if (type === 'json') {
          if (!Array.isArray(body)) throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
          next = jsonPatch(object, body as JsonPatchOp[]) as KObject;
        } else next = (type === 'merge' ? mergePatch(object, body) : strategicMerge(object, body)) as KObject;
      } catch (e) {
        // The API server's answer to a patch it cannot apply, as kubectl renders it.
        throw new KubectlError(e instanceof PatchError ? e.kubectlText : `Error from server (BadRequest): ${(e as Error).message}`);
      }
      const w = writeObject(ctx, kind, object, next, undefined, dry);
      // patch.go builds a printer per object (ToPrinter(patchOperation(didPatch))): no `---` between documents.
      printMutation(ctx, format, dry, kind, w.object, w.changed ? 'patched' : 'patched (no change)', true);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};
