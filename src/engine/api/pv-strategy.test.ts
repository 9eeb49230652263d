import { describe, expect, it } from 'vitest';
import type { AdmissionContext } from './admission.ts';
import { asMap, child, deepCopy, setDefault } from './json-util.ts';
import { canonicalResourceList } from './quantity.ts';
import { PV_PROTECTION, pvStrategy } from './pv-strategy.ts';
import type { JsonMap, KObject } from './types.ts';

// The default and create preparation without the fast paths: deep copies, then the defaults and the finalizer.
function reference(obj: JsonMap): JsonMap {
  const pv = deepCopy(obj);
  const spec = child(pv, 'spec');
  setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setDefault(spec, 'volumeMode', 'Filesystem');
  if (spec.capacity) spec.capacity = canonicalResourceList(asMap(spec.capacity));
  setDefault(child(pv, 'status'), 'phase', 'Pending');
  pv.status = { phase: 'Pending' };
  const meta = child(pv, 'metadata');
  const finalizers = Array.isArray(meta.finalizers) ? [...(meta.finalizers as string[])] : [];
  if (!finalizers.includes(PV_PROTECTION)) finalizers.push(PV_PROTECTION);
  meta.finalizers = finalizers;
  return pv;
}

const ctx = { gates: {}, now: 0, wallNow: 0, random: () => 0.5, list: () => [] } as unknown as AdmissionContext;
const meta = (over: JsonMap = {}): JsonMap => ({ name: 'pvc-1', annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }, ...over });
const spec = (over: JsonMap = {}): JsonMap => ({
  accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/x', type: 'DirectoryOrCreate' },
  persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem', ...over,
});

const CASES: Array<[string, JsonMap]> = [
  ['defaulted, finalizer present', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta({ finalizers: [PV_PROTECTION] }), spec: spec(), status: { phase: 'Pending' } }],
  ['defaulted, other finalizer', { metadata: meta({ finalizers: ['x'] }), spec: spec(), status: { phase: 'Pending' } }],
  ['defaulted, no finalizers', { metadata: meta(), spec: spec(), status: { phase: 'Available' } }],
  ['no status', { metadata: meta(), spec: spec() }],
  ['empty phase', { metadata: meta(), spec: spec(), status: { phase: '' } }],
  ['no reclaim policy', { metadata: meta(), spec: spec({ persistentVolumeReclaimPolicy: undefined }), status: { phase: 'Pending' } }],
  ['empty volumeMode', { metadata: meta(), spec: spec({ volumeMode: '' }), status: { phase: 'Pending' } }],
  ['non-canonical capacity', { metadata: meta(), spec: spec({ capacity: { storage: '1024Mi' } }), status: { phase: 'Pending' } }],
  ['numeric capacity', { metadata: meta(), spec: spec({ capacity: { storage: 5 } }), status: { phase: 'Pending' } }],
  ['capacity not a map', { metadata: meta(), spec: spec({ capacity: 'x' }), status: { phase: 'Pending' } }],
  ['no spec', { metadata: meta(), status: { phase: 'Pending' } }],
  ['no metadata', { spec: spec(), status: { phase: 'Pending' } }],
];

describe('PersistentVolume default and prepareForCreate without deep copies', () => {
  it.each(CASES)('%s: equal the deep-copying ones, key order included, input untouched', (_n, obj) => {
    // The store hands the strategy a top level and metadata of the write's own.
    const input = { ...obj, ...(obj.metadata ? { metadata: { ...asMap(obj.metadata) } } : {}) };
    const before = JSON.stringify(obj);
    const d = pvStrategy.default!(input as unknown as KObject, ctx);
    const got = pvStrategy.prepareForCreate!(d, ctx) as unknown as JsonMap;
    expect(JSON.stringify(got)).toBe(JSON.stringify(reference(obj)));
    expect(JSON.stringify(obj)).toBe(before);
  });

  it('shares a defaulted spec and never changes it or a shared finalizer list', () => {
    const s = Object.freeze(spec()), finalizers = Object.freeze(['x']);
    const obj = { metadata: meta({ finalizers }), spec: s, status: Object.freeze({ phase: 'Pending' }) };
    const got = pvStrategy.prepareForCreate!(pvStrategy.default!(obj as unknown as KObject, ctx), ctx) as unknown as JsonMap;
    expect(got.spec).toBe(s);
    expect(asMap(got.metadata)!.finalizers).toEqual(['x', PV_PROTECTION]);
    expect(finalizers).toEqual(['x']);
  });
});
