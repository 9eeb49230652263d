// `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets, and for the cluster's own
// Deployments and DaemonSets (served read-only: what would write is refused by the API server). Models
// kubectl/pkg/polymorphichelpers (rollout_status.go, rollback.go, objectrestarter.go) and cmd/rollout; history is
// in rollout-history.ts, the walk over the objects and the error reporting in rollout-visit.ts.
import { goJson } from '../../engine/api/go-json.ts';
import { rfc3339 } from '../../engine/clock/time.ts';
import type { ControllerRevision, DaemonSet, Deployment, KObject, Kind, PodTemplateSpec, StatefulSet } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { describePodTemplate } from '../print/describe/template.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { Stream } from '../stream.ts';
import { FILENAME_FLAG } from '../targets.ts';
import { history } from './rollout-history.ts';
import {
  FIELD_MANAGER_FLAG, OwnPrefixError, SELECTOR_FLAG, WORKLOADS, ownedReplicaSets, patchWorkloads, revisionTemplate, revisionsOf, rsRevision,
  statusObjects, visitWorkloads, workload, type Workload,
} from './rollout-visit.ts';

// The one object rollout status works on (rollout_status.go Run refuses more, or none).
function oneObject(ctx: Ctx): Workload {
  const { items, errors } = statusObjects(ctx);
  if (errors.length) throw new KubectlError(errors[0]);
  if (items.length !== 1) {
    throw new KubectlError(`error: rollout status is only supported on individual resources and resource collections - ${items.length} resources were found`);
  }
  return workload(ctx, items[0], WORKLOADS);
}

/** Models rollout_status.go DeploymentStatusViewer.Status. */
export function deploymentStatus(d: Deployment): { message: string; done: boolean } | { error: string } {
  const st = d.status ?? {};
  const name = d.metadata!.name!;
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = st.conditions?.find((x) => x.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `error: deployment "${name}" exceeded its progress deadline` };
  const replicas = d.spec?.replicas, updated = st.updatedReplicas ?? 0;
  if (replicas !== undefined && updated < replicas) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  }
  if ((st.replicas ?? 0) > updated) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  }
  if ((st.availableReplicas ?? 0) < updated) {
    return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
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

function statusOf(w: Workload): { message: string; done: boolean } | { error: string } {
  if (w.kind === 'Deployment') return deploymentStatus(w.object);
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
    const first = statusOf(w);
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
        const r = statusOf({ kind: w.kind, object: event.object } as Workload);
        if ('error' in r) { st.err(r.error + '\n'); st.finish(1); return; }
        st.out(r.message);
        if (r.done) st.finish(0);
      },
      onTimeout: (st) => st.err(E.timedOut + '\n'),
    }, false, timeoutMs > 0 ? ctx.cluster.now + timeoutMs : undefined);
    return s;
  },
};

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
    const rss = ownedReplicaSets(ctx, w.object).map((rs) => ({ rs, v: rsRevision(rs) })).sort((a, b) => a.v - b.v);
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
    visitWorkloads(ctx, (w) => {
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

// Models rollout_restart.go RunRestart: the restartedAt annotation stamps the pod template; a patch that changes
// nothing (a second restart within the same second) is refused, naming the object by its bare name. What was
// patched goes to a printer built for it alone (PrintFlags: the name line by default, or -o's format).
const restart: Verb = {
  name: 'restart',
  short: 'Restart a resource',
  flags: [SELECTOR_FLAG, FILENAME_FLAG, FIELD_MANAGER_FLAG, OUTPUT_FLAG],
  run: (ctx) => patchWorkloads(ctx, ({ kind, object: set }) => {
    const next = editable(set);
    const t = next.spec!.template!;
    t.metadata = { ...(t.metadata ?? {}), annotations: { ...(t.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.cluster.wallNow()) } };
    const w = patched(ctx, kind, set as KObject, next as KObject);
    if (!w.changed) throw new KubectlError(`error: failed to create patch for ${set.metadata!.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    printMutation(ctx, printFormatOf(ctx), 'none', kind, w.object, 'restarted', true);
  }),
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

// pause and resume: only Deployments can be paused (polymorphichelpers defaultObjectPauser and defaultObjectResumer,
// whose refusals the sub-commands word with their own `error: `). Like restart, each prints the patched object.
function pauseOrResume(name: 'pause' | 'resume'): Verb {
  return {
    name, short: `Mark the provided resource as ${name === 'pause' ? 'paused' : 'resumed'}`, flags: [FILENAME_FLAG, SELECTOR_FLAG, FIELD_MANAGER_FLAG, OUTPUT_FLAG],
    run: (ctx) => patchWorkloads(ctx, ({ kind, object }) => {
      const d = object as Deployment;
      const pause = name === 'pause';
      if (!!d.spec?.paused === pause) throw new OwnPrefixError(`error: deployments.apps "${d.metadata!.name}" ${pause ? 'is already paused' : 'is not paused'}`);
      const next = editable(d);
      next.spec = { ...next.spec!, paused: pause };
      const w = patched(ctx, kind, d as KObject, next as KObject);
      printMutation(ctx, printFormatOf(ctx), 'none', kind, w.object, pause ? 'paused' : 'resumed', true);
    }, ['Deployment']),
  };
}

export const rollout: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [],
  subcommands: [status, history, undo, restart, pauseOrResume('pause'), pauseOrResume('resume')],
};
