// PodDisruptionBudget validation texts of the 1.35 API server, through the store and through `kubectl apply`.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../../kubectl/testing.ts';
import { hasInvalidSelector, INVALID_PERCENT, validatePdbSpec } from './pdb-validation.ts';
import { apiCluster } from './test-fixtures.ts';
import type { JsonMap } from './types.ts';

const SELECTOR = { matchLabels: { app: 'nginx' } };

function errorsFor(spec: JsonMap): string[] {
  const r = apiCluster().store.create('PodDisruptionBudget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec });
  return r.ok ? [] : (r.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
}

describe('PodDisruptionBudget validation', () => {
  it.each<[unknown]>([[0], [3], ['0%'], ['50%'], ['100%'], ['007%']])('accepts minAvailable and maxUnavailable %j', (v) => {
    expect(errorsFor({ minAvailable: v, selector: SELECTOR })).toEqual([]);
    expect(errorsFor({ maxUnavailable: v, selector: SELECTOR })).toEqual([]);
  });

  it('accepts a budget without selector and one with an empty selector', () => {
    expect(errorsFor({ minAvailable: 1 })).toEqual([]);
    expect(errorsFor({ maxUnavailable: 1, selector: {} })).toEqual([]);
  });

  it.each<[string, JsonMap, string[]]>([
    ['a negative count', { minAvailable: -1 }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    ['a bad percent string', { maxUnavailable: '50' }, [`spec.maxUnavailable: Invalid value: "50": ${INVALID_PERCENT}`]],
    ['a percent over 100', { minAvailable: '101%' }, ['spec.minAvailable: Invalid value: "101%": must not be greater than 100%']],
    ['a bad unhealthyPodEvictionPolicy', { minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' },
      ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"']],
    ['a bad selector', { minAvailable: 1, selector: { matchLabels: { 'a/b/c': 'x' }, matchExpressions: [{ key: 'tier', operator: 'In' }, { key: 'x', operator: 'Has' }] } }, [
      "spec.selector.matchLabels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector.matchExpressions[1].operator: Invalid value: "Has": not a valid selector operator',
    ]],
  ])('rejects %s', (_name, spec, want) => {
    expect(errorsFor(spec)).toEqual(want);
  });

  it('rejects both bounds, showing the internal spec as JSON, then checks each bound', () => {
    expect(errorsFor({ minAvailable: '200%', maxUnavailable: 1, selector: { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } })).toEqual([
      'spec: Invalid value: {"MinAvailable":"200%","Selector":{"matchLabels":{"app":"nginx"},"matchExpressions":[{"key":"tier","operator":"Exists"}]},' +
        '"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set',
      'spec.minAvailable: Invalid value: "200%": must not be greater than 100%',
    ]);
    expect(errorsFor({ minAvailable: 1, maxUnavailable: 1 })[0]).toBe(
      'spec: Invalid value: {"MinAvailable":1,"Selector":null,"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set');
  });

  it('relaxes expression values only for a stored selector that already fails', () => {
    const spec = { minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['not valid'] }] } };
    expect(hasInvalidSelector(spec)).toBe(true);
    expect(hasInvalidSelector({ selector: SELECTOR })).toBe(false);
    expect(validatePdbSpec(spec, true)).toEqual([]);
    expect(validatePdbSpec(spec).map((c) => c.field)).toEqual(['spec.selector.matchExpressions[0].values[0]']);
  });

  it('decodes strictly: unknown fields and a non-integral count are refused before validation', () => {
    const c = apiCluster();
    const base: JsonMap = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' } };
    const unknown = c.store.create('PodDisruptionBudget', { ...base, spec: { minAvailable: 1, minReady: 2 } } as JsonMap);
    expect(!unknown.ok && unknown.status.message).toBe('PodDisruptionBudget in version "v1" cannot be handled as a PodDisruptionBudget: strict decoding error: unknown field "spec.minReady"');
    const half = c.store.create('PodDisruptionBudget', { ...base, spec: { minAvailable: 0.5 } });
    expect(!half.ok && half.status.message).toBe('PodDisruptionBudget in version "v1" cannot be handled as a PodDisruptionBudget: json: cannot unmarshal number 0.5 into Go value of type int32');
  });

  it('kubectl apply prints the Invalid status, one cause per line when there are several', () => {
    const c = testCluster();
    const manifest = (spec: string): string => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n${spec}`;
    expect(kc(c, 'apply -f -', { stdin: manifest('  minAvailable: 120%\n') })).toEqual({
      out: '', code: 1,
      err: 'The PodDisruptionBudget "web" is invalid: spec.minAvailable: Invalid value: "120%": must not be greater than 100%\n',
    });
    expect(kc(c, 'apply -f -', { stdin: manifest('  maxUnavailable: -2\n  unhealthyPodEvictionPolicy: Sometimes\n') }).err).toBe(
      'The PodDisruptionBudget "web" is invalid: \n* spec.maxUnavailable: Invalid value: -2: must be greater than or equal to 0\n' +
      '* spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"\n');
    expect(kc(c, 'apply -f -', { stdin: manifest('  minAvailable: 50%\n  selector:\n    matchLabels:\n      app: nginx\n') }).out)
      .toBe('poddisruptionbudget.policy/web created\n');
  });
});
