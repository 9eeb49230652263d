// The persistent-volume controller, the local-path provisioner and the pvc/pv-protection controllers:
// WaitForFirstConsumer → (scheduler selects a node) → external provisioning → bind claim and volume;
// release and delete volumes whose claim is gone; drop protection finalizers once nothing uses them.
import { isPodReady, isPodTerminal } from '../api/pod-util.ts';
import type { Cluster, Controller } from '../cluster.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types.ts';
import { rfc3339 } from '../clock/time.ts';
import { SELECTED_NODE, defaultClass } from './scheduler.ts';
import { isProvisionerPod, provisionedVolume, provisionerIdentity, provisionerRunning } from './volumes/provisioner.ts';
import { merged } from '../api/json-util.ts';
import { stringMemo } from '../api/memo.ts';

const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';
const PV_CONTROLLER = 'persistentvolume-controller';
const SYNC_MS = 10;
/** The controller's resync of unbound claims (kube-controller-manager --pvclaimbinder-sync-period). */
const CLAIM_RESYNC_MS = 15_000;
const TRUSTED = { trusted: true } as const;
const OWNED = { trusted: true, owned: true } as const;
const OWNED_STATUS = { subresource: 'status', trusted: true, owned: true } as const;
const PROVISION_MS: readonly [number, number] = [1500, 2500];
const DELETE_MS: readonly [number, number] = [800, 1500];

interface VolumesState {
  /** Claims (by uid) that already got their WaitForFirstConsumer / ExternalProvisioning event. */
  announced: Record<string, 'wffc' | 'external'>;
  /** Claims (by uid) already explained as unprovisionable (absent in snapshots from older versions). */
  stuck?: Record<string, true>;
  /** Claims (by uid) with a provisioning in flight. */
  provisioning: Record<string, true>;
  /**
   * Non-terminal pods (uids) that reference each claim `ns/name`. Lists, not objects keyed by uid: every new
   * uid key gave an object a hidden class of its own (see merged in api/json-util).
   */
  users: Record<string, string[]>;
}

const state = (c: Cluster): VolumesState => c.ext<VolumesState>('volumes', () => ({ announced: {}, provisioning: {}, users: {} }));
const ref = (o: { metadata?: { namespace?: string; name?: string } }, kind: 'PersistentVolumeClaim' | 'PersistentVolume') =>
  ({ kind, namespace: o.metadata?.namespace ?? '', name: o.metadata!.name! });
const between = (c: Cluster, [lo, hi]: readonly [number, number]): number => lo + Math.floor(c.random() * (hi - lo + 1));

function claimsOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim) out.push(`${pod.metadata!.namespace}/${v.persistentVolumeClaim.claimName}`);
  return out;
}


// Keeps the claim → pods index that pvc-protection needs (models pvc_protection_controller's pod index).
function indexPod(c: Cluster, pod: Pod, gone: boolean): string[] {
  const st = state(c);
  const uid = pod.metadata!.uid!;
  const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const claims = claimsOf(pod);
  // One lookup per claim key, and the list edited in place (the state owns it) rather than copied.
  for (const k of claims) {
    const list = st.users[k];
    if (gone || terminal) {
      if (!list) continue;
      for (let i = list.indexOf(uid); i >= 0; i = list.indexOf(uid, i)) list.splice(i, 1);
      if (!list.length) delete st.users[k];
    } else if (!list) st.users[k] = [uid];
    else if (!list.includes(uid)) list.push(uid);
  }
  return gone || terminal ? claims : [];
}

function removeFinalizer<T extends PersistentVolumeClaim | PersistentVolume>(c: Cluster, kind: 'PersistentVolumeClaim' | 'PersistentVolume', o: T, f: string): void {
  if (!o.metadata?.finalizers?.includes(f)) return;
  // Trusted writes may share the untouched parts with the stored object, here and below: no deep copies. The
  // bodies are built for their write alone, so the store takes them without its own copy (owned).
  const finalizers = o.metadata.finalizers.filter((x) => x !== f);
  c.store.update(kind, { ...o, metadata: merged(o.metadata, { finalizers }) }, OWNED);
}

// The ExternalProvisioning message depends on the provisioner alone: built once per provisioner, not per claim.
const externalProvisioningMessage = stringMemo((provisioner) =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);

// Models pkg/controller/volume/persistentvolume/pv_controller.go syncUnboundClaim (dynamic provisioning branch).
function syncClaim(c: Cluster, key: string): void {
  const st = state(c);
  const slash = key.indexOf('/');
  const pvc = c.store.get('PersistentVolumeClaim', key.slice(0, slash), key.slice(slash + 1));
  if (!pvc) return;
  const uid = pvc.metadata!.uid!;
  if (pvc.metadata?.deletionTimestamp) {
    // Models pvc_protection_controller.go processPVC: release the claim once no pod uses it.
    if (!st.users[key]?.length) removeFinalizer(c, 'PersistentVolumeClaim', pvc, PVC_PROTECTION);
    return;
  }
  if (pvc.spec?.volumeName) {
    c.enqueue('volumes/volume', pvc.spec.volumeName, SYNC_MS);
    return;
  }
  const className = pvc.spec?.storageClassName ?? defaultClass(c);
  const sc = className ? c.store.get('StorageClass', '', className) : undefined;
  if (!sc) {
    // Nothing to provision with: a class that does not exist fails provisioning, no class at all leaves the claim
    // unbound; either is said again at every resync of the unbound claim (background: it keeps nothing pending).
    if (className) c.event({ object: pvc, type: 'Warning', reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${className}" not found`, component: PV_CONTROLLER });
    else c.event({ object: pvc, type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set', component: PV_CONTROLLER });
    // The why of it, once per claim: the Events repeat, the explanation need not.
    st.stuck ??= {};
    if (!st.stuck[uid]) {
      st.stuck[uid] = true;
      c.trace({ type: 'volume.unprovisionable', object: ref(pvc, 'PersistentVolumeClaim'), rule: className ? 'missing-class' : 'no-class', detail: className ? { class: className } : {} });
    }
    c.enqueue('volumes/claim', key, CLAIM_RESYNC_MS, true, true);
    return;
  }
  const node = pvc.metadata?.annotations?.[SELECTED_NODE];
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) {
    if (!st.announced[uid]) {
      st.announced[uid] = 'wffc';
      c.event({ object: pvc, type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', component: PV_CONTROLLER });
    }
    return;
  }
  const ann = pvc.metadata?.annotations ?? {};
  let current = pvc;
  if (ann['volume.kubernetes.io/storage-provisioner'] !== sc.provisioner) {
    const annotations = merged(ann, {
      'volume.beta.kubernetes.io/storage-provisioner': sc.provisioner, 'volume.kubernetes.io/storage-provisioner': sc.provisioner,
    });
    const r = c.store.update('PersistentVolumeClaim', { ...pvc, metadata: merged(pvc.metadata, { annotations }) }, OWNED);
    if (!r.ok) return;
    current = r.object;
  }
  const announce = (): void => c.event({
    object: current, type: 'Normal', reason: 'ExternalProvisioning', component: PV_CONTROLLER,
    message: externalProvisioningMessage(sc.provisioner),
  });
  const first = st.announced[uid] !== 'external';
  if (first) {
    st.announced[uid] = 'external';
    announce();
  }
  if (!provisionerRunning(c, sc.provisioner)) {
    // No provisioner to take the claim: the PV controller says so again at every resync of the waiting claim.
    if (!first) announce();
    // The why of it, once per claim.
    st.stuck ??= {};
    if (!st.stuck[uid]) {
      st.stuck[uid] = true;
      c.trace({ type: 'volume.unprovisionable', object: ref(current, 'PersistentVolumeClaim'), rule: 'no-provisioner', detail: { provisioner: sc.provisioner } });
    }
    c.enqueue('volumes/claim', key, CLAIM_RESYNC_MS, true, true);
    return;
  }
  if (!st.provisioning[uid]) {
    st.provisioning[uid] = true;
    c.event({ object: current, type: 'Normal', reason: 'Provisioning', message: `External provisioner is provisioning volume for claim "${key}"`, component: provisionerIdentity(c, sc.provisioner) });
    c.enqueue('volumes/provision', key, between(c, PROVISION_MS));
  }
}

// Models sig-storage-lib-external-provisioner controller.go provisionClaimOperation.
function provision(c: Cluster, key: string): void {
  const st = state(c);
  const slash = key.indexOf('/');
  const pvc = c.store.get('PersistentVolumeClaim', key.slice(0, slash), key.slice(slash + 1));
  if (!pvc) return;
  delete st.provisioning[pvc.metadata!.uid!];
  if (pvc.spec?.volumeName || pvc.metadata?.deletionTimestamp) return;
  const sc = c.store.get('StorageClass', '', pvc.spec?.storageClassName ?? defaultClass(c) ?? '');
  if (!sc) return;
  // The provisioner went away while it worked: the claim is looked at again (and waits).
  if (!provisionerRunning(c, sc.provisioner)) { c.enqueue('volumes/claim', key, SYNC_MS); return; }
  const r = c.store.create('PersistentVolume', provisionedVolume(pvc, sc, pvc.metadata?.annotations?.[SELECTED_NODE]), TRUSTED);
  if (!r.ok) return;
  const pvName = r.object.metadata!.name!;
  c.event({ object: pvc, type: 'Normal', reason: 'ProvisioningSucceeded', message: `Successfully provisioned volume ${pvName}`, component: provisionerIdentity(c, sc.provisioner) });
  c.trace({ type: 'volume.provisioned', object: ref(pvc, 'PersistentVolumeClaim'), detail: { volume: pvName, node: pvc.metadata?.annotations?.[SELECTED_NODE] ?? null } });
}

// Models pv_controller.go bind: claim.spec.volumeName + bind annotations, then both statuses Bound.
function bindClaim(c: Cluster, pvc: PersistentVolumeClaim, pv: PersistentVolume): void {
  let claim = pvc;
  if (claim.spec?.volumeName !== pv.metadata!.name) {
    const annotations = merged(claim.metadata!.annotations, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const next = { ...claim, spec: merged(claim.spec, { volumeName: pv.metadata!.name }), metadata: merged(claim.metadata, { annotations }) };
    const r = c.store.update('PersistentVolumeClaim', next, OWNED);
    if (!r.ok) return;
    claim = r.object;
    c.trace({ type: 'volume.bound', object: ref(claim, 'PersistentVolumeClaim'), detail: { volume: pv.metadata!.name! } });
  }
  if (claim.status?.phase !== 'Bound') {
    c.store.update('PersistentVolumeClaim', { ...claim, status: { accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity, phase: 'Bound' } }, OWNED_STATUS);
  }
}

function setPhase(c: Cluster, pv: PersistentVolume, phase: 'Available' | 'Bound' | 'Released'): void {
  if (pv.status?.phase === phase) return;
  c.store.update('PersistentVolume', { ...pv, status: merged(pv.status, { phase, lastPhaseTransitionTime: rfc3339(c.wallNow()) }) }, OWNED_STATUS);
}

// Models pv_controller.go syncVolume and pv_protection_controller.go processPV.
function syncVolume(c: Cluster, name: string): void {
  const pv = c.store.get('PersistentVolume', '', name);
  if (!pv) return;
  const cr = pv.spec?.claimRef;
  const claim = cr ? c.store.get('PersistentVolumeClaim', cr.namespace ?? '', cr.name ?? '') : undefined;
  const claimLive = !!claim && (!cr?.uid || claim.metadata?.uid === cr.uid);
  if (pv.metadata?.deletionTimestamp) {
    if (!claimLive || pv.status?.phase !== 'Bound') removeFinalizer(c, 'PersistentVolume', pv, PV_PROTECTION);
    return;
  }
  if (!cr) { setPhase(c, pv, 'Available'); return; }
  if (claimLive) {
    setPhase(c, pv, 'Bound');
    bindClaim(c, claim!, c.store.get('PersistentVolume', '', name) ?? pv);
    return;
  }
  if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') return;
  setPhase(c, pv, 'Released');
  c.trace({ type: 'volume.released', object: ref(pv, 'PersistentVolume'), detail: { claim: `${cr.namespace}/${cr.name}`, policy: pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete' } });
  if ((pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete') === 'Delete') c.enqueue('volumes/delete', name, between(c, DELETE_MS));
}

// Models pv_controller.go deleteVolumeOperation (the provisioner removes the directory, then the PV).
function deleteVolume(c: Cluster, name: string): void {
  const pv = c.store.get('PersistentVolume', '', name);
  if (!pv || pv.status?.phase !== 'Released' || pv.metadata?.deletionTimestamp) return;
  // The provisioner deletes what it provisioned; without it the volume stays Released.
  if (!provisionerRunning(c, pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'])) return;
  const r = c.store.delete('PersistentVolume', '', name);
  if (r.ok) c.trace({ type: 'volume.deleted', object: ref(pv, 'PersistentVolume') });
}

/** The volumes controller. Timers `volumes/claim` (ns/name), `volumes/provision` (ns/name), `volumes/volume` and `volumes/delete` (PV name). */
export const volumesController: Controller = {
  name: 'volumes',
  kinds: ['PersistentVolumeClaim', 'PersistentVolume', 'Pod'],
  onChange(e, c) {
    const m = e.object.metadata!;
    if (e.kind === 'PersistentVolumeClaim') {
      const pvc = e.object as PersistentVolumeClaim;
      if (e.type === 'DELETED') {
        if (pvc.spec?.volumeName) c.enqueue('volumes/volume', pvc.spec.volumeName, SYNC_MS);
        const st = state(c);
        delete st.announced[m.uid!];
        delete st.provisioning[m.uid!];
        if (st.stuck) delete st.stuck[m.uid!];
      } else c.enqueue('volumes/claim', `${m.namespace}/${m.name}`, SYNC_MS);
    } else if (e.kind === 'PersistentVolume') {
      if (e.type !== 'DELETED') c.enqueue('volumes/volume', m.name!, SYNC_MS);
    } else if (e.kind === 'Pod') {
      // The local-path provisioner's pod turning Ready takes up the claims waiting for it and the volumes it has to delete.
      if (isProvisionerPod(e.object as Pod) && e.type !== 'DELETED' && isPodReady(e.object as Pod) && !(e.old && isPodReady(e.old as Pod))) {
        for (const pvc of c.store.list('PersistentVolumeClaim')) if (!pvc.spec?.volumeName) c.enqueue('volumes/claim', `${pvc.metadata!.namespace}/${pvc.metadata!.name}`, SYNC_MS);
        for (const pv of c.store.list('PersistentVolume')) if (pv.status?.phase === 'Released') c.enqueue('volumes/volume', pv.metadata!.name!, SYNC_MS);
      }
      // A change that keeps the same volumes (the same object: writes share untouched parts) of a pod
      // that stays non-terminal leaves the index as it is.
      const pod = e.object as Pod, old = e.old as Pod | undefined;
      if (e.type === 'MODIFIED' && old && old.spec?.volumes === pod.spec?.volumes && !isPodTerminal(old) && !isPodTerminal(pod)) return;
      for (const k of indexPod(c, pod, e.type === 'DELETED')) {
        const slash = k.indexOf('/');
        if (c.store.get('PersistentVolumeClaim', k.slice(0, slash), k.slice(slash + 1))?.metadata?.deletionTimestamp) c.enqueue('volumes/claim', k, SYNC_MS);
      }
    }
  },
  run(kind, key, c) {
    if (kind === 'volumes/claim') syncClaim(c, key);
    else if (kind === 'volumes/provision') provision(c, key);
    else if (kind === 'volumes/volume') syncVolume(c, key);
    else if (kind === 'volumes/delete') deleteVolume(c, key);
  },
};
