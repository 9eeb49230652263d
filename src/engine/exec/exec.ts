// The pods/exec subresource end to end: the API server's checks (models pkg/registry/core/pod/strategy.go
// streamLocation), the kubelet's (the container must be running on a reachable node), then the container
// runtime starting the program, with containerd's errors for one the image does not have.
import type { Cluster } from '../cluster.ts';
import type { ApiStatus, Pod } from '../api/types.ts';
import type { Container } from 'kubernetes-types/core/v1';
import { expandedArgv, kubeletEnv } from '../kubelet/container-env.ts';
import type { ContainerRuntime } from '../kubelet/runtime.ts';
import { recordProcessOutput } from './logs.ts';
import { shellReadingStdin } from '../kubelet/process.ts';
import { badRequest, internalError, kubeletRefusal, unclassified } from '../api/errors.ts';
import { isNodeDown } from '../kubelet/runtime.ts';
import { podContainer } from './pod-container.ts';
import { ContainerFs } from './fs.ts';
import { execRandom } from './random.ts';
import { hasUnmodelled, programName, Shell, SCRIPT_START, sleepMs, type ExecWorld, type Io, type ScriptPoint, type ScriptRun, type ShellKind, type ShellState } from './shell.ts';
import { parseScript, type AndOr } from './shell-parse.ts';
import { shKind, UTILITIES } from './commands.ts';
import { userlandOf } from './userland.ts';
import { nginxMode } from './nginx.ts';

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
  /**
   * A time limit (the runtime's ExecSync timeout, an exec probe's timeoutSeconds): the command's sleeps take their
   * time against it, as a container's own script's do, and the command is stopped where it runs out.
   */
  timeoutMs?: number;
}

/** A piece of the command's output, in the order written. */
export interface ExecChunk { stream: 'out' | 'err'; text: string }

/** The command's output and exit status, or the Status the API server or kubelet refused with. */
export type ExecResult = { ok: true; output: ExecChunk[]; exitCode: number; timedOut?: true } | { ok: false; status: ApiStatus };

/**
 * The environment a container's processes start with: the runtime's PATH and HOSTNAME, the kubelet's variables
 * (kubeletEnv: the pod spec's and the Services'), a HOME when none was set, and TERM with a terminal.
 */
function environment(pod: Pod, kubelet: ReadonlyMap<string, string>, tty: boolean): Map<string, string> {
  const vars = new Map<string, string>([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.spec?.hostname || pod.metadata!.name!]]);
  for (const [k, v] of kubelet) vars.set(k, v);
  if (!vars.has('HOME')) vars.set('HOME', '/root');
  if (tty) vars.set('TERM', 'xterm');
  return vars;
}

/** A container of the pod spec by name (regular or init). */
function containerSpec(pod: Pod, name: string): Container | undefined {
  return pod.spec?.containers?.find((ct) => ct.name === name) ?? pod.spec?.initContainers?.find((ct) => ct.name === name);
}

/**
 * Why the API server cannot reach the kubelet of `node` (exec, attach, logs and port-forward go through it), when
 * that kubelet is down: its address and the dial's error. Undefined when it is up.
 */
export function kubeletUnreachable(c: Cluster, node: string): { addr: string; dial: string } | undefined {
  if (!isNodeDown(c, node)) return undefined;
  const addr = c.store.get('Node', '', node)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? node;
  return { addr, dial: `dial tcp ${addr}:10250: connect: connection refused` };
}

/** A containerd exec id: 64 hex digits from the cluster's PRNG. */
function execId(c: Cluster): string {
  let id = '';
  while (id.length < 64) id += Math.floor(execRandom(c) * 0x100000000).toString(16).padStart(8, '0');
  return id;
}

/** What an exec reached: the container's world and environment, or the Status that refused it. */
type Opened = { ok: false; status: ApiStatus } | { ok: true; world: ExecWorld; vars: Map<string, string> };

/** The API server's and kubelet's checks, then the container's world. */
function openContainer(c: Cluster, req: { namespace: string; pod: string; container: string; tty: boolean }): Opened {
  const found = podContainer(c, req.namespace, req.pod, req.container);
  if (!found.ok) return found;
  const { pod, ct } = found;
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return { ok: false, status: badRequest(`pod ${req.pod} does not have a host assigned`) };
  const unreachable = kubeletUnreachable(c, nodeName);
  // The API server's proxy cannot dial the kubelet: its plain error, passed on as an unclassified Status.
  if (unreachable) return { ok: false, status: unclassified(`error dialing backend: ${unreachable.dial}`) };
  // The kubelet answers the upgrade with plain text, which the client words `unable to upgrade connection: …`.
  if (!ct || ct.state !== 'running') return { ok: false, status: kubeletRefusal(`container not found ("${req.container}")`) };
  const userland = userlandOf(ct.image);
  const world: ExecWorld = { c, pod, fs: new ContainerFs(c, pod, ct.name, ct.restartCount, userland), userland, tty: req.tty, utilities: UTILITIES };
  const kubelet = kubeletEnv(c.store, pod, containerSpec(pod, ct.name), ct.startedAt ?? '', ct.configEnv);
  return { ok: true, world, vars: environment(pod, kubelet, req.tty) };
}

/**
 * Why the kubelet will not stream a container of a pod (attach, exec): the API server's and kubelet's refusal, as
 * exec gets it; undefined when the container runs and its kubelet answers.
 */
export function streamRefusal(c: Cluster, req: { namespace: string; pod: string; container: string }): ApiStatus | undefined {
  const opened = openContainer(c, { ...req, tty: false });
  return opened.ok ? undefined : opened.status;
}

/** Collects a program's output in order; with a terminal, stderr and stdout are one stream. */
function collector(tty: boolean): { output: ExecChunk[]; io: (stdin: string) => Io } {
  const output: ExecChunk[] = [];
  const push = (stream: ExecChunk['stream']) => (text: string): void => {
    if (!text) return;
    const s = tty ? 'out' : stream;
    const last = output[output.length - 1];
    if (last?.stream === s) last.text += text; else output.push({ stream: s, text });
  };
  return { output, io: (stdin) => ({ stdin, out: push('out'), err: push('err') }) };
}

/**
 * The container runtime's answer to a program the image does not have: containerd's error as the API's
 * InternalError, or with a terminal its message on the terminal and exit status 126.
 */
function missingProgram(c: Cluster, world: ExecWorld, program: string): ExecResult | undefined {
  const prog = programName(program);
  if (prog !== undefined && world.userland.bins.has(prog)) return undefined;
  const why = program.includes('/') ? `stat ${program}: no such file or directory` : 'executable file not found in $PATH';
  const oci = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${why}: unknown`;
  if (!world.tty) return { ok: false, status: internalError(`error executing command in container: failed to exec in container: failed to start exec "${execId(c)}": ${oci}`) };
  return { ok: true, output: [{ stream: 'out', text: `${oci}\r\n` }], exitCode: 126 };
}

/** Runs a command in a container of a pod, as `kubectl exec` asks the API server to. Never throws for any store content. */
export function execInPod(c: Cluster, req: ExecRequest): ExecResult {
  const opened = openContainer(c, req);
  if (!opened.ok) return opened;
  const { world, vars } = opened;
  const missing = missingProgram(c, world, req.command[0]);
  if (missing) return missing;
  const { output, io } = collector(req.tty);
  const argv = [programName(req.command[0])!, ...req.command.slice(1)];
  if (req.timeoutMs !== undefined) {
    const timed = runTimed({ pod: world.pod, argv, prog: argv[0], world, env: vars }, io(req.stdin ?? ''), req.timeoutMs);
    if (timed) return { ok: true, output, ...timed };
  }
  const sh = new Shell(world, shKind(world.userland.flavour), 'sh', vars);
  const exitCode = sh.exec(argv, io(req.stdin ?? ''));
  return { ok: true, output, exitCode };
}

/**
 * Runs a command under a time limit, its sleeps taking their time (Shell.runFrom): a shell script step by step until
 * it ends or its sleeps reach the limit, `sleep N` by its length. Undefined for any other command (it takes no time).
 */
function runTimed(x: ProcessContext, io: Io, limitMs: number): { exitCode: number; timedOut?: true } | undefined {
  const direct = sleepMs(x.argv, x.world.userland.bins);
  if (direct !== undefined) return direct >= limitMs ? { exitCode: 0, timedOut: true } : { exitCode: 0 };
  const script = shellScript(x);
  if (!script) return undefined;
  const sh = scriptShell(x, script);
  let at = SCRIPT_START, spent = 0;
  for (;;) {
    const r = sh.runFrom(script.lists, at, io);
    if (r.done) return { exitCode: r.status };
    spent += r.ms;
    if (spent >= limitMs) return { exitCode: 0, timedOut: true };
    at = r.next;
  }
}

/** An interactive shell's lasting state between the lines typed into it (structured-clone safe). */
export type ShellSession = ShellState;

/** One line typed into an interactive shell (`kubectl exec -it POD -- sh`); an empty line starts the shell. */
export interface ShellLineRequest { namespace: string; pod: string; container: string; program: string; line: string; session?: ShellSession }

/** What the line printed, the shell's state after it, its prompt, and whether it ran `exit`. */
export type ShellLineResult =
  | { ok: false; status: ApiStatus }
  | { ok: true; output: ExecChunk[]; exitCode: number; exited: boolean; session: ShellSession; prompt: string };

/**
 * The shell's prompt as root: dash's `# `, BusyBox ash's `\w \$ ` (`/ # `, `~ # `), and bash's from Debian's
 * bash.bashrc `\u@\h:\w\$ ` (`root@web-0:/# `).
 */
function promptOf(kind: ShellKind, cwd: string, host: string): string {
  const w = cwd === '/root' || cwd.startsWith('/root/') ? `~${cwd.slice(5)}` : cwd;
  if (kind === 'dash') return '# ';
  if (kind === 'ash') return `${w} # `;
  return `root@${host}:${w}# `;
}

/** Runs one line in an interactive shell in a container, with a terminal. Never throws for any store content. */
export function execShellLine(c: Cluster, req: ShellLineRequest): ShellLineResult {
  const opened = openContainer(c, { ...req, tty: true });
  if (!opened.ok) return opened;
  const { world } = opened;
  const missing = missingProgram(c, world, req.program);
  if (missing) return missing.ok ? { ...missing, exited: true, session: { cwd: '/', vars: [] }, prompt: '' } : missing;
  const prog = programName(req.program)!;
  const kind: ShellKind = prog === 'bash' || prog === 'dash' || prog === 'ash' ? prog : shKind(world.userland.flavour);
  const sh = Shell.resume(world, kind, prog, req.session ?? { cwd: '/', vars: [...opened.vars] });
  sh.interactive = true;
  const { output, io } = collector(true);
  const exitCode = req.line.trim() ? sh.run(req.line, io('')) : 0;
  const host = world.pod.spec?.hostname || world.pod.metadata!.name!;
  return { ok: true, output, exitCode, exited: sh.exited, session: sh.state(), prompt: promptOf(kind, sh.cwd, host) };
}

/** How far a container's own command ran: to its end with a status, or to a `sleep` it is in for `ms` (see Shell.runFrom). */
export type ProcessRun = { done: true; status: number } | { done: false; ms: number };

/** A container's own command and what runs it: its spec's argv, the pod, and a world for its processes. */
interface ProcessContext { pod: Pod; argv: string[]; prog: string; world: ExecWorld; env: Map<string, string> }

function processContext(c: Cluster, namespace: string, podName: string, ct: ContainerRuntime): ProcessContext | undefined {
  const pod = c.store.get('Pod', namespace, podName);
  const spec = pod && containerSpec(pod, ct.name);
  if (!pod || !spec || !(spec.command?.length || spec.args?.length)) return undefined;
  const tty = !!spec.tty;
  const kubelet = kubeletEnv(c.store, pod, spec, ct.startedAt ?? '', ct.configEnv);
  const env = environment(pod, kubelet, tty);
  // The kubelet expands `$(NAME)` in the command and args with its own variables (not PATH, HOSTNAME or HOME).
  const argv = expandedArgv(spec, kubelet);
  const userland = userlandOf(ct.image);
  const prog = programName(argv[0]);
  // A shell reading its standard input (`sh`, `sh -i`) waits for whoever attaches; it has no script to run now.
  if (prog === undefined || !userland.bins.has(prog) || !UTILITIES.has(prog) || shellReadingStdin(argv)) return undefined;
  const world: ExecWorld = { c, pod, fs: new ContainerFs(c, pod, ct.name, ct.restartCount, userland), userland, tty, utilities: UTILITIES, process: ct };
  return { pod, argv, prog, world, env };
}

/** `sh -c SCRIPT [NAME ARGS…]` (or bash, ash, dash): the shell that runs the script, its $0 and $1…, and the parsed script. */
function shellScript(x: ProcessContext): { kind: ShellKind; name: string; named: boolean; params: string[]; lists: AndOr[] } | undefined {
  const { argv, prog, world } = x;
  if (!SHELL_PROGRAMS.has(prog) || argv[1] !== '-c' || argv[2] === undefined) return undefined;
  const kind: ShellKind = prog === 'sh' ? shKind(world.userland.flavour) : (prog as ShellKind);
  const lists = parseScript(argv[2], kind);
  if (!Array.isArray(lists)) return undefined; // the shell's own syntax error is written by the one-go path
  return { kind, name: argv[3] ?? (kind === 'bash' ? 'bash' : 'sh'), named: argv[3] !== undefined, params: argv.slice(4), lists };
}

const SHELL_PROGRAMS = new Set(['sh', 'bash', 'ash', 'dash']);

/** The shell that runs a container's script: from its start with the container's environment, or going on from `state`. */
function scriptShell(x: ProcessContext, script: NonNullable<ReturnType<typeof shellScript>>, state?: ShellState): Shell {
  const sh = Shell.resume(x.world, script.kind, script.name, state ?? { cwd: '/', vars: [...x.env], params: script.params }, script.params);
  sh.named = script.named;
  return sh;
}

/**
 * Runs a step of a container's script from `from` (see Shell.runFrom): what it writes goes to the container's log
 * with the time it is written, and where it stops is kept with the container for the next step.
 */
function scriptStep(x: ProcessContext, ct: ContainerRuntime, sh: Shell, lists: AndOr[], from: ScriptPoint, signal?: string): ProcessRun | undefined {
  const { output, io } = collector(x.world.tty);
  let r: ScriptRun | undefined;
  try {
    // A signal that came while the script slept is taken first: its trap runs, and may end the script.
    r = (signal && sh.takeSignal(signal, io(''))) || sh.runFrom(lists, from, io(''));
  } catch {
    r = undefined; // a gap in the model must never stop the kubelet: the process model decides alone
  }
  const text = output.map((o) => o.text).join('');
  if (!r || hasUnmodelled(text)) { ct.script = undefined; return undefined; }
  recordProcessOutput(x.world.c, x.pod, ct, text);
  if (r.done) { ct.script = undefined; return r; }
  // After `sleep infinity` the rest never runs, but the script is still the container's process.
  ct.script = { frames: r.next, ...sh.state() };
  return { done: false, ms: r.ms };
}

/**
 * Runs a container's own command as it starts (`command` and `args` of its spec), when the model knows every
 * program in it: what it writes goes to the container's log and its files to the container's file system. A
 * shell script stops at each `sleep` (at its top level or in a loop, an `if` or `{ }`); the kubelet runs the rest
 * when the sleep is over (resumeContainerProcess), so `touch /tmp/healthy; sleep 30; rm /tmp/healthy` removes the
 * file 30 s later, and the container ends when the script does.
 * Undefined when there is no command or part of it is not modelled (then nothing is logged, and the kubelet's
 * process model alone decides how the container ends). Never throws.
 */
export function runContainerProcess(c: Cluster, namespace: string, podName: string, ct: ContainerRuntime): ProcessRun | undefined {
  ct.script = undefined;
  const x = processContext(c, namespace, podName, ct);
  if (!x) return undefined;
  const script = shellScript(x);
  if (script) return scriptStep(x, ct, scriptShell(x, script), script.lists, SCRIPT_START);
  // nginx as the command itself: the process model runs it (the kubelet knew it would as the container started).
  if (nginxMode(x.argv)) return undefined;
  // `sleep N` as the command itself: the process sleeps, then ends (see resumeContainerProcess).
  const ms = sleepMs(x.argv, x.world.userland.bins);
  if (ms !== undefined) {
    recordProcessOutput(c, x.pod, ct, '');
    ct.script = { frames: [{ list: 0, link: -1, sleep: true, exit: true }], cwd: '/', vars: [] };
    return { done: false, ms };
  }
  const { output, io } = collector(x.world.tty);
  const sh = new Shell(x.world, shKind(x.world.userland.flavour), 'sh', x.env);
  let exitCode: number;
  try {
    exitCode = sh.exec([x.prog, ...x.argv.slice(1)], io(''));
  } catch {
    return undefined; // a gap in the model must never stop the kubelet: the process model decides alone
  }
  const text = output.map((o) => o.text).join('');
  if (hasUnmodelled(text)) return undefined;
  recordProcessOutput(c, x.pod, ct, text);
  return { done: true, status: exitCode };
}

/** Runs the next step of a container's script after its sleep (see runContainerProcess). Never throws. */
export function resumeContainerProcess(c: Cluster, namespace: string, podName: string, ct: ContainerRuntime): ProcessRun | undefined {
  const at = ct.script;
  // `sleep N` or `exec sleep N` at the top level: the process ends when the sleep does.
  if (at?.frames.length === 1 && at.frames[0].exit) { ct.script = undefined; return { done: true, status: 0 }; }
  const x = at && processContext(c, namespace, podName, ct);
  const script = x && shellScript(x);
  if (!at || !x || !script) { ct.script = undefined; return undefined; }
  return scriptStep(x, ct, scriptShell(x, script, at), script.lists, at.frames, at.signal);
}
