// PVC retention policy: which ownerReferences a claim should carry for its set and pod (spec §2.10).
// Pure functions over a claim, the set and the pod. Models the retention helpers of stateful_set_utils.go.
import { deepCopy, merged, without } from '../../api/json-util.ts';
import type { OwnerReference, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types.ts';
import { ordinalInRange, getOrdinal } from './utils.ts';

type Policy = 'Retain' | 'Delete';

/** The resolved policy (read-only: shared between calls). */
export type RetentionPolicy = Readonly<{ whenScaled: Policy; whenDeleted: Policy }>;

const RETAIN: RetentionPolicy = Object.freeze({ whenScaled: 'Retain', whenDeleted: 'Retain' });
// Resolved policies by the spec's policy object (stored objects never change in place); asked on every claim check.
const resolved = new WeakMap<object, RetentionPolicy>();

/** whenScaled / whenDeleted, Retain when unset. Models getPersistentVolumeClaimRetentionPolicy. */
export function retentionPolicy(set: StatefulSet): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  if (!p) return RETAIN;
  let r = resolved.get(p);
  if (!r) resolved.set(p, (r = Object.freeze({ whenScaled: (p.whenScaled as Policy) || 'Retain', whenDeleted: (p.whenDeleted as Policy) || 'Retain' })));
  return r;
}

interface Named { kind: 'StatefulSet' | 'Pod'; apiVersion: string; name: string; uid: string | undefined }

const setRef = (set: StatefulSet): Named => ({ kind: 'StatefulSet', apiVersion: 'apps/v1', name: set.metadata!.name!, uid: set.metadata!.uid });
const podRef = (pod: Pod): Named => ({ kind: 'Pod', apiVersion: 'v1', name: pod.metadata!.name!, uid: pod.metadata?.uid });

// Same kind, group/version and name (the uid may differ). Models matchesRef.
const matchesRef = (ref: OwnerReference, o: Named): boolean => ref.apiVersion === o.apiVersion && ref.kind === o.kind && ref.name === o.name;

const refs = (claim: PersistentVolumeClaim): OwnerReference[] => claim.metadata?.ownerReferences ?? [];
// Stands in for both refs when a claim has none (no ref is then ever compared with it). Not frozen: same shape as
// the refs built per call. Never written.
const NO_REF: Named = { kind: 'StatefulSet', apiVersion: '', name: '', uid: undefined };

/** Whether the claim has a ref with the owner's uid. Models hasOwnerRef. */
function hasOwnerRef(claim: PersistentVolumeClaim, o: Named): boolean {
  for (const r of refs(claim)) if (r.uid === o.uid) return true;
  return false;
}

/** The first ref that names the object has another uid. Models hasStaleOwnerRef. */
function hasStaleRef(claim: PersistentVolumeClaim, o: Named): boolean {
  for (const r of refs(claim)) if (matchesRef(r, o)) return r.uid !== o.uid;
  return false;
}

/** A claim ref to a previous pod of the same name (another uid). */
export function hasStalePodRef(claim: PersistentVolumeClaim, pod: Pod): boolean {
  return hasStaleRef(claim, podRef(pod));
}

/**
 * Another controller manages the claim (or a stale ref to our set/pod exists), under a non-Retain policy.
 * Models hasUnexpectedController.
 */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return unexpectedController(claim, retentionPolicy(set), setRef(set), podRef(pod));
}

// hasUnexpectedController with the policy and both refs already made (isClaimOwnerUpToDate has them).
function unexpectedController(claim: PersistentVolumeClaim, p: RetentionPolicy, s: Named, q: Named): boolean {
  if (p.whenScaled === 'Retain' && p.whenDeleted === 'Retain') return false;
  for (const r of refs(claim)) {
    if (matchesRef(r, s)) { if (r.uid !== s.uid) return true; continue; }
    if (matchesRef(r, q)) { if (r.uid !== q.uid) return true; continue; }
    if (r.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  for (const r of refs(claim)) if ((r.uid === set.metadata!.uid || r.uid === pod.metadata?.uid) && !r.controller) return true;
  return false;
}

/** Whether the claim's refs already follow the policy table of §2.10. Models isClaimOwnerUpToDate. */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  // A claim without refs (the usual one under Retain) never reads the two refs: they are not built for it.
  const bare = !claim.metadata?.ownerReferences?.length;
  const s = bare ? NO_REF : setRef(set), q = bare ? NO_REF : podRef(pod);
  if (hasStaleRef(claim, s) || hasStaleRef(claim, q)) return true;
  const p = retentionPolicy(set);
  if (unexpectedController(claim, p, s, q)) return !(hasOwnerRef(claim, s) || hasOwnerRef(claim, q));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const scaledDown = !ordinalInRange(getOrdinal(pod), set);
  if (p.whenScaled === 'Delete' && p.whenDeleted === 'Delete') {
    return scaledDown !== hasOwnerRef(claim, s) && scaledDown === hasOwnerRef(claim, q);
  }
  if (p.whenScaled === 'Delete') return !hasOwnerRef(claim, s) && scaledDown === hasOwnerRef(claim, q);
  if (p.whenDeleted === 'Delete') return hasOwnerRef(claim, s) && !hasOwnerRef(claim, q);
  return !hasOwnerRef(claim, s) && !hasOwnerRef(claim, q);
}

function addControllerRef(list: OwnerReference[], o: Named): OwnerReference[] {
  if (list.some((r) => r.uid === o.uid)) return list;
  return [...list, { apiVersion: o.apiVersion, kind: o.kind, name: o.name, uid: o.uid!, controller: true, blockOwnerDeletion: true }];
}

/**
 * The claim with its refs to our set and pod rewritten per policy (refs of an unexpected controller are
 * left, ours scrubbed). Returns a new claim. Models updateClaimOwnerRefForSetAndPod.
 */
export function withClaimOwnerRefs(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): PersistentVolumeClaim {
  const s = setRef(set), q = podRef(pod);
  const unexpected = hasUnexpectedController(claim, set, pod);
  let list = refs(claim).filter((r) => !matchesRef(r, s) && !matchesRef(r, q));
  if (!unexpected) {
    const p = retentionPolicy(set);
    const scaledDown = !ordinalInRange(getOrdinal(pod), set);
    if (p.whenScaled === 'Delete' && scaledDown) list = addControllerRef(list, q);
    if (p.whenDeleted === 'Delete' && (p.whenScaled === 'Retain' || !scaledDown)) list = addControllerRef(list, s);
  }
  const out = deepCopy(claim);
  if (list.length) out.metadata = merged(out.metadata, { ownerReferences: list });
  else if (out.metadata?.ownerReferences) out.metadata = without(out.metadata as Record<string, unknown>, 'ownerReferences') as typeof out.metadata;
  return out;
}
