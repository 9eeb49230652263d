// The in-memory model of one Service's EndpointSlices and the reconciler's placement rules: endpoints still
// wanted stay where they are, new ones fill slices already being rewritten, then the unchanged slice closest
// to full that fits them, else new slices; empty slices go, except one placeholder when nothing is left.
// Models staging/src/k8s.io/endpointslice/reconciler.go reconcileByPortMapping, the placeholder rule and finalize.
import type { EndpointSlice, Service } from '../api/types.ts';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { MAX_ENDPOINTS_PER_SLICE } from './endpointslice-utils.ts';
import { EngineCheckError } from '../checks.ts';

/** One slice: its endpoints with the pod key (`ns/name`) of each, in slice order. */
export interface SliceRec {
  /** The stored name; '' until created. */
  name: string;
  ports: EndpointPort[];
  /** JSON of `ports`: endpoints with different ports never share a slice. */
  portKey: string;
  eps: Endpoint[];
  keys: string[];
  /** The stored object this record was last written as (undefined: not created yet). */
  obj: EndpointSlice | undefined;
  /** Needs writing in this sync. */
  changed: boolean;
}

/** The slices of one Service and where each pod's endpoint lives. */
export interface SliceModel {
  /** The Service object the model was last synced against. */
  svc: Service;
  slices: SliceRec[];
  where: Map<string, SliceRec>;
  /** Each placed pod's endpoint object, by pod key: its position in `where`'s slice by identity, not by key text. */
  epOf: Map<string, Endpoint>;
  /** Pod keys whose endpoint may have changed since the last sync. */
  dirty: Set<string>;
  /** Set when the stored slices changed behind the model's back: rebuild before the next sync. */
  stale: boolean;
  /** Names of slices labelled for this Service but owned by another (an older Service of the same name). */
  foreign: string[];
  /** The slices marked `changed` since the last write, each once (see `touch`): a sync looks at these, not all. */
  touched: SliceRec[];
  /**
   * Whether a slice with no endpoints may be stored and not `changed` (after a rebuild, or a kept placeholder):
   * then `placeEndpoints` looks at every slice for empties, else only at the touched ones.
   */
  quietEmpties: boolean;
  /**
   * Every slice of the model that may have room: each one touched or rebuilt since it was last seen full (a
   * superset, pruned as getSliceToFill passes), so filling does not walk every slice of a big Service.
   */
  roomy: Set<SliceRec>;
  /** The endpoint ports of `svc` and their JSON, by portSignature (derived from `svc`: cleared when it changes). */
  ports: Map<string, { ports: EndpointPort[]; portKey: string }>;
}

/** Marks a slice for writing in this sync. */
export function touch(model: SliceModel, rec: SliceRec): void {
  if (!rec.changed) {
    rec.changed = true;
    model.touched.push(rec);
    model.roomy.add(rec);
  }
}

/** Takes slices out of the model's room index (they left the model). */
export function forget(model: SliceModel, recs: Iterable<SliceRec>): void {
  for (const r of recs) model.roomy.delete(r);
}

/** Endpoints waiting for a slice, grouped by their ports' JSON. */
export type Pending = Map<string, { ports: EndpointPort[]; items: Array<{ key: string; ep: Endpoint }> }>;

const byName = (a: SliceRec, b: SliceRec): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function push(model: SliceModel, rec: SliceRec, item: { key: string; ep: Endpoint }): void {
  rec.eps.push(item.ep);
  rec.keys.push(item.key);
  touch(model, rec);
  model.where.set(item.key, rec);
  model.epOf.set(item.key, item.ep);
}

// Models utils.go getSliceToFill: among the unchanged stored slices of these ports, the one that ends closest
// to full once `n` endpoints are added (ties: the first by name, where upstream takes map order). One pass,
// no copies: it runs for every pod added. The pick does not depend on the order of `slices`.
function getSliceToFill(slices: Iterable<SliceRec>, portKey: string, n: number): SliceRec | undefined {
  let best: SliceRec | undefined;
  let closest = MAX_ENDPOINTS_PER_SLICE;
  for (const s of slices) {
    if (s.portKey !== portKey || s.changed || !s.obj) continue;
    const diff = MAX_ENDPOINTS_PER_SLICE - (n + s.eps.length);
    if (diff < 0) continue;
    if (diff < closest || (diff === closest && best && byName(s, best) < 0)) {
      closest = diff;
      best = s;
    }
  }
  return best;
}

// getSliceToFill over the slices that may have room; full ones leave the index on the way (they come back when
// touched). In checks mode compared with a pass over every slice.
function sliceToFill(model: SliceModel, portKey: string, n: number, checks: boolean): SliceRec | undefined {
  for (const s of model.roomy) if (s.eps.length >= MAX_ENDPOINTS_PER_SLICE && !s.changed) model.roomy.delete(s);
  const best = getSliceToFill(model.roomy, portKey, n);
  if (checks) {
    const all = getSliceToFill(model.slices, portKey, n);
    if (all !== best) throw new EngineCheckError(`EndpointSlice model: the room index picked ${best?.name ?? 'none'}, a full pass ${all?.name ?? 'none'}`);
    for (const s of model.roomy) if (!model.slices.includes(s)) throw new EngineCheckError(`EndpointSlice model: ${s.name || 'a new slice'} is in the room index but not in the model`);
  }
  return best;
}

const NO_KEYS: readonly string[] = [];

// The stored slices among `slices` with no endpoints, in a fresh array (a filter with its closure, for the
// usual none, cost more than the loop).
function emptiesOf(slices: readonly SliceRec[]): SliceRec[] {
  let out: SliceRec[] | undefined;
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    if (s.obj && s.eps.length === 0) (out ??= []).push(s);
  }
  return out ?? [];
}

/**
 * Places the pending endpoints into the model's slices and decides which empty slices go. New slices are
 * appended to `model.slices` (name ''); a new slice reuses the name of a slice being deleted, as finalize
 * turns such a create+delete into an update. Returns the slices to create and to delete; every other slice
 * with `changed` set needs an update.
 */
export function placeEndpoints(model: SliceModel, pending: Pending, checks = false): { creates: SliceRec[]; deletes: SliceRec[] } {
  const fresh: SliceRec[] = [];
  // (Without pending endpoints, no sorted copy of none; index loops, as for-of allocated iterator results.)
  const portKeys = pending.size ? [...pending.keys()].sort() : NO_KEYS;
  for (let k = 0; k < portKeys.length; k++) {
    const portKey = portKeys[k];
    const { ports, items } = pending.get(portKey)!;
    let i = 0;
    // 2. Fill the slices already being rewritten, fullest first.
    const rewritten = model.touched.filter((s) => s.portKey === portKey && s.changed && s.eps.length > 0)
      .sort((a, b) => b.eps.length - a.eps.length || byName(a, b));
    for (const s of rewritten) while (i < items.length && s.eps.length < MAX_ENDPOINTS_PER_SLICE) push(model, s, items[i++]);
    // 3. Fit the rest into an unchanged slice, else into new slices.
    while (i < items.length) {
      const left = items.length - i;
      let target: SliceRec | undefined;
      if (left < MAX_ENDPOINTS_PER_SLICE) {
        target = sliceToFill(model, portKey, left, checks);
      }
      if (!target) {
        target = { name: '', ports, portKey, eps: [], keys: [], obj: undefined, changed: false };
        touch(model, target);
        model.slices.push(target);
        fresh.push(target);
      }
      while (i < items.length && target.eps.length < MAX_ENDPOINTS_PER_SLICE) push(model, target, items[i++]);
    }
  }
  const empties = emptiesOf(model.quietEmpties ? model.slices : model.touched);
  if (empties.length > 1) empties.sort(byName);
  let live = false;
  for (let k = 0; k < model.slices.length && !live; k++) live = model.slices[k].eps.length > 0;
  if (!live) {
    // The placeholder: one slice with no endpoints and no ports stays (or is created) for the Service.
    const keep = empties.shift();
    if (keep) {
      if (keep.ports.length) { keep.ports = []; keep.portKey = '[]'; touch(model, keep); }
    } else {
      const ph: SliceRec = { name: '', ports: [], portKey: '[]', eps: [], keys: [], obj: undefined, changed: false };
      touch(model, ph);
      model.slices.push(ph);
      fresh.push(ph);
    }
  }
  // Only a kept placeholder stays stored without endpoints: every other empty slice goes (or is taken over) now.
  model.quietEmpties = !live;
  // finalize: the last slice to create takes over the first slice to delete.
  while (fresh.length && empties.length) {
    const from = fresh.pop()!;
    const into = empties.shift()!;
    into.ports = from.ports; into.portKey = from.portKey; into.eps = from.eps; into.keys = from.keys;
    touch(model, into);
    for (const k of into.keys) model.where.set(k, into);
    model.slices.splice(model.slices.indexOf(from), 1);
    model.roomy.delete(from);
  }
  return { creates: fresh, deletes: empties };
}
