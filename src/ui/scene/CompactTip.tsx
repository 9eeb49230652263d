// The dense grid's one hover/focus bubble: the pod's name, its kubectl STATUS and its revision.
import { memo } from 'react';
import { useObject } from '../store/index.ts';
import { podStatus } from './pod-status.ts';
import { REVISION_LABEL, shortHash } from './identity.ts';

/** Which pod the bubble names and where (px from the grid wrapper's top-left: the cell's bottom centre). */
export interface TipAt { podKey: string; x: number; y: number }

/** Bubble under the cell at `at`; hidden from assistive technology (each button's name says the same). */
export const CompactTip = memo(function CompactTip({ at }: { at: TipAt }) {
  const pod = useObject('Pod', at.podKey);
  const revName = pod?.metadata?.labels?.[REVISION_LABEL] ?? '';
  const rev = useObject('ControllerRevision', `${at.podKey.split('/')[0]}/${revName}`);
  if (!pod) return null;
  return (
    <div className="compact-tip" aria-hidden="true" data-testid="compact-tip" style={{ left: at.x, top: at.y }}>
      <code>{pod.metadata?.name}</code> {podStatus(pod).status}{rev ? ` · #${rev.revision} ${shortHash(revName)}` : ''}
    </div>
  );
});
