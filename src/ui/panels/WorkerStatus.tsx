// A banner while the engine worker starts or after it crashed (the bridge restarts it).
import { useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';

export function WorkerStatus() {
  const { workerStatus } = useView();
  const t = useT();
  if (workerStatus === 'ready') return null;
  return (
    <p className={`worker-status ${workerStatus}`} role={workerStatus === 'crashed' ? 'alert' : 'status'} data-testid="worker-status" data-status={workerStatus}>
      {workerStatus === 'crashed' ? t('app.workerCrashed') : t('app.workerStarting')}
    </p>
  );
}
