// Pure helpers of the EndpointSlice controller: which pods belong in a slice, the endpoint and ports a pod
// contributes, and the labels and metadata of a slice. No store access beyond the objects passed in.
// Models staging/src/k8s.io/endpointslice/utils.go and util/controller_utils.go.
import { isPodReady } from '../api/pod-util.ts';
import type { EndpointSlice, Node, Pod, Service } from '../api/types.ts';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';

/** The value of endpointslice.kubernetes.io/managed-by on slices this controller owns. */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** The controller's --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/**
 * Whether a pod is listed at all: not terminal (Succeeded or Failed), with an IP, and not terminating unless
 * terminating pods are included (the slice controller always includes them; the Endpoints controller when the
 * Service publishes not-ready addresses). Models util/controller_utils.go ShouldPodBeInEndpoints.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  return includeTerminating || !pod.metadata?.deletionTimestamp;
}

/** Models util/controller_utils.go ShouldSetHostname: the pod's subdomain names this service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata!.name && pod.metadata?.namespace === svc.metadata!.namespace;
}

const isIpv4 = (ip: string | undefined): ip is string => !!ip && !ip.includes(':');

// The pod's IPv4 addresses (podIPs, else podIP). One pass and a one-element literal for the usual single IP,
// instead of a map and a filter with their callbacks and two arrays per endpoint.
function ipv4s(pod: Pod): string[] {
  const ips = pod.status?.podIPs;
  if (!ips?.length) return isIpv4(pod.status!.podIP!) ? [pod.status!.podIP!] : [];
  if (ips.length === 1) return isIpv4(ips[0].ip) ? [ips[0].ip] : [];
  const out: string[] = [];
  for (let i = 0; i < ips.length; i++) if (isIpv4(ips[i].ip)) out.push(ips[i].ip!);
  return out;
}

/** Models utils.go podToEndpoint for addressType IPv4. */
export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const zone = node?.metadata?.labels?.['topology.kubernetes.io/zone'];
  // Keys go in one by one, in the API's order (spreads in the literal gave the endpoints hidden classes of their
  // own in V8: see merged).
  const ep: Endpoint = { addresses: ipv4s(pod), conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  if (zone) ep.zone = zone;
  return ep;
}

/**
 * Whether two endpoints built by podToEndpoint (so with the same keys in the same order when their values
 * agree) are equal as JSON, compared field by field: serializing both cost more than building them.
 */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a === b) return true;
  const x = a.addresses, y = b.addresses;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  const p = a.conditions, q = b.conditions;
  if (p?.ready !== q?.ready || p?.serving !== q?.serving || p?.terminating !== q?.terminating) return false;
  if (a.hostname !== b.hostname || a.nodeName !== b.nodeName || a.zone !== b.zone) return false;
  const r = a.targetRef, t = b.targetRef;
  return r === t || (!!r && !!t && r.kind === t.kind && r.namespace === t.namespace && r.name === t.name && r.uid === t.uid);
}

/** Models podutil.FindPort: a named targetPort is looked up among the containers' (and sidecars') ports. */
export function findPort(pod: Pod, sp: NonNullable<Service['spec']>['ports'] extends (infer P)[] | undefined ? P : never): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  const proto = sp.protocol ?? 'TCP';
  for (const ct of pod.spec?.containers ?? []) for (const p of ct.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  for (const ct of pod.spec?.initContainers ?? []) {
    if (ct.restartPolicy !== 'Always') continue;
    for (const p of ct.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/**
 * What a pod's endpoint ports for the Service depend on besides the Service: the port each service port
 * resolves to in the pod (findPort), as text. Pods with the same signature get equal ports from getEndpointPorts.
 */
export function portSignature(svc: Service, pod: Pod): string {
  let sig = '';
  for (const sp of svc.spec?.ports ?? []) sig += `${findPort(pod, sp) ?? '-'},`;
  return sig;
}

/** Models utils.go getEndpointPorts: one port per service port whose target the pod has. */
export function getEndpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0 && svc.spec?.clusterIP === 'None') return out;
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** Models utils.go isServiceIPSet. */
const isServiceIPSet = (svc: Service): boolean => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None';

/**
 * Models utils.go setEndpointSliceLabels: the service's labels (reserved keys skipped), the headless label for
 * a service without a cluster IP, and the service-name and managed-by labels.
 */
export function sliceLabels(svc: Service): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS) continue;
    out[k] = v;
  }
  if (!isServiceIPSet(svc)) out[LABEL_HEADLESS] = '';
  out[LABEL_SERVICE_NAME] = svc.metadata!.name!;
  out[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return out;
}

/** Models utils.go newEndpointSlice: generateName `<service>-`, the controller ref to the Service, no endpoints. */
export function newEndpointSlice(svc: Service, ports: EndpointPort[]): EndpointSlice {
  const m = svc.metadata!;
  return {
    metadata: {
      generateName: `${m.name}-`, namespace: m.namespace, labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: m.name!, uid: m.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

/** Models utils.go ownedBy. */
export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.metadata?.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}
