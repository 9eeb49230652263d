import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/index.ts';
import { isPodReady, podStatus, statusTone } from './pod-status.ts';

const base = (status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod => ({
  metadata: { name: 'web-0', ...extra },
  spec: { containers: [{ name: 'nginx', image: 'nginx:alpine' }] },
  status,
});

describe('podStatus mirrors kubectl printPod', () => {
  const cases: Array<[string, Pod, string, string]> = [
    ['unscheduled', base({ phase: 'Pending' }), 'Pending', '0/1'],
    ['container creating', base({ phase: 'Pending', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }), 'ContainerCreating', '0/1'],
    ['running ready', base({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] }), 'Running', '1/1'],
    ['running not ready', base({ phase: 'Running', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { running: {} } }] }), 'Running', '0/1'],
    ['crash loop', base({ phase: 'Running', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), 'CrashLoopBackOff', '0/1'],
    ['image pull back-off', base({ phase: 'Pending', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] }), 'ImagePullBackOff', '0/1'],
    ['terminated with reason', base({ phase: 'Succeeded', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }), 'Completed', '0/1'],
    ['terminated without reason', base({ phase: 'Failed', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137 } } }] }), 'ExitCode:137', '0/1'],
    ['signal', base({ phase: 'Failed', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, signal: 9 } } }] }), 'Signal:9', '0/1'],
    ['evicted', base({ phase: 'Failed', reason: 'Evicted' }), 'Evicted', '0/1'],
    ['terminating', base({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] }, { deletionTimestamp: '2026-01-01T00:00:00Z' }), 'Terminating', '1/1'],
    ['terminal phase is not Terminating', base({ phase: 'Failed', reason: 'Evicted' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }), 'Evicted', '0/1'],
    ['node lost', base({ phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }), 'Unknown', '0/1'],
    ['scheduling gated', base({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated', '0/1'],
  ];
  it.each(cases)('%s', (_name, pod, status, ready) => {
    const s = podStatus(pod);
    expect(s.status).toBe(status);
    expect(s.ready).toBe(ready);
  });

  it('first container reason wins and restarts are summed', () => {
    const pod = base({ phase: 'Running', containerStatuses: [
      { name: 'a', image: '', imageID: '', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      { name: 'b', image: '', imageID: '', ready: false, restartCount: 1, state: { waiting: { reason: 'ErrImagePull' } } },
    ] });
    pod.spec!.containers.push({ name: 'b' });
    expect(podStatus(pod)).toMatchObject({ status: 'CrashLoopBackOff', restarts: 3, ready: '0/2' });
  });

  it('Completed with a running container becomes Running or NotReady', () => {
    const statuses = [
      { name: 'a', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'b', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
    ];
    const pod = base({ phase: 'Running', containerStatuses: statuses });
    expect(podStatus(pod).status).toBe('NotReady');
    pod.status!.conditions = [{ type: 'Ready', status: 'True' }];
    expect(podStatus(pod).status).toBe('Running');
  });

  it('init containers show Init:n/m and Init:<reason>', () => {
    const pod = base({ phase: 'Pending', initContainerStatuses: [{ name: 'init', image: '', imageID: '', ready: false, restartCount: 0, state: { running: {} } }] });
    pod.spec!.initContainers = [{ name: 'init' }];
    expect(podStatus(pod).status).toBe('Init:0/1');
    pod.status!.initContainerStatuses![0].state = { waiting: { reason: 'CrashLoopBackOff' } };
    expect(podStatus(pod).status).toBe('Init:CrashLoopBackOff');
  });
});

describe('readiness and tone', () => {
  it('isPodReady needs Running and Ready=True', () => {
    expect(isPodReady(base({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }))).toBe(true);
    expect(isPodReady(base({ phase: 'Pending', conditions: [{ type: 'Ready', status: 'True' }] }))).toBe(false);
    expect(isPodReady(base({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }))).toBe(false);
  });
  it('statusTone classifies', () => {
    expect(statusTone('Running')).toBe('ok');
    expect(statusTone('CrashLoopBackOff')).toBe('warn');
    expect(statusTone('ErrImagePull')).toBe('warn');
    expect(statusTone('Terminating')).toBe('gone');
    expect(statusTone('ContainerCreating')).toBe('progress');
  });
});
