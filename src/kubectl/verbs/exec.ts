// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: picks the pod (the first
// active one for a StatefulSet or Service) and the container, then runs the command through the pods/exec
// subresource and prints what it wrote. Models kubectl/pkg/cmd/exec/exec.go, podcmd.FindOrDefaultContainerByName
// and polymorphichelpers.AttachablePodForObjectFn.
import type { KObject, Pod, Service, StatefulSet } from '../../engine/api/types.ts';
import { matchesRequirements, selectorRequirements, type Requirement } from '../../engine/api/labels.ts';
import { readyCondition } from '../../engine/api/pod-util.ts';
import { execInPod, execShellLine } from '../../engine/exec/exec.ts';
import { parseGoDuration, parseRfc3339 } from '../../engine/clock/time.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { namedObjects } from '../targets.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/bash']);

/**
 * Models podutils.ActivePods reversed (GetFirstPod's order): scheduled, then running, then ready, ready for
 * longer, fewer restarts, older. Returns negative when a comes first.
 */
function moreActiveFirst(a: Pod, b: Pod): number {
  const rank = (p: Pod): number[] => {
    const phase = p.status?.phase === 'Running' ? 2 : p.status?.phase === 'Unknown' ? 1 : 0;
    const ready = readyCondition(p);
    const readySince = ready?.status === 'True' ? -parseRfc3339(ready.lastTransitionTime ?? '') || 0 : 0;
    const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => Math.max(n, c.restartCount ?? 0), 0);
    const created = -parseRfc3339(p.metadata?.creationTimestamp ?? '') || 0;
    return [p.spec?.nodeName ? 1 : 0, phase, ready?.status === 'True' ? 1 : 0, readySince, -restarts, created];
  };
  const ra = rank(a), rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
  return 0;
}

/** The pod a resource stands for: itself, or the first active pod its selector matches. */
function attachablePod(ctx: Ctx, kind: string, obj: KObject): Pod {
  if (kind === 'Pod') return obj as Pod;
  let selector: Requirement[];
  if (kind === 'StatefulSet') {
    selector = selectorRequirements((obj as StatefulSet).spec?.selector) ?? [];
  } else if (kind === 'Service') {
    const sel = (obj as Service).spec?.selector;
    if (!sel || !Object.keys(sel).length) throw new KubectlError(`error: invalid service '${obj.metadata!.name}': Service is defined without a selector`);
    selector = selectorRequirements({ matchLabels: sel }) ?? [];
  } else {
    const t = `*v1.${kind}`;
    throw new KubectlError(`error: cannot attach to ${t}: selector for ${t} not implemented`);
  }
  const pods = ctx.cluster.store.list('Pod', obj.metadata!.namespace).filter((p) => matchesRequirements(selector, p.metadata?.labels ?? {}));
  if (!pods.length) throw new KubectlError('error: timed out waiting for the condition');
  return pods.sort(moreActiveFirst)[0];
}

export const exec: Verb = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  run(ctx) {
    const args = ctx.args;
    const dashAt = ctx.flags.dashAt;
    const quiet = ctx.bool('quiet');
    // Models ExecOptions.Complete: the pod is the first argument unless `--` comes first.
    const resource = args.length > 0 && dashAt !== 0 ? args[0] : '';
    let command: string[] = [];
    if (dashAt > -1) command = args.slice(dashAt);
    else if (args.length > 1) {
      if (!quiet) ctx.err('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
      command = args.slice(1);
    }
    const timeout = parseGoDuration(ctx.str('pod-running-timeout'));
    if (timeout === null) throw new KubectlError(E.usage('exec', `invalid argument "${ctx.str('pod-running-timeout')}" for "--pod-running-timeout" flag: time: invalid duration "${ctx.str('pod-running-timeout')}"`));
    if (timeout <= 0) throw new KubectlError(E.usage('exec', '--pod-running-timeout must be higher than zero'));
    if (ctx.list('filename').length) throw new KubectlError('error: "kubectl exec -f" is not available in this simulated cluster');
    if (!resource) throw new KubectlError('error: pod, type/name or --filename must be specified');
    if (!command.length) throw new KubectlError('error: you must specify at least one command for the container');

    const { items, errors } = namedObjects(ctx, resource.includes('/') ? [resource] : ['pods', resource]);
    if (errors.length) throw new KubectlError(errors.join('\n'));
    const pod = attachablePod(ctx, items[0].kind, items[0].object);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);

    let container = ctx.str('container');
    if (!container) {
      const containers = pod.spec?.containers ?? [];
      if (!containers.length) throw new KubectlError(`error: pod ${pod.metadata!.namespace}/${pod.metadata!.name} does not have any containers`);
      const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
      const all = [...containers, ...(pod.spec?.initContainers ?? [])];
      if (annotated && all.some((c) => c.name === annotated)) container = annotated;
      else {
        container = containers[0].name;
        const inits = pod.spec?.initContainers ?? [];
        if (!quiet && (containers.length > 1 || inits.length > 0)) {
          ctx.err(`Defaulted container "${container}" out of: ${[...containers.map((c) => c.name), ...inits.map((c) => `${c.name} (init)`)].join(', ')}\n`);
        }
      }
    }

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
      if (!r.ok) throw new KubectlError(`error: ${r.status.message}`);
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
    if (!r.ok) throw new KubectlError(`error: ${r.status.message}`);
    for (const chunk of r.output) if (chunk.stream === 'out') ctx.out(chunk.text); else ctx.err(chunk.text);
    if (r.exitCode !== 0) throw new KubectlError(`command terminated with exit code ${r.exitCode}`, r.exitCode);
  },
};
