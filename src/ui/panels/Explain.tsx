// The explain panel: the newest controller decisions as sentences in the chosen language, newest first.
import { memo } from 'react';
import type { TraceRecord } from '../../engine/index.ts';
import { useTrace, useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { formatVirtual } from './format-virtual.ts';
import { explainRecord, isExplained } from './explain-text.ts';

/** Shows the last `limit` explained records. */
export function Explain({ limit = 40 }: { limit?: number }) {
  const t = useT();
  const trace = useTrace(400);
  const shown = trace.filter(isExplained).slice(-limit).reverse();
  return (
    <section className="panel explain" aria-labelledby="explain-h">
      <h2 id="explain-h">{t('explain.title')}</h2>
      {shown.length === 0 ? <p className="muted">{t('explain.empty')}</p> : (
        <ol className="explain-list" data-testid="explain-list" tabIndex={0} aria-labelledby="explain-h">
          {shown.map((r) => <Sentence key={r.seq} rec={r} />)}
        </ol>
      )}
    </section>
  );
}

/** One record as a sentence with its virtual time; memoised by record identity. */
export const Sentence = memo(function Sentence({ rec }: { rec: TraceRecord }) {
  const { lang } = useView();
  return (
    <li className={`sentence type-${rec.type.replace('.', '-')}`} data-type={rec.type} data-rule={rec.rule ?? ''}>
      <time className="vt">{formatVirtual(rec.t)}</time> {explainRecord(lang, rec)}
    </li>
  );
});
