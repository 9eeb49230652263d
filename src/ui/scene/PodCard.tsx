// One pod: name, ordinal, kubectl STATUS, readiness, revision (colour + glyph + hash), DNS name, node, IP.
// The main button selects the pod (its story); a second button deletes it with `kubectl delete pod`.
import { memo, type ReactNode } from 'react';
import { motion } from 'framer-motion';
import type { Pod } from '../../engine/index.ts';
import { useObject, useSim, useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { podStatus, isPodReady, statusTone } from './pod-status.ts';
import { podDnsName, podHostName, REVISION_GLYPHS, REVISION_LABEL, revisionSlot, shortHash } from './identity.ts';

/** Card for one pod object; `held` marks an ordinal kept back by the partition. */
// A status such as CreateContainerConfigError may wrap before each capital letter, so a narrow card keeps it inside.
function breakable(status: string): ReactNode[] {
  return status.split(/(?=[A-Z])/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]));
}

export const PodCard = memo(function PodCard({ pod, held, updateRevision }: { pod: Pod; held: boolean; updateRevision?: string }) {
  const t = useT();
  const { selected } = useView();
  const sim = useSim();
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const key = `${ns}/${name}`;
  const revName = pod.metadata?.labels?.[REVISION_LABEL] ?? '';
  const rev = useObject('ControllerRevision', `${ns}/${revName}`);
  const slot = revisionSlot(rev?.revision);
  const s = podStatus(pod);
  const tone = statusTone(s.status);
  const ready = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ordinal = pod.metadata?.labels?.['apps.kubernetes.io/pod-index'] ?? name.split('-').pop() ?? '';
  const isHeld = held && !!updateRevision && revName !== updateRevision;
  const dns = podDnsName(pod);
  const host = podHostName(pod);
  const phaseClass = s.status === 'Terminating' || terminating ? ' terminating' : tone === 'progress' ? ' progressing' : '';
  const label = t('pod.label', {
    name, status: s.status, ready: ready ? t('pod.ready') : t('pod.notReady'),
    revision: rev ? `#${rev.revision} ${shortHash(revName)}` : shortHash(revName) || '—',
  }) + (isHeld ? `, ${t('pod.held')}` : '');
  return (
    <div className={`pod tone-${tone} rev-${slot}${selected === key ? ' selected' : ''}${phaseClass}`}
      data-testid={`pod-${name}`} data-phase={pod.status?.phase ?? ''} data-ready={String(ready)}
      data-terminating={String(terminating)} data-revision={revName} data-ordinal={ordinal} data-node={pod.spec?.nodeName ?? ''}>
      <button type="button" className="pod-main" aria-label={label} aria-pressed={selected === key}
        onClick={() => sim.select(selected === key ? undefined : key)}>
        <span className="pod-head">
          <span className="pod-ordinal" aria-hidden="true">{ordinal}</span>
          <span className="pod-name">{name}</span>
        </span>
        <motion.span key={s.status} className="pod-status" initial={{ opacity: 0.2 }} animate={{ opacity: 1 }}>
          <span className={`ready-dot ${ready ? 'on' : 'off'}`} aria-hidden="true">{ready ? '✓' : '○'}</span>
          {s.ready} {breakable(s.status)}{s.restarts > 0 ? ` ↻${s.restarts}` : ''}
        </motion.span>
        <span className="pod-rev">
          <span className="rev-swatch" aria-hidden="true">{REVISION_GLYPHS[slot]}</span>
          <code>{shortHash(revName) || '—'}</code>{rev && <span className="rev-num">#{rev.revision}</span>}
        </span>
        {isHeld && <span className="tag tag-held">{t('pod.held')}</span>}
        {host && <span className="pod-dns" title={dns}>{host}<span className="pod-fqdn" aria-hidden="true">{dns}</span></span>}
        <span className="pod-where">{pod.spec?.nodeName || t('pod.unscheduled')} · {pod.status?.podIP || '—'}</span>
      </button>
      {!terminating && (
        <button type="button" className="pod-delete" aria-label={t('pod.delete', { name })} title={t('pod.delete', { name })}
          onClick={() => sim.command(`kubectl delete pod ${name}`)}>✕</button>
      )}
    </div>
  );
});
