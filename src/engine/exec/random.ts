// The randomness of what happens inside containers (DNS record order, kube-proxy's pick, exec ids).
import type { Cluster } from '../cluster.ts';
import { nextFloat, seedRng, type RngState } from '../clock/rng.ts';

/**
 * Randomness of what happens inside containers (DNS record order, kube-proxy's pick, exec ids), from a PRNG of
 * its own: running a command in a pod does not shift the cluster's own random sequence (pod timings, names),
 * so a command that only reads changes nothing a replay depends on.
 */
export function execRandom(c: Cluster): number {
  return nextFloat(c.ext<{ rng: RngState }>('exec-rng', () => ({ rng: seedRng(0x5eed) })).rng);
}
