// The ControllerRevision history of one set: number, hash, which pods run it, current/update markers.
// Items are ordered by revision number with CSS `order` so each chip can select only itself.
import { memo } from 'react';
import { useKeys, useObject } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { controllerName, REVISION_GLYPHS, REVISION_LABEL, revisionSlot, shortHash } from './identity.ts';

/** The revision strip of the set under `setKey`; `podKeys` are the namespace's pod keys (empty in compact mode). */
export const RevisionStrip = memo(function RevisionStrip({ setKey, podKeys }: { setKey: string; podKeys: string[] }) {
  const t = useT();
  const ns = setKey.split('/')[0];
  const keys = useKeys('ControllerRevision', ns);
  return (
    <div className="revisions" role="list" aria-label={t('revisions.title')}>
      <span className="revisions-title" aria-hidden="true">{t('revisions.title')}</span>
      {keys.map((k) => <RevisionChip key={k} revKey={k} setKey={setKey} podKeys={podKeys} />)}
    </div>
  );
});

const RevisionChip = memo(function RevisionChip({ revKey, setKey, podKeys }: { revKey: string; setKey: string; podKeys: string[] }) {
  const t = useT();
  const rev = useObject('ControllerRevision', revKey);
  const set = useObject('StatefulSet', setKey);
  const setName = setKey.split('/')[1];
  if (!rev || !set || controllerName(rev) !== setName) return null;
  const name = rev.metadata?.name ?? '';
  const slot = revisionSlot(rev.revision);
  const current = set.status?.currentRevision === name;
  const update = set.status?.updateRevision === name;
  const markers = [current && t('revisions.current'), update && t('revisions.update')].filter(Boolean).join(', ');
  return (
    <div role="listitem" className={`revision rev-${slot}`} style={{ order: rev.revision }} data-testid={`revision-${name}`}
      data-revision-number={rev.revision} data-current={current} data-update={update} tabIndex={0}
      aria-label={t('revisions.chipLabel', { number: rev.revision, hash: shortHash(name), markers: markers || '—' })}>
      <span className="rev-swatch" aria-hidden="true">{REVISION_GLYPHS[slot]}</span>
      <span className="rev-number">#{rev.revision}</span>
      <code className="rev-hash">{shortHash(name)}</code>
      {current && <span className="tag tag-current">{t('revisions.current')}</span>}
      {update && <span className="tag tag-update">{t('revisions.update')}</span>}
      <span className="rev-pods" aria-hidden="true">
        {podKeys.map((k) => <RevisionPod key={k} podKey={k} revision={name} />)}
      </span>
    </div>
  );
});

/** A dot naming a pod that runs `revision` (renders nothing for other pods). */
const RevisionPod = memo(function RevisionPod({ podKey, revision }: { podKey: string; revision: string }) {
  const pod = useObject('Pod', podKey);
  if (!pod || pod.metadata?.labels?.[REVISION_LABEL] !== revision) return null;
  const ordinal = pod.metadata?.name?.split('-').pop();
  return <span className="rev-pod" title={pod.metadata?.name}>{ordinal}</span>;
});
