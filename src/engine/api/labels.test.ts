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

describe('parseSelector: apimachinery labels.Parse, its lexer, parser and texts', () => {
  // Each text as a real kubectl prints it (create pdb --selector, which parses on the client), without its wrapper.
  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a>x', "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a=(b', "unable to parse requirement: found '(', expected: identifier"],
    ['a!b', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a@b=c', "unable to parse requirement: <nil>: Invalid value: \"a@b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
  ])('refuses %s', (text, error) => {
    expect(parseSelector(text)).toEqual({ ok: false, error: `error: ${error}` });
  });

  it('takes ==, empty values, `in` as a value, () and doubled commas; gt and lt compare integers', () => {
    const parse = (t: string) => { const r = parseSelector(t); if (!r.ok) throw new Error(r.error); return r.reqs; };
    expect(parse('a==b')).toEqual([{ key: 'a', operator: 'Equals', values: ['b'] }]);
    expect(parse('a=')).toEqual([{ key: 'a', operator: 'Equals', values: [''] }]);
    expect(parse('in=x,a notin (in)')).toEqual([{ key: 'in', operator: 'Equals', values: ['x'] }, { key: 'a', operator: 'NotIn', values: ['in'] }]);
    expect(parse('a in ()')).toEqual([{ key: 'a', operator: 'In', values: [''] }]);
    expect(parse('a in (y,,x)')).toEqual([{ key: 'a', operator: 'In', values: ['', 'x', 'y'] }]);
    const gt = parse('apps.kubernetes.io/pod-index>0');
    expect(matchesRequirements(gt, { 'apps.kubernetes.io/pod-index': '1' })).toBe(true);
    expect(matchesRequirements(gt, { 'apps.kubernetes.io/pod-index': '0' })).toBe(false);
    expect(matchesRequirements(gt, { 'apps.kubernetes.io/pod-index': 'x' })).toBe(false);
    expect(matchesRequirements(parse('n<10'), { n: '9' })).toBe(true);
    expect(matchesRequirements(parse('n<10'), {})).toBe(false);
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
