// `kubectl get events`-style log of Event objects (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), newest last.
// Texts are exactly what the cluster stored; only the heading is translated.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Event } from '../../engine/index.ts';
import { useSimStore } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { humanDuration } from '../scene/age.ts';

/** Wall time (Unix ms) an event was last seen. */
export function eventTime(e: Event): number {
  const s = e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return s ? Date.parse(s) : 0;
}

/** The newest `limit` events of the namespace, ordered by time then name. */
export function EventLog({ limit = 60, namespace = 'default' }: { limit?: number; namespace?: string }) {
  const t = useT();
  const events = useSimStore(useShallow((s) => {
    const all: Event[] = [];
    for (const [k, v] of s.objects.Event) if (k.startsWith(namespace + '/')) all.push(v as Event);
    all.sort((a, b) => eventTime(a) - eventTime(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    return all.slice(-limit);
  }));
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
