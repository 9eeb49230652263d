// One StatefulSet: its card, its revision history strip and its ordinal slots (pods with their claims),
// with the partition drawn as a boundary between ordinals. Switches to a dense grid past COMPACT_AT slots.
import { memo, useMemo } from 'react';
import { AnimatePresence, motion } from 'framer-motion';
import { useKeys, useObject } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { StatefulSetCard } from './StatefulSetCard.tsx';
import { RevisionStrip } from './RevisionStrip.tsx';
import { PodSlot } from './PodSlot.tsx';
import { CompactGrid } from './CompactGrid.tsx';
import { PartitionBoundary } from './PartitionBoundary.tsx';
import { claimPodName, partitionOf, podOrdinal, startOrdinal } from './identity.ts';
import { slotOrdinals } from './slots.ts';

/** Slot count above which the scene draws a dense grid instead of cards. */
export const COMPACT_AT = 50;

/** The view of the StatefulSet stored under `setKey` (`ns/name`). */
export const SetView = memo(function SetView({ setKey }: { setKey: string }) {
  const t = useT();
  const set = useObject('StatefulSet', setKey);
  const [ns, name] = setKey.split('/');
  const podKeys = useKeys('Pod', ns);
  const pvcKeys = useKeys('PersistentVolumeClaim', ns);
  const replicas = set?.spec?.replicas ?? 0;
  const start = set ? startOrdinal(set) : 0;
  const partition = set ? partitionOf(set) : 0;
  const rolling = set?.spec?.updateStrategy?.type !== 'OnDelete';
  const podOrdinals = useMemo(
    () => podKeys.map((k) => podOrdinal(name, k.slice(ns.length + 1))).filter((o) => o >= 0),
    [podKeys, name, ns],
  );
  const claimsByOrdinal = useMemo(() => {
    const m = new Map<number, string[]>();
    if (!set) return m;
    for (const k of pvcKeys) {
      const pod = claimPodName(set, k.slice(ns.length + 1));
      if (!pod) continue;
      const o = podOrdinal(name, pod);
      m.set(o, [...(m.get(o) ?? []), k]);
    }
    return m;
  }, [pvcKeys, set, name, ns]);
  const ordinals = useMemo(
    () => slotOrdinals(start, replicas, podOrdinals, [...claimsByOrdinal.keys()]),
    [start, replicas, podOrdinals, claimsByOrdinal],
  );
  if (!set) return null;
  const compact = ordinals.length > COMPACT_AT;
  const leftBehind = [...claimsByOrdinal.keys()].some((o) => o - start >= replicas || o < start);
  // The boundary sits before the first ordinal whose index reaches the partition (after the last slot if none).
  const boundaryAt = rolling && partition > 0 ? (ordinals.find((o) => o - start >= partition) ?? END) : undefined;
  const boundary = (
    <motion.div key="partition" layout="position" className="partition-slot" role="listitem"
      initial={{ opacity: 0 }} animate={{ opacity: 1 }} exit={{ opacity: 0 }}>
      <PartitionBoundary partition={partition} />
    </motion.div>
  );
  return (
    <article className="set-view" aria-label={`StatefulSet ${name}`}>
      <StatefulSetCard setKey={setKey} />
      <RevisionStrip setKey={setKey} podKeys={compact ? [] : podKeys} />
      {compact ? (
        <CompactGrid set={set} ordinals={ordinals} claimsByOrdinal={claimsByOrdinal} />
      ) : (
        <div className="slots" role="list" aria-label={t('scene.pods', { name })}>
          <AnimatePresence mode="popLayout" initial={false}>
            {ordinals.flatMap((o) => {
              const slot = (
                <motion.div key={o} layout="position" className="slot" role="listitem"
                  initial={{ opacity: 0, scale: 0.9 }} animate={{ opacity: 1, scale: 1 }} exit={{ opacity: 0, scale: 0.9 }}>
                  <PodSlot setKey={setKey} ordinal={o} claimKeys={claimsByOrdinal.get(o) ?? NONE} held={rolling && o - start < partition} />
                </motion.div>
              );
              return o === boundaryAt ? [boundary, slot] : [slot];
            })}
            {boundaryAt === END && boundary}
          </AnimatePresence>
        </div>
      )}
      {leftBehind && <p className="scene-note" role="note">{t('scene.detachedNote')}</p>}
    </article>
  );
});

const NONE: string[] = [];
const END = -1;
