// Key of the dense grid: how a cell shows ready, not ready, failing and terminating pods (shape and
// texture, not colour alone), what the claim bars mean, and where the partition bar is.
import { memo } from 'react';
import { useT } from '../i18n/useT.ts';

/** The legend line; `partition` 0 leaves out the partition entry. */
export const CompactLegend = memo(function CompactLegend({ partition }: { partition: number }) {
  const t = useT();
  return (
    <ul className="compact-legend" aria-label={t('compact.legend')}>
      <li><span className="mini look-ready rev-0" aria-hidden="true" />{t('compact.ready')}</li>
      <li><span className="mini look-waiting rev-0" aria-hidden="true" />{t('compact.waiting')}</li>
      <li><span className="mini look-failing rev-0" aria-hidden="true" />{t('compact.failing')}</li>
      <li><span className="mini look-terminating rev-0" aria-hidden="true" />{t('compact.terminating')}</li>
      <li><span className="mini-pvc mounted" aria-hidden="true" />{t('compact.pvcMounted')}</li>
      <li><span className="mini-pvc detached" aria-hidden="true" />{t('compact.pvcDetached')}</li>
      {partition > 0 && <li className="legend-partition"><span className="partition-bar" aria-hidden="true" />{t('compact.partition', { partition })}</li>}
    </ul>
  );
});
