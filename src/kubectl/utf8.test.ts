// The UTF-8 check agrees with a strict TextDecoder on sequences around its boundaries.
import { describe, expect, it } from 'vitest';
import { isValidUtf8, utf8Text } from './utf8.ts';

describe('isValidUtf8', () => {
  it('accepts what a strict decoder accepts (overlong forms, surrogates and past U+10FFFF refused)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const ok = (b: number[]): boolean => { try { strict.decode(Uint8Array.from(b)); return true; } catch { return false; } };
    const cases = [[0x41], [0xc2, 0xa9], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xe0, 0xa0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf],
      [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xe2, 0x82], [0xff], [0x80]];
    for (const b of cases) expect(isValidUtf8(Uint8Array.from(b)), b.join(' ')).toBe(ok(b));
    expect(utf8Text(Uint8Array.from([0xef, 0xbb, 0xbf, 0x68]))).toBe('\ufeffh');
  });
});
