// `kubectl cordon|uncordon|drain NODE`: marks nodes unschedulable (or schedulable again), and drains them: the pods
// on the node are evicted through the Eviction API (or deleted with --disable-eviction) after drain's filters, and
// the command waits in virtual time until they are gone. Models kubectl/pkg/cmd/drain/drain.go, pkg/drain/drain.go,
// pkg/drain/filters.go and pkg/drain/cordon.go.
import type { Node, Pod } from '../../engine/api/types.ts';
import { API_VERSION, GROUP } from '../../engine/api/types.ts';
import { notFound } from '../../engine/api/errors.ts';
import { matchesRequirements, parseSelector } from '../../engine/api/labels.ts';
import { parseRfc3339 } from '../../engine/clock/time.ts';
import { isMirrorPod, isPodTerminal } from '../../engine/api/pod-util.ts';
import { formatGoDuration } from '../../engine/kubelet/durations.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { DRY_RUN_FLAG, dryRunOf, withDryRun, type DryRun } from '../print-flags.ts';
import { resolveType } from '../resources.ts';
import { Stream } from '../stream.ts';
import { selectorOf } from '../targets.ts';

const SELECTOR_FLAG = { name: 'selector', short: 'l', type: 'string', default: '' } as const;
const usage = (verb: string, text: string) => new KubectlError(`error: ${text}\nSee 'kubectl ${verb} -h' for help and examples`);

// Models Complete: the nodes named (NAME or node/NAME) or selected with -l, in the order given; a missing node
// is the API server's NotFound, and another type is refused after it is found.
function targetNodes(ctx: Ctx, verb: string): Node[] {
  if (ctx.args.length === 0 && !ctx.given('selector')) throw usage(verb, `USAGE: ${verb} NODE [flags]`);
  if (ctx.args.length > 0 && ctx.str('selector')) throw usage(verb, 'cannot specify both a node name and a --selector option');
  const store = ctx.cluster.store;
  if (ctx.args.length === 0) {
    const sel = selectorOf(ctx);
    return store.list('Node').filter((n) => !sel || matchesRequirements(sel, n.metadata?.labels ?? {}));
  }
  return ctx.args.map((arg) => {
    const slash = arg.indexOf('/');
    const type = slash >= 0 ? resolveType(arg.slice(0, slash)) : resolveType('nodes');
    if (!type) throw new KubectlError(E.noResourceType(arg.slice(0, slash)));
    const name = slash >= 0 ? arg.slice(slash + 1) : arg;
    const found = store.get(type.kind, type.namespaced ? ctx.namespace : '', name);
    if (!found) throw new KubectlError(apiErrorText(notFound(type.kind, name)));
    if (type.kind !== 'Node') {
      const version = API_VERSION[type.kind].split('/').pop();
      throw new KubectlError(`error: expected resource of type node, got "${GROUP[type.kind]}/${version}, Resource=${type.plural}"`);
    }
    return found as Node;
  });
}

// Models RunCordonOrUncordon: `node/x cordoned`, or `already cordoned` when nothing is to change.
function cordonAll(ctx: Ctx, nodes: readonly Node[], desired: boolean, dry: DryRun): void {
  const what = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const name = node.metadata!.name!;
    const live = ctx.cluster.store.get('Node', '', name) ?? node;
    if (!!live.spec?.unschedulable === desired) { ctx.out(`node/${name} ${withDryRun(`already ${what}ed`, dry)}\n`); continue; }
    if (dry !== 'client') {
      const next = editable(live);
      next.spec = { ...next.spec };
      if (desired) next.spec.unschedulable = true; else delete next.spec.unschedulable;
      try {
        writeObject(ctx, 'Node', live, next, undefined, dry);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        ctx.err(`error: unable to ${what} node "${name}": ${e.message.replace(/^error: /, '')}\n`);
        continue;
      }
    }
    ctx.out(`node/${name} ${withDryRun(`${what}ed`, dry)}\n`);
  }
}

function cordonVerb(name: 'cordon' | 'uncordon', short: string): Verb {
  return {
    name, short,
    flags: [SELECTOR_FLAG, DRY_RUN_FLAG],
    run(ctx) {
      const dry = dryRunOf(ctx);
      cordonAll(ctx, targetNodes(ctx, name), name === 'cordon', dry);
    },
  };
}

export const cordon = cordonVerb('cordon', 'Mark node as unschedulable');
export const uncordon = cordonVerb('uncordon', 'Mark node as schedulable');

// ---- drain ----


/** What drain's filters decided for a pod (pkg/drain/filters.go PodDeleteStatus). */
interface Verdict { pod: Pod; remove: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message: string }

interface DrainOptions {
  force: boolean; ignoreDaemonSets: boolean; deleteEmptyDir: boolean; gracePeriod: number; timeoutMs: number;
  podSelector: string; disableEviction: boolean; skipWaitSeconds: number; dry: DryRun;
}

const controllerOf = (p: Pod) => p.metadata?.ownerReferences?.find((r) => r.controller);

// Models shouldSkipPod: with --skip-wait-for-delete-timeout, a pod whose deletion timestamp is more whole seconds ago.
function pastSkipWait(ctx: Ctx, o: DrainOptions, pod: Pod | undefined): boolean {
  const ts = pod?.metadata?.deletionTimestamp;
  return o.skipWaitSeconds > 0 && !!ts && Math.floor((ctx.cluster.wallNow() - parseRfc3339(ts)) / 1000) > o.skipWaitSeconds;
}
const ref = (p: Pod) => `${p.metadata!.namespace}/${p.metadata!.name}`;

// The filters in drain's order (skip deleted, DaemonSet, mirror, local storage, unreplicated); the first that
// keeps the pod decides, else the last one's verdict stands.
function verdictOf(ctx: Ctx, o: DrainOptions, pod: Pod): Verdict {
  const ok: Verdict = { pod, remove: true, reason: 'Okay', message: '' };
  const filters: Array<() => Verdict> = [
    () => (pastSkipWait(ctx, o, pod) ? { pod, remove: false, reason: 'Skip', message: '' } : ok),
    () => {
      const c = controllerOf(pod);
      if (!c || c.kind !== 'DaemonSet' || isPodTerminal(pod)) return ok;
      // A pod whose DaemonSet is gone may go with --force; the others stay, with --ignore-daemonsets said of them.
      if (!ctx.cluster.store.get('DaemonSet', pod.metadata!.namespace!, c.name)) {
        const message = `daemonsets.apps "${c.name}" not found`;
        return o.force ? { pod, remove: true, reason: 'Warning', message } : { pod, remove: false, reason: 'Error', message };
      }
      return o.ignoreDaemonSets
        ? { pod, remove: false, reason: 'Warning', message: 'ignoring DaemonSet-managed Pods' }
        : { pod, remove: false, reason: 'Error', message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    },
    () => (isMirrorPod(pod) ? { pod, remove: false, reason: 'Skip', message: '' } : ok),
    () => {
      if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir) || isPodTerminal(pod)) return ok;
      return o.deleteEmptyDir
        ? { pod, remove: true, reason: 'Warning', message: 'deleting Pods with local storage' }
        : { pod, remove: false, reason: 'Error', message: 'Pods with local storage (use --delete-emptydir-data to override)' };
    },
    () => {
      if (isPodTerminal(pod) || controllerOf(pod)) return ok;
      return o.force
        ? { pod, remove: true, reason: 'Warning', message: 'deleting Pods that declare no controller' }
        : { pod, remove: false, reason: 'Error', message: 'cannot delete Pods that declare no controller (use --force to override)' };
    },
  ];
  let v = ok;
  for (const f of filters) {
    v = f();
    if (!v.remove) break;
  }
  return v;
}

// Models GetPodsForDeletion: every pod bound to the node (in store order), with its verdict.
function podsForDeletion(ctx: Ctx, o: DrainOptions, node: string): Verdict[] {
  const sel = o.podSelector ? parseSelector(o.podSelector) : null;
  return ctx.cluster.store.list('Pod')
    .filter((p) => p.spec?.nodeName === node && (!sel || (sel.ok && matchesRequirements(sel.reqs, p.metadata?.labels ?? {}))))
    .map((p) => verdictOf(ctx, o, p));
}

// Pod references grouped by message, in first-seen order.
function grouped(vs: readonly Verdict[]): Array<[string, string[]]> {
  const m = new Map<string, string[]>();
  for (const v of vs) {
    const key = v.message || 'unexpected error';
    m.set(key, [...(m.get(key) ?? []), ref(v.pod)]);
  }
  return [...m];
}

// utilerrors.NewAggregate's text: one error alone, several in brackets.
const aggregate = (errs: readonly string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

function filterErrors(vs: readonly Verdict[]): string[] {
  return grouped(vs.filter((v) => v.reason === 'Error'))
    .map(([msg, pods]) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${pods.join(', ')}` : `cannot delete ${msg}: ${pods.join(', ')}`));
}

/**
 * One pod drain is waiting for: gone once the name is free or taken by another uid. `retryAt`: the Eviction API
 * refused it for its disruption budget (429), and drain asks again then (every 5 s).
 */
interface Waiting { ns: string; name: string; uid: string; retryAt?: number; expired?: boolean }

/** How long drain waits before asking again for an eviction a disruption budget refused. */
export const EVICTION_RETRY_MS = 5_000;

function drainOptions(ctx: Ctx): DrainOptions {
  const podSelector = ctx.str('pod-selector');
  if (podSelector && !parseSelector(podSelector).ok) throw new KubectlError('error: --pod-selector=<pod_selector> must be a valid label selector');
  return {
    force: ctx.bool('force'), ignoreDaemonSets: ctx.bool('ignore-daemonsets'),
    deleteEmptyDir: ctx.bool('delete-emptydir-data'),
    gracePeriod: ctx.int('grace-period'), timeoutMs: ctx.duration('timeout'), podSelector,
    disableEviction: ctx.bool('disable-eviction'), skipWaitSeconds: ctx.int('skip-wait-for-delete-timeout'),
    dry: dryRunOf(ctx),
  };
}

/**
 * Why a node could not be drained: the errors, and whether they came as an aggregate (the pod filters' and the
 * eviction loop's errors do; a deletion's own error or its wait's timeout does not), which decides how kubectl's
 * CheckErr prints them at the end.
 */
interface NodeFailure { node: string; errors: string[]; aggregate: boolean }

// Models RunDrain after the cordon: node by node, the pods are listed and filtered, evicted, and waited for. A node
// that fails is reported and the next one is drained all the same; the failures end the command.
class Drainer {
  private i = -1;
  private waiting: Waiting[] = [];
  private usingEviction = true;
  private deadline: number | undefined;
  private readonly drained = new Set<string>();
  private readonly failures: NodeFailure[] = [];

  constructor(private readonly ctx: Ctx, private readonly o: DrainOptions, private readonly nodes: readonly string[], private s: Stream | Ctx) {}

  /** Writes from now on to the stream (the command's own output ends at its first wait). */
  rebind(s: Stream): this { this.s = s; return this; }

  // The eviction's or deletion's grace period: --grace-period when not negative, else the pod's own.
  private get grace(): { gracePeriodSeconds?: number } { return this.o.gracePeriod >= 0 ? { gracePeriodSeconds: this.o.gracePeriod } : {}; }

  private out(t: string): void { this.s.out(t); }
  // A write made while the command waits (a retried eviction, the next node's pods), as the standalone line that
  // makes it, for a timeline (Stream.log); the writes before the first wait come with the command line itself.
  private logged(line: string, stdin?: string): void { if (this.s instanceof Stream) this.s.log(line, stdin); }
  private err(t: string): void { this.s.err(t); }

  /** Starts the next node: 'wait' for its pods; at the end, 'done' when every node was drained, else 'failed'. */
  next(): 'wait' | 'done' | 'failed' {
    for (;;) {
      this.i++;
      if (this.i >= this.nodes.length) return this.end();
      if (this.start(this.nodes[this.i]) === 'wait') return 'wait';
    }
  }

  // The end of RunDrain: the nodes that failed, then their errors as CheckErr prints an aggregate of them (one
  // failure alone is unwrapped: an aggregate prints its errors a line each, a plain error gets `error: `).
  private end(): 'done' | 'failed' {
    const f = this.failures;
    if (!f.length) return 'done';
    this.err(`There are pending nodes to be drained:\n${f.map((x) => ` ${x.node}\n`).join('')}`);
    if (f.length === 1 && f[0].aggregate) this.err(f[0].errors.map((e) => `${e}\n`).join(''));
    else if (f.length === 1) this.err(`${f[0].errors[0].startsWith('error: ') ? '' : 'error: '}${f[0].errors[0]}\n`);
    else this.err(f.map((x) => `${aggregate(x.errors)}\n`).join(''));
    return 'failed';
  }

  // Models deleteOrEvictPodsSimple up to the wait. 'ok': drained at once; 'wait': pods to wait for.
  private start(node: string): 'ok' | 'wait' {
    const list = podsForDeletion(this.ctx, this.o, node);
    const errors = filterErrors(list);
    if (errors.length) return this.fail(node, errors, true, false);
    const warnings = grouped(list.filter((v) => v.reason === 'Warning')).map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);
    if (warnings.length) this.err(`Warning: ${warnings.join('; ')}\n`);
    const pods = list.filter((v) => v.remove).map((v) => v.pod);
    if (this.o.dry === 'client') {
      for (const p of pods) this.out(`evicting pod ${ref(p)} (dry run)\n`);
      return this.done(node);
    }
    const errs: string[] = [];
    this.waiting = [];
    this.deadline = this.o.timeoutMs > 0 ? this.ctx.cluster.now + this.o.timeoutMs : undefined;
    this.usingEviction = !this.o.disableEviction;
    for (const p of pods) {
      const m = p.metadata!;
      const w: Waiting = { ns: m.namespace!, name: m.name!, uid: m.uid! };
      if (this.usingEviction) {
        const r = this.evict(w);
        if (r === 'gone') continue;
        if (typeof r === 'object') { errs.push(r.error); continue; }
      } else {
        const r = this.ctx.cluster.store.delete('Pod', w.ns, w.name, { ...this.grace, dryRun: this.o.dry === 'server' });
        if (r.ok && this.o.dry !== 'server') this.logged(`kubectl delete pod ${w.name} -n ${w.ns} --wait=false${this.o.gracePeriod >= 0 ? ` --grace-period=${this.o.gracePeriod}` : ''}${this.o.gracePeriod === 0 ? ' --force' : ''}`);
        if (!r.ok && r.status.reason !== 'NotFound') return this.fail(node, [apiErrorText(r.status)], false, true);
      }
      // A server dry run changed nothing, so there is nothing to wait for.
      if (this.o.dry !== 'server') this.waiting.push(w);
    }
    if (errs.length) return this.fail(node, errs, true, true);
    if (this.waiting.length === 0) return this.done(node);
    return 'wait';
  }

  // One eviction request for the pod (an iteration of evictPods' loop): 'asked' when the API server took it, 'gone'
  // when the pod is not there, with `retryAt` set when its budget refused it, or the error that ends the node.
  private evictingLine(w: Waiting): string {
    return `evicting pod ${w.ns}/${w.name}${this.o.dry === 'server' ? ' (server dry run)' : ''}\n`;
  }

  private evict(w: Waiting): 'asked' | 'gone' | { error: string } {
    this.out(this.evictingLine(w));
    const r = this.ctx.cluster.store.evict(w.ns, w.name, { ...this.grace, dryRun: this.o.dry === 'server' });
    w.retryAt = undefined;
    if (r.ok && this.o.dry !== 'server') this.logged(`kubectl create --raw /api/v1/namespaces/${w.ns}/pods/${w.name}/eviction -f -`, JSON.stringify({
      apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: w.name, namespace: w.ns }, ...(this.o.gracePeriod >= 0 ? { deleteOptions: this.grace } : {}),
    }));
    if (r.ok) return 'asked';
    if (r.status.reason === 'NotFound') return 'gone';
    const text = apiErrorText(r.status).replace(/^Error from server \([A-Za-z]+\): /, '');
    if (r.status.reason === 'TooManyRequests') {
      this.err(`error when evicting pods/"${w.name}" -n "${w.ns}" (will retry after 5s): ${text}\n`);
      w.retryAt = this.ctx.cluster.now + EVICTION_RETRY_MS;
      return 'asked';
    }
    return { error: `error when evicting pods/"${w.name}" -n "${w.ns}": ${text}` };
  }

  /** When the host must poll next: the node's deadline (--timeout), the next eviction retry or deletion to skip, if any. */
  get timeout(): number | undefined {
    const retries = this.waiting.filter((w) => w.retryAt !== undefined && !w.expired).map((w) => w.retryAt!);
    const skips: number[] = [];
    if (this.o.skipWaitSeconds > 0) {
      for (const w of this.waiting) {
        const ts = this.ctx.cluster.store.get('Pod', w.ns, w.name)?.metadata?.deletionTimestamp;
        // The first whole second past the limit, in virtual ms since the start.
        if (ts) skips.push(parseRfc3339(ts) - this.ctx.cluster.wallNow() + this.ctx.cluster.now + (this.o.skipWaitSeconds + 1) * 1000);
      }
    }
    const all = [...retries, ...skips.filter((t) => t > this.ctx.cluster.now), ...(this.deadline !== undefined && this.deadline > this.ctx.cluster.now ? [this.deadline] : [])];
    return all.length ? Math.min(...all) : undefined;
  }

  /** One poll of the wait: asks again for refused evictions that are due, prints the pods that are gone; 'wait' while some remain. */
  poll(): 'wait' | 'done' | 'failed' {
    const store = this.ctx.cluster.store;
    const now = this.ctx.cluster.now;
    const node = this.nodes[this.i];
    const timedOut = this.deadline !== undefined && now >= this.deadline;
    const errs: string[] = [];
    for (const w of this.waiting) {
      if (w.retryAt === undefined || w.retryAt > now || w.expired) continue;
      // evictPods' loop prints each try first, then looks at the global timeout: past it, the try ends there.
      if (timedOut) { this.out(this.evictingLine(w)); w.expired = true; continue; }
      const r = this.evict(w);
      if (r === 'gone') w.uid = '';
      else if (typeof r === 'object') errs.push(r.error);
    }
    if (errs.length) { this.fail(node, errs, true, true); return this.next(); }
    this.waiting = this.waiting.filter((w) => {
      if (w.retryAt !== undefined) return true;
      const live = w.uid ? store.get('Pod', w.ns, w.name) : undefined;
      if (live && live.metadata?.uid === w.uid) {
        // waitForDelete lets be a pod deleted longer ago than --skip-wait-for-delete-timeout.
        if (!pastSkipWait(this.ctx, this.o, live)) return true;
        this.out(`pod "${w.name}" has DeletionTimestamp older than ${this.o.skipWaitSeconds} seconds, skipping\n`);
        return false;
      }
      if (w.uid) this.out(`pod/${w.name} ${this.usingEviction ? 'evicted' : 'deleted'}\n`);
      return false;
    });
    if (this.waiting.length === 0) { this.done(node); return this.next(); }
    if (timedOut) {
      // The node fails once every pod's wait has ended: a pod being asked again notices the timeout at its next try.
      if (this.waiting.some((w) => w.retryAt !== undefined && !w.expired)) return 'wait';
      const limit = formatGoDuration(this.o.timeoutMs);
      // A pod still refused hits the deadline in the eviction loop, the others while their deletion is awaited.
      const errs = this.waiting.map((w) => (w.retryAt !== undefined
        ? `error when evicting pods/"${w.name}" -n "${w.ns}": global timeout reached: ${limit}`
        : this.usingEviction
          ? `error when waiting for pod "${w.name}" in namespace "${w.ns}" to terminate: global timeout reached: ${limit}`
          : `global timeout reached: ${limit}`));
      // Eviction's loop gathers its errors; a deletion's wait returns its one error as it is.
      this.fail(node, this.usingEviction ? errs : errs.slice(0, 1), this.usingEviction, true);
      return this.next();
    }
    return 'wait';
  }

  private done(node: string): 'ok' {
    this.drained.add(node);
    this.deadline = undefined;
    this.out(`node/${node} ${withDryRun('drained', this.o.dry)}\n`);
    return 'ok';
  }

  // Models the error paths of deleteOrEvictPodsSimple and RunDrain: the pods still pending on the node after an
  // eviction error, then the node's error, and on to the next node.
  private fail(node: string, errors: string[], isAggregate: boolean, afterEviction: boolean): 'ok' {
    this.deadline = undefined;
    this.waiting = [];
    const error = isAggregate ? aggregate(errors) : errors[0];
    if (afterEviction) {
      const pending = podsForDeletion(this.ctx, this.o, node);
      const pods = pending.filter((v) => v.remove);
      if (pods.length) this.err(`There are pending pods in node "${node}" when an error occurred: ${error}\n${pods.map((v) => `pod/${v.pod.metadata!.name}\n`).join('')}`);
      const newErrs = filterErrors(pending);
      if (newErrs.length) this.err(`Following errors occurred while getting the list of pods to delete:\n${aggregate(newErrs)}`);
    }
    this.err(`error: unable to drain node "${node}" due to error: ${error}, continuing command...\n`);
    this.failures.push({ node, errors, aggregate: isAggregate });
    return 'ok';
  }
}

export const drain: Verb = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'duration', default: '0s' },
    SELECTOR_FLAG,
    { name: 'pod-selector', type: 'string', default: '' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    // Accepted: the pods of a node are listed in one request here.
    { name: 'chunk-size', type: 'int', default: 500 },
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    const nodes = targetNodes(ctx, 'drain');
    const o = drainOptions(ctx);
    cordonAll(ctx, nodes, true, o.dry);
    // Until the first wait, output goes with the command's own; from then on through the stream.
    const d = new Drainer(ctx, o, nodes.map((n) => n.metadata!.name!), ctx);
    const first = d.next();
    if (first === 'failed') throw new KubectlError('', 1);
    if (first === 'done') return;
    const s = new Stream(ctx.cluster, {
      step: (st) => {
        const r = d.poll();
        if (r === 'wait') { st.deadline = d.timeout; return; }
        st.finish(r === 'failed' ? 1 : 0);
      },
    }, false);
    d.rebind(s);
    s.deadline = d.timeout;
    return s;
  },
};
