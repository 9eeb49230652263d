// The seeded PRNG's outputs are part of every transcript (uids, IPs, jitter): they must never drift.
import { describe, expect, it } from 'vitest';
import { nextUint32, nextUuid, seedRng } from './rng.ts';

describe('seeded PRNG', () => {
  it('gives the same words and uids as it always has for a seed', () => {
    const w = seedRng(20261126);
    expect([nextUint32(w), nextUint32(w), nextUint32(w)]).toEqual([3581678180, 1097799500, 4075692171]);
    const u = seedRng(5);
    expect([nextUuid(u), nextUuid(u), nextUuid(u)]).toEqual([
      'a89fe254-aa83-44b7-a1eb-c534d531dd9b', '5e9c8070-9ece-4928-a70d-56961b7f6f6f', '1fbd9c02-2da5-4b03-9444-5dc07e1f62e3',
    ]);
  });

  it('makes RFC 4122 version-4 uids (version nibble 4, variant 8, 9, a or b)', () => {
    const st = seedRng(9);
    for (let i = 0; i < 2000; i++) expect(nextUuid(st)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
