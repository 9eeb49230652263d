import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster } from './cluster.ts';
import { COMBINED_PREFIX, nanosHex } from './events.ts';
import { EVENT_TTL_MS } from './store/store.ts';
import type { KObject } from './api/types.ts';

const HOUR = EVENT_TTL_MS;

// A stored Namespace to report events about.
function created(c: Cluster, name: string): KObject {
  const r = c.store.create('Namespace', { metadata: { name } });
  if (!r.ok) throw new Error(r.status.message);
  return r.object;
}

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

  // Distinct events spread over 400 objects with a reason each: neither combined (one message per reason) nor
  // dropped (under 25 per object), so only the eventLogger's LRU decides.
  function spread(checks = false): { c: Cluster; emit: (i: number) => void; byMessage: (m: string) => Array<number | undefined> } {
    const c = Cluster.create({ bare: true, controllers: [], checks });
    c.store.create('Namespace', { metadata: { name: 'default' } });
    const objects = Array.from({ length: 400 }, (_, i) => created(c, `o${i}`));
    const emit = (i: number) => c.event({ object: objects[i % 400], type: 'Normal', reason: `R${i}`, message: `m${i}`, component: 'tester' });
    const byMessage = (m: string) => c.store.list('Event').filter((e) => (e as { message?: string }).message === m).map((e) => (e as { count?: number }).count);
    return { c, emit, byMessage };
  }

  it('forgets the oldest of more than 4096 distinct events of one source (client-go LRU)', () => {
    const { emit, byMessage } = spread();
    for (let i = 0; i <= 4096; i++) emit(i);
    emit(0); // evicted: a new Event rather than a count bump
    emit(4096); // still cached: bumped
    expect(byMessage('m0')).toEqual([1, 1]);
    expect(byMessage('m4096')).toEqual([2]);
  });

  it('evicts in recency order across bumps and many evictions (kept oldest-key iterator, checked)', () => {
    const { c, emit: emitNow, byMessage } = spread(true);
    // Time moves per emit so Event names do not collide (collisions only cost time here).
    const emit = (i: number) => { c.advance(1); emitNow(i); };
    for (let i = 0; i < 4096; i++) emit(i);
    emit(0); // bumped: now the most recent, so 1 is the oldest
    for (let i = 4096; i < 4096 + 3000; i++) emit(i); // evicts 1..3000
    emit(0); // still cached: bumped again
    emit(3000); // evicted: created anew (evicting 3001)
    emit(3002); // still cached: bumped
    expect(byMessage('m0')).toEqual([3]);
    expect(byMessage('m3000').sort()).toEqual([1, 1]);
    expect(byMessage('m3002')).toEqual([2]);
  });

  it('evicts the same after a snapshot restore', () => {
    const { c, emit: emitNow } = spread();
    const emit = (x: Cluster, i: number) => {
      x.advance(1);
      x.event({ object: x.store.get('Namespace', '', `o${i % 400}`)!, type: 'Normal', reason: `R${i}`, message: `m${i}`, component: 'tester' });
    };
    for (let i = 0; i < 4096; i++) { c.advance(1); emitNow(i); }
    for (let i = 0; i < 4096; i += 3) emit(c, i); // bumps a third: recency order is no longer first-use order
    const runs = [c, Cluster.restore(c.snapshot(), { controllers: [] })];
    const outcome = runs.map((x) => {
      for (let i = 4096; i < 4096 + 2000; i++) emit(x, i); // evicts the 2000 least recently used
      for (let i = 0; i < 4096; i++) emit(x, i); // a bump where still cached, else a new Event
      return x.store.list('Event').map((e) => `${e.metadata!.name} ${(e as { count?: number }).count}`).sort();
    });
    expect(outcome[1]).toEqual(outcome[0]);
    expect(outcome[0].filter((e) => e.endsWith(' 3')).length).toBeGreaterThan(0);
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
    // Runs of nearby stamps (the upper digits are remembered between calls).
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), (w, steps) => {
      let ok = true;
      for (const [i, s] of steps.entries()) { w += s; ok &&= nanosHex(w, i) === exact(w, i); }
      return ok;
    }));
  });

  it('nanosHex formats the upper digits from its tables exactly at every width', () => {
    // The digits above the low 24 bits at the table edges (below 4096, below 2^24, one more 24-bit step), as far
    // as the whole value stays exact in a double; today's walls (upper digits past 2^31) are checked against
    // BigInt above.
    const tops = [1, 0xfff, 0x1000, 0xffffff, 0x1000000, 0x1000fff, 2 ** 28 + 5, 2 ** 29 - 1];
    for (const top of tops) {
      for (const low of [0, 1, 0xfff, 0x1000, 0xffffff]) {
        const v = top * 2 ** 24 + low;
        expect(Number.isSafeInteger(v)).toBe(true);
        expect(nanosHex(0, v)).toBe(v.toString(16));
      }
    }
  });
});

describe('event correlator (client-go EventCorrelator)', () => {
  function setupCorrelator(checks = false) {
    const c = Cluster.create({ bare: true, controllers: [], checks });
    c.store.create('Namespace', { metadata: { name: 'default' } });
    const a = created(c, 'a');
    const b = created(c, 'b');
    const emit = (o: KObject, reason: string, message: string, component = 'tester') => c.event({ object: o, type: 'Normal', reason, message, component });
    const events = () => c.store.list('Event') as Array<{ message?: string; count?: number; reason?: string; reportingComponent?: string; involvedObject?: { name?: string } }>;
    const byMessage = (m: string) => events().filter((e) => e.message === m).map((e) => e.count);
    return { c, a, b, emit, events, byMessage };
  }

  it('combines similar events from the 10th different message within 10 minutes, then counts the combined Event', () => {
    const { c, a, emit, events, byMessage } = setupCorrelator(true);
    for (let i = 0; i < 9; i++) { emit(a, 'Ping', `m${i}`); c.advance(1000); }
    expect(events()).toHaveLength(9);
    emit(a, 'Ping', 'm9');
    expect(byMessage(`${COMBINED_PREFIX}m9`)).toEqual([1]);
    const combined = events().find((e) => e.message?.startsWith(COMBINED_PREFIX))!;
    // The aggregator's copy carries no reporting controller (client-go leaves ReportingController empty on it).
    expect(combined.reportingComponent).toBe('');
    c.advance(1000);
    emit(a, 'Ping', 'm10');
    // The same Event, its message following the latest one (the patch carries the message).
    expect(events()).toHaveLength(10);
    expect(byMessage(`${COMBINED_PREFIX}m10`)).toEqual([2]);
    // Another reason of the same object is not similar.
    emit(a, 'Pong', 'm0');
    expect(byMessage('m0')).toEqual([1, 1]);
  });

  it('counts an exact repeat of a message still among the similar ones on its own Event', () => {
    const { a, emit, byMessage } = setupCorrelator();
    for (let i = 0; i < 10; i++) emit(a, 'Ping', `m${i}`);
    emit(a, 'Ping', 'm5');
    expect(byMessage('m5')).toEqual([2]);
    expect(byMessage(`${COMBINED_PREFIX}m9`)).toEqual([1]);
  });

  it('starts over when more than 10 minutes passed since the last similar event', () => {
    for (const [gap, combined] of [[600_000, true], [600_001, false]] as const) {
      const { c, a, emit, byMessage } = setupCorrelator();
      for (let i = 0; i < 9; i++) emit(a, 'Ping', `m${i}`);
      c.advance(gap);
      emit(a, 'Ping', 'm9');
      expect(byMessage(`${COMBINED_PREFIX}m9`)).toEqual(combined ? [1] : []);
      expect(byMessage('m9')).toEqual(combined ? [] : [1]);
    }
  });

  it('lets a source write 25 events about one object, then one per 5 minutes; dropped repeats still count', () => {
    const { c, a, b, emit, events, byMessage } = setupCorrelator(true);
    // Distinct reasons: nothing is combined, only the spam filter decides.
    for (let i = 0; i < 30; i++) emit(a, `R${i}`, `m${i}`);
    expect(events()).toHaveLength(25);
    expect(byMessage('m25')).toEqual([]);
    // Another object and another source each have a bucket of their own.
    emit(b, 'R0', 'm0');
    emit(a, 'R0', 'other', 'other-controller');
    expect(events()).toHaveLength(27);
    // Dropped, but observed: the next written repeat carries the count.
    emit(a, 'R0', 'm0');
    expect(byMessage('m0')).toEqual([1, 1]);
    c.advance(299_999);
    emit(a, 'R1', 'm1');
    expect(byMessage('m1')).toEqual([1]);
    c.advance(1);
    emit(a, 'R0', 'm0');
    expect(byMessage('m0').sort()).toEqual([1, 3]);
    // The token was used: the next one is dropped again.
    emit(a, 'R1', 'm1');
    expect(byMessage('m1')).toEqual([1]);
  });

  it('a dropped first event is written later under its remembered name with the full count', () => {
    const { c, a, emit, events, byMessage } = setupCorrelator();
    for (let i = 0; i < 25; i++) emit(a, `R${i}`, `m${i}`);
    emit(a, 'Late', 'late');
    expect(byMessage('late')).toEqual([]);
    c.advance(300_000);
    emit(a, 'Late', 'late');
    expect(byMessage('late')).toEqual([2]);
    expect(events()).toHaveLength(26);
  });

  it('never gives a stored event the name of a dropped one', () => {
    const { c, a, emit, events } = setupCorrelator(true);
    // All at one instant and without trace records in between: one name base for every event.
    for (let i = 0; i < 27; i++) emit(a, `R${i}`, `m${i}`);
    c.advance(300_000);
    emit(a, 'R26', 'm26');
    c.advance(300_000);
    emit(a, 'R25', 'm25');
    const byReason = (r: string) => events().filter((e) => e.reason === r);
    expect(byReason('R26').map((e) => [e.message, e.count])).toEqual([['m26', 2]]);
    expect(byReason('R25').map((e) => [e.message, e.count])).toEqual([['m25', 2]]);
    const names = c.store.list('Event').map((e) => e.metadata!.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the scheduler (events.k8s.io reporter) is neither combined nor throttled', () => {
    const { a, emit, events } = setupCorrelator();
    for (let i = 0; i < 30; i++) emit(a, 'FailedScheduling', `m${i}`, 'default-scheduler');
    expect(events()).toHaveLength(30);
    expect(events().some((e) => e.message?.startsWith(COMBINED_PREFIX))).toBe(false);
  });

  it('keeps its state across snapshot and restore; older snapshots start with empty correlator caches', () => {
    const { c, a, emit } = setupCorrelator();
    for (let i = 0; i < 25; i++) emit(a, `R${i}`, `m${i}`);
    const snap = c.snapshot();
    const restored = Cluster.restore(snap, { controllers: [] });
    const legacy = structuredClone(snap);
    const ext = legacy.ext.events as { aggregates?: unknown; spam?: unknown };
    delete ext.aggregates;
    delete ext.spam;
    const old = Cluster.restore(legacy, { controllers: [] });
    for (const x of [restored, old]) {
      x.event({ object: x.store.get('Namespace', '', 'a')!, type: 'Normal', reason: 'After', message: 'after', component: 'tester' });
    }
    expect(restored.store.count('Event')).toBe(25);
    expect(old.store.count('Event')).toBe(26);
  });
});
