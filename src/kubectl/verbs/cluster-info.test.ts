// kubectl cluster-info: the control plane and the cluster services of kube-system, coloured as kubectl colours them
// (ANSI escapes whether or not stdout is a terminal), and the `dump` sub-command that is not modelled.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../engine/api/types.ts';
import { kc, put, testCluster } from '../testing.ts';

const G = '\x1b[0;32m', Y = '\x1b[0;33m', R = '\x1b[0m';
const DUMP_HINT = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

const kubeDns: Service = {
  metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
  spec: { selector: { 'k8s-app': 'kube-dns' }, clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }] },
};

describe('kubectl cluster-info', () => {
  it('prints the control plane in colour, then the debugging hint', () => {
    const c = testCluster();
    expect(kc(c, 'cluster-info')).toEqual({ out: `${G}Kubernetes control plane${R} is running at ${Y}https://127.0.0.1:45331${R}\n${DUMP_HINT}`, err: '', code: 0 });
  });

  it('adds each labelled cluster service: its kubernetes.io/name and proxy path; https guessed from the port', () => {
    const c = testCluster();
    put(c, 'Service', kubeDns);
    put(c, 'Service', { metadata: { name: 'dash', namespace: 'kube-system', labels: { 'kubernetes.io/cluster-service': 'true' } }, spec: { ports: [{ port: 443 }] } } as Service);
    put(c, 'Service', { metadata: { name: 'other', namespace: 'kube-system' }, spec: { ports: [{ port: 80 }] } } as Service);
    expect(kc(c, 'cluster-info').out).toBe(`${G}Kubernetes control plane${R} is running at ${Y}https://127.0.0.1:45331${R}\n` +
      `${G}dash${R} is running at ${Y}https://127.0.0.1:45331/api/v1/namespaces/kube-system/services/https:dash:/proxy${R}\n` +
      `${G}CoreDNS${R} is running at ${Y}https://127.0.0.1:45331/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy${R}\n${DUMP_HINT}`);
    // -n looks in another namespace.
    expect(kc(c, 'cluster-info -n default').out).toBe(`${G}Kubernetes control plane${R} is running at ${Y}https://127.0.0.1:45331${R}\n${DUMP_HINT}`);
  });

  it('says dump is not available', () => {
    expect(kc(testCluster(), 'cluster-info dump')).toEqual({ out: '', err: 'error: "kubectl cluster-info dump" is not available in this simulated cluster\n', code: 1 });
  });
});
