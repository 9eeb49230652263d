// The event recorder: writes core/v1 Events the way client-go's recorder does, aggregating repeats of
// the same (object, type, reason, message, source) into one Event with a count and lastTimestamp.
import type { Event, KObject, Kind } from './api/types.ts';
import { rfc3339 } from './clock/time.ts';
import type { Cluster } from './cluster.ts';

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

interface RecorderState { index: Map<string, string> }

/** Records an Event (or bumps the count of an identical one). Never throws. */
export function recordEvent(c: Cluster, e: EventInput): void {
  const st = c.ext<RecorderState>('events', () => ({ index: new Map() }));
  const m = e.object.metadata ?? {};
  const ns = m.namespace || 'default';
  const aggKey = [m.uid, e.type, e.reason, e.message, e.component, e.host ?? '', e.fieldPath ?? ''].join('\u0000');
  const wall = c.wallNow();
  const existingName = st.index.get(aggKey);
  if (existingName) {
    const old = c.store.get('Event', ns, existingName);
    if (old) {
      // Only top-level fields change (the store gives the write fresh metadata), so a shallow copy does.
      const next: Event = { ...old, count: (old.count ?? 1) + 1, lastTimestamp: rfc3339(wall) };
      c.store.update('Event', next, { trusted: true });
      return;
    }
  }
  // client-go names events <object>.<unix nanos in hex>; virtual nanos keep it deterministic and unique.
  let nanos = BigInt(wall) * 1_000_000n + BigInt(c.state.traceSeq);
  let name = `${m.name}.${nanos.toString(16)}`;
  while (c.store.get('Event', ns, name)) { nanos += 1n; name = `${m.name}.${nanos.toString(16)}`; }
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
    firstTimestamp: rfc3339(wall),
    lastTimestamp: rfc3339(wall),
    count: 1,
    type: e.type,
    eventTime: undefined,
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
  };
  delete ev.eventTime;
  const r = c.store.create('Event', ev, { trusted: true });
  if (r.ok) st.index.set(aggKey, name);
}
