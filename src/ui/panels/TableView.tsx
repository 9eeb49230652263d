// The table equivalent of the scene (accessible alternative): StatefulSets, Pods, PVCs, revisions and
// endpoints with the columns kubectl prints. Rows select themselves by key.
import { memo } from 'react';
import { useKeys, useNamespace, useObject, useVolumeFiles } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { isPodReady, podStatus } from '../scene/pod-status.ts';
import { controllerName, podDnsName, REVISION_LABEL } from '../scene/identity.ts';
import { filesText } from '../scene/files-text.ts';

/** All tables for kubectl's namespace (the one the scene shows). */
export function TableView() {
  const t = useT();
  const ns = useNamespace();
  const sets = useKeys('StatefulSet', ns);
  const pods = useKeys('Pod', ns);
  const pvcs = useKeys('PersistentVolumeClaim', ns);
  const revs = useKeys('ControllerRevision', ns);
  const eps = useKeys('Endpoints', ns).filter((k) => k !== `${ns}/kubernetes`);
  return (
    <section className="panel table-view" aria-labelledby="tables-h" data-testid="table-view">
      <h2 id="tables-h">{t('table.title')}</h2>
      <Table caption={t('table.sets')} head={['NAME', 'READY', 'REPLICAS', 'CURRENT', 'UPDATED', 'CURRENT REVISION', 'UPDATE REVISION', 'STRATEGY', 'PARTITION', 'POLICY']}>
        {sets.map((k) => <SetRow key={k} k={k} />)}
      </Table>
      <Table caption={t('table.pods')} head={['NAME', 'READY', 'STATUS', 'RESTARTS', 'REVISION', 'NODE', 'IP', 'DNS']}>
        {pods.map((k) => <PodRow key={k} k={k} />)}
      </Table>
      <Table caption={t('table.claims')} head={['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'MOUNTED BY', 'FILES']}>
        {pvcs.map((k) => <PvcRow key={k} k={k} />)}
      </Table>
      <Table caption={t('table.revisions')} head={['NAME', 'CONTROLLER', 'REVISION']}>
        {revs.map((k) => <RevRow key={k} k={k} />)}
      </Table>
      <Table caption={t('table.endpoints')} head={['NAME', 'ENDPOINTS', 'NOT READY']}>
        {eps.map((k) => <EpRow key={k} k={k} />)}
      </Table>
    </section>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: React.ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="kubectl-table">
        <caption>{caption}</caption>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const SetRow = memo(function SetRow({ k }: { k: string }) {
  const s = useObject('StatefulSet', k);
  if (!s) return null;
  const strategy = s.spec?.updateStrategy?.type ?? 'RollingUpdate';
  return (
    <tr>
      <th scope="row">{s.metadata?.name}</th>
      <td>{s.status?.readyReplicas ?? 0}/{s.spec?.replicas ?? 0}</td><td>{s.status?.replicas ?? 0}</td>
      <td>{s.status?.currentReplicas ?? 0}</td><td>{s.status?.updatedReplicas ?? 0}</td>
      <td>{s.status?.currentRevision}</td><td>{s.status?.updateRevision}</td><td>{strategy}</td>
      <td>{strategy === 'RollingUpdate' ? (s.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) : ''}</td>
      <td>{s.spec?.podManagementPolicy ?? 'OrderedReady'}</td>
    </tr>
  );
});

const PodRow = memo(function PodRow({ k }: { k: string }) {
  const p = useObject('Pod', k);
  if (!p) return null;
  const s = podStatus(p);
  return (
    <tr data-ready={String(isPodReady(p))}>
      <th scope="row">{p.metadata?.name}</th><td>{s.ready}</td><td>{s.status}</td><td>{s.restarts}</td>
      <td>{p.metadata?.labels?.[REVISION_LABEL] ?? ''}</td><td>{p.spec?.nodeName || '<none>'}</td>
      <td>{p.status?.podIP || '<none>'}</td><td>{podDnsName(p)}</td>
    </tr>
  );
});

const PvcRow = memo(function PvcRow({ k }: { k: string }) {
  const c = useObject('PersistentVolumeClaim', k);
  const files = useVolumeFiles(c?.spec?.volumeName ?? '');
  if (!c) return null;
  return (
    <tr>
      <th scope="row">{c.metadata?.name}</th>
      <td>{c.metadata?.deletionTimestamp ? 'Terminating' : c.status?.phase}</td><td>{c.spec?.volumeName ?? ''}</td>
      <td>{c.status?.capacity?.storage ?? ''}</td><td><MountedBy pvcKey={k} /></td><td>{filesText(files)}</td>
    </tr>
  );
});

/** The pod of the same ordinal when it mounts the claim (claims are named `<template>-<pod>`). */
function MountedBy({ pvcKey }: { pvcKey: string }) {
  const [ns, name] = pvcKey.split('/');
  const parts = name.split('-');
  // Try every suffix as a pod name; StatefulSet claim names end with the pod name.
  const candidates = parts.map((_, i) => parts.slice(i).join('-')).slice(1);
  return <>{candidates.map((p) => <MountCheck key={p} podKey={`${ns}/${p}`} claim={name} />)}</>;
}

const MountCheck = memo(function MountCheck({ podKey, claim }: { podKey: string; claim: string }) {
  const pod = useObject('Pod', podKey);
  const mounts = pod?.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === claim);
  return mounts ? <>{pod?.metadata?.name}</> : null;
});

const RevRow = memo(function RevRow({ k }: { k: string }) {
  const r = useObject('ControllerRevision', k);
  if (!r) return null;
  const owner = controllerName(r);
  return <tr><th scope="row">{r.metadata?.name}</th><td>{owner ? `statefulset.apps/${owner}` : '<none>'}</td><td>{r.revision}</td></tr>;
});

const EpRow = memo(function EpRow({ k }: { k: string }) {
  const e = useObject('Endpoints', k);
  if (!e) return null;
  const ready = (e.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => `${a.ip}:${s.ports?.[0]?.port ?? ''} (${a.targetRef?.name ?? ''})`));
  const notReady = (e.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.targetRef?.name ?? a.ip));
  return <tr><th scope="row">{e.metadata?.name}</th><td>{ready.join(', ') || '<none>'}</td><td>{notReady.join(', ')}</td></tr>;
});
