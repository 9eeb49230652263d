// Pure helpers of the StatefulSet controller: pod identity (names, ordinals, labels), health predicates,
// pod construction from a revision, and the status rules. No store access here.
// Models pkg/controller/statefulset/stateful_set_utils.go.
import { deepCopy, merged } from '../../api/json-util.ts';
import type { ControllerRevision, OwnerReference, PersistentVolumeClaim, Pod, PodTemplateSpec, StatefulSet } from '../../api/types.ts';
import { parseRfc3339 } from '../../clock/time.ts';
import { isPodReady, readyCondition } from '../../api/pod-util.ts';

type PodSpec = NonNullable<Pod['spec']>;

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';
export const HASH_LABEL = 'controller.kubernetes.io/hash';

/** The ownerReference a StatefulSet puts on its pods, claims and revisions (controller + blockOwnerDeletion). */
export function controllerRef(set: StatefulSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: set.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** The controller ownerReference of an object, if any. Models metav1.GetControllerOf. */
export function getControllerOf(o: { metadata?: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  for (const r of o.metadata?.ownerReferences ?? []) if (r.controller) return r;
  return undefined;
}

// A pod name is `<parent>-<digits>`; the greedy prefix makes `a-1-2` parse as parent `a-1`, ordinal 2.
const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/**
 * Parent set name and ordinal parsed from a pod name; ordinal -1 (and parent '') when the name does not
 * parse or the ordinal overflows int32. Models getParentNameAndOrdinal.
 */
export function getParentNameAndOrdinal(name: string): Readonly<{ parent: string; ordinal: number }> {
  let r = parsed.get(name);
  if (r) return r;
  const m = STATEFUL_POD.exec(name);
  const n = m ? Number(m[2]) : -1;
  r = m ? { parent: m[1], ordinal: m[2].length <= 10 && n <= 2147483647 ? n : -1 } : { parent: '', ordinal: -1 };
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(name, r);
  return r;
}

// Parsed names (a pure function of the name, so caching cannot change behaviour); bounded.
const parsed = new Map<string, Readonly<{ parent: string; ordinal: number }>>();
const PARSED_MAX = 100_000;

/** Ordinal of a pod, -1 when the name has none. Models getOrdinal. */
export function getOrdinal(pod: Pod): number {
  return getParentNameAndOrdinal(pod.metadata!.name!).ordinal;
}

/** First ordinal of the set (spec.ordinals.start, 0 when unset). Models getStartOrdinal. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** Last ordinal of the set, inclusive. Models getEndOrdinal. */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

/** Whether the ordinal lies in [start, end]. Models podInOrdinalRange. */
export function ordinalInRange(ordinal: number, set: StatefulSet): boolean {
  return ordinal >= getStartOrdinal(set) && ordinal <= getEndOrdinal(set);
}

/** `<set>-<ordinal>`. Models getPodName. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata!.name}-${ordinal}`;
}

/** `<template>-<set>-<ordinal>`. Models getPersistentVolumeClaimName. */
export function getPersistentVolumeClaimName(set: StatefulSet, templateName: string, ordinal: number): string {
  const setName = set.metadata!.name;
  if (!(Number.isInteger(ordinal) && ordinal >= 0 && ordinal < CLAIM_ORDINAL_MAX)) return `${templateName}-${setName}-${ordinal}`;
  let byTemplate = claimNames.get(setName);
  if (!byTemplate) claimNames.set(setName, (byTemplate = new Map()));
  let names = byTemplate.get(templateName);
  if (!names) byTemplate.set(templateName, (names = []));
  let name = names[ordinal];
  if (name === undefined) {
    if (claimNameCount >= CLAIM_NAMES_MAX) { claimNames.clear(); claimNameCount = 0; }
    names[ordinal] = name = `${templateName}-${setName}-${ordinal}`;
    claimNameCount++;
  }
  return name;
}

// Claim names by set name, template name and ordinal (a pure function of the three): the claim lookups of every
// pass neither build the string nor hash a new one. Bounded; a clear only drops cached strings.
const claimNames = new Map<string | undefined, Map<string, string[]>>();
let claimNameCount = 0;
const CLAIM_NAMES_MAX = 200_000;
const CLAIM_ORDINAL_MAX = 1 << 20;

/** Whether the pod's name says it belongs to the set. Models isMemberOf. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentNameAndOrdinal(pod.metadata!.name!).parent === set.metadata!.name;
}

/** Name, namespace and pod-name label are right. The pod-index label is not checked. Models identityMatches. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod.metadata!.name!);
  return ordinal >= 0 && parent === set.metadata!.name && pod.metadata!.name === getPodName(set, ordinal)
    && (pod.metadata!.namespace ?? '') === (set.metadata!.namespace ?? '')
    && pod.metadata?.labels?.[POD_NAME_LABEL] === pod.metadata!.name;
}

/** Every claim template has a volume pointing at the right claim. Models storageMatches. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const templates = set.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) return true;
  const volumes = pod.spec?.volumes ?? [];
  for (const t of templates) {
    const v = lastNamed(volumes, t.metadata!.name!);
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal)) return false;
  }
  return true;
}

// The last volume of that name (as a map built from the list would hold), found without building one.
function lastNamed<V extends { name: string }>(volumes: readonly V[], name: string): V | undefined {
  for (let i = volumes.length - 1; i >= 0; i--) if (volumes[i].name === name) return volumes[i];
  return undefined;
}

/** Sets the pod-name (and, with the PodIndexLabel gate, pod-index) labels. Models updateIdentity. */
export function updateIdentity(set: StatefulSet, pod: Pod, podIndexLabel: boolean): void {
  const ordinal = getOrdinal(pod);
  const m = pod.metadata!;
  m.name = getPodName(set, ordinal);
  m.namespace = set.metadata!.namespace;
  m.labels = merged<Record<string, string>>(m.labels, podIndexLabel ? { [POD_NAME_LABEL]: m.name, [POD_INDEX_LABEL]: String(ordinal) } : { [POD_NAME_LABEL]: m.name });
}

/**
 * The claim a pod of the set at `ordinal` needs from one claim template. Labels: template labels, then selector
 * matchLabels on top. Models the body of getPersistentVolumeClaims.
 */
export function newPersistentVolumeClaim(set: StatefulSet, t: PersistentVolumeClaim, ordinal: number): PersistentVolumeClaim {
  // A copy without `status`, built key by key (a `delete` would turn it into a slow dictionary object).
  const claim: Record<string, unknown> = {};
  for (const k in t) if (k !== 'status' && k !== 'metadata') claim[k] = deepCopy((t as Record<string, unknown>)[k]);
  const meta: NonNullable<PersistentVolumeClaim['metadata']> = merged(deepCopy(t.metadata ?? {}), { name: getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal), namespace: set.metadata!.namespace });
  const labels = merged<Record<string, string>>(meta.labels, set.spec?.selector?.matchLabels ?? {});
  if (Object.keys(labels).length) meta.labels = labels; else if ('labels' in meta) delete meta.labels;
  return { metadata: meta, ...claim } as PersistentVolumeClaim;
}

// Whether one of the first `n` volumes has that name (the claim volumes: a handful).
function hasName(vols: ReadonlyArray<{ name: string }>, n: number, name: string): boolean {
  for (let i = 0; i < n; i++) if (vols[i].name === name) return true;
  return false;
}

/** Puts one claim volume per template first, then the pod's other volumes. Models updateStorage. */
export function updateStorage(set: StatefulSet, pod: Pod, claimOrder?: readonly number[]): void {
  const templates = set.spec?.volumeClaimTemplates ?? [];
  const ordinal = getOrdinal(pod);
  // Only the claim names matter here, so no claim objects are built.
  const vols: Array<NonNullable<PodSpec['volumes']>[number]> = [];
  for (let k = 0; k < templates.length; k++) {
    const name = templates[claimOrder ? claimOrder[k] : k].metadata!.name!;
    vols.push({ name, persistentVolumeClaim: { claimName: getPersistentVolumeClaimName(set, name, ordinal) } });
  }
  const claimVolumes = vols.length;
  const spec = pod.spec!;
  for (const v of spec.volumes ?? []) if (!hasName(vols, claimVolumes, v.name)) vols.push(v);
  if (vols.length) spec.volumes = vols; else if ('volumes' in spec) delete spec.volumes;
}

/** The set with its template replaced by the revision's template. Models ApplyRevision. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  // Stored objects never change in place, so the result is a function of the two identities: cache it
  // (per revision: its template, and the result for the last set seen) instead of rebuilding it per sync.
  let hit = applied.get(revision);
  if (!hit) {
    const src = (revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {};
    const template: Record<string, unknown> = {};
    for (const k in src) if (k !== '$patch') template[k] = src[k];
    applied.set(revision, (hit = { template: template as PodTemplateSpec, set: undefined, out: undefined }));
  }
  if (hit.set !== set || !hit.out) {
    hit.set = set;
    hit.out = { ...set, spec: { ...set.spec!, template: hit.template } };
  }
  return hit.out;
}

const applied = new WeakMap<ControllerRevision, { template: PodTemplateSpec; set?: StatefulSet; out?: StatefulSet }>();

/**
 * A new pod of the set at `ordinal` (not yet created): template labels/annotations/finalizers/spec, the
 * generateName prefix, the controller ref, identity labels, hostname/subdomain and claim volumes.
 * Models newStatefulSetPod and controller.GetPodFromTemplate.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, podIndexLabel: boolean, claimOrder?: readonly number[]): Pod {
  const t = set.spec!.template;
  const meta = t.metadata ?? {};
  const pod: Pod = {
    metadata: {
      name: getPodName(set, ordinal),
      generateName: `${set.metadata!.name}-`,
      namespace: set.metadata!.namespace,
      // updateIdentity replaces this with a copy that has the identity labels.
      labels: meta.labels,
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(set)],
    },
    // A shallow copy: only top-level fields are set below (volumes get a new array), and the API server's
    // defaulting deep-copies the pod on create, so nothing of the template is ever shared with a stored pod.
    // Made with `merged`, not a spread: a spread copy that then gets new keys (hostname, …) is a slow object
    // (see merged; measured about 6 µs per pod here, against 0.4 µs).
    spec: merged<PodSpec>(t.spec!, {}),
  };
  updateIdentity(set, pod, podIndexLabel);
  pod.spec!.hostname = pod.metadata!.name;
  if (set.spec!.serviceName) pod.spec!.subdomain = set.spec!.serviceName;
  updateStorage(set, pod, claimOrder);
  return pod;
}

/**
 * A new pod at the revision §2.7 picks: below start+partition (or, without a rollingUpdate block,
 * below start+status.currentReplicas) the current revision, otherwise the update revision.
 * Models newVersionedStatefulSetPod (including Go's && / || precedence).
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number,
  podIndexLabel: boolean, claimOrder?: readonly number[],
): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const start = getStartOrdinal(currentSet);
  const useCurrent = (strategy?.type === 'RollingUpdate' && !strategy.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0))
    || (!!strategy?.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal, podIndexLabel, claimOrder);
  pod.metadata!.labels![REVISION_LABEL] = useCurrent ? currentRevision : updateRevision;
  return pod;
}

/** The pod's controller-revision-hash label ('' when absent). Models getPodRevision. */
export function getPodRevision(pod: Pod): string {
  return pod.metadata?.labels?.[REVISION_LABEL] ?? '';
}

// ---- health predicates (spec §2.8) ----

/** Phase is set: the API server has the pod. Models isCreated. */
export const isCreated = (pod: Pod): boolean => !!pod.status?.phase;
export const isPending = (pod: Pod): boolean => pod.status?.phase === 'Pending';
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';
/** deletionTimestamp is set. Models isTerminating. */
export const isTerminating = (pod: Pod): boolean => !!pod.metadata?.deletionTimestamp;

export { isPodReady } from '../../api/pod-util.ts';

/** Phase Running and Ready. Models isRunningAndReady. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** Ready for longer than minReadySeconds at wall time `nowMs`. Models podutil.IsPodAvailable. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = readyCondition(pod);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  if (!c.lastTransitionTime) return false;
  return parseRfc3339(c.lastTransitionTime) + minReadySeconds * 1000 < nowMs;
}

/** Not available or terminating. Models isUnavailable. */
export function isUnavailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return !isRunningAndAvailable(pod, minReadySeconds, nowMs) || isTerminating(pod);
}

/** Whether the set creates and deletes pods without ordering. Models allowsBurst. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === 'Parallel';
}

/**
 * maxUnavailable resolved against replicas: an int, or a percent rounded down; never below 1.
 * Models getStatefulSetMaxUnavailable.
 */
export function getStatefulSetMaxUnavailable(value: number | string | undefined, replicas: number): number {
  let n = 1;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    n = m ? Math.floor((Number(m[1]) * replicas) / 100) : Number(value);
  }
  return Number.isFinite(n) && n >= 1 ? n : 1;
}
