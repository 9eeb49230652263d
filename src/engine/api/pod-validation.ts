// Validation of a PodSpec as the API server applies it to Pods (pkg/apis/core/validation ValidatePodSpec),
// limited to the fields the playground exercises: volumes, containers, ports, mounts, resources, policies,
// hostname and subdomain. StatefulSet templates are NOT validated this way upstream (pods fail instead).
import { duplicate, forbidden, invalid, notFound, notSupported, required, validateNonnegative } from './field-errors.ts';
import { asMap, asMaps, str } from './json-util.ts';
import { canonicalQuantity, compareQuantity, parseQuantity } from './quantity.ts';
import type { JsonMap, StatusCause } from './types.ts';
import { isDNS1123Label, isQualifiedName, passes, validateWith } from './validation-names.ts';
import { stringMemo } from './memo.ts';

const PORT_RANGE = 'must be between 1 and 65535, inclusive';
// The supported values, built once (not per container or port).
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'], PROTOCOLS_SORTED = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

// Appends without a spread call (most lists are empty).
function append(out: StatusCause[], more: readonly StatusCause[]): void {
  for (let i = 0; i < more.length; i++) out.push(more[i]);
}

/** Problems with a port name (every failed IANA service-name rule's message). Models validation.IsValidPortName. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

// Port names already found valid (a template's few names, on every pod) skip the five checks.
const isValidPortName = stringMemo((name) => portNameErrors(name).length === 0);

// Models validateContainerPorts.
function validatePorts(ports: JsonMap[], path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `${path}[${i}]`;
    const name = str(p, 'name');
    if (name) {
      if (!isValidPortName(name)) for (const m of portNameErrors(name)) out.push(invalid(`${at}.name`, name, m));
      if (names.has(name)) out.push(duplicate(`${at}.name`, name));
      names.add(name);
    }
    const cp = Number(p.containerPort ?? 0);
    if (cp === 0) out.push(required(`${at}.containerPort`));
    else if (cp < 1 || cp > 65535) out.push(invalid(`${at}.containerPort`, cp, PORT_RANGE));
    const hp = Number(p.hostPort ?? 0);
    if (hp !== 0 && (hp < 1 || hp > 65535)) out.push(invalid(`${at}.hostPort`, hp, PORT_RANGE));
    const proto = str(p, 'protocol');
    if (!proto) out.push(required(`${at}.protocol`));
    else if (!PROTOCOLS.includes(proto)) out.push(notSupported(`${at}.protocol`, proto, PROTOCOLS_SORTED));
  });
  return out;
}

// Models ValidateVolumeMounts (name, mountPath, uniqueness).
function validateMounts(mounts: JsonMap[], volumes: ReadonlySet<string>, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const at = `${path}[${i}]`;
    const name = str(m, 'name');
    if (!name) out.push(required(`${at}.name`));
    if (!volumes.has(name)) out.push(notFound(`${at}.name`, name));
    const mp = str(m, 'mountPath');
    if (!mp) out.push(required(`${at}.mountPath`));
    if (paths.has(mp)) out.push(invalid(`${at}.mountPath`, mp, 'must be unique'));
    paths.add(mp);
  });
  return out;
}

// Models ValidateResourceRequirements: values are quantities ≥ 0 and each request ≤ its limit.
function validateResources(res: JsonMap | undefined, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const limits = asMap(res?.limits) ?? {}, requests = asMap(res?.requests) ?? {};
  for (const [kind, list] of [['limits', limits], ['requests', requests]] as const) {
    for (const k of Object.keys(list).sort()) {
      const q = parseQuantity(String(list[k]));
      if (q.ok && q.q.num < 0n) out.push(invalid(`${path}.${kind}[${k}]`, String(list[k]), 'must be greater than or equal to 0'));
    }
  }
  for (const k of Object.keys(requests).sort()) {
    if (limits[k] === undefined) continue;
    const r = parseQuantity(String(requests[k])), l = parseQuantity(String(limits[k]));
    if (r.ok && l.ok && compareQuantity(r.q, l.q) > 0) {
      out.push(invalid(`${path}.requests`, String(requests[k]), `must be less than or equal to ${k} limit of ${String(limits[k])}`));
    }
  }
  return out;
}

// Models ValidateEnv with RelaxedEnvironmentVariableValidation (GA): a name of printable ASCII other than `=`.
const ENV_NAME = /^[ -<>-~]+$/;
const ENV_NAME_ERROR = "a valid environment variable name must consist only of printable ASCII characters other than '='";
// validEnvDownwardAPIFieldPathExpressions, sorted as the error lists them.
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
// The field labels a v1 Pod converts (pods.ConvertDownwardAPIFieldLabel); spec.host is the old name of spec.nodeName.
const POD_FIELD_LABELS = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
// validContainerResourceFieldPathExpressions, sorted; and the divisors each resource takes.
const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTE_DIVISOR_TEXT = `only divisor's values ${BYTE_DIVISORS.join(', ')} are supported with the`;

// Models validateObjectFieldSelector for an env var: a v1 field label; a label or annotation by a valid key, or one
// of the env's field paths.
function validateFieldRef(ref: JsonMap, at: string): StatusCause[] {
  const version = str(ref, 'apiVersion'), path = str(ref, 'fieldPath');
  if (!version) return [required(`${at}.apiVersion`)];
  if (!path) return [required(`${at}.fieldPath`)];
  const sub = /^(.+?)\['(.*)'\]$/s.exec(path);
  let converted: string | undefined;
  if (version !== 'v1') converted = `unsupported pod version: ${version}`;
  else if (sub && sub[1] !== 'metadata.annotations' && sub[1] !== 'metadata.labels') converted = `field label does not support subscript: ${path}`;
  else if (!sub && !POD_FIELD_LABELS.has(path) && path !== 'spec.host') converted = `field label not supported: ${path}`;
  if (converted) return [invalid(`${at}.fieldPath`, path, `error converting fieldPath: ${converted}`)];
  if (sub) return validateWith(isQualifiedName, sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2], at);
  const internal = path === 'spec.host' ? 'spec.nodeName' : path;
  return ENV_FIELD_PATHS.includes(internal) ? [] : [notSupported(`${at}.fieldPath`, internal, ENV_FIELD_PATHS)];
}

// Models validateContainerResourceFieldSelector and validateContainerResourceDivisor (hugepages aside).
function validateResourceFieldRef(ref: JsonMap, at: string): StatusCause[] {
  const resource = str(ref, 'resource');
  if (!resource) return [required(`${at}.resource`)];
  const out: StatusCause[] = [];
  if (!RESOURCE_FIELDS.includes(resource)) out.push(notSupported(`${at}.resource`, resource, RESOURCE_FIELDS));
  const divisor = ref.divisor === undefined || ref.divisor === null ? undefined : canonicalQuantity(ref.divisor as string | number);
  if (divisor === undefined || divisor === null || divisor === '0') return out;
  if (resource.endsWith('.cpu') && divisor !== '1m' && divisor !== '1') {
    out.push(invalid(`${at}.divisor`, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
  } else if (resource.endsWith('.memory') && !BYTE_DIVISORS.includes(divisor)) {
    out.push(invalid(`${at}.divisor`, resource, `${BYTE_DIVISOR_TEXT} memory resource`));
  } else if (resource.endsWith('.ephemeral-storage') && !BYTE_DIVISORS.includes(divisor)) {
    out.push(invalid(`${at}.divisor`, resource, `${BYTE_DIVISOR_TEXT} local ephemeral storage resource`));
  }
  return out;
}

// Models ValidateEnv and validateEnvVarValueFrom: each entry named, and a value or exactly one source.
function validateEnv(env: JsonMap[], path: string): StatusCause[] {
  const out: StatusCause[] = [];
  env.forEach((e, i) => {
    const at = `${path}[${i}]`;
    const name = str(e, 'name');
    if (!name) out.push(required(`${at}.name`));
    else if (!ENV_NAME.test(name)) out.push(invalid(`${at}.name`, name, ENV_NAME_ERROR));
    const from = asMap(e.valueFrom);
    if (!from) return;
    const vf = `${at}.valueFrom`;
    let sources = 0;
    const fieldRef = asMap(from.fieldRef), resourceRef = asMap(from.resourceFieldRef);
    if (fieldRef) { sources++; append(out, validateFieldRef(fieldRef, `${vf}.fieldRef`)); }
    if (resourceRef) { sources++; append(out, validateResourceFieldRef(resourceRef, `${vf}.resourceFieldRef`)); }
    for (const k of ['configMapKeyRef', 'secretKeyRef', 'fileKeyRef']) if (asMap(from[k])) sources++;
    if (str(e, 'value')) {
      if (sources) out.push(invalid(vf, '', 'may not be specified when `value` is not empty'));
    } else if (sources !== 1) out.push(invalid(vf, '', 'may not have more than one field specified at a time'));
  });
  return out;
}

const PORT_NUM_OR_NAME = (port: unknown, at: string): StatusCause[] => {
  if (typeof port === 'string') return portNameErrors(port).map((m) => invalid(at, port, m));
  const n = typeof port === 'number' ? port : 0;
  return n >= 1 && n <= 65535 ? [] : [invalid(at, n, PORT_RANGE)];
};
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const HEADER_NAME = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";

// Models validateHandler for a probe: exactly one of exec, httpGet, tcpSocket and grpc, each checked.
function validateProbeHandler(probe: JsonMap, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  let handlers = 0;
  for (const name of ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const) {
    const h = asMap(probe[name]);
    if (!h) continue;
    const at = `${path}.${name}`;
    if (handlers++ > 0) { out.push(forbidden(at, 'may not specify more than 1 handler type')); continue; }
    if (name === 'exec' && !(Array.isArray(h.command) && h.command.length)) out.push(required(`${at}.command`));
    if (name === 'httpGet') {
      if (!str(h, 'path')) out.push(required(`${at}.path`));
      append(out, PORT_NUM_OR_NAME(h.port, `${at}.port`));
      const scheme = str(h, 'scheme');
      if (!HTTP_SCHEMES.includes(scheme)) out.push(notSupported(`${at}.scheme`, scheme, HTTP_SCHEMES));
      for (const header of asMaps(h.httpHeaders)) {
        const hn = str(header, 'name');
        if (!/^[-A-Za-z0-9]+$/.test(hn)) out.push(invalid(`${at}.httpHeaders`, hn, HEADER_NAME));
      }
    }
    if (name === 'tcpSocket') append(out, PORT_NUM_OR_NAME(h.port, `${at}.port`));
    if (name === 'grpc') {
      const port = typeof h.port === 'number' ? h.port : 0;
      if (port < 1 || port > 65535) out.push(invalid(`${at}.port`, port, PORT_RANGE));
    }
  }
  if (handlers === 0) out.push(required(path, 'must specify a handler type'));
  return out;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

// Models validateLivenessProbe, validateReadinessProbe and validateStartupProbe (each over validateProbe).
function validateProbe(probe: JsonMap | undefined, type: 'liveness' | 'readiness' | 'startup', path: string): StatusCause[] {
  if (!probe) return [];
  const out = validateProbeHandler(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    append(out, validateNonnegative(num(probe[f]), `${path}.${f}`));
  }
  const grace = num(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0) out.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'));
  if (type !== 'readiness' && num(probe.successThreshold) !== 1) out.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  if (type === 'readiness' && probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    out.push(invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return out;
}

const PROBES = [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']] as const;

// The probes of a container: checked for a regular container or a sidecar, refused for a classic init container.
function validateProbes(c: JsonMap, at: string, init: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  const sidecar = str(c, 'restartPolicy') === 'Always';
  for (const [field, type] of PROBES) {
    if (init && !sidecar) {
      if (c[field] !== undefined && c[field] !== null) out.push(forbidden(`${at}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
    } else {
      append(out, validateProbe(asMap(c[field]), type, `${at}.${field}`));
    }
  }
  return out;
}

// Models validateContainers / validateContainerCommon for regular and init containers.
function validateContainers(list: JsonMap[], volumes: ReadonlySet<string>, path: string, names: Set<string>, requireSome: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  if (requireSome && list.length === 0) out.push(required(path));
  list.forEach((c, i) => {
    const at = `${path}[${i}]`;
    const name = str(c, 'name');
    if (!name) out.push(required(`${at}.name`));
    else if (!passes(isDNS1123Label, name)) append(out, validateWith(isDNS1123Label, name, `${at}.name`));
    if (name && names.has(name)) out.push(duplicate(`${at}.name`, name));
    names.add(name);
    if (!str(c, 'image')) out.push(required(`${at}.image`));
    append(out, validatePorts(asMaps(c.ports), `${at}.ports`));
    append(out, validateEnv(asMaps(c.env), `${at}.env`));
    append(out, validateMounts(asMaps(c.volumeMounts), volumes, `${at}.volumeMounts`));
    const policy = str(c, 'imagePullPolicy');
    if (!policy) out.push(required(`${at}.imagePullPolicy`));
    else if (!PULL_POLICIES.includes(policy)) out.push(notSupported(`${at}.imagePullPolicy`, policy, PULL_POLICIES));
    append(out, validateResources(asMap(c.resources), `${at}.resources`));
    append(out, validateProbes(c, at, !requireSome));
  });
  return out;
}

// Models ValidateVolumes: each volume named by a DNS-1123 label, names unique, claims named.
function validateVolumes(vols: JsonMap[], path: string): { names: Set<string>; errs: StatusCause[] } {
  const errs: StatusCause[] = [];
  const names = new Set<string>();
  vols.forEach((v, i) => {
    const at = `${path}[${i}]`;
    const name = str(v, 'name');
    if (!name) errs.push(required(`${at}.name`));
    else if (!passes(isDNS1123Label, name)) append(errs, validateWith(isDNS1123Label, name, `${at}.name`));
    if (name && names.has(name)) errs.push(duplicate(`${at}.name`, name));
    else if (name) names.add(name);
    const pvc = asMap(v.persistentVolumeClaim);
    if (pvc && !str(pvc, 'claimName')) errs.push(required(`${at}.persistentVolumeClaim.claimName`));
  });
  return { names, errs };
}

/** Validates a (defaulted) PodSpec at `path` (`spec` for Pods). Models core/validation ValidatePodSpec. */
export function validatePodSpec(spec: JsonMap | undefined, path: string): StatusCause[] {
  const s = spec ?? {};
  const { names: volumes, errs: out } = validateVolumes(asMaps(s.volumes), `${path}.volumes`);
  const names = new Set<string>();
  append(out, validateContainers(asMaps(s.containers), volumes, `${path}.containers`, names, true));
  append(out, validateContainers(asMaps(s.initContainers), volumes, `${path}.initContainers`, names, false));
  const restart = str(s, 'restartPolicy');
  if (!restart) out.push(required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(restart)) out.push(notSupported(`${path}.restartPolicy`, restart, RESTART_POLICIES));
  const dns = str(s, 'dnsPolicy');
  if (!dns) out.push(required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dns)) {
    out.push(notSupported(`${path}.dnsPolicy`, dns, DNS_POLICIES));
  }
  const hostname = str(s, 'hostname'), subdomain = str(s, 'subdomain');
  if (hostname && !passes(isDNS1123Label, hostname)) append(out, validateWith(isDNS1123Label, hostname, `${path}.hostname`));
  if (subdomain && !passes(isDNS1123Label, subdomain)) append(out, validateWith(isDNS1123Label, subdomain, `${path}.subdomain`));
  const ads = s.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647)) {
    out.push(invalid(`${path}.activeDeadlineSeconds`, ads, 'must be between 1 and 2147483647, inclusive'));
  }
  return out;
}
