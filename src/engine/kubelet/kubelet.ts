// The kubelets of every node, as one controller: picks up pods bound to a node, walks them through the
// stage table (stages.ts), terminates deleted pods and confirms their deletion. A node that is down
// (fault) runs nothing until it comes back; then its kubelet resumes where it stopped.
import { isMirrorPod } from '../api/pod-util.ts';
import type { Cluster, Controller } from '../cluster.ts';
import type { Node, Pod } from '../api/types.ts';
import { fnv1a32 } from '../api/revision-hash.ts';
import type { WatchEvent } from '../store/store.ts';
import { emit, goto, jitter, queueRefresh, REFRESH, reportPullSecrets, runStage, stageOfKind, TIMINGS, flush, applyReadiness, containersRedefined, killUnhealthy, scriptStepDue, type StageCtx } from './stages.ts';
import { onPodFilesChanged } from '../exec/fs.ts';
import { PROBE_TICK, probesMayChange, probeTick, setProberHooks } from './prober.ts';
import { podVolumeFiles, readsObject, volumeSetUpErrors } from './config-refs.ts';
import { allocateIp, isNodeDown, kubeletState, newPodRuntime, nodeAddress, nodeRuntime, podsOnNode, releasePod, SCRIPT_TICK, type PodRuntime } from './runtime.ts';
import { normalizeImage } from './images.ts';
import { fixedHex } from '../fixed-ids.ts';
import { kindNode, workerCount } from '../kind-nodes.ts';
import { nextOnGrid } from '../clock/timers.ts';
import { rfc3339 } from '../clock/time.ts';

const TERMINAL = new Set(['Succeeded', 'Failed']);

/**
 * The node a kubelet works with. Models kubelet.go getNodeAnyWay: the Node from the API, or, when the object was
 * deleted, the one the kubelet registered (initialNode): a kubelet whose Node is gone runs its pods on (PodGC deletes
 * them after its quarantine), it only cannot post node status.
 */
function nodeAnyWay(c: Cluster, name: string): Node | undefined {
  return c.store.get('Node', '', name) ?? kindNode(name, workerCount(c), rfc3339(c.wallNow()));
}

/** The stage context of a pod the kubelet runs, or undefined when the pod is gone (or the node is no kind node). */
export function stageCtx(c: Cluster, rt: PodRuntime): StageCtx | undefined {
  const pod = c.store.get('Pod', rt.ns, rt.name);
  if (!pod || pod.metadata?.uid !== rt.uid) return undefined;
  const node = nodeAnyWay(c, rt.node);
  return node ? { c, rt, pod, node } : undefined;
}

// Models pkg/kubelet/kubelet.go HandlePodAdditions / HandlePodUpdates (the config source watch).
function sync(c: Cluster, uid: string, ns: string, name: string): void {
  const st = kubeletState(c);
  const pod = c.store.get('Pod', ns, name);
  if (!pod || pod.metadata?.uid !== uid) { releasePod(c, uid); return; }
  const nodeName = pod.spec?.nodeName;
  if (!nodeName || isNodeDown(c, nodeName)) return;
  let rt = st.pods[uid];
  if (!rt) {
    if (TERMINAL.has(pod.status?.phase ?? '')) return;
    rt = newPodRuntime(pod);
    st.pods[uid] = rt;
    nodeRuntime(c, nodeName).pods[uid] = true;
    goto(c, rt, 'admit', jitter(c, TIMINGS.admit));
  }
  if (pod.metadata?.deletionTimestamp && isMirrorPod(pod)) {
    // A mirror pod is the API's view of a static pod: deleting it stops nothing. The kubelet lets the object go
    // and writes it again (engine/system.ts); the static pod runs on.
    c.store.delete('Pod', ns, name, { gracePeriodSeconds: 0, uid });
    releasePod(c, uid);
    return;
  }
  if (pod.metadata?.deletionTimestamp && !rt.terminating) {
    rt.terminating = true;
    goto(c, rt, 'killing', jitter(c, TIMINGS.killing));
    return;
  }
  const k = stageCtx(c, rt);
  if (k) containersRedefined(k);
}


function needsSync(e: WatchEvent, c: Cluster): boolean {
  if (e.type === 'DELETED') return true;
  const pod = e.object as Pod;
  if (!pod.spec?.nodeName) return false;
  const rt = kubeletState(c).pods[pod.metadata!.uid!];
  if (!rt) return !TERMINAL.has(pod.status?.phase ?? '');
  if (pod.metadata?.deletionTimestamp) return !rt.terminating;
  // A write that kept the spec (every status write) changed no container's definition.
  return e.type === 'MODIFIED' && (e.old as Pod | undefined)?.spec !== pod.spec && imageChanged(rt, pod);
}

// Whether the spec gives a regular container another image than the one the kubelet runs or will start.
function imageChanged(rt: PodRuntime, pod: Pod): boolean {
  for (const ct of rt.containers) {
    const spec = pod.spec?.containers?.find((s) => s.name === ct.name);
    if (spec && (spec.image ?? '') !== ct.image) return true;
  }
  return false;
}

/** Resumes a node's kubelet after `node up`: re-runs each pod's current stage and finishes deletions. */
export function resumeNode(c: Cluster, node: string): void {
  for (const rt of podsOnNode(c, node)) {
    const k = stageCtx(c, rt);
    if (!k) { releasePod(c, rt.uid); continue; }
    if (k.pod.metadata?.deletionTimestamp && !rt.terminating) {
      rt.terminating = true;
      goto(c, rt, 'killing', jitter(c, TIMINGS.killing));
      continue;
    }
    // The kubelet posts a fresh status: readiness comes back from its own view, not the node controller's. Its probes
    // look again.
    probesMayChange(c, rt.uid);
    applyReadiness(k);
    flush(k);
    if (rt.stage !== 'running' && rt.stage !== 'failed') goto(c, rt, rt.stage, 0);
    // Its first sync also finds the containers whose image was changed while it was down.
    containersRedefined(k);
  }
  // A cordon or uncordon while it was down is reported with its first status.
  reportSchedulable(c, node);
  // Pods bound to the node while it was down.
  for (const pod of c.store.list('Pod')) {
    if (pod.spec?.nodeName === node && !kubeletState(c).pods[pod.metadata!.uid!]) {
      c.enqueue('kubelet/sync', `${pod.metadata!.uid}|${pod.metadata!.namespace}/${pod.metadata!.name}`, 0);
    }
  }
}

/** `Number(key.slice(from))` for the digits goto writes after the colon, without slicing them out. */
function seqOf(key: string, from: number): number {
  if (from >= key.length || key.length - from > 15) return Number(key.slice(from));
  let n = 0;
  for (let i = from; i < key.length; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(key.slice(from));
    n = n * 10 + d;
  }
  return n;
}

// A ConfigMap or Secret written or deleted: each running pod whose volumes read it has them brought up to date at its
// next periodic sync. (The kubelet's object cache follows a watch; the files are rewritten by the sync alone.)
function objectChanged(c: Cluster, kind: 'ConfigMap' | 'Secret', ns: string, name: string): void {
  const st = kubeletState(c);
  for (const pod of c.store.view('Pod', ns)) {
    if (st.pods[pod.metadata!.uid!]?.volumeFiles && readsObject(pod, kind, name)) queueRefresh(c, pod);
  }
}

/**
 * A periodic sync of a running pod, where the kubelet has something to do at it: the volume manager's remount (each
 * configMap, secret, projected and downwardAPI volume takes what its objects hold now; a volume whose object is gone
 * keeps its files, and each sync says why it cannot be set up again, FailedMount, until the object is back), and the
 * image pull secrets it names that are missing, said again at each sync.
 */
function periodicSync(c: Cluster, uid: string): void {
  const rt = kubeletState(c).pods[uid];
  if (!rt?.volumeFiles || rt.terminating || isNodeDown(c, rt.node)) return;
  const k = stageCtx(c, rt);
  if (!k) return;
  const missingPullSecret = reportPullSecrets(k);
  const failing = volumeSetUpErrors(c.store, k.pod);
  const fresh = podVolumeFiles(c.store, k.pod);
  for (const f of failing) {
    fresh[f.volume] = rt.volumeFiles[f.volume] ?? {};
    emit(k, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${f.volume}" : ${f.error}`);
  }
  rt.volumeFiles = fresh;
  if (failing.length || missingPullSecret) queueRefresh(c, k.pod);
}

// Whether a pod's downward API files (its labels or annotations) may have changed with this write.
function downwardChanged(e: WatchEvent): boolean {
  const pod = e.object as Pod, old = e.old as Pod | undefined;
  if (e.type !== 'MODIFIED' || !old) return false;
  if (pod.metadata?.labels === old.metadata?.labels && pod.metadata?.annotations === old.metadata?.annotations) return false;
  return (pod.spec?.volumes ?? []).some((v) => v.downwardAPI || v.projected?.sources?.some((p) => p.downwardAPI));
}

/** The kubelet's node status loop (nodeStatusUpdateFrequency): every 10 s, at a fixed phase per node. */
export const NODE_STATUS_PERIOD_MS = 10_000;

// Virtual time of the node's next status sync after `now` (its phase is a hash of its name, not a draw).
function nextStatusSync(node: string, now: number): number {
  return nextOnGrid(now, NODE_STATUS_PERIOD_MS, fnv1a32(`${node}/status`) % NODE_STATUS_PERIOD_MS);
}

/** nodeStatusReportFrequency: with nothing to report, the kubelet still posts its node's status this often. */
export const NODE_STATUS_REPORT_MS = 300_000;

// The first status sync of the node's 10 s grid at least a report period from now.
const nextHeartbeat = (c: Cluster, name: string): number => nextStatusSync(name, c.now + NODE_STATUS_REPORT_MS) - c.now;

// Models kubelet_node_status.go tryUpdateNodeStatus when nothing changed: the report period has passed, so the
// status is posted again, each condition's lastHeartbeatTime now. Background work: it keeps nothing pending.
function heartbeat(c: Cluster, name: string): void {
  const node = c.store.get('Node', '', name);
  if (!node) return;
  if (!isNodeDown(c, name)) {
    const now = rfc3339(c.wallNow());
    const conditions = (node.status?.conditions ?? []).map((x) => ({ ...x, lastHeartbeatTime: now }));
    c.store.update('Node', { ...node, status: { ...node.status, conditions } }, { subresource: 'status', trusted: true });
  }
  c.enqueue('kubelet/heartbeat', name, nextHeartbeat(c, name), true, true);
}

// Models kubelet_node_status.go syncNodeStatus → nodestatus.go ReadyCondition's recordNodeSchedulableEvent: at its
// next status sync the kubelet reports a change of spec.unschedulable (cordon, uncordon) as an event.
function reportSchedulable(c: Cluster, name: string): void {
  const node = c.store.get('Node', '', name);
  if (!node || isNodeDown(c, name)) return;
  const nr = nodeRuntime(c, name);
  const now = !!node.spec?.unschedulable;
  if ((nr.unschedulable ?? false) === now) return;
  nr.unschedulable = now;
  const status = now ? 'NodeNotSchedulable' : 'NodeSchedulable';
  c.event({ object: node, type: 'Normal', reason: status, message: `Node ${name} status is now: ${status}`, component: 'kubelet', host: name });
}

onPodFilesChanged(probesMayChange);

// What the prober does through the stage table, for a pod the kubelet runs.
setProberHooks({
  refresh(c, rt) {
    const k = stageCtx(c, rt);
    if (!k) return;
    applyReadiness(k);
    flush(k);
  },
  event(c, rt, type, reason, message, container) {
    const k = stageCtx(c, rt);
    if (k) emit(k, type, reason, message, container);
  },
  kill(c, rt, container, type) {
    const k = stageCtx(c, rt);
    return !!k && killUnhealthy(k, container, type);
  },
});

/**
 * The kubelet controller. Timers: `kubelet/sync` and `kubelet/refresh` (key `uid|ns/name`), `kubelet/<stage>` (key `uid:seq`),
 * `kubelet/node-status` and `kubelet/heartbeat` (key: node).
 */
export const kubelet: Controller = {
  name: 'kubelet',
  kinds: ['Pod', 'Node', 'ConfigMap', 'Secret'],
  onChange(e, c) {
    if (e.kind === 'ConfigMap' || e.kind === 'Secret') {
      objectChanged(c, e.kind, e.object.metadata!.namespace!, e.object.metadata!.name!);
      return;
    }
    if (e.kind === 'Node') {
      const n = e.object as Node;
      // A node its kubelet registered reports its status from then on.
      if (e.type === 'ADDED') c.enqueue('kubelet/heartbeat', n.metadata!.name!, nextHeartbeat(c, n.metadata!.name!), true, true);
      if (e.type === 'MODIFIED' && !!n.spec?.unschedulable !== !!(e.old as Node | undefined)?.spec?.unschedulable) {
        c.enqueue('kubelet/node-status', n.metadata!.name!, nextStatusSync(n.metadata!.name!, c.now) - c.now);
      }
      return;
    }
    if (e.kind === 'Pod' && downwardChanged(e) && kubeletState(c).pods[e.object.metadata!.uid!]?.volumeFiles) queueRefresh(c, e.object as Pod);
    if (!needsSync(e, c)) return;
    const m = e.object.metadata!;
    c.enqueue('kubelet/sync', `${m.uid}|${m.namespace}/${m.name}`, 0);
  },
  run(kind, key, c) {
    if (kind === 'kubelet/sync') {
      const bar = key.indexOf('|');
      const slash = key.indexOf('/', bar);
      sync(c, key.slice(0, bar), key.slice(bar + 1, slash), key.slice(slash + 1));
      return;
    }
    if (kind === 'kubelet/node-status') { reportSchedulable(c, key); return; }
    if (kind === REFRESH) { periodicSync(c, key.slice(0, key.indexOf('|'))); return; }
    if (kind === 'kubelet/heartbeat') { heartbeat(c, key); return; }
    if (kind === PROBE_TICK) { probeTick(c, key); return; }
    if (kind === SCRIPT_TICK) {
      const slash = key.indexOf('/');
      const rt = kubeletState(c).pods[key.slice(0, slash)];
      const name = key.slice(slash + 1);
      const ct = rt && (rt.containers.find((x) => x.name === name) ?? rt.inits.find((x) => x.name === name));
      if (ct) scriptStepDue(c, rt, ct, stageCtx(c, rt));
      return;
    }
    // A kind that names no stage can match no pod's stage.
    const stage = stageOfKind(kind);
    if (!stage) return;
    const colon = key.lastIndexOf(':');
    const rt = kubeletState(c).pods[key.slice(0, colon)];
    if (!rt || rt.stage !== stage || rt.seq !== seqOf(key, colon + 1)) return;
    if (isNodeDown(c, rt.node)) return;
    const k = stageCtx(c, rt);
    if (!k) { releasePod(c, rt.uid); return; }
    c.trace({ type: 'kubelet.stage', object: { kind: 'Pod', namespace: rt.ns, name: rt.name }, detail: { stage, node: rt.node } });
    runStage(stage, k);
  },
};

/**
 * Takes over a pod that is already running when the simulation starts (the cluster's own pods at bootstrap, and a
 * static pod whose mirror pod is written again): every container running since `sinceWallMs` (default now), ready, its image on the node, with a container id derived from `idSeed` (no draw
 * from the PRNG, so the cluster's own pods do not shift what later draws give). Writes the pod's status.
 */
export function adoptRunning(c: Cluster, pod: Pod, idSeed: string, sinceWallMs = c.wallNow()): void {
  const node = c.store.get('Node', '', pod.spec!.nodeName!);
  if (!node) return;
  const rt = newPodRuntime(pod);
  const now = rfc3339(sinceWallMs);
  Object.assign(rt, { stage: 'running', phase: 'Running', startTime: now, initialized: true });
  rt.ip = pod.spec?.hostNetwork ? nodeAddress(node) : allocateIp(c, node);
  const nr = nodeRuntime(c, node.metadata!.name!);
  for (const ct of rt.containers) {
    Object.assign(ct, { state: 'running', reason: undefined, startedAt: now, started: true, ready: true, containerID: `containerd://${fixedHex(`${idSeed}/${ct.name}`, 64)}` });
    nr.images[normalizeImage(ct.image).full] = true;
  }
  kubeletState(c).pods[rt.uid] = rt;
  nr.pods[rt.uid] = true;
  const k = stageCtx(c, rt);
  if (k) flush(k);
}
