// The API server's write strategy for PodDisruptionBudgets (pkg/registry/policy/poddisruptionbudget/strategy.go):
// no defaulting (policy/v1 has none), a zero status and generation 1 on create, generation bumps on spec change,
// the stored status kept on spec writes and the spec kept on /status writes; validation in pdb-validation.ts.
import type { KindStrategy } from './admission.ts';
import { asMap, child, deepCopy, semanticEqual } from './json-util.ts';
import { hasInvalidSelector, validatePdbSpec, validatePdbStatus } from './pdb-validation.ts';
import type { JsonMap, KObject } from './types.ts';
import { isValidPathSegmentName, validateAnnotations, validateLabels, validateObjectMeta } from './validation-names.ts';

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

/** The policy/v1 JSON of a zero PodDisruptionBudgetStatus (its four counts carry no omitempty). */
export const zeroPdbStatus = (): JsonMap => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });

/** The PodDisruptionBudget strategy. */
export const podDisruptionBudgetStrategy: KindStrategy = {
  // Models podDisruptionBudgetStrategy.PrepareForCreate: status cleared, generation 1.
  prepareForCreate(obj) {
    const pdb = deepCopy(m(obj));
    pdb.status = zeroPdbStatus();
    child(pdb, 'metadata').generation = 1;
    return pdb as unknown as KObject;
  },
  // Models podDisruptionBudgetStrategy.PrepareForUpdate.
  prepareForUpdate(obj, old) {
    const pdb = deepCopy(m(obj));
    const prev = m(old);
    pdb.status = deepCopy(prev.status);
    if (!semanticEqual(pdb.spec, prev.spec)) child(pdb, 'metadata').generation = Number(asMap(prev.metadata)?.generation ?? 0) + 1;
    return pdb as unknown as KObject;
  },
  // Models podDisruptionBudgetStatusStrategy.PrepareForUpdate (stored objects are immutable: the spec is shared).
  prepareForStatusUpdate(obj, old) {
    return { ...m(obj), spec: m(old).spec } as unknown as KObject;
  },
  // The strategy's Validate, then (only when it passes) rest.BeforeCreate's generic metadata check, whose name
  // rule for this kind is only ValidatePathSegmentName.
  validateCreate(obj) {
    const specErrs = validatePdbSpec(asMap(m(obj).spec) ?? {});
    return specErrs.length ? specErrs : validateObjectMeta(asMap(m(obj).metadata) as never, isValidPathSegmentName);
  },
  // rest.BeforeUpdate's metadata checks first, then ValidateUpdate (a stored selector already invalid keeps its values).
  validateUpdate(obj, old) {
    const meta = asMap(m(obj).metadata) ?? {};
    return [
      ...validateLabels(asMap(meta.labels) as Record<string, string> | undefined, 'metadata.labels'),
      ...validateAnnotations(asMap(meta.annotations) as Record<string, string> | undefined, 'metadata.annotations'),
      ...validatePdbSpec(asMap(m(obj).spec) ?? {}, hasInvalidSelector(asMap(m(old).spec))),
    ];
  },
  validateStatusUpdate: (obj) => validatePdbStatus(asMap(m(obj).status)),
};
