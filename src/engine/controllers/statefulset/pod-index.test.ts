// The StatefulSet pod index kept from the watch stream equals a from-scratch build after random pod,
// claim and spec changes; the fast path is used for plain sets and left for the scan when it must be.
import { describe, expect, it } from 'vitest';
import { seedRng, nextFloat } from '../../clock/rng.ts';
import { clone } from '../../store/store.ts';
import { indexUsable, scanIndex, setIndex, settleFor, type SetIndex } from './pod-index.ts';
import { bindPod, driveReady, finishTermination, getSet, makeReady, makeUnready, newSet, setPodStatus, testCluster, updateSpec } from './testing.ts';

// Everything an index holds, in comparable form.
function view(ix: SetIndex, n: number): unknown {
  const bits = (b: Uint32Array) => Array.from({ length: n }, (_, i) => (b[i >>> 5] >>> (i & 31)) & 1).join('');
  return {
    members: [...ix.members.keys()].sort(), strays: [...ix.strays].sort(), odd: ix.odd, outOfRange: ix.outOfRange,
    created: ix.created, ready: ix.ready,
    live: Object.fromEntries([...ix.liveByRevision].sort()), all: Object.fromEntries([...ix.allByRevision].sort()),
    quiet: bits(ix.quiet), settled: bits(ix.settled), ordinals: [...ix.byOrdinal.keys()].sort((a, b) => a - b),
  };
}

describe('StatefulSet pod index', () => {
  it('equals a fresh build after random changes', () => {
    const rng = seedRng(11);
    const r = () => nextFloat(rng);
    // Compared directly after every step (the sync-time verification of checks mode runs as well).
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 6, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    driveReady(c);
    for (let step = 0; step < 150; step++) {
      const names = c.store.list('Pod', 'default').map((p) => p.metadata!.name!);
      const name = names[Math.floor(r() * names.length)];
      const x = r();
      try {
        if (!name) { /* nothing to touch */ } else if (x < 0.25) makeReady(c, name);
        else if (x < 0.3) makeUnready(c, name);
        else if (x < 0.35) setPodStatus(c, name, { phase: 'Failed' });
        else if (x < 0.45) { bindPod(c, name); c.store.delete('Pod', 'default', name); }
        else if (x < 0.5) finishTermination(c, name);
        else if (x < 0.55) c.store.delete('PersistentVolumeClaim', 'default', `www-${name}`);
        else if (x < 0.7) {
          const claim = clone(c.store.get('PersistentVolumeClaim', 'default', `www-${name}`)!);
          delete claim.metadata!.ownerReferences;
          c.store.update('PersistentVolumeClaim', claim);
        } else if (x < 0.73) setPodStatus(c, name, { phase: 'Pending' });
        else if (x < 0.78) updateSpec(c, 'web', (s) => { s.replicas = 2 + Math.floor(r() * 6); });
        else if (x < 0.83) updateSpec(c, 'web', (s) => { s.template.spec!.containers[0].image = `nginx:${Math.floor(r() * 3)}`; });
        else driveReady(c);
      } catch { /* a write the API rejects (e.g. a pod already gone) changes nothing */ }
      c.advance(Math.floor(r() * 30));
      const set = getSet(c, 'web');
      const rev = set.status?.updateRevision ?? '';
      const live = setIndex(c, set);
      settleFor(c, live, set, rev);
      expect(view(live, set.spec!.replicas!)).toEqual(view(scanIndex(c, set, rev), set.spec!.replicas!));
    }
  });

  it('leaves the fast path for minReadySeconds and for pods it cannot place by ordinal', () => {
    const c = testCluster();
    c.store.create('StatefulSet', newSet('web', { replicas: 2 }));
    c.settle();
    const set = getSet(c, 'web');
    expect(indexUsable(setIndex(c, set), set, false)).toBe(true);
    expect(indexUsable(setIndex(c, set), set, true)).toBe(false);
    updateSpec(c, 'web', (s) => { s.minReadySeconds = 5; });
    const slow = getSet(c, 'web');
    expect(indexUsable(setIndex(c, slow), slow, false)).toBe(false);
  });
});
