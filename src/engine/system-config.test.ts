// The ConfigMaps and Secrets of a fresh kind cluster: which exist, their keys, the texts that must match upstream
// byte for byte, one CA everywhere it is embedded, a bootstrap-signer signature that verifies, and determinism.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isConfigMapKey } from './api/config-strategies.ts';
import { base64Decode, utf8String } from './api/base64.ts';
import { DNS_IP } from './system.ts';
import {
  CLUSTER_CA_PEM, FRONT_PROXY_CA_PEM, ROOT_CA_CONFIGMAP, clusterDnsIp, kindFacts, rootCaConfigMap, systemConfigMaps, systemSecrets,
} from './system-config.ts';

const facts = kindFacts('2026-01-01T00:00:00Z');
const cms = systemConfigMaps(facts);
const cm = (ns: string, name: string) => cms.find((c) => c.metadata!.namespace === ns && c.metadata!.name === name)!;
const text = (b64: string) => { const d = base64Decode(b64); if (!d.ok) throw new Error(d.error); return utf8String(d.bytes); };

describe('systemConfigMaps', () => {
  it('lists what `kubectl get cm -A` shows on a fresh kind cluster, in its order, with every key', () => {
    expect(cms.map((c) => `${c.metadata!.namespace}/${c.metadata!.name} ${Object.keys(c.data!).sort().join(',')}`)).toEqual([
      'default/kube-root-ca.crt ca.crt',
      'kube-node-lease/kube-root-ca.crt ca.crt',
      'kube-public/cluster-info jws-kubeconfig-abcdef,kubeconfig',
      'kube-public/kube-root-ca.crt ca.crt',
      'kube-system/coredns Corefile',
      'kube-system/extension-apiserver-authentication client-ca-file,requestheader-allowed-names,requestheader-client-ca-file,'
        + 'requestheader-extra-headers-prefix,requestheader-group-headers,requestheader-uid-headers,requestheader-username-headers',
      'kube-system/kube-apiserver-legacy-service-account-token-tracking since',
      'kube-system/kube-proxy config.conf,kubeconfig.conf',
      'kube-system/kube-root-ca.crt ca.crt',
      'kube-system/kubeadm-config ClusterConfiguration',
      'kube-system/kubelet-config kubelet',
      'local-path-storage/kube-root-ca.crt ca.crt',
      'local-path-storage/local-path-config config.json,helperPod.yaml,setup,teardown',
    ]);
  });

  it('leaves uid, resourceVersion and creationTimestamp to the caller, and carries only the labels and annotations upstream sets', () => {
    for (const c of cms) expect(Object.keys(c.metadata!).filter((k) => !['name', 'namespace', 'labels', 'annotations'].includes(k))).toEqual([]);
    const meta = cms.filter((c) => c.metadata!.labels || c.metadata!.annotations)
      .map((c) => `${c.metadata!.namespace}/${c.metadata!.name} ${Object.keys({ ...c.metadata!.labels, ...c.metadata!.annotations }).join(',')}`);
    expect(meta).toEqual([
      'default/kube-root-ca.crt kubernetes.io/description', 'kube-node-lease/kube-root-ca.crt kubernetes.io/description',
      'kube-public/kube-root-ca.crt kubernetes.io/description', 'kube-system/kube-proxy app',
      'kube-system/kube-root-ca.crt kubernetes.io/description', 'local-path-storage/kube-root-ca.crt kubernetes.io/description',
      'local-path-storage/local-path-config kubectl.kubernetes.io/last-applied-configuration',
    ]);
  });

  it('has only keys the API server accepts', () => {
    for (const c of cms) for (const k of Object.keys(c.data!)) expect(isConfigMapKey(k), k).toEqual([]);
    for (const s of systemSecrets(facts)) for (const k of Object.keys(s.data!)) expect(isConfigMapKey(k), k).toEqual([]);
  });

  it('gives CoreDNS the Corefile kubeadm 1.35 writes', () => {
    expect(cm('kube-system', 'coredns').data!.Corefile).toBe(`.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`);
  });

  it('embeds one cluster CA everywhere kind does, and the front-proxy CA only for request headers', () => {
    const pem = /^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/]{1,63}={0,2}\n-----END CERTIFICATE-----\n$/;
    expect(CLUSTER_CA_PEM).toMatch(pem);
    expect(FRONT_PROXY_CA_PEM).toMatch(pem);
    expect(FRONT_PROXY_CA_PEM).not.toBe(CLUSTER_CA_PEM);
    for (const c of cms.filter((x) => x.metadata!.name === ROOT_CA_CONFIGMAP)) expect(c).toEqual(rootCaConfigMap(c.metadata!.namespace!));
    expect(rootCaConfigMap('x').data!['ca.crt']).toBe(CLUSTER_CA_PEM);
    expect(rootCaConfigMap('x').metadata!.annotations!['kubernetes.io/description']).toBe(
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.');
    const auth = cm('kube-system', 'extension-apiserver-authentication').data!;
    expect([auth['client-ca-file'], auth['requestheader-client-ca-file']]).toEqual([CLUSTER_CA_PEM, FRONT_PROXY_CA_PEM]);
    const kubeconfig = cm('kube-public', 'cluster-info').data!.kubeconfig;
    expect(text(/certificate-authority-data: (\S+)/.exec(kubeconfig)![1])).toBe(CLUSTER_CA_PEM);
    expect(kubeconfig).toContain('    server: https://kind-control-plane:6443\n');
    expect(cm('kube-system', 'kube-proxy').data!['kubeconfig.conf']).toContain('certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
  });

  it('signs cluster-info as the bootstrap signer does: HS256 keyed by the token secret, payload detached', () => {
    const data = cm('kube-public', 'cluster-info').data!;
    const [header, payload, sig] = data['jws-kubeconfig-abcdef'].split('.');
    expect(header).toBe('eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiY2RlZiJ9');
    expect(payload).toBe('');
    const input = `${header}.${Buffer.from(data.kubeconfig).toString('base64url')}`;
    expect(sig).toBe(createHmac('sha256', '0123456789abcdef').update(input).digest('base64url'));
  });

  it('writes kind\'s settings through kubeadm\'s configs from the facts', () => {
    expect(clusterDnsIp(facts.serviceSubnet)).toBe(DNS_IP);
    const kubelet = cm('kube-system', 'kubelet-config').data!.kubelet;
    expect(kubelet).toContain('cgroupDriver: systemd\ncgroupRoot: /kubelet\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\n');
    expect(kubelet).toContain('failSwapOn: false\n');
    const proxy = cm('kube-system', 'kube-proxy').data!['config.conf'];
    expect(proxy).toContain('clusterCIDR: 10.244.0.0/16\n');
    expect(proxy).toContain('\nmode: iptables\n');
    expect(proxy.endsWith('\n')).toBe(false);
    const cc = cm('kube-system', 'kubeadm-config').data!.ClusterConfiguration;
    expect(cc).toContain('clusterName: kind\ncontrolPlaneEndpoint: kind-control-plane:6443\n');
    expect(cc).toContain('kubernetesVersion: v1.35.4\n');
    expect(cm('local-path-storage', 'local-path-config').data!['helperPod.yaml']).toContain('image: docker.io/kindest/local-path-helper:v20241212-8ac705d0\n');
    const applied = JSON.parse(cm('local-path-storage', 'local-path-config').metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']);
    expect(applied.data).toEqual(cm('local-path-storage', 'local-path-config').data);
  });

  it('is deterministic, and only the dated fields follow startTime', () => {
    expect(systemConfigMaps(kindFacts('2026-01-01T00:00:00Z'))).toEqual(cms);
    const later = systemConfigMaps(kindFacts('2026-03-04T23:59:59Z'));
    expect(cm('kube-system', 'kube-apiserver-legacy-service-account-token-tracking').data!.since).toBe('2026-01-01');
    expect(later.find((c) => c.metadata!.name === 'kube-apiserver-legacy-service-account-token-tracking')!.data!.since).toBe('2026-03-04');
    expect(later.filter((c) => c.metadata!.name !== 'kube-apiserver-legacy-service-account-token-tracking'))
      .toEqual(cms.filter((c) => c.metadata!.name !== 'kube-apiserver-legacy-service-account-token-tracking'));
  });
});

describe('systemSecrets', () => {
  it('holds kind\'s bootstrap token, valid for a day from start', () => {
    const secrets = systemSecrets(facts);
    expect(secrets.map((s) => `${s.metadata!.namespace}/${s.metadata!.name} ${s.type}`)).toEqual(['kube-system/bootstrap-token-abcdef bootstrap.kubernetes.io/token']);
    expect(Object.fromEntries(Object.entries(secrets[0].data!).map(([k, v]) => [k, text(v)]))).toEqual({
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
      expiration: '2026-01-02T00:00:00Z',
      'token-id': 'abcdef',
      'token-secret': '0123456789abcdef',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
    });
    expect(systemSecrets(facts)).toEqual(secrets);
  });
});
