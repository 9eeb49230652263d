// Cluster read-model slice: objects by kind and key, sorted keys per kind, the clock and the trace.
// Written only by the bridge (applyPatch); unchanged objects keep their references so React skips them.
import { KINDS, type Kind, type KObject } from '../../../engine/api/types.ts';
import type { TraceRecord } from '../../../engine/trace/types.ts';
import type { VolumeFile } from '../../../engine/index.ts';
import type { PatchMsg } from '../../../protocol/messages.ts';
import type { ClockState, ObjectMap } from '../types.ts';

/** Trace records kept on the main thread (newest last). */
export const TRACE_KEEP = 2000;

export interface ClusterSlice {
  objects: Record<Kind, ObjectMap>;
  /** Keys of each kind in natural order (namespace, then name, digit runs compared as numbers). */
  keys: Record<Kind, readonly string[]>;
  clock: ClockState;
  trace: readonly TraceRecord[];
  /** Files on each PersistentVolume, by PV name (written with `kubectl exec`). */
  volumes: Readonly<Record<string, readonly VolumeFile[]>>;
  /** The names of the files in the terminals' home directory (for Tab completion). */
  localFiles: readonly string[];
  /** Sequence number of the last applied patch. */
  seq: number;
}

export function initialCluster(): ClusterSlice {
  const objects = {} as Record<Kind, ObjectMap>;
  const keys = {} as Record<Kind, readonly string[]>;
  for (const k of KINDS) {
    objects[k] = new Map();
    keys[k] = [];
  }
  return { objects, keys, clock: { ms: 0, wallMs: 0, playing: false, speed: 1, settled: true, gates: {}, faults: { nodesDown: [], nodeGraceMs: 0 }, namespace: 'default' }, trace: [], volumes: {}, localFiles: [], seq: 0 };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Natural order of keys: digit runs compare as numbers (`web-2` before `web-10`), other characters by code
 * unit; ties (`web-01` vs `web-1`) fall back to plain order, so the result is total and deterministic.
 * Hand-written: Intl.Collator was a visible cost when thousands of keys were re-sorted on a seek.
 */
export function compareKeys(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      // Compare the runs without leading zeros: longer is larger, then digit by digit.
      let si = i;
      let sj = j;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same object version (uid and resourceVersion match), so the old reference can be kept. */
function sameVersion(a: KObject | undefined, b: KObject): boolean {
  return !!a && !!a.metadata?.resourceVersion && a.metadata.uid === b.metadata?.uid &&
    a.metadata.resourceVersion === b.metadata?.resourceVersion;
}

/**
 * Applies one patch to the read model. Only kinds that changed get a new Map (and, if their key set
 * changed, a new keys array); objects whose version did not change keep their old reference.
 */
export function applyPatch(s: ClusterSlice, p: PatchMsg): ClusterSlice {
  const objects = { ...s.objects };
  const keys = { ...s.keys };
  const touched = new Map<Kind, Map<string, KObject>>();
  const keysChanged = new Set<Kind>();
  const mapFor = (k: Kind): Map<string, KObject> => {
    let m = touched.get(k);
    if (!m) {
      m = p.full ? new Map() : new Map(s.objects[k]);
      touched.set(k, m);
    }
    return m;
  };
  if (p.full) for (const k of KINDS) mapFor(k);
  for (const [kind, key, obj] of p.diff.upserts) {
    const m = mapFor(kind);
    const old = s.objects[kind].get(key);
    if (!m.has(key) && !old) keysChanged.add(kind);
    m.set(key, sameVersion(old, obj) ? old! : obj);
  }
  for (const [kind, key] of p.diff.deletes) {
    const m = mapFor(kind);
    if (m.delete(key)) keysChanged.add(kind);
  }
  for (const [kind, m] of touched) {
    const old = s.objects[kind];
    if (p.full) {
      const same = m.size === old.size && [...m].every(([k, v]) => old.get(k) === v);
      if (same) continue;
      if (m.size !== old.size || [...m.keys()].some((k) => !old.has(k))) keysChanged.add(kind);
    }
    objects[kind] = m;
    if (keysChanged.has(kind)) keys[kind] = [...m.keys()].sort(compareKeys);
  }
  let trace = s.trace;
  if (p.full) trace = reuseRecords(s.trace, p.trace.slice(-TRACE_KEEP));
  else if (p.trace.length) trace = [...s.trace, ...p.trace].slice(-TRACE_KEEP);
  // Volumes come only when their files changed (or in a full patch); an equal listing keeps its reference.
  const volumes = p.volumes && JSON.stringify(p.volumes) !== JSON.stringify(s.volumes) ? p.volumes : s.volumes;
  const localFiles = p.localFiles && p.localFiles.join('/') !== s.localFiles.join('/') ? p.localFiles : s.localFiles;
  return { objects, keys, clock: sameClock(s.clock, p.clock) ? s.clock : p.clock, trace, volumes, localFiles, seq: p.seq };
}

/** After a seek most records are the ones already held: keep those objects so memoised rows skip. */
function reuseRecords(old: readonly TraceRecord[], next: TraceRecord[]): readonly TraceRecord[] {
  if (!old.length || !next.length) return next;
  const bySeq = new Map(old.map((r) => [r.seq, r]));
  let same = next.length === old.length;
  const out = next.map((r, i) => {
    const o = bySeq.get(r.seq);
    const keep = o && o.t === r.t && o.type === r.type ? o : r;
    if (keep !== old[i]) same = false;
    return keep;
  });
  return same ? old : out;
}

function sameClock(a: ClockState, b: ClockState): boolean {
  return a.ms === b.ms && a.wallMs === b.wallMs && a.playing === b.playing && a.speed === b.speed && a.settled === b.settled
    && JSON.stringify(a.gates) === JSON.stringify(b.gates) && JSON.stringify(a.faults) === JSON.stringify(b.faults) && a.namespace === b.namespace;
}
