// Incremental subsets of one Service's Endpoints: each member pod's contribution (port group, ready or not,
// address) is kept in address lists sorted by (ip, pod key), so a sync costs O(changed pods) plus the copy
// of the lists it writes. Derived state only: rebuilt from the store whenever it is missing or stale.
import type { Pod, Service } from '../api/types.ts';
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';

/** How one pod shows up in a Service's subsets (null: not at all). */
export interface Contribution { group: string; ports: EndpointPort[]; ready: boolean; addr: EndpointAddress; json: string }

// Addresses sorted by (ip, pod key), with the pod keys alongside (parallel arrays, so a write copies
// the addresses with a plain slice).
interface Rows { addrs: EndpointAddress[]; keys: string[] }
interface Group { ports: EndpointPort[]; ready: Rows; notReady: Rows }

const cmp = (ip: string, key: string, rows: Rows, i: number): number => {
  const rip = rows.addrs[i].ip, rkey = rows.keys[i];
  return ip < rip ? -1 : ip > rip ? 1 : key < rkey ? -1 : key > rkey ? 1 : 0;
};

// First index whose row is not below (ip, key).
function lowerBound(rows: Rows, ip: string, key: string): number {
  let lo = 0, hi = rows.addrs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(ip, key, rows, mid) > 0) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * The subsets of one Service, maintained pod by pod. Contract: after `apply` has been called for every
 * member whose contribution may have changed, `subsets()` equals computeSubsets over all members.
 */
export class EndpointsView {
  private readonly entries = new Map<string, { pod: Pod; c: Contribution | null }>();
  private readonly groups = new Map<string, Group>();
  /** Pod keys whose contribution may have changed since the last sync. */
  readonly dirty = new Set<string>();
  /** Set when a contribution changed since the last `subsets()`. */
  changed = true;
  /** The stored Endpoints object known to hold exactly `subsets()` (undefined: unknown, compare in full). */
  written: object | undefined;

  /** `svc` is the Service object the view was built for (a new object means a rebuild). */
  constructor(readonly svc: Service, private readonly contribute: (pod: Pod) => Contribution | null) {}

  /** Brings the pod's contribution up to date (pod undefined: no longer a member or gone). */
  apply(key: string, pod: Pod | undefined): void {
    const e = this.entries.get(key);
    if (e && e.pod === pod) return;
    const next = pod ? this.contribute(pod) : null;
    const prev = e?.c ?? null;
    if (pod) this.entries.set(key, { pod, c: next }); else this.entries.delete(key);
    if (prev && next && prev.group === next.group && prev.ready === next.ready && prev.json === next.json) return;
    if (prev) this.remove(key, prev);
    if (next) this.insert(key, next);
    if (prev || next) this.changed = true;
  }

  private remove(key: string, c: Contribution): void {
    const g = this.groups.get(c.group)!;
    const rows = c.ready ? g.ready : g.notReady;
    const i = lowerBound(rows, c.addr.ip, key);
    rows.addrs.splice(i, 1);
    rows.keys.splice(i, 1);
    if (!g.ready.addrs.length && !g.notReady.addrs.length) this.groups.delete(c.group);
  }

  private insert(key: string, c: Contribution): void {
    let g = this.groups.get(c.group);
    if (!g) this.groups.set(c.group, (g = { ports: c.ports, ready: { addrs: [], keys: [] }, notReady: { addrs: [], keys: [] } }));
    const rows = c.ready ? g.ready : g.notReady;
    const i = lowerBound(rows, c.addr.ip, key);
    rows.addrs.splice(i, 0, c.addr);
    rows.keys.splice(i, 0, key);
  }

  /**
   * The subsets, groups in key order, addresses by ip (ties by pod key); address objects are shared. With
   * `copy` false the address arrays are the view's own (the caller must copy what it keeps: they change on
   * the next `apply`); by default they are fresh arrays.
   */
  subsets(copy = true): EndpointSubset[] {
    this.changed = false;
    const list = (a: EndpointAddress[]): EndpointAddress[] => (copy ? a.slice() : a);
    return [...this.groups.keys()].sort().map((k) => {
      const g = this.groups.get(k)!;
      return {
        ...(g.ready.addrs.length ? { addresses: list(g.ready.addrs) } : {}),
        ...(g.notReady.addrs.length ? { notReadyAddresses: list(g.notReady.addrs) } : {}),
        ports: g.ports,
      };
    });
  }

  /** Ready and not-ready address counts. */
  counts(): { ready: number; notReady: number } {
    let ready = 0, notReady = 0;
    for (const g of this.groups.values()) { ready += g.ready.addrs.length; notReady += g.notReady.addrs.length; }
    return { ready, notReady };
  }
}
