// One ordinal of the dense grid: its pod as a small button (look by state, colour and glyph by revision)
// and a bar per claim (solid when mounted, dashed when left behind). Same test hooks and names as the cards.
import { memo, useContext } from 'react';
import { useObject, useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { isPodReady, podStatus } from './pod-status.ts';
import { REVISION_LABEL, revisionSlot, shortHash } from './identity.ts';
import { cellLook } from './compact-layout.ts';
import { RovingContext, useIsTabStop } from './compact-focus.ts';

/** Grid cell of ordinal `ordinal`; `claims` are its PVC keys joined by `|` (a string keeps memo cheap). */
export const CompactCell = memo(function CompactCell({ podKey, ordinal, claims, held, boundary }: {
  podKey: string; ordinal: number; claims: string; held: boolean; boundary: '' | 'before' | 'after';
}) {
  const cls = `cell${held ? ' held' : ''}${boundary ? ` boundary-${boundary}` : ''}`;
  return (
    <div role="listitem" className={cls} style={{ gridColumn: (ordinal % 10) + 1 }}>
      <CompactPod podKey={podKey} />
      {claims ? claims.split('|').map((k) => <CompactPvc key={k} pvcKey={k} podKey={podKey} />) : null}
    </div>
  );
});

const CompactPod = memo(function CompactPod({ podKey }: { podKey: string }) {
  const t = useT();
  const sim = useSim();
  const pod = useObject('Pod', podKey);
  const stop = useIsTabStop(useContext(RovingContext), podKey);
  const revName = pod?.metadata?.labels?.[REVISION_LABEL] ?? '';
  const rev = useObject('ControllerRevision', `${podKey.split('/')[0]}/${revName}`);
  const name = podKey.split('/')[1];
  if (!pod) return <span className="mini ghost" aria-hidden="true" />;
  const s = podStatus(pod);
  const ready = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const label = t('pod.label', { name, status: s.status, ready: ready ? t('pod.ready') : t('pod.notReady'), revision: rev ? `#${rev.revision} ${shortHash(revName)}` : '—' });
  // No title attribute: the grid shows one shared bubble on hover and focus (CompactTip).
  return (
    <button type="button" className={`mini look-${cellLook(pod, s.status)} rev-${revisionSlot(rev?.revision)}`}
      data-testid={`pod-${name}`} data-phase={pod.status?.phase ?? ''} data-ready={String(ready)}
      data-terminating={String(terminating)} data-revision={revName} data-ordinal={name.split('-').pop()}
      aria-label={label} tabIndex={stop ? 0 : -1} onClick={() => sim.select(podKey)} />
  );
});

const CompactPvc = memo(function CompactPvc({ pvcKey, podKey }: { pvcKey: string; podKey: string }) {
  const t = useT();
  const pvc = useObject('PersistentVolumeClaim', pvcKey);
  const pod = useObject('Pod', podKey);
  if (!pvc) return null;
  const name = pvc.metadata?.name ?? '';
  const mounted = !!pod?.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === name);
  const podName = podKey.split('/')[1];
  const phase = pvc.status?.phase ?? 'Pending';
  return (
    <span className={`mini-pvc ${mounted ? 'mounted' : 'detached'}`} data-testid={`pvc-${name}`} data-phase={phase}
      data-pod={mounted ? podName : ''} role="img"
      aria-label={t(mounted ? 'pvc.labelMounted' : 'pvc.labelDetached', { name, phase, pod: podName, pv: pvc.spec?.volumeName ?? '—' })} />
  );
});
