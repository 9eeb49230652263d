// Incremental subsets of one Service's Endpoints: each member pod's contribution (port group, ready or not,
// address) is kept in address lists sorted by (ip, pod key), so a sync costs O(changed pods) plus the copy
// of the lists it writes. Derived state only: rebuilt from the store whenever it is missing or stale.
import type { Pod, Service } from '../api/types.ts';
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';

/** How one pod shows up in a Service's subsets (null: not at all). */
export interface Contribution { group: string; ports: EndpointPort[]; ready: boolean; addr: EndpointAddress; json: string }

// Addresses sorted by (ip, pod key), with the pod keys alongside, in blocks of at most 2×BLOCK rows: an insert
// or a removal moves the rows of one block only (a flat sorted array of 10,000 addresses made every pod change
// a large memmove).
const BLOCK = 256;
interface Block { addrs: EndpointAddress[]; keys: string[] }

const before = (ip: string, key: string, b: Block, i: number): boolean => {
  const rip = b.addrs[i].ip, rkey = b.keys[i];
  return ip < rip || (ip === rip && key < rkey);
};

// First index in the block whose row is not below (ip, key).
function lowerBound(b: Block, ip: string, key: string): number {
  let lo = 0, hi = b.addrs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(ip, key, b, mid) || (b.addrs[mid].ip === ip && b.keys[mid] === key)) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** A sorted list of addresses by (ip, pod key). */
export class SortedRows {
  private readonly blocks: Block[] = [];
  /** Number of rows. */
  size = 0;
  /** The lowest position an insert or removal touched since `clean()` (Infinity: none). */
  firstChange = Infinity;

  /** Forgets the changes recorded in `firstChange`. */
  clean(): void {
    this.firstChange = Infinity;
  }

  // Records a change at position `i` of block `bi`.
  private touched(bi: number, i: number): void {
    let rank = i;
    for (let k = 0; k < bi; k++) rank += this.blocks[k].addrs.length;
    if (rank < this.firstChange) this.firstChange = rank;
  }

  // The block that holds (or would hold) the row: the first whose last row is not below it, else the last.
  private blockFor(ip: string, key: string): number {
    let lo = 0, hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid];
      const last = b.addrs.length - 1;
      if (before(ip, key, b, last) || (b.addrs[last].ip === ip && b.keys[last] === key)) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  insert(key: string, addr: EndpointAddress): void {
    if (!this.blocks.length) this.blocks.push({ addrs: [], keys: [] });
    const bi = this.blockFor(addr.ip, key);
    const b = this.blocks[bi];
    const i = lowerBound(b, addr.ip, key);
    this.touched(bi, i);
    b.addrs.splice(i, 0, addr);
    b.keys.splice(i, 0, key);
    this.size++;
    if (b.addrs.length > 2 * BLOCK) this.blocks.splice(bi + 1, 0, { addrs: b.addrs.splice(BLOCK), keys: b.keys.splice(BLOCK) });
  }

  /** Removes the row of (ip, key); the caller knows it is present. */
  remove(key: string, ip: string): void {
    const bi = this.blockFor(ip, key);
    const b = this.blocks[bi];
    const i = lowerBound(b, ip, key);
    this.touched(bi, i);
    b.addrs.splice(i, 1);
    b.keys.splice(i, 1);
    this.size--;
    if (!b.addrs.length) this.blocks.splice(bi, 1);
  }

  /** The first `n` addresses (all by default) as a fresh array. */
  first(n = this.size): EndpointAddress[] {
    // Sized up front: grown by push, the up to 1,000 addresses of every Endpoints write were about a fifth of
    // everything the engine allocated.
    const m = Math.min(n, this.size);
    const out = new Array<EndpointAddress>(m);
    let k = 0;
    for (const b of this.blocks) {
      for (let i = 0; i < b.addrs.length && k < m; i++) out[k++] = b.addrs[i];
      if (k >= m) break;
    }
    return out;
  }
}

interface Group { ports: EndpointPort[]; ready: SortedRows; notReady: SortedRows }

/** Ready and not-ready address counts of one port group. */
export interface GroupCount { ready: number; notReady: number }

/**
 * The subsets of one Service, maintained pod by pod. Contract: after `apply` has been called for every
 * member whose contribution may have changed, `subsets()` equals computeSubsets over all members.
 */
export class EndpointsView {
  private readonly entries = new Map<string, { pod: Pod; c: Contribution | null }>();
  private readonly groups = new Map<string, Group>();
  /** Pod keys whose contribution may have changed since the last sync. */
  readonly dirty = new Set<string>();
  /** Set when a contribution changed since the last `subsets()` (or `settle()`). */
  changed = true;
  // Set when a port group came or went since then.
  private regrouped = true;
  /** The stored Endpoints object known to hold exactly `subsets()` (undefined: unknown, compare in full). */
  written: object | undefined;
  /** The truncation plan of the last `subsets()` the controller took (null: nothing was cut). */
  plan: readonly GroupCount[] | null | undefined;

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
    (c.ready ? g.ready : g.notReady).remove(key, c.addr.ip);
    if (!g.ready.size && !g.notReady.size) { this.groups.delete(c.group); this.regrouped = true; this.byKey = null; }
  }

  private insert(key: string, c: Contribution): void {
    let g = this.groups.get(c.group);
    if (!g) { this.groups.set(c.group, (g = { ports: c.ports, ready: new SortedRows(), notReady: new SortedRows() })); this.regrouped = true; this.byKey = null; }
    (c.ready ? g.ready : g.notReady).insert(key, c.addr);
  }

  // The groups in key order, kept until a group comes or goes (a sync asks up to four times).
  private byKey: Group[] | null = null;
  private ordered(): Group[] {
    return (this.byKey ??= [...this.groups.keys()].sort().map((k) => this.groups.get(k)!));
  }

  /** The address counts per port group, in the order of `subsets()`. */
  groupCounts(): GroupCount[] {
    return this.ordered().map((g) => ({ ready: g.ready.size, notReady: g.notReady.size }));
  }

  /**
   * The subsets, groups in key order, addresses by ip (ties by pod key), in fresh arrays (address objects are
   * shared). With `take`, group i keeps only its first take[i].ready ready and take[i].notReady not-ready
   * addresses (a subset left with none keeps its ports).
   */
  subsets(take?: readonly GroupCount[]): EndpointSubset[] {
    this.settle();
    return this.ordered().map((g, i) => {
      const ready = g.ready.first(take ? take[i].ready : undefined);
      const notReady = g.notReady.first(take ? take[i].notReady : undefined);
      // Assigned key by key (a leading spread gives each subset a hidden class of its own in V8: see merged).
      const s: EndpointSubset = {};
      if (ready.length) s.addresses = ready;
      if (notReady.length) s.notReadyAddresses = notReady;
      if (g.ports.length) s.ports = g.ports;
      return s;
    });
  }

  /**
   * Whether `subsets(take)` would list the same addresses as at the last `subsets()` (or `settle()`) with the
   * same `take`: no port group came or went, and every change in group i lies past its first take[i] rows.
   */
  prefixUnchanged(take: readonly GroupCount[]): boolean {
    if (this.regrouped) return false;
    return this.ordered().every((g, i) => g.ready.firstChange >= take[i].ready && g.notReady.firstChange >= take[i].notReady);
  }

  /**
   * Per port group in `subsets()` order, the first ready and not-ready positions an insert or removal touched
   * since the last `subsets()` (or `settle()`); rows before them are the very same objects as then. Null when
   * a port group came or went (positions do not line up).
   */
  changeStarts(): Array<[number, number]> | null {
    if (this.regrouped) return null;
    return this.ordered().map((g) => [g.ready.firstChange, g.notReady.firstChange]);
  }

  /** Marks the current state as seen (what `subsets()` does), without building the lists. */
  settle(): void {
    this.changed = false;
    this.regrouped = false;
    for (const g of this.groups.values()) { g.ready.clean(); g.notReady.clean(); }
  }

  /** Ready and not-ready address counts. */
  counts(): { ready: number; notReady: number } {
    let ready = 0, notReady = 0;
    for (const g of this.groups.values()) { ready += g.ready.size; notReady += g.notReady.size; }
    return { ready, notReady };
  }
}
