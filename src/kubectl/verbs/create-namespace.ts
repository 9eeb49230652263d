// `kubectl create namespace NAME` (alias `ns`): sends a Namespace with only its name; `--save-config` stores the
// last-applied annotation; --dry-run and -o as PrintFlags. Models kubectl/pkg/cmd/create/create_namespace.go.
import { goJson } from '../../engine/api/go-json.ts';
import type { KObject } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError, apiErrorText } from '../errors.ts';
import { NAMESPACE_SHAPE } from '../typed-order.ts';
import { LAST_APPLIED } from './apply.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs, sendGenerated } from './create-generated.ts';

/**
 * The Namespace kubectl generates, in the typed struct's order. With `annotate`, the last-applied annotation holds
 * the object's own JSON as the typed encoder writes it (struct order; no creationTimestamp in 1.35).
 */
export function generateNamespace(name: string, annotate: boolean): KObject {
  const ns = { kind: 'Namespace', apiVersion: 'v1', metadata: { name } as KObject['metadata'], spec: {}, status: {} };
  // The typed encoder's JSON: struct order, Go's string escaping.
  const json = `{"kind":"Namespace","apiVersion":"v1","metadata":{"name":${goJson(name)}},"spec":{},"status":{}}\n`;
  if (annotate) ns.metadata = { name, annotations: { [LAST_APPLIED]: json } };
  return ns as KObject;
}

export const createNamespace: Verb = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  flags: GENERATOR_FLAGS,
  run(ctx) {
    // Complete, then Validate, in kubectl's order.
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    if (!name) throw new KubectlError('error: name must be specified');
    sendGenerated(ctx, flags, 'Namespace', generateNamespace(name, ctx.bool('save-config')), NAMESPACE_SHAPE, apiErrorText);
  },
};
