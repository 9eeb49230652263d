// Builds a Pod's status from the kubelet's runtime record, the way the kubelet's status manager does:
// phase, IPs, the five standard conditions (keeping lastTransitionTime when a status does not change)
// and one containerStatus per container. Pure apart from reading the stored pod and node.
import type { Node, Pod } from '../api/types.ts';
import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';
import { normalizeImage, lookupImage } from './images.ts';

const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

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
  const st: ContainerStatus = {
    ...(ct.containerID ? { containerID: ct.containerID } : {}),
    image: pulled ? ref.full : ct.image,
    imageID: pulled && info ? `${ref.repo}@${info.digest}` : '',
    lastState: ct.last ? { terminated: { ...ct.last } } : {},
    name: ct.name,
    ready: ct.ready,
    restartCount: ct.restartCount,
    started: ct.started,
    state: {},
  };
  if (ct.state === 'running') st.state = { running: { startedAt: ct.startedAt! } };
  else if (ct.state === 'terminated') {
    st.state = { terminated: { containerID: ct.containerID, exitCode: ct.exitCode ?? 0, finishedAt: ct.finishedAt!, reason: ct.reason ?? 'Completed', startedAt: ct.startedAt! } };
    if (!ct.containerID) delete st.state.terminated!.containerID;
  } else st.state = { waiting: { reason: ct.reason ?? 'ContainerCreating', ...(ct.message ? { message: ct.message } : {}) } };
  const mounts = spec?.volumeMounts ?? [];
  if (mounts.length) (st as unknown as Record<string, unknown>).volumeMounts = mounts.map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true } : {}) }));
  return st;
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
  const notReadyMsg = `containers with unready status: [${unready.join(' ')}]`;
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const conds: PodCondition[] = [
    condition(old, 'PodReadyToStartContainers', !!rt.ip && !terminal, nowText),
    condition(old, 'Initialized', true, nowText),
    condition(old, 'Ready', containersReady && !terminal, nowText, readyReason, terminal ? '' : notReadyMsg),
    condition(old, 'ContainersReady', containersReady && !terminal, nowText, readyReason, terminal ? '' : notReadyMsg),
  ];
  if (rt.disruption) {
    const d = condition(old, 'DisruptionTarget', true, nowText);
    conds.push({ ...d, reason: rt.disruption.reason, message: rt.disruption.message });
  }
  for (const c of old ?? []) {
    if (c.type === 'DisruptionTarget' && rt.disruption) continue;
    if (!CONDITION_ORDER.includes(c.type) || c.type === 'PodScheduled') conds.push(c);
  }
  conds.sort((a, b) => rank(a.type) - rank(b.type));
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

// DisruptionTarget sorts first, as the API shows it after the taint manager or eviction adds it.
function rank(type: string): number {
  if (type === 'DisruptionTarget') return -1;
  const i = CONDITION_ORDER.indexOf(type);
  return i < 0 ? CONDITION_ORDER.length : i;
}
