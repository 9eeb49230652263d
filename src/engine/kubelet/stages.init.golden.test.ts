// Golden tests of the kubelet's init-container stages: the status sequence (init containers, the regular
// container, Initialized and Ready) and the events with their container field paths, for a fixed seed.
import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { Cluster } from '../cluster.ts';
import { eventLines, testPod, watchInitPod, type TestPodOptions } from './fixtures.ts';

function run(initContainers: Container[], ms: number, opts: TestPodOptions = {}) {
  const c = Cluster.create({ seed: 42, freeze: true });
  const timeline = watchInitPod(c, 'web-0');
  c.store.create('Pod', testPod('web-0', { node: 'kind-worker', initContainers, ...opts }));
  c.advance(ms);
  return { c, timeline, events: eventLines(c, 'web-0', 0, true) };
}

describe('kubelet init container stages (golden)', () => {
  it('runs one init container to completion (sleep 2) before it creates the regular container', () => {
    const { timeline, events } = run([{ name: 'init-a', image: 'busybox:1.36', command: ['sleep', '2'] }], 20_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending [] main=- Initialized=- Ready=-",
        "28 MODIFIED Pending [init-a=waiting:PodInitializing/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "1538 MODIFIED Pending [init-a=running/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "3607 MODIFIED Pending [init-a=terminated:Completed(0)/ready/0] nginx=waiting:PodInitializing Initialized=True Ready=False",
        "6665 MODIFIED Running [init-a=terminated:Completed(0)/ready/0] nginx=running Initialized=True Ready=True",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: spec.initContainers{init-a}: Pulling image "busybox:1.36"",
        "+1s Normal Pulled [kubelet]: spec.initContainers{init-a}: Successfully pulled image "busybox:1.36" in 385ms (385ms including waiting). Image size: 2160406 bytes.",
        "+1s Normal Created [kubelet]: spec.initContainers{init-a}: Container created",
        "+1s Normal Started [kubelet]: spec.initContainers{init-a}: Container started",
        "+4s Normal Pulling [kubelet]: spec.containers{nginx}: Pulling image "nginx:alpine"",
        "+6s Normal Pulled [kubelet]: spec.containers{nginx}: Successfully pulled image "nginx:alpine" in 1.124s (1.124s including waiting). Image size: 21243839 bytes.",
        "+6s Normal Created [kubelet]: spec.containers{nginx}: Container created",
        "+6s Normal Started [kubelet]: spec.containers{nginx}: Container started",
      ]
    `);
  });

  it('runs two init containers one at a time, in spec order, each after the previous one exited 0', () => {
    const { timeline, events } = run([
      { name: 'init-a', image: 'busybox:1.36', command: ['sh', '-c', 'echo preparing; sleep 3'] },
      { name: 'init-b', image: 'busybox:1.36' },
    ], 20_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending [] main=- Initialized=- Ready=-",
        "28 MODIFIED Pending [init-a=waiting:PodInitializing/unready/0 init-b=waiting:PodInitializing/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "1538 MODIFIED Pending [init-a=running/unready/0 init-b=waiting:PodInitializing/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "4607 MODIFIED Pending [init-a=terminated:Completed(0)/ready/0 init-b=waiting:PodInitializing/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "6472 MODIFIED Pending [init-a=terminated:Completed(0)/ready/0 init-b=running/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "6586 MODIFIED Pending [init-a=terminated:Completed(0)/ready/0 init-b=terminated:Completed(0)/ready/0] nginx=waiting:PodInitializing Initialized=True Ready=False",
        "8799 MODIFIED Running [init-a=terminated:Completed(0)/ready/0 init-b=terminated:Completed(0)/ready/0] nginx=running Initialized=True Ready=True",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: spec.initContainers{init-a}: Pulling image "busybox:1.36"",
        "+1s Normal Pulled [kubelet]: spec.initContainers{init-a}: Successfully pulled image "busybox:1.36" in 385ms (385ms including waiting). Image size: 2160406 bytes.",
        "+1s Normal Created [kubelet]: spec.initContainers{init-a}: Container created",
        "+1s Normal Started [kubelet]: spec.initContainers{init-a}: Container started",
        "+5s Normal Pulled [kubelet]: spec.initContainers{init-b}: Container image "busybox:1.36" already present on machine and can be accessed by the pod",
        "+6s Normal Created [kubelet]: spec.initContainers{init-b}: Container created",
        "+6s Normal Started [kubelet]: spec.initContainers{init-b}: Container started",
        "+7s Normal Pulling [kubelet]: spec.containers{nginx}: Pulling image "nginx:alpine"",
        "+8s Normal Pulled [kubelet]: spec.containers{nginx}: Successfully pulled image "nginx:alpine" in 1.189s (1.189s including waiting). Image size: 21243839 bytes.",
        "+8s Normal Created [kubelet]: spec.containers{nginx}: Container created",
        "+8s Normal Started [kubelet]: spec.containers{nginx}: Container started",
      ]
    `);
  });

  it('restarts a failing init container with the crash-loop back-off and never starts the regular container', () => {
    const { c, timeline, events } = run([{ name: 'init-fail', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], 40_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending [] main=- Initialized=- Ready=-",
        "28 MODIFIED Pending [init-fail=waiting:PodInitializing/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "1538 MODIFIED Pending [init-fail=running/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "1607 MODIFIED Pending [init-fail=terminated:Error(1)/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "3415 MODIFIED Pending [init-fail=running/unready/1] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "3445 MODIFIED Pending [init-fail=terminated:Error(1)/unready/1] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "4595 MODIFIED Pending [init-fail=waiting:CrashLoopBackOff/unready/1] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "15345 MODIFIED Pending [init-fail=running/unready/2] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "15413 MODIFIED Pending [init-fail=terminated:Error(1)/unready/2] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "16282 MODIFIED Pending [init-fail=waiting:CrashLoopBackOff/unready/2] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "36617 MODIFIED Pending [init-fail=running/unready/3] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "36656 MODIFIED Pending [init-fail=terminated:Error(1)/unready/3] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "37705 MODIFIED Pending [init-fail=waiting:CrashLoopBackOff/unready/3] nginx=waiting:PodInitializing Initialized=False Ready=False",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: spec.initContainers{init-fail}: Pulling image "busybox:1.36"",
        "+1s Normal Pulled [kubelet]: spec.initContainers{init-fail}: Successfully pulled image "busybox:1.36" in 385ms (385ms including waiting). Image size: 2160406 bytes.",
        "+1s Normal Created [kubelet]: spec.initContainers{init-fail}: Container created",
        "+1s Normal Started [kubelet]: spec.initContainers{init-fail}: Container started",
        "+2s Normal Pulled [kubelet]: spec.initContainers{init-fail}: Container image "busybox:1.36" already present on machine and can be accessed by the pod",
        "+4s Warning BackOff [kubelet]: spec.initContainers{init-fail}: Back-off restarting failed container init-fail in pod web-0_default(1673b960-bc75-4dce-b72b-4ab33bf89c70)",
      ]
    `);
    const st = c.store.get('Pod', 'default', 'web-0')!.status!;
    expect(st.initContainerStatuses![0].lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('backs off pulling an init container image that does not exist: ErrImagePull, ImagePullBackOff', () => {
    const { timeline, events } = run([{ name: 'init-x', image: 'busybox:nope' }], 20_000);
    expect(timeline).toMatchInlineSnapshot(`
      [
        "0 ADDED Pending [] main=- Initialized=- Ready=-",
        "28 MODIFIED Pending [init-x=waiting:PodInitializing/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "1296 MODIFIED Pending [init-x=waiting:ErrImagePull/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "3454 MODIFIED Pending [init-x=waiting:ImagePullBackOff/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "12470 MODIFIED Pending [init-x=waiting:ErrImagePull/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
        "13519 MODIFIED Pending [init-x=waiting:ImagePullBackOff/unready/0] nginx=waiting:PodInitializing Initialized=False Ready=False",
      ]
    `);
    expect(events).toMatchInlineSnapshot(`
      [
        "+0s Normal Pulling [kubelet]: spec.initContainers{init-x}: Pulling image "busybox:nope"",
        "+1s Warning Failed [kubelet]: spec.initContainers{init-x}: Failed to pull image "busybox:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/busybox:nope": failed to resolve reference "docker.io/library/busybox:nope": docker.io/library/busybox:nope: not found",
        "+1s Warning Failed [kubelet]: spec.initContainers{init-x}: Error: ErrImagePull",
        "+3s Normal BackOff [kubelet]: spec.initContainers{init-x}: Back-off pulling image "busybox:nope"",
        "+3s Warning Failed [kubelet]: spec.initContainers{init-x}: Error: ImagePullBackOff",
      ]
    `);
  });
});
