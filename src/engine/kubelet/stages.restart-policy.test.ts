// restartPolicy of the regular containers: Always restarts whatever the exit, OnFailure only after a failure,
// Never not at all; a pod whose containers all ended for good is Succeeded, or Failed if one failed.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { testPod, type TestPodOptions } from './fixtures.ts';
import { podFault } from '../faults.ts';

function runOnce(command: string[], restartPolicy: TestPodOptions['restartPolicy']) {
  const c = Cluster.create({ seed: 7, freeze: true });
  c.store.create('Pod', testPod('job', { node: 'kind-worker', image: 'busybox:1.36', restartPolicy, container: { command } }));
  c.advance(60_000);
  const pod = c.store.get('Pod', 'default', 'job')!;
  const cs = pod.status!.containerStatuses![0];
  return { phase: pod.status!.phase, restarts: cs.restartCount, terminated: cs.state?.terminated ? `${cs.state.terminated.reason} ${cs.state.terminated.exitCode}` : undefined };
}

describe('kubelet: restartPolicy of regular containers', () => {
  it.each([
    ['Never, success', ['true'], 'Never', { phase: 'Succeeded', restarts: 0, terminated: 'Completed 0' }],
    ['Never, failure', ['false'], 'Never', { phase: 'Failed', restarts: 0, terminated: 'Error 1' }],
    ['OnFailure, success', ['sh', '-c', 'exit 0'], 'OnFailure', { phase: 'Succeeded', restarts: 0, terminated: 'Completed 0' }],
  ] as const)('%s: the pod ends', (_, command, policy, expected) => {
    expect(runOnce([...command], policy)).toEqual(expected);
  });

  it.each([
    ['OnFailure, failure', ['false'], 'OnFailure'],
    ['Always, success', ['true'], 'Always'],
  ] as const)('%s: the container is restarted', (_, command, policy) => {
    const r = runOnce([...command], policy);
    expect(r.phase).toBe('Running');
    expect(r.restarts).toBeGreaterThan(1);
  });
});

describe('kubelet: restartPolicy with several containers, and crashes', () => {
  it('Never: a container that ended is not started again while another runs on, and the pod ends with the last', () => {
    const c = Cluster.create({ seed: 7, freeze: true });
    const pod = testPod('two', { node: 'kind-worker', image: 'busybox:1.36', restartPolicy: 'Never', container: { command: ['sh', '-c', 'sleep 3; exit 2'] } });
    pod.spec!.containers.push({ name: 'second', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20'] });
    c.store.create('Pod', pod);
    c.advance(12_000);
    const mid = c.store.get('Pod', 'default', 'two')!.status!;
    expect(mid.containerStatuses!.map((s) => [s.restartCount, Object.keys(s.state!)[0]])).toEqual([[0, 'terminated'], [0, 'running']]);
    expect(mid.phase).toBe('Running');
    c.advance(20_000);
    const end = c.store.get('Pod', 'default', 'two')!.status!;
    expect(end.containerStatuses!.map((s) => `${s.restartCount} ${s.state!.terminated?.exitCode}`)).toEqual(['0 2', '0 0']);
    expect(end.phase).toBe('Failed');
  });

  it.each([
    ['Never', 'Failed', 0],
    ['OnFailure', 'Running', 1],
    ['Always', 'Running', 1],
  ] as const)('a crashed container under %s: the pod is %s after %i restart(s)', (policy, phase, restarts) => {
    const c = Cluster.create({ seed: 7, freeze: true });
    c.store.create('Pod', testPod('crashy', { node: 'kind-worker', image: 'busybox:1.36', restartPolicy: policy, container: { command: ['sleep', '3600'] } }));
    c.advance(10_000);
    expect(podFault(c, 'default', 'crashy', 'crash')).toBeNull();
    c.advance(5_000);
    const st = c.store.get('Pod', 'default', 'crashy')!.status!;
    expect([st.phase, st.containerStatuses![0].restartCount]).toEqual([phase, restarts]);
  });
});

describe('kubelet: each container ends at its own time', () => {
  it('OnFailure: the container that ends first stops, the other runs on to its own end, and then the pod Succeeded', () => {
    const c = Cluster.create({ seed: 7, freeze: true });
    // The second's command is timed by the process model (ps is not modelled), the first's by its script.
    const pod = testPod('pair', { node: 'kind-worker', image: 'busybox:1.36', restartPolicy: 'OnFailure', container: { command: ['sh', '-c', 'sleep 5'] } });
    pod.spec!.containers.push({ name: 'slow', image: 'busybox:1.36', command: ['sh', '-c', 'ps; sleep 30'] });
    c.store.create('Pod', pod);
    const states = (): string[] => c.store.get('Pod', 'default', 'pair')!.status!.containerStatuses!.map((s) => Object.keys(s.state!)[0]);
    c.advance(20_000);
    expect(states()).toEqual(['terminated', 'running']);
    expect(c.store.get('Pod', 'default', 'pair')!.status!.phase).toBe('Running');
    c.advance(15_000);
    expect(states()).toEqual(['terminated', 'terminated']);
    expect(c.store.get('Pod', 'default', 'pair')!.status!.phase).toBe('Succeeded');
  });
});
