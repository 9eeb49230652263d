// Describer of Node: identity, taints, the node lease, conditions, addresses, capacity, system info, the
// non-terminated pods with their requests and limits, the allocated totals and events.
// Models describe.go describeNode, describeNodeLease, describeNodeResource, printNodeTaintsMultiline.
import type { Node, Pod } from '../../../engine/api/types.ts';
import { parseQuantity, formatQuantity, type Quantity } from '../../../engine/api/quantity.ts';
import { podResourceTotals } from '../../../engine/api/pod-resources.ts';
import { parseRfc3339, rfc1123z } from '../../../engine/clock/time.ts';
import type { Cluster } from '../../types.ts';
import { since } from '../age.ts';
import { annotationsMultiline, labelsMultiline, withEvents } from './common.ts';

// The kubelet renews its lease every 10 s (nodeLeaseDurationSeconds 40 / 4).
const LEASE_RENEW_MS = 10_000;
const GO_ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';
const date = (t: string | undefined | null): string => (t ? rfc1123z(parseRfc3339(t)) : GO_ZERO_TIME);

const q = (v: string | undefined): Quantity | null => {
  if (v === undefined) return null;
  const r = parseQuantity(v);
  return r.ok ? r.q : null;
};
const add = (a: Quantity | null, b: Quantity | null): Quantity | null =>
  !a ? b : !b ? a : { num: a.num * b.den + b.num * a.den, den: a.den * b.den, format: a.format };
const str = (x: Quantity | null): string => (x ? formatQuantity(x) : '0');
const ratio = (x: Quantity | null, of: Quantity | null): number => {
  if (!x || !of || of.num === 0n) return 0;
  return Math.trunc((Number(x.num) / Number(x.den)) / (Number(of.num) / Number(of.den)) * 100);
};

// Models resourcehelper.PodRequestsAndLimits (api/pod-resources.ts) as a record for the table.
function podResources(p: Pod, which: 'requests' | 'limits'): Record<string, Quantity | null> {
  return Object.fromEntries(podResourceTotals(p, which));
}

// Models describe.go findNodeRoles.
function roles(n: Node): string {
  const set = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) { const r = k.slice('node-role.kubernetes.io/'.length); if (r) set.add(r); }
    else if (k === 'kubernetes.io/role' && v) set.add(v);
  }
  return set.size ? [...set].sort().join(',') : '<none>';
}

function taints(n: Node): string {
  const ts = [...(n.spec?.taints ?? [])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  if (!ts.length) return 'Taints:\t<none>\n';
  return ts.map((x, i) => `${i === 0 ? 'Taints:' : ''}\t${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}\n`).join('');
}

// The node's lease as the kubelet keeps it: held by the node, renewed every 10 s while it is Ready.
function lease(n: Node, wallNow: number): string {
  const ready = n.status?.conditions?.find((x) => x.type === 'Ready');
  const created = parseRfc3339(n.metadata!.creationTimestamp!);
  const last = ready?.status === 'True' ? wallNow : parseRfc3339(ready?.lastHeartbeatTime ?? n.metadata!.creationTimestamp!);
  const renew = created + Math.floor((last - created) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  return `Lease:\n  HolderIdentity:\t${n.metadata!.name}\n  AcquireTime:\t<unset>\n  RenewTime:\t${rfc1123z(renew)}\n`;
}

function describeNode(c: Cluster, n: Node, show: boolean): string[] {
  const m = n.metadata!;
  const now = c.wallNow();
  let t = `Name:\t${m.name}\nRoles:\t${roles(n)}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `CreationTimestamp:\t${date(m.creationTimestamp)}\n` + taints(n) + `Unschedulable:\t${!!n.spec?.unschedulable}\n`;
  t += lease(n, now);
  const conds = n.status?.conditions ?? [];
  if (conds.length) {
    t += 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
    for (const x of conds) {
      t += `  ${x.type} \t${x.status} \t${date(x.lastHeartbeatTime ?? m.creationTimestamp)} \t${date(x.lastTransitionTime ?? m.creationTimestamp)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`;
    }
  }
  t += 'Addresses:\n' + (n.status?.addresses ?? []).map((a) => `  ${a.type}:\t${a.address}\n`).join('');
  const list = (title: string, r: Record<string, string> | undefined): string =>
    r && Object.keys(r).length ? `${title}:\n` + Object.keys(r).sort().map((k) => `  ${k}:\t${r[k]}\n`).join('') : '';
  t += list('Capacity', n.status?.capacity) + list('Allocatable', n.status?.allocatable);
  const ni = n.status?.nodeInfo;
  t += `System Info:\n  Machine ID:\t${ni?.machineID ?? ''}\n  System UUID:\t${ni?.systemUUID ?? ''}\n  Boot ID:\t${ni?.bootID ?? ''}\n`;
  t += `  Kernel Version:\t${ni?.kernelVersion ?? ''}\n  OS Image:\t${ni?.osImage ?? ''}\n  Operating System:\t${ni?.operatingSystem ?? ''}\n`;
  t += `  Architecture:\t${ni?.architecture ?? ''}\n  Container Runtime Version:\t${ni?.containerRuntimeVersion ?? ''}\n  Kubelet Version:\t${ni?.kubeletVersion ?? ''}\n`;
  if (n.spec?.podCIDR) t += `PodCIDR:\t${n.spec.podCIDR}\n`;
  if (n.spec?.podCIDRs?.length) t += `PodCIDRs:\t${n.spec.podCIDRs.join(',')}\n`;
  if (n.spec?.providerID) t += `ProviderID:\t${n.spec.providerID}\n`;
  t += describeNodeResource(c, n);
  // Node events are recorded with the node's name or uid as the involved object's uid.
  const events = c.store.list('Event', 'default').filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === m.name);
  return withEvents(t, show ? events : null, now);
}

// Models describe.go describeNodeResource.
function describeNodeResource(c: Cluster, n: Node): string {
  const name = n.metadata!.name;
  const pods = c.store.list('Pod').filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc = n.status?.allocatable && Object.keys(n.status.allocatable).length ? n.status.allocatable : (n.status?.capacity ?? {});
  const cpu = q(alloc.cpu), mem = q(alloc.memory), eph = q(alloc['ephemeral-storage']);
  let t = `Non-terminated Pods:\t(${pods.length} in total)\n`;
  t += '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n';
  t += '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n';
  const reqs: Record<string, Quantity | null> = {}, lims: Record<string, Quantity | null> = {};
  for (const p of pods) {
    const r = podResources(p, 'requests'), l = podResources(p, 'limits');
    for (const [k, v] of Object.entries(r)) reqs[k] = add(reqs[k] ?? null, v);
    for (const [k, v] of Object.entries(l)) lims[k] = add(lims[k] ?? null, v);
    const cell = (x: Quantity | null, of: Quantity | null): string => `${str(x)} (${ratio(x, of)}%)`;
    t += `  ${p.metadata!.namespace}\t${p.metadata!.name}\t\t${cell(r.cpu ?? null, cpu)}\t${cell(l.cpu ?? null, cpu)}\t${cell(r.memory ?? null, mem)}\t${cell(l.memory ?? null, mem)}\t${since(p.metadata!.creationTimestamp, c.wallNow())}\n`;
  }
  t += 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n  Resource\tRequests\tLimits\n  --------\t--------\t------\n';
  for (const [res, of] of [['cpu', cpu], ['memory', mem], ['ephemeral-storage', eph]] as const) {
    const r = reqs[res] ?? null, l = lims[res] ?? null;
    t += `  ${res}\t${str(r)} (${ratio(r, of)}%)\t${str(l)} (${ratio(l, of)}%)\n`;
  }
  for (const res of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) {
    const r = reqs[res] ?? null, l = lims[res] ?? null, of = q(alloc[res]);
    t += `  ${res}\t${str(r)} (${ratio(r, of)}%)\t${str(l)} (${ratio(l, of)}%)\n`;
  }
  return t;
}

/** Describers of this file by kind. */
export const NODE_DESCRIBERS = {
  Node: (c: Cluster, o: unknown, show: boolean) => describeNode(c, o as Node, show),
};
