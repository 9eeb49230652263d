// The incremental Endpoints view equals a from-scratch computeSubsets after random pod changes, and the
// controller writes only when the subsets change.
import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types.ts';
import { seedRng, nextFloat } from '../clock/rng.ts';
import { Cluster } from '../cluster.ts';
import { testPod } from '../kubelet/fixtures.ts';
import { computeSubsets } from './endpoints.ts';
import { BLOCK, EndpointsView, SortedRows, sameAddress } from './endpoints-view.ts';

const svc: Service = {
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }, { name: 'alt', port: 81, targetPort: 'alt' }] },
};

// A pod with a random IP (from a small pool, so ties happen), readiness, phase and port set.
function randomPod(name: string, r: () => number): Pod {
  const p = testPod(name, { node: `kind-worker${1 + Math.floor(r() * 3)}` });
  if (r() < 0.5) p.spec!.containers[0].ports!.push({ containerPort: 81, name: 'alt', protocol: 'TCP' });
  const ip = r() < 0.9 ? `10.244.1.${Math.floor(r() * 8)}` : undefined;
  const phase = r() < 0.1 ? 'Failed' : 'Running';
  const uid = `uid-${name}-${Math.floor(r() * 1000)}`;
  const deleting = r() < 0.1 ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {};
  const status = { phase, ...(ip ? { podIP: ip } : {}), conditions: [{ type: 'Ready', status: r() < 0.6 ? 'True' : 'False' }] };
  return { ...p, metadata: { ...p.metadata, uid, ...deleting }, status };
}

describe('SortedRows', () => {
  it('stays equal to a plain sorted list through thousands of inserts and removals (blocks split and empty)', () => {
    const rng = seedRng(11);
    const r = () => nextFloat(rng);
    const rows = new SortedRows();
    const plain = new Map<string, string>();
    const sorted = () => [...plain].sort(([ka, a], [kb, b]) => (a < b ? -1 : a > b ? 1 : ka < kb ? -1 : ka > kb ? 1 : 0)).map(([, ip]) => ip);
    for (let step = 0; step < 4000; step++) {
      const key = `default/web-${Math.floor(r() * 1500)}`;
      const had = plain.get(key);
      if (had !== undefined) { rows.remove(key, had); plain.delete(key); }
      if (r() < 0.7) {
        // A small IP pool, so ties (same IP, other pod) are ordered by pod key.
        const ip = `10.244.${Math.floor(r() * 4)}.${Math.floor(r() * 200)}`;
        rows.insert(key, { ip });
        plain.set(key, ip);
      }
      if (step % 500 === 0 || step === 3999) {
        expect(rows.size).toBe(plain.size);
        expect(rows.first().map((a) => a.ip)).toEqual(sorted());
        expect(rows.first(7).map((a) => a.ip)).toEqual(sorted().slice(0, 7));
      }
    }
    expect(plain.size).toBeGreaterThan(2 * BLOCK);
  });

  it('records the lowest position a change touched, so an unchanged prefix is known without a copy', () => {
    const rows = new SortedRows();
    for (let i = 0; i < 1200; i++) rows.insert(`default/web-${i}`, { ip: `10.0.${String(Math.floor(i / 100)).padStart(2, '0')}.${String(i % 100).padStart(2, '0')}` });
    const before = rows.first(1000);
    rows.clean();
    expect(rows.firstChange).toBe(Infinity);
    rows.remove('default/web-1100', '10.0.11.00');
    rows.insert('default/web-1100', { ip: '10.0.99.99' });
    expect(rows.firstChange).toBe(1100);
    expect(rows.first(1000)).toEqual(before);
    rows.remove('default/web-5', '10.0.00.05');
    expect(rows.firstChange).toBe(5);
    rows.clean();
    rows.insert('default/web-5', { ip: '10.0.00.05' });
    expect(rows.firstChange).toBe(5);
  });

  it('builds a list on the previous one (firstAfter) that is first(n), row for row, through random changes', () => {
    const rng = seedRng(5);
    const r = () => nextFloat(rng);
    const rows = new SortedRows();
    const ips = new Map<string, string>();
    const put = (key: string) => { const ip = `10.244.${Math.floor(r() * 4)}.${Math.floor(r() * 250)}`; rows.insert(key, { ip }); ips.set(key, ip); };
    for (let i = 0; i < 1500; i++) put(`default/web-${i}`);
    let n = 1000;
    let prev = rows.first(n);
    rows.clean();
    for (let step = 0; step < 300; step++) {
      for (let k = Math.floor(r() * 4); k > 0; k--) {
        const key = `default/web-${Math.floor(r() * 1600)}`;
        const had = ips.get(key);
        if (had !== undefined) { rows.remove(key, had); ips.delete(key); }
        if (r() < 0.6) put(key);
      }
      if (r() < 0.1) n = 900 + Math.floor(r() * 200);
      // checks on: firstAfter compares itself with first(n) and throws on a difference.
      const next = rows.firstAfter(n, prev, true);
      expect(next).toEqual(rows.first(n));
      prev = next;
      rows.clean();
    }
  });
});

describe('sameAddress', () => {
  it('says equal exactly when the JSON is equal, for the addresses of pods that differ in one field at a time', () => {
    const base = randomPod('web-0', () => 0.3);
    const variants: Pod[] = [
      base,
      { ...base, status: { ...base.status, podIP: '10.244.1.7' } },
      { ...base, spec: { ...base.spec!, nodeName: 'kind-worker3' } },
      { ...base, spec: { ...base.spec!, nodeName: undefined } },
      { ...base, spec: { ...base.spec!, subdomain: 'other' } },
      { ...base, spec: { ...base.spec!, hostname: 'web-9' } },
      { ...base, metadata: { ...base.metadata, uid: 'uid-other' } },
      { ...base, metadata: { ...base.metadata, name: 'web-1' } },
    ];
    const addressOf = (p: Pod) => { const s = computeSubsets(svc, [p])[0]; return (s.addresses ?? s.notReadyAddresses)![0]; };
    for (const a of variants.map(addressOf)) {
      for (const b of variants.map(addressOf)) expect(sameAddress(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  });
});

describe('EndpointsView', () => {
  it('equals computeSubsets over the members after random changes', () => {
    const rng = seedRng(7);
    const r = () => nextFloat(rng);
    const members = new Map<string, Pod>();
    // The controller's contribution function is exercised through a cluster-free copy of its rules:
    // computeSubsets over one pod gives that pod's group and address.
    const view = new EndpointsView(svc, (pod) => {
      const s = computeSubsets(svc, [pod]);
      if (!s.length) return null;
      const ready = !!s[0].addresses;
      const addr = (s[0].addresses ?? s[0].notReadyAddresses)![0];
      return { group: JSON.stringify(s[0].ports), ports: s[0].ports!, ready, addr };
    }, true);
    for (let step = 0; step < 400; step++) {
      const key = `default/web-${Math.floor(r() * 12)}`;
      if (r() < 0.2) members.delete(key); else members.set(key, randomPod(key.slice(8), r));
      view.apply(key, members.get(key));
      if (step % 7 === 0) {
        const pods = [...members.keys()].sort().map((k) => members.get(k)!);
        expect(view.subsets()).toEqual(computeSubsets(svc, pods));
      }
    }
  });

  it('reports no change when a pod changes in a way that does not show in the subsets', () => {
    const view = new EndpointsView(svc, () => null);
    view.subsets();
    view.apply('default/a', testPod('a'));
    expect(view.changed).toBe(false);
  });

  it('keeps the stored Endpoints equal to a full recomputation while pods come and go', () => {
    const c = Cluster.create({ seed: 3, freeze: true });
    c.store.create('Service', svc);
    for (let i = 0; i < 6; i++) c.store.create('Pod', testPod(`web-${i}`, { node: `kind-worker${i % 2 ? '2' : ''}` }));
    c.advance(10_000);
    c.store.delete('Pod', 'default', 'web-2');
    c.store.delete('Pod', 'default', 'web-4', { gracePeriodSeconds: 0 });
    c.advance(60_000);
    const pods = c.store.list('Pod', 'default').filter((p) => p.metadata?.labels?.app === 'nginx');
    expect(c.store.get('Endpoints', 'default', 'nginx')!.subsets).toEqual(computeSubsets(c.store.get('Service', 'default', 'nginx')!, pods));
  });
});
