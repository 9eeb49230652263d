// The host globals the engine may use. Both exist in Node ≥ 17, in browsers and in Web Workers;
// declaring just these keeps the DOM (and timers) out of the engine's type world.
declare function structuredClone<T>(value: T): T;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
