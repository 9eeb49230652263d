import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster } from './cluster.ts';
import { nanosHex } from './events.ts';
import { EVENT_TTL_MS } from './store/store.ts';
import type { KObject } from './api/types.ts';

const HOUR = EVENT_TTL_MS;

function setup(): { c: Cluster; node: KObject; emit: (reason?: string) => void; events: () => KObject[] } {
  const c = Cluster.create({ freeze: true, bare: true, controllers: [{ name: 't', run: () => {} }] });
  c.store.create('Namespace', { metadata: { name: 'default' } });
  const node = c.store.create('Namespace', { metadata: { name: 'obj' } });
  if (!node.ok) throw new Error('setup');
  const emit = (reason = 'Ping') => c.event({ object: node.object, type: 'Normal', reason, message: 'hello', component: 'tester' });
  return { c, node: node.object, emit, events: () => c.store.list('Event') };
}

describe('Event TTL (kube-apiserver --event-ttl=1h)', () => {
  it('an Event is gone one hour after its last write', () => {
    const { c, emit, events } = setup();
    emit();
    expect(events()).toHaveLength(1);
    c.advance(HOUR - 1);
    expect(events()).toHaveLength(1);
    c.advance(1);
    expect(events()).toHaveLength(0);
  });

  it('is kept while it is being bumped, and counts from the last bump', () => {
    const { c, emit, events } = setup();
    emit();
    for (let i = 0; i < 3; i++) { c.advance(HOUR / 2); emit(); }
    expect(events()).toHaveLength(1);
    expect((events()[0] as { count?: number }).count).toBe(4);
    c.advance(HOUR - 1);
    expect(events()).toHaveLength(1);
    c.advance(1);
    expect(events()).toHaveLength(0);
  });

  it('expiry is a DELETED on the stream and happens while timers run, before a later timer', () => {
    const { c, emit } = setup();
    const seen: string[] = [];
    c.store.watch((e) => { if (e.kind === 'Event') seen.push(e.type); });
    emit();
    c.enqueue('t/x', 'k', HOUR + 5);
    expect(c.settle(2 * HOUR).settled).toBe(true);
    expect(seen).toEqual(['ADDED', 'DELETED']);
  });

  it('a repeat after expiry is created again under its old name, with the next count and first timestamp', () => {
    const { c, emit, events } = setup();
    emit();
    const first = events()[0] as { metadata?: { name?: string }; firstTimestamp?: string };
    c.advance(2 * HOUR);
    emit();
    const again = events()[0] as { metadata?: { name?: string }; firstTimestamp?: string; lastTimestamp?: string; count?: number };
    expect(again.metadata?.name).toBe(first.metadata?.name);
    expect(again.count).toBe(2);
    expect(again.firstTimestamp).toBe(first.firstTimestamp);
    expect(again.lastTimestamp).not.toBe(first.firstTimestamp);
  });

  it('survives snapshot and restore (also snapshots without an expiry queue)', () => {
    const { c, emit, events } = setup();
    emit();
    c.advance(HOUR / 2);
    const snap = c.snapshot();
    const r = Cluster.restore(snap, { controllers: [{ name: 't', run: () => {} }] });
    const old = Cluster.restore({ ...snap, store: { ...snap.store, eventExpiry: undefined } }, { controllers: [{ name: 't', run: () => {} }] });
    for (const x of [r, old]) {
      x.advance(HOUR / 2 - 1);
      expect(x.store.count('Event')).toBe(1);
      x.advance(1);
      expect(x.store.count('Event')).toBe(0);
    }
    expect(events()).toHaveLength(1);
  });
});

describe('event recorder state', () => {
  it('a snapshot with the older flat recorder index keeps working', () => {
    const c = Cluster.create({ freeze: true, bare: true, controllers: [] });
    c.store.create('Namespace', { metadata: { name: 'default' } });
    const snap = c.snapshot();
    snap.ext.events = { index: new Map() };
    const r = Cluster.restore(snap, { controllers: [] });
    const ns = r.store.get('Namespace', '', 'default')!;
    r.event({ object: ns, type: 'Normal', reason: 'Ping', message: 'hi', component: 'tester' });
    r.event({ object: ns, type: 'Normal', reason: 'Ping', message: 'hi', component: 'tester' });
    expect(r.store.list('Event').map((e) => (e as { count?: number }).count)).toEqual([2]);
  });

  it('forgets the oldest of more than 4096 distinct events of one source (client-go LRU)', () => {
    const c = Cluster.create({ bare: true, controllers: [] });
    c.store.create('Namespace', { metadata: { name: 'default' } });
    const ns = c.store.get('Namespace', '', 'default')!;
    const emit = (i: number) => c.event({ object: ns, type: 'Normal', reason: 'Ping', message: `m${i}`, component: 'tester' });
    for (let i = 0; i <= 4096; i++) emit(i);
    emit(0); // evicted: a new Event rather than a count bump
    emit(4096); // still cached: bumped
    const byMessage = (m: string) => c.store.list('Event').filter((e) => (e as { message?: string }).message === m).map((e) => (e as { count?: number }).count);
    expect(byMessage('m0')).toEqual([1, 1]);
    expect(byMessage('m4096')).toEqual([2]);
  });

  it('evicts in recency order across bumps and many evictions (kept oldest-key iterator, checked)', () => {
    const c = Cluster.create({ bare: true, controllers: [], checks: true });
    c.store.create('Namespace', { metadata: { name: 'default' } });
    const ns = c.store.get('Namespace', '', 'default')!;
    // Time moves per emit so Event names do not collide (collisions only cost time here).
    const emit = (i: number) => { c.advance(1); c.event({ object: ns, type: 'Normal', reason: 'Ping', message: `m${i}`, component: 'tester' }); };
    for (let i = 0; i < 4096; i++) emit(i);
    emit(0); // bumped: now the most recent, so 1 is the oldest
    for (let i = 4096; i < 4096 + 3000; i++) emit(i); // evicts 1..3000
    emit(0); // still cached: bumped again
    emit(3000); // evicted: created anew (evicting 3001)
    emit(3002); // still cached: bumped
    const byMessage = (m: string) => c.store.list('Event').filter((e) => (e as { message?: string }).message === m).map((e) => (e as { count?: number }).count);
    expect(byMessage('m0')).toEqual([3]);
    expect(byMessage('m3000').sort()).toEqual([1, 1]);
    expect(byMessage('m3002')).toEqual([2]);
  });
});

describe('Event names (<object>.<unix nanos in hex>)', () => {
  it('nanosHex is the exact hex of wall ms × 10^6 + offset, past 2^53', () => {
    const exact = (w: number, x: number): string => (BigInt(w) * 1_000_000n + BigInt(x)).toString(16);
    expect(nanosHex(1_767_225_600_000, 0)).toBe(exact(1_767_225_600_000, 0));
    expect(nanosHex(0, 0)).toBe('0');
    expect(nanosHex(0, 255)).toBe('ff');
    // A carry out of the low limb.
    expect(nanosHex(16_777_215, 16_777_215)).toBe(exact(16_777_215, 16_777_215));
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 2 ** 31 }), (w, x) => nanosHex(w, x) === exact(w, x)));
  });
});
