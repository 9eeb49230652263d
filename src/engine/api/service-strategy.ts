// The API server's write strategy for Services: defaults, ClusterIP and NodePort allocation, validation,
// and the immutable cluster IP (pkg/registry/core/service, core/v1 SetDefaults_Service).
import type { AdmissionContext, KindStrategy } from './admission.ts';
import { duplicate, invalid, notSupported, required } from './field-errors.ts';
import { asMap, asMaps, child, setDefault, str, deepCopy } from './json-util.ts';
import type { JsonMap, KObject, StatusCause } from './types.ts';
import { isDNS1035Label, validateObjectMeta } from './validation-names.ts';

const m = (o: KObject): JsonMap => o as unknown as JsonMap;

// The service CIDR of a kind cluster: 10.96.0.0/12.
const CIDR_BASE = (10 << 24) + (96 << 16);
const CIDR_SIZE = 1 << 20;
// Models pkg/registry/core/service/ipallocator: dynamic allocation prefers the upper band, leaving the
// lowest min(max(16, size/16), 256) addresses for static assignment.
const STATIC_BAND = Math.min(Math.max(16, CIDR_SIZE / 16), 256);

const ipString = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

/** A free ClusterIP drawn with the cluster's PRNG. */
export function allocateClusterIP(ctx: AdmissionContext): string {
  const taken = new Set<string>();
  for (const s of ctx.list('Service')) for (const ip of asMap(m(s).spec)?.clusterIPs as string[] ?? []) taken.add(ip);
  for (;;) {
    const offset = STATIC_BAND + Math.floor(ctx.random() * (CIDR_SIZE - STATIC_BAND - 1));
    const ip = ipString(CIDR_BASE + offset);
    if (!taken.has(ip)) return ip;
  }
}

// Models the NodePort allocator over the default range 30000-32767.
function allocateNodePort(ctx: AdmissionContext, taken: Set<number>): number {
  for (;;) {
    const p = 30000 + Math.floor(ctx.random() * 2768);
    if (!taken.has(p)) { taken.add(p); return p; }
  }
}

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** The Service strategy. */
export const serviceStrategy: KindStrategy = {
  // Models pkg/apis/core/v1 defaults.go SetDefaults_Service.
  default(obj) {
    const svc = deepCopy(m(obj));
    const spec = child(svc, 'spec');
    setDefault(spec, 'sessionAffinity', 'None');
    setDefault(spec, 'type', 'ClusterIP');
    for (const p of asMaps(spec.ports)) {
      setDefault(p, 'protocol', 'TCP');
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    const type = str(spec, 'type');
    if (type === 'NodePort' || type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
    if (type !== 'ExternalName') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
    if (spec.sessionAffinity === 'ClientIP') {
      const cfg = child(child(spec, 'sessionAffinityConfig'), 'clientIP');
      if (cfg.timeoutSeconds === undefined) cfg.timeoutSeconds = 10800;
    }
    return svc as unknown as KObject;
  },
  // Models the service REST create path: cluster IPs, IP families, node ports, empty status.
  prepareForCreate(obj, ctx) {
    const svc = deepCopy(m(obj));
    const spec = child(svc, 'spec');
    svc.status = { loadBalancer: {} };
    if (spec.type === 'ExternalName') return svc as unknown as KObject;
    const ip = str(spec, 'clusterIP') || (Array.isArray(spec.clusterIPs) ? String(spec.clusterIPs[0] ?? '') : '') || allocateClusterIP(ctx);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    if (!Array.isArray(spec.ipFamilies) || !spec.ipFamilies.length) spec.ipFamilies = ['IPv4'];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const taken = new Set<number>();
      for (const s of ctx.list('Service')) for (const p of asMaps(asMap(m(s).spec)?.ports)) if (typeof p.nodePort === 'number') taken.add(p.nodePort);
      for (const p of asMaps(spec.ports)) if (!p.nodePort) p.nodePort = allocateNodePort(ctx, taken);
    }
    return svc as unknown as KObject;
  },
  // Models pkg/registry/core/service/storage beginUpdate: patchAllocatedValues, then normalizeClusterIPs.
  prepareForUpdate(obj, old) {
    const svc = deepCopy(m(obj));
    svc.status = deepCopy(m(old).status);
    const spec = child(svc, 'spec'), oldSpec = asMap(m(old).spec) ?? {};
    // An update that leaves the cluster IP out keeps the allocated one, unless either side is an ExternalName.
    if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
      if (!str(spec, 'clusterIP')) spec.clusterIP = deepCopy(oldSpec.clusterIP);
      if (!ipsOf(spec).length && ipsOf(oldSpec).length) spec.clusterIPs = deepCopy(oldSpec.clusterIPs);
      for (const k of ['ipFamilies', 'ipFamilyPolicy']) if (spec[k] === undefined) spec[k] = deepCopy(oldSpec[k]);
    }
    normalizeClusterIPs(spec, oldSpec);
    return svc as unknown as KObject;
  },
  validateCreate(obj) {
    const svc = m(obj);
    return [...validateObjectMeta(asMap(svc.metadata) as never, isDNS1035Label), ...validateServiceSpec(asMap(svc.spec) ?? {})];
  },
  // Models core/validation ValidateServiceUpdate: the cluster IP checks come before ValidateService's.
  validateUpdate(obj, old) {
    const spec = asMap(m(obj).spec) ?? {}, oldSpec = asMap(m(old).spec) ?? {};
    return [...validateUpgradeDowngradeClusterIPs(spec, oldSpec), ...validateServiceSpec(spec)];
  },
};

const needsClusterIP = (spec: JsonMap): boolean => spec.type !== 'ExternalName';
const ipsOf = (spec: JsonMap): string[] => (Array.isArray(spec.clusterIPs) ? spec.clusterIPs as string[] : []);
const sameIPs = (a: JsonMap, b: JsonMap): boolean => {
  const x = ipsOf(a), y = ipsOf(b);
  return x.length === y.length && x.every((ip, i) => ip === y[i]);
};

/**
 * Models pkg/registry/core/service/storage normalizeClusterIPs on update: keeps clusterIPs in step with a
 * changed clusterIP, so that a client which only knows the singular field (a three-way patch of `clusterIP: None`
 * onto an allocated Service, say) has its change reach clusterIPs, where validation then refuses it.
 */
export function normalizeClusterIPs(spec: JsonMap, oldSpec: JsonMap): void {
  const ip = str(spec, 'clusterIP'), oldIP = str(oldSpec, 'clusterIP');
  // An old client that sent no clusterIPs but the same clusterIP keeps the stored list.
  if (ipsOf(oldSpec).length && !ipsOf(spec).length && ip === oldIP) spec.clusterIPs = deepCopy(oldSpec.clusterIPs);
  if (ip === oldIP || !sameIPs(spec, oldSpec)) return;
  // The singular field changed and the plural did not: a clear clears both, a new value becomes the list.
  if (oldIP && !ip) delete spec.clusterIPs;
  else spec.clusterIPs = [ip];
}

// Models core/validation validateUpgradeDowngradeClusterIPs for a single-stack cluster: the primary cluster IP
// never changes, except to or from an ExternalName and between two headless forms. The value shown is the whole
// new list.
function validateUpgradeDowngradeClusterIPs(spec: JsonMap, oldSpec: JsonMap): StatusCause[] {
  if (!needsClusterIP(spec) || !needsClusterIP(oldSpec)) return [];
  const headless = (s: JsonMap) => ipsOf(s).length === 1 && ipsOf(s)[0] === 'None';
  if (headless(spec) && headless(oldSpec)) return [];
  const before = ipsOf(oldSpec), now = ipsOf(spec);
  const value = spec.clusterIPs ?? null;
  if (before.length === now.length) {
    return before.flatMap((ip, i) => (ip === now[i] ? [] : [invalid(`spec.clusterIPs[${i}]`, value, 'may not change once set')]));
  }
  if (before.length > now.length && !now.length) return [invalid('spec.clusterIPs[0]', value, 'primary clusterIP can not be unset')];
  if (before.length && now.length && before[0] !== now[0]) return [invalid('spec.clusterIPs[0]', value, 'may not change once set')];
  return [];
}

// Models core/validation ValidateService (ports and type).
function validateServiceSpec(spec: JsonMap): StatusCause[] {
  const out: StatusCause[] = [];
  const type = str(spec, 'type');
  if (!TYPES.includes(type)) out.push(notSupported('spec.type', type, TYPES));
  const ports = asMaps(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (type !== 'ExternalName' && !headless && ports.length === 0) out.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    const name = str(p, 'name');
    if (ports.length > 1 && !name) out.push(required(`${at}.name`));
    if (name && names.has(name)) out.push(duplicate(`${at}.name`, name));
    names.add(name);
    const port = Number(p.port ?? 0);
    if (port < 1 || port > 65535) out.push(invalid(`${at}.port`, port, 'must be between 1 and 65535, inclusive'));
    const proto = str(p, 'protocol');
    if (!['TCP', 'UDP', 'SCTP'].includes(proto)) out.push(notSupported(`${at}.protocol`, proto, ['SCTP', 'TCP', 'UDP']));
  });
  return out;
}
