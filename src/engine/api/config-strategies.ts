// ConfigMap and Secret (core/v1): their keys, sizes, the Secret types' required keys, `immutable`, and a Secret's
// stringData merged into data as the v1 conversion does. Models pkg/apis/core/validation ValidateConfigMap(Update),
// ValidateSecret(Update), SetDefaults_Secret and Convert_v1_Secret_To_core_Secret.
import type { KindStrategy } from './admission.ts';
import { base64Decode, base64OfText, utf8Bytes, utf8String } from './base64.ts';
import { goJsonSyntaxError } from './go-json-syntax.ts';
import { FIELD_IMMUTABLE, forbidden, invalid, required, tooLong } from './field-errors.ts';
import { semanticEqual } from './json-util.ts';
import type { ConfigMap, KObject, Secret, StatusCause } from './types.ts';
import { isDNS1123Subdomain, regexError, validateObjectMeta } from './validation-names.ts';

/** core.MaxSecretSize: the most a ConfigMap's or Secret's values may hold together, in bytes. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_RE = /^[-._a-zA-Z0-9]+$/;

/** Problems with a ConfigMap or Secret key (a file name in a volume). Models IsConfigMapKey. */
export function isConfigMapKey(key: string): string[] {
  const out: string[] = [];
  if (key.length > 253) out.push('must be no more than 253 characters');
  if (!CONFIG_MAP_KEY_RE.test(key)) {
    out.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  // hasChDirPrefix
  if (key === '.') out.push(`must not be '.'`);
  else if (key === '..') out.push(`must not be '..'`);
  else if (key.startsWith('..')) out.push(`must not start with '..'`);
  return out;
}

const keyErrors = (keys: Iterable<string>, field: string): StatusCause[] =>
  [...keys].sort().flatMap((k) => isConfigMapKey(k).map((msg) => invalid(`${field}[${k}]`, k, msg)));

// The byte length of a base64 value once decoded (the value is known to decode: typeError checked it).
const decodedLength = (v: string | null | undefined): number => {
  const d = typeof v === 'string' ? base64Decode(v) : undefined;
  return d?.ok ? d.bytes.length : 0;
};
const utf8Length = (s: string): number => utf8Bytes(s).length;

function immutableChanges(obj: { immutable?: boolean; data?: unknown; binaryData?: unknown }, old: typeof obj, fields: readonly ('data' | 'binaryData')[]): StatusCause[] {
  if (old.immutable !== true) return [];
  const out: StatusCause[] = [];
  const why = 'field is immutable when `immutable` is set';
  if (obj.immutable !== true) out.push(forbidden('immutable', why));
  for (const f of fields) if (!semanticEqual(obj[f] ?? {}, old[f] ?? {})) out.push(forbidden(f, why));
  return out;
}

function validateConfigMap(cm: ConfigMap): StatusCause[] {
  const out = validateObjectMeta(cm.metadata as never, isDNS1123Subdomain);
  const data = cm.data ?? {}, binary = cm.binaryData ?? {};
  let size = 0;
  for (const k of Object.keys(data).sort()) {
    out.push(...keyErrors([k], 'data'));
    if (k in binary) out.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += utf8Length(data[k] ?? '');
  }
  out.push(...keyErrors(Object.keys(binary), 'binaryData'));
  for (const v of Object.values(binary)) size += decodedLength(v);
  // The error is on the object as a whole (an empty path, which prints as []).
  if (size > MAX_SECRET_SIZE) out.push(tooLong('[]', MAX_SECRET_SIZE));
  return out;
}

/** ConfigMap: nothing defaulted. */
export const configMapStrategy: KindStrategy = {
  validateCreate: (obj) => validateConfigMap(obj as ConfigMap),
  validateUpdate: (obj, old) => [
    ...immutableChanges(obj as ConfigMap, old as ConfigMap, ['data', 'binaryData']),
    ...validateConfigMap(obj as ConfigMap),
  ],
};

/** The Secret types whose keys the API server checks, and the keys. */
export const SECRET_KEYS = {
  dockercfg: '.dockercfg', dockerConfigJson: '.dockerconfigjson', username: 'username', password: 'password',
  sshPrivateKey: 'ssh-privatekey', tlsCert: 'tls.crt', tlsKey: 'tls.key',
} as const;

// json.Unmarshal of a base64 value into a map: Go's error, or null.
function jsonObjectError(v: string | undefined): string | null {
  const d = base64Decode(v ?? '');
  const text = d.ok ? utf8String(d.bytes) : '';
  const syntax = goJsonSyntaxError(text);
  if (syntax) return syntax;
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return null;
  const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed === 'number' ? 'number' : 'string';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

function validateSecret(secret: Secret): StatusCause[] {
  const out = validateObjectMeta(secret.metadata as never, isDNS1123Subdomain);
  const data = secret.data ?? {};
  out.push(...keyErrors(Object.keys(data), 'data'));
  let size = 0;
  for (const v of Object.values(data)) size += decodedLength(v);
  if (size > MAX_SECRET_SIZE) out.push(tooLong('data', MAX_SECRET_SIZE));
  const has = (k: string): boolean => k in data;
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) out.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = secret.type === 'kubernetes.io/dockercfg' ? SECRET_KEYS.dockercfg : SECRET_KEYS.dockerConfigJson;
      if (!has(key)) { out.push(required(`data[${key}]`)); break; }
      const e = jsonObjectError(data[key]);
      if (e) out.push(invalid(`data[${key}]`, '<secret contents redacted>', e));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has(SECRET_KEYS.username) && !has(SECRET_KEYS.password)) {
        out.push(required(`data[${SECRET_KEYS.username}]`), required(`data[${SECRET_KEYS.password}]`));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (decodedLength(data[SECRET_KEYS.sshPrivateKey]) === 0) out.push(required(`data[${SECRET_KEYS.sshPrivateKey}]`));
      break;
    case 'kubernetes.io/tls':
      if (!has(SECRET_KEYS.tlsCert)) out.push(required(`data[${SECRET_KEYS.tlsCert}]`));
      if (!has(SECRET_KEYS.tlsKey)) out.push(required(`data[${SECRET_KEYS.tlsKey}]`));
      break;
  }
  return out;
}

/** Secret: stringData merged into data (base64 of its UTF-8), then dropped; the type defaults to Opaque. */
export const secretStrategy: KindStrategy = {
  default(obj) {
    const s = { ...(obj as Secret) };
    if (s.stringData) {
      const data = { ...s.data };
      for (const [k, v] of Object.entries(s.stringData)) data[k] = base64OfText(v ?? '');
      s.data = data;
    }
    delete s.stringData;
    if (!s.type) s.type = 'Opaque';
    return s as KObject;
  },
  validateCreate: (obj) => validateSecret(obj as Secret),
  validateUpdate(obj, old) {
    const s = obj as Secret, o = old as Secret;
    const out: StatusCause[] = [];
    if (s.type !== o.type) out.push(invalid('type', s.type, FIELD_IMMUTABLE));
    out.push(...immutableChanges(s, o, ['data']));
    return [...out, ...validateSecret(s)];
  },
};
