// Which Services a pod belongs to, kept per controller from the watch stream, and which of them a pod change
// concerns. Shared by the Endpoints and EndpointSlice controllers, which (like upstream) each keep their own.
// Models staging/src/k8s.io/endpointslice/util/controller_utils.go GetServicesToUpdateOnPodChange.
import { isPodReady } from '../api/pod-util.ts';
import type { Pod, Service } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { WatchEvent } from '../store/store.ts';
import { matchesLabelSet } from '../api/labels.ts';
import { sameJson } from '../api/json-util.ts';
import { EngineCheckError } from '../checks.ts';

/** Member pods (`ns/name`) of each selector Service (`ns/name`). Serializable controller state. */
export type Members = Record<string, Record<string, true>>;

// An index loop without fallback arrays: `?? []` and every's callback were allocations per pod update.
function sameIps(a: Pod, b: Pod): boolean {
  const x = a.status?.podIPs, y = b.status?.podIPs;
  const n = x?.length ?? 0;
  if (n !== (y?.length ?? 0)) return false;
  for (let i = 0; i < n; i++) if (x![i].ip !== y![i].ip) return false;
  return a.status?.podIP === b.status?.podIP;
}

/**
 * Whether an update of a pod can change its endpoints (`podChanged`) or the Services it matches
 * (`labelsChanged`: labels, hostname or subdomain). A terminating pod always counts as changed: upstream
 * compares the deletion timestamps as pointers, which differ between any two decoded versions.
 * Models podEndpointsChanged.
 */
export function podEndpointsChanged(old: Pod, cur: Pod): { podChanged: boolean; labelsChanged: boolean } {
  return { podChanged: podChangedOf(old, cur), labelsChanged: labelsChangedOf(old, cur) };
}

function labelsChangedOf(old: Pod, cur: Pod): boolean {
  return !sameJson(old.metadata?.labels ?? {}, cur.metadata?.labels ?? {})
    || old.spec?.hostname !== cur.spec?.hostname || old.spec?.subdomain !== cur.spec?.subdomain;
}

function podChangedOf(old: Pod, cur: Pod): boolean {
  return !!(old.metadata?.deletionTimestamp || cur.metadata?.deletionTimestamp)
    || isPodReady(old) !== isPodReady(cur) || !sameIps(old, cur);
}

// podEndpointsChanged of the last update seen. The Endpoints and EndpointSlice controllers are handed the
// same event in turn: the second asks about the same two (immutable) pod objects. Kept in plain variables
// (a record and a result object per pod update were most of what a pod change allocated here).
let lastOld: Pod | undefined, lastCur: Pod | undefined, lastPodChanged = false, lastLabelsChanged = false;
function endpointsChangeOf(old: Pod, cur: Pod): void {
  if (lastOld !== old || lastCur !== cur) {
    lastOld = old; lastCur = cur;
    lastPodChanged = podChangedOf(old, cur);
    lastLabelsChanged = labelsChangedOf(old, cur);
  }
}

/** Rebuilds the members of one Service from the store (new Service or changed selector). */
export function rebuildMembers(c: Cluster, members: Members, svc: Service): void {
  const key = `${svc.metadata!.namespace}/${svc.metadata!.name}`;
  const set: Record<string, true> = {};
  if (svc.spec?.selector) {
    for (const p of c.store.list('Pod', svc.metadata!.namespace)) {
      if (matchesLabelSet(svc.spec.selector, p.metadata?.labels)) set[`${p.metadata!.namespace}/${p.metadata!.name}`] = true;
    }
  }
  members[key] = set;
}

/**
 * Applies a Service change to `members` (rebuilt when the Service is new or its selector changed) and returns
 * the Service's key (`ns/name`), which the caller syncs.
 */
export function serviceChanged(c: Cluster, members: Members, e: WatchEvent): string {
  const svc = e.object as Service;
  const selectorChanged = JSON.stringify(svc.spec?.selector) !== JSON.stringify((e.old as Service | undefined)?.spec?.selector);
  if (e.type !== 'DELETED' && selectorChanged) rebuildMembers(c, members, svc);
  return `${svc.metadata!.namespace}/${svc.metadata!.name}`;
}

/**
 * Applies a pod change to `members` and returns the keys of the Services whose endpoints it may change:
 * none for an update that touches neither endpoints nor labels; for a labels-only change, the Services the
 * pod joined or left; otherwise every Service it was or is a member of.
 */
export function servicesForPodChange(c: Cluster, members: Members, e: WatchEvent): readonly string[] {
  const pod = e.object as Pod;
  let podChanged = true, labelsChanged = true;
  if (e.type === 'MODIFIED') {
    const old = e.old as Pod;
    if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return NONE;
    endpointsChangeOf(old, pod);
    if (!lastPodChanged && !lastLabelsChanged) return NONE;
    podChanged = lastPodChanged;
    labelsChanged = lastLabelsChanged;
  }
  const ns = pod.metadata!.namespace!;
  const services = c.store.view('Service', ns);
  // Without a labels change the answer does not depend on `members`: the second controller handed the same
  // event gets the first one's list (in checks mode each computes its own, checking its members).
  if (!labelsChanged && !c.checks && e === lastEvent && services === lastServices) return lastOut;
  let podKey: string | undefined;
  let out: string[] | undefined;
  // An index loop: for-of here was not optimized and allocated an iterator result per Service per pod change.
  for (let i = 0; i < services.length; i++) {
    const svc = services[i];
    if (!svc.spec?.selector) continue;
    const key = serviceKey(svc);
    const now = e.type !== 'DELETED' && matchesLabelSet(svc.spec.selector, pod.metadata?.labels);
    if (!labelsChanged) {
      // An update that kept the labels keeps the memberships: the pod is a member exactly when it matches now,
      // so the members need no look-up (a string-keyed look-up in a map of every member pod, for most of the
      // updates of every pod).
      if (c.checks && !!members[key]?.[podKey ??= memberKey(pod)] !== now) throw new EngineCheckError(`Service members of ${key}: ${podKey} is listed ${!now}, its labels say ${now}`);
      if (now) out = add(out, key);
      continue;
    }
    podKey ??= memberKey(pod);
    const was = !!members[key]?.[podKey];
    if (now) (members[key] ??= {})[podKey] = true; else if (was) delete members[key][podKey];
    if (podChanged ? now || was : now !== was) out = add(out, key);
  }
  if (!labelsChanged) { lastEvent = e; lastServices = services; lastOut = out ?? NONE; }
  return out ?? NONE;
}

// The last answer for an update without a labels change, with the event and Service list it was for.
let lastEvent: WatchEvent | undefined, lastServices: readonly Service[] | undefined, lastOut: readonly string[] = [];

// `out` with `key` added: a first key makes a one-element literal (pushed onto `[]`, it got room for 17).
function add(out: string[] | undefined, key: string): string[] {
  if (!out) return [key];
  out.push(key);
  return out;
}

// The answer for a change that concerns no Service (shared: most pod updates).
const NONE: readonly string[] = Object.freeze([]);

// A pod's member key, `ns/name`. The last one is kept: both controllers' handlers ask about the same pod
// object, up to twice each, for every pod event.
let lastKeyOf: Pod | undefined, lastKey = '';
function memberKey(pod: Pod): string {
  if (pod !== lastKeyOf) { lastKeyOf = pod; lastKey = [pod.metadata!.namespace, pod.metadata!.name].join('/'); }
  return lastKey;
}

// The key (`ns/name`) of each stored Service object, built once per object (they are immutable): a flat string
// the controllers' maps hash once, instead of a new rope per pod change.
const serviceKeys = new WeakMap<Service, string>();
function serviceKey(svc: Service): string {
  let k = serviceKeys.get(svc);
  if (k === undefined) serviceKeys.set(svc, (k = [svc.metadata!.namespace, svc.metadata!.name].join('/')));
  return k;
}

/**
 * A controller's Pod handler: applies the change to `members` and, for each Service it may change, marks the
 * pod (`ns/name`) in that Service's derived state (`dirtyOf`, when built) and enqueues `timer` for it.
 * `dirtyOf` takes the cluster so callers pass a module-level function, not a closure built per event.
 */
export function podChanged(c: Cluster, members: Members, e: WatchEvent, timer: string, delayMs: number, dirtyOf: (c: Cluster, key: string) => Set<string> | undefined): void {
  const keys = servicesForPodChange(c, members, e);
  if (keys.length === 0) return;
  const podKey = memberKey(e.object as Pod);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    dirtyOf(c, key)?.add(podKey);
    c.enqueue(timer, key, delayMs);
  }
}
