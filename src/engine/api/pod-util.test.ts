import { describe, expect, it } from 'vitest';
import type { Pod } from './types.ts';
import { withDisruptionTarget } from './pod-util.ts';

const pod = (conditions: NonNullable<Pod['status']>['conditions']): Pod => ({ metadata: { name: 'p' }, status: { conditions } });
const ready = { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z' };

describe('withDisruptionTarget (UpdatePodCondition for the eviction paths)', () => {
  it('appends the condition after the ones the pod has, stamped now', () => {
    expect(withDisruptionTarget(pod([ready]), 'DeletionByPodGC', 'PodGC: node no longer exists', '2026-01-01T00:01:00Z')).toEqual([
      ready,
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:01:00Z', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' },
    ]);
  });

  it('replaces one in place, keeping its transition time when it was True already', () => {
    const earlier = { type: 'DisruptionTarget', status: 'True', lastTransitionTime: '2026-01-01T00:00:30Z', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
    const out = withDisruptionTarget(pod([earlier, ready]), 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint', '2026-01-01T00:01:00Z');
    expect(out.map((x) => x.type)).toEqual(['DisruptionTarget', 'Ready']);
    expect(out[0]).toMatchObject({ lastTransitionTime: '2026-01-01T00:00:30Z', reason: 'DeletionByTaintManager' });
    const wasFalse = withDisruptionTarget(pod([{ ...earlier, status: 'False' }]), 'DeletionByPodGC', 'm', '2026-01-01T00:01:00Z');
    expect(wasFalse[0].lastTransitionTime).toBe('2026-01-01T00:01:00Z');
  });
});
