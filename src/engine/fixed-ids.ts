// Identifiers for the cluster's own objects that must not draw from the PRNG (a draw would shift everything drawn
// after it): FNV-1a over a seed text. Stable across runs and builds.
import { fnv1a32 } from './api/revision-hash.ts';
import { NAME_ALPHABET } from './api/name-generator.ts';

/** `length` hex digits derived from `seed`. */
export function fixedHex(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) out += fnv1a32(`${seed}/${round}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A UUID-shaped identifier derived from `seed`. */
export function fixedUuid(seed: string): string {
  const x = fixedHex(seed, 32);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A generated-name suffix of `length` characters derived from `seed`. */
export function fixedSuffix(seed: string, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += NAME_ALPHABET[fnv1a32(`${seed}#${i}`) % NAME_ALPHABET.length];
  return s;
}
