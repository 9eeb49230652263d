import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/index.ts';
import { boundaryOf, cellLook, decadesOf } from './compact-layout.ts';

const pod = (status: Pod['status'], deletionTimestamp?: string): Pod => ({
  metadata: { name: 'web-0', deletionTimestamp },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
  status,
});
const running = (ready: boolean, waiting?: string): Pod['status'] => ({
  phase: 'Running',
  conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  containerStatuses: [{ name: 'nginx', image: '', imageID: '', ready, restartCount: 0, state: waiting ? { waiting: { reason: waiting } } : { running: {} } }],
});

describe('decadesOf', () => {
  it('groups ordinals by their tens, keeping gaps and the order', () => {
    expect(decadesOf([0, 1, 9, 10, 12, 35, 100])).toEqual([
      { first: 0, ordinals: [0, 1, 9] }, { first: 10, ordinals: [10, 12] }, { first: 30, ordinals: [35] }, { first: 100, ordinals: [100] },
    ]);
    expect(decadesOf([])).toEqual([]);
  });
});

describe('cellLook', () => {
  it('tells ready, not ready, failing and terminating apart', () => {
    expect(cellLook(pod(running(true)))).toBe('ready');
    expect(cellLook(pod(running(false)))).toBe('waiting');
    expect(cellLook(pod({ phase: 'Pending' }))).toBe('waiting');
    expect(cellLook(pod(running(false, 'CrashLoopBackOff')))).toBe('failing');
    expect(cellLook(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('failing');
    expect(cellLook(pod(running(true), '2026-01-01T00:00:00Z'))).toBe('terminating');
  });
});

describe('boundaryOf', () => {
  it('sits before the first ordinal whose index reaches the partition, after the last when none does', () => {
    expect(boundaryOf([0, 1, 2, 3], 0, 2)).toBe(2);
    expect(boundaryOf([5, 6, 7, 8], 5, 2)).toBe(7);
    expect(boundaryOf([0, 1, 2], 0, 5)).toBe('end');
    expect(boundaryOf([0, 1, 2], 0, 0)).toBeUndefined();
    expect(boundaryOf([], 0, 3)).toBeUndefined();
  });
});
