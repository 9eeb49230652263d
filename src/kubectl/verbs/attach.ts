// `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] -i [-t]`: joins the process a container runs, as the pods/attach
// subresource does. Modelled for what `kubectl run -i` starts: a shell reading its standard input (the container's
// `stdin: true`). Standard input given to kubectl goes to that shell; with `stdinOnce` (kubectl run's default), the
// input closes when the session ends, so the shell exits and the container ends with its status. From the app's
// terminal, `-it` hands the terminal to the shell (its prompt, until `exit`). Without -i, attach follows what the
// process writes from now on (unlike logs -f, nothing it wrote before), until Ctrl-C or the process ends. Models
// kubectl/pkg/cmd/attach/attach.go.
import { execInPod, execShellLine, streamRefusal } from '../../engine/exec/exec.ts';
import { containerLog } from '../../engine/exec/logs.ts';
import type { Pod } from '../../engine/api/types.ts';
import { endStdinProcess } from '../../engine/kubelet/faults.ts';
import { kubeletState } from '../../engine/kubelet/runtime.ts';
import { stdinShellOf } from '../../engine/kubelet/process.ts';
import { lookupImage } from '../../engine/kubelet/images.ts';
import type { Ctx, Verb } from '../context.ts';
import { Stream } from '../stream.ts';
import { unmodelledOutput } from './logs.ts';
import { E, KubectlError, streamErrorText } from '../errors.ts';
import { CONTAINER_STREAM_FLAGS, defaultContainer, podFor } from '../pod-target.ts';

export const attach: Verb = {
  name: 'attach',
  short: 'Attach to a running container',
  flags: CONTAINER_STREAM_FLAGS,
  run(ctx) {
    const args = ctx.args;
    // attach.go Complete words it as a plain error, without the usage hint.
    if (args.length === 0) throw new KubectlError('error: at least 1 argument is required for attach');
    if (args.length > 2) throw new KubectlError(E.usageErr('attach', `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`));
    const quiet = ctx.bool('quiet');
    const pod = podFor(ctx, args.length === 2 ? `${args[0]}/${args[1]}` : args[0], 'active').pod;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot attach a container in a completed pod; current phase is ${phase}`);
    const name = ctx.str('container') || defaultContainer(ctx, pod, quiet);
    const spec = pod.spec?.containers?.find((x) => x.name === name);
    if (!spec) throw new KubectlError(`error: container ${name} not found in pod ${pod.metadata!.name}`);
    const ns = pod.metadata!.namespace!;
    const podName = pod.metadata!.name!;
    if (!ctx.bool('stdin')) return follow(ctx, pod, name);
    const shell = stdinShellOf([...(spec.command ?? []), ...(spec.args ?? [])], lookupImage(spec.image ?? ''));
    const rt = kubeletState(ctx.cluster).pods[pod.metadata!.uid!];
    const ct = rt?.containers.find((x) => x.name === name);
    if (!spec.stdin || !shell || !rt || !ct || ct.state !== 'running' || ct.stdinClosed) {
      throw new KubectlError(`error: attaching to container ${name} of pod ${podName} is not available in this simulated cluster: only a running shell that reads its standard input (kubectl run -i, stdin: true) can be attached to`);
    }
    // Models AttachOptions.Run: a TTY needs one on both ends.
    let tty = ctx.bool('tty');
    if (tty && !spec.tty) {
      tty = false;
      if (!quiet) ctx.err(`error: Unable to use a TTY - container ${name} did not allocate one\n`);
    } else if (tty && !ctx.io.terminal) {
      tty = false;
      if (!quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    }
    const program = shell[0];
    if (ctx.io.terminal) {
      if (!tty) throw new KubectlError(`error: a shell reading the terminal without -t is not available in this simulated cluster; use kubectl attach -it ${podName}`);
      const r = execShellLine(ctx.cluster, { namespace: ns, pod: podName, container: name, program, line: '' });
      if (!r.ok) throw new KubectlError(streamErrorText(r.status));
      if (!quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");
      ctx.attach = { namespace: ns, pod: podName, container: name, program, session: r.session, base: r.session.vars, prompt: r.prompt, main: { uid: pod.metadata!.uid! } };
      return;
    }
    if (!quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");
    const r = execInPod(ctx.cluster, { namespace: ns, pod: podName, container: name, command: shell, stdin: ctx.io.stdin ?? '', tty: false });
    if (!r.ok) throw new KubectlError(streamErrorText(r.status));
    for (const chunk of r.output) if (chunk.stream === 'out') ctx.out(chunk.text); else ctx.err(chunk.text);
    // The input closes with the session (stdinOnce), or the input ended the shell (`exit`): the container ends.
    if (spec.stdinOnce || /(^|\n)\s*exit\b[^\n]*\n?$/.test(ctx.io.stdin ?? '')) endStdinProcess(ctx.cluster, rt, name, r.exitCode);
  },
};

/**
 * `attach` without -i: what the container's process writes from now on (its standard output and error, as its log
 * records them), until Ctrl-C or that process ends (a restart starts another one, not attached to).
 */
function follow(ctx: Ctx, pod: Pod, container: string): Stream {
  const c = ctx.cluster;
  const ns = pod.metadata!.namespace!, podName = pod.metadata!.name!;
  const refused = streamRefusal(c, { namespace: ns, pod: podName, container });
  if (refused) throw new KubectlError(streamErrorText(refused));
  const instance = (): number | undefined => kubeletState(c).pods[pod.metadata!.uid!]?.containers.find((x) => x.name === container)?.restartCount;
  const started = instance();
  const first = containerLog(c, ns, podName, container, false);
  if (first.ok && first.unmodelled) ctx.err(unmodelledOutput(container));
  let shown = first.ok ? first.lines.length : 0;
  return new Stream(c, {
    step(s) {
      const r = containerLog(c, ns, podName, container, false);
      if (!r.ok || instance() !== started) { s.finish(0); return; }
      for (const l of r.lines.slice(shown)) s.out(`${l.text}\n`);
      shown = r.lines.length;
      if (!r.running) s.finish(0);
    },
  }, true);
}
