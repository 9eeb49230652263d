// Small strategies for the remaining kinds: Namespace (phase, name label, finalizer), ServiceAccount (its name),
// Endpoints (port protocol), StorageClass (policy defaults) and ControllerRevision (immutable data).
import type { KindStrategy } from './admission.ts';
import { FIELD_IMMUTABLE, invalid, repr, required, validateNonnegative } from './field-errors.ts';
import { asMap, asMaps, child, semanticEqual, setDefault, str, deepCopy } from './json-util.ts';
import { goJson } from './go-json.ts';
import type { JsonMap, KObject } from './types.ts';
import { isDNS1123Label, isDNS1123Subdomain, validateObjectMeta } from './validation-names.ts';

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

/** Namespace: SetDefaults_Namespace (name label) and the registry's finalizer and Active phase. */
export const namespaceStrategy: KindStrategy = {
  default(obj) {
    const ns = deepCopy(m(obj));
    const meta = child(ns, 'metadata');
    child(meta, 'labels')['kubernetes.io/metadata.name'] = str(meta, 'name');
    return ns as unknown as KObject;
  },
  prepareForCreate(obj) {
    const ns = deepCopy(m(obj));
    ns.spec = { finalizers: ['kubernetes'] };
    ns.status = { phase: 'Active' };
    return ns as unknown as KObject;
  },
  prepareForUpdate(obj, old) {
    const ns = deepCopy(m(obj));
    ns.spec = deepCopy(m(old).spec);
    ns.status = deepCopy(m(old).status);
    return ns as unknown as KObject;
  },
  validateCreate: (obj) => validateObjectMeta(asMap(m(obj).metadata) as never, isDNS1123Label),
};

/** ServiceAccount: a DNS subdomain name (ValidateServiceAccount); nothing is defaulted. */
export const serviceAccountStrategy: KindStrategy = {
  validateCreate: (obj) => validateObjectMeta(asMap(m(obj).metadata) as never, isDNS1123Subdomain),
  validateUpdate: (obj) => validateObjectMeta(asMap(m(obj).metadata) as never, isDNS1123Subdomain),
};

/** Endpoints: SetDefaults_EndpointPort (protocol TCP). */
export const endpointsStrategy: KindStrategy = {
  default(obj) {
    // Copy only when something is defaulted (subsets of a large Endpoints are long).
    if (asMaps(m(obj).subsets).every((s) => asMaps(s.ports).every((p) => p.protocol))) return obj;
    const ep = deepCopy(m(obj));
    for (const subset of asMaps(ep.subsets)) for (const p of asMaps(subset.ports)) setDefault(p, 'protocol', 'TCP');
    return ep as unknown as KObject;
  },
};

/** StorageClass: SetDefaults_StorageClass (reclaimPolicy Delete, volumeBindingMode Immediate). */
export const storageClassStrategy: KindStrategy = {
  default(obj) {
    const sc = deepCopy(m(obj));
    setDefault(sc, 'reclaimPolicy', 'Delete');
    setDefault(sc, 'volumeBindingMode', 'Immediate');
    return sc as unknown as KObject;
  },
};

/** ControllerRevision: data is mandatory and immutable, revision ≥ 0. Models ValidateControllerRevision(Update). */
export const controllerRevisionStrategy: KindStrategy = {
  validateCreate(obj) {
    const cr = m(obj);
    const out = validateObjectMeta(asMap(cr.metadata) as never, isDNS1123Subdomain);
    if (cr.data === undefined || cr.data === null) out.push(required('data', 'data is mandatory'));
    out.push(...validateNonnegative(Number(cr.revision ?? 0), 'revision'));
    return out;
  },
  validateUpdate(obj, old) {
    const cr = m(obj);
    const out = validateNonnegative(Number(cr.revision ?? 0), 'revision');
    if (cr.data === undefined || cr.data === null) out.push(required('data', 'data is mandatory'));
    // A RawExtension marshals as the JSON it holds.
    if (!semanticEqual(cr.data, m(old).data)) out.push(invalid('data', repr(goJson(cr.data)), FIELD_IMMUTABLE));
    return out;
  },
};
