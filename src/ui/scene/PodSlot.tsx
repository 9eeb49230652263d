// One ordinal slot: the pod (or a placeholder when it does not exist) and the claims of that ordinal below it.
import { memo } from 'react';
import { AnimatePresence, motion } from 'framer-motion';
import { useObject } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { PodCard } from './PodCard.tsx';
import { PvcCard } from './PvcCard.tsx';

/** Slot `ordinal` of the set under `setKey`; `held` when the partition keeps this ordinal back. */
export const PodSlot = memo(function PodSlot({ setKey, ordinal, claimKeys, held }: {
  setKey: string; ordinal: number; claimKeys: string[]; held: boolean;
}) {
  const t = useT();
  const [ns, setName] = setKey.split('/');
  const podName = `${setName}-${ordinal}`;
  const pod = useObject('Pod', `${ns}/${podName}`);
  const set = useObject('StatefulSet', setKey);
  const inRange = set ? ordinal - (set.spec?.ordinals?.start ?? 0) < (set.spec?.replicas ?? 0) : false;
  return (
    <>
      <AnimatePresence mode="popLayout" initial={false}>
        {pod ? (
          <motion.div key={pod.metadata?.uid} initial={{ opacity: 0, y: -12 }} animate={{ opacity: 1, y: 0 }}
            exit={{ opacity: 0, y: 12 }}>
            <PodCard pod={pod} held={held} updateRevision={set?.status?.updateRevision} />
          </motion.div>
        ) : (
          <motion.div key="ghost" className="pod ghost" initial={{ opacity: 0 }} animate={{ opacity: 1 }} exit={{ opacity: 0 }}>
            <span className="pod-name">{podName}</span>
            <span className="ghost-text">{inRange ? t('pod.notCreated') : t('pod.gone')}</span>
          </motion.div>
        )}
      </AnimatePresence>
      {claimKeys.map((k) => <PvcCard key={k} pvcKey={k} podName={podName} />)}
    </>
  );
});
