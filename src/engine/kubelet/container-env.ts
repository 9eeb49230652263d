// The environment the kubelet gives a container, and the downward API values it reads from the pod. Models
// kubelet_pods.go makeEnvironmentVariables, podFieldSelectorRuntimeValue, getServiceEnvVarMap and
// defaultPodLimitsForDownwardAPI; pkg/kubelet/envvars FromServices; pkg/fieldpath ExtractFieldPathAsString,
// SplitMaybeSubscriptedPath and FormatMap; component-helpers' ExtractContainerResourceValue; and the `$(VAR)`
// expansion of third_party/forked/golang/expansion, which the kubelet applies to env values and to a container's
// command and args.
import type { Container, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../store/store.ts';
import type { Service } from '../api/types.ts';
import { parseQuantity, type Quantity } from '../api/quantity.ts';
import { nodeAddress, type ConfigEnv } from './runtime.ts';

/**
 * Expands `$(NAME)` references: a name `lookup` knows becomes its value, an unknown one stays as written, `$$` is a
 * literal `$`, and any other `$` is kept with the character after it. An unclosed `$(` is kept as it is.
 */
export function expandVarRefs(input: string, lookup: (name: string) => string | undefined): string {
  if (!input.includes('$')) return input;
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) { out += ch; continue; }
    const next = input[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) { out += '$('; i++; continue; }
      const name = input.slice(i + 2, close);
      out += lookup(name) ?? `$(${name})`;
      i = close;
      continue;
    }
    out += '$' + next;
    i++;
  }
  return out;
}

/** A field path with a subscript (`metadata.labels['app']`) as its path and key; undefined without one. */
export function splitSubscript(fieldPath: string): { path: string; key: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), key: s.slice(at + 2) };
}

// Go's %q of a label or annotation value (JSON's quoting agrees for the printable text values hold).
const formatMap = (m: Record<string, string> | undefined): string =>
  Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');

/**
 * The pod's own metadata a downward API field path names (`metadata.name`, `.namespace`, `.uid`, `.labels`,
 * `.annotations`, and one label or annotation by key, '' when the pod has none by that key); undefined for a path
 * the kubelet cannot extract. Whole label and annotation maps are `key="value"` lines, sorted by key.
 */
export function metadataFieldValue(pod: Pod, fieldPath: string): string | undefined {
  const m = pod.metadata ?? {};
  const sub = splitSubscript(fieldPath);
  if (sub) {
    if (sub.path === 'metadata.labels') return m.labels?.[sub.key] ?? '';
    if (sub.path === 'metadata.annotations') return m.annotations?.[sub.key] ?? '';
    return undefined;
  }
  switch (fieldPath) {
    case 'metadata.name': return m.name ?? '';
    case 'metadata.namespace': return m.namespace ?? '';
    case 'metadata.uid': return m.uid ?? '';
    case 'metadata.labels': return formatMap(m.labels);
    case 'metadata.annotations': return formatMap(m.annotations);
    default: return undefined;
  }
}

/** An env var's fieldRef value: the pod's node, service account, host and pod IPs, or its metadata. */
export function fieldRefValue(store: ApiStore, pod: Pod, fieldPath: string): string | undefined {
  const hostIP = (): string => {
    const node = pod.spec?.nodeName ? store.get('Node', '', pod.spec.nodeName) : undefined;
    return node ? nodeAddress(node) : '';
  };
  switch (fieldPath) {
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': case 'status.hostIPs': return hostIP();
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((p) => p.ip).join(',');
    default: return metadataFieldValue(pod, fieldPath);
  }
}

const RESOURCE_REF = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/;

/**
 * A resourceFieldRef's value: the container's request or limit over the divisor (1 when unset), rounded up, CPU in
 * cores (millicores with divisor 1m) and memory and storage in bytes. A limit the container does not set is the
 * node's allocatable amount, as the kubelet defaults it for the downward API; an unset request is 0. Undefined for a
 * resource it cannot read.
 */
export function resourceRefValue(store: ApiStore, pod: Pod, container: Container, ref: ResourceFieldSelector): string | undefined {
  const m = RESOURCE_REF.exec(ref.resource);
  if (!m) return undefined;
  const [, list, name] = m as unknown as [string, 'limits' | 'requests', 'cpu' | 'memory' | 'ephemeral-storage'];
  const target = ref.containerName
    ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((ct) => ct.name === ref.containerName)
    : container;
  if (!target) return undefined;
  const parse = (v: unknown): Quantity | undefined => {
    if (v === undefined || v === null) return undefined;
    const r = parseQuantity(v as string | number);
    return r.ok ? r.q : undefined;
  };
  let q = parse(target.resources?.[list]?.[name]);
  if (!q && list === 'limits') q = parse(nodeAllocatableOf(store, pod)?.[name]);
  const scale = name === 'cpu' ? 1000n : 1n;
  // Quantity.MilliValue (cpu) or Value, rounded up as the quantity rounds.
  const units = (x: Quantity | undefined): bigint => {
    if (!x) return 0n;
    const n = x.num * scale;
    return n / x.den + (n % x.den > 0n ? 1n : 0n);
  };
  const d = parse(ref.divisor);
  const per = d && d.num !== 0n ? units(d) : scale;
  if (per <= 0n) return undefined;
  const v = units(q);
  return String(v / per + (v % per > 0n ? 1n : 0n));
}

function nodeAllocatableOf(store: ApiStore, pod: Pod): Record<string, unknown> | undefined {
  const node = pod.spec?.nodeName ? store.get('Node', '', pod.spec.nodeName) : undefined;
  const a = node?.status?.allocatable;
  return (a && Object.keys(a).length ? a : node?.status?.capacity) as Record<string, unknown> | undefined;
}

// A Service name as a variable prefix (envvars makeEnvVariableName).
const envName = (s: string): string => s.toUpperCase().replace(/-/g, '_');

/** The variables of one Service with a cluster IP, in the order FromServices writes them. */
function serviceVars(svc: Service, into: Map<string, string>): void {
  const ip = svc.spec!.clusterIP!;
  const prefix = envName(svc.metadata!.name!);
  const ports = svc.spec?.ports ?? [];
  into.set(`${prefix}_SERVICE_HOST`, ip);
  if (!ports.length) return;
  into.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
  for (const p of ports) if (p.name) into.set(`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
  ports.forEach((p, i) => {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const url = `${proto}://${ip}:${p.port}`;
    if (i === 0) into.set(`${prefix}_PORT`, url);
    const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    into.set(pp, url);
    into.set(`${pp}_PROTO`, proto);
    into.set(`${pp}_PORT`, String(p.port));
    into.set(`${pp}_ADDR`, ip);
  });
}

/**
 * The Service variables of a container (getServiceEnvVarMap): the `kubernetes` Service of the default namespace
 * always, and with enableServiceLinks (the default) every Service of the pod's namespace, each only if it has a
 * cluster IP and existed when the container started.
 */
function serviceEnv(store: ApiStore, pod: Pod, startedAt: string): Map<string, string> {
  const ns = pod.metadata!.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  const master = store.get('Service', 'default', 'kubernetes');
  if (master) chosen.set('kubernetes', master);
  if (links) for (const svc of store.view('Service', ns)) if (!(ns === 'default' && svc.metadata!.name === 'kubernetes')) chosen.set(svc.metadata!.name!, svc);
  const out = new Map<string, string>();
  for (const svc of chosen.values()) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None' || (svc.metadata!.creationTimestamp ?? '') > startedAt) continue;
    serviceVars(svc, out);
  }
  return out;
}

/**
 * The variables the kubelet sets for a container (makeEnvironmentVariables): envFrom's, then env's in order, a later
 * entry replacing an earlier one; a `value` has its `$(NAME)` references to variables declared before it and to the
 * Service variables expanded; then the Service variables no entry replaced. ConfigMap and Secret values are those
 * the container was created with (`configEnv`); an optional reference that found nothing sets nothing. The order of
 * the entries is the declared one (the kubelet hands them over in a Go map's order, which varies).
 */
export function kubeletEnv(store: ApiStore, pod: Pod, container: Container | undefined, startedAt: string, configEnv: ConfigEnv | undefined): Map<string, string> {
  const services = serviceEnv(store, pod, startedAt);
  const vars = new Map<string, string>();
  for (const [k, v] of configEnv?.from ?? []) vars.set(k, v);
  const lookup = (name: string): string | undefined => vars.get(name) ?? services.get(name);
  for (const e of container?.env ?? []) {
    const from = e.valueFrom;
    let value: string | undefined;
    if (e.value) value = expandVarRefs(e.value, lookup);
    else if (!from) value = '';
    else if (from.fieldRef) value = fieldRefValue(store, pod, from.fieldRef.fieldPath) ?? '';
    else if (from.resourceFieldRef) value = container ? resourceRefValue(store, pod, container, from.resourceFieldRef) ?? '' : '';
    else value = configEnv?.refs[e.name];
    if (value !== undefined) vars.set(e.name, value);
  }
  for (const [k, v] of services) if (!vars.has(k)) vars.set(k, v);
  return vars;
}

/** A container's command and args with `$(NAME)` references to its kubelet variables expanded (ExpandContainerCommandAndArgs). */
export function expandedArgv(container: Container | undefined, env: ReadonlyMap<string, string>): string[] {
  const lookup = (name: string): string | undefined => env.get(name);
  return [...(container?.command ?? []), ...(container?.args ?? [])].map((a) => expandVarRefs(a, lookup));
}
