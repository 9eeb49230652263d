// StatefulSet validation with the exact upstream texts (pkg/apis/apps/validation ValidateStatefulSet,
// ValidateStatefulSetUpdate, ValidateStatefulSetStatus). The pod template's PodSpec is deliberately NOT
// validated here: upstream accepts it and pod creation fails later (kubernetes#137728).
import { forbidden, invalid, notSupported, repr, required, validateNonnegative } from './field-errors.ts';
import { goJson } from './go-json.ts';
import { asMap, semanticEqual, str, deepCopy } from './json-util.ts';
import { matchesSelector } from './labels.ts';
import { labelSelectorJson, validateLabelSelector } from './selector-validation.ts';
import type { JsonMap, StatusCause } from './types.ts';
import { isDNS1123Label, validateAnnotations, validateLabels, validateObjectMeta, validateWith } from './validation-names.ts';

/** The 1.34+ text for changing an immutable StatefulSet field. */
export const STS_SPEC_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
  "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

// The JSON of the internal RollingUpdateStatefulSetStrategy (no JSON tags: Go field names, declaration order).
function rollingUpdateJson(ru: JsonMap): string {
  return `{"Partition":${Number(ru.partition ?? 0)},"MaxUnavailable":${goJson(ru.maxUnavailable ?? null)}}`;
}

// The JSON of the internal StatefulSetUpdateStrategy.
function updateStrategyJson(us: JsonMap): string {
  const ru = asMap(us.rollingUpdate);
  return `{"Type":${goJson(str(us, 'type'))},"RollingUpdate":${ru ? rollingUpdateJson(ru) : 'null'}}`;
}

// Models validateRollingUpdateStatefulSet: partition ≥ 0; maxUnavailable a positive int or a percent ≤ 100%.
function validateRollingUpdate(ru: JsonMap, path: string): StatusCause[] {
  const out = validateNonnegative(Number(ru.partition ?? 0), `${path}.partition`);
  const mu = ru.maxUnavailable;
  if (mu === undefined || mu === null) return out;
  const at = `${path}.maxUnavailable`;
  const shown = repr(goJson(mu));  // an IntOrString marshals as its string or its number
  if (typeof mu === 'string') {
    const m = /^([0-9]+)%$/.exec(mu);
    if (!m) out.push(invalid(at, shown, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
    else {
      if (Number(m[1]) === 0) out.push(invalid(at, shown, 'cannot be 0'));
      if (Number(m[1]) > 100) out.push(invalid(at, shown, 'must not be greater than 100%'));
    }
  } else {
    const n = Number(mu);
    if (n < 0) out.push(invalid(at, shown, 'must be greater than or equal to 0'));
    if (n === 0) out.push(invalid(at, shown, 'cannot be 0'));
  }
  return out;
}

// Models ValidatePersistentVolumeClaimRetentionPolicyType.
function validateRetention(policy: JsonMap | undefined): StatusCause[] {
  if (!policy) return [];
  const out: StatusCause[] = [];
  for (const k of ['whenDeleted', 'whenScaled']) {
    const v = str(policy, k);
    if (v !== 'Retain' && v !== 'Delete') out.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, v, ['Retain', 'Delete']));
  }
  return out;
}

/** Validates a defaulted StatefulSet spec. Models ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(spec: JsonMap): StatusCause[] {
  const out: StatusCause[] = [];
  const pmp = str(spec, 'podManagementPolicy');
  if (!pmp) out.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') out.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = asMap(spec.updateStrategy) ?? {};
  const type = str(us, 'type');
  const ru = asMap(us.rollingUpdate);
  if (!type) out.push(required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (ru) out.push(invalid('spec.updateStrategy.rollingUpdate', repr(rollingUpdateJson(ru)), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (ru) out.push(...validateRollingUpdate(ru, 'spec.updateStrategy.rollingUpdate'));
  } else {
    out.push(invalid('spec.updateStrategy', repr(updateStrategyJson(us)), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  out.push(...validateRetention(asMap(spec.persistentVolumeClaimRetentionPolicy)));
  out.push(...validateNonnegative(Number(spec.replicas ?? 0), 'spec.replicas'));
  out.push(...validateNonnegative(Number(spec.minReadySeconds ?? 0), 'spec.minReadySeconds'));
  const ordinals = asMap(spec.ordinals);
  if (ordinals) out.push(...validateNonnegative(Number(ordinals.start ?? 0), 'spec.ordinals.start'));
  const selector = asMap(spec.selector);
  let convertible = true;
  if (!selector) out.push(required('spec.selector'));
  else {
    const r = validateLabelSelector(selector, 'spec.selector');
    out.push(...r.errs);
    convertible = r.convertible;
    if (!Object.keys(asMap(selector.matchLabels) ?? {}).length && !(Array.isArray(selector.matchExpressions) && selector.matchExpressions.length)) {
      out.push(invalid('spec.selector', labelSelectorJson(selector), 'empty selector is invalid for statefulset'));
    }
  }
  const template = asMap(spec.template) ?? {};
  const tmeta = asMap(template.metadata) ?? {};
  const labels = asMap(tmeta.labels) as Record<string, string> | undefined;
  if (!convertible) out.push(invalid('spec.selector', labelSelectorJson(selector!), undefined));
  else {
    // Models ValidatePodTemplateSpecForStatefulSet (note the upstream paths `spec.template.labels`).
    const isEmpty = !!selector && !Object.keys(asMap(selector.matchLabels) ?? {}).length && !(Array.isArray(selector.matchExpressions) && selector.matchExpressions.length);
    if (!isEmpty && !matchesSelector(selector as never, labels)) {
      out.push(invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`'));
    }
    out.push(...validateLabels(labels, 'spec.template.labels'));
    out.push(...validateAnnotations(asMap(tmeta.annotations) as Record<string, string> | undefined, 'spec.template.annotations'));
  }
  const podSpec = asMap(template.spec) ?? {};
  const restart = str(podSpec, 'restartPolicy');
  if (restart !== 'Always') out.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    out.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return out;
}

/** Create validation: metadata (name is a DNS-1123 label), spec, and a non-empty serviceName's form. */
export function validateStatefulSet(ss: JsonMap): StatusCause[] {
  const spec = asMap(ss.spec) ?? {};
  const out = [...validateObjectMeta(asMap(ss.metadata) as never, isDNS1123Label), ...validateStatefulSetSpec(spec)];
  const serviceName = str(spec, 'serviceName');
  if (serviceName) out.push(...validateWith(isDNS1123Label, serviceName, 'spec.serviceName'));
  return out;
}

const MUTABLE_SPEC_FIELDS = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy', 'revisionHistoryLimit'];

/** Update validation: spec rules plus immutability of every field not in the mutable list. Models ValidateStatefulSetUpdate. */
export function validateStatefulSetUpdate(ss: JsonMap, old: JsonMap): StatusCause[] {
  const spec = asMap(ss.spec) ?? {}, oldSpec = asMap(old.spec) ?? {};
  const out = [...validateLabels(asMap(asMap(ss.metadata)?.labels) as never, 'metadata.labels'), ...validateStatefulSetSpec(spec)];
  const probe = deepCopy(spec);
  for (const k of MUTABLE_SPEC_FIELDS) probe[k] = oldSpec[k];
  if (!semanticEqual(probe, oldSpec)) out.push(forbidden('spec', STS_SPEC_FORBIDDEN));
  return out;
}

// Whether validateStatefulSetStatusUpdate finds nothing: each test is the negation of one of its error
// conditions (NaN counts fail none, as there), so the usual status write builds no field paths or arrays.
function statusValid(s: JsonMap, old: JsonMap): boolean {
  const replicas = Number(s.replicas ?? 0), ready = Number(s.readyReplicas ?? 0), current = Number(s.currentReplicas ?? 0);
  const updated = Number(s.updatedReplicas ?? 0), available = Number(s.availableReplicas ?? 0);
  const collisions = Number(s.collisionCount ?? 0), oldCount = asMap(old.status)?.collisionCount;
  return !(replicas < 0 || ready < 0 || current < 0 || updated < 0 || available < 0)
    && !(s.observedGeneration !== undefined && Number(s.observedGeneration ?? 0) < 0)
    && !(s.collisionCount !== undefined && collisions < 0)
    && !(ready > replicas || current > replicas || updated > replicas || available > replicas)
    && !(available > ready)
    && !(oldCount !== undefined && collisions < Number(oldCount));
}

/** Status validation. Models ValidateStatefulSetStatusUpdate. */
export function validateStatefulSetStatusUpdate(ss: JsonMap, old: JsonMap): StatusCause[] {
  const s = asMap(ss.status) ?? {};
  if (statusValid(s, old)) return [];
  const n = (k: string): number => Number(s[k] ?? 0);
  const out: StatusCause[] = [];
  for (const k of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) out.push(...validateNonnegative(n(k), `status.${k}`));
  if (s.observedGeneration !== undefined) out.push(...validateNonnegative(n('observedGeneration'), 'status.observedGeneration'));
  if (s.collisionCount !== undefined) out.push(...validateNonnegative(n('collisionCount'), 'status.collisionCount'));
  const msg = 'cannot be greater than status.replicas';
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) if (n(k) > n('replicas')) out.push(invalid(`status.${k}`, n(k), msg));
  if (n('availableReplicas') > n('readyReplicas')) out.push(invalid('status.availableReplicas', n('availableReplicas'), 'cannot be greater than status.readyReplicas'));
  const oldCount = asMap(old.status)?.collisionCount;
  if (oldCount !== undefined && n('collisionCount') < Number(oldCount)) out.push(invalid('status.collisionCount', n('collisionCount'), 'cannot be decremented'));
  return out;
}
