// The API server's write strategy for Pods: defaulting, the admission plugins that run on create,
// status reset, spec immutability on update (pkg/registry/core/pod/strategy.go, core/validation).
import type { KindStrategy } from './admission.ts';
import { forbidden } from './field-errors.ts';
import { asMap, asMaps, child, semanticEqual, str, deepCopy } from './json-util.ts';
import { admitPod, defaultPod } from './pod-defaults.ts';
import { validatePodSpec } from './pod-validation.ts';
import { compareQuantity, parseQuantity } from './quantity.ts';
import type { JsonMap, KObject, ServiceAccount, StatusCause } from './types.ts';
import { isDNS1123Subdomain, validateObjectMeta } from './validation-names.ts';

/** The 1.35 text for a forbidden pod spec change (the server appends a diff, which the simulation omits). */
export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The pod's QoS class from its containers' requests and limits. Models pkg/apis/core/helper/qos GetPodQOS. */
export function podQOSClass(spec: JsonMap | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...asMaps(spec?.initContainers), ...asMaps(spec?.containers)];
  let any = false, guaranteed = true;
  for (const c of containers) {
    const res = asMap(c.resources);
    const requests = asMap(res?.requests) ?? {}, limits = asMap(res?.limits) ?? {};
    const relevant = (k: string): boolean => k === 'cpu' || k === 'memory';
    const nonZero = (v: unknown): boolean => { const q = parseQuantity(String(v)); return q.ok && q.q.num !== 0n; };
    if (Object.keys(requests).some((k) => relevant(k) && nonZero(requests[k]))) any = true;
    if (Object.keys(limits).some((k) => relevant(k) && nonZero(limits[k]))) any = true;
    for (const k of ['cpu', 'memory']) {
      const l = limits[k], r = requests[k] ?? l;
      if (l === undefined) { guaranteed = false; continue; }
      const lq = parseQuantity(String(l)), rq = parseQuantity(String(r));
      if (!lq.ok || !rq.ok || compareQuantity(lq.q, rq.q) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

// Fields the create-time admission plugins set; a replacing write without them keeps the stored values,
// as the patch kubectl sends would.
const ADMISSION_FIELDS = ['serviceAccountName', 'serviceAccount', 'priority', 'preemptionPolicy', 'nodeName'];

// Models ValidatePodUpdate: with the mutable fields copied from the old spec, nothing else may differ.
function validatePodSpecUpdate(spec: JsonMap, old: JsonMap): StatusCause[] {
  const probe = deepCopy(spec);
  for (const key of ['containers', 'initContainers']) {
    const now = asMaps(probe[key]), before = asMaps(old[key]);
    now.forEach((c, i) => { if (before[i]) c.image = before[i].image; });
  }
  probe.activeDeadlineSeconds = old.activeDeadlineSeconds;
  const oldTolerations = asMaps(old.tolerations), newTolerations = asMaps(spec.tolerations);
  const kept = oldTolerations.every((t) => newTolerations.some((n) => semanticEqual(n, t)));
  if (kept) probe.tolerations = old.tolerations;
  // Binding (the pods/binding subresource upstream) sets nodeName once.
  if (!str(old, 'nodeName')) probe.nodeName = old.nodeName;
  return semanticEqual(probe, old) ? [] : [forbidden('spec', POD_UPDATE_FORBIDDEN)];
}

/** The Pod strategy. */
export const podStrategy: KindStrategy = {
  default(obj) {
    return defaultPod(deepCopy(m(obj)), false) as unknown as KObject;
  },
  // Models pod strategy PrepareForCreate plus the ServiceAccount, Priority and DefaultTolerationSeconds plugins.
  prepareForCreate(obj, ctx) {
    // The store ran `default` on this very write just before: only the create-time admission defaults are
    // left to apply (running the spec defaults a second time found nothing to add). `default` returned a deep
    // copy that this write owns, so it is changed in place.
    const meta = asMap(m(obj).metadata);
    const spec = asMap(m(obj).spec);
    const sa = ctx.get?.('ServiceAccount', str(meta, 'namespace'), str(spec, 'serviceAccountName') || str(spec, 'serviceAccount') || 'default') as ServiceAccount | undefined;
    const pod = admitPod(m(obj), ctx.random, sa);
    child(pod, 'metadata').generation = 1;
    pod.status = { phase: 'Pending', qosClass: podQOSClass(asMap(pod.spec)) };
    return pod as unknown as KObject;
  },
  prepareForUpdate(obj, old) {
    const pod = deepCopy(m(obj));
    const oldPod = m(old);
    pod.status = deepCopy(oldPod.status);
    const spec = child(pod, 'spec'), oldSpec = asMap(oldPod.spec) ?? {};
    for (const k of ADMISSION_FIELDS) if (spec[k] === undefined && oldSpec[k] !== undefined) spec[k] = oldSpec[k];
    if (spec.tolerations === undefined && oldSpec.tolerations !== undefined) spec.tolerations = deepCopy(oldSpec.tolerations);
    const meta = child(pod, 'metadata');
    if (!semanticEqual(spec, oldSpec)) meta.generation = Number(asMap(oldPod.metadata)?.generation ?? 1) + 1;
    return pod as unknown as KObject;
  },
  prepareForStatusUpdate(obj, old) {
    // Stored objects are immutable, so the old spec is shared rather than copied.
    return { ...m(obj), spec: m(old).spec } as unknown as KObject;
  },
  validateCreate(obj) {
    const pod = m(obj);
    // validateObjectMeta returns a list of its own: the spec's causes go after its (no spread copies).
    const out = validateObjectMeta(asMap(pod.metadata) as never, isDNS1123Subdomain);
    for (const c of validatePodSpec(asMap(pod.spec), 'spec')) out.push(c);
    return out;
  },
  validateUpdate(obj, old) {
    const spec = asMap(m(obj).spec) ?? {};
    return [...validatePodSpec(spec, 'spec'), ...validatePodSpecUpdate(spec, asMap(m(old).spec) ?? {})];
  },
};
