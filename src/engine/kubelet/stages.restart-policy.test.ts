// restartPolicy of the regular containers: Always restarts whatever the exit, OnFailure only after a failure,
// Never not at all; a pod whose containers all ended for good is Succeeded, or Failed if one failed.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { testPod, type TestPodOptions } from './fixtures.ts';

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
