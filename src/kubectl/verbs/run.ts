// `kubectl run NAME --image=IMAGE [flags] [-- COMMAND|ARGS…]`: creates one Pod from kubectl's run generator
// (label run=NAME, one container named NAME, dnsPolicy ClusterFirst), prints it (-o, --dry-run) or attaches to it
// (-i / --attach): waits for it to run, shows what it writes (or its log if it already finished), feeds a shell
// its standard input, waits for its exit status under restartPolicy Never or OnFailure, and with --rm deletes it.
// Models kubectl/pkg/cmd/run/run.go, generate/versioned/run.go BasicPod and cmd/attach/attach.go.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseGoDuration } from '../../engine/clock/time.ts';
import { containerLog } from '../../engine/exec/logs.ts';
import { execInPod, execShellLine } from '../../engine/exec/exec.ts';
import { lookupImage } from '../../engine/kubelet/images.ts';
import { endStdinProcess } from '../../engine/kubelet/faults.ts';
import { kubeletState } from '../../engine/kubelet/runtime.ts';
import { shellReadingStdin, stdinShellOf } from '../../engine/kubelet/process.ts';
import { readyCondition } from '../../engine/api/pod-util.ts';
import type { KObject } from '../../engine/api/types.ts';
import { applyOverrides } from './run-overrides.ts';
import type { Ctx, Verb } from '../context.ts';
import type { Cluster, OutputChunk, ShellAttach } from '../types.ts';
import { E, KubectlError, apiErrorText, streamErrorText } from '../errors.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation, type DryRun, type PrintFormat } from '../print-flags.ts';
import { Stream } from '../stream.ts';
import { deletedLine } from './delete.ts';
import { createService } from './expose.ts';
import { sendGenerated } from './create-generated.ts';
import { SERVICE_SHAPE } from '../typed-order.ts';

// Models github.com/distribution/reference ReferenceRegexp: [domain[:port]/]path[:tag][@digest].
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REFERENCE = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Models generate.ParseLabels (and expose's parseLabels after its empty check): `k=v,k2=v2`. */
export function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new KubectlError(`error: unexpected label spec: ${part}`);
    if (!kv[0]) throw new KubectlError('error: unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return labels;
}

/** Models BasicPod.Generate: the Pod kubectl run sends. */
function generatePod(ctx: Ctx, name: string, args: string[], restartPolicy: string): Pod {
  const container: Container = { name, image: ctx.str('image') };
  if (args.length) {
    if (ctx.bool('command')) container.command = args; else container.args = args;
  }
  const env = ctx.list('env').map((e) => {
    const at = e.indexOf('=');
    const key = at < 0 ? '' : e.slice(0, at);
    if (!key || !ENV_NAME.test(key)) throw new KubectlError(`error: invalid env: ${e}`);
    return { name: key, value: e.slice(at + 1) };
  });
  if (env.length) container.env = env;
  if (ctx.str('image-pull-policy')) container.imagePullPolicy = ctx.str('image-pull-policy');
  if (ctx.str('port')) {
    // The generator only converts it (strconv.Atoi); the API server checks the range.
    const text = ctx.str('port');
    if (!/^[+-]?\d+$/.test(text)) throw new KubectlError(`error: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    container.ports = [{ containerPort: Number(text) }];
  }
  container.resources = {};
  if (ctx.bool('privileged')) container.securityContext = { privileged: true };
  if (ctx.bool('stdin')) {
    container.stdin = true;
    if (!ctx.bool('leave-stdin-open')) container.stdinOnce = true;
  }
  if (ctx.bool('tty')) container.tty = true;
  const labels = ctx.str('labels') ? parseLabels(ctx.str('labels')) : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of ctx.list('annotations')) {
    const at = a.indexOf('=');
    if (at <= 0) throw new KubectlError(`error: invalid annotations format: ${a}`);
    annotations[a.slice(0, at)] = a.slice(at + 1);
  }
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy },
    status: {},
  };
}

export const run: Verb = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    { name: 'image', type: 'string', default: '' },
    { name: 'image-pull-policy', type: 'string', default: '' },
    { name: 'rm', type: 'bool' },
    { name: 'env', type: 'stringArray', default: [] },
    { name: 'port', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'command', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'annotations', type: 'stringArray', default: [] },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'field-manager', type: 'string', default: 'kubectl-run' },
    { name: 'save-config', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    // Cobra checks the required flag before the command runs.
    if (!ctx.given('image')) throw new KubectlError('error: required flag(s) "image" not set');
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    const attach = ctx.given('attach') ? ctx.bool('attach') : ctx.bool('stdin');
    const args = ctx.args;
    if (!args.length || ctx.flags.dashAt === 0) throw new KubectlError(E.usageErr('run', 'NAME is required for run'));
    const timeoutText = ctx.str('pod-running-timeout');
    const timeout = parseGoDuration(timeoutText);
    if (timeout === null) throw new KubectlError(E.usageErr('run', `time: invalid duration "${timeoutText}"`));
    if (timeout <= 0) throw new KubectlError(E.usageErr('run', '--pod-running-timeout must be higher than zero'));
    const image = ctx.str('image');
    if (!image) throw new KubectlError('error: --image is required');
    if (!REFERENCE.test(image)) throw new KubectlError(`error: Invalid image name "${image}": invalid reference format`);
    if (ctx.bool('tty') && !ctx.bool('stdin')) throw new KubectlError(E.usageErr('run', '-i/--stdin is required for containers with -t/--tty=true'));
    if (ctx.bool('expose') && !ctx.str('port')) throw new KubectlError(E.usageErr('run', '--port must be set when exposing a service'));
    const restart = ctx.str('restart') || (ctx.bool('stdin') ? 'OnFailure' : 'Always');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(E.usageErr('run', `invalid restart policy: ${restart}`));
    if (!attach && ctx.bool('rm')) throw new KubectlError(E.usageErr('run', '--rm should only be used for attached containers'));
    if (attach && dry !== 'none') throw new KubectlError(E.usageErr('run', "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    const pull = ctx.str('image-pull-policy');
    if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw new KubectlError(E.usageErr('run', `invalid image pull policy: ${pull}`));
    if (ctx.bool('expose') && attach) throw new KubectlError('error: "kubectl run --expose" with an attached session is not available in this simulated cluster; run the pod without -i or --attach');

    const name = args[0];
    const command = args.slice(1);
    const readsStdin = ctx.bool('stdin') && (command.length === 0 || shellReadingStdin(command));
    // From the app's terminal, `-it` with a shell attaches the terminal to it (the tutorial's dns-test pod). A
    // terminal without a TTY, or a process other than a shell, is not modelled: refused before anything is created.
    if (attach && ctx.io.terminal && readsStdin) {
      if (!stdinShellOf(command, lookupImage(image))) {
        throw new KubectlError(`error: an interactive session through kubectl run with this image's own process is not available in this simulated cluster; run the pod with a command that keeps it running, then open a shell in it:\n  kubectl run ${name} --image=${image} --restart=Never -- sleep 3600\n  kubectl exec -it ${name} -- sh`);
      }
      if (!ctx.bool('tty')) {
        throw new KubectlError(`error: an interactive session through kubectl run without -t is not available in this simulated cluster; use kubectl run -it ${name} --image=${image}`);
      }
    }

    let pod = generatePod(ctx, name, command, restart);
    if (ctx.str('overrides')) pod = applyOverrides(pod as KObject, ctx.str('overrides'), ctx.str('override-type')) as Pod;
    const ns = ctx.namespace;
    if (dry === 'client') {
      if (ctx.namespaceExplicit) pod.metadata!.namespace = ns;
      exposed(ctx, name, dry, format);
      printMutation(ctx, format, dry, 'Pod', pod as never, 'created');
      return;
    }
    const r = ctx.cluster.store.create('Pod', { ...pod, metadata: { ...pod.metadata, namespace: ns } } as never, { dryRun: dry === 'server' });
    for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
    if (!r.ok) throw new KubectlError(apiErrorText(r.status));
    if (!attach) {
      // The Service is made and printed after the pod is made and before it is printed; its error comes last.
      let failed: unknown;
      try { exposed(ctx, name, dry, format); } catch (e) { failed = e; }
      printMutation(ctx, format, dry, 'Pod', r.object as never, 'created');
      if (failed) throw failed;
      return;
    }
    return attachStream(ctx.cluster, {
      ns, name, restart, timeout, readsStdin, rm: ctx.bool('rm'), quiet: ctx.bool('quiet'), tty: ctx.bool('tty'),
      terminal: !!ctx.io.terminal, waitForExit: !ctx.bool('leave-stdin-open') && (restart === 'Never' || restart === 'OnFailure'),
      stdin: ctx.io.stdin ?? '',
    });
  },
};

/** What the attached part of `run -i` goes on with: the command's options, plain data (kept by a shell session). */
export interface RunAttach {
  ns: string; name: string; restart: string; timeout: number; readsStdin: boolean;
  rm: boolean; quiet: boolean; tty: boolean; terminal: boolean; waitForExit: boolean; stdin: string;
}

/**
 * The interactive shell that `run -it` attached the terminal to (the container's own process) has exited with
 * `code`: its standard input closes and the container ends; kubectl goes on as after any attached session (waits
 * for the pod to complete, and with --rm deletes it), in the stream returned. For `attach -it`, nothing follows.
 */
export function mainShellExited(c: Cluster, a: ShellAttach, code: number): { output: OutputChunk[]; stream?: Stream } {
  const rt = kubeletState(c).pods[a.main!.uid];
  if (rt) endStdinProcess(c, rt, a.container, code);
  const run = a.main!.run;
  if (!run) return { output: [] };
  const s = attachStream(c, run, 'ended', a.main!.uid);
  const first = s.poll();
  return s.done ? { output: first.output } : { output: first.output, stream: s };
}

/**
 * The attached part of `run -i`: waits for the pod to run and be ready (or to have finished), attaches (or prints
 * its log), waits for the exit status when the restart policy lets the pod complete, and with --rm deletes it.
 */
function attachStream(c: Cluster, o: RunAttach, from: 'starting' | 'ended' = 'starting', uidFrom = ''): Stream {
  const { ns, name, restart, timeout, readsStdin, quiet, waitForExit } = o;
  let phase: 'starting' | 'attached' | 'ended' | 'completing' = from;
  let uid = uidFrom;
  // Output already shown of the attached container (its log lines).
  let shown = 0;

  const remove = (s: Stream): void => {
    if (!o.rm) return;
    const p = c.store.get('Pod', ns, name);
    if (!p || p.metadata!.uid !== uid) return; // IgnoreNotFound
    const d = c.store.delete('Pod', ns, name, {});
    if (!d.ok) return;
    s.out(quiet ? '' : deletedLine('Pod', p.metadata!, -1, 'none'));
    s.log(`kubectl delete pod ${name} -n ${ns} --wait=false`);
  };
  const fail = (s: Stream, text: string, code = 1): void => {
    remove(s);
    s.err(`${text}\n`);
    s.finish(code);
  };
  const logLines = (): string[] => {
    const l = containerLog(c, ns, name, name, false);
    return l.ok ? l.lines.map((x) => x.text) : [];
  };
  const printNewLines = (s: Stream): void => {
    const lines = logLines();
    for (const line of lines.slice(shown)) s.out(`${line}\n`);
    shown = Math.max(shown, lines.length);
  };
  const containerEnded = (pod: Pod): boolean => {
    const rt = kubeletState(c).pods[pod.metadata!.uid!];
    const ct = rt?.containers.find((x) => x.name === name);
    return !ct || ct.state !== 'running';
  };
  // After the session: the exit status (Never, OnFailure) or done. A terminal session with a TTY to a pod that
  // restarts its container says how to come back (AttachOptions.Run).
  const afterAttach = (s: Stream): void => {
    if (!quiet && o.terminal && o.tty && readsStdin && restart === 'Always') {
      s.out(`Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`);
    }
    if (!waitForExit) { remove(s); s.finish(0); return; }
    phase = 'completing';
    s.deadline = c.now + timeout;
    step(s);
  };

  const step = (s: Stream): void => {
    const pod = c.store.get('Pod', ns, name);
    if (!pod || (uid && pod.metadata!.uid !== uid)) { fail(s, `Error from server (NotFound): pods "${name}" not found`); return; }
    uid = pod.metadata!.uid!;
    const podPhase = pod.status?.phase;
    const done = podPhase === 'Succeeded' || podPhase === 'Failed';
    if (phase === 'ended') { afterAttach(s); return; }
    if (phase === 'starting') {
      if (done) {
        // Models handleAttachPod: a pod that already ran to completion shows its log instead.
        for (const line of logLines()) s.out(`${line}\n`);
        afterAttach(s);
        return;
      }
      if (podPhase !== 'Running' || readyCondition(pod)?.status !== 'True') return;
      if (!quiet) {
        if (o.tty && !o.terminal) s.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
        s.err('All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n');
        s.err("If you don't see a command prompt, try pressing enter.\n");
      }
      phase = 'attached';
      s.deadline = undefined;
      if (readsStdin && o.terminal) {
        // The terminal is handed to the shell (the host sends it the lines typed next); kubectl goes on when it
        // exits (mainShellExited).
        const spec = pod.spec!.containers![0];
        const program = stdinShellOf([...(spec.command ?? []), ...(spec.args ?? [])], lookupImage(spec.image ?? ''))?.[0] ?? 'sh';
        const r = execShellLine(c, { namespace: ns, pod: name, container: name, program, line: '' });
        if (!r.ok) { fail(s, streamErrorText(r.status)); return; }
        s.attachShell({ namespace: ns, pod: name, container: name, program, session: r.session, base: r.session.vars, prompt: r.prompt, main: { uid, run: o } });
        s.finish(0);
        return;
      }
      if (readsStdin) {
        // The shell reads what kubectl sends, then its input closes (stdinOnce) and it exits.
        const spec = pod.spec!.containers![0];
        const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
        const r = execInPod(c, { namespace: ns, pod: name, container: name, command: argv.length ? argv : ['sh'], stdin: o.stdin, tty: false });
        if (r.ok) for (const chunk of r.output) if (chunk.stream === 'out') s.out(chunk.text); else s.err(chunk.text);
        const rt = kubeletState(c).pods[uid];
        if (rt) endStdinProcess(c, rt, name, r.ok ? r.exitCode : 1);
        afterAttach(s);
        return;
      }
      printNewLines(s);
    }
    if (phase === 'attached') {
      printNewLines(s);
      if (containerEnded(pod) || done) afterAttach(s);
      return;
    }
    // completing: podCompleted (Never) or podSucceeded (OnFailure).
    if (podPhase === 'Succeeded') { remove(s); s.finish(0); return; }
    if (podPhase === 'Failed' && restart === 'Never') {
      const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
      if (!term) { fail(s, `error: pod ${ns}/${name} failed with unknown exit code`); return; }
      if (!term.exitCode) { fail(s, `error: pod ${ns}/${name} failed with unknown exit code`); return; }
      // A CodeExitError: printed as it is, the container's exit code is kubectl's.
      fail(s, `pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`.replace(/\n$/, ''), term.exitCode);
    }
  };

  return new Stream(c, {
    step,
    onTimeout(s) {
      remove(s);
      s.err(`${E.timedOut}\n`);
    },
  }, false, c.now + timeout);
}

/**
 * `run --expose`: a ClusterIP Service for the pod (expose's generator; selector: the pod's `-l` labels, else
 * `run=NAME`; the port as given), sent and printed, then `---` between it and the pod for `-o yaml`.
 */
function exposed(ctx: Ctx, name: string, dry: DryRun, format: PrintFormat): void {
  if (!ctx.bool('expose')) return;
  const labels = ctx.str('labels');
  const svc = createService(ctx, { selector: labels || `run=${name}`, labels, name, port: ctx.str('port'), ports: '', protocols: new Map() }, () => '');
  sendGenerated(ctx, { dry, format, validation: 'Strict' }, 'Service', svc, SERVICE_SHAPE, apiErrorText);
  if (format === 'yaml') ctx.out('---\n');
}
