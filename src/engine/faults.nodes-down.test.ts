// nodesDown: the user's node fault, which leads the node's Ready condition by the grace period.
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { NODE_MONITOR_GRACE_MS, nodeAction, nodesDown } from './faults.ts';

const ready = (c: Cluster, name: string) => c.store.get('Node', '', name)!.status!.conditions!.find((x) => x.type === 'Ready')!.status;

describe('nodesDown', () => {
  it('lists a node as down from the fault on, while Ready is still True, until it is brought up', () => {
    const c = Cluster.create({ seed: 3, freeze: true });
    c.advance(1_000);
    expect(nodesDown(c)).toEqual([]);
    nodeAction(c, 'kind-worker2', 'down');
    nodeAction(c, 'kind-worker', 'down');
    expect(nodesDown(c)).toEqual(['kind-worker', 'kind-worker2']);
    expect(ready(c, 'kind-worker')).toBe('True');
    c.advance(NODE_MONITOR_GRACE_MS + 6_000);
    expect(ready(c, 'kind-worker')).toBe('Unknown');
    nodeAction(c, 'kind-worker', 'up');
    expect(nodesDown(c)).toEqual(['kind-worker2']);
  });
});
