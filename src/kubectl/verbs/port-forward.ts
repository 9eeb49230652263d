// `kubectl port-forward TYPE/NAME [--address ADDR,...] [LOCAL_PORT:]REMOTE_PORT...`: listens on ports of the
// terminal's own machine and forwards each connection to a port of one pod (the first active pod of a workload or
// Service), until Ctrl-C. The pod is fixed when the command starts: once it is gone (deleted, or recreated under
// the same name by its StatefulSet), the next connection fails and port-forward exits with "lost connection to pod",
// as it does since kubectl 1.23. Models kubectl/pkg/cmd/portforward/portforward.go (named ports, a Service's port
// translated to its target port, the running-pod check) and client-go tools/portforward (address and port parsing,
// listeners per address, the lines it prints per connection). kubectl 1.35 still reports a failed connection through
// runtime.HandleError (the structured "An error occurred forwarding" message came after it).
import type { Pod, Service } from '../../engine/api/types.ts';
import { forwardedGet } from '../../engine/exec/net.ts';
import { kubeletUnreachable } from '../../engine/exec/exec.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { klogLine } from '../kubeconfig.ts';
import { namedTarget, selectedPods } from '../pod-target.ts';
import { Stream } from '../stream.ts';
import { LocalMachineNet } from '../local-net.ts';
import type { LocalListener } from '../types.ts';

/** `[LOCAL:]REMOTE` split as kubectl's splitPort does (three parts or more: the first, twice). */
function splitPort(spec: string): [string, string] {
  const parts = spec.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

const isInt = (s: string): boolean => /^[+-]?\d+$/.test(s);

/** util.LookupContainerPortNumberByName: a named port of the pod's containers, then of its init containers. */
function containerPortByName(pod: Pod, name: string): number {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const p = c.ports?.find((x) => x.name === name);
    if (p) return p.containerPort;
  }
  throw new KubectlError(`error: Pod '${pod.metadata!.name}' does not have a named port '${name}'`);
}

/** The ports with a pod's named remote ports as numbers (convertPodNamedPortToNumber). */
function podPorts(specs: readonly string[], pod: Pod): string[] {
  return specs.map((spec) => {
    const [local, remote] = splitPort(spec);
    if (remote === '') throw new KubectlError('error: remote port cannot be empty');
    const number = isInt(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${number}` : number;
  });
}

/**
 * The ports with a Service's ports as the target ports of the chosen pod (translateServicePortToTargetPort): a
 * named Service port by its number; a headless Service's port as it is.
 */
function servicePorts(specs: readonly string[], svc: Service, pod: Pod): string[] {
  const name = svc.metadata!.name!;
  return specs.map((spec) => {
    const [given, remote] = splitPort(spec);
    let local = given;
    let port: number;
    if (isInt(remote)) port = Number(remote);
    else {
      const named = svc.spec?.ports?.find((p) => p.name === remote);
      if (!named) throw new KubectlError(`error: Service '${name}' does not have a named port '${remote}'`);
      port = named.port;
      if (local === remote) local = String(port);
    }
    let target = port;
    if (svc.spec?.clusterIP !== 'None') {
      const sp = svc.spec?.ports?.find((p) => p.port === port);
      if (!sp) throw new KubectlError(`error: Service ${name} does not have a service port ${port}`);
      // An intstr: a string names a port of the pod's containers (even one of digits); 0 or none is the port itself.
      const tp = sp.targetPort;
      target = typeof tp === 'string' ? containerPortByName(pod, tp) : tp || sp.port;
    }
    return local !== String(target) ? `${local}:${target}` : String(target);
  });
}

/** strconv.ParseUint(s, 10, 16)'s error, or the number. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  return n > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n;
}

interface Forwarded { local: number; remote: number }

/** client-go's parsePorts. */
function parsePorts(specs: readonly string[]): Forwarded[] {
  return specs.map((spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) throw new KubectlError(`error: invalid port format '${spec}'`);
    const local = parts.length === 1 ? parts[0] : parts[0] || '0';
    const remote = parts.length === 1 ? parts[0] : parts[1];
    const l = parseUint16(local);
    if (typeof l === 'string') throw new KubectlError(`error: error parsing local port '${local}': ${l}`);
    const r = parseUint16(remote);
    if (typeof r === 'string') throw new KubectlError(`error: error parsing remote port '${remote}': ${r}`);
    if (r === 0) throw new KubectlError('error: remote port must be > 0');
    return { local: l, remote: r };
  });
}

/** An address to listen on, and whether its failure counts against `localhost` (all) or on its own (any). */
interface ListenAddress { address: string; protocol: 'tcp4' | 'tcp6'; mode: 'all' | 'any' }

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

/** client-go's parseAddresses: `localhost` is 127.0.0.1 and ::1; the addresses sorted (as strings). */
function parseAddresses(list: readonly string[]): ListenAddress[] {
  const parsed = new Map<string, ListenAddress>();
  for (const a of list) {
    if (a === 'localhost') {
      if (!parsed.has('127.0.0.1')) parsed.set('127.0.0.1', { address: '127.0.0.1', protocol: 'tcp4', mode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', protocol: 'tcp6', mode: 'all' });
    } else if (IPV4.test(a)) parsed.set(a, { address: a, protocol: 'tcp4', mode: 'any' });
    else if (IPV6.test(a) && a.includes(':')) parsed.set(a, { address: a, protocol: 'tcp6', mode: 'any' });
    else throw new KubectlError(`error: ${a} is not a valid IP`);
  }
  return [...parsed.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** net.JoinHostPort. */
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

export const portForward: Verb = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  flags: [
    { name: 'address', type: 'strings', default: ['localhost'] },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  ],
  run(ctx) {
    const args = ctx.args;
    if (args.length < 2) throw new KubectlError(E.usageErr('port-forward', 'TYPE/NAME and list of ports are required for port-forward'));
    if (ctx.duration('pod-running-timeout') <= 0) throw new KubectlError(E.usageErr('port-forward', '--pod-running-timeout must be higher than zero'));
    const { items, errors } = namedTarget(ctx, args[0]);
    if (errors.length) throw new KubectlError(errors.join('\n'));
    const { kind, object } = items[0];
    const pod = kind === 'Pod' ? object as Pod : selectedPods(ctx, kind, object, 'active')[0];
    const specs = args.slice(1);
    // A Service's UDP-only ports are refused (checkUDPPortInService); the simulated Services' ports are TCP.
    const ports = kind === 'Service' ? servicePorts(specs, object as Service, pod) : podPorts(specs, pod);
    const phase = pod.status?.phase;
    if (phase !== 'Running') throw new KubectlError(`error: unable to forward port because pod is not running. Current status=${phase ?? ''}`);
    const addresses = parseAddresses(ctx.list('address'));
    const forwards = parsePorts(ports);
    // The connection to the kubelet comes first: a node whose kubelet is down refuses it, before any port is bound.
    const unreachable = pod.spec?.nodeName && kubeletUnreachable(ctx.cluster, pod.spec.nodeName);
    // The API server's answer is a Status (its proxy's dial error), which port-forward words as its upgrade error.
    if (unreachable) throw new KubectlError(`error: error upgrading connection: error dialing backend: ${unreachable.dial}`);
    return forward(ctx, pod, addresses, forwards);
  },
};

/** Listens on every address for every port, then forwards what comes until Ctrl-C or a failed connection. */
function forward(ctx: Ctx, pod: Pod, addresses: readonly ListenAddress[], forwards: Forwarded[]): Stream {
  // A kubectl run without the app's machine (a test) gets a machine of its own.
  const net = ctx.io.net ?? new LocalMachineNet();
  const c = ctx.cluster;
  const uid = pod.metadata!.uid!;
  const bound: Array<{ address: string; port: number }> = [];
  const close = () => { for (const b of bound.splice(0)) net.close(b.address, b.port, listener); };
  // The stream runs through the pod's kubelet: when that kubelet goes down, the connection closes at once.
  const node = pod.spec?.nodeName;
  const step = (st: Stream): void => {
    if (!node || !kubeletUnreachable(c, node)) return;
    st.err('error: lost connection to pod\n');
    st.finish(1);
  };
  const s = new Stream(c, { onEnd: close, step }, true);
  const listener: LocalListener = {
    accept(req) {
      const fw = forwards.find((f) => f.local === req.url.port);
      if (s.done || !fw) return { kind: 'refused', host: req.url.host, ip: req.url.host, port: req.url.port };
      s.out(`Handling connection for ${fw.local}\n`);
      const r = forwardedGet(c, uid, fw.remote, req.url, req.userAgent);
      if (r.kind === 'response') return { host: req.url.host, ip: req.url.host, port: req.url.port, ...r };
      // The kubelet's error comes back on the connection's error stream: logged, then the connection to the pod closed.
      const err = `an error occurred forwarding ${fw.local} -> ${fw.remote}: ${r.message}`;
      // The source position is the one kubectl 1.31 printed (the file has hardly moved since).
      s.err(klogLine('E', c.wallNow(), 1, 'portforward.go:413', `"Unhandled Error" err=${JSON.stringify(err)}`));
      s.err('error: lost connection to pod\n');
      s.finish(1);
      return { kind: 'empty' };
    },
  };
  let listening = false;
  for (const fw of forwards) {
    const failures: string[] = [];
    let all = 0, anyFailed = 0;
    for (const a of addresses) {
      const r = net.listen(a.address, fw.local, listener);
      if (typeof r !== 'number') {
        failures.push(`unable to create listener: Error listen ${a.protocol} ${joinHostPort(a.address, fw.local)}: ${r.error}`);
        if (a.mode === 'any') anyFailed++;
        continue;
      }
      fw.local = r;
      bound.push({ address: a.address, port: r });
      if (a.mode === 'all') all++;
      ctx.out(`Forwarding from ${joinHostPort(a.address, r)} -> ${fw.remote}\n`);
    }
    const allMode = addresses.filter((a) => a.mode === 'all').length;
    if ((all === 0 && allMode > 0) || anyFailed > 0) {
      ctx.err(`Unable to listen on port ${fw.local}: Listeners failed to create with the following errors: [${failures.join(' ')}]\n`);
    } else listening = true;
  }
  if (!listening) {
    s.finish(1);
    throw new KubectlError(`error: unable to listen on any of the requested ports: [${forwards.map((f) => `{${f.local} ${f.remote}}`).join(' ')}]`);
  }
  return s;
}
