// Bytes as Go reads them as text: utf8.Valid's rules, and a conversion that keeps a leading byte order mark (the
// host's TextDecoder drops it). For local files that `create configmap|secret` read.
import { utf8String } from '../engine/api/base64.ts';

// The range of the second byte after a lead byte (later continuation bytes are always 0x80–0xBF).
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Models utf8.Valid: well-formed UTF-8, no surrogates, nothing past U+10FFFF, no overlong forms. */
export function isValidUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length;) {
    const lead = b[i]!;
    const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > b.length) return false;
    if (size > 1) {
      const [lo, hi] = secondByteRange(lead);
      if (b[i + 1]! < lo || b[i + 1]! > hi) return false;
      for (let j = 2; j < size; j++) if ((b[i + j]! & 0xc0) !== 0x80) return false;
    }
    i += size;
  }
  return true;
}

/** The text of UTF-8 bytes, a leading byte order mark kept; null when they are not UTF-8. */
export function utf8Text(b: Uint8Array): string | null {
  if (!isValidUtf8(b)) return null;
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  return bom ? '\ufeff' + utf8String(b.subarray(3)) : utf8String(b);
}
