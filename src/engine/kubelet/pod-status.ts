// Builds a Pod's status from the kubelet's runtime record, the way the kubelet's status manager does:
// phase, IPs, the five standard conditions (keeping lastTransitionTime when a status does not change)
// and one containerStatus per container. Pure apart from reading the stored pod and node.
import type { Node, Pod } from '../api/types.ts';
import type { ContainerStatus, PodCondition, PodStatus, VolumeMount, VolumeMountStatus } from 'kubernetes-types/core/v1';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';
import { normalizeImage, lookupImage } from './images.ts';

// The conditions the kubelet writes itself (buildPodStatus adds them in the API's order).
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

function condition(old: PodCondition[] | undefined, type: string, ok: boolean, nowText: string, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const prev = old?.find((c) => c.type === type);
  const c: PodCondition = {
    type, status, lastProbeTime: null as unknown as string,
    lastTransitionTime: prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : nowText,
  };
  if (!ok && reason) c.reason = reason;
  if (!ok && message) c.message = message;
  return c;
}

function containerStatus(ct: ContainerRuntime, pod: Pod): ContainerStatus {
  const spec = pod.spec?.containers?.find((s) => s.name === ct.name);
  const ref = normalizeImage(ct.image);
  const info = lookupImage(ct.image);
  const pulled = !!ct.containerID;
  const rest: ContainerStatus = {
    image: pulled ? ref.full : ct.image,
    imageID: pulled && info ? info.id : '',
    lastState: ct.last ? { terminated: { ...ct.last } } : {},
    name: ct.name,
    ready: ct.ready,
    restartCount: ct.restartCount,
    started: ct.started,
    state: {},
  };
  // containerID as a literal key before the spread: keys after a spread give each status a map of its own in V8.
  const st: ContainerStatus = ct.containerID ? { containerID: ct.containerID, ...rest } : rest;
  if (ct.state === 'running') st.state = { running: { startedAt: ct.startedAt! } };
  else if (ct.state === 'terminated') {
    // Built without the containerID key when there is none (no delete: that would leave a dictionary-mode object).
    const t = { exitCode: ct.exitCode ?? 0, finishedAt: ct.finishedAt!, reason: ct.reason ?? 'Completed', startedAt: ct.startedAt! };
    st.state = { terminated: ct.containerID ? { containerID: ct.containerID, ...t } : t };
  } else st.state = { waiting: { reason: ct.reason ?? 'ContainerCreating', ...(ct.message ? { message: ct.message } : {}) } };
  const mounts = spec?.volumeMounts;
  if (mounts?.length) (st as unknown as Record<string, unknown>).volumeMounts = mountStatuses(mounts);
  return st;
}

// Status views of a container's volume mounts, by the stored (immutable) mounts array they come from: every
// status write of a pod would otherwise rebuild the same list. Shared, so never mutated.
const mountCache = new WeakMap<readonly VolumeMount[], readonly VolumeMountStatus[]>();

/** The containerStatuses[].volumeMounts list for a container's volumeMounts (shared between calls). */
export function mountStatuses(mounts: readonly VolumeMount[]): readonly VolumeMountStatus[] {
  let out = mountCache.get(mounts);
  if (!out) mountCache.set(mounts, (out = mounts.map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true } : {}) }))));
  return out;
}

/**
 * The status the kubelet would report for `pod` given its runtime record. Conditions the kubelet does
 * not own (PodScheduled, DisruptionTarget) are carried over from the stored status.
 */
export function buildPodStatus(pod: Pod, rt: PodRuntime, node: Node | undefined, nowText: string): PodStatus {
  const old = pod.status?.conditions;
  const terminal = rt.phase === 'Succeeded' || rt.phase === 'Failed';
  const unready = rt.containers.filter((c) => !c.ready).map((c) => c.name);
  const containersReady = unready.length === 0;
  const notReadyMsg = terminal || containersReady ? '' : `containers with unready status: [${unready.join(' ')}]`;
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  // Built in the order the API shows them (no sort): DisruptionTarget first, the kubelet's four, then
  // PodScheduled, then any other condition in its stored order.
  const conds: PodCondition[] = [];
  if (rt.disruption) {
    const d = condition(old, 'DisruptionTarget', true, nowText);
    conds.push({ ...d, reason: rt.disruption.reason, message: rt.disruption.message });
  } else {
    for (const c of old ?? []) if (c.type === 'DisruptionTarget') conds.push(c);
  }
  conds.push(
    condition(old, 'PodReadyToStartContainers', !!rt.ip && !terminal, nowText),
    condition(old, 'Initialized', true, nowText),
    condition(old, 'Ready', containersReady && !terminal, nowText, readyReason, notReadyMsg),
    condition(old, 'ContainersReady', containersReady && !terminal, nowText, readyReason, notReadyMsg),
  );
  for (const c of old ?? []) if (c.type === 'PodScheduled') conds.push(c);
  for (const c of old ?? []) if (c.type !== 'PodScheduled' && c.type !== 'DisruptionTarget' && !KUBELET_CONDITIONS.has(c.type)) conds.push(c);
  const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const status: PodStatus = {
    conditions: conds,
    containerStatuses: rt.containers.map((ct) => containerStatus(ct, pod)),
    ...(hostIP ? { hostIP, hostIPs: [{ ip: hostIP }] } : {}),
    phase: rt.phase,
    ...(rt.message ? { message: rt.message } : {}),
    ...(rt.ip ? { podIP: rt.ip, podIPs: [{ ip: rt.ip }] } : {}),
    ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    ...(rt.reason ? { reason: rt.reason } : {}),
    ...(rt.startTime ? { startTime: rt.startTime } : {}),
  };
  return status;
}
