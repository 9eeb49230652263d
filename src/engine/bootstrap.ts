// The objects a fresh kind-like cluster has before the user does anything: namespaces, one control-plane
// node and three workers, the default StorageClass `standard`, and the `kubernetes` Service with its
// Endpoints and EndpointSlice.
import type { Cluster } from './cluster.ts';
import type { Node } from './api/types.ts';
import { KUBE_VERSION } from './version.ts';
import { rfc3339 } from './clock/time.ts';
import { fixedHex, fixedUuid } from './fixed-ids.ts';
import { bootstrapSystem } from './system.ts';

/** Node names, in scheduling order. The control plane is tainted NoSchedule. */
export const CONTROL_PLANE = 'kind-control-plane';
export const WORKERS = ['kind-worker', 'kind-worker2', 'kind-worker3'] as const;

/** The names kind gives `n` workers: kind-worker, kind-worker2, … */
export function workerNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'kind-worker' : `kind-worker${i + 1}`));
}

function node(name: string, index: number, controlPlane: boolean, now: string): Node {
  return {
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], providerID: `kind://docker/kind/${name}`,
      ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [{ type: 'InternalIP', address: `172.18.0.${index + 2}` }, { type: 'Hostname', address: name }],
      capacity: { cpu: '2', 'ephemeral-storage': '263112772Ki', memory: '24576Mi', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '263112772Ki', memory: '24576Mi', pods: '110' },
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

/** Creates the bootstrap objects at virtual time 0, with `workers` worker nodes (1–250). */
export function bootstrap(c: Cluster, workers: number = WORKERS.length): void {
  if (!Number.isInteger(workers) || workers < 1 || workers > 250) throw new RangeError(`workers must be an integer from 1 to 250, not ${workers}`);
  const s = c.store;
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    s.create('Namespace', { metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  const now = rfc3339(c.wallNow());
  s.create('Node', node(CONTROL_PLANE, 0, true, now));
  workerNames(workers).forEach((w, i) => s.create('Node', node(w, i + 1, false, now)));
  s.create('StorageClass', {
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
  });
  s.create('Service', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster', sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  });
  s.create('Endpoints', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  // The apiserver's own slice for it. Models pkg/controlplane/reconcilers/endpointsadapter.go endpointSliceFromEndpoints.
  s.create('EndpointSlice', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  bootstrapSystem(c);
}
