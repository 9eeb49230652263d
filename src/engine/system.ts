// The cluster's own workloads, as a fresh kind cluster for Kubernetes 1.35 has them: the control plane's static pods
// (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, shown through their mirror pods), the DaemonSets
// kindnet and kube-proxy on every node, the Deployment coredns behind the kube-dns Service, and the local-path
// provisioner that backs the `standard` StorageClass. They are running when the simulation starts.
//
// The simulation runs no DaemonSet, Deployment or ReplicaSet controller for user objects (those kinds are served
// read-only); the system controller here keeps the cluster's own pods: a deleted one comes back as its controller
// or the kubelet would bring it back, and the workloads' status counts follow their pods.
//
// Nothing here draws from the PRNG at bootstrap: names, uids and container ids are derived from fixed seeds, so
// adding the cluster's own objects does not change what any later draw gives.
import { MIRROR_POD_ANNOTATION, isMirrorPod, isPodReady } from './api/pod-util.ts';
import type { Cluster, Controller } from './cluster.ts';
import type { Container, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, KObject, Node, Pod, ReplicaSet } from './api/types.ts';
import { rfc3339 } from './clock/time.ts';
import { fixedHex, fixedSuffix, fixedUuid } from './fixed-ids.ts';
import { SYSTEM_IMAGES, SYSTEM_IMAGE_LIST } from './system-images.ts';
import { nodeAddress, nodeRuntime } from './kubelet/runtime.ts';
import { normalizeImage } from './kubelet/images.ts';
import { adoptRunning } from './kubelet/kubelet.ts';
import { CONTROL_PLANE } from './bootstrap.ts';
import { kindFacts, systemConfigMaps, systemSecrets } from './system-config.ts';

export const KUBE_SYSTEM = 'kube-system';
export const LOCAL_PATH_STORAGE = 'local-path-storage';
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([KUBE_SYSTEM, LOCAL_PATH_STORAGE]);
/** The cluster IP of kube-dns (the 10th address of the Service range, as kubeadm sets it). */
export const DNS_IP = '10.96.0.10';

// The pod template hashes kind's ReplicaSets carry (fixed values of the right shape).
const COREDNS_HASH = '7d764666f9';
const LOCAL_PATH_HASH = '7dc846544d';

const TRUSTED = Object.freeze({ trusted: true });

// The tolerations the DaemonSet controller adds to every daemon pod (daemon/util AddOrUpdateDaemonPodTolerations),
// and the host-network one.
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
];

const env = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });

// ---- the control plane's static pods ----

interface StaticPod { component: string; image: string; cpu: string; command: string[]; annotations?: Record<string, string> }

function staticPods(nodeIp: string): StaticPod[] {
  const pki = '/etc/kubernetes/pki';
  return [
    {
      component: 'etcd', image: SYSTEM_IMAGES.etcd, cpu: '100m',
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${nodeIp}:2379` },
      command: ['etcd', `--advertise-client-urls=https://${nodeIp}:2379`, `--cert-file=${pki}/etcd/server.crt`, '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd', '--feature-gates=InitialCorruptCheck=true', `--initial-advertise-peer-urls=https://${nodeIp}:2380`,
        `--initial-cluster=${CONTROL_PLANE}=https://${nodeIp}:2380`, `--key-file=${pki}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${nodeIp}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${nodeIp}:2380`, `--name=${CONTROL_PLANE}`, `--peer-cert-file=${pki}/etcd/peer.crt`,
        '--peer-client-cert-auth=true', `--peer-key-file=${pki}/etcd/peer.key`, `--peer-trusted-ca-file=${pki}/etcd/ca.crt`,
        '--snapshot-count=10000', `--trusted-ca-file=${pki}/etcd/ca.crt`, '--watch-progress-notify-interval=5s'],
    },
    {
      component: 'kube-apiserver', image: SYSTEM_IMAGES.apiserver, cpu: '250m',
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${nodeIp}:6443` },
      command: ['kube-apiserver', `--advertise-address=${nodeIp}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki}/ca.crt`, '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${pki}/etcd/ca.crt`, `--etcd-certfile=${pki}/apiserver-etcd-client.crt`, `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379', '--runtime-config=', '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${pki}/sa.pub`,
        `--service-account-signing-key-file=${pki}/sa.key`, '--service-cluster-ip-range=10.96.0.0/16',
        `--tls-cert-file=${pki}/apiserver.crt`, `--tls-private-key-file=${pki}/apiserver.key`],
    },
    {
      component: 'kube-controller-manager', image: SYSTEM_IMAGES.controllerManager, cpu: '200m',
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--client-ca-file=${pki}/ca.crt`,
        '--cluster-cidr=10.244.0.0/16', '--cluster-name=kind', `--cluster-signing-cert-file=${pki}/ca.crt`, `--cluster-signing-key-file=${pki}/ca.key`,
        '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true', '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true', `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`, `--root-ca-file=${pki}/ca.crt`,
        `--service-account-private-key-file=${pki}/sa.key`, '--service-cluster-ip-range=10.96.0.0/16', '--use-service-account-credentials=true'],
    },
    {
      component: 'kube-scheduler', image: SYSTEM_IMAGES.scheduler, cpu: '100m',
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
    },
  ];
}

// A mirror pod as the kubelet writes it for a static pod of the control plane (kubelet/pod/mirror_client.go).
function mirrorPod(c: Cluster, sp: StaticPod, node: Node): Pod {
  const name = `${sp.component}-${CONTROL_PLANE}`;
  const hash = fixedHex(`static/${sp.component}`, 32);
  return {
    metadata: {
      name, namespace: KUBE_SYSTEM,
      labels: { component: sp.component, tier: 'control-plane' },
      annotations: {
        ...sp.annotations, 'kubernetes.io/config.hash': hash, [MIRROR_POD_ANNOTATION]: hash,
        'kubernetes.io/config.seen': rfc3339(c.wallNow()).replace('Z', '.000000000Z'), 'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: CONTROL_PLANE, uid: node.metadata!.uid!, controller: true }],
    },
    spec: {
      containers: [{ name: sp.component, image: sp.image, command: sp.command, resources: { requests: { cpu: sp.cpu, ...(sp.component === 'etcd' ? { memory: '100Mi' } : {}) } } }],
      hostNetwork: true, nodeName: CONTROL_PLANE, priority: 2_000_001_000, priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
}

// ---- DaemonSets, Deployments and their ReplicaSets ----

/** One of the cluster's workloads: what its pods look like and where they run. */
interface Workload {
  kind: 'DaemonSet' | 'Deployment';
  ns: string;
  name: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  spec: PodSpec;
  /** Deployments: replicas, and the node their pods started on. */
  replicas?: number;
  /** Pod-template-hash of a Deployment's ReplicaSet, or the controller-revision-hash of a DaemonSet. */
  hash: string;
}

const tokenVolume = (name: string) => ({
  name,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
});

function workloads(): Workload[] {
  const linux = { 'kubernetes.io/os': 'linux' };
  const cpTaint: Toleration = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  const kindnet: Container = {
    name: 'kindnet-cni', image: SYSTEM_IMAGES.kindnet,
    env: [env('HOST_IP', 'status.hostIP'), env('POD_IP', 'status.podIP'), { name: 'POD_SUBNET', value: '10.244.0.0/16' }, { name: 'CONTROL_PLANE_ENDPOINT', value: `${CONTROL_PLANE}:6443` }],
    resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
    securityContext: { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] }, privileged: false },
  };
  const proxy: Container = {
    name: 'kube-proxy', image: SYSTEM_IMAGES.proxy,
    command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
    env: [env('NODE_NAME', 'spec.nodeName')], securityContext: { privileged: true },
  };
  const coredns: Container = {
    name: 'coredns', image: SYSTEM_IMAGES.coredns, args: ['-conf', '/etc/coredns/Corefile'],
    ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }],
    resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
  };
  const localPath: Container = {
    name: 'local-path-provisioner', image: SYSTEM_IMAGES.localPath,
    command: ['local-path-provisioner', '--debug', 'start', '--helper-image', SYSTEM_IMAGES.localPathHelper, '--config', '/etc/config/config.json'],
    env: [env('POD_NAMESPACE', 'metadata.namespace'), { name: 'CONFIG_MOUNT_PATH', value: '/etc/config/' }],
  };
  return [
    {
      kind: 'DaemonSet', ns: KUBE_SYSTEM, name: 'kindnet', labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }, selector: { app: 'kindnet' },
      hash: '5b4b5f7d59',
      spec: { containers: [kindnet], hostNetwork: true, serviceAccountName: 'kindnet', tolerations: [{ operator: 'Exists' }] },
    },
    {
      kind: 'DaemonSet', ns: KUBE_SYSTEM, name: 'kube-proxy', labels: { 'k8s-app': 'kube-proxy' }, selector: { 'k8s-app': 'kube-proxy' },
      hash: '6d4b4b9c8d',
      spec: { containers: [proxy], hostNetwork: true, nodeSelector: linux, priorityClassName: 'system-node-critical', serviceAccountName: 'kube-proxy', tolerations: [{ operator: 'Exists' }] },
    },
    {
      kind: 'Deployment', ns: KUBE_SYSTEM, name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, selector: { 'k8s-app': 'kube-dns' }, replicas: 2, hash: COREDNS_HASH,
      spec: {
        containers: [coredns], dnsPolicy: 'Default', nodeSelector: linux, priorityClassName: 'system-cluster-critical', serviceAccountName: 'coredns',
        tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, cpTaint],
      },
    },
    {
      kind: 'Deployment', ns: LOCAL_PATH_STORAGE, name: 'local-path-provisioner', labels: {}, selector: { app: 'local-path-provisioner' }, replicas: 1, hash: LOCAL_PATH_HASH,
      spec: {
        containers: [localPath], nodeSelector: linux, serviceAccountName: 'local-path-provisioner-service-account',
        tolerations: [cpTaint, { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      },
    },
  ];
}

const podLabels = (w: Workload): Record<string, string> => (w.kind === 'DaemonSet'
  ? { ...w.selector, ...w.labels, 'controller-revision-hash': w.hash, 'pod-template-generation': '1' }
  : { ...w.selector, 'pod-template-hash': w.hash });

const rsName = (w: Workload) => `${w.name}-${w.hash}`;
const uidOf = (kind: string, ns: string, name: string) => fixedUuid(`system/${kind}/${ns}/${name}`);

// A pod of a workload, as its controller creates it: named from the controller's generateName, owned by the
// DaemonSet or ReplicaSet; a daemon pod has the daemon tolerations and a node affinity to its node, through which
// the scheduler places it. `bound`: already on its node (the cluster's pods at bootstrap).
function workloadPod(w: Workload, name: string, node: string | undefined, tokenName: string | undefined, bound = true): Pod {
  const owner = w.kind === 'DaemonSet'
    ? { apiVersion: 'apps/v1', kind: 'DaemonSet', name: w.name, uid: uidOf('DaemonSet', w.ns, w.name), controller: true, blockOwnerDeletion: true }
    : { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName(w), uid: uidOf('ReplicaSet', w.ns, rsName(w)), controller: true, blockOwnerDeletion: true };
  const spec: PodSpec = { ...w.spec, containers: w.spec.containers.map((ct) => ({ ...ct })) };
  if (w.kind === 'DaemonSet') {
    spec.tolerations = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node!] }] }] } } };
  }
  if (node && bound) spec.nodeName = node;
  if (tokenName) {
    spec.volumes = [...(spec.volumes ?? []), tokenVolume(tokenName)];
    spec.containers = spec.containers.map((ct) => ({ ...ct, volumeMounts: [...(ct.volumeMounts ?? []), { name: tokenName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }));
  }
  if (spec.priorityClassName) {
    spec.priority = spec.priorityClassName === 'system-node-critical' ? 2_000_001_000 : 2_000_000_000;
    spec.preemptionPolicy = 'PreemptLowerPriority';
  }
  return { metadata: { name, namespace: w.ns, labels: podLabels(w), ownerReferences: [owner] }, spec };
}

function template(w: Workload) {
  return { metadata: { labels: w.kind === 'DaemonSet' ? { ...w.selector, ...w.labels } : { ...w.selector } }, spec: w.spec };
}

function daemonSet(w: Workload, nodes: number): DaemonSet {
  return {
    metadata: { name: w.name, namespace: w.ns, labels: w.labels, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: w.selector }, template: template(w), revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    },
    status: { currentNumberScheduled: nodes, desiredNumberScheduled: nodes, numberAvailable: nodes, numberMisscheduled: 0, numberReady: nodes, observedGeneration: 1, updatedNumberScheduled: nodes },
  };
}

// The DaemonSet controller's first ControllerRevision: the template as a replacing patch, named by its hash.
function daemonSetRevision(c: Cluster, w: Workload): KObject {
  const ds = c.store.get('DaemonSet', w.ns, w.name)!;
  const template = ds.spec!.template;
  return {
    metadata: {
      name: `${w.name}-${w.hash}`, namespace: w.ns, labels: { ...w.selector, 'controller-revision-hash': w.hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: w.name, uid: ds.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: { $patch: 'replace', ...template } } },
    revision: 1,
  } as KObject;
}

function deployment(w: Workload, now: string): Deployment {
  const n = w.replicas!;
  return {
    metadata: { name: w.name, namespace: w.ns, labels: w.labels, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas: n, selector: { matchLabels: w.selector }, template: template(w), progressDeadlineSeconds: 600, revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: w.name === 'coredns' ? 1 : '25%' } },
    },
    status: {
      availableReplicas: n, observedGeneration: 1, readyReplicas: n, replicas: n, updatedReplicas: n,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: now, lastTransitionTime: now, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: now, lastTransitionTime: now, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName(w)}" has successfully progressed.` },
      ],
    },
  };
}

function replicaSet(w: Workload): ReplicaSet {
  const n = w.replicas!;
  return {
    metadata: {
      name: rsName(w), namespace: w.ns, labels: { ...w.selector, 'pod-template-hash': w.hash },
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(n), 'deployment.kubernetes.io/max-replicas': String(n + Math.ceil(n / 4)), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, uid: uidOf('Deployment', w.ns, w.name), controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: n, selector: { matchLabels: { ...w.selector, 'pod-template-hash': w.hash } }, template: { metadata: { labels: podLabels(w) }, spec: w.spec } },
    status: { availableReplicas: n, fullyLabeledReplicas: n, observedGeneration: 1, readyReplicas: n, replicas: n },
  };
}

// A generated name `<prefix>-xxxxx` from the seed that no pod has yet (suffixes of similar seeds can collide, as
// random ones can; the controller would draw again).
function freeName(c: Cluster, ns: string, prefix: string, seed: string): string {
  for (let k = 0; ; k++) {
    const name = `${prefix}-${fixedSuffix(k ? `${seed}#${k}` : seed)}`;
    if (!c.store.get('Pod', ns, name)) return name;
  }
}

/**
 * The ServiceAccounts a kind cluster has once it is up, per namespace, in name order: `default` in each (the
 * ServiceAccount controller's), the ones kubeadm's addons and kind's manifests make for their pods (coredns,
 * kube-proxy, kindnet, local-path-provisioner-service-account), and one per controller kube-controller-manager runs
 * in 1.35 (kubeadm starts it with --use-service-account-credentials and --controllers=*,bootstrapsigner,tokencleaner;
 * the cloud controllers and the ones behind feature gates that are off make none). None lists Secrets.
 */
const SYSTEM_SERVICE_ACCOUNTS: ReadonlyArray<[string, readonly string[]]> = [
  ['default', ['default']],
  ['kube-node-lease', ['default']],
  ['kube-public', ['default']],
  [KUBE_SYSTEM, [
    'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller',
    'coredns', 'cronjob-controller', 'daemon-set-controller', 'default', 'deployment-controller',
    'disruption-controller', 'endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller',
    'ephemeral-volume-controller', 'expand-controller', 'generic-garbage-collector', 'horizontal-pod-autoscaler',
    'job-controller', 'kindnet', 'kube-proxy', 'legacy-service-account-token-cleaner', 'namespace-controller',
    'node-controller', 'persistent-volume-binder', 'pod-garbage-collector', 'pv-protection-controller',
    'pvc-protection-controller', 'replicaset-controller', 'replication-controller', 'resource-claim-controller',
    'resourcequota-controller', 'root-ca-cert-publisher', 'service-account-controller', 'service-cidrs-controller',
    'statefulset-controller', 'token-cleaner', 'ttl-after-finished-controller', 'ttl-controller',
    'validatingadmissionpolicy-status-controller', 'volumeattributesclass-protection-controller',
  ]],
  [LOCAL_PATH_STORAGE, ['default', 'local-path-provisioner-service-account']],
];

function must(r: { ok: boolean; status?: { message: string } }, what: string): void {
  if (!r.ok) throw new Error(`bootstrap: ${what}: ${r.status?.message}`);
}

function createOwn(c: Cluster, kind: 'Namespace' | 'ServiceAccount' | 'ConfigMap' | 'Secret' | 'Service' | 'Endpoints' | 'EndpointSlice' | 'ControllerRevision' | 'DaemonSet' | 'Deployment' | 'ReplicaSet' | 'Pod', o: KObject): void {
  const m = o.metadata!;
  must(c.store.create(kind, o, { trusted: true, uid: uidOf(kind, m.namespace ?? '', m.name!) }), `${kind} ${m.name}`);
}

/** Creates the cluster's own workloads, running, at virtual time 0 (after the nodes and the kubernetes Service). */
export function bootstrapSystem(c: Cluster): void {
  const now = rfc3339(c.wallNow());
  const nodes = c.store.list('Node');
  const cp = nodes.find((n) => n.metadata!.name === CONTROL_PLANE)!;
  createOwn(c, 'Namespace', { metadata: { name: LOCAL_PATH_STORAGE, labels: { 'kubernetes.io/metadata.name': LOCAL_PATH_STORAGE } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } } as KObject);
  for (const [ns, names] of SYSTEM_SERVICE_ACCOUNTS) {
    for (const name of names) createOwn(c, 'ServiceAccount', { metadata: { name, namespace: ns } } as KObject);
  }
  // kube-root-ca.crt in every namespace, the configs kubeadm, the API server and kind put there, and the bootstrap token.
  const facts = kindFacts(rfc3339(c.wallNow()));
  for (const cm of systemConfigMaps(facts)) createOwn(c, 'ConfigMap', cm);
  for (const secret of systemSecrets(facts)) createOwn(c, 'Secret', secret);
  createOwn(c, 'Service', {
    metadata: {
      name: 'kube-dns', namespace: KUBE_SYSTEM,
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      type: 'ClusterIP', clusterIP: DNS_IP, clusterIPs: [DNS_IP], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }],
    },
  } as KObject);
  const adopt: Array<[Pod, string]> = [];
  const add = (pod: Pod, seed: string) => {
    createOwn(c, 'Pod', pod);
    adopt.push([c.store.get('Pod', pod.metadata!.namespace!, pod.metadata!.name!)!, seed]);
  };
  for (const sp of staticPods(nodeAddress(cp))) add(mirrorPod(c, sp, cp), `static/${sp.component}`);
  for (const w of workloads()) {
    if (w.kind === 'DaemonSet') {
      createOwn(c, 'DaemonSet', daemonSet(w, nodes.length));
      createOwn(c, 'ControllerRevision', daemonSetRevision(c, w));
      for (const n of nodes) {
        const name = freeName(c, w.ns, w.name, `system/${w.name}/${n.metadata!.name}`);
        add(workloadPod(w, name, n.metadata!.name!, `kube-api-access-${fixedSuffix(`system/${name}/token`)}`), `pod/${name}`);
      }
    } else {
      createOwn(c, 'Deployment', deployment(w, now));
      createOwn(c, 'ReplicaSet', replicaSet(w));
      for (let i = 0; i < w.replicas!; i++) {
        const name = freeName(c, w.ns, rsName(w), `system/${w.name}/${i}`);
        add(workloadPod(w, name, CONTROL_PLANE, `kube-api-access-${fixedSuffix(`system/${name}/token`)}`), `pod/${name}`);
      }
    }
  }
  for (const [pod, seed] of adopt) adoptRunning(c, pod, seed);
  // A kind node image ships every system image: all of them are on every node.
  for (const n of nodes) {
    const images = nodeRuntime(c, n.metadata!.name!).images;
    for (const [ref] of SYSTEM_IMAGE_LIST) images[normalizeImage(ref).full] = true;
  }
  dnsEndpoints(c, now);
}

// kube-dns's Endpoints and EndpointSlice as the two controllers wrote them for the running CoreDNS pods (so that
// they are there from the start, and the controllers' first sync finds nothing to change).
function dnsEndpoints(c: Cluster, now: string): void {
  const svc = c.store.get('Service', KUBE_SYSTEM, 'kube-dns')!;
  const labels = svc.metadata!.labels!;
  const pods = c.store.list('Pod', KUBE_SYSTEM).filter((p) => p.metadata?.labels?.['k8s-app'] === 'kube-dns')
    .sort((a, b) => (a.status!.podIP! < b.status!.podIP! ? -1 : 1));
  const ref = (p: Pod) => ({ kind: 'Pod', name: p.metadata!.name!, namespace: KUBE_SYSTEM, uid: p.metadata!.uid! });
  const ports = svc.spec!.ports!.map((p) => ({ name: p.name!, port: p.port, protocol: p.protocol! }));
  const trigger = { 'endpoints.kubernetes.io/last-change-trigger-time': now };
  createOwn(c, 'Endpoints', {
    metadata: { name: 'kube-dns', namespace: KUBE_SYSTEM, labels: { ...labels, 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' }, annotations: trigger },
    subsets: [{ addresses: pods.map((p) => ({ ip: p.status!.podIP!, nodeName: p.spec!.nodeName!, targetRef: ref(p) })), ports }],
  } as KObject);
  createOwn(c, 'EndpointSlice', {
    metadata: {
      name: `kube-dns-${fixedSuffix('system/kube-dns-slice')}`, namespace: KUBE_SYSTEM, generateName: 'kube-dns-',
      labels: { ...labels, 'kubernetes.io/service-name': 'kube-dns', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'kube-dns', uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      annotations: trigger,
    },
    addressType: 'IPv4',
    endpoints: pods.map((p) => ({
      addresses: [p.status!.podIP!], conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: KUBE_SYSTEM, name: p.metadata!.name!, uid: p.metadata!.uid! }, nodeName: p.spec!.nodeName!,
    })),
    ports,
  } as unknown as KObject);
}

// ---- the system controller ----

/** Whether a pod is one of the cluster's own (a mirror pod, or a pod of a system DaemonSet or ReplicaSet). */
function systemOwner(pod: Pod): { kind: 'DaemonSet' | 'ReplicaSet' | 'Mirror'; name: string } | undefined {
  const m = pod.metadata;
  if (!m?.namespace || !SYSTEM_NAMESPACES.has(m.namespace)) return undefined;
  if (isMirrorPod(pod)) return { kind: 'Mirror', name: m.name! };
  const ref = m.ownerReferences?.find((r) => r.controller);
  if (ref && (ref.kind === 'DaemonSet' || ref.kind === 'ReplicaSet')) return { kind: ref.kind, name: ref.name };
  return undefined;
}

const workloadByName = (ns: string, name: string): Workload | undefined =>
  workloads().find((w) => w.ns === ns && (w.kind === 'DaemonSet' ? w.name === name : rsName(w) === name));

// A deleted pod of the cluster comes back: a mirror pod under its name (the kubelet re-creates it from the static
// manifest), a daemon pod for the same node and a ReplicaSet's pod from the template, each with a generated name
// and placed by the scheduler.
function recreate(c: Cluster, key: string): void {
  const [kind, ns, name, node] = key.split('|');
  if (kind === 'Mirror') {
    if (c.store.get('Pod', ns, name)) return;
    const cp = c.store.get('Node', '', CONTROL_PLANE);
    const sp = cp && staticPods(nodeAddress(cp)).find((s) => `${s.component}-${CONTROL_PLANE}` === name);
    if (!sp) return;
    const r = c.store.create('Pod', mirrorPod(c, sp, cp), TRUSTED);
    // The static pod never stopped: the new mirror shows it running since the cluster started.
    if (r.ok) adoptRunning(c, r.object, `static/${sp.component}`, c.state.epochMs);
    return;
  }
  const w = workloadByName(ns, name);
  if (!w) return;
  const owner = c.store.get(kind as 'DaemonSet' | 'ReplicaSet', ns, name);
  if (!owner) return;
  const live = ownedPods(c, owner.metadata!.uid!);
  if (kind === 'DaemonSet') {
    if (!c.store.get('Node', '', node) || live.some((p) => p.spec?.nodeName === node)) return;
  }
  // A daemon pod for its node; a ReplicaSet's missing pods all (several deletions at once share one key).
  const missing = kind === 'DaemonSet' ? 1 : (w.replicas ?? 0) - live.length;
  for (let i = 0; i < missing; i++) {
    const pod = workloadPod(w, '', kind === 'DaemonSet' ? node : undefined, undefined, false);
    pod.metadata!.generateName = `${kind === 'DaemonSet' ? w.name : rsName(w)}-`;
    delete pod.metadata!.name;
    const r = c.store.create('Pod', pod);
    if (r.ok) {
      c.event({ object: owner, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${r.object.metadata!.name}`, component: kind === 'DaemonSet' ? 'daemonset-controller' : 'replicaset-controller' });
    }
  }
}

// A node registered (again): its daemon pods, and on the control plane the mirror pods of its static pods, which
// its kubelet writes once its Node exists. Every DaemonSet's count of nodes follows.
function nodeAdded(c: Cluster, node: string): void {
  for (const w of workloads()) {
    if (w.kind !== 'DaemonSet') continue;
    c.enqueue('system/recreate', `DaemonSet|${w.ns}|${w.name}|${node}`, 50);
  }
  if (node !== CONTROL_PLANE) return;
  const cp = c.store.get('Node', '', CONTROL_PLANE);
  for (const sp of cp ? staticPods(nodeAddress(cp)) : []) c.enqueue('system/recreate', `Mirror|${KUBE_SYSTEM}|${sp.component}-${CONTROL_PLANE}|${CONTROL_PLANE}`, 1_000);
}

// The pods a DaemonSet or ReplicaSet owns that are not being deleted.
const ownedPods = (c: Cluster, uid: string): Pod[] => c.store.listByOwner('Pod', uid).filter((p) => !p.metadata?.deletionTimestamp);

// The status counts of a system DaemonSet or ReplicaSet (and the ReplicaSet's Deployment) from its pods.
function recount(c: Cluster, key: string): void {
  const [kind, ns, name] = key.split('|') as ['DaemonSet' | 'ReplicaSet', string, string];
  const owner = c.store.get(kind, ns, name) as DaemonSet | ReplicaSet | undefined;
  if (!owner) return;
  const pods = ownedPods(c, owner.metadata!.uid!);
  const ready = pods.filter(isPodReady).length;
  if (kind === 'DaemonSet') {
    const ds = owner as DaemonSet;
    // Every node is eligible for the cluster's DaemonSets (kindnet tolerates all taints, kube-proxy selects linux).
    const desired = c.store.list('Node').length;
    const st = { ...ds.status!, currentNumberScheduled: pods.length, desiredNumberScheduled: desired, numberReady: ready, numberAvailable: ready, updatedNumberScheduled: pods.length };
    if (ready < st.desiredNumberScheduled) st.numberUnavailable = st.desiredNumberScheduled - ready; else delete st.numberUnavailable;
    if (JSON.stringify(st) !== JSON.stringify(ds.status)) c.store.update('DaemonSet', { ...ds, status: st }, { subresource: 'status', trusted: true });
    return;
  }
  const rs = owner as ReplicaSet;
  const st = { ...rs.status!, replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready };
  if (JSON.stringify(st) !== JSON.stringify(rs.status)) c.store.update('ReplicaSet', { ...rs, status: st }, { subresource: 'status', trusted: true });
  const dref = owner.metadata?.ownerReferences?.find((r) => r.kind === 'Deployment');
  const dep = dref && c.store.get('Deployment', ns, dref.name);
  if (!dep) return;
  const dst = { ...dep.status!, replicas: pods.length, updatedReplicas: pods.length, readyReplicas: ready, availableReplicas: ready };
  if (JSON.stringify(dst) !== JSON.stringify(dep.status)) c.store.update('Deployment', { ...dep, status: dst }, { subresource: 'status', trusted: true });
}

/** Keeps the cluster's own pods. Timers `system/recreate` (`kind|ns|name|node`) and `system/recount` (`kind|ns|name`). */
export const systemController: Controller = {
  name: 'system',
  kinds: ['Pod', 'Node'],
  onChange(e, c) {
    if (e.kind === 'Node') {
      if (e.type === 'MODIFIED') return;
      if (e.type === 'ADDED' && c.store.list('DaemonSet', KUBE_SYSTEM).length) nodeAdded(c, e.object.metadata!.name!);
      for (const w of workloads()) if (w.kind === 'DaemonSet') c.enqueue('system/recount', `DaemonSet|${w.ns}|${w.name}`, 0);
      return;
    }
    const ns = e.object.metadata?.namespace;
    // Only the cluster's own namespaces: every other pod write returns here.
    if (ns !== KUBE_SYSTEM && ns !== LOCAL_PATH_STORAGE) return;
    const pod = e.object as Pod;
    const owner = systemOwner(pod);
    if (!owner) return;
    if (owner.kind !== 'Mirror') c.enqueue('system/recount', `${owner.kind}|${ns}|${owner.name}`, 0);
    if (e.type === 'DELETED') c.enqueue('system/recreate', `${owner.kind}|${ns}|${owner.name}|${pod.spec?.nodeName ?? ''}`, owner.kind === 'Mirror' ? 1_000 : 50);
  },
  run(kind, key, c) {
    if (kind === 'system/recreate') recreate(c, key);
    else if (kind === 'system/recount') recount(c, key);
  },
};
