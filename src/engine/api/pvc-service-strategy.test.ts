import { describe, expect, it } from 'vitest';
import { PVC_PROTECTION, PVC_SPEC_IMMUTABLE } from './pvc-strategy.ts';
import { PV_PROTECTION } from './pv-strategy.ts';
import { apiCluster } from './test-fixtures.ts';
import type { JsonMap } from './types.ts';

const claim = (spec: JsonMap): JsonMap => ({ metadata: { name: 'www-web-0' }, spec });
const good = (): JsonMap => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } });

describe('PersistentVolumeClaim strategy', () => {
  it('defaults the class, volumeMode, quantity, finalizer and Pending phase', () => {
    const r = apiCluster().store.create('PersistentVolumeClaim', claim(good()));
    if (!r.ok) throw new Error(r.status.message);
    expect(r.object.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', storageClassName: 'standard' });
    expect(r.object.metadata!.finalizers).toEqual([PVC_PROTECTION]);
    expect(r.object.status).toEqual({ phase: 'Pending' });
  });

  it('keeps an explicit empty storageClassName', () => {
    const r = apiCluster().store.create('PersistentVolumeClaim', claim({ ...good(), storageClassName: '' }));
    expect(r.ok && r.object.spec!.storageClassName).toBe('');
  });

  it.each<[string, JsonMap, string]>([
    ['no access modes', { resources: { requests: { storage: '1Gi' } } }, 'spec.accessModes: Required value: at least 1 access mode is required'],
    ['no storage request', { accessModes: ['ReadWriteOnce'] }, 'spec.resources[storage]: Required value'],
    ['zero storage', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } }, 'spec.resources[storage]: Invalid value: "0": must be greater than zero'],
  ])('rejects %s', (_n, spec, want) => {
    const r = apiCluster().store.create('PersistentVolumeClaim', claim(spec));
    expect(!r.ok && r.status.details!.causes!.map((c) => `${c.field}: ${c.message}`)).toEqual([want]);
  });

  it('makes the spec immutable except requests of a bound claim and a first volumeName', () => {
    const c = apiCluster();
    const r = c.store.create('PersistentVolumeClaim', claim(good()));
    if (!r.ok) throw new Error();
    const o = structuredClone(r.object) as unknown as JsonMap;
    (o.spec as JsonMap).accessModes = ['ReadWriteMany'];
    const bad = c.store.update('PersistentVolumeClaim', o);
    expect(!bad.ok && bad.status.message).toBe(`PersistentVolumeClaim "www-web-0" is invalid: spec: Forbidden: ${PVC_SPEC_IMMUTABLE}`);
    const bind = structuredClone(r.object) as unknown as JsonMap;
    (bind.spec as JsonMap).volumeName = 'pvc-1';
    expect(c.store.update('PersistentVolumeClaim', bind).ok).toBe(true);
  });

  it('puts the pv-protection finalizer on volumes', () => {
    const r = apiCluster().store.create('PersistentVolume', { metadata: { name: 'pvc-1' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/x' } } });
    expect(r.ok && r.object.metadata!.finalizers).toEqual([PV_PROTECTION]);
    expect(r.ok && r.object.spec!.persistentVolumeReclaimPolicy).toBe('Retain');
  });
});

describe('Service strategy', () => {
  it('defaults and allocates a ClusterIP from 10.96.0.0/12, deterministically', () => {
    const make = () => apiCluster().store.create('Service', { metadata: { name: 'web' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }] } });
    const a = make(), b = make();
    if (!a.ok || !b.ok) throw new Error();
    expect(a.object.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect(a.object.spec!.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(a.object.spec!.clusterIPs).toEqual([a.object.spec!.clusterIP]);
    expect(b.object.spec!.clusterIP).toBe(a.object.spec!.clusterIP);
  });

  it('keeps None for headless services and forbids changing the IP', () => {
    const c = apiCluster();
    const r = c.store.create('Service', { metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
    if (!r.ok) throw new Error(r.status.message);
    expect(r.object.spec!.clusterIPs).toEqual(['None']);
    const o = structuredClone(r.object) as unknown as JsonMap;
    (o.spec as JsonMap).clusterIP = '10.96.5.5';
    (o.spec as JsonMap).clusterIPs = ['10.96.5.5'];
    const bad = c.store.update('Service', o);
    expect(!bad.ok && bad.status.details!.causes![0]).toMatchObject({ field: 'spec.clusterIPs[0]', message: 'Invalid value: ["10.96.5.5"]: may not change once set' });
  });

  it('rejects a name that is not a DNS-1035 label', () => {
    const r = apiCluster().store.create('Service', { metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } });
    expect(!r.ok && r.status.details!.causes![0].message).toContain("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character");
  });
});
