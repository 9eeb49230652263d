// The story of the selected pod: its state now, the controllers' decisions about it and its events,
// plus fault injection (`sim pod NAME unready|ready|crash|fail|evict`) and delete.
import { useMemo } from 'react';
import type { Event } from '../../engine/index.ts';
import { useObject, useSim, useSimStore, useTrace, useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { podStatus } from '../scene/pod-status.ts';
import { podDnsName, REVISION_LABEL } from '../scene/identity.ts';
import { cmd } from './controls-commands.ts';
import { Sentence } from './Explain.tsx';
import { eventTime, sortedEvents } from './EventLog.tsx';
import { formatVirtual } from './format-virtual.ts';

const NO_EVENTS: Event[] = [];

/** The panel for `view.selected`; a hint when nothing is selected. */
export function PodStory() {
  const t = useT();
  const sim = useSim();
  const { selected } = useView();
  const pod = useObject('Pod', selected ?? '-');
  const name = selected?.split('/')[1] ?? '';
  const trace = useTrace(2000);
  const eventMap = useSimStore((s) => s.objects.Event);
  const events = useMemo(() => name
    ? sortedEvents(eventMap, undefined, 200, (e) => e.involvedObject.name === name && e.involvedObject.kind === 'Pod')
    : NO_EVENTS, [eventMap, name]);
  const wallStart = useSimStoreStart();
  if (!selected) {
    return <section className="panel story" aria-label={t('story.hint')}><p className="muted">{t('story.hint')}</p></section>;
  }
  const records = trace.filter((r) => r.object?.name === name && r.object.kind === 'Pod').slice(-30);
  const s = pod ? podStatus(pod) : undefined;
  return (
    <section className="panel story" aria-labelledby="story-h" data-testid="pod-story">
      <h2 id="story-h">{t('story.title', { name })}
        <button type="button" className="close" onClick={() => sim.select(undefined)} aria-label={t('common.close')}>✕</button>
      </h2>
      {pod && s ? (
        <dl className="story-facts">
          <Fact k="READY" v={s.ready} />
          <Fact k="STATUS" v={s.status} />
          <Fact k="RESTARTS" v={String(s.restarts)} />
          <Fact k="NODE" v={pod.spec?.nodeName || '<none>'} />
          <Fact k="IP" v={pod.status?.podIP || '<none>'} />
          <Fact k={REVISION_LABEL} v={pod.metadata?.labels?.[REVISION_LABEL] ?? ''} />
          {podDnsName(pod) && <Fact k="DNS" v={podDnsName(pod)} />}
          {(pod.status?.conditions ?? []).map((c) => <Fact key={c.type} k={c.type} v={c.status} />)}
        </dl>
      ) : <p className="muted">{t('story.gone', { name })}</p>}
      {pod && (
        <div className="row faults" role="group" aria-label={t('story.faults')}>
          {(['unready', 'ready', 'crash', 'fail', 'evict'] as const).map((f) => (
            <button type="button" key={f} onClick={() => sim.command(cmd.podFault(name, f))}>{t(`story.${f}`)}</button>
          ))}
          <button type="button" className="danger" onClick={() => sim.command(cmd.deletePod(name))}>{t('pod.delete', { name })}</button>
        </div>
      )}
      <h3>{t('story.trace')}</h3>
      {records.length === 0 ? <p className="muted">{t('story.none')}</p> : <ol className="explain-list" tabIndex={0} aria-label={t('story.trace')}>{records.map((r) => <Sentence key={r.seq} rec={r} />)}</ol>}
      <h3>{t('story.events')}</h3>
      {events.length === 0 ? <p className="muted">{t('story.none')}</p> : (
        <ol className="story-events" tabIndex={0} aria-label={t('story.events')}>
          {events.map((e) => (
            <li key={e.metadata?.uid ?? e.metadata?.name} className={e.type === 'Warning' ? 'warning' : undefined}>
              <time className="vt">{formatVirtual(Math.max(0, eventTime(e) - wallStart))}</time> {e.type} {e.reason}: {e.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One name/value pair of the facts list (a div group, as dl allows). */
function Fact({ k, v }: { k: string; v: string }) {
  return <div className="fact"><dt>{k}</dt><dd>{v}</dd></div>;
}

/** Unix ms of virtual time 0 (wall clock minus virtual ms), to stamp events on the virtual axis. */
function useSimStoreStart(): number {
  return useSimStore((s) => s.clock.wallMs - s.clock.ms);
}
