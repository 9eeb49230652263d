// Cluster-wide invariants that hold after every controller pass of a healthy simulation (volumes, scheduling,
// endpoints, ownership). StatefulSet-specific invariants (spec §8) live beside the controller; `checkAll`
// runs both. Each check returns violations as sentences; an empty list means the cluster is consistent.
import type { Cluster } from './cluster.ts';
import { matchesSelector } from './api/labels.ts';
import { checkSchedulerCache } from './controllers/scheduler.ts';

/** Volume binding: a Bound PVC names a PV whose claimRef points back at it. */
export function checkVolumes(c: Cluster): string[] {
  const out: string[] = [];
  for (const pvc of c.store.list('PersistentVolumeClaim')) {
    const m = pvc.metadata!;
    if (pvc.status?.phase !== 'Bound') continue;
    const pv = pvc.spec?.volumeName ? c.store.get('PersistentVolume', '', pvc.spec.volumeName) : undefined;
    if (!pv) out.push(`PVC ${m.namespace}/${m.name} is Bound but its volume ${pvc.spec?.volumeName ?? '(none)'} does not exist`);
    else if (pv.spec?.claimRef?.uid !== m.uid) out.push(`PV ${pv.metadata!.name} does not point back at Bound PVC ${m.namespace}/${m.name}`);
  }
  // The other direction (a Bound PV's claim exists) is not checked: when a claim is deleted its PV stays Bound
  // until the volume controller's next pass marks it Released, as on a real cluster.
  return out;
}

/**
 * Scheduling: a pod's node exists, or PodGC has a pass queued that will delete the pod once the node's quarantine
 * is over; a running pod has an IP unique among running pods (those on the host's network share their node's).
 */
export function checkPods(c: Cluster): string[] {
  const out: string[] = [];
  const ips = new Map<string, string>();
  for (const pod of c.store.list('Pod')) {
    const name = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
    const node = pod.spec?.nodeName;
    if (node && !c.store.get('Node', '', node) && !c.queued('podgc/gc', '')) out.push(`pod ${name} is bound to missing node ${node}`);
    const ip = pod.status?.podIP;
    if (ip && !pod.spec?.hostNetwork && pod.status?.phase === 'Running' && !pod.metadata!.deletionTimestamp) {
      const other = ips.get(ip);
      if (other) out.push(`pods ${other} and ${name} share IP ${ip}`);
      ips.set(ip, name);
    }
  }
  return out;
}

/** Endpoints list only pods that their Service selects. */
export function checkEndpoints(c: Cluster): string[] {
  const out: string[] = [];
  for (const svc of c.store.list('Service')) {
    const sel = svc.spec?.selector;
    // A pod's labels or the selector just changed: the Endpoints catch up when the queued sync runs.
    if (!sel || c.queued('endpoints/sync', `${svc.metadata!.namespace}/${svc.metadata!.name}`)) continue;
    const ep = c.store.get('Endpoints', svc.metadata!.namespace!, svc.metadata!.name!);
    for (const subset of ep?.subsets ?? []) {
      for (const a of subset.addresses ?? []) {
        const pod = a.targetRef?.name ? c.store.get('Pod', svc.metadata!.namespace!, a.targetRef.name) : undefined;
        // The endpoints controller lags pod changes by a few milliseconds, so readiness is not checked here.
        if (!pod) continue;
        if (!matchesSelector({ matchLabels: sel }, pod.metadata!.labels)) {
          out.push(`endpoints ${svc.metadata!.name} list pod ${pod.metadata!.name} that the Service does not select`);
        }
      }
    }
  }
  return out;
}

/**
 * After the cluster has settled: every ready pod a selector Service selects appears exactly once across that
 * Service's EndpointSlices, and each slice holds at most 100 endpoints. Not valid mid-flight (the slice
 * controller lags pod changes by a few milliseconds).
 */
export function checkEndpointSlicesSettled(c: Cluster): string[] {
  const out: string[] = [];
  for (const svc of c.store.list('Service')) {
    const sel = svc.spec?.selector;
    if (!sel || svc.spec?.type === 'ExternalName') continue;
    const ns = svc.metadata!.namespace!;
    const seen = new Map<string, number>();
    for (const s of c.store.list('EndpointSlice', ns)) {
      if (s.metadata?.labels?.['kubernetes.io/service-name'] !== svc.metadata!.name) continue;
      if ((s.endpoints ?? []).length > 100) out.push(`EndpointSlice ${s.metadata!.name} holds ${s.endpoints!.length} endpoints`);
      for (const e of s.endpoints ?? []) if (e.targetRef?.name) seen.set(e.targetRef.name, (seen.get(e.targetRef.name) ?? 0) + 1);
    }
    for (const pod of c.store.list('Pod', ns)) {
      const ready = pod.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
      if (!ready || !pod.status?.podIP || !matchesSelector({ matchLabels: sel }, pod.metadata!.labels)) continue;
      const n = seen.get(pod.metadata!.name!) ?? 0;
      if (n !== 1) out.push(`ready pod ${pod.metadata!.name} appears ${n} times in the EndpointSlices of Service ${svc.metadata!.name}`);
    }
  }
  return out;
}

/** Every controller owner reference names an object kind we store; no object has two controllers. */
export function checkOwnership(c: Cluster): string[] {
  const out: string[] = [];
  for (const kind of ['Pod', 'PersistentVolumeClaim', 'ControllerRevision'] as const) {
    for (const o of c.store.list(kind)) {
      const controllers = (o.metadata!.ownerReferences ?? []).filter((r) => r.controller);
      if (controllers.length > 1) out.push(`${kind} ${o.metadata!.name} has ${controllers.length} controller references`);
    }
  }
  return out;
}

/** All cluster-level checks. */
export function checkCluster(c: Cluster): string[] {
  return [...checkVolumes(c), ...checkPods(c), ...checkEndpoints(c), ...checkOwnership(c), ...checkSchedulerCache(c)];
}

/**
 * Whether a controller sync failed since trace sequence number `seq`. Such a sync leaves the stored status stale
 * until its retry (as on a real cluster), so invariant checks skip the pass.
 */
export function syncFailedSince(c: Cluster, seq: number): boolean {
  return c.state.trace.some((t) => t.seq >= seq && t.type === 'controller.error');
}
