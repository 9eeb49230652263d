// The API server's write strategy for PersistentVolumeClaims: defaults, the DefaultStorageClass and
// StorageObjectInUseProtection admission plugins, validation, and spec immutability after creation.
import type { AdmissionContext, KindStrategy } from './admission.ts';
import { forbidden, invalid, notSupported, required } from './field-errors.ts';
import { asMap, child, semanticEqual, setDefault, str, deepCopy, ensureFinalizer, keepFieldOf, merged } from './json-util.ts';
import { canonicalQuantity, canonicalResourceList, compareQuantity, parseQuantity } from './quantity.ts';
import type { JsonMap, KObject, StatusCause } from './types.ts';
import { isDNS1123Subdomain, passes, validateObjectMeta, validateWith } from './validation-names.ts';

/** The finalizer the StorageObjectInUseProtection plugin puts on every claim. */
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
/** The 1.35 text for a forbidden claim spec change (the server appends a diff, which is omitted). */
export const PVC_SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** Defaults of a claim spec (SetDefaults_PersistentVolumeClaimSpec): volumeMode, canonical quantities. */
export function defaultClaimSpec(spec: JsonMap): JsonMap {
  setDefault(spec, 'volumeMode', 'Filesystem');
  const res = asMap(spec.resources);
  if (res?.requests) res.requests = canonicalResourceList(asMap(res.requests));
  if (res?.limits) res.limits = canonicalResourceList(asMap(res.limits));
  return spec;
}

/** Validates a claim spec at `path`. Models core/validation ValidatePersistentVolumeClaimSpec. */
export function validateClaimSpec(spec: JsonMap | undefined, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const modes = Array.isArray(spec?.accessModes) ? (spec!.accessModes as string[]) : [];
  if (modes.length === 0) out.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  for (const mode of modes) if (!ACCESS_MODES.includes(mode)) out.push(notSupported(`${path}.accessModes`, mode, ACCESS_MODES));
  const storage = asMap(asMap(spec?.resources)?.requests)?.storage;
  // Field paths are built only for an error, not on every call.
  if (storage === undefined) out.push(required(`${path}.resources[storage]`));
  else {
    const q = parseQuantity(String(storage));
    if (q.ok && q.q.num <= 0n) out.push(invalid(`${path}.resources[storage]`, String(storage), 'must be greater than zero'));
  }
  const mode = spec?.volumeMode;
  if (typeof mode === 'string' && mode !== 'Block' && mode !== 'Filesystem') out.push(notSupported(`${path}.volumeMode`, mode, ['Block', 'Filesystem']));
  const cls = str(spec, 'storageClassName');
  // The field path is built only for an invalid name.
  if (cls && !passes(isDNS1123Subdomain, cls)) out.push(...validateWith(isDNS1123Subdomain, cls, `${path}.storageClassName`));
  return out;
}

// Models plugin/pkg/admission/storage/storageclass/setdefault: the newest default class, by name on ties.
function defaultStorageClass(ctx: AdmissionContext): string | undefined {
  const defaults = ctx.list('StorageClass').filter((sc) => sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  defaults.sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '') || (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  return defaults[0]?.metadata?.name;
}

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

const isUnset = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Whether canonicalResourceList would give a list equal to `v` (every quantity already canonical). */
export function isCanonicalList(v: unknown): boolean {
  const list = asMap(v);
  if (!list) return !v;
  for (const k of Object.keys(list)) {
    const q = list[k];
    if (k === '__proto__') return false;
    if ((typeof q === 'string' || typeof q === 'number') && (canonicalQuantity(q) ?? q) !== q) return false;
  }
  return true;
}

/**
 * The `default` result without deep copies when the spec is already defaulted (volumeMode set, quantities
 * canonical) and the status has a phase: the write's own top levels (object and metadata) sharing the rest, which
 * is never changed in place (stored objects are immutable, and prepareForCreate replaces what it sets). Controllers'
 * claim writes hand back the stored spec, so validateUpdate then compares it by identity. Null when defaulting
 * changes something, or for an object the deep copy would treat specially.
 */
function sharedDefault(pvc: JsonMap): JsonMap | null {
  const spec = asMap(pvc.spec), status = asMap(pvc.status), res = asMap(spec?.resources);
  if (!spec || !status || isUnset(status.phase) || isUnset(spec.volumeMode)) return null;
  if ((res?.requests && !isCanonicalList(res.requests)) || (res?.limits && !isCanonicalList(res.limits))) return null;
  const meta = asMap(pvc.metadata);
  if (!meta || Object.getPrototypeOf(pvc) !== Object.prototype || Object.getPrototypeOf(meta) !== Object.prototype) return null;
  // The store hands `default` a top level and metadata of the write's own (its copy, or an owned input), so they
  // are taken as they are, not copied again; their maps are shared. The owner references are copied: a new array
  // is what makes the store re-index the owners.
  if ('ownerReferences' in meta) meta.ownerReferences = deepCopy(meta.ownerReferences);
  return pvc;
}

/** The PersistentVolumeClaim strategy. */
export const pvcStrategy: KindStrategy = {
  default(obj) {
    const shared = sharedDefault(m(obj));
    if (shared) return shared as unknown as KObject;
    const pvc = deepCopy(m(obj));
    defaultClaimSpec(child(pvc, 'spec'));
    setDefault(child(pvc, 'status'), 'phase', 'Pending');
    return pvc as unknown as KObject;
  },
  prepareForCreate(obj, ctx) {
    // The store ran `default` on this very write just before, which returned a copy the write owns, except
    // for a spec and status it may share with the input (see sharedDefault): those are replaced, not changed.
    const pvc = m(obj);
    pvc.status = { phase: 'Pending' };
    const spec = child(pvc, 'spec');
    if (spec.storageClassName === undefined || spec.storageClassName === null) {
      const name = defaultStorageClass(ctx);
      if (name) pvc.spec = merged(spec, { storageClassName: name });
    }
    ensureFinalizer(pvc, PVC_PROTECTION);
    return pvc as unknown as KObject;
  },
  prepareForUpdate: (obj, old) => keepFieldOf(obj, old, 'status') as unknown as KObject,
  prepareForStatusUpdate: (obj, old) => keepFieldOf(obj, old, 'spec') as unknown as KObject,
  validateCreate(obj) {
    const pvc = m(obj);
    return [...validateObjectMeta(asMap(pvc.metadata) as never, isDNS1123Subdomain), ...validateClaimSpec(asMap(pvc.spec), 'spec')];
  },
  // Models ValidatePersistentVolumeClaimUpdate: only requests (when bound), the attributes class, and a
  // first volumeName (binding) may change; requests may not drop below the provisioned capacity.
  validateUpdate(obj, old) {
    const spec = asMap(m(obj).spec) ?? {}, oldSpec = asMap(m(old).spec) ?? {};
    const out = validateClaimSpec(spec, 'spec');
    // The probe is only read: a shallow copy with the mutable fields taken from the old spec (no deep copy; key
    // order does not matter to semanticEqual).
    const bound = str(asMap(m(old).status), 'phase') === 'Bound';
    const probe = merged(spec, { volumeAttributesClassName: oldSpec.volumeAttributesClassName });
    if (bound) probe.resources = merged(asMap(spec.resources), { requests: asMap(oldSpec.resources)?.requests });
    if (!str(oldSpec, 'volumeName')) probe.volumeName = oldSpec.volumeName;
    if (!semanticEqual(probe, oldSpec)) out.push(forbidden('spec', PVC_SPEC_IMMUTABLE));
    const capacity = asMap(asMap(m(old).status)?.capacity)?.storage;
    const wanted = asMap(asMap(spec.resources)?.requests)?.storage;
    if (bound && capacity !== undefined && wanted !== undefined) {
      const c = parseQuantity(String(capacity)), w = parseQuantity(String(wanted));
      if (c.ok && w.ok && compareQuantity(w.q, c.q) < 0) out.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
    return out;
  },
};

