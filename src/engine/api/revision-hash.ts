// ControllerRevision data and naming for StatefulSets, byte-identical to a 1.34+ cluster (spec §3).
// Models pkg/controller/statefulset/stateful_set_utils.go getPatch and pkg/controller/history
// HashControllerRevision / ControllerRevisionName.
import type { PodTemplateSpec } from './types.ts';
import { goJson } from './go-json.ts';

const utf8 = new TextEncoder();

/** FNV-1 (multiply, then xor), 32-bit, as Go's hash/fnv New32. */
export function fnv1_32(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ bytes[i]) >>> 0;
  }
  return h >>> 0;
}

/**
 * FNV-1a (xor, then multiply), 32-bit, over a string's characters (each code point's first UTF-16 unit), from
 * `h`: for fixed values derived from names, which must never draw from the cluster's PRNG.
 */
export function fnv1a32(text: string, h = 0x811c9dc5): number {
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

// rand.SafeEncodeString maps each character through this alphabet by code % 27; for decimal digits
// that is the fixed table 0→4 … 9→f.
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
function safeEncode(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE[ch.charCodeAt(0) % SAFE.length];
  return out;
}

/** The stored revision data: `{"spec":{"template":{"$patch":"replace",…}}}` as compact Go JSON. */
export function revisionData(template: PodTemplateSpec): string {
  const t = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
  // 1.34+ serialization: a nil creationTimestamp is omitted from the template metadata.
  const meta = t.metadata as Record<string, unknown> | undefined;
  if (meta && (meta.creationTimestamp === null || meta.creationTimestamp === undefined)) delete meta.creationTimestamp;
  t.$patch = 'replace';
  return goJson({ spec: { template: t } });
}

/** Hash of revision data plus the collision count, safe-encoded: `7d8559755f`. */
export function hashRevision(data: string, collisionCount: number): string {
  const h = fnv1_32(utf8.encode(data + String(collisionCount)));
  return safeEncode(String(h));
}

/** `<prefix>-<hash>`, the prefix cut to 223 characters as upstream does. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}
