// The StatefulSet card: spec knobs and status as `kubectl get sts` / `-o yaml` show them.
import { memo } from 'react';
import { useObject } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { partitionOf, shortHash } from './identity.ts';

/** Card for the StatefulSet under `setKey`; carries the `sts-<name>` test hooks. */
export const StatefulSetCard = memo(function StatefulSetCard({ setKey }: { setKey: string }) {
  const t = useT();
  const set = useObject('StatefulSet', setKey);
  if (!set) return null;
  const name = set.metadata?.name ?? '';
  const spec = set.spec;
  const st = set.status;
  const replicas = spec?.replicas ?? 0;
  const ready = st?.readyReplicas ?? 0;
  const strategy = spec?.updateStrategy?.type ?? 'RollingUpdate';
  const maxUnavailable = spec?.updateStrategy?.rollingUpdate?.maxUnavailable;
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  const deleting = !!set.metadata?.deletionTimestamp;
  const image = spec?.template?.spec?.containers?.map((c) => c.image).join(',') ?? '';
  return (
    <header className="sts-card" data-testid={`sts-${name}`} data-replicas={replicas} data-ready-replicas={ready}
      data-current-revision={st?.currentRevision ?? ''} data-update-revision={st?.updateRevision ?? ''}>
      <div className="sts-title">
        <span className="kind">StatefulSet</span> <strong>{name}</strong>
        <span className="sts-ready" aria-label={t('sts.readyLabel', { ready, replicas })}>READY {ready}/{replicas}</span>
        {deleting && <span className="tag tag-gone">Terminating</span>}
      </div>
      <dl className="sts-fields">
        <Field k="replicas" v={String(replicas)} />
        <Field k="image" v={image} />
        <Field k="updateStrategy" v={strategy} />
        {strategy === 'RollingUpdate' && <Field k="partition" v={String(partitionOf(set))} />}
        {maxUnavailable !== undefined && <Field k="maxUnavailable" v={String(maxUnavailable)} />}
        <Field k="podManagementPolicy" v={spec?.podManagementPolicy ?? 'OrderedReady'} />
        {retention && <Field k="pvcRetention" v={`whenDeleted=${retention.whenDeleted ?? 'Retain'} whenScaled=${retention.whenScaled ?? 'Retain'}`} />}
        <Field k="currentRevision" v={st?.currentRevision ? `${st.currentRevision}` : '—'} hash={shortHash(st?.currentRevision)} />
        <Field k="updateRevision" v={st?.updateRevision ? `${st.updateRevision}` : '—'} hash={shortHash(st?.updateRevision)} />
        <Field k="currentReplicas" v={String(st?.currentReplicas ?? 0)} />
        <Field k="updatedReplicas" v={String(st?.updatedReplicas ?? 0)} />
        <Field k="availableReplicas" v={String(st?.availableReplicas ?? 0)} />
      </dl>
    </header>
  );
});

function Field({ k, v, hash }: { k: string; v: string; hash?: string }) {
  return (
    <div className="field" data-hash={hash || undefined}>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </div>
  );
}
