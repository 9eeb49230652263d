// The Node objects of a kind cluster: the control plane and its workers, as their kubelets register them (at
// bootstrap, and again when a kubelet starts after its Node object was deleted), and the cluster's worker count.
import type { Cluster } from './cluster.ts';
import type { Node } from './api/types.ts';
import { KUBE_VERSION } from './version.ts';
import { fixedHex, fixedUuid } from './fixed-ids.ts';

/** Node names, in scheduling order. The control plane is tainted NoSchedule. */
export const CONTROL_PLANE = 'kind-control-plane';
export const WORKERS = ['kind-worker', 'kind-worker2', 'kind-worker3'] as const;

/** The names kind gives `n` workers: kind-worker, kind-worker2, … */
export function workerNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'kind-worker' : `kind-worker${i + 1}`));
}

/**
 * The Node object a kind node's kubelet registers (at bootstrap, and again when its kubelet starts after the object
 * was deleted), or undefined for a name that is not a kind node of this cluster (`workers` workers).
 */
export function kindNode(name: string, workers: number, now: string): Node | undefined {
  if (name === CONTROL_PLANE) return node(name, 0, true, now);
  const i = workerNames(workers).indexOf(name);
  return i < 0 ? undefined : node(name, i + 1, false, now);
}

function node(name: string, index: number, controlPlane: boolean, now: string): Node {
  return {
    metadata: {
      name,
      // The kubelet asks for controller-managed attach/detach as it registers; the TTL controller sets the ttl.
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
        // kubeadm marks the control plane as its role, and keeps it out of external load balancers.
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], providerID: `kind://docker/kind/${name}`,
      ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [{ type: 'InternalIP', address: `172.18.0.${index + 2}` }, { type: 'Hostname', address: name }],
      // An amd64 host reports both huge page sizes, none reserved.
      capacity: { cpu: '2', 'ephemeral-storage': '263112772Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '24Gi', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '263112772Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '24Gi', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ].map((cond) => ({ ...cond, lastHeartbeatTime: now, lastTransitionTime: now })),
      nodeInfo: {
        architecture: 'amd64', bootID: fixedUuid(`${name}/boot`), containerRuntimeVersion: 'containerd://2.1.4', kernelVersion: '6.8.0-generic',
        kubeProxyVersion: '', kubeletVersion: KUBE_VERSION.gitVersion, machineID: fixedHex(`${name}/machine`, 32), operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)', systemUUID: fixedUuid(`${name}/system`),
      },
    },
  };
}

/** Records how many workers the cluster was made with (bootstrap). */
export function setWorkerCount(c: Cluster, workers: number): void {
  c.ext('kind-nodes', () => ({ workers }));
}

/** How many workers the cluster was made with (3 for a snapshot older than the record). */
export function workerCount(c: Cluster): number {
  return c.ext('kind-nodes', () => ({ workers: WORKERS.length })).workers;
}
