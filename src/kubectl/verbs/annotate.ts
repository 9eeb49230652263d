// `kubectl annotate`: the label verb's logic on metadata.annotations.
import type { Verb } from '../context.ts';
import { LIST_FLAG, runMetaEdit } from './label.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG } from '../print-flags.ts';
import { FILENAME_FLAG } from '../targets.ts';

export const annotate: Verb = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    LIST_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run: (ctx) => runMetaEdit(ctx, 'annotations'),
};
