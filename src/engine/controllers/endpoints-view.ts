// Incremental subsets of one Service's Endpoints: each member pod's contribution (port group, ready or not,
// address) is kept in address lists sorted by (ip, pod key), so a sync costs O(changed pods) plus the copy
// of the lists it writes. Derived state only: rebuilt from the store whenever it is missing or stale.
import type { Pod, Service } from '../api/types.ts';
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import { EngineCheckError } from '../checks.ts';

/** How one pod shows up in a Service's subsets (null: not at all). */
export interface Contribution { group: string; ports: EndpointPort[]; ready: boolean; addr: EndpointAddress }

/**
 * Whether two addresses built by the same function (so with their keys in the same order) are equal as JSON,
 * compared field by field: serializing both cost more than the rest of a pod's update.
 */
export function sameAddress(a: EndpointAddress, b: EndpointAddress): boolean {
  if (a === b) return true;
  if (a.ip !== b.ip || a.hostname !== b.hostname || a.nodeName !== b.nodeName) return false;
  const x = a.targetRef, y = b.targetRef;
  if (x === y) return true;
  return !!x && !!y && x.kind === y.kind && x.name === y.name && x.namespace === y.namespace && x.uid === y.uid
    && x.apiVersion === y.apiVersion && x.resourceVersion === y.resourceVersion && x.fieldPath === y.fieldPath;
}

// Addresses sorted by (ip, pod key) in blocks of at most 2×BLOCK rows: an insert or a removal moves the rows
// of one block only (a flat sorted array of 10,000 addresses made every pod change a large memmove). What an
// update costs is memory traffic, so the search reads few objects: each row carries its sort key as one
// string, `ip` NUL `pod key` (an IP holds no NUL, so these strings sort as the pairs do), and the last key and
// the size of each block sit in arrays of their own. With blocks of up to 512 rows searched through their
// address objects, finding and moving rows was about half of an Endpoints sync at 10,000 pods.
export const BLOCK = 32;
interface Block { sortKeys: string[]; addrs: EndpointAddress[] }

const sortKey = (ip: string, key: string): string => `${ip}\0${key}`;

/** Inserts `v` at `i`, moving the rows after it by hand: splice allocated its (empty) result on every call. */
export function insertAt<T>(a: T[], i: number, v: T): void {
  let j = a.length;
  a.push(v);
  for (; j > i; j--) a[j] = a[j - 1];
  a[i] = v;
}

/** Removes the row at `i`, moving the rows after it by hand: splice allocated its result on every call. */
export function removeAt<T>(a: T[], i: number): void {
  const n = a.length - 1;
  for (let j = i; j < n; j++) a[j] = a[j + 1];
  a.pop();
}

// First index in the block whose row is not below `k`.
function lowerBound(b: Block, k: string): number {
  const keys = b.sortKeys;
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < k) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** A sorted list of addresses by (ip, pod key). */
export class SortedRows {
  private readonly blocks: Block[] = [];
  // Per block: its last sort key and its number of rows.
  private readonly lasts: string[] = [];
  private readonly sizes: number[] = [];
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
    for (let k = 0; k < bi; k++) rank += this.sizes[k];
    if (rank < this.firstChange) this.firstChange = rank;
  }

  // The block that holds (or would hold) the row: the first whose last row is not below it, else the last.
  private blockFor(k: string): number {
    const lasts = this.lasts;
    let lo = 0, hi = lasts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lasts[mid] < k) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Inserts the row; returns its sort key (for `removeKey`). */
  insert(key: string, addr: EndpointAddress): string {
    const k = sortKey(addr.ip, key);
    if (!this.blocks.length) {
      this.blocks.push({ sortKeys: [], addrs: [] });
      this.lasts.push(k);
      this.sizes.push(0);
    }
    const bi = this.blockFor(k);
    const b = this.blocks[bi];
    const i = lowerBound(b, k);
    this.touched(bi, i);
    insertAt(b.sortKeys, i, k);
    insertAt(b.addrs, i, addr);
    const n = ++this.sizes[bi];
    this.size++;
    if (i === n - 1) this.lasts[bi] = k;
    if (n > 2 * BLOCK) {
      this.blocks.splice(bi + 1, 0, { sortKeys: b.sortKeys.splice(BLOCK), addrs: b.addrs.splice(BLOCK) });
      this.lasts.splice(bi, 0, b.sortKeys[BLOCK - 1]);
      this.sizes.splice(bi, 1, BLOCK, n - BLOCK);
    }
    return k;
  }

  /** Removes the row of (ip, key); the caller knows it is present. */
  remove(key: string, ip: string): void {
    this.removeKey(sortKey(ip, key));
  }

  /** Removes the row whose sort key `insert` returned; the caller knows it is present. */
  removeKey(k: string): void {
    const bi = this.blockFor(k);
    const b = this.blocks[bi];
    const i = lowerBound(b, k);
    this.touched(bi, i);
    removeAt(b.sortKeys, i);
    removeAt(b.addrs, i);
    const n = --this.sizes[bi];
    this.size--;
    if (!n) {
      this.blocks.splice(bi, 1);
      this.lasts.splice(bi, 1);
      this.sizes.splice(bi, 1);
    } else if (i === n) this.lasts[bi] = b.sortKeys[n - 1];
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

  /**
   * `first(n)`, given `prev`, the list `first` (or `firstAfter`) returned at the last `clean()`: the rows before
   * `firstChange` are the very same objects, so they are copied from `prev` in one native slice and only the
   * rows from there on are gathered from the blocks (an Endpoints write past capacity copied all 1,000 rows by
   * hand, block by block). With `checks`, the result is compared with `first(n)` row by row.
   */
  firstAfter(n: number | undefined, prev: readonly EndpointAddress[], checks: boolean): EndpointAddress[] {
    const m = Math.min(n ?? this.size, this.size);
    const keep = Math.min(this.firstChange, prev.length, m);
    if (keep < 64 || prev.length < m) return this.first(n);
    const out = prev.slice(0, m);
    // The block holding row `keep` (when it is to be gathered), and its position there.
    let bi = 0, i = keep;
    if (keep < m) while (i >= this.sizes[bi]) i -= this.sizes[bi++];
    for (let k = keep; k < m; bi++, i = 0) {
      const addrs = this.blocks[bi].addrs;
      for (; i < addrs.length && k < m; i++) out[k++] = addrs[i];
    }
    if (checks) {
      const want = this.first(n);
      if (want.length !== out.length || want.some((a, j) => a !== out[j])) throw new EngineCheckError(`Endpoints rows: the list built on the last one (kept ${keep} rows) is not first(${m})`);
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
  // Per member: its pod, its contribution and the sort key of that contribution's row (kept so a removal does
  // not build the key again).
  private readonly entries = new Map<string, { pod: Pod; c: Contribution | null; k: string }>();
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
  /** A stored Endpoints object found to carry the labels this view's Service gives it (undefined: none yet). */
  labelsMatch: object | undefined;

  /**
   * `svc` is the Service object the view was built for (a new object means a rebuild). With `checks`, every
   * address comparison is checked against a comparison of the JSON.
   */
  constructor(readonly svc: Service, private readonly contribute: (pod: Pod) => Contribution | null, private readonly checks = false) {}

  /** Brings the pod's contribution up to date (pod undefined: no longer a member or gone). */
  apply(key: string, pod: Pod | undefined): void {
    const e = this.entries.get(key);
    if (e && e.pod === pod) return;
    const next = pod ? this.contribute(pod) : null;
    const prev = e?.c ?? null;
    // An unchanged address keeps its object (a ready flip moves the same object to the other list).
    if (prev && next && this.sameAddress(prev.addr, next.addr)) next.addr = prev.addr;
    // The row's sort key, before the entry may go.
    const prevKey = e?.k ?? '';
    let entry = e;
    if (!pod) this.entries.delete(key);
    else if (e) { e.pod = pod; e.c = next; } else this.entries.set(key, (entry = { pod, c: next, k: '' }));
    // (Same address object: same ip, so the row and its sort key stay.)
    if (prev && next && prev.group === next.group && prev.ready === next.ready && prev.addr === next.addr) return;
    if (prev) this.remove(prev, prevKey);
    if (next) entry!.k = this.insert(key, next);
    if (prev || next) this.changed = true;
  }

  private sameAddress(a: EndpointAddress, b: EndpointAddress): boolean {
    const same = sameAddress(a, b);
    if (this.checks && same !== (JSON.stringify(a) === JSON.stringify(b))) {
      throw new EngineCheckError(`Endpoints view of ${this.svc.metadata?.name}: sameAddress says ${same} for ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    }
    return same;
  }

  private remove(c: Contribution, k: string): void {
    const g = this.groups.get(c.group)!;
    (c.ready ? g.ready : g.notReady).removeKey(k);
    if (!g.ready.size && !g.notReady.size) { this.groups.delete(c.group); this.regrouped = true; this.byKey = null; }
  }

  private insert(key: string, c: Contribution): string {
    let g = this.groups.get(c.group);
    if (!g) { this.groups.set(c.group, (g = { ports: c.ports, ready: new SortedRows(), notReady: new SortedRows() })); this.regrouped = true; this.byKey = null; }
    return (c.ready ? g.ready : g.notReady).insert(key, c.addr);
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
    // The lists of the last call line up with these when no port group came or went since (see firstAfter).
    const last = this.regrouped ? null : this.lastLists;
    const lists: EndpointAddress[][] = [];
    const out = this.ordered().map((g, i) => {
      const nr = take ? take[i].ready : undefined, nn = take ? take[i].notReady : undefined;
      const ready = last ? g.ready.firstAfter(nr, last[2 * i], this.checks) : g.ready.first(nr);
      const notReady = last ? g.notReady.firstAfter(nn, last[2 * i + 1], this.checks) : g.notReady.first(nn);
      lists.push(ready, notReady);
      // Assigned key by key (a leading spread gives each subset a hidden class of its own in V8: see merged).
      const s: EndpointSubset = {};
      if (ready.length) s.addresses = ready;
      if (notReady.length) s.notReadyAddresses = notReady;
      if (g.ports.length) s.ports = g.ports;
      return s;
    });
    this.lastLists = lists;
    this.settle();
    return out;
  }

  // The ready and not-ready lists of each group (in turn) the last `subsets()` returned (shared with what it
  // wrote, never changed), or null before the first.
  private lastLists: EndpointAddress[][] | null = null;

  /**
   * Whether `subsets(take)` would list the same addresses as at the last `subsets()` (or `settle()`) with the
   * same `take`: no port group came or went, and every change in group i lies past its first take[i] rows.
   */
  prefixUnchanged(take: readonly GroupCount[]): boolean {
    if (this.regrouped) return false;
    const gs = this.ordered();
    for (let i = 0; i < gs.length; i++) if (gs[i].ready.firstChange < take[i].ready || gs[i].notReady.firstChange < take[i].notReady) return false;
    return true;
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
    // Over the ordered array (the same groups): no Map iterator per sync.
    const gs = this.ordered();
    for (let i = 0; i < gs.length; i++) { gs[i].ready.clean(); gs[i].notReady.clean(); }
  }

  /** Ready and not-ready address counts. */
  counts(): { ready: number; notReady: number } {
    let ready = 0, notReady = 0;
    for (const g of this.groups.values()) { ready += g.ready.size; notReady += g.notReady.size; }
    return { ready, notReady };
  }

  /** The ready and not-ready address counts of port group `i` in `subsets()` order, and the number of groups. */
  groupReady(i: number): number { return this.ordered()[i].ready.size; }
  groupNotReady(i: number): number { return this.ordered()[i].notReady.size; }
  groupCount(): number { return this.ordered().length; }
}
