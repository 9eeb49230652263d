// Builds a Pod's status from the kubelet's runtime record, the way the kubelet's status manager does:
// phase, IPs, the kubelet's own conditions (keeping lastTransitionTime when a status does not change, each
// stamped with the pod's generation) and one containerStatus per container. Pure apart from reading the
// stored pod and node.
import type { Node, Pod } from '../api/types.ts';
import type { Container, ContainerStatus, PodCondition, PodStatus, ResourceRequirements, VolumeMount, VolumeMountStatus } from 'kubernetes-types/core/v1';
import type { ContainerRuntime, PodRuntime } from './runtime.ts';
import { normalizeImage, lookupImage, type ImageInfo } from './images.ts';
import { stringMemo } from '../api/memo.ts';

// Models pkg/kubelet/types/pod_status.go PodConditionsByKubelet (with PodReadyToStartContainers): the
// conditions the kubelet regenerates on every write; every other condition is carried over as stored.
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodResizeInProgress', 'PodResizePending', 'PodReadyToStartContainers']);

/** A condition with 1.35's observedGeneration, which the status types of kubernetes-types predate. */
type Condition = PodCondition & { observedGeneration?: number };

// Models pkg/kubelet/status/status_manager.go updateLastTransitionTime (the time moves only when the status
// does) and pkg/api/v1/pod/util.go CalculatePodConditionObservedGeneration (the pod's generation, GA in 1.35).
function condition(old: PodCondition[] | undefined, type: string, ok: boolean, nowText: string, generation: number | undefined, reason?: string, message?: string): Condition {
  const status = ok ? 'True' : 'False';
  // A loop, not find: no closure per condition built.
  let prev: PodCondition | undefined;
  if (old) for (let i = 0; i < old.length; i++) if (old[i].type === type) { prev = old[i]; break; }
  const since = prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : nowText;
  const none = null as unknown as string;
  // The usual sets of keys (with a generation) as one literal each: a key added after the literal grew the
  // object's property store.
  if (generation && !message) {
    return reason
      ? { type, status, lastProbeTime: none, lastTransitionTime: since, observedGeneration: generation, reason }
      : { type, status, lastProbeTime: none, lastTransitionTime: since, observedGeneration: generation };
  }
  if (generation && reason) return { type, status, lastProbeTime: none, lastTransitionTime: since, observedGeneration: generation, reason, message };
  const c: Condition = { type, status, lastProbeTime: none, lastTransitionTime: since };
  if (generation) c.observedGeneration = generation;
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** The identity containerd reports for a container (status `user.linux`), from the image and the securityContext. */
function containerUser(info: ImageInfo, pod: Pod, spec: Container | undefined): { linux: { gid: number; supplementalGroups: number[]; uid: number } } {
  const psc = pod.spec?.securityContext;
  const csc = spec?.securityContext;
  const runAsUser = csc?.runAsUser ?? psc?.runAsUser;
  const runAsGroup = csc?.runAsGroup ?? psc?.runAsGroup;
  const uid = runAsUser ?? info.user.uid;
  // A uid other than the image's default has no /etc/group memberships here: gid 0 unless runAsGroup says otherwise.
  const sameUser = uid === info.user.uid;
  const gid = runAsGroup ?? (sameUser ? info.user.gid : 0);
  if (psc?.fsGroup === undefined && psc?.supplementalGroups == null) {
    // The usual case, without the spreads into a Set and back: gid, then the image's groups, each once; a copy
    // of the list merged once per image and gid (the loop allocated an iterator and grew the array per status).
    if (!sameUser) return { linux: { gid, supplementalGroups: [gid], uid } };
    return { linux: { gid, supplementalGroups: imageGroups(info, gid).slice(), uid } };
  }
  const groups = [gid, ...(sameUser ? info.user.supplementalGroups : []), ...(psc?.fsGroup !== undefined ? [psc.fsGroup] : []), ...(psc?.supplementalGroups ?? [])];
  return { linux: { gid, supplementalGroups: [...new Set(groups)], uid } };
}

// The merged groups of an image's default user by gid (usually just its own): shared, so only ever copied.
const groupCache = new WeakMap<ImageInfo, Map<number, readonly number[]>>();

/** gid, then the image user's supplemental groups, each once. */
function imageGroups(info: ImageInfo, gid: number): readonly number[] {
  let byGid = groupCache.get(info);
  if (!byGid) groupCache.set(info, (byGid = new Map()));
  let groups = byGid.get(gid);
  if (!groups) {
    const g = [gid];
    for (const x of info.user.supplementalGroups) if (!g.includes(x)) g.push(x);
    byGid.set(gid, (groups = g));
  }
  return groups;
}

const RESOURCE_NAMES = ['cpu', 'ephemeral-storage', 'memory'] as const;

/** The cpu, memory and ephemeral-storage entries of a resource list, or undefined when it has none. */
function pickResources(list: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  let out: Record<string, string> | undefined;
  for (const n of RESOURCE_NAMES) if (list[n] !== undefined) (out ??= {})[n] = String(list[n]);
  return out;
}

// Models pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (InPlacePodVerticalScaling, GA in 1.35): once
// the runtime has a container, its status reports the allocated requests and the resources in effect, `{}` for
// a container without any.
// The allocated requests are `pickResources(requests)`, passed in (no wrapper object per call to return both).
function containerResources(spec: Container | undefined, requests: Record<string, string> | undefined): ResourceRequirements {
  const limits = spec?.resources?.limits ? pickResources(spec.resources.limits as Record<string, unknown>) ?? {} : undefined;
  const resources: ResourceRequirements = {};
  if (limits) resources.limits = limits;
  // A copy: one object in two places of a status would print as a YAML anchor and alias.
  if (requests) resources.requests = { ...requests };
  return resources;
}

function containerState(ct: ContainerRuntime): ContainerStatus['state'] {
  if (ct.state === 'running') return { running: { startedAt: ct.startedAt! } };
  if (ct.state === 'terminated' && !ct.startedAt) {
    // Models status_manager.go TerminatePod: a status the runtime never reported, with zero (null) times.
    const none = null as unknown as string;
    return { terminated: { exitCode: ct.exitCode ?? 137, finishedAt: none, message: ct.message, reason: ct.reason, startedAt: none } };
  }
  if (ct.state === 'terminated') {
    // Built without the containerID key when there is none (no delete: that would leave a dictionary-mode object).
    const exitCode = ct.exitCode ?? 0, reason = ct.reason ?? 'Completed';
    return {
      terminated: ct.containerID
        ? { containerID: ct.containerID, exitCode, finishedAt: ct.finishedAt!, reason, startedAt: ct.startedAt! }
        : { exitCode, finishedAt: ct.finishedAt!, reason, startedAt: ct.startedAt! },
    };
  }
  const reason = ct.reason ?? 'ContainerCreating';
  return { waiting: ct.message ? { reason, message: ct.message } : { reason } };
}

/** The spec of a runtime container (a loop, not find: no closure per call). */
export function containerSpec(pod: Pod, ct: ContainerRuntime): Container | undefined {
  const list = ct.role === 'main' ? pod.spec?.containers : pod.spec?.initContainers;
  if (list) for (let i = 0; i < list.length; i++) if (list[i].name === ct.name) return list[i];
  return undefined;
}

function containerStatus(ct: ContainerRuntime, pod: Pod): ContainerStatus {
  const spec = containerSpec(pod, ct);
  const info = lookupImage(ct.image);
  const lastState = ct.last ? { terminated: { ...ct.last } } : {};
  const state = containerState(ct);
  // One literal per case, no spread: a key before a spread copies through the generic (slow) path.
  const st: ContainerStatus = ct.containerID
    ? {
      containerID: ct.containerID, image: normalizeImage(ct.image).full, imageID: info ? info.id : '', lastState,
      name: ct.name, ready: ct.ready, restartCount: ct.restartCount, started: ct.started, state,
    }
    : { image: ct.image, imageID: '', lastState, name: ct.name, ready: ct.ready, restartCount: ct.restartCount, started: ct.started, state };
  const extra = st as unknown as Record<string, unknown>;
  // What the runtime reports about a container it has created: resources and (SupplementalGroupsPolicy, GA in 1.35) user.
  if (ct.containerID) {
    const allocated = pickResources(spec?.resources?.requests as Record<string, unknown> | undefined);
    if (allocated) extra.allocatedResources = allocated;
    extra.resources = containerResources(spec, allocated);
    if (info) extra.user = containerUser(info, pod, spec);
  }
  const mounts = spec?.volumeMounts;
  if (mounts?.length) extra.volumeMounts = mountStatuses(mounts);
  return st;
}

// Status views of a container's volume mounts, by the stored (immutable) mounts array they come from: every
// status write of a pod would otherwise rebuild the same list. Shared, so never mutated.
const mountCache = new WeakMap<readonly VolumeMount[], readonly VolumeMountStatus[]>();

// Models pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses + resolveRecursiveReadOnly (RecursiveReadOnlyMounts,
// GA in 1.33): a read-only mount reports recursiveReadOnly, Disabled unless asked for (containerd 2 on kind supports it).
function mountStatus(m: VolumeMount): VolumeMountStatus {
  if (!m.readOnly) return { mountPath: m.mountPath, name: m.name };
  const rro = m.recursiveReadOnly === 'Enabled' || m.recursiveReadOnly === 'IfPossible' ? 'Enabled' : 'Disabled';
  return { mountPath: m.mountPath, name: m.name, readOnly: true, recursiveReadOnly: rro };
}

/** The containerStatuses[].volumeMounts list for a container's volumeMounts (shared between calls). */
export function mountStatuses(mounts: readonly VolumeMount[]): readonly VolumeMountStatus[] {
  let out = mountCache.get(mounts);
  if (!out) mountCache.set(mounts, (out = mounts.map(mountStatus)));
  return out;
}

// Models pkg/kubelet/status/generate.go GeneratePodReadyCondition: with every container ready, Ready still
// waits for the pod's readiness gates, read from the conditions the status carries.
function readinessGateMessage(pod: Pod, conds: readonly PodCondition[]): string {
  const msgs: string[] = [];
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = conds.find((x) => x.type === g.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  return msgs.join(', ');
}

/**
 * Models pkg/kubelet/status/generate.go GeneratePodInitializedCondition: True once every classic init container
 * completed (is ready) and every sidecar started, or once any regular container is running or terminated
 * (kubelet/container HasAnyRegularContainerStarted); PodCompleted for a Succeeded pod; otherwise False,
 * ContainersNotInitialized, naming the incomplete ones in spec order.
 */
function initializedCondition(old: PodCondition[] | undefined, rt: PodRuntime, nowText: string, gen: number | undefined): Condition {
  if (rt.phase === 'Succeeded') return condition(old, 'Initialized', true, nowText, gen, 'PodCompleted');
  // A loop, not some: no closure per status.
  for (let i = 0; i < rt.containers.length; i++) if (rt.containers[i].state !== 'waiting') return condition(old, 'Initialized', true, nowText, gen);
  const incomplete = rt.inits.filter((c) => (c.role === 'sidecar' ? !c.started : !c.ready)).map((c) => c.name);
  if (incomplete.length === 0) return condition(old, 'Initialized', true, nowText, gen);
  return condition(old, 'Initialized', false, nowText, gen, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`);
}

/**
 * Models generate.go GenerateContainersReadyCondition and generateContainersReadyConditionForTerminalPhase:
 * sidecars (restartable init containers) first, then the regular containers; classic init containers not at all.
 */
function containersReadyCondition(old: PodCondition[] | undefined, rt: PodRuntime, nowText: string, gen: number | undefined): Condition {
  if (rt.phase === 'Succeeded' || rt.phase === 'Failed') {
    return condition(old, 'ContainersReady', false, nowText, gen, rt.phase === 'Failed' ? 'PodFailed' : 'PodCompleted');
  }
  // The names joined as they are found, by index: no array, iterator or join per status.
  let unready = 0, names = '';
  for (let i = 0; i < rt.inits.length; i++) {
    const c = rt.inits[i];
    if (c.role === 'sidecar' && !c.ready) names = unready++ ? `${names} ${c.name}` : c.name;
  }
  for (let i = 0; i < rt.containers.length; i++) {
    const c = rt.containers[i];
    if (!c.ready) names = unready++ ? `${names} ${c.name}` : c.name;
  }
  if (!unready) return condition(old, 'ContainersReady', true, nowText, gen);
  return condition(old, 'ContainersReady', false, nowText, gen, 'ContainersNotReady', unreadyMessage(names));
}

// The ContainersNotReady message by the names it lists: every status write of a starting pod built it anew.
const unreadyMessage = stringMemo((names) => `containers with unready status: [${names}]`);

/** The node's InternalIP address (a loop, not find: no closure per status). */
function internalIP(node: Node | undefined): string | undefined {
  const addresses = node?.status?.addresses;
  if (addresses) for (let i = 0; i < addresses.length; i++) if (addresses[i].type === 'InternalIP') return addresses[i].address;
  return undefined;
}

/** One status per runtime container, in order (no closure per call; sized up front, as map does). */
function statusesOf(cts: readonly ContainerRuntime[], pod: Pod): ContainerStatus[] {
  const out = new Array<ContainerStatus>(cts.length);
  for (let i = 0; i < cts.length; i++) out[i] = containerStatus(cts[i], pod);
  return out;
}

/**
 * The status the kubelet would report for `pod` given its runtime record.
 * Models pkg/kubelet/kubelet_pods.go generateAPIPodStatus with status_manager.go mergePodStatus: conditions the
 * kubelet does not own (readiness gates, DisruptionTarget) keep their stored order and come first, then the
 * kubelet's own, PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
 */
export function buildPodStatus(pod: Pod, rt: PodRuntime, node: Node | undefined, nowText: string): PodStatus {
  const old = pod.status?.conditions;
  const gen = pod.metadata?.generation;
  const terminal = rt.phase === 'Succeeded' || rt.phase === 'Failed';
  // The conditions carried over (none, usually: then no array for them).
  let carried: PodCondition[] | undefined;
  let disruption: Condition | undefined;
  if (rt.disruption) {
    disruption = { ...condition(old, 'DisruptionTarget', true, nowText, gen), reason: rt.disruption.reason, message: rt.disruption.message };
  }
  if (old) {
    for (let i = 0; i < old.length; i++) {
      const c = old[i];
      if (KUBELET_CONDITIONS.has(c.type)) continue;
      if (c.type === 'DisruptionTarget' && disruption) { (carried ??= []).push(disruption); disruption = undefined; continue; }
      (carried ??= []).push(c);
    }
  }
  // The kubelet's own DisruptionTarget, not yet stored: first, where later writes keep it.
  if (disruption) (carried ??= []).unshift(disruption);
  const readyToStart = condition(old, 'PodReadyToStartContainers', !!rt.ip && !terminal, nowText, gen);
  const initialized = initializedCondition(old, rt, nowText, gen);
  const containersReady = containersReadyCondition(old, rt, nowText, gen);
  let ready: Condition;
  if (containersReady.status !== 'True') ready = condition(old, 'Ready', false, nowText, gen, containersReady.reason, containersReady.message);
  else {
    // The gates read the conditions before Ready (the carried ones, PodReadyToStartContainers, Initialized).
    const gates = pod.spec?.readinessGates?.length ? readinessGateMessage(pod, [...(carried ?? []), readyToStart, initialized]) : '';
    ready = gates ? condition(old, 'Ready', false, nowText, gen, 'ReadinessGatesNotReady', gates) : condition(old, 'Ready', true, nowText, gen);
  }
  const scheduled = condition(old, 'PodScheduled', true, nowText, gen);
  // One literal of the exact size in the usual case (pushes into an empty array allocated room for 16).
  const conds: PodCondition[] = carried
    ? [...carried, readyToStart, initialized, ready, containersReady, scheduled]
    : [readyToStart, initialized, ready, containersReady, scheduled];
  const hostIP = internalIP(node);
  const containerStatuses = statusesOf(rt.containers, pod);
  const qosClass = pod.status?.qosClass;
  // The usual sets of keys (a running or starting pod without init containers) as one literal each, in the
  // order below: keys added one by one grew the object's property store three keys at a time.
  if (hostIP && gen && qosClass && rt.startTime && !rt.inits.length && !rt.message && !rt.reason) {
    return rt.ip
      ? {
        conditions: conds, containerStatuses, hostIP, hostIPs: [{ ip: hostIP }], observedGeneration: gen, phase: rt.phase,
        podIP: rt.ip, podIPs: [{ ip: rt.ip }], qosClass, startTime: rt.startTime,
      } as PodStatus
      : { conditions: conds, containerStatuses, hostIP, hostIPs: [{ ip: hostIP }], observedGeneration: gen, phase: rt.phase, qosClass, startTime: rt.startTime } as PodStatus;
  }
  // Keys assigned one by one in the order kubectl -o yaml prints them (sorted), not spread into a literal: the
  // spreads went through the generic copy, and every status still shares one V8 shape per set of keys.
  const status: PodStatus & { observedGeneration?: number } = { conditions: conds, containerStatuses };
  if (hostIP) {
    status.hostIP = hostIP;
    status.hostIPs = [{ ip: hostIP }];
  }
  if (rt.inits.length) status.initContainerStatuses = statusesOf(rt.inits, pod);
  // Models pkg/api/v1/pod/util.go CalculatePodStatusObservedGeneration (PodObservedGenerationTracking, GA in 1.35).
  if (gen) status.observedGeneration = gen;
  status.phase = rt.phase;
  if (rt.message) status.message = rt.message;
  if (rt.ip) {
    status.podIP = rt.ip;
    status.podIPs = [{ ip: rt.ip }];
  }
  if (qosClass) status.qosClass = qosClass;
  if (rt.reason) status.reason = rt.reason;
  if (rt.startTime) status.startTime = rt.startTime;
  return status;
}
