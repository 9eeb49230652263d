// The EndpointSlice controller: for each Service with a selector, slices named `<service>-xxxxx` of at most
// 100 endpoints each. Incremental: a pod change touches only the slice holding that pod (or the one it is
// placed in). Per-service slice models are derived state, rebuilt from the store when missing or stale.
// Models pkg/controller/endpointslice/endpointslice_controller.go and staging/src/k8s.io/endpointslice/reconciler.go.
import type { Cluster, Controller } from '../cluster.ts';
import { podChanged, serviceChanged, type Members } from './service-members.ts';
import type { EndpointSlice, Pod, Service } from '../api/types.ts';
import type { Endpoint } from 'kubernetes-types/discovery/v1';
import { rfc3339 } from '../clock/time.ts';
import { merged, sameJson } from '../api/json-util.ts';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, getEndpointPorts, ownedBy, podToEndpoint, portSignature, sameEndpoint, shouldPodBeInEndpoints, sliceLabels } from './endpointslice-utils.ts';
import { forget, placeEndpoints, touch, type Pending, type SliceModel, type SliceRec } from './endpointslice-model.ts';
import { EngineCheckError } from '../checks.ts';
import { removeAt } from './endpoints-view.ts';

const SYNC_MS = 20;
// The write options of every slice write (read only by the store): one object, not one per write.
const TRUSTED = Object.freeze({ trusted: true });
// An update whose body is built for it alone (the store takes it without a copy).
const OWNED = Object.freeze({ trusted: true, owned: true });
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** Member pods (`ns/name`) of each selector Service (`ns/name`). */
interface SliceState { members: Members }
// The initializer is module-level: an arrow in the call was a closure allocated on every handler run.
const initState = (): SliceState => ({ members: {} });
const state = (c: Cluster): SliceState => c.ext<SliceState>('endpointslice', initState);

// Derived per-Service models (not part of the snapshot).
const models = new WeakMap<Cluster, Map<string, SliceModel>>();
// The cluster this controller is writing slices to, if any, so its own slice events do not mark its models
// stale. (A variable: adding and removing the cluster in a weak set cost more than the rest of a small sync.)
let writing: Cluster | undefined;

function modelsOf(c: Cluster): Map<string, SliceModel> {
  let m = models.get(c);
  if (!m) models.set(c, (m = new Map()));
  return m;
}

// The dirty set of a Service's model, when built (module-level: see podChanged).
const dirtyOf = (c: Cluster, key: string): Set<string> | undefined => models.get(c)?.get(key)?.dirty;

// Rebuilds a Service's model from its stored slices; every member and every listed pod is dirty.
function rebuild(c: Cluster, key: string, svc: Service): SliceModel {
  const ns = svc.metadata!.namespace!;
  const model: SliceModel = { svc, slices: [], where: new Map(), epOf: new Map(), dirty: new Set(), stale: false, foreign: [], touched: [], quietEmpties: true, roomy: new Set(), ports: new Map() };
  const mine = c.store.list('EndpointSlice', ns)
    .filter((s) => s.metadata?.labels?.[LABEL_SERVICE_NAME] === svc.metadata!.name && s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME)
    .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const s of mine) {
    if (!ownedBy(s, svc)) { model.foreign.push(s.metadata!.name!); continue; }
    const eps = (s.endpoints ?? []).slice();
    const rec: SliceRec = { name: s.metadata!.name!, ports: s.ports ?? [], portKey: JSON.stringify(s.ports ?? []), eps, keys: eps.map((e) => `${e.targetRef?.namespace ?? ns}/${e.targetRef?.name ?? ''}`), obj: s, changed: false };
    model.slices.push(rec);
    model.roomy.add(rec);
    // A key listed twice (only by a hand edit) is found at its first row of the last slice holding it.
    const firstRows = new Set<string>();
    rec.keys.forEach((k, i) => {
      model.where.set(k, rec);
      if (!firstRows.has(k)) { firstRows.add(k); model.epOf.set(k, eps[i]); }
      model.dirty.add(k);
    });
  }
  for (const k of Object.keys(state(c).members[key] ?? {})) model.dirty.add(k);
  modelsOf(c).set(key, model);
  return model;
}

// The endpoint and ports a pod contributes to the model's Service, or null when it belongs in no slice.
// Models the desired-state loop of reconcileByAddressType for one pod.
function desiredOf(c: Cluster, model: SliceModel, pod: Pod | undefined) {
  const svc = model.svc;
  if (!pod || !shouldPodBeInEndpoints(pod, true)) return null;
  const nodeName = pod.spec?.nodeName;
  const node = nodeName ? c.store.get('Node', '', nodeName) : undefined;
  if (nodeName && !node && !svc.spec?.publishNotReadyAddresses) return null;
  const ep = podToEndpoint(pod, node, svc);
  if (!ep.addresses.length) return null;
  const { ports, portKey } = portsOf(model, pod);
  return { ep, ports, portKey };
}

// A pod's endpoint ports and their JSON. They depend on the Service and on what its ports resolve to in the
// pod, so the model keeps them by that signature (one entry for all the pods of a StatefulSet).
function portsOf(model: SliceModel, pod: Pod): { ports: SliceRec['ports']; portKey: string } {
  const sig = portSignature(model.svc, pod);
  let hit = model.ports.get(sig);
  if (!hit) {
    const ports = getEndpointPorts(model.svc, pod);
    model.ports.set(sig, (hit = { ports, portKey: JSON.stringify(ports) }));
  }
  return hit;
}

// Whether a slice's endpoint and a freshly built one are equal as JSON. Right after a rebuild the slice's
// endpoints are the stored ones, which anyone may have written: those are compared as JSON. Every endpoint
// that stays in the model after that sync is equal as JSON to one podToEndpoint built, and is compared field
// by field (in checks mode, against the JSON too).
function sameEndpointJson(c: Cluster, had: Endpoint, want: Endpoint, rebuilt: boolean): boolean {
  if (rebuilt) return JSON.stringify(had) === JSON.stringify(want);
  const same = sameEndpoint(had, want);
  if (c.checks && same !== (JSON.stringify(had) === JSON.stringify(want))) {
    throw new EngineCheckError(`EndpointSlice model: sameEndpoint says ${same} for ${JSON.stringify(had)} and ${JSON.stringify(want)}`);
  }
  return same;
}

// The slice labels of each Service object (immutable, as the stored slices that share the result): building
// them per write was an Object.entries and a copy of the labels for every slice written.
const labelsMemo = new WeakMap<Service, Record<string, string>>();
function labelsOf(svc: Service): Record<string, string> {
  let labels = labelsMemo.get(svc);
  if (!labels) labelsMemo.set(svc, (labels = sliceLabels(svc)));
  return labels;
}

// The keys of a slice as this controller creates it (the store puts apiVersion and kind first), in order.
const SLICE_KEYS = ['apiVersion', 'kind', 'metadata', 'addressType', 'endpoints', 'ports'];
function hasSliceKeys(o: EndpointSlice): boolean {
  const keys = Object.keys(o);
  if (keys.length !== SLICE_KEYS.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== SLICE_KEYS[i]) return false;
  return true;
}

// The body of a slice update: the stored slice with new metadata, endpoints and ports. Built key by key when the
// stored slice has the keys this controller writes (always, but for a slice taken over from the store): the
// spread of the stored slice cost about 4 µs a write here (measured in the bench), the literal a fraction.
function updateBody(c: Cluster, obj: EndpointSlice, metadata: EndpointSlice['metadata'], endpoints: Endpoint[], ports: SliceRec['ports']): EndpointSlice {
  if (!hasSliceKeys(obj)) return { ...obj, metadata, endpoints, ports };
  const body: EndpointSlice = { apiVersion: obj.apiVersion, kind: obj.kind, metadata, addressType: obj.addressType, endpoints, ports };
  if (c.checks && JSON.stringify(body) !== JSON.stringify({ ...obj, metadata, endpoints, ports })) {
    throw new EngineCheckError(`EndpointSlice update of ${obj.metadata?.name}: the body built key by key is not the spread`);
  }
  return body;
}

// (Index loops throughout: the for-of loops here were not optimized and allocated iterator results.)
function write(c: Cluster, model: SliceModel, svc: Service, creates: SliceRec[], deletes: SliceRec[]): void {
  const ns = svc.metadata!.namespace!;
  const labels = labelsOf(svc);
  const trigger = rfc3339(c.wallNow());
  const outer = writing;
  writing = c;
  try {
    for (let j = 0; j < creates.length; j++) {
      const rec = creates[j];
      const body: EndpointSlice = {
        metadata: {
          generateName: `${svc.metadata!.name}-`, namespace: ns, labels, annotations: { [TRIGGER_TIME]: trigger },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata!.name!, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4', endpoints: rec.eps.slice(), ports: rec.ports,
      };
      const r = c.store.create('EndpointSlice', body, TRUSTED);
      if (r.ok) { rec.obj = r.object; rec.name = r.object.metadata!.name!; } else model.stale = true;
    }
    // The changed slices are the touched ones; written in model order (a walk over every slice would cost more
    // than finding the few touched ones in it).
    const touched = model.touched;
    let updates: SliceRec[];
    if (touched.length === 1 && !creates.length) {
      // The common case, one slice updated: no filtered copy.
      updates = touched[0].obj && model.slices.includes(touched[0]) ? touched : [];
    } else {
      updates = touched.filter((rec) => rec.obj && !creates.includes(rec) && model.slices.includes(rec));
      if (updates.length > 1) updates.sort((a, b) => model.slices.indexOf(a) - model.slices.indexOf(b));
    }
    for (let j = 0; j < updates.length; j++) {
      const rec = updates[j];
      const meta = merged(rec.obj!.metadata, { labels, annotations: merged(rec.obj!.metadata?.annotations, { [TRIGGER_TIME]: trigger }) });
      const r = c.store.update('EndpointSlice', updateBody(c, rec.obj!, meta, rec.eps.slice(), rec.ports), OWNED);
      if (r.ok) rec.obj = r.object; else model.stale = true;
    }
    for (let j = 0; j < deletes.length; j++) if (deletes[j].obj) c.store.delete('EndpointSlice', ns, deletes[j].name);
    for (let j = 0; j < model.foreign.length; j++) c.store.delete('EndpointSlice', ns, model.foreign[j]);
  } finally {
    writing = outer;
  }
  if (model.foreign.length) model.foreign = [];
  const done = model.touched;
  for (let j = 0; j < done.length; j++) done[j].changed = false;
  model.touched = [];
  if (c.checks && model.slices.some((r) => r.changed)) throw new EngineCheckError(`EndpointSlice model of ${svc.metadata!.name}: a changed slice was not touched`);
}

// The row of a placed pod in its slice; in checks mode compared with a search by key.
function positionOf(c: Cluster, model: SliceModel, rec: SliceRec, podKey: string): number {
  const i = rec.eps.indexOf(model.epOf.get(podKey)!);
  if (c.checks && (i < 0 || rec.keys[i] !== podKey)) throw new EngineCheckError(`EndpointSlice model: ${podKey} is not at row ${i} of ${rec.name}`);
  return i;
}

// What a sync that places no endpoint hands placeEndpoints (which only reads it).
const NOTHING_PENDING: Pending = new Map();

// Models endpointslice_controller.go syncService + reconciler.reconcileByAddressType for the dirty pods.
function sync(c: Cluster, key: string): void {
  const slash = key.indexOf('/');
  const ns = key.slice(0, slash);
  const svc = c.store.get('Service', ns, key.slice(slash + 1));
  if (!svc || !svc.spec?.selector || svc.spec.type === 'ExternalName') {
    if (!svc) delete state(c).members[key];
    modelsOf(c).delete(key);
    return;
  }
  const cached = modelsOf(c).get(key);
  const svcChanged = !!cached && cached.svc !== svc;
  const rebuilt = !cached || cached.stale;
  const model = rebuilt ? rebuild(c, key, svc) : cached;
  if (svcChanged) {
    for (const k of Object.keys(state(c).members[key] ?? {})) model.dirty.add(k);
    for (const k of model.where.keys()) model.dirty.add(k);
    model.svc = svc;
    model.ports.clear();
  }
  const members = state(c).members[key] ?? {};
  // Made on the first endpoint to place: most syncs only rewrite endpoints in place.
  let pending: Pending | undefined;
  for (const podKey of model.dirty) {
    const pod = members[podKey] ? c.store.get('Pod', ns, podKey.slice(podKey.indexOf('/') + 1)) : undefined;
    const want = desiredOf(c, model, pod);
    const rec = model.where.get(podKey);
    // The pod's row, found by endpoint identity (pointer compares) rather than by comparing key texts.
    const i = rec ? positionOf(c, model, rec, podKey) : -1;
    if (rec && want && rec.portKey === want.portKey) {
      if (!sameEndpointJson(c, rec.eps[i], want.ep, rebuilt)) { rec.eps[i] = want.ep; model.epOf.set(podKey, want.ep); touch(model, rec); }
      continue;
    }
    if (rec) {
      removeAt(rec.keys, i);
      removeAt(rec.eps, i);
      touch(model, rec);
      model.where.delete(podKey);
      model.epOf.delete(podKey);
    }
    if (want) {
      pending ??= new Map();
      let g = pending.get(want.portKey);
      if (!g) pending.set(want.portKey, (g = { ports: want.ports, items: [] }));
      g.items.push({ key: podKey, ep: want.ep });
    }
  }
  model.dirty.clear();
  // Slice labels follow the Service's; they can only be off after a Service change or a rebuild.
  if (svcChanged || rebuilt) {
    const labels = labelsOf(svc);
    for (const rec of model.slices) if (rec.obj && !sameJson(rec.obj.metadata?.labels ?? {}, labels)) touch(model, rec);
  }
  const { creates, deletes } = placeEndpoints(model, pending ?? NOTHING_PENDING, c.checks);
  // Slices without a stored object can only be new ones (every other slice was stored when the model took it).
  const fresh = creates.length ? creates.slice() : creates;
  if (svc.metadata?.deletionTimestamp) { creates.length = 0; model.stale = true; }
  if (!creates.length && !deletes.length && !model.foreign.length && !model.touched.length) return;
  write(c, model, svc, creates, deletes);
  // Deleted slices leave the model; a create the store refused (or one skipped while the Service is being
  // deleted) leaves it too, and the model is rebuilt from the store on the next sync.
  const unstored = fresh.some((r) => !r.obj);
  if (c.checks && unstored !== model.slices.some((r) => !r.obj)) throw new EngineCheckError('EndpointSlice model: a slice without a stored object that is not new');
  if (deletes.length || unstored) {
    const kept = model.slices.filter((r) => !deletes.includes(r) && r.obj);
    forget(model, model.slices.filter((r) => !kept.includes(r)));
    model.slices = kept;
  }
  if (creates.some((r) => !r.obj)) model.stale = true;
}

/** The EndpointSlice controller. Timer `endpointslice/sync`, key Service `ns/name`. */
export const endpointSliceController: Controller = {
  name: 'endpointslice',
  kinds: ['Service', 'Pod', 'EndpointSlice'],
  onChange(e, c) {
    if (e.kind === 'Service') {
      const key = serviceChanged(c, state(c).members, e);
      const model = modelsOf(c).get(key);
      if (model && e.type === 'ADDED') model.stale = true;
      c.enqueue('endpointslice/sync', key, SYNC_MS);
    } else if (e.kind === 'Pod') {
      podChanged(c, state(c).members, e, 'endpointslice/sync', SYNC_MS, dirtyOf);
    } else if (writing !== c) {
      // Someone else changed or deleted one of our slices: rebuild from the store and repair.
      const s = e.object as EndpointSlice;
      if (s.metadata?.labels?.[LABEL_MANAGED_BY] !== CONTROLLER_NAME) return;
      const key = `${s.metadata.namespace}/${s.metadata.labels[LABEL_SERVICE_NAME] ?? ''}`;
      const model = modelsOf(c).get(key);
      if (model) model.stale = true;
      c.enqueue('endpointslice/sync', key, SYNC_MS);
    }
  },
  run(kind, key, c) {
    if (kind === 'endpointslice/sync') sync(c, key);
  },
};
