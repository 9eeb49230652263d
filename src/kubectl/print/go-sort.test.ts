import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goSort } from './go-sort.ts';

// Orders produced by Go's sort.Sort (pdqsort, with the current sort package's xorshift) on lists of (key, index)
// compared by key only: the index order shows where Go leaves equal keys. Random keys with 2, 5 and 17 distinct
// values and patterned ones (ascending and descending runs of ties, organ pipe, sawtooth), 13 to 257 elements.
const vectors = JSON.parse(readFileSync(new URL('./go-sort.vectors.json', import.meta.url), 'utf8')) as Array<{ keys: number[]; order: number[] }>;

describe('goSort (Go sort.Sort)', () => {
  it('leaves equal elements where Go does', () => {
    expect(vectors.length).toBeGreaterThan(40);
    for (const v of vectors) {
      const items = v.keys.map((k, id) => ({ k, id }));
      goSort(items, (a, b) => a.k < b.k);
      expect(items.map((x) => x.id)).toEqual(v.order);
    }
  });

  it('is an insertion sort up to 12 elements (stable there)', () => {
    const items = [3, 1, 3, 2, 1, 3, 2, 1, 0, 3, 2, 1].map((k, id) => ({ k, id }));
    goSort(items, (a, b) => a.k < b.k);
    expect(items.map((x) => x.id)).toEqual([8, 1, 4, 7, 11, 3, 6, 10, 0, 2, 5, 9]);
  });

  it('sorts anything it is given', () => {
    for (let n = 0; n < 300; n += 7) {
      const xs = Array.from({ length: n }, (_, i) => (i * 7919) % 31);
      expect(goSort(xs.slice(), (a, b) => a < b)).toEqual(xs.slice().sort((a, b) => a - b));
    }
  });
});
