import { describe, expect, it } from 'vitest';
import { naturalLess, relaxedJsonPath, sortObjects } from './sort-by.ts';

describe('--sort-by', () => {
  it('reads the relaxed field forms kubectl accepts', () => {
    for (const f of ['.metadata.name', 'metadata.name', '{metadata.name}', '{.metadata.name}']) expect(relaxedJsonPath(f)).toBe('{.metadata.name}');
    expect(relaxedJsonPath('{a}{b}')).toBeNull();
  });

  it('compares strings in natural order (digit runs as numbers, fewer leading zeros first)', () => {
    const names = ['web-10', 'web-9', 'web-1', 'web-01', 'web-a', 'web-', '2026-01-01T00:00:10Z', '2026-01-01T00:00:09Z'];
    const sorted = [...names].sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
    expect(sorted).toEqual(['2026-01-01T00:00:09Z', '2026-01-01T00:00:10Z', 'web-', 'web-1', 'web-01', 'web-9', 'web-10', 'web-a']);
  });

  it('orders quantities by amount, numbers by value, and objects without the field first', () => {
    const objs = [{ n: 'a', s: '1Gi', r: 3 }, { n: 'b', s: '512Mi', r: 10 }, { n: 'c' }, { n: 'd', s: '2G', r: 1 }];
    const by = (f: string) => sortObjects(objs, f, (o) => o).map((o) => o.n);
    expect(by('.s')).toEqual(['c', 'b', 'a', 'd']);
    expect(by('{.r}')).toEqual(['c', 'd', 'a', 'b']);
    expect(() => by('.missing')).toThrow('error: couldn\'t find any field with path "{.missing}" in the list of objects');
  });

  it('puts a null value first, as a nil interface sorts there (events.k8s.io Events have lastTimestamp null)', () => {
    const objs = [{ n: 'kubelet', t: '2026-01-01T00:00:09Z' }, { n: 'scheduled', t: null }, { n: 'early', t: '2026-01-01T00:00:01Z' }, { n: 'failed', t: null }];
    const order = sortObjects(objs, '.t', (o) => o).map((o) => o.n);
    expect(order.slice(0, 2).sort()).toEqual(['failed', 'scheduled']);
    expect(order.slice(2)).toEqual(['early', 'kubelet']);
  });
});
