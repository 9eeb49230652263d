// Describer of PodDisruptionBudget: its bound, selector and the four status counts, then its events.
// Models describe.go PodDisruptionBudgetDescriber (describePodDisruptionBudgetV1).
import type { PodDisruptionBudget } from '../../../engine/api/types.ts';
import type { Cluster } from '../../types.ts';
import { eventsFor, formatLabelSelector, withEvents } from './common.ts';

function describePdb(c: Cluster, p: PodDisruptionBudget, show: boolean): string[] {
  const m = p.metadata!, spec = p.spec ?? {}, st = p.status;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n`;
  // Only one bound is printed: minAvailable wins when (impossibly) both are set.
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) t += `Min available:\t${spec.minAvailable}\n`;
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) t += `Max unavailable:\t${spec.maxUnavailable}\n`;
  t += `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`;
  // `Status:` has no cell of its own, so the counts below align as a block of their own (with Events).
  t += `Status:\n    Allowed disruptions:\t${st?.disruptionsAllowed ?? 0}\n    Current:\t${st?.currentHealthy ?? 0}\n`;
  t += `    Desired:\t${st?.desiredHealthy ?? 0}\n    Total:\t${st?.expectedPods ?? 0}\n`;
  return withEvents(t, show ? eventsFor(c, p) : null, c.wallNow());
}

/** The PodDisruptionBudget describer, for the DESCRIBERS registry. */
export const POLICY_DESCRIBERS = {
  PodDisruptionBudget: (c: Cluster, o: unknown, show: boolean) => describePdb(c, o as PodDisruptionBudget, show),
};
