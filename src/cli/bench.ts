// `npm run bench`: OrderedReady create to all-Ready, then a full rolling update, for 100, 1,000 and 10,000
// replicas. Prints one JSON line per case. A measurement, not a test: nothing here asserts wall time.
import { performance } from 'node:perf_hooks';
import { Cluster } from '../engine/cluster.ts';
import { Session } from '../scenario/session.ts';
import { SEED_MANIFEST } from '../scenario/scenarios.ts';

interface Result { case: string; replicas: number; wall_ms: number; events: number; virtual_ms: number; k8s_events: number; ok: boolean }

function run(replicas: number): Result[] {
  const cluster = Cluster.create({ seed: 1 });
  const session = new Session(cluster);
  let passes = 0;
  cluster.onPass(() => { passes++; });
  const manifest = SEED_MANIFEST.replace('replicas: 3', `replicas: ${replicas}`);
  const out: Result[] = [];
  const phase = (name: string, act: () => void, done: () => boolean): void => {
    const p0 = passes, v0 = cluster.now, e0 = cluster.store.count('Event');
    const t0 = performance.now();
    act();
    cluster.settle(24 * 3_600_000);
    const wall = performance.now() - t0;
    out.push({ case: name, replicas, wall_ms: Math.round(wall), events: passes - p0, virtual_ms: cluster.now - v0, k8s_events: cluster.store.count('Event') - e0, ok: done() });
  };
  const sts = () => cluster.store.get('StatefulSet', 'default', 'nginx-web');
  phase('ordered-create', () => { session.exec('kubectl apply -f -', manifest); },
    () => sts()?.status?.readyReplicas === replicas);
  phase('rolling-update', () => { session.exec('kubectl set image statefulset nginx-web nginx=nginx:mainline'); },
    () => { const s = sts(); return s?.status?.updatedReplicas === replicas && s.status.currentRevision === s.status.updateRevision; });
  return out;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [100, 1000, 10000]) {
  for (const r of run(n)) console.log(JSON.stringify(r));
}
