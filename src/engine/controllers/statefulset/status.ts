// StatefulSet status: counting pods, the completion rule, and the suppressed status write (spec §1.4).
// Models computeReplicaStatus/updateStatus/completeRollingUpdate/inconsistentStatus of upstream and
// stateful_set_status_updater.go.
import type { Pod, StatefulSet } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { getPodRevision, isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './utils.ts';
import { traceSet } from './trace.ts';

/** The status the controller writes. Field names as the Kubernetes JSON. */
export interface SetStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/**
 * Adds the counts of `pods` into `s`: created (phase set), Running+Ready, available, and per revision
 * (created and not terminating). Models computeReplicaStatus.
 */
export function countPods(s: SetStatus, pods: Iterable<Pod | null | undefined>, minReadySeconds: number, nowMs: number): void {
  for (const pod of pods) {
    if (!pod) continue;
    const created = isCreated(pod);
    if (created) s.replicas++;
    if (isRunningAndReady(pod)) {
      s.readyReplicas++;
      if (isRunningAndAvailable(pod, minReadySeconds, nowMs)) s.availableReplicas++;
    }
    if (created && !isTerminating(pod)) {
      const rev = getPodRevision(pod);
      if (rev === s.currentRevision) s.currentReplicas++;
      if (rev === s.updateRevision) s.updatedReplicas++;
    }
  }
}

/** Resets the counts of `s` to zero. */
export function resetCounts(s: SetStatus): void {
  s.replicas = s.readyReplicas = s.availableReplicas = s.currentReplicas = s.updatedReplicas = 0;
}

/** RollingUpdate finished: every replica updated and ready → the update revision becomes current. Models completeRollingUpdate. */
export function completeRollingUpdate(set: StatefulSet, s: SetStatus): void {
  const want = set.spec?.replicas ?? 1;
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && s.updatedReplicas === want && s.readyReplicas === want && s.replicas === want) {
    s.currentReplicas = s.updatedReplicas;
    s.currentRevision = s.updateRevision;
  }
}

/** Whether the stored status differs in a field that warrants a write. Models inconsistentStatus. */
export function inconsistentStatus(set: StatefulSet, s: SetStatus): boolean {
  const o = set.status ?? { replicas: 0 };
  return s.observedGeneration > (o.observedGeneration ?? 0) || s.replicas !== (o.replicas ?? 0)
    || s.currentReplicas !== (o.currentReplicas ?? 0) || s.readyReplicas !== (o.readyReplicas ?? 0)
    || s.updatedReplicas !== (o.updatedReplicas ?? 0) || s.currentRevision !== (o.currentRevision ?? '')
    || s.availableReplicas !== (o.availableReplicas ?? 0) || s.updateRevision !== (o.updateRevision ?? '');
}

/** The status as stored: zero-valued omitempty fields dropped (replicas and availableReplicas always present). */
export function toApiStatus(s: SetStatus): NonNullable<StatefulSet['status']> {
  const out: NonNullable<StatefulSet['status']> = { observedGeneration: s.observedGeneration, replicas: s.replicas };
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  out.collisionCount = s.collisionCount;
  out.availableReplicas = s.availableReplicas;
  return out;
}

// A status write of a body built for it alone (the store takes it without a copy).
const STATUS_WRITE = { subresource: 'status', trusted: true, owned: true } as const;

/**
 * Applies the completion rule, then writes the status through the status subresource unless nothing that
 * matters changed. Returns an error text or null. Models updateStatefulSetStatus + UpdateStatefulSetStatus.
 */
export function updateStatefulSetStatus(c: Cluster, set: StatefulSet, s: SetStatus): string | null {
  completeRollingUpdate(set, s);
  if (!inconsistentStatus(set, s)) return null;
  const fresh = c.store.get('StatefulSet', set.metadata!.namespace!, set.metadata!.name!);
  if (!fresh || fresh.metadata!.uid !== set.metadata!.uid) return `statefulsets.apps "${set.metadata!.name}" not found`;
  // The fresh object's resourceVersion is the stored one, so the write cannot conflict.
  const body = { ...fresh, status: toApiStatus(s) };
  const r = c.store.update('StatefulSet', body, STATUS_WRITE);
  if (!r.ok) return r.status.message;
  const before: NonNullable<StatefulSet['status']> = set.status ?? { replicas: 0 };
  traceSet(c, set, {
    type: 'controller.status',
    detail: {
      replicas: s.replicas, readyReplicas: s.readyReplicas, availableReplicas: s.availableReplicas,
      currentReplicas: s.currentReplicas, updatedReplicas: s.updatedReplicas,
      currentRevision: s.currentRevision, updateRevision: s.updateRevision,
      revisionAdvanced: !!before.currentRevision && before.currentRevision !== s.currentRevision,
    },
  });
  return null;
}
