// Base64 as Go's encoding/base64 StdEncoding does it (the JSON form of a []byte: Secret data, ConfigMap binaryData),
// with its decode errors, and the UTF-8 conversions around it. The engine's type world has no atob or btoa.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const PAD = 0x3d; // '='
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

const utf8 = new TextEncoder();
const utf8Out = new TextDecoder();

/** The UTF-8 bytes of a string. */
export const utf8Bytes = (s: string): Uint8Array => utf8.encode(s);

/** Bytes read as UTF-8 (invalid sequences become U+FFFD, as a Go string conversion prints them). */
export const utf8String = (b: Uint8Array): string => utf8Out.decode(b);

/** StdEncoding.EncodeToString: padded, no line breaks. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + '=';
  }
  return out;
}

/** The base64 of a string's UTF-8 bytes (how a Secret's stringData lands in its data). */
export const base64OfText = (s: string): string => base64Encode(utf8Bytes(s));

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * StdEncoding.DecodeString, quantum by quantum as Go reads it: CR and LF are skipped anywhere, padding is required,
 * and the first bad byte fails with `illegal base64 data at input byte N` (N counts the input's UTF-8 bytes).
 */
export function base64Decode(s: string): Base64Result {
  const src = utf8Bytes(s);
  const out: number[] = [];
  const fail = (at: number): Base64Result => ({ ok: false, error: `illegal base64 data at input byte ${at}` });
  let si = 0;
  while (si < src.length) {
    const q = [0, 0, 0, 0];
    let len = 4;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        // Input ends inside a quantum: only a quantum's start may end it (StdEncoding pads).
        if (j === 0) return { ok: true, bytes: Uint8Array.from(out) };
        return fail(si - j);
      }
      const b = src[si++]!;
      const v = DECODE[b]!;
      if (v >= 0) { q[j] = v; continue; }
      if (isNewline(b)) { j--; continue; }
      if (b !== PAD) return fail(si - 1);
      // Padding: only after two or three symbols, '==' after two, then nothing but line breaks.
      if (j < 2) return fail(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return fail(src.length);
        if (src[si] !== PAD) return fail(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return fail(si);
      len = j;
      break;
    }
    const v = (q[0]! << 18) | (q[1]! << 12) | (q[2]! << 6) | q[3]!;
    out.push(v >> 16);
    if (len > 2) out.push((v >> 8) & 255);
    if (len > 3) out.push(v & 255);
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}
