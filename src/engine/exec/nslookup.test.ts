import { describe, expect, it } from 'vitest';
import { kc } from '../../kubectl/testing.ts';
import { execCluster } from '../../kubectl/verbs/exec.fixture.ts';

describe('BusyBox nslookup in a pod', () => {
  it('1.28 asks the C library: the search path applies, addresses are named, and a failure goes to stderr with status 1', () => {
    const c = execCluster();
    kc(c, 'run old --image=busybox:1.28 -- sleep 3600');
    c.settle(60_000);
    const ips = ['web-0', 'web-1'].map((n) => c.store.get('Pod', 'default', n)!.status!.podIP!);
    const server = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
    const r = kc(c, 'exec old -- nslookup nginx');
    expect(r.code).toBe(0);
    expect(r.out.startsWith(`${server}Name:      nginx\n`)).toBe(true);
    // Both ready pods of the headless Service, in the rotated order CoreDNS gives, each with its PTR name.
    expect(r.out.split('\n').filter((l) => l.startsWith('Address ')).slice(1).map((l) => l.replace(/^Address \d: /, '')).sort())
      .toEqual([`${ips[0]} web-0.nginx.default.svc.cluster.local`, `${ips[1]} web-1.nginx.default.svc.cluster.local`].sort());
    expect(kc(c, 'exec old -- nslookup nosuch')).toEqual({ out: server, err: "nslookup: can't resolve 'nosuch'\ncommand terminated with exit code 1\n", code: 1 });
  });

  it('1.29 and later send their own queries: search domains only for a name without a dot, every reply printed', () => {
    const c = execCluster();
    const r = kc(c, 'exec tools -- nslookup nginx');
    expect(r.code).toBe(1); // the NXDOMAIN answers under the other search domains
    expect(r.out).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tnginx\.default\.svc\.cluster\.local\nAddress: [\d.]+\nName:\tnginx\.default\.svc\.cluster\.local\nAddress: [\d.]+\n\n/);
    expect(r.out).toContain("** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n** server can't find nginx.cluster.local: NXDOMAIN\n\n*** Can't find nginx.default.svc.cluster.local: No answer\n\n");
    const ip = c.store.get('Pod', 'default', 'web-0')!.status!.podIP!;
    const ptr = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
    expect(kc(c, `exec tools -- nslookup ${ip}`).out).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${ptr}\tname = web-0.nginx.default.svc.cluster.local\n\n`);
    expect(kc(c, 'exec tools -- nslookup -type=a nginx').err).toMatch(/^\[simulated cluster\] nslookup -type=a nginx: these options are not modelled/);
  });

  it('is not in the Debian images; sleep is everywhere and takes no time inside an exec', () => {
    const c = execCluster();
    expect(kc(c, 'exec web-0 -- sh -c "nslookup web-1.nginx"')).toMatchObject({ err: 'sh: 1: nslookup: not found\ncommand terminated with exit code 127\n', code: 127 });
    const t = c.now;
    expect(kc(c, 'exec web-0 -- sleep 5')).toEqual({ out: '', err: '', code: 0 });
    expect(c.now).toBe(t);
  });
});
