// The network of the machine kubectl and the app's terminals run on (the learner's own computer, as
// scenario/local-fs.ts is its files): the ports its programs listen on (`kubectl port-forward`), which a local client
// (the terminal's curl, scenario/local-net.ts) reaches. The machine is outside the cluster: names other than
// localhost do not resolve there, and the cluster's addresses are not modelled from there (port-forward is the way
// in). Both terminals share it, as two windows on one machine do.
import type { HttpOutcome, Url } from '../engine/exec/net.ts';
import type { LocalListener, LocalNet } from './types.ts';

/** The first port the system hands out for a bind to port 0 (Linux's ephemeral range is 32768–60999). */
const FIRST_EPHEMERAL = 37_281;

const V4_ANY = '0.0.0.0';
const V6_ANY = '::';
const family = (address: string): 4 | 6 => (address.includes(':') ? 6 : 4);

export class LocalMachineNet implements LocalNet {
  /** Listening sockets by `address port`. */
  private readonly sockets = new Map<string, LocalListener>();
  private nextEphemeral = FIRST_EPHEMERAL;

  listen(address: string, port: number, l: LocalListener): number | { error: string } {
    if (![V4_ANY, V6_ANY, '127.0.0.1', '::1'].includes(address)) return { error: 'bind: cannot assign requested address' };
    let p = port;
    if (p === 0) {
      while (this.inUse(address, this.nextEphemeral)) this.nextEphemeral++;
      p = this.nextEphemeral++;
    }
    if (this.inUse(address, p)) return { error: 'bind: address already in use' };
    this.sockets.set(`${address} ${p}`, l);
    return p;
  }

  close(address: string, port: number, l: LocalListener): void {
    const key = `${address} ${port}`;
    if (this.sockets.get(key) === l) this.sockets.delete(key);
  }

  // A bind conflicts with one of the same family on the same address or the wildcard one (an IPv6 socket is
  // IPv6-only, as Go makes a tcp6 listener).
  private inUse(address: string, port: number): boolean {
    for (const key of this.sockets.keys()) {
      const [a, p] = key.split(' ');
      if (Number(p) !== port || family(a) !== family(address)) continue;
      if (a === address || a === V4_ANY || a === V6_ANY || address === V4_ANY || address === V6_ANY) return true;
    }
    return false;
  }

  /** The socket listening for connections to `ip`:`port` of this machine. */
  private listenerFor(ip: string, port: number): LocalListener | undefined {
    return this.sockets.get(`${ip} ${port}`) ?? this.sockets.get(`${family(ip) === 4 ? V4_ANY : V6_ANY} ${port}`);
  }

  /**
   * A GET from this machine. `localhost` is tried at ::1, then at 127.0.0.1 (curl falls back to the other address).
   * A name other than localhost does not resolve (the cluster's DNS serves the cluster only).
   */
  get(url: Url, userAgent: string): HttpOutcome {
    const host = url.host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const ips = host === 'localhost' ? ['::1', '127.0.0.1'] : [host];
    if (!/^[\d.]+$/.test(host) && !host.includes(':') && host !== 'localhost') return { kind: 'unresolved', host: url.host };
    for (const ip of ips) {
      if (ip !== '127.0.0.1' && ip !== '::1') {
        return { kind: 'unmodelled', what: `curl: reaching ${ip} from this machine is not modelled; kubectl port-forward makes a pod's port a port of this machine` };
      }
      const l = this.listenerFor(ip, url.port);
      if (!l) continue;
      if (url.scheme === 'https') return { kind: 'unmodelled', what: 'curl: https through kubectl port-forward is not modelled; use http://' };
      return l.accept({ url, userAgent });
    }
    return { kind: 'refused', host: url.host, ip: ips[ips.length - 1], port: url.port };
  }
}
