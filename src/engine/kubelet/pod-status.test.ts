// The kubelet's pod status builder: condition order (carried-over conditions included) and the shared
// volumeMounts views.
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types.ts';
import { buildPodStatus, mountStatuses } from './pod-status.ts';
import { newPodRuntime } from './runtime.ts';

const T0 = '2026-01-01T00:00:00Z', T1 = '2026-01-01T00:00:05Z';
const cond = (type: string, status: string, extra: Record<string, string> = {}) => ({ type, status, lastProbeTime: null as unknown as string, lastTransitionTime: T0, ...extra });

function pod(conditions: ReturnType<typeof cond>[]): Pod {
  return {
    metadata: { name: 'web-0', namespace: 'default', uid: 'u1' },
    spec: { nodeName: 'kind-worker', containers: [{ name: 'nginx', image: 'nginx:alpine', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }, { name: 'cfg', mountPath: '/etc/cfg', readOnly: true }] }] },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions },
  };
}
const node: Node = { metadata: { name: 'kind-worker' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }] } };

describe('buildPodStatus', () => {
  it('orders DisruptionTarget, the kubelet four, PodScheduled, then other conditions in stored order', () => {
    const p = pod([cond('Custom/B', 'True'), cond('PodScheduled', 'True'), cond('Ready', 'False'), cond('DisruptionTarget', 'True', { reason: 'x' }), cond('Custom/A', 'False')]);
    const s = buildPodStatus(p, newPodRuntime(p), node, T1);
    expect(s.conditions!.map((c) => c.type)).toEqual(['DisruptionTarget', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'Custom/B', 'Custom/A']);
    // Ready stayed False: its transition time is kept; the others are new.
    expect(s.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ lastTransitionTime: T0, reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(s.conditions!.find((c) => c.type === 'Initialized')?.lastTransitionTime).toBe(T1);
  });

  it('replaces a stored DisruptionTarget with the kubelet\'s own, first', () => {
    const p = pod([cond('PodScheduled', 'True'), cond('DisruptionTarget', 'True', { reason: 'old' })]);
    const rt = { ...newPodRuntime(p), disruption: { reason: 'TerminationByKubelet', message: 'evicted' } };
    const s = buildPodStatus(p, rt, node, T1);
    expect(s.conditions!.map((c) => `${c.type}:${c.reason ?? ''}`)).toEqual(['DisruptionTarget:TerminationByKubelet', 'PodReadyToStartContainers:', 'Initialized:', 'Ready:ContainersNotReady', 'ContainersReady:ContainersNotReady', 'PodScheduled:']);
  });

  it('has no not-ready message once the containers are ready', () => {
    const p = pod([cond('PodScheduled', 'True')]);
    const rt = newPodRuntime(p);
    rt.containers[0].ready = true;
    const ready = buildPodStatus(p, rt, node, T1).conditions!.find((c) => c.type === 'Ready');
    expect(ready).toEqual({ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T1 });
  });

  it('reports volumeMounts from the spec, sharing one list per stored mounts array', () => {
    const p = pod([]);
    const a = buildPodStatus(p, newPodRuntime(p), node, T1).containerStatuses![0].volumeMounts;
    const b = buildPodStatus(p, newPodRuntime(p), node, T1).containerStatuses![0].volumeMounts;
    expect(a).toEqual([{ mountPath: '/usr/share/nginx/html', name: 'www' }, { mountPath: '/etc/cfg', name: 'cfg', readOnly: true }]);
    expect(b).toBe(a);
    expect(mountStatuses([...p.spec!.containers[0].volumeMounts!])).not.toBe(a);
    expect(mountStatuses([...p.spec!.containers[0].volumeMounts!])).toEqual(a);
  });
});
