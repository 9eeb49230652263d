// `npm run --silent fingerprint -- [REPLICAS…]`: a fingerprint of everything the engine does in the bench's
// scenario (OrderedReady create, then a full rolling update), for changes that must not change behaviour (speed
// work): hashes of every write on the watch stream (kind, type and the object as JSON, in order), of the sequence
// of controller passes, of the final store, trace and PRNG state, and of kubectl output at the end. Run it before
// and after a change and compare the lines; a test asserts behaviour, this only tells whether anything moved.
import { createHash } from 'node:crypto';
import { CASE_SETTLE_MS, caseCluster, caseSteps } from './bench-case.ts';

const short = (h: ReturnType<typeof createHash>): string => h.digest('hex').slice(0, 16);
const hashOf = (x: unknown): string =>
  short(createHash('sha256').update(JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v] : v))));

function fingerprint(replicas: number): Record<string, unknown> {
  const { cluster, session } = caseCluster(replicas);
  const steps = caseSteps(replicas);
  const writes = createHash('sha256'), passes = createHash('sha256');
  cluster.store.watch((e) => { writes.update(`${e.kind} ${e.type} ${JSON.stringify(e.object)}\n`); });
  cluster.onPass((kind, key, c) => { passes.update(`${c.now} ${kind} ${key}\n`); });
  const out: unknown[] = [];
  out.push(session.exec(...steps.create));
  cluster.settle(CASE_SETTLE_MS);
  out.push(session.exec(...steps.update));
  cluster.settle(CASE_SETTLE_MS);
  out.push(session.exec('kubectl describe sts nginx-web'));
  out.push(session.exec('kubectl get events'));
  const s = cluster.state;
  return {
    replicas, writes: short(writes), passes: short(passes), store: hashOf(s.store), trace: hashOf(s.trace),
    rng: hashOf(s.rng), now: s.now, output: hashOf(out),
  };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [300, 1000]) console.log(JSON.stringify(fingerprint(n)));
