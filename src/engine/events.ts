// The event recorder: writes core/v1 Events the way client-go's recorder does, aggregating repeats of
// the same (object, type, reason, message, source) into one Event with a count and lastTimestamp.
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

/**
 * Per event source (component and host, i.e. one recorder), an LRU of observations by aggregation key:
 * Map insertion order is recency order, the oldest entry goes first when full.
 */
interface RecorderState { bySource: Map<string, Map<string, Observation>> }

// Models client-go tools/record/events_cache.go maxLruCacheEntries.
const LRU_ENTRIES = 4096;

const newRecorderState = (): RecorderState => ({ bySource: new Map() });

// Per LRU, a live iterator over its keys that only ever passed evicted entries, so its next key is the
// oldest one. `lru.keys().next()` would start over at the front and skip every hole left by earlier evictions
// and recency bumps until the Map rehashes. Derived (never persisted); recreated when missing.
const oldestKeys = new WeakMap<Map<string, Observation>, Iterator<string>>();

// Removes the least recently used entry; in checks mode compared with a fresh scan from the front.
function evictOldest(c: Cluster, lru: Map<string, Observation>): void {
  let it = oldestKeys.get(lru);
  if (!it) oldestKeys.set(lru, (it = lru.keys()));
  const k = it.next().value!;
  if (c.checks && k !== lru.keys().next().value) throw new EngineCheckError(`event LRU oldest-key iterator is at ${k}, not the oldest entry`);
  lru.delete(k);
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

/**
 * Records an Event (or bumps the count of an identical one). Never throws. A repeat whose Event has
 * already expired (apiserver --event-ttl) is created again under its old name, count and firstTimestamp,
 * as client-go does when its patch finds the Event gone.
 */
// Models client-go tools/record events_cache.go eventLogger.eventObserve and event.go recordToSink.
export function recordEvent(c: Cluster, e: EventInput): void {
  const st = c.ext<RecorderState>('events', newRecorderState);
  // Snapshots from older builds kept a flat index instead; start the caches afresh.
  st.bySource ??= new Map();
  const m = e.object.metadata ?? {};
  const ns = m.namespace || 'default';
  // Map keys by join: one flat string, where a template literal builds a rope that each lookup must first
  // flatten (measured slower).
  const source = sourceKey(e.component, e.host ?? '');
  let lru = st.bySource.get(source);
  if (!lru) st.bySource.set(source, (lru = new Map()));
  const aggKey = [m.uid, e.type, e.reason, e.message, e.fieldPath ?? ''].join('\u0000');
  const wall = c.wallNow();
  const seen = lru.get(aggKey);
  if (seen) {
    lru.delete(aggKey);
    seen.count++;
    lru.set(aggKey, seen);
    const old = c.store.get('Event', ns, seen.name);
    if (old) {
      // Only top-level fields change (the store gives the write fresh metadata), so a shallow copy does.
      const next: Event = { ...old, count: seen.count, lastTimestamp: rfc3339(wall) };
      c.store.update('Event', next, { trusted: true });
      return;
    }
    createEvent(c, e, ns, seen.name, seen.first, seen.count);
    return;
  }
  // client-go names events <object>.<unix nanos in hex>; virtual nanos keep it deterministic and unique.
  let plus = 0;
  let name = `${m.name}.${nanosHex(wall, c.state.traceSeq)}`;
  while (c.store.get('Event', ns, name)) name = `${m.name}.${nanosHex(wall, c.state.traceSeq + ++plus)}`;
  const first = rfc3339(wall);
  if (createEvent(c, e, ns, name, first, 1)) {
    if (lru.size >= LRU_ENTRIES) evictOldest(c, lru);
    lru.set(aggKey, { name, count: 1, first });
  }
}

function createEvent(c: Cluster, e: EventInput, ns: string, name: string, first: string, count: number): boolean {
  const m = e.object.metadata ?? {};
  const ev: Event = {
    metadata: { name, namespace: ns },
    involvedObject: {
      kind: e.object.kind as Kind, namespace: m.namespace, name: m.name, uid: m.uid,
      apiVersion: e.object.apiVersion, resourceVersion: m.resourceVersion,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message: e.message,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: first,
    lastTimestamp: rfc3339(c.wallNow()),
    count,
    type: e.type,
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
  };
  return c.store.create('Event', ev, { trusted: true }).ok;
}
