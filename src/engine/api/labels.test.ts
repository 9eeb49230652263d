import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelsString, matchesLabelSet, matchesRequirements, matchesSelector, parseSelector, selectorString } from './labels.ts';

describe('label selectors', () => {
  it('nil matches nothing, empty matches everything', () => {
    expect(matchesSelector(undefined, { a: 'b' })).toBe(false);
    expect(matchesSelector({}, { a: 'b' })).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'nginx' } }, { app: 'nginx', x: 'y' })).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'nginx' } }, { app: 'web' })).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, {})).toBe(true);
  });

  it('prints selectors and labels sorted by key', () => {
    expect(selectorString({ matchLabels: { z: '1', app: 'nginx' } })).toBe('app=nginx,z=1');
    expect(labelsString({ b: '2', a: '1' })).toBe('a=1,b=2');
  });

  it('parses -l expressions', () => {
    const r = parseSelector('app=nginx,tier!=db,env in (a, b),!gone,has');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(matchesRequirements(r.reqs, { app: 'nginx', env: 'b', has: '' })).toBe(true);
    expect(matchesRequirements(r.reqs, { app: 'nginx', env: 'c', has: '' })).toBe(false);
    expect(parseSelector('a=(b').ok).toBe(false);
  });
});

describe('matchesLabelSet', () => {
  it('answers as matchesSelector with the set as matchLabels (a Service selector)', () => {
    const labelMap = fc.dictionary(fc.constantFrom('app', 'tier', 'x'), fc.constantFrom('a', 'b', ''), { maxKeys: 3 });
    fc.assert(fc.property(labelMap, fc.option(labelMap, { nil: undefined }), (set, labels) => {
      expect(matchesLabelSet(set, labels)).toBe(matchesSelector({ matchLabels: set }, labels));
    }));
  });

  it('matchesSelector gives the same answer for a selector seen before (its requirements are cached)', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };
    expect(matchesSelector(sel, { app: 'web', tier: 'fe' })).toBe(true);
    expect(matchesSelector(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(matchesSelector(sel, { app: 'web' })).toBe(true);
    expect(matchesSelector(null, { app: 'web' })).toBe(false);
  });
});
