// The ConfigMaps and Secrets a fresh kind cluster (kind v0.31, node image v1.35) holds before the user does anything,
// as plain objects without uid, resourceVersion or creationTimestamp (the caller sets those). Pure data: no clock, no
// PRNG; whatever varies per cluster comes in through SystemFacts.
import type { ConfigMap, Secret } from './api/types.ts';
import { base64Encode, base64OfText, utf8Bytes } from './api/base64.ts';
import { hmacSha256 } from './api/sha256.ts';
import { DEFAULT_EPOCH_MS, parseRfc3339, rfc3339 } from './clock/time.ts';
import { CONTROL_PLANE } from './kind-nodes.ts';
import { SYSTEM_IMAGES } from './system-images.ts';
import { KUBE_VERSION } from './version.ts';

/** What differs between simulated clusters; `kindFacts` fills in what a default `kind create cluster` uses. */
export interface SystemFacts {
  /** kind's cluster name, which kind also gives kubeadm as clusterName. */
  clusterName: string;
  /** The version kubeadm records (`v1.35.4`). */
  kubernetesVersion: string;
  /** host:port every component and kubeconfig dials: kind points it at the control-plane node by name. */
  controlPlaneEndpoint: string;
  /** The extra API server certificate SAN kind asks for, so the host's port-forward verifies (`127.0.0.1`). */
  apiServerAddress: string;
  podSubnet: string;
  /** An IPv4 CIDR; kube-dns takes its 10th address, as kubeadm assigns it. */
  serviceSubnet: string;
  dnsDomain: string;
  /** The bootstrap token kind hands kubeadm (`<6-char id>.<16-char secret>`). */
  bootstrapToken: string;
  /** When the cluster came up, RFC 3339: dates the token's expiry and legacy-token tracking. */
  startTime: string;
}

/** The facts of a default kind cluster that came up at `startTime` (virtual time 0 by default). */
export function kindFacts(startTime: string = rfc3339(DEFAULT_EPOCH_MS)): SystemFacts {
  return {
    clusterName: 'kind', kubernetesVersion: KUBE_VERSION.gitVersion, controlPlaneEndpoint: `${CONTROL_PLANE}:6443`,
    apiServerAddress: '127.0.0.1', podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16', dnsDomain: 'cluster.local',
    bootstrapToken: 'abcdef.0123456789abcdef', startTime,
  };
}

/** The name of the CA bundle ConfigMap kube-controller-manager publishes in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** The namespaces a fresh kind cluster has, each of which gets a kube-root-ca.crt. */
export const SYSTEM_CONFIG_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'] as const;

// The cluster CA (/etc/kubernetes/pki/ca.crt) and the front-proxy CA, shaped as kubeadm makes them: RSA-2048,
// self-signed, CN and DNS SAN equal, key usage digitalSignature|keyEncipherment|keyCertSign, CA:TRUE, ten years
// from 2025-12-31T23:55:00Z. Generated once offline; the private keys were discarded, so nothing can be signed with
// them, but both parse and self-verify as real certificates.
/** The cluster CA certificate, PEM with its trailing newline, as every component reads it. */
export const CLUSTER_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIG29MLpo9UHEwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNTEyMzEyMzU1MDBaFw0zNTEyMjkyMzU1MDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDEW21k9oPvOzaqkEuz1K2KnT1D5L9lujBWKq5jZGwb8kOYsRi07/M5sW7A
SJ2J/vjj8MnVFzl0m75WIQakM+hFjfPoe894KLdOUchPuXK/qr3+jz8myG+lXswk
sjxGxcSqFXX4nOZCnrtI5MbrVusEeyCqfz0EBpF5kDRZo7zGY8rz6XPpuolRwtSO
YjVSnYMQ7LjNqBlQE003C47slOLWttUoDB2O4zVTXzNrj8zYzePtkkSDimgSbcts
EnNSrWkUmwZ6PtBfauyozq5Ms5anDOwXEjOTZcTrbCOA1EfBp7xqbrI+lxHgquBS
JMQcNh5qUkIV5rS9XTYpYEnGgN3tAgMBAAGjWTBXMA4GA1UdDwEB/wQEAwICpDAP
BgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBQId9+lNEzZMb1S9lZ3XxgJrUapBDAV
BgNVHREEDjAMggprdWJlcm5ldGVzMA0GCSqGSIb3DQEBCwUAA4IBAQAHDQ44RdI1
65+j3q6zem/A5w5VRJHg9xZox4x01pN6I1LVCbo957dmhDvHH0IPdHYqzYlBpKED
kJ4DzlvIhI4SawFsafouQ4Kt4O819IRyDphLolJW80Jj1NR0dwQqRIwAXY8dgWTT
hzbtsOrjI67lbp/8rl327pTAewEkwRHr/p/ZAWk7uznlsT0IAjzSuWvQXY2aEwjw
HXx1/a8k89W1w7p/+EOAH1m/OEa7fW/Z6PTd3uYdIUWITsR1jRpTaehDv9PuvEkE
j0LAr7l2IPHOf8wt/EC+5IMJP9eL2NBBro+WIg2W5TZ03MpOuq0V/BL8HnAcfGZz
Xfiw+rmWTl1a
-----END CERTIFICATE-----
`;

/** The front-proxy CA (CN front-proxy-ca), which signs the API server's aggregation client certificate. */
export const FRONT_PROXY_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDETCCAfmgAwIBAgIISix+kdBbP2gwDQYJKoZIhvcNAQELBQAwGTEXMBUGA1UE
AxMOZnJvbnQtcHJveHktY2EwHhcNMjUxMjMxMjM1NTAwWhcNMzUxMjI5MjM1NTAw
WjAZMRcwFQYDVQQDEw5mcm9udC1wcm94eS1jYTCCASIwDQYJKoZIhvcNAQEBBQAD
ggEPADCCAQoCggEBAMG/cH0wvtSbh5InaFNo50pWis4b32OSmXvDOvW67BG4btdB
jo3PCVX8VymISUOlWPaOJax1E2nCO4zfVL3Em8YhpHvYEMgXskTI7ifl1hZHG750
pPCaYFZyDUK4fZ3hX0KrjS+/jTXLNgNfFiVd3IsP4knPeuLhRxxJUTjm7xqp6dWD
bXPK7p5j2XSThEQp6IksMNtVQOPWZKzobQ7VK50lEk5PlBt8B9faBUH2qWCSRRx5
/FlF9TdkadsgtACYYzkKqvGrX/FRY/doH2i8CIrT8n185aNOKib3No3ibTzTd/Ml
wmf4v8f1gOB/B0YUvPl1FOf7QEUzO/WxgzZu/gcCAwEAAaNdMFswDgYDVR0PAQH/
BAQDAgKkMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFAOAVNRSGmcjYhKD6Dhy
raAk5iNyMBkGA1UdEQQSMBCCDmZyb250LXByb3h5LWNhMA0GCSqGSIb3DQEBCwUA
A4IBAQBaNmgEfqDVgdHnvR3KkL51Pxlgn5JI+BL/V5jZ2eFSkqvgVgP3d7NPRTWz
RvMwfQQqk16NgXjUMKKFkGUJvkdPK3e62rcK9f0cjXPL4svEDn8svDI2OgacKeN3
WcT/6tS+OXnm6mO8yKqt7rcEIb7/mmKrjVP51gHs2+z8MNv/bzyk+3Ljqb0Lakhi
ZpsYKU1PeqlfsN6amBT9kFpH41deFIaIWqRwA3F/OejCO3BsF52hzF6oRGlvUL9v
3sR9eBQmxALu24Wz1U9MkgzCJqxAM+VW9tJEhbQZKjPrMlo92VmjZU22wkQYXOED
iYhbkIrn+LCsFS6xQDZXd0VviZK8
-----END CERTIFICATE-----
`;

const configMap = (namespace: string, name: string, data: Record<string, string>, meta: Pick<NonNullable<ConfigMap['metadata']>, 'labels' | 'annotations'> = {}): ConfigMap =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...meta }, data });

/**
 * The CA bundle kube-controller-manager's root-ca-cert-publisher writes into `namespace`: key ca.crt, and the one
 * annotation it keeps on it. Models pkg/controller/certificates/rootcacertpublisher/publisher.go syncNamespace.
 */
export function rootCaConfigMap(namespace: string): ConfigMap {
  return configMap(namespace, ROOT_CA_CONFIGMAP, { 'ca.crt': CLUSTER_CA_PEM }, {
    annotations: {
      'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. '
        + 'No other usage is guaranteed across distributions of Kubernetes clusters.',
    },
  });
}

/** The 10th address of an IPv4 service CIDR, which kubeadm gives kube-dns. Models cmd/kubeadm/app/constants GetDNSIP. */
export function clusterDnsIp(serviceSubnet: string): string {
  const [a, b, c, d] = serviceSubnet.split('/')[0]!.split('.').map(Number);
  const n = ((a! << 24) | (b! << 16) | (c! << 8) | d!) + 10;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const server = (f: SystemFacts) => `https://${f.controlPlaneEndpoint}`;

// kubeadm's CoreDNS Corefile for the cluster domain. Models cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap.
const corefile = (f: SystemFacts) => `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${f.dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${f.dnsDomain}
       disable denial ${f.dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;

// kind's ClusterConfiguration (the v1beta3 template it feeds kubeadm for 1.35) after kubeadm's defaulting, as
// kubeadm uploads it: converted to v1beta4 (extraArgs as name/value lists), keys sorted.
const clusterConfiguration = (f: SystemFacts) => `apiServer:
  certSANs:
  - localhost
  - ${f.apiServerAddress}
  extraArgs:
  - name: runtime-config
    value: ""
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: ${f.clusterName}
controlPlaneEndpoint: ${f.controlPlaneEndpoint}
controllerManager:
  extraArgs:
  - name: enable-hostpath-provisioner
    value: "true"
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${f.kubernetesVersion}
networking:
  dnsDomain: ${f.dnsDomain}
  podSubnet: ${f.podSubnet}
  serviceSubnet: ${f.serviceSubnet}
proxy: {}
scheduler: {}
`;

// The logging section both component configs carry as their defaulting writes it (component-base LoggingConfiguration).
const COMPONENT_LOGGING = `logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0`;

// kind's KubeletConfiguration (systemd cgroups under /kubelet, swap allowed, disk eviction and image GC off) with
// kubeadm's defaults applied (cmd/kubeadm/app/componentconfigs/kubelet.go Default), marshalled without the kubelet's
// own defaulting, so unset durations print as 0s. No resolvConf: systemd-resolved does not run in a kind node.
const kubeletConfiguration = (f: SystemFacts) => `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
cgroupRoot: /kubelet
clusterDNS:
- ${clusterDnsIp(f.serviceSubnet)}
clusterDomain: ${f.dnsDomain}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionHard:
  imagefs.available: 0%
  nodefs.available: 0%
  nodefs.inodesFree: 0%
evictionPressureTransitionPeriod: 0s
failSwapOn: false
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageGCHighThresholdPercent: 100
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
${COMPONENT_LOGGING}
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

// kind's KubeProxyConfiguration (iptables mode, 1s minimum sync, conntrack limit left to the host) with kubeadm's
// defaults (componentconfigs/kubeproxy.go Default: bind address, clusterCIDR, kubeconfig path), every v1alpha1
// field printed as the marshaller leaves it. Held under a `|-` block, so no trailing newline.
const kubeProxyConfiguration = (f: SystemFacts) => `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${f.podSubnet}
configSyncPeriod: 0s
conntrack:
  maxPerCore: 0
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 1s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
${COMPONENT_LOGGING}
metricsBindAddress: ""
mode: iptables
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;

// kube-proxy's in-cluster kubeconfig: the pod's service account token and CA, by path. Models
// cmd/kubeadm/app/phases/addons/proxy/manifests.go KubeProxyConfigMap19 (a `|-` block).
const kubeProxyKubeconfig = (f: SystemFacts) => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server(f)}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;

// The public discovery kubeconfig kubeadm writes to kube-public/cluster-info: the admin kubeconfig's server and CA,
// nothing else. Models cmd/kubeadm/app/phases/bootstraptoken/clusterinfo CreateBootstrapConfigMapIfNotExists.
const discoveryKubeconfig = (f: SystemFacts) => `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${base64OfText(CLUSTER_CA_PEM)}
    server: ${server(f)}
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`;

// kind's local-path-provisioner configuration, from the manifest kind ships in its node image
// (pkg/build/nodeimage/const_storage.go), each value a `|-` block.
const localPathData = (): Record<string, string> => ({
  'config.json': `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["/var/local-path-provisioner"]
        }
        ]
}`,
  'helperPod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  containers:
  - name: helper-pod
    image: ${SYSTEM_IMAGES.localPathHelper}
    imagePullPolicy: IfNotPresent`,
  setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "$VOL_DIR"',
  teardown: '#!/bin/sh\nset -eu\nrm -rf "$VOL_DIR"',
});

// kind applies its storage manifest with client-side `kubectl apply`, which records what it applied: the object as
// compact JSON with keys sorted, annotations emptied, and a trailing newline.
function lastApplied(namespace: string, name: string, data: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]]));
  return `${JSON.stringify({ apiVersion: 'v1', data: sorted, kind: 'ConfigMap', metadata: { annotations: {}, name, namespace } })}\n`;
}

/**
 * Every ConfigMap of a fresh kind cluster, sorted by namespace then name (as `kubectl get cm -A` lists them): the
 * kube-root-ca.crt in each namespace, kubeadm's uploaded configs and addon configs, the API server's published
 * data, the bootstrap signer's cluster-info, and kind's local-path-config. Same facts, same objects.
 */
export function systemConfigMaps(f: SystemFacts): ConfigMap[] {
  const [tokenId, tokenSecret] = f.bootstrapToken.split('.') as [string, string];
  const kubeconfig = discoveryKubeconfig(f);
  const localPath = localPathData();
  const out: ConfigMap[] = [
    ...SYSTEM_CONFIG_NAMESPACES.map(rootCaConfigMap),
    // kubeadm's cluster-info, which the bootstrap signer signs with each signing token. Models
    // pkg/controller/bootstrap/bootstrapsigner.go signConfigMap.
    configMap('kube-public', 'cluster-info', { [`jws-kubeconfig-${tokenId}`]: detachedJws(kubeconfig, tokenId, tokenSecret), kubeconfig }),
    configMap('kube-system', 'coredns', { Corefile: corefile(f) }),
    // The API server's client CA and front-proxy settings for aggregated API servers; since 1.33 the UID header
    // list is published too (empty: kubeadm sets no --requestheader-uid-headers). Models
    // pkg/controlplane/controller/clusterauthenticationtrust getConfigMapDataFor.
    configMap('kube-system', 'extension-apiserver-authentication', {
      'client-ca-file': CLUSTER_CA_PEM,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': FRONT_PROXY_CA_PEM,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-uid-headers': '[]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    // The UTC day the API server began tracking legacy service-account tokens. Models
    // pkg/controlplane/controller/legacytokentracking syncConfigMap.
    configMap('kube-system', 'kube-apiserver-legacy-service-account-token-tracking', { since: rfc3339(parseRfc3339(f.startTime)).slice(0, 10) }),
    // kind supplies its own KubeProxyConfiguration and KubeletConfiguration, so kubeadm leaves both ConfigMaps
    // unsigned (no kubeadm.kubernetes.io/component-config.hash annotation).
    configMap('kube-system', 'kube-proxy', { 'config.conf': kubeProxyConfiguration(f), 'kubeconfig.conf': kubeProxyKubeconfig(f) }, { labels: { app: 'kube-proxy' } }),
    configMap('kube-system', 'kubeadm-config', { ClusterConfiguration: clusterConfiguration(f) }),
    configMap('kube-system', 'kubelet-config', { kubelet: kubeletConfiguration(f) }),
    configMap('local-path-storage', 'local-path-config', localPath, {
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied('local-path-storage', 'local-path-config', localPath) },
    }),
  ];
  const key = (c: ConfigMap) => `${c.metadata!.namespace}/${c.metadata!.name}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Every Secret of a fresh kind cluster: only kubeadm's bootstrap token (kind's well-known one), valid for kubeadm's
 * default 24 hours from start, for signing and authentication, in the default node-token group. Models
 * cmd/kubeadm/app/apis/bootstraptoken/v1 BootstrapTokenToSecret. (No service-account token Secrets since 1.24.)
 */
export function systemSecrets(f: SystemFacts): Secret[] {
  const [tokenId, tokenSecret] = f.bootstrapToken.split('.') as [string, string];
  const data: Record<string, string> = {
    'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    expiration: rfc3339(parseRfc3339(f.startTime) + 24 * 3_600_000),
    'token-id': tokenId,
    'token-secret': tokenSecret,
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
  };
  return [{
    apiVersion: 'v1', kind: 'Secret', metadata: { name: `bootstrap-token-${tokenId}`, namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64OfText(v)])),
  }];
}

// ---- the bootstrap signer's detached JWS (HS256 keyed by the token secret), computed for real ----

const base64Url = (b: Uint8Array) => base64Encode(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** `<protected header>..<signature>` over `content`. Models pkg/controller/bootstrap/jws.go computeDetachedSig. */
function detachedJws(content: string, keyId: string, secret: string): string {
  const header = base64Url(utf8Bytes(JSON.stringify({ alg: 'HS256', kid: keyId })));
  const signature = hmacSha256(utf8Bytes(secret), utf8Bytes(`${header}.${base64Url(utf8Bytes(content))}`));
  return `${header}..${base64Url(signature)}`;
}

