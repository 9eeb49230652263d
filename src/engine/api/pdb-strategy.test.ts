// The PodDisruptionBudget strategy through the store: zero status and generation 1 on create, generation bumps on
// spec change only, status kept on spec writes and spec kept on /status writes, and the status checks.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster.ts';
import { apiCluster } from './test-fixtures.ts';
import type { JsonMap, PodDisruptionBudget } from './types.ts';

const budget = (spec: JsonMap = { minAvailable: 2, selector: { matchLabels: { app: 'nginx' } } }): JsonMap => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec,
});

function created(c: Cluster = apiCluster(), spec?: JsonMap): { c: Cluster; pdb: PodDisruptionBudget } {
  const r = c.store.create('PodDisruptionBudget', budget(spec));
  if (!r.ok) throw new Error(r.status.message);
  return { c, pdb: r.object };
}

const edit = (pdb: PodDisruptionBudget, f: (o: JsonMap) => void): PodDisruptionBudget => {
  const o = structuredClone(pdb) as unknown as JsonMap;
  f(o);
  return o as unknown as PodDisruptionBudget;
};

const causes = (r: { ok: boolean; status?: { details?: { causes?: { field?: string; message?: string }[] } } }): string[] =>
  (r.ok ? [] : r.status!.details!.causes!.map((x) => `${x.field}: ${x.message}`));

describe('PodDisruptionBudget strategy through the store', () => {
  it('creates with generation 1 and the zero policy/v1 status, whatever the input carried', () => {
    const c = apiCluster();
    const r = c.store.create('PodDisruptionBudget', { ...budget(), metadata: { name: 'web', generation: 7 }, status: { disruptionsAllowed: 5, expectedPods: 9 } } as JsonMap);
    if (!r.ok) throw new Error(r.status.message);
    expect(r.object.metadata!.generation).toBe(1);
    expect(r.object.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect(r.object.spec).toEqual({ minAvailable: 2, selector: { matchLabels: { app: 'nginx' } } });
  });

  it('bumps generation on a spec change only, and keeps the stored status on spec writes', () => {
    const { c, pdb } = created();
    const labelled = c.store.update('PodDisruptionBudget', edit(pdb, (o) => { (o.metadata as JsonMap).labels = { a: 'b' }; o.status = { disruptionsAllowed: 3 }; }));
    expect(labelled.ok && labelled.object.metadata!.generation).toBe(1);
    expect(labelled.ok && labelled.object.status!.disruptionsAllowed).toBe(0);
    const changed = c.store.update('PodDisruptionBudget', edit(c.store.get('PodDisruptionBudget', 'default', 'web')!, (o) => { (o.spec as JsonMap).minAvailable = '50%'; }));
    expect(changed.ok && [changed.object.metadata!.generation, changed.object.spec!.minAvailable]).toEqual([2, '50%']);
  });

  it('/status writes change only the status and check its counts and conditions', () => {
    const { c, pdb } = created();
    const status = { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 }] };
    const r = c.store.update('PodDisruptionBudget', edit(pdb, (o) => { (o.spec as JsonMap).minAvailable = 9; o.status = status; }), { subresource: 'status', trusted: true });
    expect(r.ok && [r.object.spec!.minAvailable, r.object.status]).toEqual([2, status]);
    const bad = c.store.update('PodDisruptionBudget', edit(c.store.get('PodDisruptionBudget', 'default', 'web')!, (o) => {
      o.status = { disruptionsAllowed: -1, currentHealthy: 0, desiredHealthy: 0, expectedPods: -2, conditions: [{ type: 'DisruptionAllowed', status: 'Maybe', reason: 'no good' }, { type: 'DisruptionAllowed', status: 'True', reason: 'X', lastTransitionTime: '2026-01-01T00:00:00Z' }] };
    }), { subresource: 'status' });
    expect(causes(bad)).toEqual([
      'status.conditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
      'status.conditions[0].lastTransitionTime: Required value: must be set',
      "status.conditions[0].reason: Invalid value: \"no good\": a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName',  or 'ReasonA,ReasonB',  or 'ReasonA:ReasonB', regex used for validation is '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')",
      'status.conditions[1].type: Duplicate value: "DisruptionAllowed"',
      'status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0',
      'status.expectedPods: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('names follow only the path-segment rule, checked after the spec', () => {
    const c = apiCluster();
    expect(c.store.create('PodDisruptionBudget', { ...budget(), metadata: { name: 'Web_PDB' } }).ok).toBe(true);
    const r = c.store.create('PodDisruptionBudget', { ...budget(), metadata: { name: 'a%b', labels: { 'bad key!': 'x' } } });
    expect(causes(r)).toEqual([
      "metadata.name: Invalid value: \"a%b\": may not contain '%'",
      "metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    const both = c.store.create('PodDisruptionBudget', { ...budget({ minAvailable: -1 }), metadata: { name: '..' } });
    expect(causes(both)).toEqual(['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']);
  });
});
