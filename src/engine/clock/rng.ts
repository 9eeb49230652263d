// Seeded PRNG for the engine (sfc32). Its whole state is four uint32s kept in ClusterState,
// so a snapshot restores the exact random sequence. The engine never uses an unseeded source of randomness.

/** Serializable PRNG state: four unsigned 32-bit words. */
export type RngState = [number, number, number, number];

/** Seeds a fresh state from an integer seed (splitmix32 expansion, then 12 warm-up rounds). */
export function seedRng(seed: number): RngState {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: RngState = [next(), next(), next(), next()];
  for (let i = 0; i < 12; i++) nextUint32(state);
  return state;
}

/** Advances the state in place and returns a uniform uint32. */
export function nextUint32(st: RngState): number {
  // Indexed reads, not array destructuring (which goes through the iterator protocol on every call).
  let a = st[0] >>> 0, b = st[1] >>> 0, c = st[2] >>> 0, d = st[3] >>> 0;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) >>> 0;
  st[0] = a >>> 0; st[1] = b; st[2] = c; st[3] = d;
  return t;
}

/** Uniform float in [0, 1). */
export function nextFloat(st: RngState): number {
  return nextUint32(st) / 4294967296;
}

/** Uniform integer in [min, max] (inclusive). */
export function nextInt(st: RngState, min: number, max: number): number {
  return min + Math.floor(nextFloat(st) * (max - min + 1));
}

/** A random RFC 4122 version-4 UUID string, as the API server assigns to metadata.uid. */
export function nextUuid(st: RngState): string {
  const a = nextUint32(st), b = nextUint32(st), c = nextUint32(st), d = nextUint32(st);
  // The 32 hex digits of a, b, c, d with the version nibble 4 in place of b's 5th digit and, in place of c's
  // first digit, the variant nibble (8, 9, a or b) from c's top bits; b's and c's other digits shift by one.
  put8(a, 0);
  putHex(b >>> 16, 9, 4);
  UUID[14] = 0x34;
  putHex(b & 0xfff, 15, 3);
  UUID[19] = VARIANT[(c >>> 28) & 3]!;
  putHex((c >>> 16) & 0xfff, 20, 3);
  putHex(c & 0xffff, 24, 4);
  put8(d, 28);
  // One flat string from the character codes (a template of hex pieces built a rope of a dozen strings).
  return String.fromCharCode.apply(null, UUID);
}

const DIGITS: readonly number[] = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const VARIANT: readonly number[] = Array.from('89ab', (ch) => ch.charCodeAt(0));
// The character codes of the UUID being built; the dashes stay where they are.
const UUID: number[] = Array.from('xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx', (ch) => ch.charCodeAt(0));

// Writes the low `digits` hex digits of `n` into UUID from position `at`.
function putHex(n: number, at: number, digits: number): void {
  for (let i = at + digits - 1; i >= at; i--) {
    UUID[i] = DIGITS[n & 15]!;
    n >>>= 4;
  }
}

function put8(n: number, at: number): void {
  putHex(n >>> 16, at, 4);
  putHex(n & 0xffff, at + 4, 4);
}
