// Writes a StatefulSet makes to its pods and claims, each with the upstream event and a trace record.
// Models pkg/controller/statefulset/stateful_pod_control.go (StatefulPodControl).
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { clone } from '../../store/store.ts';
import { getOrdinal, getPersistentVolumeClaimName, getPodRevision, newPersistentVolumeClaim, identityMatches, storageMatches, updateIdentity, updateStorage } from './utils.ts';
import { hasStalePodRef, hasUnexpectedController, isClaimOwnerUpToDate, retentionPolicy, withClaimOwnerRefs } from './retention.ts';
import { podObject, traceSet, type Detail } from './trace.ts';

/** A failed write: the error text as Go's err.Error() prints it, and whether it was NotFound/AlreadyExists. */
export interface WriteError { message: string; reason?: string }

const COMPONENT = 'statefulset-controller';
const title = (verb: string): string => verb[0].toUpperCase() + verb.slice(1);

// Go's utilerrors.NewAggregate text: one message as is, several as `[a, b]` (duplicates collapsed).
function aggregate(errs: string[]): WriteError | null {
  if (errs.length === 0) return null;
  const uniq = [...new Set(errs)];
  return { message: uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]` };
}

/** Records `<verb> Pod <pod> in StatefulSet <set> successful|failed error: …`. Models recordPodEvent. */
export function recordPodEvent(c: Cluster, verb: 'create' | 'update' | 'delete', set: StatefulSet, podName: string, err: WriteError | null): void {
  const setName = set.metadata!.name;
  if (!err) c.event({ object: set, type: 'Normal', reason: `Successful${title(verb)}`, message: `${verb} Pod ${podName} in StatefulSet ${setName} successful`, component: COMPONENT });
  else c.event({ object: set, type: 'Warning', reason: `Failed${title(verb)}`, message: `${verb} Pod ${podName} in StatefulSet ${setName} failed error: ${err.message}`, component: COMPONENT });
}

function recordClaimEvent(c: Cluster, set: StatefulSet, podName: string, claimName: string, err: string | null): void {
  const setName = set.metadata!.name;
  if (!err) c.event({ object: set, type: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`, component: COMPONENT });
  else c.event({ object: set, type: 'Warning', reason: 'FailedCreate', message: `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${err}`, component: COMPONENT });
}

/** A seeded permutation of the claim templates: Go iterates the claim map in random order. */
export function claimOrder(c: Cluster, set: StatefulSet): number[] | undefined {
  const n = set.spec?.volumeClaimTemplates?.length ?? 0;
  if (n < 2) return undefined;
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(c.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

// The claim templates of the set in the order the pod's claims are handled.
function claimTemplatesOf(c: Cluster, set: StatefulSet): PersistentVolumeClaim[] {
  const all = set.spec?.volumeClaimTemplates ?? [];
  const order = claimOrder(c, set);
  return order ? order.map((i) => all[i]) : all;
}

/**
 * Creates each missing claim of the pod (event per attempt); an existing claim being deleted is an error.
 * Success guarantees every claim exists. Models createPersistentVolumeClaims.
 */
export function createPersistentVolumeClaims(c: Cluster, set: StatefulSet, pod: Pod): WriteError | null {
  const errs: string[] = [];
  const ordinal = getOrdinal(pod), ns = set.metadata!.namespace!;
  for (const t of claimTemplatesOf(c, set)) {
    const name = getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal);
    const existing = c.store.get('PersistentVolumeClaim', ns, name);
    if (!existing) {
      // The claim object is built only when it is to be created (the usual case is that it exists).
      const r = c.store.create('PersistentVolumeClaim', newPersistentVolumeClaim(set, t, ordinal), { trusted: true });
      if (!r.ok) errs.push(`failed to create PVC ${name}: ${r.status.message}`);
      if (r.ok || r.status.reason !== 'AlreadyExists') recordClaimEvent(c, set, pod.metadata!.name!, name, r.ok ? null : r.status.message);
      if (r.ok) traceSet(c, set, { type: 'controller.created', object: { kind: 'PersistentVolumeClaim', namespace: ns, name }, rule: 'claim-template', detail: { pod: pod.metadata!.name! } });
    } else if (existing.metadata?.deletionTimestamp) {
      errs.push(`pvc ${name} is being deleted`);
    }
  }
  return aggregate(errs);
}

/** Whether every existing claim of the pod has the refs the policy wants. Models ClaimsMatchRetentionPolicy. */
export function claimsMatchRetentionPolicy(c: Cluster, set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim = c.store.get('PersistentVolumeClaim', set.metadata!.namespace!, getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal));
    if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
  }
  return true;
}

/**
 * Rewrites the refs of the pod's claims to follow the policy; warns on a foreign controller.
 * Models UpdatePodClaimForRetentionPolicy.
 */
export function updatePodClaimForRetentionPolicy(c: Cluster, set: StatefulSet, pod: Pod): WriteError | null {
  const ordinal = getOrdinal(pod);
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const name = getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal);
    const claim = c.store.get('PersistentVolumeClaim', set.metadata!.namespace!, name);
    if (!claim) continue;
    if (hasUnexpectedController(claim, set, pod)) {
      c.event({ object: set, type: 'Warning', reason: 'ConflictingController', component: COMPONENT,
        message: `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim` });
    }
    if (!isClaimOwnerUpToDate(claim, set, pod)) {
      const next = withClaimOwnerRefs(claim, set, pod);
      delete (next.metadata as { resourceVersion?: string }).resourceVersion;
      const r = c.store.update('PersistentVolumeClaim', next, { trusted: true });
      if (!r.ok) return { message: `could not update claim ${name} for delete policy ownerRefs: ${r.status.message}` };
      traceSet(c, set, { type: 'controller.updated', object: { kind: 'PersistentVolumeClaim', namespace: set.metadata!.namespace!, name }, rule: 'retention-policy', detail: { pod: pod.metadata!.name!, owners: (next.metadata?.ownerReferences ?? []).map((o) => o.kind).join(',') } });
    }
  }
  return null;
}

/** With whenScaled Delete, a claim still owned by a previous pod of that name blocks creation. Models PodClaimIsStale. */
export function podClaimIsStale(c: Cluster, set: StatefulSet, pod: Pod): string | null {
  if (retentionPolicy(set).whenScaled === 'Retain') return null;
  const ordinal = getOrdinal(pod);
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const name = getPersistentVolumeClaimName(set, t.metadata!.name!, ordinal);
    const claim = c.store.get('PersistentVolumeClaim', set.metadata!.namespace!, name);
    if (claim && hasStalePodRef(claim, pod)) return name;
  }
  return null;
}

/** Claims first, then the pod, then claim refs; events as upstream. Success: the pod and its claims exist. Models CreateStatefulPod. */
export function createStatefulPod(c: Cluster, set: StatefulSet, pod: Pod, rule: string, detail: Detail = {}): WriteError | null {
  const name = pod.metadata!.name!;
  const claimErr = createPersistentVolumeClaims(c, set, pod);
  if (claimErr) { recordPodEvent(c, 'create', set, name, claimErr); return claimErr; }
  const r = c.store.create('Pod', pod, { trusted: true });
  if (!r.ok && r.status.reason === 'AlreadyExists') return { message: r.status.message, reason: 'AlreadyExists' };
  if (r.ok && c.state.gates.StatefulSetAutoDeletePVC !== false) {
    const e = updatePodClaimForRetentionPolicy(c, set, pod);
    if (e) { recordPodEvent(c, 'update', set, name, e); return e; }
  }
  const err = r.ok ? null : { message: r.status.message, reason: r.status.reason };
  recordPodEvent(c, 'create', set, name, err);
  if (!err) traceSet(c, set, { type: 'controller.created', object: podObject(set, name), rule, detail: { revision: getPodRevision(pod), ...detail } });
  return err;
}

/** Repairs identity, storage and claim refs of an existing pod; no-op when all match. Models UpdateStatefulPod. */
export function updateStatefulPod(c: Cluster, set: StatefulSet, current: Pod): WriteError | null {
  const pod = clone(current);
  let consistent = true;
  const name = pod.metadata!.name!;
  if (!identityMatches(set, pod)) { updateIdentity(set, pod, c.state.gates.PodIndexLabel !== false); consistent = false; }
  if (!storageMatches(set, pod)) {
    updateStorage(set, pod, claimOrder(c, set));
    consistent = false;
    const e = createPersistentVolumeClaims(c, set, pod);
    if (e) { recordPodEvent(c, 'update', set, name, e); return e; }
  }
  if (c.state.gates.StatefulSetAutoDeletePVC !== false && !claimsMatchRetentionPolicy(c, set, pod)) {
    const e = updatePodClaimForRetentionPolicy(c, set, pod);
    if (e) { recordPodEvent(c, 'update', set, name, e); return e; }
    consistent = false;
  }
  if (consistent) return null;
  delete (pod.metadata as { resourceVersion?: string }).resourceVersion;
  const r = c.store.update('Pod', pod, { trusted: true });
  const err = r.ok ? null : { message: r.status.message, reason: r.status.reason };
  recordPodEvent(c, 'update', set, name, err);
  if (!err) traceSet(c, set, { type: 'controller.updated', object: podObject(set, name), rule: 'identity', detail: {} });
  return err;
}

/** Deletes the pod (graceful); its claims stay. Models DeleteStatefulPod. */
export function deleteStatefulPod(c: Cluster, set: StatefulSet, pod: Pod, rule: string, detail: Detail = {}): WriteError | null {
  const name = pod.metadata!.name!;
  const r = c.store.delete('Pod', pod.metadata!.namespace!, name);
  const err = r.ok ? null : { message: r.status.message, reason: r.status.reason };
  recordPodEvent(c, 'delete', set, name, err);
  if (!err) traceSet(c, set, { type: 'controller.deleted', object: podObject(set, name), rule, detail: { revision: getPodRevision(pod), ...detail } });
  return err;
}
