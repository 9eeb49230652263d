// The API server's write strategy for PersistentVolumes: defaults, the pv-protection finalizer, status reset.
import type { KindStrategy } from './admission.ts';
import { required } from './field-errors.ts';
import { asMap, child, setDefault, deepCopy, keepFieldOf } from './json-util.ts';
import { canonicalResourceList } from './quantity.ts';
import { isCanonicalList } from './pvc-strategy.ts';
import type { JsonMap, KObject, StatusCause } from './types.ts';
import { isDNS1123Subdomain, validateObjectMeta } from './validation-names.ts';

/** The finalizer the StorageObjectInUseProtection plugin puts on every volume. */
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

const isUnset = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * Whether `default` would change nothing: reclaim policy and volume mode set, capacity canonical, a status
 * phase, and plain objects at the top (what the deep copy would treat specially is left to it). Such an object
 * is returned as it is, without the deep copy: the store hands `default` a top level and metadata that the
 * write owns, and prepareForCreate replaces what it sets rather than changing shared parts.
 */
function alreadyDefaulted(pv: JsonMap): boolean {
  const spec = asMap(pv.spec), status = asMap(pv.status), meta = asMap(pv.metadata);
  if (!spec || !status || !meta || isUnset(status.phase)) return false;
  if (isUnset(spec.persistentVolumeReclaimPolicy) || isUnset(spec.volumeMode)) return false;
  if (spec.capacity && !isCanonicalList(spec.capacity)) return false;
  return Object.getPrototypeOf(pv) === Object.prototype && Object.getPrototypeOf(meta) === Object.prototype
    && Object.getPrototypeOf(spec) === Object.prototype && Object.getPrototypeOf(status) === Object.prototype;
}

/** The PersistentVolume strategy. */
export const pvStrategy: KindStrategy = {
  // Models SetDefaults_PersistentVolume.
  default(obj) {
    if (alreadyDefaulted(m(obj))) return obj;
    const pv = deepCopy(m(obj));
    const spec = child(pv, 'spec');
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
    if (spec.capacity) spec.capacity = canonicalResourceList(asMap(spec.capacity));
    setDefault(child(pv, 'status'), 'phase', 'Pending');
    return pv as unknown as KObject;
  },
  prepareForCreate(obj) {
    // The store ran `default` on this very write just before, which returned a top level and metadata the write
    // owns (a deep copy, or see alreadyDefaulted): no second copy, and what is set here is replaced, not changed.
    const pv = m(obj);
    pv.status = { phase: 'Pending' };
    // Models ensureFinalizer (json-util) without copying a list that already has the finalizer: same content.
    const meta = child(pv, 'metadata');
    const finalizers = meta.finalizers;
    if (!Array.isArray(finalizers)) meta.finalizers = [PV_PROTECTION];
    else if (!finalizers.includes(PV_PROTECTION)) meta.finalizers = [...(finalizers as string[]), PV_PROTECTION];
    return pv as unknown as KObject;
  },
  prepareForUpdate: (obj, old) => keepFieldOf(obj, old, 'status') as unknown as KObject,
  prepareForStatusUpdate: (obj, old) => keepFieldOf(obj, old, 'spec') as unknown as KObject,
  validateCreate(obj) {
    const pv = m(obj);
    const out: StatusCause[] = validateObjectMeta(asMap(pv.metadata) as never, isDNS1123Subdomain);
    const spec = asMap(pv.spec);
    if (!Array.isArray(spec?.accessModes) || !(spec!.accessModes as unknown[]).length) out.push(required('spec.accessModes'));
    if (asMap(spec?.capacity)?.storage === undefined) out.push(required('spec.capacity'));
    return out;
  },
};
