// The spec §8 invariants of every StatefulSet in a cluster, checked after a controller pass. Returns the
// violations as sentences (empty when all hold); never throws. Used by unit and property tests.
// Adapted from upstream test helpers assertMonotonicInvariants / assertUpdateInvariants / checkClaimInvarients.
import type { Cluster } from '../../cluster.ts';
import { SYNC } from './controller.ts';
import { isClaimOwnerUpToDate } from './retention.ts';
import { POD_NAME_LABEL, getControllerOf, getOrdinal, getPersistentVolumeClaimName, getPodRevision, getStartOrdinal, isRunningAndAvailable, isRunningAndReady, isTerminating } from './utils.ts';

/** Options for the checks. */
export interface InvariantOptions {
  /**
   * Check the order invariants: spec §8.1 (no Ready pod after a gap in OrderedReady creation) and §8.4 (the
   * first currentReplicas pods carry currentRevision, the last updatedReplicas carry updateRevision). They hold
   * while the controller acts alone; pods deleted or failed out of band leave gaps that are re-created one at a
   * time, at the revision §2.7 picks, which can legally break both.
   */
  strictOrder?: boolean;
}

/** Violations of spec §8 across every StatefulSet (empty list = all invariants hold). */
export function assertStatefulSetInvariants(c: Cluster, opts: InvariantOptions = {}): string[] {
  const out: string[] = [];
  for (const set of c.store.list('StatefulSet')) {
    const ns = set.metadata!.namespace!;
    const name = set.metadata!.name!;
    const uid = set.metadata!.uid!;
    const pods = c.store.listByOwner('Pod', uid).filter((p) => getControllerOf(p)?.uid === uid && getOrdinal(p) >= 0)
      .sort((a, b) => getOrdinal(a) - getOrdinal(b));
    const st = set.status;
    const start = getStartOrdinal(set);
    // 1. OrderedReady: nobody is Running+Ready while a predecessor is not.
    if ((opts.strictOrder ?? true) && set.spec?.podManagementPolicy !== 'Parallel') {
      const inRange = pods.filter((p) => getOrdinal(p) >= start);
      for (let i = 1; i < inRange.length; i++) {
        if (isRunningAndReady(inRange[i]) && !isRunningAndReady(inRange[i - 1]) && !isTerminating(inRange[i - 1]) && getOrdinal(inRange[i - 1]) < start + (set.spec?.replicas ?? 1)) {
          // A predecessor that became unready later is legal; only flag a gap in creation order.
          if (getOrdinal(inRange[i]) !== getOrdinal(inRange[i - 1]) + 1) out.push(`${ns}/${name}: ${inRange[i].metadata!.name} is Ready but ordinals have a gap before it`);
        }
      }
    }
    // 2. Identity and storage.
    for (const p of pods) {
      if (p.metadata?.labels?.[POD_NAME_LABEL] !== p.metadata!.name) out.push(`${ns}/${name}: ${p.metadata!.name} has pod-name label ${p.metadata?.labels?.[POD_NAME_LABEL]}`);
      for (const t of set.spec?.volumeClaimTemplates ?? []) {
        const want = getPersistentVolumeClaimName(set, t.metadata!.name!, getOrdinal(p));
        const v = p.spec?.volumes?.find((x) => x.name === t.metadata!.name);
        if (v?.persistentVolumeClaim?.claimName !== want) out.push(`${ns}/${name}: ${p.metadata!.name} volume ${t.metadata!.name} does not reference ${want}`);
      }
    }
    // 3. Claims of Running+Ready pods exist (Retain scale policy) and carry the refs the policy wants.
    // A terminating pod is skipped: scaled back into range while it shuts down, it keeps the condemned
    // claim refs until it is gone (spec §2.10, "scale back up quickly").
    // Condemned pods are skipped too: their claims get the scaled-away refs in Phase B, which a blocked
    // OrderedReady pass never reaches (upstream returns from Phase A first).
    // OrderedReady passes stop at the first in-range ordinal that is missing, not Running and Ready (nor
    // available, with minReadySeconds) or terminating: processReplica returns before the claim check, so the
    // claims of that pod and those above it wait their turn.
    const end = start + (set.spec?.replicas ?? 1);
    let reached = end;
    if (set.spec?.podManagementPolicy !== 'Parallel') {
      const byOrdinal = new Map(pods.map((x) => [getOrdinal(x), x]));
      for (let o = start; o < end; o++) {
        const x = byOrdinal.get(o);
        if (!x || !isRunningAndAvailable(x, set.spec?.minReadySeconds ?? 0, c.wallNow()) || isTerminating(x)) { reached = o; break; }
      }
    }
    for (const p of pods.filter((x) => isRunningAndReady(x) && !isTerminating(x) && getOrdinal(x) < reached)) {
      for (const t of set.spec?.volumeClaimTemplates ?? []) {
        const cn = getPersistentVolumeClaimName(set, t.metadata!.name!, getOrdinal(p));
        const claim = c.store.get('PersistentVolumeClaim', ns, cn);
        if (!claim) {
          if ((set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain') === 'Retain') out.push(`${ns}/${name}: claim ${cn} of ready pod ${p.metadata!.name} is missing`);
        } else if (!isClaimOwnerUpToDate(claim, set, p)) {
          out.push(`${ns}/${name}: claim ${cn} ownerReferences do not match the retention policy`);
        }
      }
    }
    if (!st) continue;
    // 4. RollingUpdate: first currentReplicas pods at currentRevision, last updatedReplicas at updateRevision.
    if ((opts.strictOrder ?? true) && set.spec?.updateStrategy?.type === 'RollingUpdate' && !set.spec.updateStrategy.rollingUpdate?.maxUnavailable) {
      const live = pods.filter((p) => !isTerminating(p) && getOrdinal(p) >= start && getOrdinal(p) < start + (set.spec?.replicas ?? 1));
      const cur = st.currentReplicas ?? 0, upd = st.updatedReplicas ?? 0;
      if (st.currentRevision !== st.updateRevision && cur + upd <= live.length) {
        live.slice(0, cur).forEach((p) => { if (getPodRevision(p) !== st.currentRevision) out.push(`${ns}/${name}: ${p.metadata!.name} should be at currentRevision ${st.currentRevision}`); });
        live.slice(live.length - upd).forEach((p) => { if (getPodRevision(p) !== st.updateRevision) out.push(`${ns}/${name}: ${p.metadata!.name} should be at updateRevision ${st.updateRevision}`); });
      }
    }
    // 5. Status counters are ordered.
    const r = st.replicas ?? 0;
    if ((st.readyReplicas ?? 0) > r) out.push(`${ns}/${name}: readyReplicas ${st.readyReplicas} > replicas ${r}`);
    if ((st.currentReplicas ?? 0) > r) out.push(`${ns}/${name}: currentReplicas ${st.currentReplicas} > replicas ${r}`);
    if ((st.updatedReplicas ?? 0) > r) out.push(`${ns}/${name}: updatedReplicas ${st.updatedReplicas} > replicas ${r}`);
    if ((st.availableReplicas ?? 0) > (st.readyReplicas ?? 0)) out.push(`${ns}/${name}: availableReplicas ${st.availableReplicas} > readyReplicas ${st.readyReplicas ?? 0}`);
    // 6. History is bounded. A sync prunes by the revisions that were live when it began, so the one that its own
    // status write retired (the old currentRevision) goes in the next sync, which that write has queued.
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    if (limit >= 0) {
      const revs = c.store.listByOwner('ControllerRevision', uid);
      const live = new Set([st.currentRevision, st.updateRevision, ...pods.map(getPodRevision)]);
      const lag = c.queued(SYNC, `${ns}/${name}`) ? 1 : 0;
      if (revs.length > limit + live.size + lag) out.push(`${ns}/${name}: ${revs.length} revisions exceed limit ${limit} + ${live.size} live`);
    }
  }
  // 7. Pod names are unique by construction in the store; nothing else can hold two objects of one name.
  return out;
}

