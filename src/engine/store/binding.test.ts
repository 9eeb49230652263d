import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { WatchEvent } from './store.ts';
import { schedulerController } from '../controllers/scheduler.ts';

const pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

function setup(): { c: Cluster; seen: WatchEvent[] } {
  const c = Cluster.create({ freeze: true, controllers: [] });
  const seen: WatchEvent[] = [];
  c.store.watch((e) => { if (e.kind === 'Pod') seen.push(e); });
  return { c, seen };
}

describe('pods/binding', () => {
  it('sets spec.nodeName and PodScheduled=True in one write', () => {
    const { c, seen } = setup();
    const created = c.store.create('Pod', pod);
    if (!created.ok) throw new Error('create');
    c.advance(1000);
    const r = c.store.bind('default', 'p', 'kind-worker', { uid: created.object.metadata!.uid });
    expect(r.ok).toBe(true);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    const p = c.store.get('Pod', 'default', 'p')!;
    expect(p.spec?.nodeName).toBe('kind-worker');
    expect(p.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' }]);
    expect(p.status?.phase).toBe('Pending');
  });

  it('replaces an Unschedulable PodScheduled condition in place, clearing reason and message', () => {
    const { c } = setup();
    const created = c.store.create('Pod', pod);
    if (!created.ok) throw new Error('create');
    const unsched = { ...created.object, status: { ...created.object.status, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no', lastProbeTime: null as unknown as string, lastTransitionTime: '2026-01-01T00:00:00Z' }] } };
    expect(c.store.update('Pod', unsched, { subresource: 'status' }).ok).toBe(true);
    const r = c.store.bind('default', 'p', 'kind-worker2');
    expect(r.ok && r.object.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }]);
  });

  it('refuses a pod already on a node, a terminating pod, another uid and a missing pod', () => {
    const { c } = setup();
    const created = c.store.create('Pod', pod);
    if (!created.ok) throw new Error('create');
    expect(c.store.bind('default', 'p', 'kind-worker', { uid: 'other' })).toMatchObject({ ok: false, status: { reason: 'Conflict' } });
    expect(c.store.bind('default', 'p', 'kind-worker').ok).toBe(true);
    expect(c.store.bind('default', 'p', 'kind-worker2')).toMatchObject({
      ok: false, status: { code: 409, reason: 'Conflict', message: 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "kind-worker"' },
    });
    expect(c.store.bind('default', 'nope', 'kind-worker')).toMatchObject({ ok: false, status: { reason: 'NotFound' } });
    c.store.create('Pod', { ...pod, metadata: { ...pod.metadata, name: 'q', finalizers: ['x/y'] } });
    c.store.delete('Pod', 'default', 'q');
    expect(c.store.bind('default', 'q', 'kind-worker')).toMatchObject({
      ok: false, status: { message: 'Operation cannot be fulfilled on pods/binding "q": pod q is being deleted, cannot be assigned to a host' },
    });
  });

  it('the scheduler binds through it: one pod write per placement', () => {
    const c = Cluster.create({ freeze: true, controllers: [schedulerController] });
    const writes: string[] = [];
    c.store.watch((e) => { if (e.kind === 'Pod') writes.push(`${e.type} ${(e.object as { spec?: { nodeName?: string } }).spec?.nodeName ?? '-'}`); });
    c.store.create('Pod', pod);
    c.advance(100);
    expect(writes).toEqual(['ADDED -', expect.stringMatching(/^MODIFIED kind-worker/)]);
    expect(c.store.get('Pod', 'default', 'p')?.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(['PodScheduled=True']);
  });
});
