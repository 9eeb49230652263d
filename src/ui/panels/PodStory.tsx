// The story of the selected pod: its state now, the controllers' decisions about it and its events,
// plus fault injection (`sim pod NAME unready|ready|crash|fail|evict`) and delete.
import { useShallow } from 'zustand/react/shallow';
import type { Event } from '../../engine/index.ts';
import { useObject, useSim, useSimStore, useTrace, useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { podStatus } from '../scene/pod-status.ts';
import { podDnsName, REVISION_LABEL } from '../scene/identity.ts';
import { cmd } from './controls-commands.ts';
import { Sentence } from './Explain.tsx';
import { eventTime } from './EventLog.tsx';
import { formatVirtual } from './format-virtual.ts';

/** The panel for `view.selected`; a hint when nothing is selected. */
export function PodStory() {
  const t = useT();
  const sim = useSim();
  const { selected } = useView();
  const pod = useObject('Pod', selected ?? '-');
  const name = selected?.split('/')[1] ?? '';
  const trace = useTrace(2000);
  const events = useSimStore(useShallow((s) => {
    if (!name) return [] as Event[];
    const out: Event[] = [];
    for (const v of s.objects.Event.values()) {
      const e = v as Event;
      if (e.involvedObject.name === name && e.involvedObject.kind === 'Pod') out.push(e);
    }
    return out.sort((a, b) => eventTime(a) - eventTime(b));
  }));
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
          <dt>READY</dt><dd>{s.ready}</dd>
          <dt>STATUS</dt><dd>{s.status}</dd>
          <dt>RESTARTS</dt><dd>{s.restarts}</dd>
          <dt>NODE</dt><dd>{pod.spec?.nodeName || '<none>'}</dd>
          <dt>IP</dt><dd>{pod.status?.podIP || '<none>'}</dd>
          <dt>{REVISION_LABEL}</dt><dd>{pod.metadata?.labels?.[REVISION_LABEL] ?? ''}</dd>
          {podDnsName(pod) && <><dt>DNS</dt><dd>{podDnsName(pod)}</dd></>}
          {(pod.status?.conditions ?? []).map((c) => <span key={c.type} className="cond"><dt>{c.type}</dt><dd>{c.status}</dd></span>)}
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
      {records.length === 0 ? <p className="muted">{t('story.none')}</p> : <ol className="explain-list">{records.map((r) => <Sentence key={r.seq} rec={r} />)}</ol>}
      <h3>{t('story.events')}</h3>
      {events.length === 0 ? <p className="muted">{t('story.none')}</p> : (
        <ol className="story-events">
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

/** Unix ms of virtual time 0 (wall clock minus virtual ms), to stamp events on the virtual axis. */
function useSimStoreStart(): number {
  return useSimStore((s) => s.clock.wallMs - s.clock.ms);
}
