// The bench's one case, shared by the Node runner (`bench.ts`) and the Chromium one (bundled into a Web Worker, as
// the app runs the engine): OrderedReady create of the seed StatefulSet to all-Ready, then a full rolling update.
// Uses the global `performance`, which Node and workers both have. Measures; asserts nothing.
import { Cluster } from '../engine/cluster.ts';
import { Session } from '../scenario/session.ts';
import { SEED_MANIFEST } from '../scenario/scenarios.ts';

export interface Phase { wall_ms: number; passes: number; virtual_ms: number; k8s_events: number; ok: boolean }

export interface CaseResult {
  case: 'ordered-create+rolling-update';
  replicas: number;
  workers: number;
  wall_ms: number;
  /** Engine events processed: controller, scheduler and kubelet passes. */
  events: number;
  ok: boolean;
  create: Phase;
  update: Phase;
}

/** One case: apply the seed StatefulSet with `replicas`, settle (all Ready), set a new image, settle. */
export function runCase(replicas: number): CaseResult {
  // A kind worker takes 110 pods: one worker per 100 replicas (at least 3).
  const workers = Math.max(3, Math.ceil(replicas / 100));
  const cluster = Cluster.create({ seed: 1, workers });
  const session = new Session(cluster);
  let passes = 0;
  cluster.onPass(() => { passes++; });
  const manifest = SEED_MANIFEST.replace('replicas: 3', `replicas: ${replicas}`);
  const phase = (act: () => void, done: () => boolean): Phase => {
    const p0 = passes, v0 = cluster.now, e0 = cluster.store.count('Event');
    const t0 = performance.now();
    act();
    cluster.settle(7 * 24 * 3_600_000);
    const wall = performance.now() - t0;
    return { wall_ms: Math.round(wall), passes: passes - p0, virtual_ms: cluster.now - v0, k8s_events: cluster.store.count('Event') - e0, ok: done() };
  };
  const sts = () => cluster.store.get('StatefulSet', 'default', 'nginx-web');
  const create = phase(() => { session.exec('kubectl apply -f -', manifest); }, () => sts()?.status?.readyReplicas === replicas);
  const update = phase(() => { session.exec('kubectl set image statefulset nginx-web nginx=nginx:mainline'); },
    () => { const s = sts(); return s?.status?.updatedReplicas === replicas && s.status.currentRevision === s.status.updateRevision; });
  return {
    case: 'ordered-create+rolling-update', replicas, workers,
    wall_ms: create.wall_ms + update.wall_ms,
    events: create.passes + update.passes,
    ok: create.ok && update.ok,
    create, update,
  };
}
