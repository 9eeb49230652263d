// Property test: a StatefulSet whose pods have an init container of a random kind (short, failing, never
// ending, unpullable, a sidecar) under random scaling, init-image changes, deletions, faults and node outages.
// After every controller pass the StatefulSet and cluster invariants hold, and so do the kubelet's own: no
// regular container starts before the classic init containers completed, at most one of them runs at a time,
// and a pod not yet initialized is never Running. Same seed and operations give the same states.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Pod } from '../api/types.ts';
import { Session } from '../../scenario/session.ts';
import { assertStatefulSetInvariants } from '../controllers/statefulset/invariants.ts';
import { checkCluster } from '../invariants.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

const INITS: Record<string, object> = {
  short: { name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] },
  failing: { name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1; exit 1'] },
  forever: { name: 'init', image: 'nginx:alpine' },
  unpullable: { name: 'init', image: 'busybox:no-such-tag' },
  sidecar: { name: 'init', image: 'nginx:alpine', restartPolicy: 'Always' },
};

type Op =
  | { t: 'scale'; n: number }
  | { t: 'image'; image: string }
  | { t: 'delete'; i: number }
  | { t: 'fault'; i: number; f: 'crash' | 'fail' | 'evict' | 'unready' }
  | { t: 'node'; a: 'down' | 'up' }
  | { t: 'advance'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ t: fc.constant('image' as const), image: fc.constantFrom('busybox:1.36', 'busybox:latest', 'busybox:no-such-tag') }),
  fc.record({ t: fc.constant('delete' as const), i: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ t: fc.constant('fault' as const), i: fc.integer({ min: 0, max: 3 }), f: fc.constantFrom('crash' as const, 'fail' as const, 'evict' as const, 'unready' as const) }),
  fc.record({ t: fc.constant('node' as const), a: fc.constantFrom('down' as const, 'up' as const) }),
  fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 60_000 }) }),
);

function line(op: Op): string {
  switch (op.t) {
    case 'scale': return `kubectl scale sts web --replicas=${op.n}`;
    case 'image': return `kubectl set image sts/web init=${op.image}`;
    case 'delete': return `kubectl delete pod web-${op.i} --wait=false`;
    case 'fault': return `sim pod web-${op.i} ${op.f}`;
    case 'node': return `sim node kind-worker ${op.a}`;
    case 'advance': return `sim advance ${op.ms}ms`;
  }
}

/** The kubelet's init-container invariants for one pod; empty when they hold. */
function initViolations(pod: Pod): string[] {
  const st = pod.status;
  const specs = pod.spec?.initContainers ?? [];
  if (!st?.initContainerStatuses || specs.length === 0) return [];
  const classic = st.initContainerStatuses.filter((_, i) => specs[i]?.restartPolicy !== 'Always');
  const done = classic.every((c) => c.state?.terminated?.exitCode === 0);
  const mainStarted = (st.containerStatuses ?? []).some((c) => c.containerID);
  const out: string[] = [];
  const name = pod.metadata!.name;
  if (classic.filter((c) => c.state?.running).length > 1) out.push(`${name}: more than one init container running`);
  if (mainStarted && !done && !(st.containerStatuses ?? []).some((c) => c.started || c.lastState?.terminated)) out.push(`${name}: a regular container was created before the init containers completed`);
  if (!done && !mainStarted && st.phase === 'Running') out.push(`${name}: Running while not initialized`);
  return out;
}

function play(kind: string, seed: number, ops: Op[]): { violations: string[]; state: string } {
  const cluster = Cluster.create({ seed });
  const session = new Session(cluster);
  const violations: string[] = [];
  let current = '';
  cluster.onPass((k) => {
    if (violations.length >= 5 || k !== 'statefulset/sync') return;
    const errors = cluster.state.trace.filter((t) => t.type === 'engine.error').map((t) => `engine error: ${JSON.stringify(t.detail)}`);
    const pods = cluster.store.list('Pod', 'default').flatMap(initViolations);
    for (const v of [...errors, ...assertStatefulSetInvariants(cluster, { strictOrder: false }), ...checkCluster(cluster), ...pods]) violations.push(`${current} @${cluster.now}ms: ${v}`);
  });
  session.exec('kubectl apply -f -', JSON.stringify({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
    spec: {
      replicas: 2, serviceName: 'web', selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { initContainers: [INITS[kind]], containers: [{ name: 'nginx', image: 'nginx:alpine' }] } },
    },
  }));
  cluster.advance(2_000);
  for (const op of ops) {
    current = line(op);
    const r = session.exec(current);
    for (const c of r.output) if (c.text.includes('error: internal')) violations.push(`${current}: ${c.text}`);
    r.stream?.cancel();
    if (op.t !== 'advance') cluster.advance(500);
  }
  session.exec('sim node kind-worker up');
  cluster.advance(10 * 60_000);
  return { violations, state: JSON.stringify(cluster.store.list('Pod', 'default').map((p) => p.status)) };
}

describe('init containers under random operations (property)', () => {
  it('keep every invariant after every controller pass', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(INITS)), fc.integer({ min: 1, max: 1_000_000 }), fc.array(opArb, { maxLength: 12 }), (kind, seed, ops) => {
      expect(play(kind, seed, ops).violations).toEqual([]);
    }), { numRuns: RUNS });
  }, 120_000);

  it('are deterministic: the same seed and operations give identical pod statuses', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(INITS)), fc.integer({ min: 1, max: 1_000_000 }), fc.array(opArb, { maxLength: 8 }), (kind, seed, ops) => {
      expect(play(kind, seed, ops).state).toBe(play(kind, seed, ops).state);
    }), { numRuns: 5 });
  }, 120_000);
});
