// The pods/exec subresource end to end: the API server's checks (models pkg/registry/core/pod/strategy.go
// streamLocation), the kubelet's (the container must be running on a reachable node), then the container
// runtime starting the program, with containerd's errors for one the image does not have.
import type { Cluster } from '../cluster.ts';
import type { ApiStatus, Pod } from '../api/types.ts';
import { badRequest, internalError, notFound } from '../api/errors.ts';
import { isNodeDown, kubeletState } from '../kubelet/runtime.ts';
import { ContainerFs } from './fs.ts';
import { programName, Shell, type ExecWorld, type Io } from './shell.ts';
import { shKind, UTILITIES } from './commands.ts';
import { userlandOf } from './userland.ts';

/** One `POST pods/NAME/exec`. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  /** The bytes on standard input (only with `-i`). */
  stdin?: string;
  /** Whether stdout is a terminal (`-t` from a terminal): programs then skip progress meters and lay out for a screen. */
  tty: boolean;
}

/** A piece of the command's output, in the order written. */
export interface ExecChunk { stream: 'out' | 'err'; text: string }

/** The command's output and exit status, or the Status the API server or kubelet refused with. */
export type ExecResult = { ok: true; output: ExecChunk[]; exitCode: number } | { ok: false; status: ApiStatus };

/** The environment a container's processes start with: the image's, the kubelet's Service variables, the pod spec's. */
function environment(c: Cluster, pod: Pod, container: string, startedAt: string, tty: boolean): Map<string, string> {
  const vars = new Map<string, string>([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.spec?.hostname || pod.metadata!.name!]]);
  const ns = pod.metadata!.namespace ?? 'default';
  // Models kubelet_pods.go getServiceEnvVarMap: Services that existed when the container started, with a cluster IP.
  const services = [...c.store.view('Service', ns), ...(ns === 'default' ? [] : [c.store.get('Service', 'default', 'kubernetes')].filter((s) => !!s))];
  for (const svc of services) {
    const ip = svc!.spec?.clusterIP;
    if (!ip || ip === 'None' || (svc!.metadata!.creationTimestamp ?? '') > startedAt) continue;
    const name = svc!.metadata!.name!.toUpperCase().replace(/-/g, '_');
    const ports = svc!.spec?.ports ?? [];
    vars.set(`${name}_SERVICE_HOST`, ip);
    if (!ports.length) continue;
    vars.set(`${name}_SERVICE_PORT`, String(ports[0].port));
    vars.set(`${name}_PORT`, `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${ip}:${ports[0].port}`);
    for (const p of ports) {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      if (p.name) vars.set(`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port));
      vars.set(prefix, `${proto}://${ip}:${p.port}`);
      vars.set(`${prefix}_PROTO`, proto);
      vars.set(`${prefix}_PORT`, String(p.port));
      vars.set(`${prefix}_ADDR`, ip);
    }
  }
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((ct) => ct.name === container);
  for (const e of spec?.env ?? []) {
    const field = e.valueFrom?.fieldRef?.fieldPath;
    const value = e.value ?? (field === 'metadata.name' ? pod.metadata!.name : field === 'metadata.namespace' ? ns : field === 'status.podIP' ? pod.status?.podIP : field === 'spec.nodeName' ? pod.spec?.nodeName : undefined);
    if (value !== undefined) vars.set(e.name, value);
  }
  vars.set('HOME', '/root');
  if (tty) vars.set('TERM', 'xterm');
  return vars;
}

/** A containerd exec id: 64 hex digits from the cluster's PRNG. */
function execId(c: Cluster): string {
  let id = '';
  while (id.length < 64) id += Math.floor(c.random() * 0x100000000).toString(16).padStart(8, '0');
  return id;
}

/** Runs a command in a container of a pod, as `kubectl exec` asks the API server to. Never throws for any store content. */
export function execInPod(c: Cluster, req: ExecRequest): ExecResult {
  const pod = c.store.get('Pod', req.namespace, req.pod);
  if (!pod) return { ok: false, status: notFound('Pod', req.pod) };
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((ct) => ct.name === req.container)) return { ok: false, status: badRequest(`container ${req.container} is not valid for pod ${req.pod}`) };
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return { ok: false, status: badRequest(`pod ${req.pod} does not have a host assigned`) };
  if (isNodeDown(c, nodeName)) {
    const addr = c.store.get('Node', '', nodeName)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
    return { ok: false, status: internalError(`unable to upgrade connection: error dialing backend: dial tcp ${addr}:10250: connect: connection refused`) };
  }
  const rt = kubeletState(c).pods[pod.metadata!.uid!];
  const ct = rt && [...rt.containers, ...rt.inits].find((x) => x.name === req.container);
  if (!ct || ct.state !== 'running') return { ok: false, status: internalError(`unable to upgrade connection: container not found ("${req.container}")`) };

  const userland = userlandOf(ct.image);
  const world: ExecWorld = { c, pod, fs: new ContainerFs(c, pod, ct.name, ct.restartCount, userland), userland, tty: req.tty, utilities: UTILITIES };
  const output: ExecChunk[] = [];
  const push = (stream: ExecChunk['stream']) => (text: string): void => {
    if (!text) return;
    // With a terminal, the program's stderr and stdout are one stream.
    const s = req.tty ? 'out' : stream;
    const last = output[output.length - 1];
    if (last?.stream === s) last.text += text; else output.push({ stream: s, text });
  };
  const io: Io = { stdin: req.stdin ?? '', out: push('out'), err: push('err') };
  const vars = environment(c, pod, ct.name, ct.startedAt ?? '', req.tty);
  const sh = new Shell(world, shKind(userland.flavour), 'sh', vars);

  const [program, ...args] = req.command;
  const prog = programName(program);
  // What the runtime finds on PATH: absent programs fail to start; present ones run if modelled.
  if (prog === undefined || !userland.bins.has(prog)) {
    const why = program.includes('/') ? `stat ${program}: no such file or directory` : 'executable file not found in $PATH';
    const oci = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${why}: unknown`;
    if (!req.tty) return { ok: false, status: internalError(`error executing command in container: failed to exec in container: failed to start exec "${execId(c)}": ${oci}`) };
    return { ok: true, output: [{ stream: 'out', text: `${oci}\r\n` }], exitCode: 126 };
  }
  const exitCode = sh.exec([prog, ...args], io);
  return { ok: true, output, exitCode };
}
