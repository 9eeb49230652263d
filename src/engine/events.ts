// The event recorder: writes core/v1 Events the way client-go's record package does. Every source (component
// and host: one recorder) runs an event correlator over what it reports:
// - similar events (same object, type and reason) with 10 different messages within 10 minutes are combined
//   into one Event whose message starts `(combined from similar events): `, counted from then on;
// - an exact repeat bumps the count and lastTimestamp of the Event written before;
// - a source may write 25 events about one object, then one every 5 minutes; the rest are dropped.
// Models client-go tools/record/events_cache.go (EventCorrelator) and event.go (recordToSink, recordEvent).
import type { Event, KObject, Kind } from './api/types.ts';
import { rfc3339 } from './clock/time.ts';
import type { Cluster } from './cluster.ts';
import { EngineCheckError } from './checks.ts';

/** What a component reports. `object` is the involved object as stored. */
export interface EventInput {
  object: KObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Reporting component, e.g. `statefulset-controller`, `kubelet`, `default-scheduler`. */
  component: string;
  /** The node, for kubelet events (shown as `kubelet` in describe; host kept in source.host). */
  host?: string;
  /** For Pod events about one container: `spec.containers{nginx}`. */
  fieldPath?: string;
}

/** What a recorder remembers of an Event it wrote (client-go's eventLog). */
interface Observation { name: string; count: number; first: string }

/** Similar events seen lately (client-go's aggregateRecord): their messages, oldest first, and the last time. */
interface AggregateRecord { messages: string[]; last: number }

/** The token bucket of one object (golang.org/x/time/rate as client-go's spam filter uses it). */
interface SpamRecord { tokens: number; last: number }

/**
 * Per event source (component NUL host), the correlator's three LRU caches: Map insertion order is recency
 * order, the oldest entry goes first when full. `aggregates` and `spam` are absent in snapshots from older
 * builds (then they start empty).
 */
interface RecorderState {
  /** eventLogger: observations by event key (or by aggregate key for combined events). */
  bySource: Map<string, Map<string, Observation>>;
  /** EventAggregator: records by aggregate key. */
  aggregates?: Map<string, Map<string, AggregateRecord>>;
  /** EventSourceObjectSpamFilter: token buckets by object. */
  spam?: Map<string, Map<string, SpamRecord>>;
  /**
   * Event names handed out at the current name base (virtual wall ms, trace sequence): the highest offset per
   * `namespace/object`. A dropped event keeps its name without being stored, so the store alone cannot tell
   * that the name is taken. Replaced when the base moves on.
   */
  issued?: { wall: number; seq: number; last: Map<string, number> };
}

// Models client-go tools/record/events_cache.go maxLruCacheEntries, defaultAggregateMaxEvents,
// defaultAggregateIntervalInSeconds, defaultSpamBurst and defaultSpamQPS (a float32: 1/300 rounds up a little,
// so a token is back after exactly 300 s of virtual milliseconds).
const LRU_ENTRIES = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = Math.fround(1 / 300);
/** Models EventAggregatorByReasonMessageFunc. */
export const COMBINED_PREFIX = '(combined from similar events): ';

// The scheduler reports through events.k8s.io/v1, whose recorder has no spam filter and no aggregation (its
// repeats become a series); the engine keeps exact repeats counted for it, as before.
const UNCORRELATED = new Set(['default-scheduler']);

const newRecorderState = (): RecorderState => ({ bySource: new Map(), aggregates: new Map(), spam: new Map() });

// Per LRU, a live iterator over its keys that only ever passed evicted entries, so its next key is the
// oldest one. `lru.keys().next()` would start over at the front and skip every hole left by earlier evictions
// and recency bumps until the Map rehashes. Derived (never persisted); recreated when missing.
const oldestKeys = new WeakMap<Map<string, unknown>, Iterator<string>>();

// Removes the least recently used entry; in checks mode compared with a fresh scan from the front.
function evictOldest(c: Cluster, lru: Map<string, unknown>): void {
  let it = oldestKeys.get(lru);
  if (!it) oldestKeys.set(lru, (it = lru.keys()));
  const k = it.next().value!;
  if (c.checks && k !== lru.keys().next().value) throw new EngineCheckError(`event LRU oldest-key iterator is at ${k}, not the oldest entry`);
  lru.delete(k);
}

// Gets `key` and makes it the most recent (groupcache lru Get); the caller puts it back with `put`.
function take<V>(lru: Map<string, V>, key: string): V | undefined {
  const v = lru.get(key);
  if (v !== undefined) lru.delete(key);
  return v;
}

// Adds `key`, which is not in the cache (taken or never there), as the most recent entry, evicting the oldest
// past LRU_ENTRIES (groupcache lru Add).
function putNew<V>(c: Cluster, lru: Map<string, V>, key: string, v: V): void {
  if (lru.size >= LRU_ENTRIES) evictOldest(c, lru as Map<string, unknown>);
  lru.set(key, v);
}

// groupcache lru Add of a key that may be in the cache.
function put<V>(c: Cluster, lru: Map<string, V>, key: string, v: V): void {
  lru.delete(key);
  putNew(c, lru, key, v);
}

function cacheOf<V>(bySource: Map<string, Map<string, V>>, source: string): Map<string, V> {
  let m = bySource.get(source);
  if (!m) bySource.set(source, (m = new Map()));
  return m;
}

// The recorder key of a source, `component NUL host`: one string per pair, kept (a fresh join per event cost a
// string and its hash on every lookup).
const sourceKeys = new Map<string, Map<string, string>>();
function sourceKey(component: string, host: string): string {
  let byHost = sourceKeys.get(component);
  if (!byHost) sourceKeys.set(component, (byHost = new Map()));
  let k = byHost.get(host);
  if (k === undefined) byHost.set(host, (k = [component, host].join('\u0000')));
  return k;
}

const LIMB = 2 ** 24;

/**
 * Hex digits of `wallMs * 10^6 + extra` (nanoseconds past the epoch plus a small offset), exact past 2^53:
 * computed in two limbs of 24 bits below and the rest above, without BigInt. `wallMs` and `extra` are
 * non-negative integers.
 */
export function nanosHex(wallMs: number, extra: number): string {
  const high = Math.floor(wallMs / LIMB);
  let low = (wallMs - high * LIMB) * 1_000_000 + extra;
  const carry = Math.floor(low / LIMB);
  low -= carry * LIMB;
  const top = high * 1_000_000 + carry;
  return top > 0 ? top.toString(16) + low.toString(16).padStart(6, '0') : low.toString(16);
}

// Keys within one source. The involved object is known by its uid (kind, namespace, name and apiVersion come
// with it), so the keys hold the uid where upstream joins all of those fields.
const eventKey = (uid: string | undefined, e: EventInput, message: string): string =>
  [uid, e.type, e.reason, message, e.fieldPath ?? ''].join('\u0000');
const aggregateKey = (uid: string | undefined, e: EventInput): string => ['\u0001', uid, e.type, e.reason].join('\u0000');

/**
 * EventAggregator.EventAggregate: notes the message among the similar events of the last 10 minutes. Returns
 * true when the event is to be combined (the 10th different message, and every new one after it).
 */
function aggregate(c: Cluster, lru: Map<string, AggregateRecord>, key: string, message: string, wall: number): boolean {
  let r = take(lru, key);
  if (!r || wall - r.last > AGGREGATE_INTERVAL_MS) r = { messages: [], last: wall };
  if (!r.messages.includes(message)) r.messages.push(message);
  r.last = wall;
  putNew(c, lru, key, r);
  if (r.messages.length < AGGREGATE_MAX_EVENTS) return false;
  // Upstream pops an arbitrary message (Go map order) to stay under the limit; the oldest one here.
  r.messages.shift();
  return true;
}

/** EventSourceObjectSpamFilter.Filter: whether the object's bucket has a token (taken if so). */
function allowed(c: Cluster, lru: Map<string, SpamRecord>, key: string, wall: number): boolean {
  // A new bucket starts full. A refused request leaves the bucket as it was (rate.Limiter reserveN).
  const r = take(lru, key) ?? { tokens: SPAM_BURST, last: wall };
  const tokens = Math.min(SPAM_BURST, r.tokens + (Math.max(0, wall - r.last) / 1000) * SPAM_QPS);
  const ok = tokens >= 1;
  if (ok) { r.tokens = tokens - 1; r.last = wall; }
  putNew(c, lru, key, r);
  return ok;
}

/**
 * Records an Event: correlates it (combine, count, drop) and writes what is left. Never throws. A repeat whose
 * Event is gone (expired by the apiserver's --event-ttl, or never written because it was dropped) is created
 * under the remembered name, count and firstTimestamp, as client-go does when its patch finds no Event.
 */
// Models client-go EventCorrelator.EventCorrelate (aggregate, then eventLogger.eventObserve, then the spam
// filter), recordToSink / recordEvent (patch, else create) and UpdateState.
export function recordEvent(c: Cluster, e: EventInput): void {
  const st = c.ext<RecorderState>('events', newRecorderState);
  // Snapshots from older builds kept a flat index (or no correlator caches); start those afresh.
  st.bySource ??= new Map();
  st.aggregates ??= new Map();
  st.spam ??= new Map();
  const m = e.object.metadata ?? {};
  const ns = m.namespace || 'default';
  const source = sourceKey(e.component, e.host ?? '');
  const correlated = !UNCORRELATED.has(e.component);
  const wall = c.wallNow();
  const similar = correlated ? aggregateKey(m.uid, e) : '';
  const combined = correlated && aggregate(c, cacheOf(st.aggregates, source), similar, e.message, wall);
  const message = combined ? COMBINED_PREFIX + e.message : e.message;
  const key = combined ? similar : eventKey(m.uid, e, message);
  // eventObserve: the observation is counted before the spam filter decides (a dropped repeat still counts).
  const lru = cacheOf(st.bySource, source);
  let seen = take(lru, key);
  if (seen) seen.count++;
  else seen = { name: newName(c, st, ns, m.name ?? '', wall), count: 1, first: rfc3339(wall) };
  putNew(c, lru, key, seen);
  if (correlated && !allowed(c, cacheOf(st.spam, source), m.uid ?? '', wall)) return;
  let ok: boolean;
  const old = seen.count > 1 ? c.store.get('Event', ns, seen.name) : undefined;
  if (old) {
    // The patch client-go sends carries count, lastTimestamp and message; only top-level fields change (the
    // store gives the write fresh metadata), so a shallow copy does.
    const next: Event = { ...old, count: seen.count, lastTimestamp: rfc3339(wall), message };
    ok = c.store.update('Event', next, { trusted: true }).ok;
  } else {
    ok = createEvent(c, e, ns, seen, message, combined);
  }
  // UpdateState: the written Event is also remembered under its own key (for a combined one, a second entry).
  if (ok && combined) put(c, lru, eventKey(m.uid, e, message), { name: seen.name, count: seen.count, first: seen.first });
}

// client-go names events <object>.<unix nanos in hex>, each from its own clock reading; virtual nanos (wall ms and
// the trace sequence, plus an offset for more events of one object at one base) keep names deterministic and
// unique, also against names of dropped events.
function newName(c: Cluster, st: RecorderState, ns: string, object: string, wall: number): string {
  const seq = c.state.traceSeq;
  let issued = st.issued;
  if (!issued || issued.wall !== wall || issued.seq !== seq) st.issued = issued = { wall, seq, last: new Map() };
  const key = [ns, object].join('/');
  let plus = (issued.last.get(key) ?? -1) + 1;
  let name = `${object}.${nanosHex(wall, seq + plus)}`;
  while (c.store.get('Event', ns, name)) name = `${object}.${nanosHex(wall, seq + ++plus)}`;
  issued.last.set(key, plus);
  return name;
}

// A combined event is the aggregator's own copy, which sets no reporting controller or instance.
function createEvent(c: Cluster, e: EventInput, ns: string, seen: Observation, message: string, combined: boolean): boolean {
  const m = e.object.metadata ?? {};
  const ev: Event = {
    metadata: { name: seen.name, namespace: ns },
    involvedObject: {
      kind: e.object.kind as Kind, namespace: m.namespace, name: m.name, uid: m.uid,
      apiVersion: e.object.apiVersion, resourceVersion: m.resourceVersion,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: seen.first,
    lastTimestamp: rfc3339(c.wallNow()),
    count: seen.count,
    type: e.type,
    reportingComponent: combined ? '' : e.component,
    reportingInstance: combined ? '' : e.host ?? '',
  };
  return c.store.create('Event', ev, { trusted: true }).ok;
}
