// The API server's write strategy for PersistentVolumes: defaults, the pv-protection finalizer, status reset.
import type { KindStrategy } from './admission.ts';
import { required } from './field-errors.ts';
import { asMap, child, setDefault, deepCopy, ensureFinalizer, keepFieldOf } from './json-util.ts';
import { canonicalResourceList } from './quantity.ts';
import type { JsonMap, KObject, StatusCause } from './types.ts';
import { isDNS1123Subdomain, validateObjectMeta } from './validation-names.ts';

/** The finalizer the StorageObjectInUseProtection plugin puts on every volume. */
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

/** The PersistentVolume strategy. */
export const pvStrategy: KindStrategy = {
  // Models SetDefaults_PersistentVolume.
  default(obj) {
    const pv = deepCopy(m(obj));
    const spec = child(pv, 'spec');
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
    if (spec.capacity) spec.capacity = canonicalResourceList(asMap(spec.capacity));
    setDefault(child(pv, 'status'), 'phase', 'Pending');
    return pv as unknown as KObject;
  },
  prepareForCreate(obj) {
    // The store ran `default` on this very write just before, which returned a deep copy the write owns: no
    // second copy.
    const pv = m(obj);
    pv.status = { phase: 'Pending' };
    ensureFinalizer(pv, PV_PROTECTION);
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
