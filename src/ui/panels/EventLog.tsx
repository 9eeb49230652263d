// `kubectl get events`-style log of Event objects (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), newest last.
// Texts are exactly what the cluster stored; only the heading is translated.
import { memo, useMemo } from 'react';
import type { Event, KObject } from '../../engine/index.ts';
import { useSimStore } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { humanDuration } from '../scene/age.ts';

const times = new WeakMap<Event, number>();

/** Wall time (Unix ms) an event was last seen; parsed once per stored object (objects are immutable). */
export function eventTime(e: Event): number {
  let t = times.get(e);
  if (t === undefined) {
    const s = e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
    t = s ? Date.parse(s) : 0;
    times.set(e, t);
  }
  return t;
}

/** Events of `namespace` (or every namespace when undefined) matching `keep`, oldest first, at most `limit`. */
export function sortedEvents(map: ReadonlyMap<string, KObject>, namespace: string | undefined, limit: number, keep?: (e: Event) => boolean): Event[] {
  const all: Event[] = [];
  for (const [k, v] of map) {
    if (namespace !== undefined && !k.startsWith(namespace + '/')) continue;
    if (!keep || keep(v as Event)) all.push(v as Event);
  }
  all.sort((a, b) => eventTime(a) - eventTime(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return all.slice(-limit);
}

/** The newest `limit` events of the namespace (kubectl's, by default), ordered by time then name. */
export function EventLog({ limit = 60, namespace: given }: { limit?: number; namespace?: string }) {
  const t = useT();
  const current = useSimStore((s) => s.clock.namespace);
  const namespace = given ?? current;
  // Sorted only when the Event map changes (its reference is stable otherwise), not on every clock tick.
  const map = useSimStore((s) => s.objects.Event);
  const events = useMemo(() => sortedEvents(map, namespace, limit), [map, namespace, limit]);
  // Re-render ages once per virtual second, not on every frame.
  const nowSec = useSimStore((s) => Math.floor(s.clock.wallMs / 1000));
  return (
    <section className="panel events" aria-labelledby="events-h">
      <h2 id="events-h">{t('events.title')}</h2>
      {events.length === 0 ? <p className="muted">{t('events.empty')}</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="events-h">
          <table className="kubectl-table" data-testid="event-log">
            <thead><tr><th>LAST SEEN</th><th>TYPE</th><th>REASON</th><th>OBJECT</th><th>MESSAGE</th></tr></thead>
            <tbody>{events.map((e) => <EventRow key={e.metadata?.uid ?? e.metadata?.name} event={e} nowSec={nowSec} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const EventRow = memo(function EventRow({ event: e, nowSec }: { event: Event; nowSec: number }) {
  const obj = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
  return (
    <tr className={e.type === 'Warning' ? 'warning' : undefined}>
      <td>{humanDuration(nowSec * 1000 - eventTime(e))}</td>
      <td>{e.type}</td>
      <td>{e.reason}</td>
      <td>{obj}</td>
      <td>{e.message}</td>
    </tr>
  );
});
