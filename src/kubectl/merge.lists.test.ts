import { describe, expect, it } from 'vitest';
import { PatchError, strategicMerge } from './merge.ts';
import { threeWay, threeWayPatch } from './three-way.ts';

const pod = (env: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', env }] } });
const envOf = (o: unknown) => (o as ReturnType<typeof pod>).spec.containers[0].env;
const e = (name: string, value: string) => ({ name, value });

describe('merge lists (long lists, duplicate keys, directive texts)', () => {
  it('orders a long keyed list and a long finalizer list as the patch lists them (3,000 items each)', () => {
    const env = Array.from({ length: 3000 }, (_, i) => e(`V${i}`, `${i}`));
    const out = strategicMerge(pod(env), { spec: { containers: [{ name: 'c', env: [...env].reverse() }] } });
    expect(envOf(out)).toEqual([...env].reverse());
    const fin = Array.from({ length: 3000 }, (_, i) => `f${i}`);
    const live = { kind: 'Pod', metadata: { name: 'p', finalizers: fin } };
    expect((strategicMerge(live, { metadata: { finalizers: [...fin].reverse() } }) as typeof live).metadata.finalizers).toEqual([...fin].reverse());
  });

  it('pairs duplicate merge keys in the order Go\'s sort.Sort leaves them, so apply drops a duplicate env as kubectl does', () => {
    // diffListsOfMaps sorts [A=1, A=2] to [A=2, A=1] (a "less or equal" comparator in an insertion sort): A=2
    // is the change to live A=1 and A=1 comes after it, so the server merges both into the one live item.
    expect(threeWayPatch({}, pod([e('A', '1'), e('A', '2')]), pod([e('A', '1')])))
      .toEqual({ spec: { containers: [{ name: 'c', env: [e('A', '2'), e('A', '1')], '$setElementOrder/env': [{ name: 'A' }, { name: 'A' }] }], '$setElementOrder/containers': [{ name: 'c' }] } });
    expect(envOf(threeWay({}, pod([e('A', '1'), e('A', '2')]), pod([e('A', '1')])))).toEqual([e('A', '1')]);
  });

  it('refuses, as the API server does, the three-way patch of a list with duplicate keys it cannot order', () => {
    const patch = threeWayPatch({}, pod([e('B', '2'), e('A', '2'), e('B', '1')]), pod([e('A', '1')]));
    expect(() => strategicMerge(pod([e('A', '1')]), patch)).toThrow(PatchError);
  });

  it('prints a $patch value that is not a string as fmt\'s %s does', () => {
    const msg = (d: unknown) => {
      try { strategicMerge(pod([]), { spec: { containers: [{ name: 'x', $patch: d }] } }); } catch (err) { return (err as Error).message; }
      return '';
    };
    expect(msg(1)).toBe('unknown patch type: %!s(int64=1) in map: map[$patch:1 name:x]');
    expect(msg(null)).toBe('unknown patch type: %!s(<nil>) in map: map[$patch:<nil> name:x]');
    expect(msg('bogus')).toBe('unknown patch type: bogus in map: map[$patch:bogus name:x]');
  });
});
