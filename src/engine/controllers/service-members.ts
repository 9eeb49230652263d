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

function sameIps(a: Pod, b: Pod): boolean {
  const x = a.status?.podIPs ?? [], y = b.status?.podIPs ?? [];
  return x.length === y.length && x.every((ip, i) => ip.ip === y[i].ip) && a.status?.podIP === b.status?.podIP;
}

/**
 * Whether an update of a pod can change its endpoints (`podChanged`) or the Services it matches
 * (`labelsChanged`: labels, hostname or subdomain). A terminating pod always counts as changed: upstream
 * compares the deletion timestamps as pointers, which differ between any two decoded versions.
 * Models podEndpointsChanged.
 */
export function podEndpointsChanged(old: Pod, cur: Pod): { podChanged: boolean; labelsChanged: boolean } {
  const labelsChanged = !sameJson(old.metadata?.labels ?? {}, cur.metadata?.labels ?? {})
    || old.spec?.hostname !== cur.spec?.hostname || old.spec?.subdomain !== cur.spec?.subdomain;
  const podChanged = !!(old.metadata?.deletionTimestamp || cur.metadata?.deletionTimestamp)
    || isPodReady(old) !== isPodReady(cur) || !sameIps(old, cur);
  return { podChanged, labelsChanged };
}

// podEndpointsChanged of the last update seen. The Endpoints and EndpointSlice controllers are handed the
// same event in turn: the second asks about the same two (immutable) pod objects.
let lastChange: { old: Pod; cur: Pod; r: { podChanged: boolean; labelsChanged: boolean } } | undefined;
function endpointsChangeOf(old: Pod, cur: Pod): { podChanged: boolean; labelsChanged: boolean } {
  if (lastChange?.old !== old || lastChange.cur !== cur) lastChange = { old, cur, r: podEndpointsChanged(old, cur) };
  return lastChange.r;
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
    const ch = endpointsChangeOf(old, pod);
    if (!ch.podChanged && !ch.labelsChanged) return NONE;
    podChanged = ch.podChanged;
    labelsChanged = ch.labelsChanged;
  }
  const ns = pod.metadata!.namespace!;
  let podKey: string | undefined;
  let out: string[] | undefined;
  for (const svc of c.store.view('Service', ns)) {
    if (!svc.spec?.selector) continue;
    const key = serviceKey(svc);
    const now = e.type !== 'DELETED' && matchesLabelSet(svc.spec.selector, pod.metadata?.labels);
    if (!labelsChanged) {
      // An update that kept the labels keeps the memberships: the pod is a member exactly when it matches now,
      // so the members need no look-up (a string-keyed look-up in a map of every member pod, for most of the
      // updates of every pod).
      if (c.checks && !!members[key]?.[podKey ??= memberKey(pod)] !== now) throw new EngineCheckError(`Service members of ${key}: ${podKey} is listed ${!now}, its labels say ${now}`);
      if (now) (out ??= []).push(key);
      continue;
    }
    podKey ??= memberKey(pod);
    const was = !!members[key]?.[podKey];
    if (now) (members[key] ??= {})[podKey] = true; else if (was) delete members[key][podKey];
    if (podChanged ? now || was : now !== was) (out ??= []).push(key);
  }
  return out ?? NONE;
}

// The answer for a change that concerns no Service (shared: most pod updates).
const NONE: readonly string[] = Object.freeze([]);

// A pod's member key, `ns/name`.
const memberKey = (pod: Pod): string => [pod.metadata!.namespace, pod.metadata!.name].join('/');

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
 */
export function podChanged(c: Cluster, members: Members, e: WatchEvent, timer: string, delayMs: number, dirtyOf: (key: string) => Set<string> | undefined): void {
  const keys = servicesForPodChange(c, members, e);
  if (keys.length === 0) return;
  const podKey = memberKey(e.object as Pod);
  for (const key of keys) {
    dirtyOf(key)?.add(podKey);
    c.enqueue(timer, key, delayMs);
  }
}
