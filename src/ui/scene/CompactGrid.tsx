// Dense grid for large sets (past COMPACT_AT slots): one small square per ordinal, colour + glyph per revision,
// a bar for its claim. Keeps the same test hooks and accessible names as the full cards.
import { memo } from 'react';
import type { StatefulSet } from '../../engine/index.ts';
import { useObject, useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { isPodReady, podStatus, statusTone } from './pod-status.ts';
import { partitionOf, REVISION_GLYPHS, REVISION_LABEL, revisionSlot, shortHash } from './identity.ts';

/** The dense grid of a large set. */
export const CompactGrid = memo(function CompactGrid({ set, ordinals, claimsByOrdinal }: {
  set: StatefulSet; ordinals: number[]; claimsByOrdinal: Map<number, string[]>;
}) {
  const t = useT();
  const ns = set.metadata?.namespace ?? 'default';
  const name = set.metadata?.name ?? '';
  const partition = set.spec?.updateStrategy?.type === 'OnDelete' ? 0 : partitionOf(set);
  const start = set.spec?.ordinals?.start ?? 0;
  return (
    <div className="compact-grid" role="list" aria-label={t('scene.pods', { name })}>
      {ordinals.map((o) => (
        <div key={o} role="listitem" className={`cell${partition > 0 && o - start === partition ? ' after-partition' : ''}`}>
          <CompactPod podKey={`${ns}/${name}-${o}`} />
          {(claimsByOrdinal.get(o) ?? []).map((k) => <CompactPvc key={k} pvcKey={k} podKey={`${ns}/${name}-${o}`} />)}
        </div>
      ))}
    </div>
  );
});

const CompactPod = memo(function CompactPod({ podKey }: { podKey: string }) {
  const t = useT();
  const sim = useSim();
  const pod = useObject('Pod', podKey);
  const revName = pod?.metadata?.labels?.[REVISION_LABEL] ?? '';
  const rev = useObject('ControllerRevision', `${podKey.split('/')[0]}/${revName}`);
  const name = podKey.split('/')[1];
  if (!pod) return <span className="mini ghost" aria-hidden="true" />;
  const s = podStatus(pod);
  const ready = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const slot = revisionSlot(rev?.revision);
  const label = t('pod.label', { name, status: s.status, ready: ready ? t('pod.ready') : t('pod.notReady'), revision: rev ? `#${rev.revision} ${shortHash(revName)}` : '—' });
  return (
    <button type="button" className={`mini tone-${statusTone(s.status)} rev-${slot}${terminating ? ' terminating' : ''}`}
      data-testid={`pod-${name}`} data-phase={pod.status?.phase ?? ''} data-ready={String(ready)}
      data-terminating={String(terminating)} data-revision={revName} data-ordinal={name.split('-').pop()}
      aria-label={label} title={label} onClick={() => sim.select(podKey)}>
      <span aria-hidden="true">{REVISION_GLYPHS[slot]}</span>
    </button>
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
