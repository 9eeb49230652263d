// Pod predicates shared by controllers. Models pkg/api/v1/pod (podutil).
import type { Pod } from './types.ts';

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
