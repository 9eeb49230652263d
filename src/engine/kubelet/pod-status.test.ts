// The kubelet's pod status builder: condition order (carried-over conditions included), the reasons and
// observedGeneration upstream writes, and the container fields the runtime reports (resources, user, mounts).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types.ts';
import { buildPodStatus, mountStatuses } from './pod-status.ts';
import { newPodRuntime, type PodRuntime } from './runtime.ts';

const T0 = '2026-01-01T00:00:00Z', T1 = '2026-01-01T00:00:05Z';
const cond = (type: string, status: string, extra: Record<string, string> = {}) => ({ type, status, lastProbeTime: null as unknown as string, lastTransitionTime: T0, ...extra });

function pod(conditions: ReturnType<typeof cond>[], generation?: number): Pod {
  return {
    metadata: { name: 'web-0', namespace: 'default', uid: 'u1', ...(generation ? { generation } : {}) },
    spec: { nodeName: 'kind-worker', containers: [{ name: 'nginx', image: 'nginx:alpine', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }, { name: 'cfg', mountPath: '/etc/cfg', readOnly: true }] }] },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions },
  };
}
const node: Node = { metadata: { name: 'kind-worker' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }] } };

/** A runtime record whose one container runs (created, started, ready). */
function running(p: Pod, phase: PodRuntime['phase'] = 'Running'): PodRuntime {
  const rt = { ...newPodRuntime(p), phase, ip: '10.244.1.2' };
  Object.assign(rt.containers[0], { state: 'running', startedAt: T0, started: true, ready: true, containerID: 'containerd://abc', reason: undefined });
  return rt;
}
const byType = (s: ReturnType<typeof buildPodStatus>, type: string) => s.conditions!.find((c) => c.type === type);

describe('buildPodStatus', () => {
  it('keeps conditions it does not own first, in stored order, then PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled', () => {
    // status_manager.go mergePodStatus: the API's non-kubelet conditions, then the kubelet's own.
    const p = pod([cond('Custom/B', 'True'), cond('PodScheduled', 'True'), cond('Ready', 'False'), cond('DisruptionTarget', 'True', { reason: 'x' }), cond('Custom/A', 'False')]);
    const s = buildPodStatus(p, newPodRuntime(p), node, T1);
    expect(s.conditions!.map((c) => c.type)).toEqual(['Custom/B', 'DisruptionTarget', 'Custom/A', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    // Ready and PodScheduled kept their status: their transition times are kept; the others are new.
    expect(byType(s, 'Ready')).toMatchObject({ lastTransitionTime: T0, reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(byType(s, 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: T0 });
    expect(byType(s, 'Initialized')?.lastTransitionTime).toBe(T1);
  });

  it('writes PodScheduled itself for a pod bound without the scheduler', () => {
    const p = pod([]);
    expect(buildPodStatus(p, newPodRuntime(p), node, T1).conditions!.map((c) => `${c.type}=${c.status}`))
      .toEqual(['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
  });

  it('replaces a stored DisruptionTarget with the kubelet\'s own, where it stood', () => {
    const p = pod([cond('PodScheduled', 'True'), cond('DisruptionTarget', 'True', { reason: 'old' })]);
    const rt = { ...newPodRuntime(p), disruption: { reason: 'TerminationByKubelet', message: 'evicted' } };
    const s = buildPodStatus(p, rt, node, T1);
    expect(s.conditions!.map((c) => `${c.type}:${c.reason ?? ''}`)).toEqual(['DisruptionTarget:TerminationByKubelet', 'PodReadyToStartContainers:', 'Initialized:', 'Ready:ContainersNotReady', 'ContainersReady:ContainersNotReady', 'PodScheduled:']);
  });

  it('has no not-ready message once the containers are ready', () => {
    const p = pod([cond('PodScheduled', 'True')]);
    const rt = newPodRuntime(p);
    rt.containers[0].ready = true;
    expect(byType(buildPodStatus(p, rt, node, T1), 'Ready')).toEqual({ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T1 });
  });

  it('stamps the status and every condition it writes with the pod generation (PodObservedGenerationTracking)', () => {
    const p = pod([cond('PodScheduled', 'True'), cond('Custom/A', 'True')], 3);
    const s = buildPodStatus(p, running(p), node, T1) as { observedGeneration?: number; conditions?: { type: string; observedGeneration?: number }[] };
    expect(s.observedGeneration).toBe(3);
    expect(s.conditions!.map((c) => `${c.type}:${c.observedGeneration ?? '-'}`))
      .toEqual(['Custom/A:-', 'PodReadyToStartContainers:3', 'Initialized:3', 'Ready:3', 'ContainersReady:3', 'PodScheduled:3']);
  });

  it('gives a Failed pod Ready/ContainersReady reason PodFailed, a Succeeded one PodCompleted (Initialized too)', () => {
    const p = pod([cond('PodScheduled', 'True')]);
    const failed = buildPodStatus(p, running(p, 'Failed'), node, T1);
    expect([byType(failed, 'Ready')?.reason, byType(failed, 'ContainersReady')?.reason, byType(failed, 'Initialized')?.reason]).toEqual(['PodFailed', 'PodFailed', undefined]);
    expect(byType(failed, 'Ready')?.message).toBeUndefined();
    const done = buildPodStatus(p, running(p, 'Succeeded'), node, T1);
    expect([byType(done, 'Ready')?.reason, byType(done, 'ContainersReady')?.reason]).toEqual(['PodCompleted', 'PodCompleted']);
    expect(byType(done, 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
  });

  it('holds Ready on unmet readiness gates once the containers are ready', () => {
    const p = { ...pod([cond('PodScheduled', 'True'), cond('example.com/lb', 'False')]) };
    p.spec = { ...p.spec!, readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] };
    const s = buildPodStatus(p, running(p), node, T1);
    expect(byType(s, 'ContainersReady')?.status).toBe('True');
    expect(byType(s, 'Ready')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady',
      message: 'the status of pod readiness gate "example.com/lb" is not "True", but False, corresponding condition of pod readiness gate "example.com/dns" does not exist.' });
  });

  it('reports resources and user once the runtime has the container, not before', () => {
    const p = pod([]);
    const before = buildPodStatus(p, newPodRuntime(p), node, T1).containerStatuses![0] as unknown as Record<string, unknown>;
    expect(before.resources).toBeUndefined();
    expect(before.user).toBeUndefined();
    const cs = buildPodStatus(p, running(p), node, T1).containerStatuses![0] as unknown as Record<string, unknown>;
    expect(cs.resources).toEqual({});
    expect(cs.allocatedResources).toBeUndefined();
    expect(cs.user).toEqual({ linux: { gid: 0, supplementalGroups: [0, 1, 2, 3, 4, 6, 10, 11, 20, 26, 27], uid: 0 } });
  });

  it('reports allocatedResources and resources from the spec for a container with requests and limits', () => {
    const p = pod([]);
    p.spec!.containers[0] = { ...p.spec!.containers[0], image: 'busybox:1.36', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } } };
    const cs = buildPodStatus(p, running(p), node, T1).containerStatuses![0] as unknown as Record<string, unknown>;
    expect(cs.allocatedResources).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(cs.resources).toEqual({ limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    // Two objects, not one in two places: a shared one prints as a YAML anchor and alias.
    expect((cs.resources as { requests: unknown }).requests).not.toBe(cs.allocatedResources);
    expect(cs.user).toEqual({ linux: { gid: 0, supplementalGroups: [0, 10], uid: 0 } });
  });

  it('reports volumeMounts from the spec with recursiveReadOnly on read-only ones, sharing one list per stored mounts array', () => {
    const p = pod([]);
    const a = buildPodStatus(p, newPodRuntime(p), node, T1).containerStatuses![0].volumeMounts;
    const b = buildPodStatus(p, newPodRuntime(p), node, T1).containerStatuses![0].volumeMounts;
    expect(a).toEqual([{ mountPath: '/usr/share/nginx/html', name: 'www' }, { mountPath: '/etc/cfg', name: 'cfg', readOnly: true, recursiveReadOnly: 'Disabled' }]);
    expect(b).toBe(a);
    expect(mountStatuses([...p.spec!.containers[0].volumeMounts!])).not.toBe(a);
    expect(mountStatuses([...p.spec!.containers[0].volumeMounts!])).toEqual(a);
    expect(mountStatuses([{ name: 'x', mountPath: '/x', readOnly: true, recursiveReadOnly: 'IfPossible' }])[0]).toMatchObject({ recursiveReadOnly: 'Enabled' });
  });

  it('reports initContainerStatuses only for a pod with init containers, every container waiting in PodInitializing', () => {
    expect('initContainerStatuses' in buildPodStatus(pod([]), newPodRuntime(pod([])), node, T1)).toBe(false);
    const p = pod([]);
    p.spec = { ...p.spec!, initContainers: [{ name: 'init-a', image: 'busybox:1.36' }, { name: 'init-b', image: 'busybox:1.36' }] };
    const s = buildPodStatus(p, newPodRuntime(p), node, T1);
    // kubectl -o yaml sorts keys; the builder writes them in that order too.
    expect(Object.keys(s).indexOf('initContainerStatuses')).toBe(Object.keys(s).indexOf('hostIPs') + 1);
    expect(s.initContainerStatuses!.map((c) => [c.name, c.image, c.ready, c.started, c.state])).toEqual([
      ['init-a', 'busybox:1.36', false, false, { waiting: { reason: 'PodInitializing' } }],
      ['init-b', 'busybox:1.36', false, false, { waiting: { reason: 'PodInitializing' } }],
    ]);
    expect(s.containerStatuses![0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(byType(s, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
  });

  it('counts a sidecar as initialized once started and as a container ContainersReady waits for, named first', () => {
    const p = pod([]);
    p.spec = { ...p.spec!, initContainers: [{ name: 'proxy', image: 'nginx:alpine', restartPolicy: 'Always' }] };
    const rt = newPodRuntime(p);
    expect(byType(buildPodStatus(p, rt, node, T1), 'Initialized')?.message).toBe('containers with incomplete status: [proxy]');
    expect(byType(buildPodStatus(p, rt, node, T1), 'ContainersReady')?.message).toBe('containers with unready status: [proxy nginx]');
    Object.assign(rt.inits[0], { state: 'running', started: true, ready: true, startedAt: T0, containerID: 'containerd://def', reason: undefined });
    expect(byType(buildPodStatus(p, rt, node, T1), 'Initialized')?.status).toBe('True');
    expect(byType(buildPodStatus(p, rt, node, T1), 'ContainersReady')?.message).toBe('containers with unready status: [nginx]');
  });
});
