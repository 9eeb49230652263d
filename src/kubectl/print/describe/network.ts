// Describers of Service, Endpoints and EndpointSlice. The Service's Endpoints lines come from its EndpointSlices, as
// kubectl 1.35 reads them. Models describe.go describeService, describeEndpoints, describeEndpointSliceV1, formatEndpointSlices.
import type { Endpoints, EndpointSlice, Service } from '../../../engine/api/types.ts';
import { labelsString } from '../../../engine/api/labels.ts';
import type { Cluster } from '../../types.ts';
import { annotationsMultiline, eventsFor, labelsMultiline, withEvents } from './common.ts';

/** Models describe.go formatEndpointSlices for one port name: ready `ip:port`s, the first three then `+ N more...`. */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string | null): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false, count = 0;
  const add = (text: string, ready: boolean): void => {
    if (list.length === max) more = true;
    if (!ready) return;
    if (!more) list.push(text);
    count++;
  };
  for (const s of slices) {
    if (!s.ports?.length) {
      for (const e of s.endpoints ?? []) add(e.addresses[0], e.conditions?.ready ?? true);
      continue;
    }
    for (const p of s.ports) {
      if (portName !== null && (p.name ?? '') !== portName) continue;
      for (const e of s.endpoints ?? []) add(`${e.addresses[0]}:${p.port}`, e.conditions?.ready ?? true);
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** Models describe.go buildIngressString: each IP (with its IP mode) or else hostname, joined with `, `. */
function ingressString(ingress: ReadonlyArray<{ ip?: string; hostname?: string; ipMode?: string }>): string {
  return ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ');
}

function describeService(c: Cluster, s: Service, show: boolean): string[] {
  const m = s.metadata!;
  const spec = s.spec ?? {};
  const slices = c.store.list('EndpointSlice', m.namespace).filter((x) => x.metadata?.labels?.['kubernetes.io/service-name'] === m.name);
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Selector:\t${labelsString(spec.selector)}\nType:\t${spec.type ?? ''}\n`;
  if (spec.ipFamilyPolicy) t += `IP Family Policy:\t${spec.ipFamilyPolicy}\n`;
  t += `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`;
  t += `IP:\t${spec.clusterIP ?? ''}\nIPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`;
  if (spec.externalIPs?.length) t += `External IPs:\t${spec.externalIPs.join(',')}\n`;
  if (spec.loadBalancerIP) t += `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`;
  if (spec.externalName) t += `External Name:\t${spec.externalName}\n`;
  const ingress = s.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) t += `LoadBalancer Ingress:\t${ingressString(ingress)}\n`;
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    t += `Port:\t${name}\t${p.port}/${proto}\nTargetPort:\t${p.targetPort ?? p.port}/${proto}\n`;
    if (p.appProtocol) t += `AppProtocol:\t${p.appProtocol}\n`;
    if (p.nodePort) t += `NodePort:\t${name}\t${p.nodePort}/${proto}\n`;
    t += `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`;
  }
  t += `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`;
  if (spec.externalTrafficPolicy) t += `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`;
  if (spec.internalTrafficPolicy) t += `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`;
  if (spec.healthCheckNodePort) t += `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`;
  if (spec.loadBalancerSourceRanges?.length) t += `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`;
  if (spec.trafficDistribution) t += `Traffic Distribution:\t${spec.trafficDistribution}\n`;
  return withEvents(t, show ? eventsFor(c, s) : null, c.wallNow());
}

function describeEndpointSlice(c: Cluster, s: EndpointSlice, show: boolean): string[] {
  const m = s.metadata!;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `AddressType:\t${s.addressType ?? ''}\n`;
  if (!s.ports?.length) t += 'Ports: <unset>\n';
  else {
    t += 'Ports:\n  Name\tPort\tProtocol\n  ----\t----\t--------\n';
    for (const p of s.ports) t += `  ${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`;
  }
  if (!s.endpoints?.length) t += 'Endpoints: <none>\n';
  else {
    t += 'Endpoints:\n';
    for (const e of s.endpoints) {
      const cond = e.conditions?.ready;
      t += `  - Addresses:\t${e.addresses.join(', ') || '<none>'}\n    Conditions:\n      Ready:\t${cond === undefined ? '<unset>' : String(cond)}\n`;
      t += `    Hostname:\t${e.hostname ?? '<unset>'}\n`;
      if (e.targetRef) t += `    TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`;
      t += `    NodeName:\t${e.nodeName ?? '<unset>'}\n    Zone:\t${e.zone ?? '<unset>'}\n`;
    }
  }
  return withEvents(t, show ? eventsFor(c, s) : null, c.wallNow());
}

/** Describers of this file by kind. */
// Models describeEndpoints: per subset the ready and not-ready IPs (comma-joined, `<none>` when empty) and a port
// table, each subset followed by a blank line.
function describeEndpoints(c: Cluster, ep: Endpoints, show: boolean): string[] {
  const m = ep.metadata!;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n` + labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += 'Subsets:\n';
  for (const s of ep.subsets ?? []) {
    t += `  Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`;
    t += `  NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`;
    if (s.ports?.length) {
      t += '  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n';
      for (const p of s.ports) t += `    ${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`;
    }
    t += '\n';
  }
  return withEvents(t, show ? eventsFor(c, ep) : null, c.wallNow());
}

export const NETWORK_DESCRIBERS = {
  Service: (c: Cluster, o: unknown, show: boolean) => describeService(c, o as Service, show),
  Endpoints: (c: Cluster, o: unknown, show: boolean) => describeEndpoints(c, o as Endpoints, show),
  EndpointSlice: (c: Cluster, o: unknown, show: boolean) => describeEndpointSlice(c, o as EndpointSlice, show),
};
