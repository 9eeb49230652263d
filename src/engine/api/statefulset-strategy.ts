// The API server's write strategy for StatefulSets (pkg/registry/apps/statefulset/strategy.go): defaulting,
// status reset and gated-field dropping on create, generation bumps on spec change, validation, warnings.
import type { KindStrategy } from './admission.ts';
import { asMap, child, semanticEqual, deepCopy } from './json-util.ts';
import { defaultStatefulSet } from './statefulset-defaults.ts';
import { validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate } from './statefulset-validation.ts';
import type { JsonMap, KObject, StatefulSet } from './types.ts';

/** The warning for a negative revisionHistoryLimit. */
export const NEGATIVE_HISTORY_WARNING = 'spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended';

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

function maxUnavailableInUse(ss: JsonMap | undefined): boolean {
  const mu = asMap(asMap(asMap(ss?.spec)?.updateStrategy)?.rollingUpdate)?.maxUnavailable;
  return mu !== undefined && mu !== null;
}

// Models dropStatefulSetDisabledFields: without the gate, maxUnavailable goes unless the old object used it.
function dropDisabledFields(ss: JsonMap, old: JsonMap | undefined, gates: Readonly<Record<string, boolean>>): void {
  if (gates.MaxUnavailableStatefulSet || maxUnavailableInUse(old)) return;
  const ru = asMap(asMap(asMap(ss.spec)?.updateStrategy)?.rollingUpdate);
  if (ru) delete ru.maxUnavailable;
}

/** Whether two StatefulSet specs are semantically equal (what decides a generation bump). */
export function isStatefulSetSpecEqual(a: StatefulSet | JsonMap, b: StatefulSet | JsonMap): boolean {
  return semanticEqual((a as JsonMap).spec, (b as JsonMap).spec);
}

/** The StatefulSet strategy. */
export const statefulSetStrategy: KindStrategy = {
  default(obj, ctx) {
    return defaultStatefulSet(m(obj), ctx.gates) as unknown as KObject;
  },
  // Models statefulSetStrategy.PrepareForCreate (generation 1 is set by the store).
  prepareForCreate(obj, ctx) {
    const ss = deepCopy(m(obj));
    ss.status = { replicas: 0, availableReplicas: 0 };
    dropDisabledFields(ss, undefined, ctx.gates);
    return ss as unknown as KObject;
  },
  // Models statefulSetStrategy.PrepareForUpdate.
  prepareForUpdate(obj, old, ctx) {
    const ss = deepCopy(m(obj));
    const prev = m(old);
    ss.status = deepCopy(prev.status);
    dropDisabledFields(ss, prev, ctx.gates);
    if (!isStatefulSetSpecEqual(ss, prev)) child(ss, 'metadata').generation = Number(asMap(prev.metadata)?.generation ?? 0) + 1;
    return ss as unknown as KObject;
  },
  // Models statefulSetStatusStrategy.PrepareForUpdate: a status write never changes the spec.
  prepareForStatusUpdate(obj, old) {
    // Stored objects are immutable, so the old spec is shared rather than copied.
    return { ...m(obj), spec: m(old).spec } as unknown as KObject;
  },
  validateCreate: (obj) => validateStatefulSet(m(obj)),
  validateUpdate: (obj, old) => validateStatefulSetUpdate(m(obj), m(old)),
  validateStatusUpdate: (obj, old) => validateStatefulSetStatusUpdate(m(obj), m(old)),
  warnings(obj) {
    const limit = asMap(m(obj).spec)?.revisionHistoryLimit;
    return typeof limit === 'number' && limit < 0 ? [NEGATIVE_HISTORY_WARNING] : [];
  },
};
