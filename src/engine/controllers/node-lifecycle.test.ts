import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { eventLines, testPod } from '../kubelet/fixtures.ts';
import { nodeAction } from '../faults.ts';

function running() {
  const c = Cluster.create({ seed: 9, freeze: true });
  c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
  c.advance(5_000);
  return c;
}
const ready = (c: Cluster) => c.store.get('Pod', 'default', 'web-0')?.status?.conditions?.find((x) => x.type === 'Ready')?.status;

describe('node lifecycle', () => {
  it('marks a silent node Unknown after the grace period, taints it and its pods not ready', () => {
    const c = running();
    expect(nodeAction(c, 'kind-worker', 'down')).toBeNull();
    c.advance(49_000);
    expect(ready(c)).toBe('True');
    c.advance(6_000);
    const node = c.store.get('Node', '', 'kind-worker')!;
    const r = node.status!.conditions!.find((x) => x.type === 'Ready')!;
    expect([r.status, r.reason, r.message]).toEqual(['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
    expect(node.spec!.taints!.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(ready(c)).toBe('False');
    expect(eventLines(c, 'web-0').at(-1)).toMatch(/Warning NodeNotReady \[node-controller\]: Node is not ready$/);
  });

  it('evicts after the 300 s toleration; the pod stays Terminating until the node returns', () => {
    const c = running();
    nodeAction(c, 'kind-worker', 'down');
    c.advance(55_000 + 300_000 + 1_000);
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    expect(pod.metadata!.deletionTimestamp).toBeDefined();
    expect(pod.status!.conditions!.find((x) => x.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    expect(eventLines(c, 'web-0').some((l) => l.includes('TaintManagerEviction [taint-eviction-controller]: Marking for deletion Pod default/web-0'))).toBe(true);
    c.advance(600_000);
    expect(c.store.get('Pod', 'default', 'web-0')).toBeDefined();
    nodeAction(c, 'kind-worker', 'up');
    expect(c.store.get('Node', '', 'kind-worker')!.spec!.taints).toBeUndefined();
    c.advance(5_000);
    expect(c.store.get('Pod', 'default', 'web-0')).toBeUndefined();
  });

  it('restores readiness when the node comes back before eviction', () => {
    const c = running();
    nodeAction(c, 'kind-worker', 'down');
    c.advance(60_000);
    expect(ready(c)).toBe('False');
    nodeAction(c, 'kind-worker', 'up');
    c.advance(1_000);
    expect(ready(c)).toBe('True');
    expect(c.store.get('Node', '', 'kind-worker')!.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('True');
  });
});

describe('cordon and NoExecute taints', () => {
  const taints = (c: Cluster, node: string) => (c.store.get('Node', '', node)!.spec!.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  const setSpec = (c: Cluster, node: string, spec: Record<string, unknown>) => {
    const n = c.store.get('Node', '', node)!;
    const r = c.store.update('Node', { ...n, spec: { ...n.spec, ...spec } });
    if (!r.ok) throw new Error(r.status.message);
  };

  it('a cordoned node gets the unschedulable NoSchedule taint with its time; uncordoned, it loses it', () => {
    const c = running();
    setSpec(c, 'kind-worker', { unschedulable: true });
    c.runDue();
    expect(taints(c, 'kind-worker')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(c.store.get('Node', '', 'kind-worker')!.spec!.taints![0].timeAdded).toBe('2026-01-01T00:00:05Z');
    setSpec(c, 'kind-worker', { unschedulable: undefined });
    c.runDue();
    expect(c.store.get('Node', '', 'kind-worker')!.spec!.taints).toBeUndefined();
  });

  it('the kubelet reports the change at its next 10 s status sync, once', () => {
    const c = running();
    const nodeEvents = () => c.store.list('Event').filter((e) => e.involvedObject?.kind === 'Node').map((e) => `${e.reason} [${e.source?.component}] ${e.message}`);
    setSpec(c, 'kind-worker', { unschedulable: true });
    c.runDue();
    expect(nodeEvents()).toEqual([]);
    c.advance(10_000);
    expect(nodeEvents()).toEqual(['NodeNotSchedulable [kubelet] Node kind-worker status is now: NodeNotSchedulable']);
    setSpec(c, 'kind-worker', { unschedulable: undefined });
    c.advance(10_000);
    expect(nodeEvents()).toEqual(['NodeNotSchedulable [kubelet] Node kind-worker status is now: NodeNotSchedulable', 'NodeSchedulable [kubelet] Node kind-worker status is now: NodeSchedulable']);
  });

  it('a NoExecute taint evicts at once the pods that do not tolerate it', () => {
    const c = running();
    setSpec(c, 'kind-worker', { taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] });
    c.runDue();
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    expect(pod.metadata!.deletionTimestamp).toBeDefined();
    expect(pod.status!.conditions!.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(eventLines(c, 'web-0').at(-1)).toMatch(/TaintManagerEviction \[taint-eviction-controller\]: Marking for deletion Pod default\/web-0$/);
    // The trace names the taint, so the sentence is not the one of an unreachable node.
    expect(c.state.trace.filter((t) => t.type === 'node.evicted').map((t) => [t.rule, t.detail])).toEqual([['taint', { node: 'kind-worker', taint: 'maintenance=true:NoExecute' }]]);
  });

  it('a toleration with tolerationSeconds delays the eviction; removing the taint in time cancels it', () => {
    const tolerant = () => {
      const c = Cluster.create({ seed: 9, freeze: true });
      const p = testPod('web-0', { node: 'kind-worker' });
      c.store.create('Pod', { ...p, spec: { ...p.spec!, tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] } });
      c.advance(5_000);
      setSpec(c, 'kind-worker', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] });
      return c;
    };
    const evicted = (x: Cluster) => eventLines(x, 'web-0').some((l) => l.includes('TaintManagerEviction'));
    const c = tolerant();
    c.advance(59_000);
    expect(evicted(c)).toBe(false);
    expect(c.store.get('Pod', 'default', 'web-0')!.metadata!.deletionTimestamp).toBeUndefined();
    c.advance(2_000);
    expect(evicted(c)).toBe(true);
    const d = tolerant();
    d.advance(30_000);
    setSpec(d, 'kind-worker', { taints: undefined });
    d.advance(120_000);
    expect(evicted(d)).toBe(false);
    expect(d.store.get('Pod', 'default', 'web-0')!.metadata!.deletionTimestamp).toBeUndefined();
  });
});
