import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../engine/cluster.ts';
import type { EndpointSlice } from '../../../engine/api/types.ts';
import { kc, webSet } from '../../testing.ts';
import { formatEndpointSlices } from './network.ts';

function cluster(): Cluster {
  const c = Cluster.create({ seed: 4, freeze: true });
  c.store.create('Service', { metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] } });
  c.store.create('StatefulSet', webSet(5));
  c.advance(600_000);
  return c;
}

const slice = (ready: boolean[]): EndpointSlice => ({
  addressType: 'IPv4', ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
  endpoints: ready.map((r, i) => ({ addresses: [`10.0.0.${i}`], conditions: { ready: r } })),
});

describe('endpointslices in kubectl', () => {
  it('formats service endpoints from slices: ready only, three then "+ N more..."', () => {
    expect(formatEndpointSlices([], 'web')).toBe('<none>');
    expect(formatEndpointSlices([slice([true, false, true])], 'web')).toBe('10.0.0.0:80,10.0.0.2:80');
    expect(formatEndpointSlices([slice([true, true, true, true, true])], 'web')).toBe('10.0.0.0:80,10.0.0.1:80,10.0.0.2:80 + 2 more...');
    expect(formatEndpointSlices([slice([true])], 'other')).toBe('');
  });

  it('get endpointslices lists the kubernetes slice and the generated one', () => {
    const out = kc(cluster(), 'get endpointslices').out.split('\n');
    expect(out[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
    expect(out[1]).toMatch(/^kubernetes\s+IPv4\s+6443\s+172\.18\.0\.2\s+10m$/);
    expect(out[2]).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}\s+IPv4\s+80\s+(10\.244\.\d\.\d,){2}10\.244\.\d\.\d \+ 2 more\.\.\.\s+10m$/);
    expect(kc(cluster(), 'get endpointslice -l kubernetes.io/service-name=nginx -o name').out).toMatch(/^endpointslice\.discovery\.k8s\.io\/nginx-\w{5}\n$/);
  });

  it('describe svc reads its Endpoints line from the slices', () => {
    const out = kc(cluster(), 'describe svc nginx').out;
    expect(out).toContain('IP:                       None\n');
    expect(out).toContain('Port:                     web  80/TCP\nTargetPort:               web/TCP\n');
    expect(out).toMatch(/Endpoints:\s+(10\.244\.\d\.\d:80,){2}10\.244\.\d\.\d:80 \+ 2 more\.\.\.\n/);
    expect(out).toContain('Session Affinity:         None\nInternal Traffic Policy:  Cluster\nEvents:                   <none>\n');
  });

  it('describe endpointslice lists each endpoint with its conditions and target', () => {
    const out = kc(cluster(), 'describe endpointslice kubernetes').out;
    expect(out).toBe([
      'Name:         kubernetes', 'Namespace:    default', 'Labels:       kubernetes.io/service-name=kubernetes', 'Annotations:  <none>',
      'AddressType:  IPv4', 'Ports:', '  Name   Port  Protocol', '  ----   ----  --------', '  https  6443  TCP', 'Endpoints:',
      '  - Addresses:  172.18.0.2', '    Conditions:', '      Ready:   true', '    Hostname:  <unset>', '    NodeName:  <unset>', '    Zone:      <unset>',
      'Events:        <none>', '',
    ].join('\n'));
  });

  it('describe node shows the lease, conditions, system info and the pods on it', () => {
    const out = kc(cluster(), 'describe node kind-worker').out;
    expect(out).toContain('Name:               kind-worker\nRoles:              <none>\n');
    expect(out).toContain('Lease:\n  HolderIdentity:  kind-worker\n  AcquireTime:     <unset>\n  RenewTime:       Thu, 01 Jan 2026 00:10:00 +0000\n');
    // The kubelet's last status report (every 5 minutes) is the heartbeat; the transition is still the start.
    expect(out).toMatch(/ {2}Ready {12}True {4}Thu, 01 Jan 2026 00:0[5-9]:\d\d \+0000 {3}Thu, 01 Jan 2026 00:00:00 \+0000 {3}KubeletReady/);
    expect(out).toContain('ProviderID:                   kind://docker/kind/kind-worker\n');
    // Fixed per-node identifiers, as a real node reports them (never blank).
    expect(out).toMatch(/ {2}Machine ID: {17}[0-9a-f]{32}\n {2}System UUID: {16}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n {2}Boot ID: {20}[0-9a-f-]{36}\n/);
    expect(out).toMatch(/Non-terminated Pods: +\(\d in total\)\n/);
    expect(out).toMatch(/ {2}default +web-\d +0 \(0%\) +0 \(0%\) +0 \(0%\) +0 \(0%\) +10m\n/);
    // The node's own kindnet requests and limits 100m CPU and 50Mi; kube-proxy nothing.
    expect(out).toContain('  cpu                100m (5%)  100m (5%)\n');
    expect(out).toMatch(/ {2}kube-system +kindnet-\w{5} +100m \(5%\) +100m \(5%\) +50Mi \(0%\) +50Mi \(0%\) +10m\n/);
    expect(kc(cluster(), 'describe node kind-control-plane').out).toContain('Roles:              control-plane\n');
  });
});

describe('describe endpoints', () => {
  it('lists each subset\'s ready and not-ready IPs and its ports, with the 1.33+ deprecation warning', () => {
    const c = cluster();
    const r = kc(c, 'describe endpoints nginx --show-events=false');
    expect(r.err).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    const ep = c.store.get('Endpoints', 'default', 'nginx')!;
    const ips = (ready: boolean) => (ready ? ep.subsets![0].addresses : ep.subsets![0].notReadyAddresses)?.map((a) => a.ip).join(',') || '<none>';
    expect(r.out).toBe([
      'Name:         nginx',
      'Namespace:    default',
      'Labels:       app=nginx',
      '              endpoints.kubernetes.io/managed-by=endpoint-controller',
      '              service.kubernetes.io/headless=',
      `Annotations:  endpoints.kubernetes.io/last-change-trigger-time: ${ep.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time']}`,
      'Subsets:',
      `  Addresses:          ${ips(true)}`,
      `  NotReadyAddresses:  ${ips(false)}`,
      '  Ports:',
      '    Name  Port  Protocol',
      '    ----  ----  --------',
      '    web   80    TCP',
      '', ''].join('\n'));
    expect(ips(true).split(',')).toHaveLength(5);
  });

  it('prints <none> for an empty address list and <unset> for an unnamed port', () => {
    const c = Cluster.create({ seed: 4, freeze: true, controllers: [] });
    c.store.create('Endpoints', { metadata: { name: 'x', namespace: 'default' }, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.9' }], ports: [{ port: 8080, protocol: 'TCP' }] }] } as never);
    expect(kc(c, 'describe ep x').out).toBe([
      'Name:         x', 'Namespace:    default', 'Labels:       <none>', 'Annotations:  <none>', 'Subsets:',
      '  Addresses:          <none>', '  NotReadyAddresses:  10.0.0.9', '  Ports:',
      '    Name     Port  Protocol', '    ----     ----  --------', '    <unset>  8080  TCP', '',
      'Events:  <none>', ''].join('\n'));
  });
});
