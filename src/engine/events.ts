// The event recorder: writes core/v1 Events the way client-go's record package does. Every source (component
// and host: one recorder) runs an event correlator over what it reports:
// - similar events (same object, type and reason) with 10 different messages within 10 minutes are combined
//   into one Event whose message starts `(combined from similar events): `, counted from then on;
// - an exact repeat bumps the count and lastTimestamp of the Event written before;
// - a source may write 25 events about one object, then one every 5 minutes; the rest are dropped.
// Models client-go tools/record/events_cache.go (EventCorrelator) and event.go (recordToSink, recordEvent).
import type { Event, KObject, Kind } from './api/types.ts';
import { rfc3339, rfc3339Micro } from './clock/time.ts';
import type { Cluster, Controller } from './cluster.ts';
import { EngineCheckError } from './checks.ts';
import { CONTROL_PLANE } from './bootstrap.ts';

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
  /** events.k8s.io reporters: what was being done (`Scheduling`, `Binding`). */
  action?: string;
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
  issued?: Issued;
  /** events.k8s.io reporters (tools/events): the isomorphic events cached per source, by isomorphic key. */
  series?: Map<string, Map<string, SeriesEntry>>;
}

/**
 * Names issued at one base. The first object named at the base is held in `ns`, `object` and `plus` (absent in
 * snapshots from older builds), the others in `last` by `namespace/object`: nearly every base names one object,
 * so most events neither build the joined key nor churn the Map (a cleared Map allocates a fresh table).
 */
interface Issued { wall: number; seq: number; last: Map<string, number>; ns?: string; object?: string; plus?: number }

/**
 * One cached events.k8s.io event: its stored name and namespace, when it was first seen, and, once repeated, the
 * series count and last observation (count 0: a singleton).
 */
interface SeriesEntry { name: string; ns: string; first: number; count: number; last: number; event: Event }

// The involved object of an Event: the reported object as stored, and the container's field path if any.
// Two literals rather than a conditional spread (a spread makes a slow copy with a map of its own).
function involvedObjectOf(e: EventInput): Event['involvedObject'] {
  const m = e.object.metadata ?? {};
  const kind = e.object.kind as Kind;
  return e.fieldPath
    ? { kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: e.object.apiVersion, resourceVersion: m.resourceVersion, fieldPath: e.fieldPath }
    : { kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: e.object.apiVersion, resourceVersion: m.resourceVersion };
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

// Components that report through events.k8s.io/v1 (client-go tools/events): no correlator; repeats become a
// series. The reporting instance is `<controller>-<hostname>` (the scheduler runs on the control-plane node).
const EVENTS_V1: ReadonlyMap<string, string> = new Map([['default-scheduler', `default-scheduler-${CONTROL_PLANE}`]]);
// Models tools/events finishTime and refreshTime: every 6 minutes a series not observed for 6 minutes is written
// a last time and forgotten (a singleton just forgotten); every 30 minutes every open series is written.
const SERIES_FINISH_MS = 360_000;
const SERIES_REFRESH_MS = 1_800_000;
/** The timer of the events.k8s.io broadcaster's tickers (run by the `events` controller). */
export const SERIES_TICK = 'events/series';

const newRecorderState = (): RecorderState => ({ bySource: new Map(), aggregates: new Map(), spam: new Map(), series: new Map() });

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

// Gets `key` and takes it out (groupcache lru Get); the caller puts it back as the most recent with `putNew`.
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
  if (top <= 0) return low.toString(16);
  // The upper digits change about every 17 ms (on most events, which are further apart): formatted once per
  // change, from the tables too (top is past 2^31, and a double's toString(16) cost ten times a Smi's). The
  // lower six come from a table (a toString(16) and padStart per name cost more than the rest of the name).
  if (top !== lastTop) { lastTop = top; lastTopHex = hex(top); }
  return lastTopHex + HEX3[low >>> 12]! + HEX3[low & 0xfff]!;
}

let lastTop = -1;
let lastTopHex = '';
/** Three hex digits of every number below 4096. */
const HEX3: readonly string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));
/** The hex digits of every number below 4096, unpadded. */
const HEX: readonly string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16));

/** `n.toString(16)` of a non-negative integer below 2^53, from the tables, 24 bits at a time. */
function hex(n: number): string {
  if (n < LIMB) return n < 4096 ? HEX[n]! : HEX[n >>> 12]! + HEX3[n & 0xfff]!;
  const high = Math.floor(n / LIMB), low = n - high * LIMB;
  return hex(high) + HEX3[low >>> 12]! + HEX3[low & 0xfff]!;
}

// Keys within one source. The involved object is known by its uid (kind, namespace, name and apiVersion come
// with it), so the keys hold the uid where upstream joins all of those fields. The type and reason part is kept
// per pair (looked up once per event) and the rest concatenated (a five-part join per event built an array and a
// scratch list besides).
const eventKey = (uid: string | undefined, parts: ReasonParts, e: EventInput, message: string): string =>
  (uid ?? '') + parts.event + message + '\u0000' + (e.fieldPath ?? '');
const aggregateKey = (uid: string | undefined, parts: ReasonParts): string => '\u0001\u0000' + (uid ?? '') + parts.similar;

/** The `NUL type NUL reason` part of the keys: `similar` ends the aggregate key, `event` (NUL after) goes on. */
interface ReasonParts { similar: string; event: string }
const reasonKeys = new Map<string, Map<string, ReasonParts>>();
function reasonParts(type: string, reason: string): ReasonParts {
  let byReason = reasonKeys.get(type);
  if (!byReason) reasonKeys.set(type, (byReason = new Map()));
  let p = byReason.get(reason);
  if (!p) {
    const similar = ['', type, reason].join('\u0000');
    byReason.set(reason, (p = { similar, event: similar + '\u0000' }));
  }
  return p;
}

/**
 * EventAggregator.EventAggregate: notes the message among the similar events of the last 10 minutes. Returns
 * true when the event is to be combined (the 10th different message, and every new one after it).
 */
function aggregate(c: Cluster, lru: Map<string, AggregateRecord>, key: string, message: string, wall: number): boolean {
  let r = take(lru, key);
  // A fresh record starts with its one message as a literal (a push onto `[]` grows it to room for 17).
  if (!r || wall - r.last > AGGREGATE_INTERVAL_MS) r = { messages: [message], last: wall };
  else if (!r.messages.includes(message)) r.messages.push(message);
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
  const st = recorderState(c);
  if (EVENTS_V1.has(e.component)) { recordSeries(c, st, e); return; }
  const m = e.object.metadata ?? {};
  const ns = m.namespace || 'default';
  const source = sourceKey(e.component, e.host ?? '');
  const wall = c.wallNow();
  const parts = reasonParts(e.type, e.reason);
  const similar = aggregateKey(m.uid, parts);
  const combined = aggregate(c, cacheOf(st.aggregates!, source), similar, e.message, wall);
  const message = combined ? COMBINED_PREFIX + e.message : e.message;
  const key = combined ? similar : eventKey(m.uid, parts, e, message);
  // eventObserve: the observation is counted before the spam filter decides (a dropped repeat still counts).
  const lru = cacheOf(st.bySource, source);
  let seen = take(lru, key);
  if (seen) seen.count++;
  else seen = { name: newName(c, st, ns, m.name ?? '', wall), count: 1, first: rfc3339(wall) };
  putNew(c, lru, key, seen);
  if (!allowed(c, cacheOf(st.spam!, source), m.uid ?? '', wall)) return;
  let ok: boolean;
  const old = seen.count > 1 ? c.store.get('Event', ns, seen.name) : undefined;
  if (old) {
    // The patch client-go sends carries count, lastTimestamp and message; only top-level fields change (the
    // store gives the write fresh metadata), so a shallow copy does, which the store takes as it is (`owned`).
    const next: Event = { ...old, count: seen.count, lastTimestamp: rfc3339(wall), message };
    ok = c.store.update('Event', next, OWNED).ok;
  } else {
    ok = createEvent(c, e, ns, seen, message, combined);
  }
  // UpdateState: the written Event is also remembered under its own key (for a combined one, a second entry).
  if (ok && combined) put(c, lru, eventKey(m.uid, parts, e, message), { name: seen.name, count: seen.count, first: seen.first });
}

// The recorder state; snapshots from older builds kept a flat index (or no correlator or series caches): those
// start afresh.
function recorderState(c: Cluster): RecorderState {
  const st = c.ext<RecorderState>('events', newRecorderState);
  st.bySource ??= new Map();
  st.aggregates ??= new Map();
  st.spam ??= new Map();
  st.series ??= new Map();
  return st;
}

// The first broadcaster tick (a multiple of the finish period from the cluster's start) strictly after `ms`.
const tickAfter = (ms: number): number => (Math.floor(ms / SERIES_FINISH_MS) + 1) * SERIES_FINISH_MS;

/**
 * An events.k8s.io event (tools/events recordToSink): the first of its kind is written with eventTime, action and
 * the reporting controller and instance (no source, timestamps or count, as the core/v1 view of the new API
 * shows them); the second isomorphic one (same regarding object version, action, reason, note) makes it a series
 * of 2, written at once; later ones only count in the cache until a ticker writes the series.
 */
function recordSeries(c: Cluster, st: RecorderState, e: EventInput): void {
  const m = e.object.metadata ?? {};
  const ns = m.namespace || 'default';
  const source = sourceKey(e.component, e.host ?? '');
  const cache = cacheOf(st.series!, source);
  const now = c.now;
  // uid, resourceVersion, fieldPath, action, reason and message joined by NULs; the action and reason part is kept
  // per pair (a six-part join built an array and a scratch list besides).
  const key = (m.uid ?? '') + '\u0000' + (m.resourceVersion ?? '') + '\u0000' + (e.fieldPath ?? '') + actionParts(e.action ?? '', e.reason) + e.message;
  forgetSingletons(c, cache, now);
  let entry = cache.get(key);
  if (!entry) {
    const name = newName(c, st, ns, m.name ?? '', c.wallNow());
    entry = { name, ns, first: now, count: 0, last: now, event: seriesEvent(c, e, name, ns, now) };
    cache.set(key, entry);
    singletonQueue(cache).items.push(key, entry);
    writeSeriesEvent(c, entry);
    return;
  }
  entry.last = now;
  if (entry.count > 0) {
    entry.count++;
    scheduleSeriesTick(c, now);
    return;
  }
  entry.count = 2;
  writeSeriesEvent(c, entry);
  scheduleSeriesTick(c, now);
}

// The `NUL action NUL reason NUL` part of the series keys, one string per pair.
const actionKeys = new Map<string, Map<string, string>>();
function actionParts(action: string, reason: string): string {
  let byReason = actionKeys.get(action);
  if (!byReason) actionKeys.set(action, (byReason = new Map()));
  let k = byReason.get(reason);
  if (k === undefined) byReason.set(reason, (k = ['', action, reason, ''].join('\u0000')));
  return k;
}

/**
 * The cache's entries in the order they were first seen (Map order), as a queue with a moving head: derived, never
 * persisted; rebuilt from the cache when missing (a restored snapshot). Scanning the Map from its front instead
 * would pass over every hole the deletions left there until the Map rehashes. Flat: a key, then its entry (no
 * pair array per event); `head` is the index of a key.
 */
interface SingletonQueue { items: Array<string | SeriesEntry>; head: number }
const singletonQueues = new WeakMap<Map<string, SeriesEntry>, SingletonQueue>();

function singletonQueue(cache: Map<string, SeriesEntry>): SingletonQueue {
  let q = singletonQueues.get(cache);
  if (!q) singletonQueues.set(cache, (q = { items: [...cache].flat(), head: 0 }));
  return q;
}

/**
 * Forgets the singletons that are past the first finish tick after they turned 6 minutes old. That is done here,
 * lazily (a singleton is never written again, so only its being forgotten matters). Entries are first seen in
 * virtual-time order, so the expired singletons are the oldest ones, passed over only by open series (which the
 * tickers forget) and by entries no longer in the cache.
 */
function forgetSingletons(c: Cluster, cache: Map<string, SeriesEntry>, now: number): void {
  const q = singletonQueue(cache);
  const items = q.items;
  while (q.head < items.length) {
    const k = items[q.head] as string, entry = items[q.head + 1] as SeriesEntry;
    if (cache.get(k) !== entry || entry.count > 0) { q.head += 2; continue; }
    if (tickAfter(entry.first + SERIES_FINISH_MS) > now) break;
    cache.delete(k);
    q.head += 2;
  }
  if (q.head > 2048 && q.head * 2 > items.length) {
    items.splice(0, q.head);
    q.head = 0;
  }
  if (c.checks) {
    for (const [k, entry] of cache) {
      if (entry.count === 0 && tickAfter(entry.first + SERIES_FINISH_MS) <= now) throw new EngineCheckError(`events.k8s.io cache keeps expired singleton ${k}`);
    }
  }
}

// The tickers are housekeeping: they run when time passes them, but settling does not wait for them.
function scheduleSeriesTick(c: Cluster, now: number): void {
  c.enqueue(SERIES_TICK, 'tick', tickAfter(now) - now, true, true);
}

// The core/v1 view of an events.k8s.io event as first written (kept with its cache entry, so a series can be
// written whole again when its Event is gone). Two literals rather than a conditional spread (keys after a spread
// give the object a map of its own).
function seriesEvent(c: Cluster, e: EventInput, name: string, ns: string, first: number): Event {
  const metadata = { name, namespace: ns };
  const eventTime = rfc3339Micro(c.state.epochMs + first);
  const reportingInstance = EVENTS_V1.get(e.component) ?? '';
  return e.action
    ? {
      metadata, involvedObject: involvedObjectOf(e), reason: e.reason, message: e.message, source: {}, type: e.type, eventTime,
      action: e.action, reportingComponent: e.component, reportingInstance,
    }
    : {
      metadata, involvedObject: involvedObjectOf(e), reason: e.reason, message: e.message, source: {}, type: e.type, eventTime,
      reportingComponent: e.component, reportingInstance,
    };
}

// Writes a series entry's Event: a series patch when it is stored (none when the patch would change nothing, as
// the API server skips an update that leaves the object as it was), else the whole Event (again, if it is gone).
function writeSeriesEvent(c: Cluster, entry: SeriesEntry): void {
  const series = entry.count > 0 ? { count: entry.count, lastObservedTime: rfc3339Micro(c.state.epochMs + entry.last) } : undefined;
  const old = entry.count > 0 ? c.store.get('Event', entry.ns, entry.name) : undefined;
  if (old) {
    if (old.series?.count === series!.count && old.series?.lastObservedTime === series!.lastObservedTime) return;
    c.store.update('Event', { ...old, series }, OWNED);
    return;
  }
  c.store.create('Event', series ? { ...entry.event, series } : entry.event, { trusted: true });
}

/**
 * The broadcaster's tickers at a finish tick (and a refresh tick every 30 minutes): series not observed for 6
 * minutes are written a last time and forgotten, singletons that old forgotten, and on a refresh tick every other
 * series written. Schedules the next tick while a series is open. Models finishSeries and
 * refreshExistingEventSeries.
 */
export function seriesTick(c: Cluster): void {
  const st = recorderState(c);
  // The timer is only ever set for a tick (a multiple of the finish period).
  const now = c.now;
  const refresh = now % SERIES_REFRESH_MS === 0;
  let open = false;
  for (const cache of st.series!.values()) {
    for (const [key, entry] of cache) {
      const finished = (entry.count > 0 ? entry.last : entry.first) < now - SERIES_FINISH_MS;
      if (entry.count > 0 && (finished || refresh)) writeSeriesEvent(c, entry);
      if (finished) cache.delete(key);
      else if (entry.count > 0) open = true;
    }
  }
  if (open) scheduleSeriesTick(c, now);
}

// client-go names events <object>.<unix nanos in hex>, each from its own clock reading; virtual nanos (wall ms and
// the trace sequence, plus an offset for more events of one object at one base) keep names deterministic and
// unique, also against names of dropped events.
function newName(c: Cluster, st: RecorderState, ns: string, object: string, wall: number): string {
  const seq = c.state.traceSeq;
  let issued = st.issued;
  if (!issued) st.issued = issued = { wall, seq, last: new Map(), ns: undefined, object: undefined, plus: 0 };
  else if (issued.wall !== wall || issued.seq !== seq) {
    // A new base: the names handed out at the old one no longer matter (the base moves on nearly every event, so
    // the record is reused rather than replaced).
    issued.wall = wall;
    issued.seq = seq;
    issued.object = undefined;
    if (issued.last.size) issued.last.clear();
  }
  // The first object named at this base is kept in the record itself; others go to the Map under a joined key.
  const first = issued.object === undefined ? issued.last.size === 0 : issued.object === object && issued.ns === ns;
  const key = first ? '' : [ns, object].join('/');
  let plus = first ? (issued.object === undefined ? 0 : issued.plus! + 1) : (issued.last.get(key) ?? -1) + 1;
  let name = `${object}.${nanosHex(wall, seq + plus)}`;
  while (c.store.get('Event', ns, name)) name = `${object}.${nanosHex(wall, seq + ++plus)}`;
  if (first) { issued.ns = ns; issued.object = object; issued.plus = plus; }
  else issued.last.set(key, plus);
  if (c.checks && issued.object !== undefined && issued.last.has([issued.ns, issued.object].join('/'))) {
    throw new EngineCheckError(`event names issued for ${issued.ns}/${issued.object} are recorded twice`);
  }
  return name;
}

// A combined event is the aggregator's own copy, which sets no reporting controller or instance.
function createEvent(c: Cluster, e: EventInput, ns: string, seen: Observation, message: string, combined: boolean): boolean {
  // Built for the store to take as it is (`owned`): apiVersion and kind first, as the store would put them.
  const ev: Event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: seen.name, namespace: ns },
    involvedObject: involvedObjectOf(e),
    reason: e.reason,
    message,
    // Two literals rather than a conditional spread.
    source: e.host ? { component: e.component, host: e.host } : { component: e.component },
    firstTimestamp: seen.first,
    lastTimestamp: rfc3339(c.wallNow()),
    count: seen.count,
    type: e.type,
    reportingComponent: combined ? '' : e.component,
    reportingInstance: combined ? '' : e.host ?? '',
  };
  return c.store.create('Event', ev, OWNED).ok;
}

const OWNED = Object.freeze({ trusted: true, owned: true });

/** Runs the events.k8s.io broadcaster's tickers (timer SERIES_TICK); watches nothing. */
export const eventSeriesController: Controller = {
  name: 'events',
  kinds: [],
  run(kind, _key, c) {
    if (kind === SERIES_TICK) seriesTick(c);
  },
};
