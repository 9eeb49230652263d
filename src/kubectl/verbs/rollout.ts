// `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets. Models
// kubectl/pkg/polymorphichelpers (rollout_status.go StatefulSetStatusViewer, history.go, rollback.go,
// objectrestarter.go) and cmd/rollout.
import { goJson } from '../../engine/api/go-json.ts';
import { rfc3339 } from '../../engine/clock/time.ts';
import type { ControllerRevision, KObject, PodTemplateSpec, StatefulSet } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { describePodTemplate } from '../print/describe/template.ts';
import { formatTable } from '../print/table.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { Stream } from '../stream.ts';
import { namedObjects } from '../targets.ts';

function oneSet(ctx: Ctx): StatefulSet {
  const { items, errors } = namedObjects(ctx, ctx.args);
  if (errors.length) throw new KubectlError(errors[0]);
  const it = items[0];
  if (!it) throw new KubectlError(E.requiredResource(ctx.path));
  if (it.kind !== 'StatefulSet') throw new KubectlError(`error: no ${ctx.path.split(' ')[1]} handler found for ${it.kind.toLowerCase()}s "${it.object.metadata?.name}"`);
  return it.object as StatefulSet;
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
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'filename', short: 'f', type: 'strings', default: [] },
  ],
  run(ctx) {
    const set = oneSet(ctx);
    const timeoutMs = ctx.duration('timeout');
    const first = statefulSetStatus(set);
    if ('error' in first) throw new KubectlError(first.error);
    ctx.out(first.message);
    if (first.done || !ctx.bool('watch')) return;
    const { namespace, name, uid } = set.metadata as { namespace: string; name: string; uid: string };
    const s = new Stream(ctx.cluster, {
      filter: (e) => e.kind === 'StatefulSet' && e.object.metadata?.namespace === namespace && e.object.metadata?.name === name,
      onEvent: ({ event }, st) => {
        if (event.type === 'DELETED' || event.object.metadata?.uid !== uid) {
          st.err(`error: object has been deleted\n`);
          st.finish(1);
          return;
        }
        const r = statefulSetStatus(event.object as StatefulSet);
        if ('error' in r) { st.err(r.error + '\n'); st.finish(1); return; }
        st.out(r.message);
        if (r.done) st.finish(0);
      },
      onTimeout: (st) => st.err(E.timedOut + '\n'),
    }, false, timeoutMs > 0 ? ctx.cluster.now + timeoutMs : undefined);
    return s;
  },
};

/** The set's revisions (owned by its uid), sorted by revision number. */
export function revisionsOf(ctx: Ctx, set: StatefulSet): ControllerRevision[] {
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
  flags: [{ name: 'revision', type: 'int', default: 0 }, { name: 'output', short: 'o', type: 'string', default: '' }],
  run(ctx) {
    const set = oneSet(ctx);
    const revs = revisionsOf(ctx, set);
    const want = ctx.int('revision');
    if (want > 0) {
      const r = revs.find((x) => x.revision === want);
      if (!r) throw new KubectlError(E.historyNoRevision);
      // The template goes through a plain prefix writer, not a tabwriter: its tabs stay tabs. NamePrinter adds
      // the last newline. Models polymorphichelpers/history.go printTemplate and rollout_history.go.
      ctx.out(`statefulset.apps/${set.metadata!.name} with revision #${want}\n${describePodTemplate(revisionTemplate(r))}\n`);
      return;
    }
    if (revs.length === 0) { ctx.out('No rollout history found.\n'); return; }
    const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision ?? 0), r.metadata?.annotations?.['kubernetes.io/change-cause'] || '<none>'])];
    ctx.out(`statefulset.apps/${set.metadata!.name} \n${formatTable(rows, { minWidth: 0, padding: 2, remember: false })}\n`);
  },
};

const undo: Verb = {
  name: 'undo',
  short: 'Undo a previous rollout',
  flags: [{ name: 'to-revision', type: 'int', default: 0 }, DRY_RUN_FLAG, OUTPUT_FLAG],
  // Models polymorphichelpers/rollback.go StatefulSetRollbacker.Rollback: a client dry run describes the
  // template it would restore (before the already-matches check); a server dry run sends the patch unstored.
  // rollout_undo.go prints the object it fetched with the rollback's result as the operation, and builds that
  // printer only after the rollback: a bad -o is reported once the rollback is done.
  run(ctx) {
    const dry = dryRunOf(ctx);
    const set = oneSet(ctx);
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
  },
};

const restart: Verb = {
  name: 'restart',
  short: 'Restart a resource',
  flags: [{ name: 'selector', short: 'l', type: 'string', default: '' }],
  run(ctx) {
    const set = oneSet(ctx);
    const next = editable(set);
    const t = next.spec!.template;
    t.metadata = { ...(t.metadata ?? {}), annotations: { ...(t.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.cluster.wallNow()) } };
    const w = writeObject(ctx, 'StatefulSet', set as KObject, next as KObject);
    if (!w.changed) throw new KubectlError(`error: failed to create patch for statefulset.apps/${set.metadata!.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    ctx.out(`statefulset.apps/${set.metadata!.name} restarted\n`);
  },
};

function notSupported(name: 'pause' | 'resume'): Verb {
  return {
    name, short: `Mark the provided resource as ${name === 'pause' ? 'paused' : 'resumed'}`, flags: [],
    run(ctx) {
      const set = oneSet(ctx);
      throw new KubectlError(E.notSupported('statefulsets.apps', set.metadata!.name!, name === 'pause' ? 'pausing' : 'resuming'));
    },
  };
}

export const rollout: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [],
  subcommands: [status, history, undo, restart, notSupported('pause'), notSupported('resume')],
};
