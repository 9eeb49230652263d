// Init-container behaviours checked against upstream without a golden timeline: the condition texts, a
// restartPolicy Never failure, an init container that never exits, graceful deletion before the pod
// initialized, sidecars (restartable init containers) and faults injected while initializing or after.
import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { Cluster } from '../cluster.ts';
import { eventLines, testPod, watchInitPod, type TestPodOptions } from './fixtures.ts';
import { applyPodFault } from './faults.ts';
import { kubeletState } from './runtime.ts';

function start(initContainers: Container[], opts: TestPodOptions = {}) {
  const c = Cluster.create({ seed: 42, freeze: true });
  const r = c.store.create('Pod', testPod('p', { node: 'kind-worker', initContainers, ...opts }));
  if (!r.ok) throw new Error(r.status.message);
  const pod = () => c.store.get('Pod', 'default', 'p');
  const cond = (type: string) => pod()?.status?.conditions?.find((x) => x.type === type);
  return { c, pod, cond, rt: () => kubeletState(c).pods[r.object.metadata!.uid!] };
}

const sleeper = (name: string, secs: number): Container => ({ name, image: 'busybox:1.36', command: ['sleep', String(secs)] });

describe('kubelet init containers', () => {
  it('reports Initialized False naming the incomplete init containers, and the regular ones as not ready', () => {
    const { c, cond, pod } = start([sleeper('init-a', 5), sleeper('init-b', 5)]);
    c.advance(3_000);
    // Models generate.go GeneratePodInitializedCondition / GenerateContainersReadyCondition.
    expect(cond('Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
    expect(cond('Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(cond('ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(cond('PodReadyToStartContainers')?.status).toBe('True');
    expect(pod()?.status?.phase).toBe('Pending');
    c.advance(5_000);
    expect(cond('Initialized')?.message).toBe('containers with incomplete status: [init-b]');
    c.advance(10_000);
    expect(cond('Initialized')).toMatchObject({ status: 'True' });
    expect(cond('Initialized')?.reason).toBeUndefined();
    expect(pod()?.status?.phase).toBe('Running');
  });

  it('fails the pod on an init container failure when restartPolicy is Never, without a restart', () => {
    const { c, pod, cond } = start([{ name: 'init-fail', image: 'busybox:1.36', command: ['false'] }], { restartPolicy: 'Never' });
    c.advance(30_000);
    const st = pod()!.status!;
    expect(st.phase).toBe('Failed');
    expect(st.initContainerStatuses![0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } });
    expect(cond('PodReadyToStartContainers')?.status).toBe('False');
    expect(cond('Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(eventLines(c, 'p').some((l) => l.includes('spec.containers') || l.includes('nginx'))).toBe(false);
  });

  it('keeps a pod initializing for as long as its init container runs (nginx never exits by itself)', () => {
    const { c, pod } = start([{ name: 'init-web', image: 'nginx:alpine' }]);
    c.advance(30 * 60_000);
    const st = pod()!.status!;
    expect(st.phase).toBe('Pending');
    expect(st.initContainerStatuses![0].state?.running).toBeDefined();
    expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('stops a running init container on deletion (SIGKILL after the grace period) and ends the pod Failed', () => {
    const { c } = start([sleeper('init-wait', 3600)], { grace: 5 });
    c.advance(10_000);
    const timeline = watchInitPod(c, 'p');
    c.store.delete('Pod', 'default', 'p');
    c.advance(4_000);
    expect(c.store.get('Pod', 'default', 'p')?.metadata?.deletionTimestamp).toBeDefined();
    c.advance(2_000);
    expect(c.store.get('Pod', 'default', 'p')).toBeUndefined();
    expect(timeline.slice(-1)[0]).toMatch(/DELETED Failed \[init-wait=terminated:Error\(137\)\/unready\/0\] nginx=waiting:PodInitializing Initialized=False/);
    expect(eventLines(c, 'p', 10_000, true).slice(-1)).toEqual(['+0s Normal Killing [kubelet]: spec.initContainers{init-wait}: Stopping container init-wait']);
  });

  it('reports an init container that never started as terminated with an unknown status when its pod is deleted', () => {
    const { c, pod } = start([{ name: 'init-x', image: 'busybox:nope' }]);
    c.advance(5_000);
    let last = pod();
    c.store.watch((e) => { if (e.kind === 'Pod') last = e.object as typeof last; });
    c.store.delete('Pod', 'default', 'p');
    c.advance(5_000);
    expect(pod()).toBeUndefined();
    // Models status_manager.go TerminatePod: zero times, exit code 137, phase Failed.
    expect(last!.status!.phase).toBe('Failed');
    expect(last!.status!.initContainerStatuses![0].state).toEqual({ terminated: {
      exitCode: 137, finishedAt: null, message: 'The container could not be located when the pod was terminated', reason: 'ContainerStatusUnknown', startedAt: null,
    } });
  });

  it('starts the next init container once a sidecar (restartPolicy Always) started, and keeps the sidecar running', () => {
    const { c, pod, cond } = start([{ name: 'proxy', image: 'nginx:alpine', restartPolicy: 'Always' }, sleeper('init-b', 1)]);
    c.advance(20_000);
    const st = pod()!.status!;
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses!.map((s) => [s.name, Object.keys(s.state!)[0], s.ready, s.started])).toEqual([
      ['proxy', 'running', true, true], ['init-b', 'terminated', true, false],
    ]);
    expect(cond('ContainersReady')?.status).toBe('True');
  });

  it('restarts the running init container when a crash is injected while the pod initializes', () => {
    const { c, rt, pod } = start([sleeper('init-a', 60)]);
    c.advance(5_000);
    expect(applyPodFault(c, rt(), 'crash')).toBe(true);
    c.advance(5_000);
    const cs = pod()!.status!.initContainerStatuses![0];
    expect(cs).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    expect(pod()!.status!.containerStatuses![0].state?.waiting?.reason).toBe('PodInitializing');
  });

  it('crashes only the classic init container, never the sidecar that runs beside it', () => {
    const { c, rt, pod } = start([{ name: 'proxy', image: 'nginx:alpine', restartPolicy: 'Always' }, { name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'until false; do sleep 1; done'] }]);
    c.advance(20_000);
    expect(applyPodFault(c, rt(), 'crash')).toBe(true);
    c.advance(10_000);
    expect(pod()!.status!.initContainerStatuses!.map((s) => [s.name, Object.keys(s.state!)[0], s.restartCount])).toEqual([
      ['proxy', 'running', 0], ['wait', 'running', 1],
    ]);
  });

  it('keeps Initialized True once a regular container ran, also when an eviction stops the sidecar', () => {
    const { c, rt, cond, pod } = start([{ name: 'proxy', image: 'nginx:alpine', restartPolicy: 'Always' }]);
    c.advance(20_000);
    expect(applyPodFault(c, rt(), 'evict')).toBe(true);
    c.advance(1_000);
    expect(pod()!.status!.phase).toBe('Failed');
    // generate.go GeneratePodInitializedCondition: a terminated regular container counts as started.
    expect(cond('Initialized')).toMatchObject({ status: 'True' });
    expect(cond('Initialized')?.reason).toBeUndefined();
  });
});
