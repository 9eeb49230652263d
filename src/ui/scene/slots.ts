// Which ordinal slots the scene draws for a set: the desired range, plus any pod or claim outside it.

/**
 * Sorted, de-duplicated ordinals: `[start, start+replicas)` ∪ existing pod ordinals ∪ claim ordinals.
 * Claims outside the range are kept so a claim left behind by a scale-down stays visible (detached).
 */
export function slotOrdinals(start: number, replicas: number, pods: readonly number[], claims: readonly number[]): number[] {
  const s = new Set<number>();
  for (let i = 0; i < replicas; i++) s.add(start + i);
  for (const o of pods) if (o >= 0) s.add(o);
  for (const o of claims) if (o >= 0) s.add(o);
  return [...s].sort((a, b) => a - b);
}
