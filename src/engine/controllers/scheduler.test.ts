import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { eventLines, testClaim, testPod } from '../kubelet/fixtures.ts';
import { nodeAction } from '../faults.ts';
import { checkSchedulerCache } from './scheduler.ts';

const fresh = () => Cluster.create({ seed: 7, freeze: true });

describe('scheduler', () => {
  it('WaitForFirstConsumer: selects a node on the claim, waits for Bound, then binds the pod', () => {
    const c = fresh();
    c.store.create('PersistentVolumeClaim', testClaim('www-web-0'));
    c.store.create('Pod', testPod('web-0', { claim: 'www-web-0' }));
    c.advance(1_000);
    const pvc = c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!;
    const node = pvc.metadata!.annotations!['volume.kubernetes.io/selected-node'];
    expect(node).toMatch(/^kind-worker/);
    expect(c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName).toBeUndefined();
    c.advance(3_000);
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    expect(pod.spec!.nodeName).toBe(node);
    expect(pod.status!.conditions!.find((x) => x.type === 'PodScheduled')!.status).toBe('True');
    expect(eventLines(c, 'web-0')[0]).toContain(`Scheduled [default-scheduler]: Successfully assigned default/web-0 to ${node}`);
    expect(c.state.trace.some((t) => t.type === 'scheduler.bound' && t.detail?.node === node)).toBe(true);
  });

  it('sends a recreated pod back to the node of its local volume', () => {
    const c = fresh();
    c.store.create('PersistentVolumeClaim', testClaim('www-web-0'));
    c.store.create('Pod', testPod('web-0', { claim: 'www-web-0' }));
    c.advance(10_000);
    const first = c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName;
    for (let i = 0; i < 3; i++) c.store.create('Pod', testPod(`other-${i}`, { node: first }));
    c.store.delete('Pod', 'default', 'web-0');
    c.advance(5_000);
    c.store.create('Pod', testPod('web-0', { claim: 'www-web-0' }));
    c.advance(1_000);
    expect(c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName).toBe(first);
  });

  it('never places pods on the tainted control plane and spreads by fewest pods', () => {
    const c = fresh();
    for (let i = 0; i < 6; i++) c.store.create('Pod', testPod(`p-${i}`));
    c.advance(1_000);
    const nodes = c.store.list('Pod', 'default').map((p) => p.spec!.nodeName);
    expect(nodes).not.toContain('kind-control-plane');
    for (const w of ['kind-worker', 'kind-worker2', 'kind-worker3']) expect(nodes.filter((n) => n === w)).toHaveLength(2);
  });

  // 1.35's FitError: the PostFilter message follows unchanged (one closing period), DynamicResources' before
  // DefaultPreemption's; after a PreFilter failure DynamicResources has no cycle state and says `not found`
  // (as real 1.34/1.35 clusters print: "…: pod has unbound immediate PersistentVolumeClaims. not found").
  it('reports a missing claim with the upstream text', () => {
    const c = fresh();
    c.store.create('Pod', testPod('web-0', { claim: 'nope' }));
    c.advance(1_000);
    expect(eventLines(c, 'web-0')).toEqual([
      '+0s Warning FailedScheduling [default-scheduler]: 0/4 nodes are available: persistentvolumeclaim "nope" not found. not found',
    ]);
    const cond = c.store.get('Pod', 'default', 'web-0')!.status!.conditions!.find((x) => x.type === 'PodScheduled')!;
    expect([cond.status, cond.reason]).toEqual(['False', 'Unschedulable']);
  });

  it('a pod whose claim names a missing StorageClass waits, and is tried again when the class is created', () => {
    const c = fresh();
    c.store.create('PersistentVolumeClaim', { ...testClaim('www-web-0'), spec: { ...testClaim('www-web-0').spec, storageClassName: 'fast' } });
    c.store.create('Pod', testPod('web-0', { claim: 'www-web-0' }));
    c.advance(20_000);
    expect(c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName).toBeUndefined();
    const standard = c.store.get('StorageClass', '', 'standard')!;
    c.store.create('StorageClass', { ...standard, metadata: { name: 'fast' } });
    // Well before the unschedulable queue's 5-minute flush: the class's arrival requeues the pod.
    c.advance(10_000);
    expect(c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName).toMatch(/^kind-worker/);
  });

  it('stays Pending with a taint summary when no node fits, and retries when a node returns', () => {
    const c = fresh();
    for (const w of ['kind-worker', 'kind-worker2', 'kind-worker3']) nodeAction(c, w, 'down');
    c.advance(60_000);
    c.store.create('Pod', testPod('web-0'));
    c.advance(1_000);
    expect(eventLines(c, 'web-0', 60_000)).toEqual([
      '+0s Warning FailedScheduling [default-scheduler]: 0/4 nodes are available: 4 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    ]);
    nodeAction(c, 'kind-worker2', 'up');
    c.advance(1_000);
    expect(c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName).toBe('kind-worker2');
  });
});

describe('scheduler: NodeResourcesFit', () => {
  const requesting = (name: string, requests: Record<string, string>) => testPod(name, { container: { resources: { requests } } });
  const failed = (c: Cluster, name: string) => eventLines(c, name)
    .filter((l) => l.includes(' FailedScheduling ')).map((l) => l.slice(l.indexOf(']: ') + 3));

  it('places pods while their requests fit, then reports Insufficient cpu; no victims, as all pods share one priority', () => {
    const c = fresh();
    for (let i = 0; i < 3; i++) c.store.create('Pod', requesting(`big-${i}`, { cpu: '1500m' }));
    c.advance(2_000);
    expect(new Set(c.store.list('Pod', 'default').map((p) => p.spec!.nodeName)).size).toBe(3);
    c.store.create('Pod', requesting('big-3', { cpu: '1500m', memory: '64Mi' }));
    c.advance(2_000);
    expect(c.store.get('Pod', 'default', 'big-3')!.spec!.nodeName).toBeUndefined();
    expect(failed(c, 'big-3')).toEqual([
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    ]);
    // A pod leaving a node frees its requests: the waiting pod is tried again at once, not after 5 minutes.
    const freed = c.store.get('Pod', 'default', 'big-1')!.spec!.nodeName;
    c.store.delete('Pod', 'default', 'big-1', { gracePeriodSeconds: 0 });
    c.advance(1_000);
    expect(c.store.get('Pod', 'default', 'big-3')!.spec!.nodeName).toBe(freed);
  });

  it('a request larger than any node can never fit: preemption is not helpful anywhere; every shortfall is named', () => {
    const c = fresh();
    c.store.create('Pod', requesting('huge', { cpu: '3', memory: '100Gi' }));
    c.advance(2_000);
    expect(failed(c, 'huge')).toEqual([
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu, 3 Insufficient memory. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    ]);
  });

  it('a waiting pod that is deleted leaves the queue: nothing is left to retry', () => {
    const c = fresh();
    c.store.create('Pod', requesting('huge', { cpu: '3' }));
    c.advance(2_000);
    expect(c.nextDue()).toBeDefined();
    c.store.delete('Pod', 'default', 'huge');
    c.settle(3_600_000);
    expect(c.now).toBeLessThan(60_000);
  });

  it('keeps its per-node cache equal to the store (an invariant checked after every pass), and the check sees drift', () => {
    const c = fresh();
    for (let i = 0; i < 4; i++) c.store.create('Pod', requesting(`p-${i}`, { cpu: '100m' }));
    c.advance(5_000);
    c.store.delete('Pod', 'default', 'p-0');
    c.advance(40_000);
    expect(checkSchedulerCache(c)).toEqual([]);
    const st = c.ext<{ requested: Record<string, number[]> }>('scheduler', () => ({ requested: {} }));
    const node = c.store.get('Pod', 'default', 'p-1')!.spec!.nodeName!;
    st.requested[node][0] += 1;
    expect(checkSchedulerCache(c)).toEqual([expect.stringContaining(`scheduler cache of node ${node} holds`)]);
  });

  it('counts pod slots (status.allocatable pods): Too many pods', () => {
    const c = fresh();
    for (const w of ['kind-worker', 'kind-worker2', 'kind-worker3']) {
      const n = c.store.get('Node', '', w)!;
      // Room for one pod beside the node's kindnet and kube-proxy.
      c.store.update('Node', { ...n, status: { ...n.status, allocatable: { ...n.status!.allocatable, pods: '3' } } }, { subresource: 'status' });
    }
    for (let i = 0; i < 4; i++) c.store.create('Pod', testPod(`p-${i}`));
    c.advance(2_000);
    expect(c.store.list('Pod', 'default').filter((p) => p.spec!.nodeName)).toHaveLength(3);
    expect(failed(c, 'p-3')).toEqual([
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Too many pods. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    ]);
  });
});

describe('scheduler events (events.k8s.io, tools/events series)', () => {
  // Every worker down (tainted after the grace period), then a pod nothing can take: it fails every 5 minutes.
  const unschedulablePod = (): Cluster => {
    const c = fresh();
    for (const w of ['kind-worker', 'kind-worker2', 'kind-worker3']) nodeAction(c, w, 'down');
    c.advance(60_000);
    c.store.create('Pod', testPod('web-0'));
    return c;
  };
  const schedulerEvents = (c: Cluster) => c.store.list('Event', 'default').filter((e) => e.reportingComponent === 'default-scheduler');

  it('writes the new API\'s shape: eventTime, action and reporting instance; no source, timestamps or count', () => {
    const c = fresh();
    c.store.create('Pod', testPod('web-0'));
    c.advance(2_000);
    const [e] = schedulerEvents(c);
    expect(e).toMatchObject({ reason: 'Scheduled', action: 'Binding', source: {}, reportingInstance: 'default-scheduler-kind-control-plane' });
    expect(e.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect([e.firstTimestamp, e.lastTimestamp, e.count, e.series]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('counts repeats of a FailedScheduling as a series: 2 written at once, later ones by the 6- and 30-minute tickers', () => {
    const c = unschedulablePod();
    // Retries every 5 minutes (t ≈ 0, 5, 10, 15, 20, 25 min). The first attempt saw the pod before its
    // PodScheduled condition was written, so the second is another object version: a new event.
    c.advance(26 * 60_000);
    const failed = () => schedulerEvents(c).filter((e) => e.reason === 'FailedScheduling')
      .map((e) => (e.series ? e.series.count : 1)).sort();
    expect(failed()).toEqual([1, 2]);
    // The 30-minute refresh writes the open series with what it counted (t ≈ 10..25 min: 5 of them).
    c.advance(5 * 60_000);
    expect(failed()).toEqual([1, 5]);
    // The node comes back: the pod schedules; 6 minutes after the last observation the series is written a last
    // time and forgotten, and the tickers stop.
    nodeAction(c, 'kind-worker2', 'up');
    c.advance(20 * 60_000);
    expect(c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName).toBe('kind-worker2');
    expect(failed()).toEqual([1, 6]);
    expect(c.settle(3_600_000).settled).toBe(true);
  });

  it('the tickers write a series only when it changed, re-create its Event when it is gone, and do not hold up settling', () => {
    const c = unschedulablePod();
    c.advance(11 * 60_000); // attempts at about 1, 6 and 11 minutes: a series of 2, written at once
    const series = () => schedulerEvents(c).find((e) => e.series)!;
    const name = series().metadata!.name!;
    const writes: string[] = [];
    c.store.watch((e) => { if (e.kind === 'Event' && e.object.metadata!.name === name) writes.push(e.type); });
    nodeAction(c, 'kind-worker2', 'up');
    // Settled once the pod runs: the finish tick (at 18 minutes) is housekeeping, not pending work.
    const r = c.settle();
    expect(r.settled).toBe(true);
    expect(r.now).toBeLessThan(17 * 60_000);
    c.advance(10 * 60_000);
    // Finished at 2, as written: no second write.
    expect(writes).toEqual([]);
    // A series whose Event was deleted is written whole again by the ticker.
    const d = unschedulablePod();
    d.advance(16 * 60_000); // a series of 3 by now (2 written)
    const open = schedulerEvents(d).find((e) => e.series)!;
    d.store.delete('Event', 'default', open.metadata!.name!);
    d.advance(15 * 60_000); // the 30-minute refresh
    const again = schedulerEvents(d).find((e) => e.metadata!.name === open.metadata!.name)!;
    expect(again.series!.count).toBeGreaterThan(2);
    expect(again.eventTime).toBe(open.eventTime);
  });

  it('forgets singletons once they are past a finish tick (the cache does not grow with every pod)', () => {
    const c = fresh();
    const cached = () => [...((c.state.ext.events as { series: Map<string, Map<string, unknown>> }).series.values())].reduce((n, m) => n + m.size, 0);
    c.store.create('Pod', testPod('web-0'));
    c.store.create('Pod', testPod('web-1'));
    c.advance(2_000);
    expect(cached()).toBe(2);
    c.advance(13 * 60_000);
    c.store.create('Pod', testPod('web-2'));
    c.advance(2_000);
    expect(cached()).toBe(1);
  });

  it('a series carries over a snapshot and restore', () => {
    const c = unschedulablePod();
    c.advance(26 * 60_000);
    const r = Cluster.restore(structuredClone(c.snapshot()), {});
    for (const x of [c, r]) x.advance(5 * 60_000);
    const view = (x: Cluster) => schedulerEvents(x).map((e) => [e.metadata!.name, e.series?.count ?? 1, e.metadata!.resourceVersion]);
    expect(view(r)).toEqual(view(c));
    expect(view(r).map((v) => v[1]).sort()).toEqual([1, 5]);
  });
});
