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
export function schedule(st: TimerState, at: number, kind: string, key: string, dedup = true): void {
  const id = `${kind}\u0000${key}`;
  if (dedup) {
    const due = st.pending.get(id);
    if (due !== undefined && due <= at) return;
    st.pending.set(id, at);
  }
  const t: Timer = { at, seq: st.seq++, kind, key, dedup };
  if (dedup) ids.set(t, id);
  const h = st.heap;
  h.push(t);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
}

/** The earliest live pending timer, without removing it. */
export function peek(st: TimerState): Timer | undefined {
  while (st.heap.length > 0 && isStale(st, st.heap[0])) popRaw(st);
  return st.heap[0];
}

// The dedup id of a timer, cached by identity (derived, so snapshots are unaffected).
const ids = new WeakMap<Timer, string>();
function idOf(t: Timer): string {
  let id = ids.get(t);
  if (id === undefined) ids.set(t, (id = `${t.kind}\u0000${t.key}`));
  return id;
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

/** Number of timers in the heap (including superseded copies). */
export function size(st: TimerState): number {
  return st.heap.length;
}

function popRaw(st: TimerState): Timer | undefined {
  const h = st.heap;
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && less(h[l], h[m])) m = l;
      if (r < h.length && less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
  return top;
}
