import { describe, expect, it } from 'vitest';
import type { AdmissionContext } from './admission.ts';
import { asMap, child, deepCopy, setDefault } from './json-util.ts';
import { defaultClaimSpec, pvcStrategy } from './pvc-strategy.ts';
import type { JsonMap, KObject } from './types.ts';

// The default without the shared fast path: a deep copy, then the defaults.
function reference(obj: JsonMap): JsonMap {
  const pvc = deepCopy(obj);
  defaultClaimSpec(child(pvc, 'spec'));
  setDefault(child(pvc, 'status'), 'phase', 'Pending');
  return pvc;
}

const ctx = { gates: {}, now: 0, wallNow: 0, random: () => 0.5, list: () => [] } as unknown as AdmissionContext;
const meta = (): JsonMap => ({ name: 'www-web-0', namespace: 'default', labels: { app: 'nginx' }, ownerReferences: [{ uid: 'u' }] });
const spec = (over: JsonMap = {}): JsonMap => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', ...over });

const CASES: Array<[string, JsonMap]> = [
  ['defaulted', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: spec(), status: { phase: 'Bound' } }],
  ['no status', { metadata: meta(), spec: spec() }],
  ['status without phase', { metadata: meta(), spec: spec(), status: { capacity: { storage: '1Gi' } } }],
  ['null status', { metadata: meta(), spec: spec(), status: null }],
  ['no volumeMode', { metadata: meta(), spec: spec({ volumeMode: undefined }), status: { phase: 'Bound' } }],
  ['empty volumeMode', { metadata: meta(), spec: spec({ volumeMode: '' }), status: { phase: 'Bound' } }],
  ['non-canonical request', { metadata: meta(), spec: spec({ resources: { requests: { storage: '1024Mi' } } }), status: { phase: 'Bound' } }],
  ['numeric request', { metadata: meta(), spec: spec({ resources: { requests: { storage: 5 } } }), status: { phase: 'Bound' } }],
  ['non-canonical limit', { metadata: meta(), spec: spec({ resources: { requests: { storage: '1Gi' }, limits: { storage: '2048Mi' } } }), status: { phase: 'Bound' } }],
  ['unparsable request', { metadata: meta(), spec: spec({ resources: { requests: { storage: 'lots' } } }), status: { phase: 'Bound' } }],
  ['requests not a map', { metadata: meta(), spec: spec({ resources: { requests: 'x' } }), status: { phase: 'Bound' } }],
  ['no spec', { metadata: meta(), status: { phase: 'Bound' } }],
  ['no metadata', { spec: spec(), status: { phase: 'Bound' } }],
  ['no owner references', { metadata: { name: 'c' }, spec: spec(), status: { phase: 'Pending' } }],
];

describe('PersistentVolumeClaim default without deep copies', () => {
  it.each(CASES)('%s: equals the deep-copying default, key order included', (_n, obj) => {
    const before = JSON.stringify(obj);
    // The store hands the strategy a top level and metadata of the write's own.
    const input = { ...obj, ...(obj.metadata ? { metadata: { ...asMap(obj.metadata) } } : {}) };
    const got = pvcStrategy.default!(input as unknown as KObject, ctx) as unknown as JsonMap;
    expect(JSON.stringify(got)).toBe(JSON.stringify(reference(obj)));
    expect(got.metadata === undefined || got.metadata !== obj.metadata).toBe(true);
    const owners = asMap(obj.metadata)?.ownerReferences;
    if (owners) expect(asMap(got.metadata)!.ownerReferences).not.toBe(owners);
    expect(JSON.stringify(obj)).toBe(before);
  });

  it('shares a defaulted spec, and prepareForCreate replaces it instead of changing it', () => {
    const obj = { metadata: meta(), spec: spec(), status: { phase: 'Pending' } };
    const frozen = Object.freeze(obj.spec);
    const d = pvcStrategy.default!(obj as unknown as KObject, ctx) as unknown as JsonMap;
    expect(d.spec).toBe(frozen);
    const withClass = { ...ctx, list: () => [{ metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }] } as unknown as AdmissionContext;
    const created = pvcStrategy.prepareForCreate!(d as unknown as KObject, withClass) as unknown as JsonMap;
    expect(asMap(created.spec)!.storageClassName).toBe('standard');
    expect(frozen.storageClassName).toBeUndefined();
  });
});
