// `kubectl rollout history`: a workload's revisions as a table, one revision's pod template, or with -o each revision
// as the object it stands for. Models kubectl/pkg/cmd/rollout/rollout_history.go and polymorphichelpers/history.go.
import type { KObject, Kind, PodTemplateSpec } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { describePodTemplate } from '../print/describe/template.ts';
import { formatTable } from '../print/table.ts';
import { OUTPUT_FLAG, TemplateFailure, printFormatOf, printMutation, type PrintFormat } from '../print-flags.ts';
import { FILENAME_FLAG } from '../targets.ts';
import { SELECTOR_FLAG, ownedReplicaSets, revisionTemplate, revisionsOf, rsRevision, visitWorkloads, type Workload } from './rollout-visit.ts';

/** One revision: its number, pod template and change cause, and the object GetHistory gives for it. */
interface Revision { revision: number; template: PodTemplateSpec; cause: string; kind: Kind; object: KObject }

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * A workload's revisions, sorted by number. A Deployment's are its ReplicaSets, by their revision annotation; a
 * StatefulSet's or DaemonSet's are its ControllerRevisions, each standing for the workload with that revision's
 * template merged in (history.go applyStatefulSetHistory / applyDaemonSetHistory: the stored template replaces it).
 */
function revisionsFor(ctx: Ctx, w: Workload): Revision[] {
  if (w.kind === 'Deployment') {
    return ownedReplicaSets(ctx, w.object).map((rs) => ({
      revision: rsRevision(rs), template: rs.spec!.template!, cause: rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '', kind: 'ReplicaSet' as Kind, object: rs as KObject,
    })).sort((a, b) => a.revision - b.revision);
  }
  return revisionsOf(ctx, w.object).map((r) => {
    const template = revisionTemplate(r);
    const object = { ...w.object, spec: { ...w.object.spec!, template } } as unknown as KObject;
    return { revision: r.revision ?? 0, template, cause: r.metadata?.annotations?.[CHANGE_CAUSE] ?? '', kind: w.kind, object };
  });
}

export const history: Verb = {
  name: 'history',
  short: 'View rollout history',
  flags: [{ name: 'revision', type: 'int', default: 0 }, OUTPUT_FLAG, FILENAME_FLAG, SELECTOR_FLAG],
  run(ctx) {
    // With -o, Run builds one printer before it visits anything (a format PrintFlags refuses ends the command
    // there) and prints each revision's object with it; without, each object is printed with its history as the
    // NamePrinter's operation.
    if (ctx.str('output')) {
      let format: PrintFormat = '';
      visitWorkloads(ctx, (w) => printRevisions(ctx, w, format), { prepare: () => { format = printFormatOf(ctx); } });
      return;
    }
    visitWorkloads(ctx, (w) => viewHistory(ctx, w));
  },
};

// Models rollout_history.go Run without -o: the history text (ViewHistory) after the object's name. An empty history
// says so before --revision is looked up (printHistory), so `--revision=N` on it is no error.
function viewHistory(ctx: Ctx, w: Workload): void {
  const revs = revisionsFor(ctx, w);
  const want = ctx.int('revision');
  let info: string;
  if (revs.length === 0) info = 'No rollout history found.';
  else if (want > 0) {
    const r = revs.find((x) => x.revision === want);
    if (!r) throw new KubectlError(E.historyNoRevision);
    // The template goes through a plain prefix writer, not a tabwriter: its tabs stay tabs (printTemplate).
    info = describePodTemplate(r.template);
  } else {
    info = formatTable([['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.cause || '<none>'])], { minWidth: 0, padding: 2, remember: false });
  }
  // The printer is built per object, after the history was read: only --template can make it other than the name.
  printMutation(ctx, printFormatOf(ctx), 'none', w.kind, w.object as KObject, `${want > 0 ? `with revision #${want}` : ''}\n${info}`, true);
}

// Models rollout_history.go Run with -o: GetHistory's object for --revision (which must exist), or for each revision
// in order. The shared printer starts each YAML document after the first with `---`; printing every revision does
// not check the printer's errors, so a template that fails there only leaves its output.
function printRevisions(ctx: Ctx, w: Workload, format: PrintFormat): void {
  const revs = revisionsFor(ctx, w);
  const want = ctx.int('revision');
  if (want > 0) {
    const r = revs.find((x) => x.revision === want);
    if (!r) throw new KubectlError(E.historyNoRevision);
    printMutation(ctx, format, 'none', r.kind, r.object, '');
    return;
  }
  for (const r of revs) {
    try {
      printMutation(ctx, format, 'none', r.kind, r.object, '');
    } catch (e) {
      if (!(e instanceof TemplateFailure)) throw e;
    }
  }
}
