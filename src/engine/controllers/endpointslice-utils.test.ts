// The slice controller's field-by-field comparisons stand in for comparing JSON: sameEndpoint over endpoints
// built by podToEndpoint, and portSignature over the ports getEndpointPorts gives.
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from '../api/types.ts';
import { testPod } from '../kubelet/fixtures.ts';
import { getEndpointPorts, podToEndpoint, portSignature, sameEndpoint } from './endpointslice-utils.ts';

const svc: Service = {
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] },
};
const zoned: Node = { metadata: { name: 'kind-worker', labels: { 'topology.kubernetes.io/zone': 'a' } } };

interface Variant { ready?: boolean; deleting?: boolean; ips?: string[]; subdomain?: string; hostname?: string; node?: string; uid?: string; name?: string; ports?: Array<{ containerPort: number; name: string; protocol: 'TCP' }> }

function pod(v: Variant = {}): Pod {
  const p = testPod(v.name ?? 'web-0', v.node === '' ? {} : { node: v.node ?? 'kind-worker' });
  const ips = v.ips ?? ['10.244.1.5'];
  const container = { ...p.spec!.containers[0], ...(v.ports ? { ports: v.ports } : {}) };
  return {
    metadata: { ...p.metadata, uid: v.uid ?? 'uid-1', ...(v.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { ...p.spec!, containers: [container], hostname: v.hostname ?? p.spec!.hostname, subdomain: v.subdomain ?? p.spec!.subdomain },
    status: { phase: 'Running', podIP: ips[0], podIPs: ips.map((ip) => ({ ip })), conditions: [{ type: 'Ready', status: v.ready === false ? 'False' : 'True' }] },
  };
}

describe('podToEndpoint and sameEndpoint', () => {
  it('builds the endpoint keys in the API order', () => {
    expect(Object.keys(podToEndpoint(pod(), zoned, svc))).toEqual(['addresses', 'conditions', 'hostname', 'targetRef', 'nodeName', 'zone']);
    expect(Object.keys(podToEndpoint(pod({ node: '', subdomain: 'other' }), undefined, svc))).toEqual(['addresses', 'conditions', 'targetRef']);
  });

  it('says equal exactly when the JSON is equal, for endpoints that differ in one input at a time', () => {
    const variants: Array<[Pod, Node | undefined, Service]> = [
      [pod(), zoned, svc],
      [pod(), undefined, svc],
      [pod({ ready: false }), zoned, svc],
      [pod({ deleting: true }), zoned, svc],
      [pod(), zoned, { ...svc, spec: { ...svc.spec, publishNotReadyAddresses: true } }],
      [pod({ ips: ['10.244.1.6'] }), zoned, svc],
      [pod({ ips: ['10.244.1.5', '10.244.1.7'] }), zoned, svc],
      [pod({ subdomain: 'other' }), zoned, svc],
      [pod({ hostname: 'web-9' }), zoned, svc],
      [pod({ node: '' }), undefined, svc],
      [pod({ uid: 'uid-2' }), zoned, svc],
      [pod({ name: 'web-1' }), zoned, svc],
      [pod(), { metadata: { name: 'kind-worker', labels: { 'topology.kubernetes.io/zone': 'b' } } }, svc],
    ];
    const eps = variants.map(([p, n, s]) => podToEndpoint(p, n, s));
    const again = variants.map(([p, n, s]) => podToEndpoint(p, n, s));
    for (const a of eps) {
      for (const b of again) expect(sameEndpoint(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  });
});

describe('portSignature', () => {
  it('is equal for pods whose ports resolve alike, and then so are their endpoint ports', () => {
    const two: Service = { ...svc, spec: { ...svc.spec, ports: [{ name: 'web', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9100, targetPort: 'metrics' }, { name: 'raw', port: 81, targetPort: 8081 }] } };
    const plain = pod();
    const other = pod({ name: 'web-1' });
    const metrics = pod({ ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }, { containerPort: 9100, name: 'metrics', protocol: 'TCP' }] });
    const moved = pod({ ports: [{ containerPort: 8080, name: 'web', protocol: 'TCP' }] });
    expect(portSignature(two, plain)).toBe(portSignature(two, other));
    expect(getEndpointPorts(two, plain)).toEqual(getEndpointPorts(two, other));
    const sigs = [plain, metrics, moved].map((p) => portSignature(two, p));
    expect(new Set(sigs).size).toBe(3);
    expect(new Set([plain, metrics, moved].map((p) => JSON.stringify(getEndpointPorts(two, p)))).size).toBe(3);
  });
});
