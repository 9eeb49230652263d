import { describe, expect, it } from 'vitest';
import { NEGATIVE_HISTORY_WARNING } from './statefulset-strategy.ts';
import { STS_SPEC_FORBIDDEN } from './statefulset-validation.ts';
import { apiCluster, webStatefulSet } from './test-fixtures.ts';
import type { JsonMap, StatefulSet } from './types.ts';

function created(gates = {}, mutate: (spec: JsonMap) => void = () => {}) {
  const c = apiCluster(gates);
  const ss = webStatefulSet();
  mutate(ss.spec as JsonMap);
  const r = c.store.create('StatefulSet', ss);
  if (!r.ok) throw new Error(r.status.message);
  return { c, ss: r.object, warnings: r.warnings };
}

const edit = (ss: StatefulSet, f: (spec: JsonMap, o: JsonMap) => void): StatefulSet => {
  const o = structuredClone(ss) as unknown as JsonMap;
  f(o.spec as JsonMap, o);
  return o as unknown as StatefulSet;
};

describe('StatefulSet strategy through the store', () => {
  it('creates with generation 1, an empty status and defaults', () => {
    const { ss } = created();
    expect(ss.metadata!.generation).toBe(1);
    expect(ss.status).toEqual({ replicas: 0, availableReplicas: 0 });
    expect(ss.spec!.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  });

  it('drops maxUnavailable when the gate is off, keeps it when on', () => {
    const mu = (spec: JsonMap) => { spec.updateStrategy = { rollingUpdate: { maxUnavailable: 2 } }; };
    expect(created({}, mu).ss.spec!.updateStrategy!.rollingUpdate).toEqual({ partition: 0 });
    expect(created({ MaxUnavailableStatefulSet: true }, mu).ss.spec!.updateStrategy!.rollingUpdate).toEqual({ partition: 0, maxUnavailable: 2 });
  });

  it('bumps generation on a spec change only, and keeps the stored status', () => {
    const { c, ss } = created();
    const labelsOnly = c.store.update('StatefulSet', edit(ss, (_s, o) => { (o.metadata as JsonMap).labels = { a: 'b' }; (o as JsonMap).status = { replicas: 9 }; }));
    expect(labelsOnly.ok && labelsOnly.object.metadata!.generation).toBe(1);
    expect(labelsOnly.ok && labelsOnly.object.status).toEqual({ replicas: 0, availableReplicas: 0 });
    const scaled = c.store.update('StatefulSet', edit(c.store.get('StatefulSet', 'default', 'web')!, (s) => { s.replicas = 5; }));
    expect(scaled.ok && scaled.object.metadata!.generation).toBe(2);
  });

  it.each<[string, (s: JsonMap) => void]>([
    ['selector', (s) => { s.selector = { matchLabels: { app: 'nginx', x: 'y' } }; ((s.template as JsonMap).metadata as JsonMap).labels = { app: 'nginx', x: 'y' }; }],
    ['serviceName', (s) => { s.serviceName = 'other'; }],
    ['podManagementPolicy', (s) => { s.podManagementPolicy = 'Parallel'; }],
    ['volumeClaimTemplates', (s) => { (s.volumeClaimTemplates as JsonMap[])[0].metadata = { name: 'data' }; }],
  ])('forbids changing %s', (_name, f) => {
    const { c, ss } = created();
    const r = c.store.update('StatefulSet', edit(ss, f));
    expect(!r.ok && r.status.message).toBe(`StatefulSet.apps "web" is invalid: spec: Forbidden: ${STS_SPEC_FORBIDDEN}`);
    expect(c.store.get('StatefulSet', 'default', 'web')).toBe(ss);
  });

  it('allows the mutable fields', () => {
    const { c, ss } = created();
    const r = c.store.update('StatefulSet', edit(ss, (s) => {
      s.replicas = 1; s.minReadySeconds = 5; s.revisionHistoryLimit = 3; s.ordinals = { start: 2 };
      s.updateStrategy = { type: 'OnDelete' }; s.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' };
      ((((s.template as JsonMap).spec as JsonMap).containers as JsonMap[])[0]).image = 'registry.k8s.io/nginx-slim:0.27';
    }));
    expect(r.ok).toBe(true);
  });

  it('status writes change only the status', () => {
    const { c, ss } = created();
    const r = c.store.update('StatefulSet', edit(ss, (s, o) => { s.replicas = 7; o.status = { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 }; }), { subresource: 'status' });
    expect(r.ok && r.object.spec!.replicas).toBe(3);
    expect(r.ok && r.object.status!.readyReplicas).toBe(1);
    const bad = c.store.update('StatefulSet', edit(c.store.get('StatefulSet', 'default', 'web')!, (_s, o) => { o.status = { replicas: 0, readyReplicas: 1 }; }), { subresource: 'status' });
    expect(!bad.ok && bad.status.details?.causes?.[0].message).toBe('Invalid value: 1: cannot be greater than status.replicas');
  });

  it('warns about a negative revisionHistoryLimit', () => {
    expect(created({}, (s) => { s.revisionHistoryLimit = -1; }).warnings).toEqual([NEGATIVE_HISTORY_WARNING]);
  });

  it('an invalid create stores nothing', () => {
    const c = apiCluster();
    const ss = webStatefulSet();
    (ss.spec as JsonMap).replicas = -1;
    const r = c.store.create('StatefulSet', ss);
    expect(!r.ok && r.status.message).toBe('StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBeUndefined();
  });
});
