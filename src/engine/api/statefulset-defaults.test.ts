import { describe, expect, it } from 'vitest';
import { hashRevision, revisionData } from './revision-hash.ts';
import { defaultStatefulSet } from './statefulset-defaults.ts';
import { webStatefulSet } from './test-fixtures.ts';
import type { JsonMap, PodTemplateSpec } from './types.ts';

const spec = (o: JsonMap): JsonMap => o.spec as JsonMap;

describe('SetDefaults_StatefulSet', () => {
  it('fills the documented defaults in upstream order', () => {
    const s = spec(defaultStatefulSet(webStatefulSet(), {}));
    expect(s.podManagementPolicy).toBe('OrderedReady');
    expect(s.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(s.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(s.replicas).toBe(3);
    expect(s.revisionHistoryLimit).toBe(10);
  });

  it.each([
    ['absent replicas', {}, 'replicas', 1],
    ['explicit 0 replicas stays', { replicas: 0 }, 'replicas', 0],
    ['absent revisionHistoryLimit', {}, 'revisionHistoryLimit', 10],
    ['Parallel kept', { podManagementPolicy: 'Parallel' }, 'podManagementPolicy', 'Parallel'],
  ])('%s', (_name, patch, field, want) => {
    const ss = webStatefulSet();
    const s = spec(ss);
    delete s.replicas;
    Object.assign(s, patch);
    expect(spec(defaultStatefulSet(ss, {}))[field]).toBe(want);
  });

  it('keeps rollingUpdate nil for an explicit RollingUpdate type without a block (the caveat)', () => {
    const ss = webStatefulSet();
    spec(ss).updateStrategy = { type: 'RollingUpdate' };
    expect(spec(defaultStatefulSet(ss, {})).updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it('does not invent rollingUpdate for OnDelete', () => {
    const ss = webStatefulSet();
    spec(ss).updateStrategy = { type: 'OnDelete' };
    expect(spec(defaultStatefulSet(ss, {})).updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('defaults maxUnavailable to 1 only with the MaxUnavailableStatefulSet gate', () => {
    expect((spec(defaultStatefulSet(webStatefulSet(), { MaxUnavailableStatefulSet: true })).updateStrategy as JsonMap).rollingUpdate).toEqual({ partition: 0, maxUnavailable: 1 });
    expect((spec(defaultStatefulSet(webStatefulSet(), {})).updateStrategy as JsonMap).rollingUpdate).toEqual({ partition: 0 });
  });

  it('fills a partial retention policy member by member', () => {
    const ss = webStatefulSet();
    spec(ss).persistentVolumeClaimRetentionPolicy = { whenScaled: 'Delete' };
    expect(spec(defaultStatefulSet(ss, {})).persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
  });

  it('defaults the claim templates (TypeMeta, volumeMode, Pending status, canonical quantity)', () => {
    const ss = webStatefulSet();
    ((spec(ss).volumeClaimTemplates as JsonMap[])[0].spec as JsonMap).resources = { requests: { storage: '1024Mi' } };
    expect((spec(defaultStatefulSet(ss, {})).volumeClaimTemplates as JsonMap[])[0]).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('defaults the pod template so the revision hash matches a real 1.34+ cluster (web-7d8559755f)', () => {
    const template = spec(defaultStatefulSet(webStatefulSet(), {})).template as PodTemplateSpec;
    expect(`web-${hashRevision(revisionData(template), 0)}`).toBe('web-7d8559755f');
  });

  it('does not mutate its input', () => {
    const ss = webStatefulSet();
    const before = structuredClone(ss);
    defaultStatefulSet(ss, {});
    expect(ss).toEqual(before);
  });
});
