// PodDisruptionBudget validation with the 1.35 API server's texts: pkg/apis/policy/validation
// ValidatePodDisruptionBudgetSpec and ValidatePodDisruptionBudgetStatusUpdate, the int-or-percent checks of
// pkg/apis/apps/validation they use, and meta/v1 ValidateConditions. Bad values render as 1.34+ does (JSON).
import { duplicate, invalid, notSupported, repr, required, tooLong, validateNonnegative } from './field-errors.ts';
import { goJson } from './go-json.ts';
import { asMap, asMaps, str } from './json-util.ts';
import { labelSelectorJson, validateLabelSelector } from './selector-validation.ts';
import type { JsonMap, StatusCause } from './types.ts';
import { isQualifiedName, regexError, validateWith } from './validation-names.ts';

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = new RegExp(`^${PERCENT_FMT}$`);

/** Models apimachinery validation IsValidPercent's message. */
export const INVALID_PERCENT = regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%');

/** The unhealthyPodEvictionPolicy values, as sets.List orders them. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;

const present = (v: unknown): boolean => v !== undefined && v !== null;

// An intstr.IntOrString bad value: field.Error marshals it (`"50x"`, `-1`).
const intOrStringValue = (v: unknown) => repr(goJson(v));

/** Models apps/validation ValidatePositiveIntOrPercent: a percent string, or an integer ≥ 0. */
export function validatePositiveIntOrPercent(v: unknown, path: string): StatusCause[] {
  if (typeof v === 'string') return PERCENT_RE.test(v) ? [] : [invalid(path, intOrStringValue(v), INVALID_PERCENT)];
  return validateNonnegative(Number(v), path);
}

/** Models apps/validation IsNotMoreThan100Percent: only a well-formed percent is checked. */
export function isNotMoreThan100Percent(v: unknown, path: string): StatusCause[] {
  if (typeof v !== 'string' || !PERCENT_RE.test(v) || Number(v.slice(0, -1)) <= 100) return [];
  return [invalid(path, intOrStringValue(v), 'must not be greater than 100%')];
}

// json.Marshal of the internal policy.PodDisruptionBudgetSpec (no JSON tags: Go field names, nil pointers null).
function internalSpecJson(spec: JsonMap): string {
  const j = (v: unknown): string => (present(v) ? goJson(v) : 'null');
  return `{"MinAvailable":${j(spec.minAvailable)},"Selector":${labelSelectorJson(asMap(spec.selector)).goRepr},` +
    `"MaxUnavailable":${j(spec.maxUnavailable)},"UnhealthyPodEvictionPolicy":${j(spec.unhealthyPodEvictionPolicy)}}`;
}

/**
 * Spec problems. Models ValidatePodDisruptionBudgetSpec; `allowInvalidLabelValue` relaxes the selector's
 * expression values (an update of a budget whose stored selector already fails the strict check).
 */
export function validatePdbSpec(spec: JsonMap, allowInvalidLabelValue = false): StatusCause[] {
  const out: StatusCause[] = [];
  if (present(spec.minAvailable) && present(spec.maxUnavailable)) {
    out.push(invalid('spec', repr(internalSpecJson(spec)), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const k of ['minAvailable', 'maxUnavailable']) {
    if (!present(spec[k])) continue;
    out.push(...validatePositiveIntOrPercent(spec[k], `spec.${k}`), ...isNotMoreThan100Percent(spec[k], `spec.${k}`));
  }
  const selector = asMap(spec.selector);
  if (selector) out.push(...validateLabelSelector(selector, 'spec.selector', allowInvalidLabelValue).errs);
  const policy = spec.unhealthyPodEvictionPolicy;
  if (present(policy) && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly unknown[]).includes(policy)) {
    out.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return out;
}

/** Whether a stored selector fails the strict check. Models the strategy's hasInvalidLabelValueInLabelSelector. */
export function hasInvalidSelector(spec: JsonMap | undefined): boolean {
  const selector = asMap(spec?.selector);
  return !!selector && validateLabelSelector(selector, 'spec.selector').errs.length > 0;
}

const REASON_FMT = '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?';
const REASON_RE = new RegExp(`^${REASON_FMT}$`);
const REASON_MSG = regexError("a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_'",
  REASON_FMT, 'my_name', 'MY_NAME', 'MyName', 'ReasonA,ReasonB', 'ReasonA:ReasonB');
const byteLength = (s: string): number => new TextEncoder().encode(s).length;

/** Models meta/v1/validation ValidateConditions (a metav1.Condition list). */
export function validateConditions(conditions: readonly JsonMap[], path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const seen = new Set<string>();
  conditions.forEach((c, i) => {
    const at = `${path}[${i}]`, type = str(c, 'type'), reason = str(c, 'reason');
    if (seen.has(type)) out.push(duplicate(`${at}.type`, type));
    seen.add(type);
    out.push(...validateWith(isQualifiedName, type, `${at}.type`));
    if (!['False', 'True', 'Unknown'].includes(str(c, 'status'))) out.push(notSupported(`${at}.status`, str(c, 'status'), ['False', 'True', 'Unknown']));
    if (Number(c.observedGeneration ?? 0) < 0) out.push(invalid(`${at}.observedGeneration`, Number(c.observedGeneration), 'must be greater than or equal to zero'));
    if (!str(c, 'lastTransitionTime')) out.push(required(`${at}.lastTransitionTime`, 'must be set'));
    if (!reason) out.push(required(`${at}.reason`, 'must be set'));
    else {
      if (!REASON_RE.test(reason)) out.push(invalid(`${at}.reason`, reason, REASON_MSG));
      if (byteLength(reason) > 1024) out.push(tooLong(`${at}.reason`, 1024));
    }
    if (byteLength(str(c, 'message')) > 32 * 1024) out.push(tooLong(`${at}.message`, 32 * 1024));
  });
  return out;
}

/** Status problems of a policy/v1 status write. Models ValidatePodDisruptionBudgetStatusUpdate. */
export function validatePdbStatus(status: JsonMap | undefined): StatusCause[] {
  const s = status ?? {};
  const out = validateConditions(asMaps(s.conditions), 'status.conditions');
  for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) out.push(...validateNonnegative(Number(s[k] ?? 0), `status.${k}`));
  return out;
}
