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

/** The case's cluster (seed 1; a kind worker takes 110 pods, so one worker per 100 replicas, at least 3). */
export function caseCluster(replicas: number): { cluster: Cluster; session: Session; workers: number } {
  const workers = Math.max(3, Math.ceil(replicas / 100));
  const cluster = Cluster.create({ seed: 1, workers });
  return { cluster, session: new Session(cluster), workers };
}

/** The case's two steps as [command line, standard input if any]: create the seed StatefulSet, then set a new image. */
export function caseSteps(replicas: number): { create: [string, string?]; update: [string, string?] } {
  return {
    create: ['kubectl apply -f -', SEED_MANIFEST.replace('replicas: 3', `replicas: ${replicas}`)],
    update: ['kubectl set image statefulset nginx-web nginx=nginx:mainline'],
  };
}

/** Settles as long as the case may need (a week of virtual time). */
export const CASE_SETTLE_MS = 7 * 24 * 3_600_000;

/** One case: apply the seed StatefulSet with `replicas`, settle (all Ready), set a new image, settle. */
export function runCase(replicas: number): CaseResult {
  const { cluster, session, workers } = caseCluster(replicas);
  const steps = caseSteps(replicas);
  let passes = 0;
  cluster.onPass(() => { passes++; });
  const phase = (step: [string, string?], done: () => boolean): Phase => {
    const p0 = passes, v0 = cluster.now, e0 = cluster.store.count('Event');
    const t0 = performance.now();
    session.exec(...step);
    cluster.settle(CASE_SETTLE_MS);
    const wall = performance.now() - t0;
    return { wall_ms: Math.round(wall), passes: passes - p0, virtual_ms: cluster.now - v0, k8s_events: cluster.store.count('Event') - e0, ok: done() };
  };
  const sts = () => cluster.store.get('StatefulSet', 'default', 'nginx-web');
  const create = phase(steps.create, () => sts()?.status?.readyReplicas === replicas);
  const update = phase(steps.update,
    () => { const s = sts(); return s?.status?.updatedReplicas === replicas && s.status.currentRevision === s.status.updateRevision; });
  return {
    case: 'ordered-create+rolling-update', replicas, workers,
    wall_ms: create.wall_ms + update.wall_ms,
    events: create.passes + update.passes,
    ok: create.ok && update.ok,
    create, update,
  };
}
