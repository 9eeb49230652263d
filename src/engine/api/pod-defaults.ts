// API defaulting of pod specs (core/v1 defaults.go): what a pod template gets inside a StatefulSet and
// the extra defaults only real Pods get. Works on copies; callers pass already-cloned objects.
import { isMirrorPod } from './pod-util.ts';
import { asMap, asMaps, child, setDefault, str, deepCopy } from './json-util.ts';
import { canonicalQuantity, canonicalResourceList } from './quantity.ts';
import { randomSuffix } from './name-generator.ts';
import type { JsonMap, PodTemplateSpec, ServiceAccount } from './types.ts';

// Models pkg/apis/core/v1 defaults.go SetDefaults_Container (imagePullPolicy): `latest`, or no tag and no
// digest (which the image parser reads as `latest`), means Always; anything else, or an unparsable
// reference, means IfNotPresent.
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const [named, digest] = image.split('@', 2);
  const slash = named.lastIndexOf('/');
  const colon = named.indexOf(':', slash + 1);
  const repo = colon < 0 ? named : named.slice(0, colon);
  const tag = colon < 0 ? '' : named.slice(colon + 1);
  // An unparsable reference (empty, upper case, blanks) yields no tag at all.
  if (!repo || /[A-Z\s]/.test(repo)) return 'IfNotPresent';
  if (tag === 'latest' || (!tag && digest === undefined)) return 'Always';
  return 'IfNotPresent';
}

// Models SetDefaults_HTTPGetAction.
function defaultHandler(h: JsonMap | undefined): void {
  if (!h) return;
  const http = asMap(h.httpGet);
  if (http) {
    setDefault(http, 'path', '/');
    setDefault(http, 'scheme', 'HTTP');
  }
  const grpc = asMap(h.grpc);
  if (grpc && grpc.service === undefined) grpc.service = '';
}

// Models SetDefaults_Probe.
function defaultProbe(p: JsonMap | undefined): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

// A resourceFieldRef's divisor as the API server writes it back: a Quantity that is never omitted, so an unset one
// reads "0" (in revision data too), and a set one in its canonical form.
function defaultDivisor(ref: JsonMap | undefined): void {
  if (!ref) return;
  const d = ref.divisor;
  if (d === undefined || d === null) ref.divisor = '0';
  else if (typeof d === 'string' || typeof d === 'number') ref.divisor = canonicalQuantity(d) ?? d;
}

// Models SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_ObjectFieldSelector and the
// generated defaulter's walk over probes, lifecycle hooks and resource lists.
function defaultContainer(c: JsonMap, hostNetwork: boolean): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(str(c, 'image'));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of asMaps(c.ports)) {
    setDefault(p, 'protocol', 'TCP');
    if (hostNetwork && !p.hostPort) p.hostPort = p.containerPort;
  }
  for (const e of asMaps(c.env)) {
    const ref = asMap(asMap(e.valueFrom)?.fieldRef);
    if (ref) setDefault(ref, 'apiVersion', 'v1');
    defaultDivisor(asMap(asMap(e.valueFrom)?.resourceFieldRef));
  }
  const res = child(c, 'resources');
  if (res.limits) res.limits = canonicalResourceList(asMap(res.limits));
  if (res.requests) res.requests = canonicalResourceList(asMap(res.requests));
  defaultProbe(asMap(c.livenessProbe));
  defaultProbe(asMap(c.readinessProbe));
  defaultProbe(asMap(c.startupProbe));
  const lc = asMap(c.lifecycle);
  if (lc) {
    defaultHandler(asMap(lc.postStart));
    defaultHandler(asMap(lc.preStop));
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

// Looked up by the volume's own few keys rather than reading thirty keys of every volume.
const VOLUME_SOURCE_SET = new Set(VOLUME_SOURCES);
const MODE_SOURCES = ['secret', 'configMap', 'downwardAPI', 'projected'];

function hasVolumeSource(v: JsonMap): boolean {
  for (const k in v) if (VOLUME_SOURCE_SET.has(k) && v[k] !== undefined && v[k] !== null) return true;
  return false;
}

// Models SetDefaults_Volume and the per-source defaults (secret/configMap/downwardAPI/projected modes,
// hostPath type, serviceAccountToken expiry, emptyDir sizeLimit canonical form).
function defaultVolume(v: JsonMap): void {
  if (!hasVolumeSource(v)) v.emptyDir = {};
  for (const k of MODE_SOURCES) {
    const src = asMap(v[k]);
    if (src && src.defaultMode === undefined) src.defaultMode = 420;
  }
  const hp = asMap(v.hostPath);
  if (hp && hp.type === undefined) hp.type = '';
  const ed = asMap(v.emptyDir);
  if (ed?.sizeLimit !== undefined) ed.sizeLimit = canonicalResourceList({ s: ed.sizeLimit })!.s;
  for (const s of asMaps(asMap(v.projected)?.sources)) {
    const sat = asMap(s.serviceAccountToken);
    if (sat && sat.expirationSeconds === undefined) sat.expirationSeconds = 3600;
    for (const item of asMaps(asMap(s.downwardAPI)?.items)) {
      const ref = asMap(item.fieldRef);
      if (ref) setDefault(ref, 'apiVersion', 'v1');
      defaultDivisor(asMap(item.resourceFieldRef));
    }
  }
  for (const item of asMaps(asMap(v.downwardAPI)?.items)) {
    const ref = asMap(item.fieldRef);
    if (ref) setDefault(ref, 'apiVersion', 'v1');
    defaultDivisor(asMap(item.resourceFieldRef));
  }
}

// The container lists of a PodSpec (built once, not per pod).
const ALL_CONTAINER_KEYS = ['initContainers', 'containers', 'ephemeralContainers'];
const CONTAINER_KEYS = ['initContainers', 'containers'];

/**
 * Applies the defaults every PodSpec gets, in templates too (SetDefaults_PodSpec and the nested
 * container/volume/probe defaults). Mutates and returns `spec`.
 */
export function defaultPodSpec(spec: JsonMap): JsonMap {
  // Models pkg/apis/core/v1/defaults.go SetDefaults_PodSpec
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (!asMap(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  setDefault(spec, 'schedulerName', 'default-scheduler');
  const hostNetwork = spec.hostNetwork === true;
  for (const key of ALL_CONTAINER_KEYS) {
    for (const c of asMaps(spec[key])) defaultContainer(c, hostNetwork);
  }
  for (const v of asMaps(spec.volumes)) defaultVolume(v);
  if (asMap(spec.overhead)) spec.overhead = canonicalResourceList(asMap(spec.overhead));
  return spec;
}

/** A defaulted copy of a pod template, as the API server stores it inside a workload. */
export function defaultPodTemplate<T extends PodTemplateSpec | JsonMap>(template: T): T {
  const t = deepCopy(template) as JsonMap;
  defaultPodSpec(child(t, 'spec'));
  return t as T;
}

/** The default tolerations the DefaultTolerationSeconds admission plugin adds to every Pod. */
export const DEFAULT_TOLERATIONS: readonly JsonMap[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/**
 * Defaults only real Pods get: SetDefaults_Pod (requests from limits, enableServiceLinks) and the
 * admission plugins that run on create (ServiceAccount, Priority, DefaultTolerationSeconds).
 * Mutates and returns `pod`.
 */
export function defaultPod(pod: JsonMap, onCreate: boolean): JsonMap {
  const spec = child(pod, 'spec');
  defaultPodSpec(spec);
  // Models pkg/apis/core/v1/defaults.go SetDefaults_Pod: a limit with no request becomes the request.
  for (const key of CONTAINER_KEYS) {
    for (const c of asMaps(spec[key])) {
      const res = child(c, 'resources');
      const limits = asMap(res.limits);
      if (!limits || !Object.keys(limits).length) continue;
      const requests = { ...(asMap(res.requests) ?? {}) };
      for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
      res.requests = requests;
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  return onCreate ? admitPod(pod) : pod;
}

/** Where the ServiceAccount plugin mounts the token, and the prefix of its volume's name. */
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';

function hasTokenMount(mounts: JsonMap[]): boolean {
  for (const vm of mounts) if (vm.mountPath === TOKEN_MOUNT_PATH) return true;
  return false;
}

// Models plugin/pkg/admission/serviceaccount mountServiceAccountToken with bound token volumes: every init and
// regular container without a mount at the token path gets a read-only one of a projected volume (token, the
// cluster CA, the namespace), named `kube-api-access-<5 random>` unless the pod already has such a volume. The
// volume is stored defaulted (mode 420, apiVersion v1), as the API server decodes it back from storage.
function mountServiceAccountToken(spec: JsonMap, random: () => number): void {
  const volumes = asMaps(spec.volumes);
  const existing = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const name = (existing?.name as string | undefined) ?? TOKEN_VOLUME_PREFIX + randomSuffix(random);
  let needed = false;
  for (const key of CONTAINER_KEYS) {
    for (const c of asMaps(spec[key])) {
      const mounts = asMaps(c.volumeMounts);
      if (hasTokenMount(mounts)) continue;
      c.volumeMounts = [...mounts, { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
      needed = true;
    }
  }
  if (existing || !needed) return;
  spec.volumes = [...volumes, {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  }];
}

/**
 * The create-time admission defaults alone (ServiceAccount, Priority, DefaultTolerationSeconds), for a pod
 * whose API defaults are already applied. Mutates and returns `pod`.
 */
export function admitPod(pod: JsonMap, random?: () => number, sa?: ServiceAccount): JsonMap {
  const spec = child(pod, 'spec');
  // Models plugin/pkg/admission/serviceaccount: the `default` account (also shown in the deprecated field). A
  // mirror pod (a static pod as the kubelet shows it) is left as it is.
  if (!isMirrorPod(pod as { metadata?: { annotations?: Record<string, string> } })) {
    if (!spec.serviceAccountName) spec.serviceAccountName = str(spec, 'serviceAccount') || 'default';
    if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
    // The service account mounts its API token unless the pod opts out, or the ServiceAccount does and the pod does
    // not opt in (shouldAutomount). Needs the API server's random source for the volume name.
    const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : sa?.automountServiceAccountToken !== false;
    if (random && automount) mountServiceAccountToken(spec, random);
    // A pod that names no image pull secrets gets its ServiceAccount's.
    if (!asMaps(spec.imagePullSecrets).length && sa?.imagePullSecrets?.length) {
      spec.imagePullSecrets = sa.imagePullSecrets.map((r) => ({ name: r.name ?? '' }));
    }
  }
  // Models plugin/pkg/admission/priority: no default PriorityClass in a kind cluster.
  if (spec.priority === undefined) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
  // Models plugin/pkg/admission/defaulttolerationseconds.
  const tolerations = asMaps(spec.tolerations);
  // A toleration without a key tolerates every taint of its effect, so it counts too.
  const has = (key: string): boolean => tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const added = DEFAULT_TOLERATIONS.filter((t) => !has(t.key as string)).map((t) => ({ ...t }));
  if (added.length) spec.tolerations = [...tolerations, ...added];
  return pod;
}
