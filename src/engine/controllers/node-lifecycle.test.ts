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
