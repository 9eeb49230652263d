// The objects a fresh kind-like cluster has before the user does anything: namespaces, one control-plane
// node and three workers, the default StorageClass `standard`, and the `kubernetes` Service with its
// Endpoints and EndpointSlice.
import type { Cluster } from './cluster.ts';
import { rfc3339 } from './clock/time.ts';
import { bootstrapSystem } from './system.ts';
import { CONTROL_PLANE, kindNode, workerNames, WORKERS, setWorkerCount } from './kind-nodes.ts';

export { CONTROL_PLANE, WORKERS, workerNames } from './kind-nodes.ts';

/** Creates the bootstrap objects at virtual time 0, with `workers` worker nodes (1–250). */
export function bootstrap(c: Cluster, workers: number = WORKERS.length): void {
  if (!Number.isInteger(workers) || workers < 1 || workers > 250) throw new RangeError(`workers must be an integer from 1 to 250, not ${workers}`);
  const s = c.store;
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    s.create('Namespace', { metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  const now = rfc3339(c.wallNow());
  for (const name of [CONTROL_PLANE, ...workerNames(workers)]) s.create('Node', kindNode(name, workers, now)!);
  setWorkerCount(c, workers);
  // kind applies its default StorageClass with `kubectl apply`, which records what it applied.
  s.create('StorageClass', {
    metadata: {
      name: 'standard',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify({
          apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
          metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, name: 'standard' },
          provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
        })}\n`,
        'storageclass.kubernetes.io/is-default-class': 'true',
      },
    },
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
