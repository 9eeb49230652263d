// The local-path provisioner of a kind cluster (rancher.io/local-path): turns a claim whose node was
// selected into a hostPath PersistentVolume pinned to that node, with the events it really emits.
import type { Cluster } from '../../cluster.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../api/types.ts';
import { isPodReady } from '../../api/pod-util.ts';

/** Event source of the provisioner: `<provisioner>_<pod name>_<uuid>`, fixed per cluster from the seeded PRNG. */
export function provisionerIdentity(c: Cluster, provisioner: string): string {
  const ids = c.ext<Record<string, string>>('volumes.provisioners', () => ({}));
  if (!ids[provisioner]) {
    const alnum = 'bcdfghjklmnpqrstvwxz2456789';
    const pick = (n: number): string => Array.from({ length: n }, () => alnum[Math.floor(c.random() * alnum.length)]).join('');
    const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(c.random() * 16).toString(16)).join('');
    const pod = provisioner === 'rancher.io/local-path' ? 'local-path-provisioner' : provisioner.replace(/[^a-z0-9]+/g, '-');
    ids[provisioner] = `${provisioner}_${pod}-${pick(10)}-${pick(5)}_${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  }
  return ids[provisioner];
}

/** kind's local-path provisioner, and where its one pod runs. */
export const LOCAL_PATH = 'rancher.io/local-path';
const PROVISIONER_NAMESPACE = 'local-path-storage';
const PROVISIONER_APP = 'local-path-provisioner';

/** Whether `pod` is the local-path provisioner's. */
export const isProvisionerPod = (pod: Pod): boolean =>
  pod.metadata?.namespace === PROVISIONER_NAMESPACE && pod.metadata?.labels?.app === PROVISIONER_APP;

/**
 * Whether a provisioner is there to act: the local-path provisioner provisions and deletes volumes only while its
 * pod is Ready (its namespace deleted, or its pod between a deletion and its replacement, it does nothing, and claims
 * stay Pending). Any other provisioner is taken to be running.
 */
export function provisionerRunning(c: Cluster, provisioner: string | undefined): boolean {
  if (provisioner !== LOCAL_PATH) return true;
  return c.store.list('Pod', PROVISIONER_NAMESPACE).some((p) => isProvisionerPod(p) && !p.metadata?.deletionTimestamp && isPodReady(p));
}

/**
 * The PersistentVolume the provisioner creates for a claim. Models local-path-provisioner Provision:
 * name `pvc-<claim uid>`, hostPath under /var/local-path-provisioner, node affinity to the selected node,
 * claimRef pre-bound to the claim, reclaim policy from the StorageClass.
 */
export function provisionedVolume(pvc: PersistentVolumeClaim, sc: StorageClass, node: string | undefined): PersistentVolume {
  const m = pvc.metadata!;
  const name = `pvc-${m.uid}`;
  return {
    metadata: {
      name,
      // Literal keys only (a leading spread gives each object a hidden class of its own in V8: see merged).
      annotations: node
        ? { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': sc.provisioner }
        : { 'pv.kubernetes.io/provisioned-by': sc.provisioner },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
      claimRef: {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: m.name, namespace: m.namespace,
        resourceVersion: m.resourceVersion, uid: m.uid,
      },
      hostPath: { path: `/var/local-path-provisioner/${name}_${m.namespace}_${m.name}`, type: 'DirectoryOrCreate' },
      ...(node ? {
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      } : {}),
      persistentVolumeReclaimPolicy: (sc.reclaimPolicy as 'Delete' | 'Retain' | undefined) ?? 'Delete',
      storageClassName: sc.metadata!.name,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
    status: { phase: 'Pending' },
  };
}
