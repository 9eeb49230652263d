// A container whose image is changed in the pod's spec (an update the API server allows): a running one is
// stopped with kubelet's "definition changed" Killing event and started again from the new image (a restart,
// without back-off, whatever the restart policy); one waiting on an image pull back-off pulls the new image at once.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Pod } from '../api/types.ts';
import { testPod } from './fixtures.ts';
import { nodeAction } from '../faults.ts';

function withImage(c: Cluster, image: string): void {
  const pod = c.store.get('Pod', 'default', 'web')!;
  const next = JSON.parse(JSON.stringify(pod)) as Pod;
  next.spec!.containers[0].image = image;
  const r = c.store.update('Pod', next);
  if (!r.ok) throw new Error(r.status.message);
}

const events = (c: Cluster) => c.store.list('Event').filter((e) => e.involvedObject.name === 'web').map((e) => `${e.reason}: ${e.message}`);
const status = (c: Cluster) => c.store.get('Pod', 'default', 'web')!.status!.containerStatuses![0];

describe('kubelet: a container\'s image changed in the pod spec', () => {
  it('stops the running container and starts it again from the new image: restart count 1, last state Completed', () => {
    const c = Cluster.create({ seed: 5, freeze: true });
    c.store.create('Pod', testPod('web', { node: 'kind-worker', image: 'nginx:1.27', restartPolicy: 'Never' }));
    c.advance(30_000);
    const first = status(c);
    expect(first.state?.running).toBeDefined();
    withImage(c, 'nginx:mainline');
    c.advance(1_000);
    expect(events(c)).toContain('Killing: Container nginx definition changed, will be restarted');
    // While the new image is pulled, the status shows the run that ended (kubectl: Completed, 0/1, no restart yet).
    c.advance(1_500);
    expect(status(c)).toMatchObject({ restartCount: 0, ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } });
    c.advance(30_000);
    const cs = status(c);
    expect(cs).toMatchObject({ image: 'docker.io/library/nginx:mainline', restartCount: 1, ready: true });
    expect(cs.state?.running).toBeDefined();
    expect(cs.lastState?.terminated).toMatchObject({ reason: 'Completed', exitCode: 0, containerID: first.containerID });
    expect(cs.containerID).not.toBe(first.containerID);
    expect(events(c)).toContain('Pulling: Pulling image "nginx:mainline"');
    expect(c.store.get('Pod', 'default', 'web')!.status!.phase).toBe('Running');
  });

  it('a container waiting on an image pull back-off pulls the new image at once, with no restart counted', () => {
    const c = Cluster.create({ seed: 5, freeze: true });
    c.store.create('Pod', testPod('web', { node: 'kind-worker', image: 'nginx:no-such-tag' }));
    c.advance(40_000);
    expect(status(c).state?.waiting?.reason).toBe('ImagePullBackOff');
    withImage(c, 'nginx:1.27');
    c.advance(8_000);
    expect(status(c)).toMatchObject({ image: 'docker.io/library/nginx:1.27', restartCount: 0, ready: true });
  });

  it('a change made while the node was down is found by the kubelet\'s first sync when it comes back', () => {
    const c = Cluster.create({ seed: 5, freeze: true });
    c.store.create('Pod', testPod('web', { node: 'kind-worker', image: 'nginx:1.27' }));
    c.advance(30_000);
    expect(nodeAction(c, 'kind-worker', 'down')).toBeNull();
    withImage(c, 'nginx:mainline');
    c.advance(10_000);
    expect(events(c).some((e) => e.startsWith('Killing'))).toBe(false);
    expect(nodeAction(c, 'kind-worker', 'up')).toBeNull();
    c.advance(30_000);
    expect(status(c)).toMatchObject({ image: 'docker.io/library/nginx:mainline', restartCount: 1 });
  });

  it('a status write or another spec change (labels) does not restart anything', () => {
    const c = Cluster.create({ seed: 5, freeze: true });
    c.store.create('Pod', testPod('web', { node: 'kind-worker', image: 'nginx:1.27' }));
    c.advance(30_000);
    const pod = JSON.parse(JSON.stringify(c.store.get('Pod', 'default', 'web')!)) as Pod;
    pod.metadata!.labels = { tier: 'web' };
    c.store.update('Pod', pod);
    c.advance(30_000);
    expect(status(c).restartCount).toBe(0);
    expect(events(c).some((e) => e.startsWith('Killing'))).toBe(false);
  });
});
