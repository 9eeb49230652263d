// One PersistentVolumeClaim under its ordinal: phase, bound PV, the files written onto it, and whether a pod
// mounts it. A claim whose pod is gone stays, drawn detached with the reason: StatefulSets keep claims so a
// returning pod gets its data (the files line shows that data staying while pods come and go).
import { memo } from 'react';
import { useObject, useVolumeFiles } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { filesText } from './files-text.ts';

/** Card for the claim under `pvcKey`; `podName` is the pod of the same ordinal. */
export const PvcCard = memo(function PvcCard({ pvcKey, podName }: { pvcKey: string; podName: string }) {
  const t = useT();
  const pvc = useObject('PersistentVolumeClaim', pvcKey);
  const ns = pvcKey.split('/')[0];
  const pod = useObject('Pod', `${ns}/${podName}`);
  const pvName = pvc?.spec?.volumeName ?? '';
  const pv = useObject('PersistentVolume', pvName || '-');
  const files = useVolumeFiles(pvName);
  if (!pvc) return null;
  const name = pvc.metadata?.name ?? '';
  const mounted = !!pod?.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === name);
  const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending');
  const size = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage ?? '';
  const listed = files.length ? t('pvc.files', { files: filesText(files) }) : '';
  const label = t(mounted ? 'pvc.labelMounted' : 'pvc.labelDetached', { name, phase, pod: podName, pv: pvName || '—' }) + (listed ? `; ${listed}` : '');
  return (
    <div className={`pvc ${mounted ? 'mounted' : 'detached'} phase-${phase}`} data-testid={`pvc-${name}`}
      data-phase={pvc.status?.phase ?? 'Pending'} data-pod={mounted ? podName : ''} tabIndex={0} role="group" aria-label={label}>
      <span className="pvc-link" aria-hidden="true" />
      <span className="pvc-name"><span className="kind">PVC</span> {name}</span>
      <span className="pvc-phase">{phase} {size}</span>
      {pvName && <span className="pvc-pv" title={pvName}>PV {pvName.slice(0, 12)}… {pv?.status?.phase ?? ''}</span>}
      {listed && <span className="pvc-files" data-testid={`pvc-files-${name}`}>{listed}</span>}
      {!mounted && <span className="pvc-detached">{t('pvc.detached')}</span>}
    </div>
  );
});
