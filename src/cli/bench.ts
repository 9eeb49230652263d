// `npm run bench`: OrderedReady create to all-Ready, then a full rolling update, for 100, 1,000 and 10,000
// replicas. Prints one JSON line per case. A measurement, not a test: nothing here asserts wall time.
// A kind worker takes 110 pods, so each case runs on a cluster with one worker per 100 replicas (at least 3).
import { performance } from 'node:perf_hooks';
import { Cluster } from '../engine/cluster.ts';
import { Session } from '../scenario/session.ts';
import { SEED_MANIFEST } from '../scenario/scenarios.ts';

interface Phase { wall_ms: number; passes: number; virtual_ms: number; k8s_events: number; ok: boolean }

/** One case: apply the seed StatefulSet with `replicas`, settle (all Ready), set a new image, settle. */
function run(replicas: number): Record<string, unknown> {
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
    // "events": engine events processed (controller, scheduler and kubelet passes).
    events: create.passes + update.passes,
    ok: create.ok && update.ok,
    create, update,
  };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [100, 1000, 10000]) console.log(JSON.stringify(run(n)));
