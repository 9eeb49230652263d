// The kubelet's runtime records keep one shape: stages clear fields by assignment, never by delete.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { testPod } from './fixtures.ts';
import type { Pod } from '../api/types.ts';
import { kubeletState, newContainerRuntime, newPodRuntime } from './runtime.ts';

describe('pod and container runtime records', () => {
  it('keep every field of a fresh record, in order, through start, exit, crash back-off and restart', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    const r = c.store.create('Pod', testPod('box', { node: 'kind-worker', image: 'busybox:1.36' }));
    if (!r.ok) throw new Error(r.status.message);
    const fresh = Object.keys(newContainerRuntime('x', 'y'));
    const freshPod = Object.keys(newPodRuntime(r.object as Pod & { spec: { nodeName: string } }));
    const seen = new Set<string>();
    for (let t = 0; t < 120_000; t += 250) {
      c.advance(250);
      const rt = kubeletState(c).pods[r.object.metadata!.uid!];
      const ct = rt?.containers[0];
      if (!ct) continue;
      expect(Object.keys(rt)).toEqual(freshPod);
      seen.add(`${ct.state}:${ct.reason ?? ''}`);
      expect(Object.keys(ct)).toEqual(fresh);
    }
    // The walk did go through the stages that clear fields.
    expect([...seen]).toEqual(expect.arrayContaining(['running:', 'terminated:Completed', 'waiting:CrashLoopBackOff']));
    expect(kubeletState(c).pods[r.object.metadata!.uid!].containers[0].restartCount).toBeGreaterThan(1);
  });

  it('keep the same shape for init containers, through running, failing, back-off and restart', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    const r = c.store.create('Pod', testPod('box', { node: 'kind-worker', initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1; exit 2'] }] }));
    if (!r.ok) throw new Error(r.status.message);
    const fresh = Object.keys(newContainerRuntime('x', 'y'));
    const seen = new Set<string>();
    for (let t = 0; t < 60_000; t += 250) {
      c.advance(250);
      const rt = kubeletState(c).pods[r.object.metadata!.uid!];
      for (const ct of [...rt.inits, ...rt.containers]) expect(Object.keys(ct)).toEqual(fresh);
      seen.add(`${rt.inits[0].state}:${rt.inits[0].reason ?? ''}`);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['running:', 'terminated:Error', 'waiting:CrashLoopBackOff']));
  });
});
