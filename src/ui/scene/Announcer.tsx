// Polite, throttled screen-reader announcements of key cluster events (pod created, deleted, ready,
// failing). At most one announcement every THROTTLE_MS; bursts are summarised by their latest lines.
import { useEffect, useRef, useState } from 'react';
import type { Event } from '../../engine/index.ts';
import { useSimStore } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';

/** Minimum gap between two announcements (wall ms). */
export const THROTTLE_MS = 2500;

/** Event reasons worth announcing. */
export const ANNOUNCED = new Set(['SuccessfulCreate', 'SuccessfulDelete', 'Started', 'Killing', 'BackOff', 'Failed', 'FailedCreate', 'ProvisioningSucceeded']);

/** The visually hidden aria-live region. */
export function Announcer() {
  const t = useT();
  const events = useSimStore((s) => s.objects.Event);
  const seen = useRef<Set<string> | null>(null);
  const queue = useRef<string[]>([]);
  const [text, setText] = useState('');
  useEffect(() => {
    const first = seen.current === null;
    const known = seen.current ?? new Set<string>();
    for (const [k, v] of events) {
      if (known.has(k)) continue;
      known.add(k);
      const e = v as Event;
      // The first snapshot is history, not news.
      if (!first && e.reason && ANNOUNCED.has(e.reason)) queue.current.push(`${e.reason}: ${e.message ?? ''}`);
    }
    seen.current = known;
  }, [events]);
  useEffect(() => {
    const id = window.setInterval(() => {
      if (queue.current.length === 0) return;
      setText(queue.current.slice(-2).join('. '));
      queue.current = [];
    }, THROTTLE_MS);
    return () => window.clearInterval(id);
  }, []);
  return <div className="sr-only" role="status" aria-live="polite" aria-label={t('announce.region')} data-testid="announcer">{text}</div>;
}
