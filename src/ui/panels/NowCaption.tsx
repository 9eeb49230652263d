// The "Now" caption under the scene: the newest controller decision as one large sentence, readable from
// the back of a classroom. Subscribes to that one record only, so it re-renders when the decision changes.
import { memo } from 'react';
import type { TraceRecord } from '../../engine/index.ts';
import { useSimStore, useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { explainRecord, latestExplained } from './explain-text.ts';
import { formatVirtual } from './format-virtual.ts';

/** The caption; keyed by record so each new decision fades in (CSS, off under reduced motion). */
export const NowCaption = memo(function NowCaption() {
  const t = useT();
  const { lang } = useView();
  const rec = useSimStore((s) => latestExplained(s.trace as TraceRecord[]));
  return (
    <section className="now" aria-labelledby="now-h" data-testid="now-caption">
      <h2 id="now-h" className="now-label">{t('now.label')}</h2>
      {rec ? (
        <p key={rec.seq} className={`now-text type-${rec.type.replace('.', '-')}`} data-type={rec.type}>
          <time className="now-time">{formatVirtual(rec.t)}</time> {explainRecord(lang, rec)}
        </p>
      ) : <p className="now-text muted">{t('explain.empty')}</p>}
    </section>
  );
});
