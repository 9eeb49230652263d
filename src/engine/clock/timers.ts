// The virtual clock's queue of due work. Every pending piece of work is data (a kind and a key),
// never a closure, so the queue snapshots with the cluster. Due work runs in (dueAt, insertion) order.

/** One scheduled piece of work: the handler named `kind` is called with `key` at virtual time `at`. */
export interface Timer {
  at: number;
  seq: number;
  kind: string;
  key: string;
  /** Deduplicated by (kind, key): superseded copies are dropped when they come due. */
  dedup: boolean;
  /** The dedup id `kind NUL key` (recomputed when absent, e.g. in snapshots from older builds). */
  id?: string;
  /** Housekeeping: runs when time passes it, but alone it is no pending work (see `hasForeground`). */
  background?: boolean;
}

/** Serializable timer queue state: a binary min-heap plus a dedup index of (kind, key) → earliest at. */
export interface TimerState {
  heap: Timer[];
  seq: number;
  pending: Map<string, number>;
}

export function emptyTimerState(): TimerState {
  return { heap: [], seq: 0, pending: new Map() };
}

const less = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Schedules (kind, key) at `at`. With `dedup`, a pending timer for the same (kind, key) due no later
 * than `at` absorbs this one (the way a work queue collapses repeated adds of one key).
 */
export function schedule(st: TimerState, at: number, kind: string, key: string, dedup = true, background = false): void {
  const id = `${kind}\u0000${key}`;
  if (dedup) {
    const due = st.pending.get(id);
    if (due !== undefined && due <= at) return;
    st.pending.set(id, at);
  }
  const t: Timer = { at, seq: st.seq++, kind, key, dedup, id };
  if (background) t.background = true;
  // Sift up with a hole: parents move down until t's place is found.
  const h = st.heap;
  let i = h.length;
  h.push(t);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = h[p]!;
    if (!less(t, parent)) break;
    h[i] = parent;
    i = p;
  }
  h[i] = t;
}

/** The earliest live pending timer, without removing it. */
export function peek(st: TimerState): Timer | undefined {
  while (st.heap.length > 0 && isStale(st, st.heap[0])) popRaw(st);
  return st.heap[0];
}

// The dedup id of a timer.
function idOf(t: Timer): string {
  return t.id ?? `${t.kind}\u0000${t.key}`;
}

function isStale(st: TimerState, t: Timer): boolean {
  return t.dedup && st.pending.get(idOf(t)) !== t.at;
}

/** Removes and returns the earliest live timer; superseded deduplicated copies are dropped. */
export function pop(st: TimerState): Timer | undefined {
  for (;;) {
    const t = popRaw(st);
    if (!t) return undefined;
    if (isStale(st, t)) continue;
    if (t.dedup) st.pending.delete(idOf(t));
    return t;
  }
}

/**
 * Drops the pending deduplicated timer for (kind, key), if any (a work queue forgetting a key): its copy in
 * the heap is stale from now on and is discarded when it comes due.
 */
export function cancel(st: TimerState, kind: string, key: string): void {
  st.pending.delete(`${kind}\u0000${key}`);
}

/**
 * The first instant after `now` of a periodic loop that runs every `periodMs` at offset `phaseMs` (a component's
 * wait.Until loop, its phase fixed when it started).
 */
export function nextOnGrid(now: number, periodMs: number, phaseMs: number): number {
  return Math.floor((now - phaseMs) / periodMs + 1) * periodMs + phaseMs;
}

/** Whether deduplicated work for (kind, key) is queued. */
export function isQueued(st: TimerState, kind: string, key: string): boolean {
  return st.pending.has(`${kind}\u0000${key}`);
}

/**
 * When the earliest live timer that is not background work is due, if any: the heap's top when that is one, else a
 * scan of the heap.
 */
export function nextForeground(st: TimerState): number | undefined {
  const top = st.heap[0];
  if (top && !top.background && !isStale(st, top)) return top.at;
  let at: number | undefined;
  for (const t of st.heap) if (!t.background && !isStale(st, t) && (at === undefined || t.at < at)) at = t.at;
  return at;
}

/** Whether any live timer that is not background work is pending (a scan of the heap). */
export function hasForeground(st: TimerState): boolean {
  return st.heap.some((t) => !t.background && !isStale(st, t));
}

/** Number of timers in the heap (including superseded copies). */
export function size(st: TimerState): number {
  return st.heap.length;
}

function popRaw(st: TimerState): Timer | undefined {
  const h = st.heap;
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    // Sift down with a hole: the smaller child moves up until `last` fits.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      if (l >= n) break;
      const m = r < n && less(h[r]!, h[l]!) ? r : l;
      if (!less(h[m]!, last)) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
  }
  return top;
}
