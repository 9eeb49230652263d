// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: picks the pod (the first
// active one for a StatefulSet or Service) and the container, then runs the command through the pods/exec
// subresource and prints what it wrote. Models kubectl/pkg/cmd/exec/exec.go, podcmd.FindOrDefaultContainerByName
// and polymorphichelpers.AttachablePodForObjectFn.
import { execInPod, execShellLine } from '../../engine/exec/exec.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError, streamErrorText } from '../errors.ts';
import { CONTAINER_STREAM_FLAGS, defaultContainer, podFor } from '../pod-target.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/bash']);

export const exec: Verb = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [...CONTAINER_STREAM_FLAGS, { name: 'filename', short: 'f', type: 'strings' }],
  run(ctx) {
    const args = ctx.args;
    const dashAt = ctx.flags.dashAt;
    const quiet = ctx.bool('quiet');
    // Models ExecOptions.Complete: the pod is the first argument unless `--` comes first.
    const resource = args.length > 0 && dashAt !== 0 ? args[0] : '';
    let command: string[] = [];
    if (dashAt > -1) command = args.slice(dashAt);
    else if (args.length > 1) throw new KubectlError(E.usageErr('exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead'));
    const timeout = ctx.duration('pod-running-timeout');
    if (timeout <= 0) throw new KubectlError(`error: --pod-running-timeout must be higher than zero\nSee 'kubectl exec -h' for help and examples`);
    if (ctx.list('filename').length) throw new KubectlError('error: "kubectl exec -f" is not available in this simulated cluster');
    if (!resource) throw new KubectlError('error: pod, type/name or --filename must be specified');
    if (!command.length) throw new KubectlError('error: you must specify at least one command for the container');

    const pod = podFor(ctx, resource, 'active').pod;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);

    const container = ctx.str('container') || defaultContainer(ctx, pod, quiet);

    // Models StreamOptions.SetupTTY: a TTY needs -i and a terminal on standard input.
    let tty = false;
    if (ctx.bool('stdin') && ctx.bool('tty')) {
      if (ctx.io.terminal) tty = true;
      else if (!quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    }
    if (ctx.bool('stdin') && ctx.io.terminal && SHELLS.has(command[0]) && command.length === 1) {
      if (!tty) throw new KubectlError(`error: a shell reading the terminal without -t is not available in this simulated cluster; use kubectl exec -it ${pod.metadata!.name} -- ${command[0]}`);
      // An interactive shell: started here, then fed the lines typed next (the host's Session).
      const ns = pod.metadata!.namespace ?? ctx.namespace;
      const r = execShellLine(ctx.cluster, { namespace: ns, pod: pod.metadata!.name!, container, program: command[0], line: '' });
      if (!r.ok) throw new KubectlError(streamErrorText(r.status));
      if (r.exited) {
        for (const chunk of r.output) ctx.out(chunk.text);
        throw new KubectlError(`command terminated with exit code ${r.exitCode}`, r.exitCode);
      }
      ctx.attach = { namespace: ns, pod: pod.metadata!.name!, container, program: command[0], session: r.session, base: r.session.vars, prompt: r.prompt };
      return;
    }

    const r = execInPod(ctx.cluster, {
      namespace: pod.metadata!.namespace ?? ctx.namespace, pod: pod.metadata!.name!, container, command,
      stdin: ctx.bool('stdin') && !ctx.io.terminal ? (ctx.io.stdin ?? '') : undefined, tty,
    });
    if (!r.ok) throw new KubectlError(streamErrorText(r.status));
    for (const chunk of r.output) if (chunk.stream === 'out') ctx.out(chunk.text); else ctx.err(chunk.text);
    if (r.exitCode !== 0) throw new KubectlError(`command terminated with exit code ${r.exitCode}`, r.exitCode);
  },
};
