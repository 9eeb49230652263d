// `kubectl logs (POD | TYPE/NAME | -l SELECTOR) [-c CONTAINER] [-p] [-f] [--tail=N] [--timestamps] [--prefix]
// [--all-containers]`: a container's log through the pods/log subresource, or the logs of every pod a selector picks
// (the last 10 lines of each by default); `-f` keeps printing what is logged until Ctrl-C or the containers stop.
// Models kubectl/pkg/cmd/logs/logs.go and polymorphichelpers.LogsForObjectFn.
import type { Pod } from '../../engine/api/types.ts';
import { containerLog, type LogLine } from '../../engine/exec/logs.ts';
import { parseRfc3339, rfc3339Nano } from '../../engine/clock/time.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { Stream } from '../stream.ts';
import { defaultContainer, podFor } from '../pod-target.ts';
import { selectorOf } from '../targets.ts';
import { matchesRequirements } from '../../engine/api/labels.ts';

// logs.go selectorTail: a selector's logs show each pod's last 10 lines unless --tail says otherwise.
const SELECTOR_TAIL = 10;

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** A line as printed: with `--timestamps` the instant first (nanoseconds, as the kubelet's CRI log has them). */
function render(ctx: Ctx, pod: Pod, container: string, l: LogLine): string {
  const prefix = ctx.bool('prefix') ? `[pod/${pod.metadata!.name}/${container}] ` : '';
  const stamp = ctx.bool('timestamps') ? `${rfc3339Nano(l.ms)} ` : '';
  return `${prefix}${stamp}${l.text}\n`;
}

/**
 * The part of the log asked for (logs.go ToLogOptions and Validate, checked once the pods are found, as Complete
 * finds them first): lines from `from` (virtual wall ms; --since, rounded to seconds, or --since-time), and at most
 * `limit` bytes per container (-1: no limit).
 */
function logWindow(ctx: Ctx): { from: number; limit: number } {
  const since = ctx.duration('since');
  const sinceTime = ctx.str('since-time');
  let from = -Infinity;
  if (sinceTime) {
    from = parseRfc3339(sinceTime);
    if (Number.isNaN(from)) throw new KubectlError(`error: parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`);
  }
  if (sinceTime && since !== 0) throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (since < 0) throw new KubectlError('error: --since must be greater than 0');
  if (ctx.int('tail') < -1) throw new KubectlError('error: --tail must be greater than or equal to -1');
  const limit = ctx.int('limit-bytes');
  if (limit < 0) throw new KubectlError('error: --limit-bytes must be greater than 0');
  if (since > 0) from = ctx.cluster.wallNow() - Math.round(since / 1000) * 1000;
  return { from, limit: limit > 0 ? limit : -1 };
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
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'since', type: 'duration', default: '0s' },
    { name: 'since-time', type: 'string', default: '' },
    { name: 'limit-bytes', type: 'int', default: 0 },
  ],
  run(ctx) {
    const [resource, containerArg, ...extra] = ctx.args;
    const selector = ctx.str('selector');
    let pods: Pod[];
    let tail = ctx.int('tail');
    if (selector) {
      // Models Complete and Validate for -l: no POD beside it; the pods it picks, by name, each's last 10 lines.
      if (resource) throw new KubectlError('error: only a selector (-l) or a POD name is allowed');
      const reqs = selectorOf(ctx)!;
      pods = ctx.cluster.store.list('Pod', ctx.namespace).filter((p) => matchesRequirements(reqs, p.metadata?.labels ?? {}));
      if (pods.length === 0) { ctx.err(`No resources found in ${ctx.namespace} namespace.\n`); return; }
      if (tail === -1) tail = SELECTOR_TAIL;
      const max = ctx.int('max-log-requests');
      if (ctx.bool('follow') && pods.length > max) {
        throw new KubectlError(`error: you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
      }
    } else {
      if (!resource || extra.length) throw new KubectlError(USAGE);
      const { pod, matched } = podFor(ctx, resource, 'logging');
      if (matched > 1) ctx.err(`Found ${matched} pods, using pod/${pod.metadata!.name}\n`);
      pods = [pod];
    }
    const window = logWindow(ctx);
    const named = ctx.str('container') || (selector ? '' : containerArg);
    // Each pod's containers to show: all of them, the one named, or its default one.
    const streams = pods.flatMap((pod) => (ctx.bool('all-containers')
      ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
      : [named || defaultContainer(ctx, pod, false)]).map((container) => ({ pod, container, ns: pod.metadata!.namespace ?? ctx.namespace, shown: 0, left: window.limit })));
    // --limit-bytes: the kubelet sends a container's log up to that many bytes (the rest of a line cut off too).
    const limited = (st: { left: number }, text: string): string => {
      if (st.left < 0) return text;
      const out = text.slice(0, st.left);
      st.left -= out.length;
      return out;
    };
    // What each container has logged so far (the newest `--tail` lines), printed now.
    for (const st of streams) {
      const r = containerLog(ctx.cluster, st.ns, st.pod.metadata!.name!, st.container, ctx.bool('previous'));
      if (!r.ok) throw new KubectlError(`Error from server (${r.status.reason}): ${r.status.message}`);
      if (r.unmodelled && !ctx.bool('all-containers')) ctx.err(`[simulated cluster] what container "${st.container}" writes is not modelled (only the nginx images' logs and commands the simulator runs are)\n`);
      const recent = r.lines.filter((l) => l.ms >= window.from);
      const lines = tail >= 0 ? recent.slice(Math.max(0, recent.length - tail)) : recent;
      for (const l of lines) ctx.out(limited(st, render(ctx, st.pod, st.container, l)));
      st.shown = r.lines.length;
    }
    if (!ctx.bool('follow') || ctx.bool('previous')) return;
    // -f: what is logged from now on, until the containers stop or Ctrl-C.
    return new Stream(ctx.cluster, {
      step(s) {
        let running = false;
        for (const st of streams) {
          const r = containerLog(ctx.cluster, st.ns, st.pod.metadata!.name!, st.container, false);
          if (!r.ok) continue;
          running ||= r.running;
          for (const l of r.lines.slice(st.shown)) s.out(limited(st, render(ctx, st.pod, st.container, l)));
          st.shown = r.lines.length;
        }
        // A container whose --limit-bytes are used up sends no more: its stream ends.
        if (!running || streams.every((st) => st.left === 0)) s.finish(0);
      },
    }, true);
  },
};
