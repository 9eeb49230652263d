// `kubectl create serviceaccount NAME` (alias `sa`): sends a ServiceAccount with only its name (and its namespace when
// -n was given); `--save-config` stores the last-applied annotation; --dry-run and -o as PrintFlags; the API server's
// refusal is wrapped in "failed to create serviceaccount". Models kubectl/pkg/cmd/create/create_serviceaccount.go.
import { goJson } from '../../engine/api/go-json.ts';
import type { KObject } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { SERVICE_ACCOUNT_SHAPE } from '../typed-order.ts';
import { LAST_APPLIED } from './apply.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs, sendGenerated } from './create-generated.ts';

/**
 * The ServiceAccount kubectl generates: its namespace only when `namespace` is given (EnforceNamespace); with
 * `annotate`, the last-applied annotation holds its typed JSON.
 */
export function generateServiceAccount(name: string, namespace: string | undefined, annotate: boolean): KObject {
  const metadata: KObject['metadata'] = namespace === undefined ? { name } : { name, namespace };
  // The typed encoder's JSON: struct order, Go's string escaping.
  const ns = namespace === undefined ? '' : `,"namespace":${goJson(namespace)}`;
  const json = `{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":${goJson(name)}${ns}}}\n`;
  if (annotate) metadata.annotations = { [LAST_APPLIED]: json };
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata };
}

export const createServiceAccount: Verb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  flags: GENERATOR_FLAGS,
  run(ctx) {
    // Complete, then Validate, in kubectl's order.
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    if (!name) throw new KubectlError('error: name must be specified');
    const sa = generateServiceAccount(name, ctx.namespaceExplicit ? ctx.namespace : undefined, ctx.bool('save-config'));
    sendGenerated(ctx, flags, 'ServiceAccount', sa, SERVICE_ACCOUNT_SHAPE, (s) => `error: failed to create serviceaccount: ${s.message}`);
  },
};
