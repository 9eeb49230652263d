import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/types.ts';
import { podCells } from './status.ts';

const NOW = Date.UTC(2026, 0, 1, 0, 10, 0);
const pod = (status: Pod['status'], extra: Partial<Pod> = {}): Pod => ({ metadata: { name: 'web-0' }, spec: { containers: [{ name: 'nginx' }] }, status, ...extra });

describe('podCells (printPod)', () => {
  it('shows waiting reasons, restarts with age of the last restart', () => {
    expect(podCells(pod({ phase: 'Running', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 3,
      state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:09:20Z' } } }] }), NOW))
      .toEqual({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (40s ago)' });
  });
  it('shows Pending, ContainerCreating, Completed, Evicted and Terminating', () => {
    expect(podCells(pod({ phase: 'Pending' }), NOW).status).toBe('Pending');
    expect(podCells(pod({ phase: 'Pending', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }), NOW).status).toBe('ContainerCreating');
    expect(podCells(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }), NOW).status).toBe('Completed');
    expect(podCells(pod({ phase: 'Failed', reason: 'Evicted' }), NOW).status).toBe('Evicted');
    expect(podCells(pod({ phase: 'Running' }, { metadata: { name: 'web-0', deletionTimestamp: '2026-01-01T00:10:30Z' } }), NOW).status).toBe('Terminating');
  });
  it('shows Init:N/M while init containers run', () => {
    const p = pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', image: '', imageID: '', ready: false, restartCount: 0, state: { running: {} } }] },
      { spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'nginx' }] } });
    expect(podCells(p, NOW).status).toBe('Init:0/1');
  });
});
