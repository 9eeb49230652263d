import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';
import type { Pod } from '../api/types.ts';
import { GC_CHECK_PERIOD_MS, QUARANTINE_MS } from './podgc.ts';
import { checkCluster } from '../invariants.ts';
import { webStatefulSet } from '../../scenario/test-manifests.ts';

const SET = webStatefulSet(3);

function cluster(): { c: Cluster; s: Session } {
  const c = Cluster.create({ seed: 1, freeze: true });
  const s = new Session(c);
  s.exec('kubectl apply -f -', SET);
  c.settle();
  return { c, s };
}

const podOn = (c: Cluster, node: string): Pod => c.store.list('Pod', 'default').find((p) => p.spec?.nodeName === node)!;
const violations: string[] = [];

describe('PodGC', () => {
  it('deletes the pods of a deleted node once its 40 s quarantine is over, marked Failed with DeletionByPodGC', () => {
    const { c, s } = cluster();
    const pod = podOn(c, 'kind-worker');
    const name = pod.metadata!.name!;
    const writes: Pod[] = [];
    c.store.watch((e) => { if (e.kind === 'Pod' && e.object.metadata?.name === name && e.type === 'MODIFIED') writes.push(e.object as Pod); });
    c.onPass(() => { violations.push(...checkCluster(c)); });
    const t0 = c.now;
    expect(s.exec('kubectl delete node kind-worker').output[0].text).toBe('node "kind-worker" deleted\n');
    // The kubelet runs on without its Node object; nothing collects the pod within the quarantine.
    c.advance(QUARANTINE_MS - 1);
    expect(c.store.get('Pod', 'default', name)?.metadata?.uid).toBe(pod.metadata!.uid);
    c.advance(GC_CHECK_PERIOD_MS + 1);
    const again = c.store.get('Pod', 'default', name);
    expect(again?.metadata?.uid).not.toBe(pod.metadata!.uid);
    const failed = writes.find((p) => p.status?.phase === 'Failed')!;
    expect(failed.status!.conditions!.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists',
    });
    expect(c.state.trace.some((r) => r.type === 'podgc.deleted' && r.rule === 'orphaned' && r.object?.name === name && r.t - t0 >= QUARANTINE_MS)).toBe(true);
    // The StatefulSet makes the pod again, on a node that exists.
    c.settle();
    expect(c.store.get('Pod', 'default', name)!.spec!.nodeName).not.toBe('kind-worker');
    expect(violations).toEqual([]);
  });

  it('leaves the pods of a node that registers again within the quarantine (its kubelet started again)', () => {
    const { c, s } = cluster();
    const pod = podOn(c, 'kind-worker2');
    s.exec('kubectl delete node kind-worker2');
    c.advance(10_000);
    expect(s.exec('sim node kind-worker2 up').exitCode).toBe(0);
    expect(c.store.get('Node', '', 'kind-worker2')).toBeDefined();
    c.advance(QUARANTINE_MS + 2 * GC_CHECK_PERIOD_MS);
    expect(c.store.get('Pod', 'default', pod.metadata!.name!)?.metadata?.uid).toBe(pod.metadata!.uid);
    expect(c.store.list('Event', 'default').some((e) => e.reason === 'RegisteredNode' && e.involvedObject.name === 'kind-worker2')).toBe(true);
  });

  it('force-deletes pods stuck Terminating on a NotReady node with the out-of-service taint', () => {
    const { c, s } = cluster();
    const pod = podOn(c, 'kind-worker3');
    s.exec('sim node kind-worker3 down');
    c.advance(60_000);
    s.exec(`kubectl delete pod ${pod.metadata!.name} --wait=false`);
    c.advance(60_000);
    expect(c.store.get('Pod', 'default', pod.metadata!.name!)?.metadata?.deletionTimestamp).toBeDefined();
    s.exec('kubectl taint nodes kind-worker3 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute');
    c.advance(GC_CHECK_PERIOD_MS);
    expect(c.store.get('Pod', 'default', pod.metadata!.name!)?.metadata?.uid).not.toBe(pod.metadata!.uid);
    expect(c.state.trace.some((r) => r.type === 'podgc.deleted' && r.rule === 'out-of-service')).toBe(true);
  });

  it('costs a healthy cluster nothing: deleting pods on live nodes queues no pass', () => {
    const { c, s } = cluster();
    s.exec('kubectl delete pod web-1 --wait=false');
    expect(c.queued('podgc/gc', '')).toBe(false);
    c.settle();
    expect(c.state.trace.some((r) => r.type === 'podgc.deleted')).toBe(false);
  });
});
