import { describe, expect, it } from 'vitest';
import { labelsString, matchesRequirements, matchesSelector, parseSelector, selectorString } from './labels.ts';

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
