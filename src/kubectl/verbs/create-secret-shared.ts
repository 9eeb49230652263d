// What `create secret generic|tls|docker-registry` share: the Secret they start from, the key checks, the file
// sources, the hash suffix and last-applied annotation, and the sending. Models create_secret.go newSecretObj,
// addKeyFromLiteralToSecret, handleSecretFromFileSources, and the Run each sub-command has.
import { base64Encode } from '../../engine/api/base64.ts';
import { isConfigMapKey } from '../../engine/api/config-strategies.ts';
import { goJson } from '../../engine/api/go-json.ts';
import { goQuote } from '../../engine/api/field-errors.ts';
import type { KObject, Secret } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { secretHash } from '../hash.ts';
import { SECRET_SHAPE } from '../typed-order.ts';
import { LAST_APPLIED } from './apply.ts';
import { sendGenerated, typedMetadata, type GeneratorFlags } from './create-generated.ts';
import { parseFileSource, readSourceFile } from './create-sources.ts';

/** A Secret being generated: its data in JSON form (base64 values), filled in the order the keys come. */
export type NewSecret = Secret & { metadata: NonNullable<Secret['metadata']>; data: Record<string, string> };

/** Models newSecretObj: the name, the namespace only when -n was given, the type (left out when empty). */
export function newSecret(ctx: Ctx, name: string, type: string): NewSecret {
  const metadata = ctx.namespaceExplicit ? { name, namespace: ctx.namespace } : { name };
  return { kind: 'Secret', apiVersion: 'v1', metadata, data: {}, ...(type ? { type } : {}) };
}

/** Models addKeyFromLiteralToSecret: a valid ConfigMap key, not there yet. */
export function addSecretKey(secret: NewSecret, key: string, value: Uint8Array): void {
  const errs = isConfigMapKey(key);
  if (errs.length) throw new KubectlError(`error: ${goQuote(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (key in secret.data) throw new KubectlError(`error: cannot add key ${key}, another key by that name already exists`);
  secret.data[key] = base64Encode(value);
}

/** Models handleSecretFromFileSources: each `[key=]path`, its bytes under the key. */
export function addSecretFiles(ctx: Ctx, secret: NewSecret, sources: readonly string[]): void {
  for (const source of sources) {
    const { key, path } = parseFileSource(source);
    addSecretKey(secret, key, readSourceFile(ctx, path));
  }
}

/**
 * The Secret as sent: empty data left out (omitempty), the name suffixed with the hash when asked (which sees the
 * name and type as generated), and with `--save-config` the last-applied annotation of its JSON in struct order.
 */
export function finishSecret(ctx: Ctx, secret: NewSecret): KObject {
  const out: Secret = { ...secret, metadata: { ...secret.metadata } };
  if (!Object.keys(secret.data).length) delete out.data;
  if (ctx.bool('append-hash')) out.metadata!.name = `${secret.metadata.name}-${secretHash(secret)}`;
  if (ctx.bool('save-config')) {
    const data = out.data ? `,"data":${goJson(out.data)}` : '';
    const type = out.type ? `,"type":${goJson(out.type)}` : '';
    out.metadata!.annotations = { [LAST_APPLIED]: `{"kind":"Secret","apiVersion":"v1","metadata":${typedMetadata(out.metadata!)}${data}${type}}\n` };
  }
  return out as KObject;
}

/** Sends a generated Secret; the API server's refusal in the sub-command's words. */
export function sendSecret(ctx: Ctx, flags: GeneratorFlags, secret: KObject, refused: (message: string) => string): void {
  sendGenerated(ctx, flags, 'Secret', secret, SECRET_SHAPE, (s) => refused(s.message));
}
