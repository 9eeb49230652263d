// The network a container reaches: names resolved the way a pod resolves them (its /etc/hosts, then the
// cluster DNS with the pod's search path and ndots:5), Service IPs spread over ready endpoints the way
// kube-proxy does (both read the EndpointSlices), and nginx answering on port 80 from its document root.
// Models the CoreDNS kubernetes plugin's records for Services, headless Services (one A record per ready
// endpoint, plus <hostname>.<service> names) and <a-b-c-d>.<ns>.pod names.
import type { Cluster } from '../cluster.ts';
import type { EndpointSlice, Pod, Service } from '../api/types.ts';
import { kubeletState, type ContainerRuntime } from '../kubelet/runtime.ts';
import { logRequest } from './logs.ts';
import { ContainerFs, resolvePath, utf8Length } from './fs.ts';
import { execRandom } from './random.ts';
import { sha256 } from '../api/sha256.ts';
import { nginxErrorPage, NGINX_ROOT, userlandOf } from './userland.ts';

const DOMAIN = 'cluster.local';

/** The cluster DNS Service's address (the pods' nameserver) and the name its PTR record gives. */
export const DNS_SERVER = { ip: '10.96.0.10', name: `kube-dns.kube-system.svc.${DOMAIN}` };

/** The A records of a fully qualified name inside the cluster domain (empty when there are none). */
export function lookup(c: Cluster, fqdn: string): string[] {
  if (!fqdn.endsWith(`.${DOMAIN}`)) return [];
  const labels = fqdn.slice(0, -DOMAIN.length - 1).split('.');
  if (labels.length === 3 && labels[1] !== 'svc' && labels[2] === 'pod') {
    const ip = labels[0].split('-');
    return ip.length === 4 && ip.every((o) => /^\d{1,3}$/.test(o) && Number(o) < 256) ? [ip.join('.')] : [];
  }
  if (labels[labels.length - 1] !== 'svc' || (labels.length !== 3 && labels.length !== 4)) return [];
  const [host, svcName, ns] = labels.length === 4 ? labels : [undefined, labels[0], labels[1]];
  const svc = c.store.get('Service', ns, svcName);
  if (!svc) return [];
  if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return host === undefined ? [svc.spec.clusterIP] : [];
  const ips: string[] = [];
  for (const slice of slicesOf(c, ns, svcName)) {
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready !== false && (host === undefined || ep.hostname === host)) ips.push(...ep.addresses);
    }
  }
  return ips;
}

/**
 * The name the cluster DNS gives an address (its PTR record), as the CoreDNS kubernetes plugin serves it: a
 * Service's cluster IP names the Service; a ready endpoint of a headless Service names its hostname (else its
 * dashed address) under the Service. Other addresses (pods outside a headless Service) have none.
 */
export function reverseLookup(c: Cluster, ip: string): string | undefined {
  if (ip === DNS_SERVER.ip) return DNS_SERVER.name;
  for (const svc of c.store.view('Service')) {
    const ns = svc.metadata!.namespace ?? 'default', name = svc.metadata!.name!;
    if (svc.spec?.clusterIP === ip) return `${name}.${ns}.svc.${DOMAIN}`;
    if (svc.spec?.clusterIP !== 'None') continue;
    for (const slice of slicesOf(c, ns, name)) {
      for (const ep of slice.endpoints ?? []) {
        if (ep.conditions?.ready !== false && ep.addresses.includes(ip)) return `${ep.hostname ?? ip.replace(/\./g, '-')}.${name}.${ns}.svc.${DOMAIN}`;
      }
    }
  }
  return undefined;
}

/** Rotates records the way CoreDNS's loadbalance plugin does, by a random amount. */
export function rotated(c: Cluster, ips: string[]): string[] {
  if (ips.length < 2) return ips;
  const turn = Math.floor(execRandom(c) * ips.length);
  return [...ips.slice(turn), ...ips.slice(0, turn)];
}

/** The EndpointSlices of a Service (what CoreDNS and kube-proxy read), by name. */
function slicesOf(c: Cluster, ns: string, svc: string): EndpointSlice[] {
  return c.store.view('EndpointSlice', ns).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc);
}

/** A resolved name: its canonical name, aliases (from /etc/hosts) and addresses in the order returned. */
export interface Resolution { name: string; aliases: string[]; ips: string[] }

/**
 * Resolves a name from inside a pod: /etc/hosts first (localhost, the pod's own names), then the cluster DNS
 * through the search path. CoreDNS's loadbalance plugin rotates several records by a random amount.
 * Undefined when the name does not resolve.
 */
export function resolveName(c: Cluster, from: Pod, name: string): Resolution | undefined {
  const host = name.toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return { name: host, aliases: [], ips: [host] };
  if (host === 'localhost') return { name: 'localhost', aliases: [], ips: ['127.0.0.1'] };
  const self = from.spec?.hostname || from.metadata!.name!;
  const ns = from.metadata!.namespace ?? 'default';
  const fqdn = from.spec?.subdomain ? `${self}.${from.spec.subdomain}.${ns}.svc.${DOMAIN}` : undefined;
  if ((host === self || host === fqdn) && from.status?.podIP) return { name: fqdn ?? self, aliases: fqdn ? [self] : [], ips: [from.status.podIP] };
  const absolute = host.endsWith('.');
  const bare = absolute ? host.slice(0, -1) : host;
  const dots = bare.split('.').length - 1;
  const search = [`${ns}.svc.${DOMAIN}`, `svc.${DOMAIN}`, DOMAIN];
  const tries = absolute ? [bare] : dots >= 5 ? [bare, ...search.map((s) => `${bare}.${s}`)] : [...search.map((s) => `${bare}.${s}`), bare];
  for (const t of tries) {
    const ips = lookup(c, t);
    if (ips.length) return { name: t, aliases: [], ips: rotated(c, ips) };
  }
  return undefined;
}

/**
 * What an HTTP GET came to. `empty`: the connection closed before any reply (a port-forward that failed);
 * `unmodelled`: what the request would reach is not modelled (said why).
 */
export type HttpOutcome =
  | { kind: 'unresolved'; host: string }
  | { kind: 'refused'; host: string; ip: string; port: number }
  | { kind: 'response'; host: string; ip: string; port: number; status: number; reason: string; body: string }
  | { kind: 'empty' }
  | { kind: 'unmodelled'; what: string };

/** What a GET from inside a pod comes to (it always gets an answer the model knows). */
export type PodHttpOutcome = Exclude<HttpOutcome, { kind: 'empty' } | { kind: 'unmodelled' }>;

/** A parsed `http://host:port/path` (curl and wget accept the host alone). */
export interface Url { scheme: string; host: string; port: number; path: string }

/** Parses a URL the way the clients read it; undefined for one they reject. */
export function parseUrl(text: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[0-9a-fA-F:.]+\]|[^/:?#[\]]+)(?::(\d+))?([^?#]*)?/.exec(text);
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

/** The running pod that has an IP, if any. */
function podByIp(c: Cluster, ip: string): Pod | undefined {
  return c.store.view('Pod').find((p) => p.status?.podIP === ip && !!p.spec?.nodeName);
}

/** The Service whose cluster IP this is. */
function serviceByIp(c: Cluster, ip: string): Service | undefined {
  return c.store.view('Service').find((s) => s.spec?.clusterIP === ip);
}

/** Models kube-proxy: a Service port's connection goes to one ready endpoint picked at random, on its target port. */
function throughService(c: Cluster, svc: Service, port: number): { ip: string; port: number } | undefined {
  const sp = svc.spec?.ports?.find((p) => p.port === port);
  if (!sp) return undefined;
  const choices: Array<{ ip: string; port: number }> = [];
  for (const slice of slicesOf(c, svc.metadata!.namespace!, svc.metadata!.name!)) {
    const port = slice.ports?.find((p) => (p.name ?? '') === (sp.name ?? ''))?.port;
    if (port === undefined || port === null) continue;
    for (const ep of slice.endpoints ?? []) if (ep.conditions?.ready !== false) choices.push({ ip: ep.addresses[0], port });
  }
  if (!choices.length) return undefined;
  return choices[Math.floor(execRandom(c) * choices.length)];
}

/** The pod's nginx container that is running, with its file system, if it serves on this port. */
function server(c: Cluster, pod: Pod, port: number): { fs: ContainerFs; version: string; container: ContainerRuntime } | undefined {
  if (port !== 80) return undefined;
  const rt = kubeletState(c).pods[pod.metadata!.uid!];
  for (const ct of rt?.containers ?? []) {
    const u = userlandOf(ct.image);
    // nginx serves while it runs in the container (its default process, or started by its command).
    if (!u.nginx || ct.state !== 'running' || !ct.nginx) continue;
    return { fs: new ContainerFs(c, pod, ct.name, ct.restartCount, u), version: u.nginx, container: ct };
  }
  return undefined;
}

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found' };

/** Models nginx's static file handler with `index index.html` and autoindex off; `file` is the path it looked at. */
function serve(fs: ContainerFs, version: string, rawPath: string): { status: number; body: string; file: string } {
  let path: string;
  try { path = decodeURIComponent(rawPath); } catch { path = rawPath; }
  const file = resolvePath(NGINX_ROOT, '.' + resolvePath('/', path));
  const page = (status: number) => ({ status, body: nginxErrorPage(`${status} ${REASONS[status]}`, version), file });
  const kind = fs.stat(file);
  if (path.endsWith('/')) {
    if (kind !== 'dir') return page(404);
    const index = fs.read(`${file}/index.html`);
    return 'text' in index ? { status: 200, body: index.text, file } : page(403);
  }
  if (kind === 'dir') return page(301);
  const r = fs.read(file);
  return 'text' in r ? { status: 200, body: r.text, file } : page(404);
}

/** Performs `GET url` from inside a pod, as `userAgent` (logged by the nginx that serves it). */
export function httpGet(c: Cluster, from: Pod, url: Url, userAgent: string): PodHttpOutcome {
  const ip = resolveName(c, from, url.host)?.ips[0];
  if (ip === undefined) return { kind: 'unresolved', host: url.host };
  let target: { ip: string; port: number } | undefined = { ip, port: url.port };
  let pod: Pod | undefined;
  if (ip === '127.0.0.1' || ip === from.status?.podIP) pod = from;
  else {
    const svc = serviceByIp(c, ip);
    if (svc) target = throughService(c, svc, url.port);
    if (target) pod = podByIp(c, target.ip);
  }
  const srv = pod && target && url.scheme === 'http' ? server(c, pod, target.port) : undefined;
  if (!srv) return { kind: 'refused', host: url.host, ip, port: url.port };
  // The client address nginx sees: loopback for localhost, else the calling pod's IP.
  const client = ip === '127.0.0.1' ? '127.0.0.1' : from.status?.podIP ?? '';
  return { host: url.host, ip, port: url.port, ...respond(c, pod!, srv, url, client, userAgent) };
}

// nginx answers a request and logs it (the Host header as the client wrote it: with the port unless it is 80).
function respond(c: Cluster, pod: Pod, srv: NonNullable<ReturnType<typeof server>>, url: Url, client: string, userAgent: string) {
  const { status, body, file } = serve(srv.fs, srv.version, url.path);
  const path = url.path.split('?')[0];
  logRequest(c, { pod, container: srv.container, client, host: url.port === 80 ? url.host : `${url.host}:${url.port}`, path, status, bytes: utf8Length(body), userAgent, file });
  return { kind: 'response' as const, status, reason: REASONS[status], body };
}

/** What the kubelet's probe reached: nothing listening, an HTTP server asked for TLS, or nginx's answer. */
export type ProbeReach = { kind: 'refused' } | { kind: 'plain' } | { kind: 'response'; status: number; body: string };

/**
 * A probe's connection from the node to `host:port` (the pod's own IP unless the probe names a host): nginx
 * answers on port 80 of its pod and logs the request (`client`, `userAgent`); a redirect to the same host is
 * followed, as the kubelet's HTTP client does.
 */
export function probeGet(c: Cluster, pod: Pod, req: { host: string; port: number; path: string; scheme: string }, client: string, userAgent: string): ProbeReach {
  const at = serverAt(c, pod, req.host, req.port);
  if (!at) return { kind: 'refused' };
  if (req.scheme !== 'http') return { kind: 'plain' };
  let host = `${req.host}:${req.port}`;
  let path = req.path;
  for (let hops = 0; ; hops++) {
    const r = respond(c, at.pod, at.srv, { scheme: 'http', host, port: 80, path }, client, userAgent);
    if (r.status !== 301 || hops >= 10) return { kind: 'response', status: r.status, body: r.body };
    // nginx's redirect of a directory to its slash form names the host without the port.
    host = req.host;
    path = `${path.split('?')[0]}/`;
  }
}

/** Whether something listens on `host:port`, seen from the node (nginx on port 80 of its pod). */
export function listening(c: Cluster, pod: Pod, host: string, port: number): boolean {
  return !!serverAt(c, pod, host, port);
}

// The server at `host:port` as a probe of `pod` reaches it, and its pod: the pod itself at its own IP, else the pod
// with that IP.
function serverAt(c: Cluster, pod: Pod, host: string, port: number): { pod: Pod; srv: NonNullable<ReturnType<typeof server>> } | undefined {
  const target = host === pod.status?.podIP ? pod : podByIp(c, host);
  const srv = target && server(c, target, port);
  return srv ? { pod: target, srv } : undefined;
}

/**
 * The ID containerd gives a pod's sandbox, and the path of its network namespace (64 and 32 hex digits derived
 * from the pod's uid, so they stay the same for the pod's life without drawing on the cluster's random numbers).
 */
export function sandboxOf(uid: string): { id: string; netns: string } {
  const hex = [...sha256(new TextEncoder().encode(`sandbox/${uid}`))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const u = hex.slice(0, 32);
  return { id: hex, netns: `/var/run/netns/cni-${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}` };
}

/** What a connection through `kubectl port-forward` reached: nginx's reply, or the error the kubelet sent back. */
export type ForwardOutcome = { kind: 'response'; status: number; reason: string; body: string } | { kind: 'error'; message: string };

/**
 * A connection that `kubectl port-forward` opened to port `port` of the pod with this uid (the pod it chose when it
 * started: a pod recreated under the same name is another pod). The runtime connects to localhost inside the pod's
 * network namespace, so nginx sees the client 127.0.0.1. Fails, as containerd's port forwarding does, when the
 * pod's sandbox is gone or nothing listens on the port. `url` is what the client asked for (its host and port).
 */
export function forwardedGet(c: Cluster, uid: string, port: number, url: Url, userAgent: string): ForwardOutcome {
  const { id, netns } = sandboxOf(uid);
  const pod = c.store.view('Pod').find((p) => p.metadata?.uid === uid);
  const rt = kubeletState(c).pods[uid];
  // The kubelet's streaming server words the runtime's error (the pod named by its sandbox, with an empty uid).
  const fail = (why: string): ForwardOutcome => ({ kind: 'error', message: `error forwarding port ${port} to pod ${id}, uid : ${why}` });
  if (!pod || !rt || rt.phase === 'Succeeded' || rt.phase === 'Failed' || rt.stage === 'stopped') {
    return fail(`failed to find sandbox "${id}" in store: not found`);
  }
  const srv = server(c, pod, port);
  if (!srv) {
    return fail(`failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${id}", ` +
      `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `);
  }
  return respond(c, pod, srv, url, '127.0.0.1', userAgent);
}
