// Pod predicates shared by controllers. Models pkg/api/v1/pod (podutil).
import type { Pod, PodDisruptionBudget } from './types.ts';

type PodCondition = NonNullable<NonNullable<Pod['status']>['conditions']>[number];
import { matchesRequirements, selectorRequirements } from './labels.ts';

/** The pod's Ready condition, if it has one. Models podutil.GetPodReadyCondition. */
export function readyCondition(pod: Pod): NonNullable<NonNullable<Pod['status']>['conditions']>[number] | undefined {
  const cs = pod.status?.conditions;
  if (cs) for (const c of cs) if (c.type === 'Ready') return c;
  return undefined;
}

/** Ready condition is True. Models podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** Succeeded or Failed: the pod's containers will not run again. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * The pod's conditions with DisruptionTarget=True for `reason`: replaced where it stands, else appended, keeping
 * its transition time when it was True already. Models apipod.UpdatePodCondition as the eviction paths call it
 * (Eviction API, taint eviction, PodGC).
 */
export function withDisruptionTarget(pod: Pod, reason: string, message: string, now: string): PodCondition[] {
  const conds = [...(pod.status?.conditions ?? [])];
  const i = conds.findIndex((x) => x.type === 'DisruptionTarget');
  const prev = i >= 0 ? conds[i] : undefined;
  const cond: PodCondition = {
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string,
    lastTransitionTime: prev?.status === 'True' && prev.lastTransitionTime ? prev.lastTransitionTime : now, reason, message,
  };
  if (i >= 0) conds[i] = cond; else conds.push(cond);
  return conds;
}

/** The annotation the kubelet puts on the mirror pod of a static pod. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** Whether the pod is a mirror pod (the API's view of a static pod). Models kubetypes.IsMirrorPod. */
export function isMirrorPod(pod: { metadata?: { annotations?: Record<string, string> } }): boolean {
  return pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
}

/**
 * Whether a PodDisruptionBudget covers the pod: same namespace, a selector that is not empty and matches the pod's
 * labels (an empty one covers nothing). Models eviction.go getPodDisruptionBudgets and the disruption controller's
 * getPdbForPod.
 */
export function budgetCovers(pdb: PodDisruptionBudget, pod: Pod): boolean {
  if (pdb.metadata?.namespace !== pod.metadata?.namespace) return false;
  const reqs = selectorRequirements(pdb.spec?.selector);
  return !!reqs && reqs.length > 0 && matchesRequirements(reqs, pod.metadata?.labels ?? {});
}
