// The `Pod Template:` block and the container/volume sections shared by describe sts, describe pod and
// rollout history --revision. Models describe.go DescribePodTemplate, describeContainers, describeVolumes.
import type { Pod, PodTemplateSpec } from '../../../engine/api/types.ts';
import { rfc1123z, parseRfc3339 } from '../../../engine/clock/time.ts';
import { canonicalQuantity, parseQuantity, type Quantity } from '../../../engine/api/quantity.ts';
import { selectorString } from '../../../engine/api/labels.ts';
import { goSort } from '../go-sort.ts';
import { labelsMultiline, annotationsMultiline, tolerationsMultiline } from './common.ts';

type PodSpec = NonNullable<Pod['spec']>;
type Container = PodSpec['containers'][number];
type EnvVar = NonNullable<Container['env']>[number];
type Volume = NonNullable<PodSpec['volumes']>[number];
type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];
type ContainerState = NonNullable<ContainerStatus['state']>;
type TopologySpreadConstraint = NonNullable<PodSpec['topologySpreadConstraints']>[number];

const date = (t: string | undefined): string => (t ? rfc1123z(parseRfc3339(t)) : '');
/** A quantity as resource.Quantity's String() prints it (the canonical form). */
const qty = (v: unknown): string => canonicalQuantity(String(v)) ?? String(v);
const bool = (b: boolean | undefined | null): string => (b ? 'true' : 'false');

function describeState(title: string, s: ContainerState | undefined): string {
  if (s?.running) return `    ${title}:\tRunning\n      Started:\t${date(s.running.startedAt)}\n`;
  if (s?.waiting) return `    ${title}:\tWaiting\n` + (s.waiting.reason ? `      Reason:\t${s.waiting.reason}\n` : '');
  if (s?.terminated) {
    const t = s.terminated;
    return `    ${title}:\tTerminated\n` + (t.reason ? `      Reason:\t${t.reason}\n` : '') + (t.message ? `      Message:\t${t.message}\n` : '') +
      `      Exit Code:\t${t.exitCode}\n` + (t.signal ? `      Signal:\t${t.signal}\n` : '') +
      `      Started:\t${date(t.startedAt)}\n      Finished:\t${date(t.finishedAt)}\n`;
  }
  return `    ${title}:\tWaiting\n`;
}

function probe(title: string, p: Container['readinessProbe']): string {
  if (!p) return '';
  let action = 'unknown';
  if (p.exec) action = `exec [${(p.exec.command ?? []).join(' ')}]`;
  else if (p.httpGet) action = `http-get ${p.httpGet.scheme === 'HTTPS' ? 'https' : 'http'}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? '/'}`;
  else if (p.tcpSocket) action = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port}`;
  else if (p.grpc) action = `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''}`;
  return `    ${title}:\t${action} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}\n`;
}

/** Models describeContainerPorts / describeContainerHostPorts: `80/TCP (web)` joined with `, `. */
function ports(c: Container, host: boolean): string {
  return (c.ports ?? []).map((p) => `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ');
}

/** Models describeResources: `Limits:` then `Requests:`, each sorted by resource name. */
export function describeResources(r: Container['resources'], indent: string): string {
  let t = '';
  for (const [name, list] of [['Limits', r?.limits], ['Requests', r?.requests]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length) t += `${indent}${name}:\n${keys.map((k) => `${indent}  ${k}:\t${qty(list![k])}\n`).join('')}`;
  }
  return t;
}

// Models kubectl/pkg/util/resource ExtractContainerResourceValue: the container's request or limit over the
// divisor (1 when unset or zero), rounded up; CPU in millicores, memory and storage in bytes.
function containerResourceValue(ref: NonNullable<NonNullable<EnvVar['valueFrom']>['resourceFieldRef']>, c: Container): string {
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(ref.resource);
  if (!m) return '';
  const parse = (v: unknown): Quantity | null => { const r = parseQuantity(String(v ?? '0')); return r.ok ? r.q : null; };
  const q = parse(c.resources?.[m[1] as 'limits' | 'requests']?.[m[2]]);
  let d = parse(ref.divisor ?? '0');
  if (!q || !d) return '';
  if (d.num === 0n) d = { num: 1n, den: 1n, format: 'DecimalSI' };
  const scale = m[2] === 'cpu' ? 1000n : 1n;
  const ceil = (x: Quantity): bigint => { const n = x.num * scale; return n / x.den + (n % x.den > 0n ? 1n : 0n); };
  return String(Math.ceil(Number(ceil(q)) / Number(ceil(d))));
}

// Models describe.go EnvValueRetriever: kubectl's scheme converts only metadata.name and metadata.namespace
// field paths (the default field-label conversion), so every other fieldRef resolves to ''.
function fieldRefValue(pod: Pod, fieldPath: string): string {
  if (fieldPath === 'metadata.name') return pod.metadata?.name ?? '';
  if (fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

/** Models describeContainerEnvVars; `pod` resolves fieldRefs (absent in a pod template). */
function describeEnv(c: Container, pod: Pod | undefined): string {
  const env = c.env ?? [];
  let t = env.length === 0 ? '    Environment:\t<none>\n' : '    Environment:\n';
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      t += (e.value ?? '').split('\n').map((s, i) => (i === 0 ? `      ${e.name}:\t${s}\n` : `      \t${s}\n`)).join('');
    } else if (from.fieldRef) {
      const value = pod ? fieldRefValue(pod, from.fieldRef.fieldPath) : '';
      t += `      ${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`;
    } else if (from.resourceFieldRef) {
      const r = from.resourceFieldRef.resource;
      let value = containerResourceValue(from.resourceFieldRef, c);
      if (value === '0' && (r === 'limits.cpu' || r === 'limits.memory')) value = 'node allocatable';
      t += `      ${e.name}:\t${value} (${r})\n`;
    } else if (from.secretKeyRef) {
      t += `      ${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${bool(from.secretKeyRef.optional)}\n`;
    } else if (from.configMapKeyRef) {
      t += `      ${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${bool(from.configMapKeyRef.optional)}\n`;
    }
  }
  return t;
}

/** Models describeContainerEnvFrom. */
function describeEnvFrom(c: Container): string {
  if (!c.envFrom?.length) return '';
  let t = '    Environment Variables from:\n';
  for (const e of c.envFrom) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const opt = bool(ref?.optional);
    t += e.prefix ? `      ${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${opt}\n` : `      ${ref?.name ?? ''}\t${from}\tOptional: ${opt}\n`;
  }
  return t;
}

/** Models describeContainerVolumes: mounts sorted by path (Go's sort.Sort), then block devices. */
function describeMounts(c: Container): string {
  const mounts = goSort([...(c.volumeMounts ?? [])], (a, b) => a.mountPath < b.mountPath);
  let t = mounts.length === 0 ? '    Mounts:\t<none>\n' : '    Mounts:\n';
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    t += `      ${m.mountPath} from ${m.name} (${flags.join(',')})\n`;
  }
  if (c.volumeDevices?.length) {
    t += '    Devices:\n';
    for (const d of goSort([...c.volumeDevices], (a, b) => a.devicePath < b.devicePath)) t += `      ${d.devicePath} from ${d.name}\n`;
  }
  return t;
}

/** The seccomp profile lines of a pod (indent '') or a container (indent '    '). */
function seccomp(sc: { seccompProfile?: { type: string; localhostProfile?: string } } | undefined, indent: string): string {
  const p = sc?.seccompProfile;
  if (!p) return '';
  return `${indent}SeccompProfile:\t${p.type}\n` + (p.type === 'Localhost' ? `${indent}${indent ? '  ' : ''}LocalhostProfile:\t${p.localhostProfile ?? ''}\n` : '');
}
export { seccomp as describeSeccomp };

/**
 * Models describeContainers: `space` is '' for pods and '  ' inside a pod template; `pod` (for a pod)
 * resolves the env fieldRefs.
 */
export function describeContainers(label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, space: string, pod?: Pod): string {
  let t = `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`;
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    t += `  ${space ? ' ' : ''}${c.name}:\n`;
    if (st) t += `    Container ID:\t${st.containerID ?? ''}\n`;
    t += `    Image:\t${c.image ?? ''}\n`;
    if (st) t += `    Image ID:\t${st.imageID ?? ''}\n`;
    const p = ports(c, false), hp = ports(c, true);
    t += p.includes(',') ? `    Ports:\t${p}\n` : `    Port:\t${p || '<none>'}\n`;
    t += hp.includes(',') ? `    Host Ports:\t${hp}\n` : `    Host Port:\t${hp || '<none>'}\n`;
    t += seccomp(c.securityContext, '    ');
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if (list?.length) t += `    ${title}:\n${list.flatMap((x) => x.split('\n')).map((x) => `      ${x}\n`).join('')}`;
    }
    if (st) {
      t += describeState('State', st.state);
      if (st.lastState?.terminated) t += describeState('Last State', st.lastState);
      t += `    Ready:\t${st.ready ? 'True' : 'False'}\n    Restart Count:\t${st.restartCount ?? 0}\n`;
    }
    t += describeResources(c.resources, '    ');
    t += probe('Liveness', c.livenessProbe) + probe('Readiness', c.readinessProbe) + probe('Startup', c.startupProbe);
    t += describeEnvFrom(c) + describeEnv(c, pod) + describeMounts(c);
  }
  return t;
}

// Models printCSIPersistentVolumeAttributesMultiline, whose every write carries the 4-space volume indent:
// the values column starts with those spaces too.
function csiAttributes(attrs: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(attrs ?? {}).sort();
  if (keys.length === 0) return '    VolumeAttributes:\t<none>\n';
  return keys.map((k, i) => {
    let line = `${k}=${attrs![k]}`;
    if (line.length > 140) line = line.slice(0, 140) + '...';
    return `${i === 0 ? '    VolumeAttributes:' : '        '}\t    ${line}\n`;
  }).join('');
}

/**
 * The lines under a volume's name, 4 spaces in whatever block (also a PersistentVolume's Source, whose spec holds
 * the same source fields). Models describe.go print*VolumeSource.
 */
export function volumeSource(v: Volume): string {
  const i = '    ';
  if (v.hostPath) return `${i}Type:\tHostPath (bare host directory volume)\n${i}Path:\t${v.hostPath.path}\n${i}HostPathType:\t${v.hostPath.type ?? '<none>'}\n`;
  if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit === undefined ? null : parseQuantity(String(v.emptyDir.sizeLimit));
    const size = limit?.ok && limit.q.num > 0n ? qty(v.emptyDir.sizeLimit) : '<unset>';
    return `${i}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${i}Medium:\t${v.emptyDir.medium ?? ''}\n${i}SizeLimit:\t${size}\n`;
  }
  if (v.gitRepo) return `${i}Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n${i}Repository:\t${v.gitRepo.repository}\n${i}Revision:\t${v.gitRepo.revision ?? ''}\n`;
  if (v.secret) return `${i}Type:\tSecret (a volume populated by a Secret)\n${i}SecretName:\t${v.secret.secretName ?? ''}\n${i}Optional:\t${bool(v.secret.optional)}\n`;
  if (v.configMap) return `${i}Type:\tConfigMap (a volume populated by a ConfigMap)\n${i}Name:\t${v.configMap.name ?? ''}\n${i}Optional:\t${bool(v.configMap.optional)}\n`;
  if (v.nfs) return `${i}Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n${i}Server:\t${v.nfs.server}\n${i}Path:\t${v.nfs.path}\n${i}ReadOnly:\t${bool(v.nfs.readOnly)}\n`;
  if (v.persistentVolumeClaim) {
    return `${i}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${i}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${i}ReadOnly:\t${bool(v.persistentVolumeClaim.readOnly)}\n`;
  }
  if (v.downwardAPI) {
    let t = `${i}Type:\tDownwardAPI (a volume populated by information about the pod)\n${i}Items:\n`;
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) t += `      ${item.fieldRef.fieldPath} -> ${item.path}\n`;
      if (item.resourceFieldRef) t += `      ${item.resourceFieldRef.resource} -> ${item.path}\n`;
    }
    return t;
  }
  if (v.projected) {
    let t = `${i}Type:\tProjected (a volume that contains injected data from multiple sources)\n`;
    for (const s of v.projected.sources ?? []) {
      if (s.secret) t += `${i}SecretName:\t${s.secret.name ?? ''}\n${i}Optional:\t${bool(s.secret.optional)}\n`;
      else if (s.downwardAPI) t += `${i}DownwardAPI:\ttrue\n`;
      else if (s.configMap) t += `${i}ConfigMapName:\t${s.configMap.name ?? ''}\n${i}Optional:\t${bool(s.configMap.optional)}\n`;
      else if (s.serviceAccountToken) t += `${i}TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`;
    }
    return t;
  }
  if (v.csi) {
    return `${i}Type:\tCSI (a Container Storage Interface (CSI) volume source)\n${i}Driver:\t${v.csi.driver}\n${i}FSType:\t${v.csi.fsType ?? ''}\n${i}ReadOnly:\t${bool(v.csi.readOnly)}\n` +
      csiAttributes(v.csi.volumeAttributes);
  }
  const image = (v as { image?: { reference?: string; pullPolicy?: string } }).image;
  if (image) return `${i}Type:\tImage (a container image or OCI artifact)\n${i}Reference:\t${image.reference ?? ''}\n${i}PullPolicy:\t${image.pullPolicy ?? ''}\n`;
  // Sources this playground does not model (ephemeral, cloud disks...) print as upstream's fallback does.
  return '  <unknown>\n';
}

/**
 * Models describeVolumes: `space` is '' for pods and '  ' inside a pod template, where the volume names
 * get one more space but the lines under them keep their 4 spaces.
 */
export function describeVolumes(volumes: PodSpec['volumes'], space: string): string {
  if (!volumes?.length) return `${space}Volumes:\t<none>\n`;
  return `${space}Volumes:\n` + volumes.map((v) => `  ${space ? ' ' : ''}${v.name}:\n${volumeSource(v)}`).join('');
}

/** Models describeTopologySpreadConstraints: sorted by topology key (Go's sort.Slice); nothing when none. */
export function describeTopologySpreadConstraints(tscs: readonly TopologySpreadConstraint[] | undefined, space: string): string {
  if (!tscs?.length) return '';
  const sorted = goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  return sorted.map((c, i) => {
    const sel = c.labelSelector ? ` for selector ${selectorString(c.labelSelector) || '<none>'}` : '';
    return `${i === 0 ? `${space}Topology Spread Constraints:` : space}\t${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded${sel}\n`;
  }).join('');
}

/** Models DescribePodTemplate: the `Pod Template:` block. */
export function describePodTemplate(template: PodTemplateSpec | undefined): string {
  if (!template) return 'Pod Template:\n  <unset>';
  const spec = template.spec ?? { containers: [] };
  let t = 'Pod Template:\n' + labelsMultiline('  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) t += annotationsMultiline('  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) t += `  Service Account:\t${spec.serviceAccountName}\n`;
  if (spec.initContainers?.length) t += describeContainers('Init Containers', spec.initContainers, undefined, '  ');
  t += describeContainers('Containers', spec.containers ?? [], undefined, '  ');
  t += describeVolumes(spec.volumes, '  ');
  t += describeTopologySpreadConstraints(spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) t += `  Priority Class Name:\t${spec.priorityClassName}\n`;
  t += labelsMultiline('  Node-Selectors', spec.nodeSelector);
  t += tolerationsMultiline('  Tolerations', spec.tolerations);
  return t;
}
