// `kubectl logs (POD | TYPE/NAME) [-c CONTAINER] [-p] [-f] [--tail=N] [--timestamps] [--prefix] [--all-containers]`:
// a container's log through the pods/log subresource; `-f` keeps printing what is logged until Ctrl-C or the
// container stops. Models kubectl/pkg/cmd/logs/logs.go and polymorphichelpers.LogsForObjectFn.
import type { Pod } from '../../engine/api/types.ts';
import { containerLog, type LogLine } from '../../engine/exec/logs.ts';
import { rfc3339Nano } from '../../engine/clock/time.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { Stream } from '../stream.ts';
import { defaultContainer, podFor } from '../pod-target.ts';

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** A line as printed: with `--timestamps` the instant first (nanoseconds, as the kubelet's CRI log has them). */
function render(ctx: Ctx, pod: Pod, container: string, l: LogLine): string {
  const prefix = ctx.bool('prefix') ? `[pod/${pod.metadata!.name}/${container}] ` : '';
  const stamp = ctx.bool('timestamps') ? `${rfc3339Nano(l.ms)} ` : '';
  return `${prefix}${stamp}${l.text}\n`;
}

export const logs: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
  ],
  run(ctx) {
    if (ctx.str('selector')) throw new KubectlError('error: "kubectl logs -l" is not available in this simulated cluster');
    const [resource, containerArg, ...extra] = ctx.args;
    if (!resource || extra.length) throw new KubectlError(USAGE);
    const { pod, matched } = podFor(ctx, resource, 'logging');
    if (matched > 1) ctx.err(`Found ${matched} pods, using pod/${pod.metadata!.name}\n`);
    const named = ctx.str('container') || containerArg;
    const containers = ctx.bool('all-containers')
      ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
      : [named || defaultContainer(ctx, pod, false)];
    const ns = pod.metadata!.namespace ?? ctx.namespace;
    const tail = ctx.int('tail');
    // What each container has logged so far (the newest `--tail` lines), printed now.
    const shown = new Map<string, number>();
    for (const container of containers) {
      const r = containerLog(ctx.cluster, ns, pod.metadata!.name!, container, ctx.bool('previous'));
      if (!r.ok) throw new KubectlError(`Error from server (${r.status.reason}): ${r.status.message}`);
      if (r.unmodelled && !ctx.bool('all-containers')) ctx.err(`[simulated cluster] what container "${container}" writes is not modelled (only the nginx images' logs and commands the simulator runs are)\n`);
      const lines = tail >= 0 ? r.lines.slice(Math.max(0, r.lines.length - tail)) : r.lines;
      for (const l of lines) ctx.out(render(ctx, pod, container, l));
      shown.set(container, r.lines.length);
    }
    if (!ctx.bool('follow') || ctx.bool('previous')) return;
    // -f: what is logged from now on, until the container stops or Ctrl-C.
    return new Stream(ctx.cluster, {
      step(s) {
        let running = false;
        for (const container of containers) {
          const r = containerLog(ctx.cluster, ns, pod.metadata!.name!, container, false);
          if (!r.ok) continue;
          running ||= r.running;
          const from = shown.get(container) ?? 0;
          for (const l of r.lines.slice(from)) s.out(render(ctx, pod, container, l));
          shown.set(container, r.lines.length);
        }
        if (!running) s.finish(0);
      },
    }, true);
  },
};
