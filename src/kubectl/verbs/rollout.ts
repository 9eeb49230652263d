// `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets, and for the cluster's own
// Deployments and DaemonSets (served read-only: what would write is refused by the API server). Models
// kubectl/pkg/polymorphichelpers (rollout_status.go, history.go, rollback.go, objectrestarter.go) and cmd/rollout.
import { goJson } from '../../engine/api/go-json.ts';
import { rfc3339 } from '../../engine/clock/time.ts';
import { GROUP, qualifiedResource, type ControllerRevision, type DaemonSet, type Deployment, type KObject, type Kind, type PodTemplateSpec, type ReplicaSet, type StatefulSet } from '../../engine/api/types.ts';
import { selectorRequirements, matchesRequirements } from '../../engine/api/labels.ts';
import type { Ctx, Verb } from '../context.ts';
import type { FlagSpec } from '../flags.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { describePodTemplate } from '../print/describe/template.ts';
import { formatTable } from '../print/table.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { Stream } from '../stream.ts';
import { namedObjects, FILENAME_FLAG, type Found } from '../targets.ts';

type Workload = { kind: 'StatefulSet'; object: StatefulSet } | { kind: 'Deployment'; object: Deployment } | { kind: 'DaemonSet'; object: DaemonSet };

// A kind as Go prints a schema.GroupKind: by its String method (`Service`, `ReplicaSet.apps`), or as a bare struct
// value, whose String has a pointer receiver, under %q (`{"" "Service"}`).
const groupKind = (k: Kind): string => (GROUP[k] ? `${k}.${GROUP[k]}` : k);

// What each sub-command says of an object of a kind it has no helper for (polymorphichelpers' StatusViewerFor,
// HistoryViewerFor and RollbackerFor; the restarter and pauser as the sub-command reports a failed patch).
const UNSUPPORTED: Record<string, (kind: Kind, name: string) => string> = {
  status: (k) => `error: no status viewer has been implemented for ${groupKind(k)}`,
  history: (k) => `error: no history viewer has been implemented for "${groupKind(k)}"`,
  undo: (k) => `error: no rollbacker has been implemented for {"${GROUP[k]}" "${k}"}`,
  restart: (k, n) => E.notSupported(qualifiedResource(k), n, 'restarting'),
  pause: (k, n) => E.notSupported(qualifiedResource(k), n, 'pausing'),
  resume: (k, n) => E.notSupported(qualifiedResource(k), n, 'resuming'),
};

const WORKLOADS: readonly Kind[] = ['StatefulSet', 'Deployment', 'DaemonSet'];

/** `-l`: with a bare TYPE, the objects of the type it selects (every rollout sub-command takes it). */
const SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', type: 'string', default: '' };

// The sub-command's refusal of an object of a kind it has no helper for; `kinds` are those it handles.
function workload(ctx: Ctx, it: { kind: Kind; object: KObject }, kinds: readonly Kind[]): Workload {
  if (!kinds.includes(it.kind)) throw new KubectlError(UNSUPPORTED[ctx.path.split(' ')[1]](it.kind, it.object.metadata!.name!));
  return it as Workload;
}

// The objects a rollout sub-command names: a bare TYPE is every object of the type (with -l, those it selects).
// Without a resource or -f, each sub-command's Validate says so.
function rolloutObjects(ctx: Ctx): Found {
  if (!ctx.args.length && !ctx.list('filename').length) throw new KubectlError('error: required resource not specified');
  // status and history Validate --revision too.
  if (ctx.flags.values.revision !== undefined && ctx.int('revision') < 0) throw new KubectlError(`error: revision must be a positive integer: ${ctx.int('revision')}`);
  return namedObjects(ctx, ctx.args, { emptySelector: true });
}

// The one object rollout status works on (rollout_status.go Run refuses more, or none).
function oneObject(ctx: Ctx): Workload {
  const { items, errors } = rolloutObjects(ctx);
  if (errors.length) throw new KubectlError(errors[0]);
  if (items.length !== 1) {
    throw new KubectlError(`error: rollout status is only supported on individual resources and resource collections - ${items.length} resources were found`);
  }
  return workload(ctx, items[0], WORKLOADS);
}

/**
 * Runs a sub-command on each object named, in order. history and undo stop at the first error (the builder's Visit);
 * restart, pause and resume (`gather`) go on and report every failure at the end, as they gather their patches' errors.
 */
function eachWorkload(ctx: Ctx, fn: (w: Workload) => void, opts: { kinds?: readonly Kind[]; gather?: boolean } = {}): void {
  const { items, errors } = rolloutObjects(ctx);
  if (errors.length && !opts.gather) throw new KubectlError(errors[0]);
  // restart, pause and resume say when they found nothing to patch; history and undo visit nothing, quietly.
  if (opts.gather && !items.length && !errors.length) { ctx.err(`No resources found in ${ctx.namespace} namespace.\n`); return; }
  const failed: string[] = [];
  for (const it of items) {
    try {
      fn(workload(ctx, it, opts.kinds ?? WORKLOADS));
    } catch (e) {
      if (!opts.gather || !(e instanceof KubectlError)) throw e;
      failed.push(e.text);
    }
  }
  if (failed.length || errors.length) throw new KubectlError([...failed, ...errors].join('\n'));
}

/** Models rollout_status.go DeploymentStatusViewer.Status, with appendWarning's note about a stuck pod. */
export function deploymentStatus(ctx: Ctx, d: Deployment): { message: string; done: boolean } | { error: string } {
  const st = d.status ?? {};
  const name = d.metadata!.name!;
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: warned(ctx, d, 'Waiting for deployment spec update to be observed...\n'), done: false };
  const progressing = st.conditions?.find((x) => x.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `error: deployment "${name}" exceeded its progress deadline` };
  const replicas = d.spec?.replicas, updated = st.updatedReplicas ?? 0;
  if (replicas !== undefined && updated < replicas) {
    return { message: warned(ctx, d, `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`), done: false };
  }
  if ((st.replicas ?? 0) > updated) {
    return { message: warned(ctx, d, `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`), done: false };
  }
  if ((st.availableReplicas ?? 0) < updated) {
    return { message: warned(ctx, d, `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`), done: false };
  }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

// The first of the Deployment's pods (by its selector) that cannot be scheduled or waits on a failing container.
function warned(ctx: Ctx, d: Deployment, base: string): string {
  const reqs = selectorRequirements(d.spec?.selector);
  if (!reqs) return base;
  for (const pod of ctx.cluster.store.list('Pod', d.metadata!.namespace!)) {
    if (!matchesRequirements(reqs, pod.metadata?.labels ?? {})) continue;
    const unsched = pod.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False' && x.reason === 'Unschedulable');
    if (unsched) return `${base.trim()} (Warning: ${unsched.message ?? ''})\n`;
    for (const cs of pod.status?.containerStatuses ?? []) {
      const w = cs.state?.waiting;
      if (w && ['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'CreateContainerError'].includes(w.reason ?? '')) {
        return `${base.trim()} (Warning: ${w.reason} - ${w.message ?? ''})\n`;
      }
    }
  }
  return base;
}

/** Models rollout_status.go DaemonSetStatusViewer.Status. */
export function daemonSetStatus(d: DaemonSet): { message: string; done: boolean } | { error: string } {
  if (d.spec?.updateStrategy?.type !== undefined && d.spec.updateStrategy.type !== 'RollingUpdate') return { error: E.rolloutOnlyRolling };
  const st = d.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  const name = d.metadata!.name!;
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = st.desiredNumberScheduled ?? 0;
  if ((st.updatedNumberScheduled ?? 0) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
  }
  if ((st.numberAvailable ?? 0) < desired) {
    return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
  }
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}

function statusOf(ctx: Ctx, w: Workload): { message: string; done: boolean } | { error: string } {
  if (w.kind === 'Deployment') return deploymentStatus(ctx, w.object);
  if (w.kind === 'DaemonSet') return daemonSetStatus(w.object);
  return statefulSetStatus(w.object);
}

/** Models rollout_status.go StatefulSetStatusViewer.Status: the message and whether the rollout is done. */
export function statefulSetStatus(s: StatefulSet): { message: string; done: boolean } | { error: string } {
  if (s.spec?.updateStrategy?.type !== undefined && s.spec.updateStrategy.type !== 'RollingUpdate') return { error: E.rolloutOnlyRolling };
  const st: NonNullable<StatefulSet['status']> = s.status ?? { replicas: 0 };
  const replicas = s.spec?.replicas ?? 1;
  if (!st.observedGeneration || (s.metadata?.generation ?? 0) > st.observedGeneration) {
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  if ((st.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const ru = s.spec?.updateStrategy?.rollingUpdate;
  if (s.spec?.updateStrategy?.type === 'RollingUpdate' && ru) {
    const partition = ru.partition ?? 0;
    if ((st.updatedReplicas ?? 0) < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}

const status: Verb = {
  name: 'status',
  short: 'Show the status of the rollout',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'revision', type: 'int', default: 0 },
    FILENAME_FLAG,
    SELECTOR_FLAG,
  ],
  run(ctx) {
    const w = oneObject(ctx);
    const timeoutMs = ctx.duration('timeout');
    const first = statusOf(ctx, w);
    if ('error' in first) throw new KubectlError(first.error);
    ctx.out(first.message);
    if (first.done || !ctx.bool('watch')) return;
    const { namespace, name, uid } = w.object.metadata as { namespace: string; name: string; uid: string };
    const s = new Stream(ctx.cluster, {
      filter: (e) => e.kind === w.kind && e.object.metadata?.namespace === namespace && e.object.metadata?.name === name,
      onEvent: ({ event }, st) => {
        if (event.type === 'DELETED' || event.object.metadata?.uid !== uid) {
          st.err(`error: object has been deleted\n`);
          st.finish(1);
          return;
        }
        const r = statusOf(ctx, { kind: w.kind, object: event.object } as Workload);
        if ('error' in r) { st.err(r.error + '\n'); st.finish(1); return; }
        st.out(r.message);
        if (r.done) st.finish(0);
      },
      onTimeout: (st) => st.err(E.timedOut + '\n'),
    }, false, timeoutMs > 0 ? ctx.cluster.now + timeoutMs : undefined);
    return s;
  },
};

/** The revisions a StatefulSet or DaemonSet controls (owned by its uid), sorted by revision number. */
export function revisionsOf(ctx: Ctx, set: StatefulSet | DaemonSet): ControllerRevision[] {
  return ctx.cluster.store.listByOwner('ControllerRevision', set.metadata!.uid!)
    .filter((r) => r.metadata?.ownerReferences?.some((o) => o.controller && o.uid === set.metadata!.uid))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** The pod template a revision stores (its data minus the `$patch` directive). */
export function revisionTemplate(r: ControllerRevision): PodTemplateSpec {
  const data = r.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const { $patch: _p, ...template } = data?.spec?.template ?? {};
  return template as PodTemplateSpec;
}

const history: Verb = {
  name: 'history',
  short: 'View rollout history',
  flags: [{ name: 'revision', type: 'int', default: 0 }, { name: 'output', short: 'o', type: 'string', default: '' }, FILENAME_FLAG, SELECTOR_FLAG],
  run: (ctx) => eachWorkload(ctx, (w) => historyOf(ctx, w)),
};

function historyOf(ctx: Ctx, w: Workload): void {
  const prefix = `${w.kind.toLowerCase()}.apps/${w.object.metadata!.name}`;
  // Revision → its template and change cause: a Deployment's from its ReplicaSets' revision annotations, the
  // others' from their ControllerRevisions (history.go DeploymentHistoryViewer, DaemonSet/StatefulSetHistoryViewer).
  const revs: Array<{ revision: number; template: PodTemplateSpec; cause: string }> = w.kind === 'Deployment'
    ? ownedReplicaSets(ctx, w.object).map((rs) => ({
      revision: Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0), template: rs.spec!.template!,
      cause: rs.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '',
    })).sort((a, b) => a.revision - b.revision)
    : revisionsOf(ctx, w.object).map((r) => ({ revision: r.revision ?? 0, template: revisionTemplate(r), cause: r.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '' }));
  const want = ctx.int('revision');
  if (want > 0) {
    const r = revs.find((x) => x.revision === want);
    if (!r) throw new KubectlError(E.historyNoRevision);
    // The template goes through a plain prefix writer, not a tabwriter: its tabs stay tabs. NamePrinter adds
    // the last newline. Models polymorphichelpers/history.go printTemplate and rollout_history.go.
    ctx.out(`${prefix} with revision #${want}\n${describePodTemplate(r.template)}\n`);
    return;
  }
  if (revs.length === 0) { ctx.out('No rollout history found.\n'); return; }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.cause || '<none>'])];
  ctx.out(`${prefix} \n${formatTable(rows, { minWidth: 0, padding: 2, remember: false })}\n`);
}

/** The ReplicaSets a Deployment controls. */
function ownedReplicaSets(ctx: Ctx, d: Deployment): ReplicaSet[] {
  return ctx.cluster.store.listByOwner('ReplicaSet', d.metadata!.uid!).filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === d.metadata!.uid));
}

// A template without the pod-template-hash label, for comparing a ReplicaSet's with its Deployment's (equalIgnoreHash).
function withoutHash(t: PodTemplateSpec | undefined): string {
  const { 'pod-template-hash': _h, ...labels } = t?.metadata?.labels ?? {};
  return goJson({ ...t, metadata: { ...t?.metadata, labels } });
}

// Models rollback.go DeploymentRollbacker and DaemonSetRollbacker up to the patch, which the API server refuses
// here (read-only kinds): the revision to go back to, a client dry run's template, or the skip when it matches.
function undoWorkload(ctx: Ctx, w: Workload, to: number, dry: ReturnType<typeof dryRunOf>): void {
  const print = (operation: string): void => printMutation(ctx, printFormatOf(ctx), dry, w.kind, w.object as KObject, operation, true);
  let template: PodTemplateSpec;
  let matches: boolean;
  if (w.kind === 'Deployment') {
    const rss = ownedReplicaSets(ctx, w.object).map((rs) => ({ rs, v: Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) })).sort((a, b) => a.v - b.v);
    const found = to > 0 ? rss.find((x) => x.v === to) : rss[rss.length - 2];
    if (!found) throw new KubectlError(to > 0 ? E.noSuchRevision(to) : `error: no rollout history found for deployment "${w.object.metadata!.name}"`);
    template = found.rs.spec!.template!;
    matches = withoutHash(template) === withoutHash(w.object.spec?.template);
  } else {
    const revs = revisionsOf(ctx, w.object as DaemonSet);
    if (to === 0 && revs.length <= 1) throw new KubectlError(E.noLastRevision);
    const target = to === 0 ? revs[revs.length - 2] : revs.find((r) => r.revision === to);
    if (!target) throw new KubectlError(E.noSuchRevision(to));
    template = revisionTemplate(target);
    matches = goJson(template) === goJson(w.object.spec?.template);
  }
  if (dry === 'client') { print(`will roll back to ${describePodTemplate(template)}`); return; }
  if (matches) { print(`skipped rollback (current template already matches revision ${to})`); return; }
  const next = editable(w.object) as Deployment | DaemonSet;
  next.spec = { ...next.spec!, template: editable(template) } as typeof next.spec;
  try {
    writeObject(ctx, w.kind, w.object as KObject, next as KObject, undefined, dry);
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    throw new KubectlError(`error: failed restoring revision ${to}: ${e.message.replace(/^Error from server \([A-Za-z]+\): /, '')}`);
  }
  print('rolled back');
}

const undo: Verb = {
  name: 'undo',
  short: 'Undo a previous rollout',
  flags: [{ name: 'to-revision', type: 'int', default: 0 }, DRY_RUN_FLAG, OUTPUT_FLAG, FILENAME_FLAG, SELECTOR_FLAG],
  // Models polymorphichelpers/rollback.go StatefulSetRollbacker.Rollback: a client dry run describes the
  // template it would restore (before the already-matches check); a server dry run sends the patch unstored.
  // rollout_undo.go prints the object it fetched with the rollback's result as the operation, and builds that
  // printer only after the rollback: a bad -o is reported once the rollback is done.
  run(ctx) {
    const dry = dryRunOf(ctx);
    eachWorkload(ctx, (w) => {
      if (w.kind !== 'StatefulSet') undoWorkload(ctx, w, ctx.int('to-revision'), dry);
      else undoSet(ctx, w.object, dry);
    });
  },
};

function undoSet(ctx: Ctx, set: StatefulSet, dry: ReturnType<typeof dryRunOf>): void {
  const revs = revisionsOf(ctx, set);
  const to = ctx.int('to-revision');
  let target: ControllerRevision | undefined;
  if (to === 0) {
    if (revs.length < 2) throw new KubectlError(E.noLastRevision);
    target = revs[revs.length - 2];
  } else {
    target = revs.find((r) => r.revision === to);
    if (!target) throw new KubectlError(E.noSuchRevision(to));
  }
  const template = revisionTemplate(target);
  const print = (operation: string): void => printMutation(ctx, printFormatOf(ctx), dry, 'StatefulSet', set as KObject, operation, true);
  if (dry === 'client') { print(`will roll back to ${describePodTemplate(template)}`); return; }
  const live = set.spec?.template as unknown;
  if (goJson(template) === goJson(live)) { print(`skipped rollback (current template already matches revision ${to})`); return; }
  const next = editable(set);
  next.spec = { ...next.spec!, template: editable(template) };
  writeObject(ctx, 'StatefulSet', set as KObject, next as KObject, undefined, dry);
  print('rolled back');
}

const restart: Verb = {
  name: 'restart',
  short: 'Restart a resource',
  flags: [SELECTOR_FLAG, FILENAME_FLAG],
  run: (ctx) => eachWorkload(ctx, ({ kind, object: set }) => {
    const ref = `${kind.toLowerCase()}.apps/${set.metadata!.name}`;
    const next = editable(set);
    const t = next.spec!.template!;
    t.metadata = { ...(t.metadata ?? {}), annotations: { ...(t.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.cluster.wallNow()) } };
    const w = patched(ctx, kind, set as KObject, next as KObject);
    if (!w.changed) throw new KubectlError(`error: failed to create patch for ${ref}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    ctx.out(`${ref} restarted\n`);
  }, { gather: true }),
};

// Writes a workload's change; the cluster's own Deployments and DaemonSets are served read-only, and the sub-commands
// report the API server's refusal of their patch as `failed to patch` (rollout_restart.go, rollout_pause.go).
function patched(ctx: Ctx, kind: Kind, old: KObject, next: KObject): ReturnType<typeof writeObject> {
  try {
    return writeObject(ctx, kind, old, next);
  } catch (e) {
    if (!(e instanceof KubectlError) || kind === 'StatefulSet') throw e;
    throw new KubectlError(`error: failed to patch: ${e.message.replace(/^Error from server \([A-Za-z]+\): /, '')}`);
  }
}

// pause and resume: only Deployments can be paused (polymorphichelpers defaultObjectPauser and defaultObjectResumer).
function pauseOrResume(name: 'pause' | 'resume'): Verb {
  return {
    name, short: `Mark the provided resource as ${name === 'pause' ? 'paused' : 'resumed'}`, flags: [FILENAME_FLAG, SELECTOR_FLAG],
    run: (ctx) => eachWorkload(ctx, ({ kind, object }) => {
      const d = object as Deployment;
      const pause = name === 'pause';
      if (!!d.spec?.paused === pause) throw new KubectlError(`error: deployments.apps "${d.metadata!.name}" ${pause ? 'is already paused' : 'is not paused'}`);
      const next = editable(d);
      next.spec = { ...next.spec!, paused: pause };
      patched(ctx, kind, d as KObject, next as KObject);
      ctx.out(`deployment.apps/${d.metadata!.name} ${pause ? 'paused' : 'resumed'}\n`);
    }, { kinds: ['Deployment'], gather: true }),
  };
}

export const rollout: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [],
  subcommands: [status, history, undo, restart, pauseOrResume('pause'), pauseOrResume('resume')],
};
