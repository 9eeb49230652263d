// kubectl cluster-info: the control plane and the cluster services of kube-system, coloured as kubectl colours them
// (ANSI escapes whether or not stdout is a terminal), and the `dump` sub-command that is not modelled.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../engine/api/types.ts';
import { kc, put, testCluster } from '../testing.ts';

const G = '\x1b[0;32m', Y = '\x1b[0;33m', R = '\x1b[0m';
const DUMP_HINT = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

describe('kubectl cluster-info', () => {
  const CONTROL = `${G}Kubernetes control plane${R} is running at ${Y}https://127.0.0.1:45331${R}\n`;
  const DNS = `${G}CoreDNS${R} is running at ${Y}https://127.0.0.1:45331/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy${R}\n`;

  it('prints the control plane and kind\'s CoreDNS (the kube-dns Service) in colour, then the debugging hint', () => {
    const c = testCluster();
    expect(kc(c, 'cluster-info')).toEqual({ out: `${CONTROL}${DNS}${DUMP_HINT}`, err: '', code: 0 });
  });

  it('adds each labelled cluster service: its kubernetes.io/name and proxy path; https guessed from the port', () => {
    const c = testCluster();
    put(c, 'Service', { metadata: { name: 'dash', namespace: 'kube-system', labels: { 'kubernetes.io/cluster-service': 'true' } }, spec: { ports: [{ port: 443 }] } } as Service);
    put(c, 'Service', { metadata: { name: 'other', namespace: 'kube-system' }, spec: { ports: [{ port: 80 }] } } as Service);
    expect(kc(c, 'cluster-info').out).toBe(`${CONTROL}` +
      `${G}dash${R} is running at ${Y}https://127.0.0.1:45331/api/v1/namespaces/kube-system/services/https:dash:/proxy${R}\n` +
      `${DNS}${DUMP_HINT}`);
    // -n looks in another namespace.
    expect(kc(c, 'cluster-info -n default').out).toBe(`${CONTROL}${DUMP_HINT}`);
  });

  it('says dump is not available', () => {
    expect(kc(testCluster(), 'cluster-info dump')).toEqual({ out: '', err: 'error: "kubectl cluster-info dump" is not available in this simulated cluster\n', code: 1 });
  });
});
