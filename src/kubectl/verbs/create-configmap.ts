// `kubectl create configmap NAME` (alias `cm`): a ConfigMap whose keys come from files (UTF-8 content in data,
// anything else in binaryData), literals and env files, checked as kubectl checks them; `--append-hash` suffixes
// the name with the hash of its contents; `--save-config`, --dry-run and -o as the other generators. Models
// kubectl/pkg/cmd/create/create_configmap.go.
import { base64Encode } from '../../engine/api/base64.ts';
import { isConfigMapKey } from '../../engine/api/config-strategies.ts';
import { goJson } from '../../engine/api/go-json.ts';
import { goQuote } from '../../engine/api/field-errors.ts';
import type { ConfigMap, KObject } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { addFromEnvFile } from '../env-file.ts';
import { configMapHash } from '../hash.ts';
import { utf8Text } from '../utf8.ts';
import { CONFIG_MAP_SHAPE } from '../typed-order.ts';
import { LAST_APPLIED } from './apply.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs, sendGenerated, typedMetadata } from './create-generated.ts';
import { SOURCE_FLAGS, parseFileSource, parseLiteralSource, readSourceFile, validateSources } from './create-sources.ts';

// The keys gathered so far: data and binaryData (base64, their JSON form), in the order they were added.
interface Keys { name: string; data: Record<string, string>; binaryData: Record<string, string> }

// Models validateNewConfigMap: a key must be a valid ConfigMap key and new to both maps.
function checkNewKey(cm: Keys, key: string): void {
  const errs = isConfigMapKey(key);
  if (errs.length) throw new KubectlError(`error: ${goQuote(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
  for (const [field, map] of [['Data', cm.data], ['BinaryData', cm.binaryData]] as const) {
    if (key in map) throw new KubectlError(`error: cannot add key ${goQuote(key)}, another key by that name already exists in ${field} for ConfigMap ${goQuote(cm.name)}`);
  }
}

function addLiteral(cm: Keys, key: string, value: string): void {
  checkNewKey(cm, key);
  cm.data[key] = value;
}

// Models addKeyFromFileToConfigMap: UTF-8 content is text, anything else binary.
function addFile(ctx: Ctx, cm: Keys, key: string, path: string): void {
  const bytes = readSourceFile(ctx, path);
  const text = utf8Text(bytes);
  if (text !== null) { addLiteral(cm, key, text); return; }
  checkNewKey(cm, key);
  cm.binaryData[key] = base64Encode(bytes);
}

/**
 * Models ConfigMapOptions.createConfigMap: the keys of the files, then the literals, then the env files; the hash
 * suffix when asked. `namespace` is set only when -n was given (EnforceNamespace).
 */
export function generateConfigMap(ctx: Ctx, name: string, namespace: string | undefined): ConfigMap {
  const cm: Keys = { name, data: {}, binaryData: {} };
  for (const source of ctx.list('from-file')) {
    const { key, path } = parseFileSource(source);
    addFile(ctx, cm, key, path);
  }
  for (const source of ctx.list('from-literal')) {
    const { key, value } = parseLiteralSource(source);
    addLiteral(cm, key, value);
  }
  for (const path of ctx.list('from-env-file')) addFromEnvFile(path, readSourceFile(ctx, path), (k, v) => addLiteral(cm, k, v));
  const out: ConfigMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: namespace === undefined ? { name } : { name, namespace } };
  // Empty maps are left out of the JSON (omitempty); the hash still sees an empty data map.
  if (Object.keys(cm.data).length) out.data = cm.data;
  if (Object.keys(cm.binaryData).length) out.binaryData = cm.binaryData;
  if (ctx.bool('append-hash')) out.metadata!.name = `${name}-${configMapHash({ ...out, data: cm.data })}`;
  return out;
}

/** Models CreateOrUpdateAnnotation: the last-applied annotation holds the ConfigMap's JSON in struct order. */
function annotated(cm: ConfigMap): ConfigMap {
  const maps = (['data', 'binaryData'] as const).filter((f) => cm[f]).map((f) => `,"${f}":${goJson(cm[f])}`).join('');
  const json = `{"kind":"ConfigMap","apiVersion":"v1","metadata":${typedMetadata(cm.metadata!)}${maps}}\n`;
  return { ...cm, metadata: { ...cm.metadata, annotations: { [LAST_APPLIED]: json } } };
}

export const createConfigMap: Verb = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  flags: [...GENERATOR_FLAGS, ...SOURCE_FLAGS],
  run(ctx) {
    // Complete, then Validate, then Run, in kubectl's order.
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    if (!name) throw new KubectlError('error: name must be specified');
    validateSources(ctx);
    let cm = generateConfigMap(ctx, name, ctx.namespaceExplicit ? ctx.namespace : undefined);
    if (ctx.bool('save-config')) cm = annotated(cm);
    sendGenerated(ctx, flags, 'ConfigMap', cm as KObject, CONFIG_MAP_SHAPE, (s) => `error: failed to create configmap: ${s.message}`);
  },
};
