// The table columns of every served kind, normal and wide. Models the print handlers of
// pkg/printers/internalversion/printers.go (printStatefulSet, printPod, printPersistentVolumeClaim …).
import type { KObject, Kind, KindMap, OwnerReference } from '../../engine/api/types.ts';
import { labelsString, selectorString } from '../../engine/api/labels.ts';
import { since } from './age.ts';
import { podCells } from './status.ts';

/** A kind's headers and how one object becomes its cells (NAME first). */
export interface KindColumns {
  headers: string[];
  wideHeaders: string[];
  /** All headers of the wide table, for a kind whose wide columns are not simply appended (Event). */
  wideTable?: string[];
  /**
   * The index, in the wide cells, of the column the `kind/` prefix goes on (the one the server marks as the name
   * column) when it is not the first; `null` when that column is hidden without -o wide (Event's NAME).
   */
  nameColumn?: { wide: number; normal: number | null };
  cells(o: KObject, wallNowMs: number, wide: boolean): string[];
}

const age = (o: KObject, now: number): string => since(o.metadata?.creationTimestamp, now);
const orNone = (s: string | undefined): string => (s ? s : '<none>');

/** Models printers.go layoutContainerCells. */
function containerCells(containers: ReadonlyArray<{ name: string; image?: string }> | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

const MODE_ABBR: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** Models storageutil.GetAccessModesAsString: fixed order RWO,ROX,RWX,RWOP, de-duplicated. */
export function accessModes(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'].filter((m) => set.has(m)).map((m) => MODE_ABBR[m]).join(',');
}

/** `statefulset.apps/web` from a controller owner reference. */
function controllerOf(refs: readonly OwnerReference[] | undefined): string {
  const c = (refs ?? []).find((r) => r.controller);
  if (!c) return '<none>';
  const group = c.apiVersion.includes('/') ? c.apiVersion.split('/')[0] : '';
  return `${c.kind.toLowerCase()}${group ? `.${group}` : ''}/${c.name}`;
}

/** Models Go's net.JoinHostPort: an IPv6 address is bracketed. */
const joinHostPort = (host: string, port: number | undefined): string => `${host.includes(':') ? `[${host}]` : host}:${port ?? 0}`;

/** Models printers.go formatEndpoints (no port filter). */
function formatEndpoints(ep: KindMap['Endpoints']): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addrs.length;
      for (const a of addrs) { if (list.length === 3) { more = true; break; } list.push(a.ip); }
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) { if (list.length === 3) { more = true; break; } list.push(joinHostPort(a.ip, p.port)); }
    }
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

/** Models printers.go formatDiscoveryPorts / formatDiscoveryEndpoints. */
function discoveryList(items: string[]): string {
  if (items.length === 0) return '<unset>';
  return items.length > 3 ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...` : items.join(',');
}

/** Models printers.go printNode STATUS: `Ready`, `NotReady` for any other status of the condition (Unknown too), `Unknown` without it. */
function nodeStatus(n: KindMap['Node']): string {
  // The last Ready condition wins, as in printNode's condition map.
  const ready = (n.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(n: KindMap['Node']): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) { const r = k.slice('node-role.kubernetes.io/'.length); if (r) roles.add(r); }
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

/** A storage quantity as Quantity.String() prints it; a missing one is the zero quantity, `0`. */
const storage = (m: Record<string, string> | undefined): string => m?.storage ?? '0';

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** Models pkg/apis/core/helper GetPersistentVolumeClaimClass / GetPersistentVolumeClass: the beta annotation, when present, wins. */
function storageClassOf(annotations: Record<string, string> | undefined, specClass: string | undefined): string {
  const a = annotations ?? {};
  return Object.hasOwn(a, BETA_CLASS) ? a[BETA_CLASS] : (specClass ?? '');
}

// The CONTAINERS, IMAGES and SELECTOR cells -o wide adds for a workload (printDaemonSet, printDeployment, printReplicaSet).
function workloadWide(o: KindMap['DaemonSet'] | KindMap['Deployment'] | KindMap['ReplicaSet']): string[] {
  return [...containerCells(o.spec?.template?.spec?.containers), selectorString(o.spec?.selector)];
}

export const COLUMNS: Record<Kind, KindColumns> = {
  // Models printPodDisruptionBudget: N/A for the bound that is not set.
  PodDisruptionBudget: {
    headers: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'], wideHeaders: [],
    cells: (o, now) => {
      const p = o as KindMap['PodDisruptionBudget'];
      const bound = (v: number | string | undefined) => (v === undefined || v === null ? 'N/A' : String(v));
      return [p.metadata!.name!, bound(p.spec?.minAvailable), bound(p.spec?.maxUnavailable), String(p.status?.disruptionsAllowed ?? 0), age(o, now)];
    },
  },
  DaemonSet: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    cells: (o, now, wide) => {
      const d = o as KindMap['DaemonSet'];
      const st = d.status;
      const row = [d.metadata!.name!, String(st?.desiredNumberScheduled ?? 0), String(st?.currentNumberScheduled ?? 0), String(st?.numberReady ?? 0),
        String(st?.updatedNumberScheduled ?? 0), String(st?.numberAvailable ?? 0), labelsString(d.spec?.template?.spec?.nodeSelector) || '<none>', age(o, now)];
      return wide ? [...row, ...workloadWide(d)] : row;
    },
  },
  Deployment: {
    headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    cells: (o, now, wide) => {
      const d = o as KindMap['Deployment'];
      const row = [d.metadata!.name!, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), age(o, now)];
      return wide ? [...row, ...workloadWide(d)] : row;
    },
  },
  ReplicaSet: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    cells: (o, now, wide) => {
      const r = o as KindMap['ReplicaSet'];
      const row = [r.metadata!.name!, String(r.spec?.replicas ?? 0), String(r.status?.replicas ?? 0), String(r.status?.readyReplicas ?? 0), age(o, now)];
      return wide ? [...row, ...workloadWide(r)] : row;
    },
  },
  StatefulSet: {
    headers: ['NAME', 'READY', 'AGE'], wideHeaders: ['CONTAINERS', 'IMAGES'],
    cells: (o, now, wide) => {
      const s = o as KindMap['StatefulSet'];
      const row = [s.metadata!.name!, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, age(o, now)];
      return wide ? [...row, ...containerCells(s.spec?.template?.spec?.containers)] : row;
    },
  },
  Pod: {
    headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    cells: (o, now, wide) => {
      const p = o as KindMap['Pod'];
      const c = podCells(p, now);
      const row = [p.metadata!.name!, c.ready, c.status, c.restarts, age(o, now)];
      if (!wide) return row;
      const gates = p.spec?.readinessGates ?? [];
      const gatesCell = gates.length
        ? `${gates.filter((g) => (p.status?.conditions ?? []).find((c2) => c2.type === g.conditionType)?.status === 'True').length}/${gates.length}`
        : '<none>';
      return [...row, orNone(p.status?.podIPs?.[0]?.ip), orNone(p.spec?.nodeName), orNone(p.status?.nominatedNodeName), gatesCell];
    },
  },
  PersistentVolumeClaim: {
    headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'], wideHeaders: ['VOLUMEMODE'],
    cells: (o, now, wide) => {
      const c = o as KindMap['PersistentVolumeClaim'];
      const phase = c.metadata?.deletionTimestamp ? 'Terminating' : (c.status?.phase ?? '');
      const bound = !!c.spec?.volumeName;
      const vac = (c.spec as { volumeAttributesClassName?: string } | undefined)?.volumeAttributesClassName;
      const row = [c.metadata!.name!, phase, c.spec?.volumeName ?? '', bound ? storage(c.status?.capacity) : '', bound ? accessModes(c.status?.accessModes) : '',
        storageClassOf(c.metadata?.annotations, c.spec?.storageClassName), vac ?? '<unset>', age(o, now)];
      return wide ? [...row, c.spec?.volumeMode ?? '<unset>'] : row;
    },
  },
  PersistentVolume: {
    headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'], wideHeaders: ['VOLUMEMODE'],
    cells: (o, now, wide) => {
      const v = o as KindMap['PersistentVolume'];
      const ref = v.spec?.claimRef;
      const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
      const phase = v.metadata?.deletionTimestamp ? 'Terminating' : (v.status?.phase ?? '');
      const vac = (v.spec as { volumeAttributesClassName?: string } | undefined)?.volumeAttributesClassName;
      const row = [v.metadata!.name!, storage(v.spec?.capacity), accessModes(v.spec?.accessModes), v.spec?.persistentVolumeReclaimPolicy ?? '', phase, claim,
        storageClassOf(v.metadata?.annotations, v.spec?.storageClassName), vac ?? '<unset>', v.status?.reason ?? '', age(o, now)];
      return wide ? [...row, v.spec?.volumeMode ?? '<unset>'] : row;
    },
  },
  Service: {
    headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], wideHeaders: ['SELECTOR'],
    cells: (o, now, wide) => {
      const s = o as KindMap['Service'];
      const type = s.spec?.type ?? 'ClusterIP';
      const ext = type === 'ExternalName' ? (s.spec?.externalName ?? '') : (s.spec?.externalIPs?.length ? s.spec.externalIPs.join(',') : type === 'LoadBalancer' ? '<pending>' : '<none>');
      const ports = (s.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
      const row = [s.metadata!.name!, type, s.spec?.clusterIPs?.[0] ?? s.spec?.clusterIP ?? '<none>', ext, ports || '<none>', age(o, now)];
      return wide ? [...row, labelsString(s.spec?.selector) || '<none>'] : row;
    },
  },
  Endpoints: {
    headers: ['NAME', 'ENDPOINTS', 'AGE'], wideHeaders: [],
    cells: (o, now) => [o.metadata!.name!, formatEndpoints(o as KindMap['Endpoints']), age(o, now)],
  },
  EndpointSlice: {
    headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], wideHeaders: [],
    cells: (o, now) => {
      const e = o as KindMap['EndpointSlice'];
      // A port without a number shows its name, or `*` without one either.
      const ports = discoveryList((e.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'))));
      const eps = discoveryList((e.endpoints ?? []).flatMap((x) => x.addresses ?? []));
      return [e.metadata!.name!, e.addressType ?? '', ports, eps, age(o, now)];
    },
  },
  ControllerRevision: {
    headers: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'], wideHeaders: [],
    cells: (o, now) => {
      const r = o as KindMap['ControllerRevision'];
      return [r.metadata!.name!, controllerOf(r.metadata?.ownerReferences), String(r.revision ?? 0), age(o, now)];
    },
  },
  // Models printEvent: wide adds SUBOBJECT (the field path) and SOURCE (formatEventSource: component, then
  // `, host` when there is one; the reporting controller and instance stand in for empty ones) before MESSAGE,
  // and FIRST SEEN, COUNT (1 when unset) and NAME after it.
  Event: {
    headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], wideHeaders: [],
    wideTable: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
    nameColumn: { wide: 9, normal: null },
    cells: (o, now, wide) => {
      const e = o as KindMap['Event'];
      const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
      // An events.k8s.io series counts and dates the repeats; a singleton of the new API has no count.
      const last = e.series ? since(e.series.lastObservedTime, now) : e.lastTimestamp ? since(e.lastTimestamp, now) : first;
      const count = e.series ? e.series.count ?? 0 : e.count || 1;
      const inv = e.involvedObject;
      const target = inv.name ? `${(inv.kind ?? '').toLowerCase()}/${inv.name}` : (inv.kind ?? '').toLowerCase();
      const message = (e.message ?? '').trim();
      if (!wide) return [last, e.type ?? '', e.reason ?? '', target, message];
      const component = e.source?.component || e.reportingComponent || '';
      const host = e.source?.host || e.reportingInstance || '';
      const source = host ? `${component}, ${host}` : component;
      return [last, e.type ?? '', e.reason ?? '', target, inv.fieldPath ?? '', source, message, first, String(count), e.metadata!.name!];
    },
  },
  Node: {
    headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    cells: (o, now, wide) => {
      const n = o as KindMap['Node'];
      const row = [n.metadata!.name!, nodeStatus(n), nodeRoles(n), age(o, now), n.status?.nodeInfo?.kubeletVersion ?? ''];
      if (!wide) return row;
      const addr = (t: string): string => (n.status?.addresses ?? []).find((a) => a.type === t)?.address ?? '<none>';
      const info = n.status?.nodeInfo;
      return [...row, addr('InternalIP'), addr('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>'];
    },
  },
  StorageClass: {
    headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'], wideHeaders: [],
    cells: (o, now) => {
      const s = o as KindMap['StorageClass'];
      const a = s.metadata?.annotations ?? {};
      const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      return [`${s.metadata!.name!}${isDefault ? ' (default)' : ''}`, s.provisioner ?? '', s.reclaimPolicy ?? 'Delete', s.volumeBindingMode ?? 'Immediate',
        String(s.allowVolumeExpansion ?? false), age(o, now)];
    },
  },
  Namespace: {
    headers: ['NAME', 'STATUS', 'AGE'], wideHeaders: [],
    cells: (o, now) => [o.metadata!.name!, (o as KindMap['Namespace']).status?.phase ?? '', age(o, now)],
  },
  // Models printServiceAccount: the number of Secrets it lists (none are made for it since 1.24).
  ServiceAccount: {
    headers: ['NAME', 'SECRETS', 'AGE'], wideHeaders: [],
    cells: (o, now) => [o.metadata!.name!, String((o as KindMap['ServiceAccount']).secrets?.length ?? 0), age(o, now)],
  },
  // Models printConfigMap: data and binaryData keys together.
  ConfigMap: {
    headers: ['NAME', 'DATA', 'AGE'], wideHeaders: [],
    cells: (o, now) => {
      const cm = o as KindMap['ConfigMap'];
      return [o.metadata!.name!, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(o, now)];
    },
  },
  // Models printSecret.
  Secret: {
    headers: ['NAME', 'TYPE', 'DATA', 'AGE'], wideHeaders: [],
    cells: (o, now) => {
      const s = o as KindMap['Secret'];
      return [o.metadata!.name!, s.type ?? '', String(Object.keys(s.data ?? {}).length), age(o, now)];
    },
  },
};

