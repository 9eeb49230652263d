// Kubelet stage behaviours checked against upstream without a golden timeline: the events of a pull policy
// failure, the SIGKILL floor of the grace period and the crash-loop back-off reset.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { eventLines, testPod } from './fixtures.ts';
import { applyPodFault } from './faults.ts';
import { kubeletState } from './runtime.ts';

describe('kubelet stages', () => {
  it('reports ErrImageNeverPull and, like every EnsureImageExists error, `Error: ErrImageNeverPull`', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    c.store.create('Pod', testPod('never', { node: 'kind-worker', container: { imagePullPolicy: 'Never' } }));
    c.advance(10_000);
    expect(eventLines(c, 'never').map((l) => l.replace(/^\+\d+s /, ''))).toEqual([
      'Warning ErrImageNeverPull [kubelet]: Container image "nginx:alpine" is not present with pull policy of Never',
      'Warning Failed [kubelet]: Error: ErrImageNeverPull',
    ]);
    expect(c.store.get('Pod', 'default', 'never')?.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('ErrImageNeverPull');
  });

  it('gives a process that ignores SIGTERM at least 2 s before the SIGKILL, even with a 1 s grace period', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    c.store.create('Pod', testPod('sleeper', { node: 'kind-worker', image: 'busybox', grace: 1, container: { command: ['sleep', '3600'] } }));
    c.advance(10_000);
    c.store.delete('Pod', 'default', 'sleeper');
    c.advance(1_900);
    expect(c.store.get('Pod', 'default', 'sleeper')?.metadata?.deletionTimestamp).toBeDefined();
    c.advance(1_000);
    expect(c.store.get('Pod', 'default', 'sleeper')).toBeUndefined();
  });

  it('restarts at once and starts the back-off over at 10 s when a container ran over 10 min since its last restart', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    const pod = c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
    if (!pod.ok) throw new Error(pod.status.message);
    const rt = () => kubeletState(c).pods[pod.object.metadata!.uid!];
    const waiting = () => c.store.get('Pod', 'default', 'web-0')?.status?.containerStatuses?.[0].state?.waiting;
    c.advance(10_000);
    applyPodFault(c, rt(), 'crash'); // first crash: restarted at once
    c.advance(5_000);
    applyPodFault(c, rt(), 'crash'); // second: 10 s back-off
    c.advance(3_000);
    expect(waiting()?.message).toMatch(/^back-off 10s /);
    c.advance(15_000);
    applyPodFault(c, rt(), 'crash'); // third, soon after: 20 s
    c.advance(3_000);
    expect(waiting()?.message).toMatch(/^back-off 20s /);
    c.advance(30_000);
    expect(rt().containers[0].state).toBe('running');
    c.advance(11 * 60_000);
    applyPodFault(c, rt(), 'crash'); // after 11 min of running: at once, no back-off
    c.advance(3_000);
    expect(rt().containers[0].state).toBe('running');
    expect(rt().containers[0].restartCount).toBe(4);
    applyPodFault(c, rt(), 'crash'); // and the next one backs off 10 s again, not 40 s
    c.advance(3_000);
    expect(waiting()?.message).toMatch(/^back-off 10s /);
  });
});
