// The endpoints controller: for each Service with a selector, an Endpoints object of the same name
// listing ready pods in `addresses` and not-ready ones in `notReadyAddresses`, ports resolved from the
// service's targetPorts. Keeps a per-service member index so a pod change touches only its services.
import { isPodReady } from '../api/pod-util.ts';
import type { Cluster, Controller } from '../cluster.ts';
import { podChanged, serviceChanged, type Members } from './service-members.ts';
import type { Endpoints, Pod, Service } from '../api/types.ts';
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import { findPort, portSignature, shouldPodBeInEndpoints, shouldSetHostname } from './endpointslice-utils.ts';
import { EndpointsView, type Contribution, type GroupCount } from './endpoints-view.ts';
import { rfc3339 } from '../clock/time.ts';
import { merged, sameJson, without } from '../api/json-util.ts';
import { EngineCheckError } from '../checks.ts';

const SYNC_MS = 20;
// Models endpoints_controller.go LabelManagedBy / ControllerName (set on every Endpoints it writes, 1.33+).
const MANAGED_BY = 'endpoints.kubernetes.io/managed-by';
const CONTROLLER_NAME = 'endpoint-controller';
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** Models endpoints_controller.go maxCapacity: addresses an Endpoints object holds at most. */
export const MAX_CAPACITY = 1000;

/**
 * How many ready and not-ready addresses each subset keeps, or null when all fit. Over MAX_CAPACITY, ready
 * ones are kept first and each subset keeps its proportional share (rounded up, capped by what is left).
 * Models endpoints_controller.go truncateEndpoints.
 */
export function truncationPlan(counts: readonly GroupCount[]): GroupCount[] | null {
  let ready = 0, notReady = 0;
  for (const s of counts) { ready += s.ready; notReady += s.notReady; }
  if (ready + notReady <= MAX_CAPACITY) return null;
  const cutReady = ready > MAX_CAPACITY;
  const max = cutReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
  const total = cutReady ? ready : notReady;
  let left = max;
  return counts.map((s) => {
    const take = Math.min(Math.ceil(((cutReady ? s.ready : s.notReady) / total) * max), left);
    left -= take;
    return cutReady ? { ready: take, notReady: 0 } : { ready: s.ready, notReady: take };
  });
}

/** The subsets cut down by truncationPlan (the input itself when nothing is cut). */
export function truncateEndpoints(subsets: EndpointSubset[]): EndpointSubset[] {
  const plan = truncationPlan(subsets.map((s) => ({ ready: s.addresses?.length ?? 0, notReady: s.notReadyAddresses?.length ?? 0 })));
  if (!plan) return subsets;
  return subsets.map((s, i) => {
    const ready = (s.addresses ?? []).slice(0, plan[i].ready), notReady = (s.notReadyAddresses ?? []).slice(0, plan[i].notReady);
    return { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ...(s.ports ? { ports: s.ports } : {}) };
  });
}

// Whether two subset lists hold the very same address objects. `from` (per subset, the first ready and
// not-ready positions that changed since `a` was built from the view) skips the rows known to be shared, so a
// change inside the kept addresses is told from the first differing row instead of a walk over up to 1,000.
function sameAddressObjects(a: EndpointSubset[], b: EndpointSubset[], from: Array<[number, number]> | null): boolean {
  const sameList = (x: EndpointAddress[] | undefined, y: EndpointAddress[] | undefined, start: number): boolean => {
    const n = x?.length ?? 0;
    if (n !== (y?.length ?? 0)) return false;
    for (let i = Math.min(start, n); i < n; i++) if (x![i] !== y![i]) return false;
    return true;
  };
  return a.length === b.length && a.every((s, i) => s.ports === b[i].ports
    && sameList(s.addresses, b[i].addresses, from?.[i]?.[0] ?? 0) && sameList(s.notReadyAddresses, b[i].notReadyAddresses, from?.[i]?.[1] ?? 0));
}

/** Member pods (`ns/name`) of each selector Service (`ns/name`). */
interface EndpointsState { members: Members }
// The initializer is module-level: an arrow in the call was a closure allocated on every handler run.
const initState = (): EndpointsState => ({ members: {} });
const state = (c: Cluster): EndpointsState => c.ext<EndpointsState>('endpoints', initState);

// Models pkg/api/v1/endpoints ... podToEndpointAddressForService.
function address(pod: Pod, svc: Service): EndpointAddress {
  // Keys go in one by one after the literal (a leading spread gives each address a hidden class of its own in
  // V8: see merged); the order is the API's.
  const a: EndpointAddress = shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname, ip: pod.status!.podIP! } : { ip: pod.status!.podIP! };
  if (pod.spec?.nodeName) a.nodeName = pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', name: pod.metadata!.name, namespace: pod.metadata!.namespace, uid: pod.metadata!.uid };
  return a;
}

// The endpoint ports of a pod for the Service: each service port resolved against the pod (a named targetPort
// is looked up among the container ports; a port that does not resolve is left out, as podutil.FindPort's
// error skips it). A headless Service without ports lists its pods with no ports. Null: the pod is not listed.
function ports(pod: Pod, svc: Service): EndpointPort[] | null {
  const servicePorts = svc.spec?.ports ?? [];
  if (!servicePorts.length) return svc.spec?.clusterIP === 'None' ? [] : null;
  const out: EndpointPort[] = [];
  for (const sp of servicePorts) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    // Models endpointPortFromServicePort: name, port, protocol and appProtocol of the service port.
    const p: EndpointPort = sp.name ? { name: sp.name, port, protocol: sp.protocol ?? 'TCP' } : { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out.length ? out : null;
}

// A pod's ports for the Service and their JSON (the port group key). They depend on the Service and on what its
// ports resolve to in the pod (findPort), so they are kept per Service object by that signature: one entry for
// all the pods of a StatefulSet (kept per pod spec, every new pod cost a JSON text and two WeakMap entries).
type PortGroup = { ports: EndpointPort[]; group: string } | null;
const portGroups = new WeakMap<Service, Map<string | number, PortGroup>>();
function portsOf(svc: Service, pod: Pod, checks: boolean): PortGroup {
  let bySig = portGroups.get(svc);
  if (!bySig) portGroups.set(svc, (bySig = new Map()));
  const sps = svc.spec?.ports;
  // The signature: the resolved port of a single service port as a number, else the resolved ports as text.
  let sig: string | number = '';
  if (sps?.length === 1) sig = findPort(pod, sps[0]) ?? '-';
  else if (sps) sig = portSignature(svc, pod);
  let hit = bySig.get(sig);
  if (hit === undefined) {
    const ps = ports(pod, svc);
    bySig.set(sig, (hit = ps && { ports: ps, group: JSON.stringify(ps) }));
  }
  if (checks && JSON.stringify(hit?.ports ?? null) !== JSON.stringify(ports(pod, svc))) {
    throw new EngineCheckError(`Endpoints ports of ${pod.metadata?.name} for ${svc.metadata?.name}: ${JSON.stringify(hit?.ports)}, ports() says ${JSON.stringify(ports(pod, svc))}`);
  }
  return hit;
}

/**
 * How one pod shows up in the Service's Endpoints, or null. A pod with an IP that is not terminal is listed;
 * a terminating one only when the Service publishes not-ready addresses (which also lists every pod as ready).
 * Models syncService's loop: ShouldPodBeInEndpoints, podToEndpointAddressForService, addEndpointSubset.
 */
function contribution(svc: Service, pod: Pod, checks = false): Contribution | null {
  const tolerate = !!svc.spec?.publishNotReadyAddresses;
  if (!shouldPodBeInEndpoints(pod, tolerate)) return null;
  const ps = portsOf(svc, pod, checks);
  if (!ps) return null;
  return { group: ps.group, ports: ps.ports, ready: tolerate || isPodReady(pod), addr: address(pod, svc) };
}

const byIp = (a: EndpointAddress, b: EndpointAddress): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

/** The subsets for a Service and its selected pods, computed from scratch. Models syncService + RepackSubsets. */
export function computeSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    const c = contribution(svc, pod);
    if (!c) continue;
    let g = groups.get(c.group);
    if (!g) groups.set(c.group, (g = { ports: c.ports, ready: [], notReady: [] }));
    (c.ready ? g.ready : g.notReady).push(c.addr);
  }
  return [...groups.keys()].sort().map((k) => {
    const g = groups.get(k)!;
    return {
      ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    };
  });
}

// The labels of a Service's Endpoints: the Service's, the managed-by label and, for a headless Service, the
// headless label. One object per Service object (both immutable; the stored Endpoints share it), instead of a
// copy per write.
const labelsMemo = new WeakMap<Service, Record<string, string>>();
function endpointsLabels(svc: Service): Record<string, string> {
  let labels = labelsMemo.get(svc);
  if (!labels) {
    labels = merged(svc.metadata?.labels, { [MANAGED_BY]: CONTROLLER_NAME });
    if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    labelsMemo.set(svc, labels);
  }
  return labels;
}

// Whether two truncation plans are equal (as sameJson would say, without its generic walk).
function samePlan(a: readonly GroupCount[], b: readonly GroupCount[] | null | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].ready !== b[i].ready || a[i].notReady !== b[i].notReady) return false;
  return true;
}

// truncationPlan of the view's counts, answered with the view's last plan when the cut is the same (the usual
// pass past capacity): two arrays and an object per group on every pass were most of what a sync allocated.
// The same arithmetic as truncationPlan; checked against it in checks mode.
function planOf(view: EndpointsView, checks: boolean): readonly GroupCount[] | null {
  const n = view.groupCount();
  let ready = 0, notReady = 0;
  for (let i = 0; i < n; i++) { ready += view.groupReady(i); notReady += view.groupNotReady(i); }
  let plan: readonly GroupCount[] | null = null;
  if (ready + notReady > MAX_CAPACITY) {
    const last = view.plan;
    if (last && last.length === n) {
      const cutReady = ready > MAX_CAPACITY;
      const max = cutReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
      const total = cutReady ? ready : notReady;
      let left = max, same = true;
      for (let i = 0; i < n && same; i++) {
        const take = Math.min(Math.ceil(((cutReady ? view.groupReady(i) : view.groupNotReady(i)) / total) * max), left);
        left -= take;
        same = cutReady ? last[i].ready === take && last[i].notReady === 0 : last[i].ready === view.groupReady(i) && last[i].notReady === take;
      }
      if (same) plan = last;
    }
    plan ??= truncationPlan(view.groupCounts());
  }
  if (checks) {
    const want = truncationPlan(view.groupCounts());
    if (want ? !samePlan(want, plan) : plan) throw new EngineCheckError(`Endpoints plan: ${JSON.stringify(plan)}, truncationPlan says ${JSON.stringify(want)}`);
  }
  return plan;
}

// Derived per-Service views (not part of the snapshot; rebuilt from the store when missing or stale).
const views = new WeakMap<Cluster, Map<string, EndpointsView>>();

function viewsOf(c: Cluster): Map<string, EndpointsView> {
  let m = views.get(c);
  if (!m) views.set(c, (m = new Map()));
  return m;
}

// The dirty set of a Service's view, when built (module-level: see podChanged).
const dirtyOf = (c: Cluster, key: string): Set<string> | undefined => views.get(c)?.get(key)?.dirty;

// The stored pod of a member key, or undefined when no longer a member (module-level: no closure per sync).
function memberPod(c: Cluster, members: Record<string, true>, ns: string, m: string): Pod | undefined {
  return members[m] ? c.store.get('Pod', ns, m.slice(m.indexOf('/') + 1)) : undefined;
}

// The view of a Service, brought up to date with its members (rebuilt in full when new or stale).
function currentView(c: Cluster, key: string, ns: string, svc: Service): EndpointsView {
  const all = viewsOf(c);
  let view = all.get(key);
  const members = state(c).members[key] ?? {};
  if (!view || view.svc !== svc) {
    const checks = c.checks;
    view = new EndpointsView(svc, (pod) => contribution(svc, pod, checks), checks);
    all.set(key, view);
    for (const m of Object.keys(members)) view.apply(m, memberPod(c, members, ns, m));
  } else {
    for (const m of view.dirty) view.apply(m, memberPod(c, members, ns, m));
  }
  view.dirty.clear();
  return view;
}

function sync(c: Cluster, key: string): void {
  const slash = key.indexOf('/');
  const ns = key.slice(0, slash);
  const name = key.slice(slash + 1);
  const svc = c.store.get('Service', ns, name);
  const existing = c.store.get('Endpoints', ns, name);
  if (!svc || !svc.spec?.selector) {
    delete state(c).members[key];
    viewsOf(c).delete(key);
    if (!svc && existing) c.store.delete('Endpoints', ns, name);
    return;
  }
  const view = currentView(c, key, ns, svc);
  const known = !!existing && view.written === existing;
  const changed = view.changed;
  const plan = planOf(view, c.checks);
  const truncated = !!plan;
  const capacityOk = truncated === (existing?.metadata?.annotations?.[OVER_CAPACITY] === 'truncated');
  // The labels follow the Service's, fixed for the view: an Endpoints object found to carry them is not
  // compared again.
  const labelsOk = !!existing && (view.labelsMatch === existing || sameJson(existing.metadata?.labels ?? {}, endpointsLabels(svc)));
  if (labelsOk) view.labelsMatch = existing;
  const metaOk = capacityOk && labelsOk;
  // Past capacity, most changes lie beyond the kept addresses: when the view wrote what is stored, with the
  // same cut, and nothing changed within it, the write would change nothing (upstream compares and skips).
  if (known && metaOk && plan && samePlan(plan, view.plan) && view.prefixUnchanged(plan)) {
    view.settle();
    return;
  }
  // Where the lists changed, taken before subsets() settles the view.
  const from = known ? view.changeStarts() : null;
  // Fresh lists of what the write keeps (at most MAX_CAPACITY addresses when truncated).
  const subsets = view.subsets(plan ?? undefined);
  // Whether the write would leave the addresses as stored. When the view wrote them, a change of contribution
  // changes the list, unless it lies past the truncation point.
  let same: boolean;
  if (!existing) same = false;
  else if (!known) same = sameJson(existing.subsets ?? [], subsets);
  else if (!changed) same = true;
  else same = truncated && sameAddressObjects(existing.subsets ?? [], subsets, from);
  view.plan = plan;
  if (same && metaOk) {
    view.written = existing;
    return;
  }
  const annotations: Record<string, string> = { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(c.wallNow()) };
  if (truncated) annotations[OVER_CAPACITY] = 'truncated';
  const labels = endpointsLabels(svc);
  const meta = { name, namespace: ns, labels, annotations };
  const body: Endpoints = { metadata: meta, ...(subsets.length ? { subsets } : {}) };
  let r;
  if (existing) {
    // The stored annotations but the over-capacity mark, then this write's.
    const next: Endpoints = { ...existing, metadata: merged(existing.metadata, { labels, annotations: merged(without(existing.metadata?.annotations, OVER_CAPACITY), annotations) }) };
    if (subsets.length) next.subsets = subsets; else delete next.subsets;
    r = c.store.update('Endpoints', next, { trusted: true });
  } else r = c.store.create('Endpoints', body, { trusted: true });
  view.written = r.ok ? r.object : undefined;
  const { ready, notReady } = view.counts();
  c.trace({ type: 'endpoints.updated', object: { kind: 'Endpoints', namespace: ns, name }, detail: { ready, notReady } });
}

/** The endpoints controller. Timer `endpoints/sync`, key Service `ns/name`. */
export const endpointsController: Controller = {
  name: 'endpoints',
  kinds: ['Service', 'Pod'],
  onChange(e, c) {
    if (e.kind === 'Service') {
      const key = serviceChanged(c, state(c).members, e);
      c.enqueue('endpoints/sync', key, SYNC_MS);
    } else if (e.kind === 'Pod') {
      podChanged(c, state(c).members, e, 'endpoints/sync', SYNC_MS, dirtyOf);
    }
  },
  run(kind, key, c) {
    if (kind === 'endpoints/sync') sync(c, key);
  },
};
