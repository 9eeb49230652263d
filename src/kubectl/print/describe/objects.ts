// Describers of StatefulSet, Pod, PersistentVolumeClaim, PersistentVolume, StorageClass, Namespace and
// ServiceAccount, and the DESCRIBERS registry of every describable kind. Each returns flush segments (the Events table
// is aligned separately). Models describe.go StatefulSetDescriber, PodDescriber, PersistentVolumeClaimDescriber,
// PersistentVolumeDescriber, StorageClassDescriber, NamespaceDescriber, ServiceAccountDescriber.
import type { JsonMap, KObject, Kind, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, Secret, ServiceAccount, StatefulSet, StorageClass } from '../../../engine/api/types.ts';
import { selectorString } from '../../../engine/api/labels.ts';
import { parseRfc3339, rfc1123z } from '../../../engine/clock/time.ts';
import type { Cluster } from '../../types.ts';
import { accessModes } from '../columns.ts';
import { since } from '../age.ts';
import { goSort } from '../go-sort.ts';
import { canonicalQuantity } from '../../../engine/api/quantity.ts';
import { podQOSClass } from '../../../engine/api/pod-strategy.ts';
import { annotationsMultiline, controlledByLine, eventsFor, formatLabels, labelsMultiline, podsStatusLine, tolerationsMultiline, withEvents } from './common.ts';
import {
  describeContainers, describePodTemplate, describeResources, describeSeccomp, describeTopologySpreadConstraints, describeVolumes, volumeSource,
} from './template.ts';
import { CONFIG_DESCRIBERS } from './config.ts';
import { NETWORK_DESCRIBERS } from './network.ts';
import { NODE_DESCRIBERS } from './node.ts';
import { POLICY_DESCRIBERS } from './policy.ts';
import { GENERIC_DESCRIBERS } from './generic.ts';
import { WORKLOAD_DESCRIBERS } from './workloads.ts';

const date = (t: string | undefined): string => (t ? rfc1123z(parseRfc3339(t)) : '');

/** A describer: the flush segments of one object's description; `showEvents` false leaves out the Events. */
export type Describer = (c: Cluster, o: KObject, showEvents: boolean) => string[];

function describeStatefulSet(c: Cluster, s: StatefulSet, show: boolean): string[] {
  const m = s.metadata!;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nCreationTimestamp:\t${date(m.creationTimestamp)}\nSelector:\t${selectorString(s.spec?.selector)}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Replicas:\t${s.spec?.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total\nUpdate Strategy:\t${s.spec?.updateStrategy?.type ?? ''}\n`;
  const ru = s.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    t += `  Partition:\t${ru.partition}\n`;
    if (ru.maxUnavailable !== undefined) t += `  MaxUnavailable:\t${ru.maxUnavailable}\n`;
  }
  t += podsStatusLine(c, m.namespace, s.spec?.selector, m.uid);
  t += describePodTemplate(s.spec?.template);
  const vcts = s.spec?.volumeClaimTemplates ?? [];
  if (vcts.length === 0) t += 'Volume Claims:\t<none>\n';
  else {
    t += 'Volume Claims:\n';
    for (const v of vcts) {
      t += `  Name:\t${v.metadata?.name ?? ''}\n  StorageClass:\t${claimClass(v)}\n`;
      t += labelsMultiline('  Labels', v.metadata?.labels) + labelsMultiline('  Annotations', v.metadata?.annotations);
      const storage = v.spec?.resources?.requests?.storage;
      t += `  Capacity:\t${storage === undefined ? '<default>' : (canonicalQuantity(storage) ?? storage)}\n  Access Modes:\t[${(v.spec?.accessModes ?? []).join(' ')}]\n`;
    }
  }
  return withEvents(t, show ? eventsFor(c, s) : null, c.wallNow());
}

function describePod(c: Cluster, p: Pod, show: boolean): string[] {
  const m = p.metadata!;
  const spec = p.spec ?? { containers: [] };
  const st = p.status ?? {};
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n`;
  if (spec.priority !== undefined) t += `Priority:\t${spec.priority}\n`;
  if (spec.priorityClassName) t += `Priority Class Name:\t${spec.priorityClassName}\n`;
  if (spec.runtimeClassName) t += `Runtime Class Name:\t${spec.runtimeClassName}\n`;
  if (spec.serviceAccountName) t += `Service Account:\t${spec.serviceAccountName}\n`;
  t += spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n';
  if (st.startTime) t += `Start Time:\t${date(st.startTime)}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  // The deletion deadline is in the future while the grace period runs, so the age since it is `<invalid>`
  // (HumanDuration of a negative span) until it passes: kubectl prints exactly that.
  if (m.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    t += `Status:\tTerminating (lasts ${since(m.deletionTimestamp, c.wallNow())})\nTermination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`;
  } else t += `Status:\t${st.phase ?? ''}\n`;
  if (st.reason) t += `Reason:\t${st.reason}\n`;
  if (st.message) t += `Message:\t${st.message}\n`;
  t += describeSeccomp(spec.securityContext, '');
  t += `IP:\t${st.podIP ?? ''}\n`;
  t += st.podIPs?.length ? `IPs:\n${st.podIPs.map((i) => `  IP:\t${i.ip}\n`).join('')}` : 'IPs:\t<none>\n';
  t += controlledByLine(p);
  if (st.nominatedNodeName) t += `NominatedNodeName:\t${st.nominatedNodeName}\n`;
  const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] }).resources;
  if (podResources) t += 'Resources:\n' + describeResources(podResources, '  ');
  if (spec.initContainers?.length) t += describeContainers('Init Containers', spec.initContainers, st.initContainerStatuses, '', p);
  t += describeContainers('Containers', spec.containers ?? [], st.containerStatuses, '', p);
  if (spec.ephemeralContainers?.length) t += describeContainers('Ephemeral Containers', spec.ephemeralContainers, st.ephemeralContainerStatuses, '', p);
  if (spec.readinessGates?.length) {
    t += 'Readiness Gates:\n  Type\tStatus\n';
    for (const g of spec.readinessGates) t += `  ${g.conditionType} \t${st.conditions?.find((x) => x.type === g.conditionType)?.status ?? '<none>'} \n`;
  }
  if (st.conditions?.length) t += `Conditions:\n  Type\tStatus\n${st.conditions.map((x) => `  ${x.type} \t${x.status} \n`).join('')}`;
  t += describeVolumes(spec.volumes, '');
  t += `QoS Class:\t${st.qosClass || podQOSClass(spec as unknown as JsonMap)}\n`;
  t += labelsMultiline('Node-Selectors', spec.nodeSelector) + tolerationsMultiline('Tolerations', spec.tolerations);
  t += describeTopologySpreadConstraints(spec.topologySpreadConstraints, '');
  return withEvents(t, show ? eventsFor(c, p) : null, c.wallNow());
}

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** Models storageutil.GetPersistentVolumeClaimClass: the beta annotation, when present, wins over the spec. */
export function claimClass(v: { metadata?: { annotations?: Record<string, string> }; spec?: { storageClassName?: string } }): string {
  const a = v.metadata?.annotations ?? {};
  return Object.hasOwn(a, BETA_CLASS) ? a[BETA_CLASS] : (v.spec?.storageClassName ?? '');
}

// Models describe.go getPodsForPVC: the pods mounting the claim (once per volume that names it), then the
// pods that own it, sorted by name (Go's sort.Slice).
function podsForClaim(c: Cluster, v: PersistentVolumeClaim): Pod[] {
  const m = v.metadata!;
  const nsPods = c.store.list('Pod', m.namespace) as Pod[];
  const pods: Pod[] = [];
  for (const p of nsPods) for (const vol of p.spec?.volumes ?? []) if (vol.persistentVolumeClaim?.claimName === m.name) pods.push(p);
  for (const ref of m.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = nsPods.find((p) => p.metadata?.uid === ref.uid);
    if (owner && !pods.some((p) => p.metadata?.uid === ref.uid)) pods.push(owner);
  }
  return goSort(pods, (a, b) => a.metadata!.name! < b.metadata!.name!);
}

/** Go's zero time.Time in RFC1123Z, as an unset metav1.Time formats. */
const GO_ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

function describePvc(c: Cluster, v: PersistentVolumeClaim, show: boolean): string[] {
  const m = v.metadata!;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nStorageClass:\t${claimClass(v)}\n`;
  t += m.deletionTimestamp ? `Status:\tTerminating (lasts ${since(m.deletionTimestamp, c.wallNow())})\n` : `Status:\t${v.status?.phase ?? ''}\n`;
  t += `Volume:\t${v.spec?.volumeName ?? ''}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Finalizers:\t[${(m.finalizers ?? []).join(' ')}]\n`;
  const bound = !!v.spec?.volumeName;
  const capacity = v.status?.capacity?.storage;
  t += `Capacity:\t${bound ? (capacity === undefined ? '0' : (canonicalQuantity(capacity) ?? capacity)) : ''}\nAccess Modes:\t${bound ? accessModes(v.status?.accessModes) : ''}\n`;
  if (v.spec?.volumeMode) t += `VolumeMode:\t${v.spec.volumeMode}\n`;
  const ds = v.spec?.dataSource;
  if (ds) t += 'DataSource:\n' + (ds.apiGroup !== undefined ? `  APIGroup:\t${ds.apiGroup}\n` : '') + `  Kind:\t${ds.kind}\n  Name:\t${ds.name}\n`;
  const users = podsForClaim(c, v).map((p) => p.metadata!.name!);
  t += users.length ? users.map((u, i) => `${i === 0 ? 'Used By:' : ''}\t${u}\n`).join('') : 'Used By:\t<none>\n';
  const conds = v.status?.conditions ?? [];
  if (conds.length) {
    t += 'Conditions:\n  Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
    const at = (x: string | undefined): string => (x ? date(x) : GO_ZERO_TIME);
    for (const x of conds) t += `  ${x.type} \t${x.status} \t${at(x.lastProbeTime)} \t${at(x.lastTransitionTime)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`;
  }
  return withEvents(t, show ? eventsFor(c, v) : null, c.wallNow());
}

type VolumeNodeAffinity = NonNullable<NonNullable<PersistentVolume['spec']>['nodeAffinity']>;

// Models printVolumeNodeAffinity and printNodeSelectorTermsMultilineWithIndent: one `Term N:` per node selector
// term, its expressions as `key op [v1, v2]` (the operator in lower case) under one another.
function volumeNodeAffinity(affinity: VolumeNodeAffinity | undefined): string {
  if (!affinity?.required) return 'Node Affinity:\t<none>\n';
  let t = 'Node Affinity:\t\n';
  const terms = affinity.required.nodeSelectorTerms ?? [];
  t += terms.length ? '  Required Terms:\t\n' : '  Required Terms:\t<none>\n';
  terms.forEach((term, i) => {
    const reqs = term.matchExpressions ?? [];
    t += `    Term ${i}:\t`;
    if (!reqs.length) { t += '<none>\n'; return; }
    reqs.forEach((r, j) => {
      if (j !== 0) t += '    \t';
      t += `${r.key} ${r.operator.toLowerCase()}${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`;
    });
  });
  return t;
}

// Models describePersistentVolume (the PersistentVolumeDescriber).
function describePv(c: Cluster, v: PersistentVolume, show: boolean): string[] {
  const m = v.metadata!, spec = v.spec ?? {};
  let t = `Name:\t${m.name}\n` + labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Finalizers:\t[${(m.finalizers ?? []).join(' ')}]\nStorageClass:\t${claimClass(v)}\n`;
  t += m.deletionTimestamp ? `Status:\tTerminating (lasts ${since(m.deletionTimestamp, c.wallNow())})\n` : `Status:\t${v.status?.phase ?? ''}\n`;
  t += `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`;
  t += `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\nAccess Modes:\t${accessModes(spec.accessModes)}\n`;
  if (spec.volumeMode) t += `VolumeMode:\t${spec.volumeMode}\n`;
  const capacity = spec.capacity?.storage;
  t += `Capacity:\t${capacity === undefined ? '0' : (canonicalQuantity(capacity) ?? capacity)}\n`;
  t += volumeNodeAffinity(spec.nodeAffinity);
  t += `Message:\t${v.status?.message ?? ''}\nSource:\n` + volumeSource(spec as Parameters<typeof volumeSource>[0]);
  return withEvents(t, show ? eventsFor(c, v) : null, c.wallNow());
}

const DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

// Models describeStorageClass: annotations and parameters on one line each (labels.FormatLabels), and the
// reclaim policy, binding mode and allowed topologies when set.
function describeStorageClass(c: Cluster, sc: StorageClass, show: boolean): string[] {
  const m = sc.metadata!;
  let t = `Name:\t${m.name}\nIsDefaultClass:\t${DEFAULT_CLASS.some((k) => m.annotations?.[k] === 'true') ? 'Yes' : 'No'}\n`;
  t += `Annotations:\t${formatLabels(m.annotations)}\nProvisioner:\t${sc.provisioner}\nParameters:\t${formatLabels(sc.parameters)}\n`;
  t += `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`;
  t += sc.mountOptions?.length ? 'MountOptions:\n' + sc.mountOptions.map((o) => `  ${o}\n`).join('') : 'MountOptions:\t<none>\n';
  if (sc.reclaimPolicy) t += `ReclaimPolicy:\t${sc.reclaimPolicy}\n`;
  if (sc.volumeBindingMode) t += `VolumeBindingMode:\t${sc.volumeBindingMode}\n`;
  // Models printAllowedTopologies: every requirement of a term reads `key in [v1, v2]`.
  if (sc.allowedTopologies) {
    t += sc.allowedTopologies.length ? 'AllowedTopologies:\t\n' : 'AllowedTopologies:\t<none>\n';
    sc.allowedTopologies.forEach((term, i) => {
      const reqs = term.matchLabelExpressions ?? [];
      t += `  Term ${i}:\t` + (reqs.length ? '' : '<none>\n');
      reqs.forEach((r, j) => { t += `${j ? '  \t' : ''}${r.key} in${r.values.length ? ` [${r.values.join(', ')}]` : ''}\n`; });
    });
  }
  return withEvents(t, show ? eventsFor(c, sc) : null, c.wallNow());
}

// Models describeNamespace: its phase and conditions, then (this cluster has neither) the quota and limit lines.
function describeNamespace(_c: Cluster, ns: Namespace): string[] {
  const m = ns.metadata!;
  let t = `Name:\t${m.name}\n` + labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Status:\t${ns.status?.phase ?? ''}\n`;
  const conds = ns.status?.conditions ?? [];
  if (conds.length) {
    t += 'Conditions:\n  Type\tStatus\tLastTransitionTime\tReason\tMessage\n  ----\t------\t------------------\t------\t-------\n';
    for (const x of conds) t += `  ${x.type}\t${x.status}\t${x.lastTransitionTime ? date(x.lastTransitionTime) : GO_ZERO_TIME}\t${x.reason ?? ''}\t${x.message ?? ''}\n`;
  }
  return [t + '\nNo resource quota.\n\nNo LimitRange resource.\n'];
}

// Models ServiceAccountDescriber: its image pull secrets, mountable secrets and token Secrets (of type
// service-account-token, annotated with its name and uid), headers in that (sorted) order, padded alike; a Secret it
// names that is not in its namespace is "(not found)".
function describeServiceAccount(c: Cluster, sa: ServiceAccount, show: boolean): string[] {
  const m = sa.metadata!;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n` + labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  const secrets = c.store.list('Secret', m.namespace) as Secret[];
  const existing = new Set(secrets.map((s) => s.metadata?.name));
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token'
    && (s.metadata?.annotations?.['kubernetes.io/service-account.name'] ?? '') === m.name
    && (s.metadata?.annotations?.['kubernetes.io/service-account.uid'] ?? '') === (m.uid ?? ''));
  const lists: Array<[string, string[]]> = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens.map((s) => s.metadata!.name!)],
  ];
  for (const [header, names] of lists) {
    if (!names.length) { t += `${header}\t<none>\n`; continue; }
    names.forEach((name, i) => { t += `${i ? '                   ' : header}\t${name}${existing.has(name) ? '' : ' (not found)'}\n`; });
  }
  return withEvents(t, show ? eventsFor(c, sa) : null, c.wallNow());
}

/** Describers by kind; kinds without one are not describable here. */
export const DESCRIBERS: Partial<Record<Kind, Describer>> = {
  StatefulSet: (c, o, show) => describeStatefulSet(c, o as StatefulSet, show),
  Pod: (c, o, show) => describePod(c, o as Pod, show),
  PersistentVolumeClaim: (c, o, show) => describePvc(c, o as PersistentVolumeClaim, show),
  PersistentVolume: (c, o, show) => describePv(c, o as PersistentVolume, show),
  StorageClass: (c, o, show) => describeStorageClass(c, o as StorageClass, show),
  Namespace: (c, o) => describeNamespace(c, o as Namespace),
  ServiceAccount: (c, o, show) => describeServiceAccount(c, o as ServiceAccount, show),
  ...CONFIG_DESCRIBERS,
  ...NETWORK_DESCRIBERS,
  ...NODE_DESCRIBERS,
  ...WORKLOAD_DESCRIBERS,
  ...POLICY_DESCRIBERS,
  ...GENERIC_DESCRIBERS,
};
