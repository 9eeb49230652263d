// The kubelet posts its node's status every nodeStatusReportFrequency (5 min) when nothing changed: the conditions'
// lastHeartbeatTime moves on while the node is up, stops while it is down, and this keeps nothing pending.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { nodeAction } from '../faults.ts';

const heartbeats = (c: Cluster, node: string): string[] =>
  [...new Set(c.store.get('Node', '', node)!.status!.conditions!.map((x) => x.lastHeartbeatTime!))];

describe('node status reports', () => {
  it('refresh every condition\'s heartbeat every five minutes, on the node\'s 10 s status grid', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    expect(c.settle().settled).toBe(true);
    expect(heartbeats(c, 'kind-worker')).toEqual(['2026-01-01T00:00:00Z']);
    c.advance(299_000);
    expect(heartbeats(c, 'kind-worker')).toEqual(['2026-01-01T00:00:00Z']);
    const within = (from: string, to: string): boolean => { const [b] = heartbeats(c, 'kind-worker'); return b >= from && b <= to; };
    c.advance(21_000);
    expect(within('2026-01-01T00:05:00Z', '2026-01-01T00:05:20Z')).toBe(true);
    c.advance(300_000);
    expect(within('2026-01-01T00:10:00Z', '2026-01-01T00:10:30Z')).toBe(true);
    // A quiet cluster is still settled: the reports are background work.
    expect(c.settle().settled).toBe(true);
  });

  it('stop while the node is down', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    nodeAction(c, 'kind-worker2', 'down');
    c.advance(20 * 60_000);
    const ready = c.store.get('Node', '', 'kind-worker2')!.status!.conditions!.find((x) => x.type === 'Ready')!;
    expect([ready.status, ready.lastHeartbeatTime]).toEqual(['Unknown', '2026-01-01T00:00:00Z']);
  });
});
