// Golden tests of the kubelet stage table: a pod's status sequence and event sequence, with virtual
// times, for a fixed seed. A change in any stage, delay or text shows up here.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { eventLines, testPod, watchPod } from './fixtures.ts';

function run(pod: ReturnType<typeof testPod>, ms = 60_000) {
  const c = Cluster.create({ seed: 42, freeze: true });
  const timeline = watchPod(c, pod.metadata!.name!);
  c.store.create('Pod', pod);
  c.advance(ms);
  return { c, timeline, events: eventLines(c, pod.metadata!.name!) };
}

describe('kubelet stages (golden)', () => {
  it('pulls, creates, starts and readies an nginx pod', () => {
    const { timeline, events } = run(testPod('web-0', { node: 'kind-worker' }));
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending - ready=- ip=- restarts=0",
        "28 MODIFIED Pending waiting:ContainerCreating ready=False ip=- restarts=0",
        "659 MODIFIED Pending waiting:ContainerCreating ready=False ip=10.244.1.2 restarts=0",
        "2058 MODIFIED Running running ready=True ip=10.244.1.2 restarts=0",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: Pulling image "nginx:alpine"",
        "+1s Normal Pulled [kubelet]: Successfully pulled image "nginx:alpine" in 905ms (905ms including waiting). Image size: 21243839 bytes.",
        "+1s Normal Created [kubelet]: Container created",
        "+2s Normal Started [kubelet]: Container started",
      ]
    `);
  });

  it('reports a cached image as already present on the second pod of a node', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    c.store.create('Pod', testPod('a', { node: 'kind-worker2' }));
    c.advance(10_000);
    c.store.create('Pod', testPod('b', { node: 'kind-worker2' }));
    c.advance(10_000);
    expect(eventLines(c, 'b', 10_000)).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulled [kubelet]: Container image "nginx:alpine" already present on machine and can be accessed by the pod",
        "+1s Normal Created [kubelet]: Container created",
        "+1s Normal Started [kubelet]: Container started",
      ]
    `);
  });

  it('shares one in-flight pull of an image between pods starting together on a node', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    for (const n of ['a', 'b', 'c']) c.store.create('Pod', testPod(n, { node: 'kind-worker2' }));
    c.advance(4_000);
    expect(c.store.list('Pod', 'default').map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
  });

  it('pulls every time with imagePullPolicy Always', () => {
    const c = Cluster.create({ seed: 42, freeze: true });
    c.store.create('Pod', testPod('a', { node: 'kind-worker2' }));
    c.advance(10_000);
    c.store.create('Pod', testPod('b', { node: 'kind-worker2', container: { imagePullPolicy: 'Always' } }));
    c.advance(10_000);
    expect(eventLines(c, 'b').some((l) => l.includes('Pulling image "nginx:alpine"'))).toBe(true);
  });

  it('backs off pulling an unknown tag: ErrImagePull, ImagePullBackOff, retries at 10 s then 20 s', () => {
    const { c, timeline, events } = run(testPod('web-0', { node: 'kind-worker', image: 'nginx:nope' }), 45_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending - ready=- ip=- restarts=0",
        "28 MODIFIED Pending waiting:ContainerCreating ready=False ip=- restarts=0",
        "659 MODIFIED Pending waiting:ContainerCreating ready=False ip=10.244.1.2 restarts=0",
        "1296 MODIFIED Pending waiting:ErrImagePull ready=False ip=10.244.1.2 restarts=0",
        "3454 MODIFIED Pending waiting:ImagePullBackOff ready=False ip=10.244.1.2 restarts=0",
        "12470 MODIFIED Pending waiting:ErrImagePull ready=False ip=10.244.1.2 restarts=0",
        "13519 MODIFIED Pending waiting:ImagePullBackOff ready=False ip=10.244.1.2 restarts=0",
        "32307 MODIFIED Pending waiting:ErrImagePull ready=False ip=10.244.1.2 restarts=0",
        "33801 MODIFIED Pending waiting:ImagePullBackOff ready=False ip=10.244.1.2 restarts=0",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: Pulling image "nginx:nope"",
        "+1s Warning Failed [kubelet]: Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found",
        "+1s Warning Failed [kubelet]: Error: ErrImagePull",
        "+3s Normal BackOff [kubelet]: Back-off pulling image "nginx:nope"",
        "+3s Warning Failed [kubelet]: Error: ImagePullBackOff",
      ]
    `);
    const cs = c.store.get('Pod', 'default', 'web-0')!.status!.containerStatuses![0];
    expect(cs.state?.waiting?.message).toContain('Back-off pulling image "nginx:nope": ErrImagePull: rpc error: code = NotFound');
  });

  it('restarts a busybox without a command into CrashLoopBackOff with a doubling back-off', () => {
    const { timeline, events } = run(testPod('bb', { node: 'kind-worker', image: 'busybox:1.36' }), 50_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending - ready=- ip=- restarts=0",
        "28 MODIFIED Pending waiting:ContainerCreating ready=False ip=- restarts=0",
        "659 MODIFIED Pending waiting:ContainerCreating ready=False ip=10.244.1.2 restarts=0",
        "1538 MODIFIED Running running ready=True ip=10.244.1.2 restarts=0",
        "1607 MODIFIED Running terminated:Completed ready=False ip=10.244.1.2 restarts=0",
        "3415 MODIFIED Running running ready=True ip=10.244.1.2 restarts=1",
        "3445 MODIFIED Running terminated:Completed ready=False ip=10.244.1.2 restarts=1",
        "4595 MODIFIED Running waiting:CrashLoopBackOff ready=False ip=10.244.1.2 restarts=1",
        "15345 MODIFIED Running running ready=True ip=10.244.1.2 restarts=2",
        "15413 MODIFIED Running terminated:Completed ready=False ip=10.244.1.2 restarts=2",
        "16282 MODIFIED Running waiting:CrashLoopBackOff ready=False ip=10.244.1.2 restarts=2",
        "36617 MODIFIED Running running ready=True ip=10.244.1.2 restarts=3",
        "36656 MODIFIED Running terminated:Completed ready=False ip=10.244.1.2 restarts=3",
        "37705 MODIFIED Running waiting:CrashLoopBackOff ready=False ip=10.244.1.2 restarts=3",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: Pulling image "busybox:1.36"",
        "+1s Normal Pulled [kubelet]: Successfully pulled image "busybox:1.36" in 385ms (385ms including waiting). Image size: 2160406 bytes.",
        "+1s Normal Created [kubelet]: Container created",
        "+1s Normal Started [kubelet]: Container started",
        "+2s Normal Pulled [kubelet]: Container image "busybox:1.36" already present on machine and can be accessed by the pod",
        "+4s Warning BackOff [kubelet]: Back-off restarting failed container nginx in pod bb_default(1673b960-bc75-4dce-b72b-4ab33bf89c70)",
      ]
    `);
  });

  // The start's manual run comes within the initial delay and probes nothing; it resets the worker's ticker, so the
  // first probe is a period (10 s) later, not when the delay ends.
  it('holds Ready until the first readiness probe after initialDelaySeconds: a period after the start', () => {
    const { timeline } = run(testPod('web-0', { node: 'kind-worker', container: { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } } }), 20_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending - ready=- ip=- restarts=0",
        "28 MODIFIED Pending waiting:ContainerCreating ready=False ip=- restarts=0",
        "659 MODIFIED Pending waiting:ContainerCreating ready=False ip=10.244.1.2 restarts=0",
        "2058 MODIFIED Running running ready=False ip=10.244.1.2 restarts=0",
        "12187 MODIFIED Running running ready=True ip=10.244.1.2 restarts=0",
      ]
    `);
  });

  it('stops nginx quickly on deletion and then removes the pod', () => {
    const { c } = run(testPod('web-0', { node: 'kind-worker' }), 10_000);
    const timeline = watchPod(c, 'web-0');
    c.store.delete('Pod', 'default', 'web-0');
    c.advance(5_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "10000 MODIFIED Running running ready=True ip=10.244.1.2 restarts=0 deleting",
        "10480 MODIFIED Succeeded terminated:Completed ready=False ip=10.244.1.2 restarts=0 deleting",
        "10480 DELETED Succeeded terminated:Completed ready=False ip=10.244.1.2 restarts=0 deleting",
      ]
    `);
    expect(eventLines(c, 'web-0', 10_000).slice(-1)).toMatchInlineSnapshot(`
      [
        "+0s Normal Killing [kubelet]: Stopping container nginx",
      ]
    `);
    expect(c.store.get('Pod', 'default', 'web-0')).toBeUndefined();
  });

  it('waits the full grace period for a busybox sleep that ignores SIGTERM', () => {
    const { c } = run(testPod('sleeper', { node: 'kind-worker', image: 'busybox', grace: 10, container: { command: ['sleep', '3600'] } }), 10_000);
    c.store.delete('Pod', 'default', 'sleeper');
    c.advance(9_000);
    expect(c.store.get('Pod', 'default', 'sleeper')?.metadata?.deletionTimestamp).toBeDefined();
    c.advance(2_000);
    expect(c.store.get('Pod', 'default', 'sleeper')).toBeUndefined();
  });
});
