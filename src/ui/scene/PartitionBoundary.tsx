// The partition drawn between ordinals: pods left of it are held at their old revision.
import { useT } from '../i18n/useT.ts';

/** A vertical boundary labelled with the partition value. */
export function PartitionBoundary({ partition }: { partition: number }) {
  const t = useT();
  return (
    <div className="partition" data-testid="partition-boundary" data-partition={partition}
      role="separator" aria-orientation="vertical" aria-label={t('partition.label', { partition })}>
      <span className="partition-label">partition={partition}</span>
      <span className="partition-hint">{t('partition.hint')}</span>
    </div>
  );
}
