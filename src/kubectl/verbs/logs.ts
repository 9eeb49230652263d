// `kubectl logs (POD | TYPE/NAME | -l SELECTOR) [-c CONTAINER] [-p] [-f] [--tail=N] [--timestamps] [--prefix]
// [--all-containers] [--all-pods]`: a container's log through the pods/log subresource, or the logs of every pod a
// selector picks (the last 10 lines of each by default); `-f` keeps printing what is logged until Ctrl-C or the
// containers stop. Models kubectl/pkg/cmd/logs/logs.go (Complete, Validate, RunLogs in that order) and
// polymorphichelpers.LogsForObjectFn / AllPodLogsForObjectFn.
import type { Kind, KObject, Pod } from '../../engine/api/types.ts';
import { containerLog, type LogLine } from '../../engine/exec/logs.ts';
import { kubeletUnreachable } from '../../engine/exec/exec.ts';
import { parseRfc3339, rfc3339, rfc3339Nano } from '../../engine/clock/time.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { Stream } from '../stream.ts';
import { defaultContainer, hasContainer, namedTarget, selectedPods } from '../pod-target.ts';
import { selectorOf } from '../targets.ts';
import { matchesRequirements } from '../../engine/api/labels.ts';

// logs.go selectorTail: a selector's logs show each pod's last 10 lines unless --tail says otherwise.
const SELECTOR_TAIL = 10;

const USAGE = E.usageErr('logs', "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");

/** What the command logs: the object the builder found, or the PodList a selector listed. */
type Target = { kind: Kind; object: KObject } | { kind: 'PodList'; pods: Pod[] };

/** One pods/log request: a pod's container (RunLogs gets a map of these, keyed by the container's reference). */
interface LogRequest { pod: Pod; container: string }

/** What ToLogOptions makes of the flags: the window of the log asked for and how much of it. */
interface LogOptions { sinceSeconds: number | null; sinceTime: number | null; tailLines: number | null; limitBytes: number }

/** A line as printed: with `--timestamps` the instant first (nanoseconds, as the kubelet's CRI log has them). */
/** The simulator's note for a container whose output the model does not know (logs and attach print it). */
export const unmodelledOutput = (container: string): string =>
  `[simulated cluster] what container "${container}" writes is not modelled (only the nginx images' logs and commands the simulator runs are)\n`;

function render(ctx: Ctx, prefix: boolean, r: LogRequest, l: LogLine): string {
  const head = prefix ? `[pod/${r.pod.metadata!.name}/${r.container}] ` : '';
  const stamp = ctx.bool('timestamps') ? `${rfc3339Nano(l.ms)} ` : '';
  return `${head}${stamp}${l.text}\n`;
}

// Go's Duration.Round(time.Second): to the nearest second, halves away from zero.
const roundSeconds = (ms: number): number => Math.sign(ms) * Math.round(Math.abs(ms) / 1000);

/**
 * ToLogOptions (part of Complete, so before the pods are looked up): --since-time must parse; a selector without
 * an explicit --tail gets the last 10 lines; --tail=-1 given explicitly still means the whole log.
 */
function toLogOptions(ctx: Ctx, selector: boolean): LogOptions {
  const text = ctx.str('since-time');
  let sinceTime: number | null = null;
  if (text) {
    sinceTime = parseRfc3339(text);
    if (Number.isNaN(sinceTime)) throw new KubectlError(`error: parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(text)} as "2006"`);
  }
  const since = ctx.duration('since');
  const tail = ctx.int('tail');
  const tailLines = selector && tail === -1 && !ctx.given('tail') ? SELECTOR_TAIL : tail !== -1 ? tail : null;
  return { sinceSeconds: since !== 0 ? roundSeconds(since) : null, sinceTime, tailLines, limitBytes: ctx.int('limit-bytes') };
}

/**
 * The builder's part of Complete: the pod or object named (a missing one is NotFound, which logs rewraps with the
 * namespace, so it no longer prints as a server error), or the pods the selector lists (saying when there are
 * none, and going on: Validate still runs). A selector beside resource arguments is the builder's error.
 */
function findTarget(ctx: Ctx, resource: string | undefined, selector: string): Target {
  if (selector && resource) throw new KubectlError('error: selectors and the all flag cannot be used when passing resource/name arguments');
  if (resource) {
    const { items, errors } = namedTarget(ctx, resource);
    if (errors.length) {
      // targets.ts renders the Status as CheckErr would; logs.go wraps the NotFound error instead.
      const notFound = /^Error from server \(NotFound\): (.*)$/.exec(errors[0]);
      throw new KubectlError(notFound ? `error: error from server (NotFound): ${notFound[1]} in namespace ${JSON.stringify(ctx.namespace)}` : errors.join('\n'));
    }
    return items[0];
  }
  const reqs = selectorOf(ctx)!;
  const pods = ctx.cluster.store.list('Pod', ctx.namespace).filter((p) => matchesRequirements(reqs, p.metadata?.labels ?? {}));
  if (pods.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
  return { kind: 'PodList', pods };
}

/** logs.go Validate, in its order. `container`: -c or the inline [CONTAINER] argument. */
function validate(ctx: Ctx, o: LogOptions, container: string, inline: boolean): void {
  if (ctx.str('since-time') && ctx.duration('since') !== 0) throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (ctx.bool('all-containers') && container) throw new KubectlError(`error: --all-containers=true should not be specified with container name ${container}`);
  if (ctx.given('container') && inline) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if (o.limitBytes < 0) throw new KubectlError('error: --limit-bytes must be greater than 0');
  if (o.sinceSeconds !== null && o.sinceSeconds < 0) throw new KubectlError('error: --since must be greater than 0');
  if (o.tailLines !== null && o.tailLines < -1) throw new KubectlError('error: --tail must be greater than or equal to -1');
}

/**
 * logsForObjectWithClient: the requests for a target, each container checked on the client before anything is
 * asked of the server. A workload or Service stands for its first pod by podutils.ByLogging (saying how many
 * matched), or with --all-pods for all of them in that order (Go returns a map, whose order is random; the
 * simulation keeps GetPodList's sorted order so that runs repeat). --all-pods also silences "Defaulted container".
 */
function logRequests(ctx: Ctx, target: Target, container: string, allPods: boolean): LogRequest[] {
  const forPod = (pod: Pod): LogRequest[] => {
    if (ctx.bool('all-containers')) {
      const spec = pod.spec;
      return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].map((c) => ({ pod, container: c.name }));
    }
    const name = container || defaultContainer(ctx, pod, allPods, true);
    if (!hasContainer(pod, name)) throw new KubectlError(`error: container ${name} is not valid for pod ${pod.metadata!.name}`);
    return [{ pod, container: name }];
  };
  if (target.kind === 'PodList') return target.pods.flatMap(forPod);
  if (target.kind === 'Pod') return forPod(target.object as Pod);
  const pods = selectedPods(ctx, target.kind, target.object, 'logging');
  if (allPods) return pods.flatMap(forPod);
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${pods[0].metadata!.name}\n`);
  return forPod(pods[0]);
}

// LogLocation's query: the options set, as url.Values encodes them (keys sorted).
function logQuery(ctx: Ctx, o: LogOptions): string {
  const q: Array<[string, string]> = [];
  if (ctx.bool('follow')) q.push(['follow', 'true']);
  if (o.limitBytes > 0) q.push(['limitBytes', String(o.limitBytes)]);
  if (ctx.bool('previous')) q.push(['previous', 'true']);
  if (o.sinceSeconds !== null) q.push(['sinceSeconds', String(o.sinceSeconds)]);
  if (o.sinceTime !== null) q.push(['sinceTime', encodeURIComponent(rfc3339(o.sinceTime))]);
  if (o.tailLines !== null) q.push(['tailLines', String(o.tailLines)]);
  if (ctx.bool('timestamps')) q.push(['timestamps', 'true']);
  return q.length ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
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
    { name: 'all-pods', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'since', type: 'duration', default: '0s' },
    { name: 'since-time', type: 'string', default: '' },
    { name: 'limit-bytes', type: 'int', default: 0 },
  ],
  run(ctx) {
    const args = ctx.args;
    const selector = ctx.str('selector');
    // Complete: the arguments first; with two, the second is the container.
    if ((args.length === 0 && !selector) || args.length > 2) throw new KubectlError(USAGE);
    if (args.length === 1 && selector) throw new KubectlError(E.usageErr('logs', 'only a selector (-l) or a POD name is allowed'));
    const [resource] = args;
    const container = args.length === 2 ? args[1] : ctx.str('container');
    const allPods = ctx.bool('all-pods');
    const prefix = ctx.bool('prefix') || allPods;
    const options = toLogOptions(ctx, !!selector);
    const target = findTarget(ctx, resource, selector);
    validate(ctx, options, container, args.length === 2);
    // RunLogs: the requests, then the follow limit on how many there are (one stream is never limited).
    const requests = logRequests(ctx, target, container, allPods);
    const follow = ctx.bool('follow');
    const max = ctx.int('max-log-requests');
    if (follow && requests.length > 1 && requests.length > max) {
      throw new KubectlError(`error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
    }
    const from = options.sinceSeconds !== null ? ctx.cluster.wallNow() - options.sinceSeconds * 1000 : options.sinceTime ?? -Infinity;
    const limit = options.limitBytes > 0 ? options.limitBytes : -1;
    // A pod not yet on a node has no log location: the API server answers with an empty stream (LogLocation), so
    // its request prints nothing and ends, even with -f or -p. The kubelet's errors come once it has a node.
    const streams = requests.map((r) => ({ ...r, ns: r.pod.metadata!.namespace ?? ctx.namespace, shown: 0, left: limit, open: !!r.pod.spec?.nodeName }));
    // --limit-bytes: the kubelet sends a container's log up to that many bytes (the rest of a line cut off too).
    const limited = (st: { left: number }, text: string): string => {
      if (st.left < 0) return text;
      const out = text.slice(0, st.left);
      st.left -= out.length;
      return out;
    };
    // What each container has logged so far (the newest `--tail` lines), printed now.
    for (const st of streams) {
      if (!st.open) continue;
      // The API server proxies the request to the pod's kubelet (LogLocation's URL); a kubelet that is down refuses it.
      const down = kubeletUnreachable(ctx.cluster, st.pod.spec!.nodeName!);
      if (down) throw new KubectlError(`Error from server: Get "https://${down.addr}:10250/containerLogs/${st.ns}/${st.pod.metadata!.name}/${st.container}${logQuery(ctx, options)}": ${down.dial}`);
      const r = containerLog(ctx.cluster, st.ns, st.pod.metadata!.name!, st.container, ctx.bool('previous'));
      if (!r.ok) throw new KubectlError(`Error from server (${r.status.reason}): ${r.status.message}`);
      if (r.unmodelled && !ctx.bool('all-containers')) ctx.err(unmodelledOutput(st.container));
      const recent = r.lines.filter((l) => l.ms >= from);
      const tail = options.tailLines ?? -1;
      const lines = tail >= 0 ? recent.slice(Math.max(0, recent.length - tail)) : recent;
      for (const l of lines) ctx.out(limited(st, render(ctx, prefix, st, l)));
      st.shown = r.lines.length;
    }
    if (!follow || ctx.bool('previous') || !streams.some((st) => st.open)) return;
    // -f: what is logged from now on, until the containers stop or Ctrl-C.
    return new Stream(ctx.cluster, {
      step(s) {
        let running = false;
        for (const st of streams) {
          if (!st.open) continue;
          const r = containerLog(ctx.cluster, st.ns, st.pod.metadata!.name!, st.container, false);
          if (!r.ok) continue;
          running ||= r.running;
          for (const l of r.lines.slice(st.shown)) s.out(limited(st, render(ctx, prefix, st, l)));
          st.shown = r.lines.length;
        }
        // A container whose --limit-bytes are used up sends no more: its stream ends.
        if (!running || streams.every((st) => !st.open || st.left === 0)) s.finish(0);
      },
    }, true);
  },
};
