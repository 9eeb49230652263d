// SHA-256 and HMAC-SHA256 agree with node:crypto on inputs around the block boundaries.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256Hex } from './sha256.ts';

describe('sha256Hex', () => {
  it('matches node:crypto around the padding boundaries', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      expect(sha256Hex(b)).toBe(createHash('sha256').update(b).digest('hex'));
    }
  });
});

describe('hmacSha256', () => {
  it('matches node:crypto for short and long keys', () => {
    for (const [k, n] of [[6, 0], [16, 100], [64, 55], [100, 200]] as const) {
      const key = new Uint8Array(k).map((_, i) => (i * 13 + 1) & 255);
      const msg = new Uint8Array(n).map((_, i) => (i * 7 + 3) & 255);
      expect(Buffer.from(hmacSha256(key, msg)).toString('hex')).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });
});
