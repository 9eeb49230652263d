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
  const w0 = hex8(a), w1 = hex8(b), w2 = hex8(c), w3 = hex8(d);
  // Version nibble 4 at hex position 12; the variant nibble at 16 keeps its two low bits (8, 9, a or b).
  const variant = VARIANT[(c >>> 28) & 3];
  return `${w0}-${w1.slice(0, 4)}-4${w1.slice(5, 8)}-${variant}${w2.slice(1, 4)}-${w2.slice(4, 8)}${w3}`;
}

const VARIANT = '89ab';
// Two hex digits per byte, looked up (toString(16) + padStart per word was most of a uid's cost).
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
