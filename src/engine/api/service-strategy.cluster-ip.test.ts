// The Service's cluster IP on update: a changed clusterIP carries clusterIPs with it (normalizeClusterIPs), and
// the primary cluster IP may then not change (validateUpgradeDowngradeClusterIPs).
import { describe, expect, it } from 'vitest';
import { apiCluster } from './test-fixtures.ts';
import type { Cluster } from '../cluster.ts';
import type { JsonMap } from './types.ts';

const causes = (r: { ok: boolean; status?: { details?: { causes?: Array<{ field?: string; message: string }> } } }) =>
  r.ok ? [] : r.status!.details!.causes!.map((c) => `${c.field}: ${c.message}`);

function service(c: Cluster, spec: JsonMap): JsonMap {
  const r = c.store.create('Service', { metadata: { name: 'nginx' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }], ...spec } });
  if (!r.ok) throw new Error(r.status.message);
  return structuredClone(r.object) as unknown as JsonMap;
}

describe('Service cluster IP on update', () => {
  it('refuses clusterIP None over an allocated IP even when clusterIPs still holds the old one', () => {
    const c = apiCluster();
    const o = service(c, {});
    const ip = (o.spec as JsonMap).clusterIP;
    (o.spec as JsonMap).clusterIP = 'None';
    const r = c.store.update('Service', o);
    expect(causes(r)).toEqual(['spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set']);
    expect(!r.ok && r.status.message).toBe('Service "nginx" is invalid: spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set');
    expect(c.store.get('Service', 'default', 'nginx')!.spec).toMatchObject({ clusterIP: ip, clusterIPs: [ip] });
  });

  it('refuses a new IP over a headless Service, given without clusterIPs', () => {
    const c = apiCluster();
    const o = service(c, { clusterIP: 'None' });
    const spec = o.spec as JsonMap;
    spec.clusterIP = '10.96.0.50';
    delete spec.clusterIPs;
    expect(causes(c.store.update('Service', o))).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.50"]: may not change once set']);
  });

  it('keeps the allocated IPs when the update leaves both fields out, and lets headless stay headless', () => {
    const c = apiCluster();
    const o = service(c, {});
    const ip = (o.spec as JsonMap).clusterIP;
    const spec = o.spec as JsonMap;
    delete spec.clusterIP;
    delete spec.clusterIPs;
    const r = c.store.update('Service', { ...o, metadata: { ...(o.metadata as JsonMap), labels: { a: 'b' } } });
    expect(r.ok && [r.object.spec!.clusterIP, r.object.spec!.clusterIPs]).toEqual([ip, [ip]]);
    const h = apiCluster();
    const headless = service(h, { clusterIP: 'None' });
    delete (headless.spec as JsonMap).clusterIP;
    const kept = h.store.update('Service', { ...headless, metadata: { ...(headless.metadata as JsonMap), labels: { a: 'b' } } });
    expect(kept.ok && [kept.object.spec!.clusterIP, kept.object.spec!.clusterIPs]).toEqual(['None', ['None']]);
  });
});
