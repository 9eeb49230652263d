// The name suffix of `create configmap|secret --append-hash`: a SHA-256 over the object's kind, name and contents
// as JSON, cut to ten characters without vowels. Models kubectl/pkg/util/hash/hash.go.
import { goJson } from '../engine/api/go-json.ts';
import type { ConfigMap, Secret } from '../engine/api/types.ts';
import { utf8Bytes } from '../engine/api/base64.ts';
import { sha256Hex } from '../engine/api/sha256.ts';

// Models encodeHash: the first ten hex digits, with 0, 1, 3, a and e mapped to consonants.
const SWAP: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };
const encodeHash = (hex: string): string => [...hex.slice(0, 10)].map((ch) => SWAP[ch] ?? ch).join('');

// json.Marshal of a map sorts its keys (goJson does); []byte values are already base64 in the objects' JSON form.
const hashOf = (encoded: Record<string, unknown>): string => encodeHash(sha256Hex(utf8Bytes(goJson(encoded))));

/** Models ConfigMapHash: kind, name, data (null when absent), immutable when set, binaryData when not empty. */
export function configMapHash(cm: ConfigMap): string {
  const m: Record<string, unknown> = { kind: 'ConfigMap', name: cm.metadata?.name ?? '', data: cm.data ?? null };
  if (cm.immutable !== undefined) m.immutable = cm.immutable;
  if (Object.keys(cm.binaryData ?? {}).length) m.binaryData = cm.binaryData;
  return hashOf(m);
}

/** Models SecretHash: kind, type (empty when unset), name, data (null when absent), immutable when set. */
export function secretHash(s: Secret): string {
  const m: Record<string, unknown> = { kind: 'Secret', type: s.type ?? '', name: s.metadata?.name ?? '', data: s.data ?? null };
  if (s.immutable !== undefined) m.immutable = s.immutable;
  return hashOf(m);
}
