// Describers of DaemonSet, Deployment and ReplicaSet (the cluster's own workloads, served read-only). Models
// describe.go describeDaemonSet, describeDeployment with printReplicaSetsByLabels, describeReplicaSet, and kubectl's
// util/deployment GetAllReplicaSetsInChunks for a Deployment's old and new ReplicaSets.
import type { DaemonSet, Deployment, PodTemplateSpec, ReplicaSet } from '../../../engine/api/types.ts';
import { matchesSelector, selectorString } from '../../../engine/api/labels.ts';
import { semanticEqual } from '../../../engine/api/json-util.ts';
import { parseRfc3339, rfc1123z } from '../../../engine/clock/time.ts';
import type { Cluster } from '../../types.ts';
import { goSort } from '../go-sort.ts';
import { annotationsMultiline, controlledByLine, eventsFor, formatLabels, labelsMultiline, podsStatusLine, withEvents } from './common.ts';
import { describePodTemplate } from './template.ts';

type Condition = { type: string; status: string; reason?: string };

/** The `Conditions:` table of a Deployment or ReplicaSet (Type, Status, Reason); nothing when there are none. */
function conditionsTable(conds: readonly Condition[] | undefined): string {
  if (!conds?.length) return '';
  return 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n' + conds.map((x) => `  ${x.type} \t${x.status}\t${x.reason ?? ''}\n`).join('');
}

function describeDaemonSet(c: Cluster, d: DaemonSet, show: boolean): string[] {
  const m = d.metadata!, st = d.status;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nSelector:\t${selectorString(d.spec?.selector)}\n`;
  t += `Node-Selector:\t${formatLabels(d.spec?.template?.spec?.nodeSelector)}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  // These five lines have no tab: upstream writes them outside the aligned columns.
  t += `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\nCurrent Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`;
  t += `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\nNumber of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`;
  t += `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`;
  t += podsStatusLine(c, m.namespace, d.spec?.selector, m.uid);
  t += describePodTemplate(d.spec?.template ?? {});
  return withEvents(t, show ? eventsFor(c, d) : null, c.wallNow());
}

const HASH_LABEL = 'pod-template-hash';

// Models equalIgnoreHash: the templates semantically equal once the pod-template-hash label is dropped from both.
function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (x: PodTemplateSpec | undefined) => {
    const labels = { ...(x?.metadata?.labels ?? {}) };
    delete labels[HASH_LABEL];
    return { ...x, metadata: { ...x?.metadata, labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

/**
 * Models GetAllReplicaSetsInChunks as describe uses it: the ReplicaSets the Deployment's selector picks and it
 * controls, by creation time then name; the new one is the oldest whose template matches, every other is old.
 */
function replicaSetsOf(c: Cluster, d: Deployment): { old: ReplicaSet[]; new: ReplicaSet[] } {
  const m = d.metadata!;
  const owned = c.store.list('ReplicaSet', m.namespace)
    .filter((rs) => matchesSelector(d.spec?.selector, rs.metadata?.labels) && rs.metadata?.ownerReferences?.find((r) => r.controller)?.uid === m.uid);
  const created = (rs: ReplicaSet): number => parseRfc3339(rs.metadata?.creationTimestamp ?? '') || 0;
  const sorted = goSort([...owned], (a, b) => (created(a) === created(b) ? a.metadata!.name! < b.metadata!.name! : created(a) < created(b)));
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { old: sorted.filter((rs) => rs !== newRS), new: newRS ? [newRS] : [] };
}

/** Models printReplicaSetsByLabels: `name (current/desired replicas created)` joined with `, `; `<none>` when none. */
function replicaSetsByLabels(list: readonly ReplicaSet[]): string {
  return list.map((rs) => `${rs.metadata!.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ') || '<none>';
}

function describeDeployment(c: Cluster, d: Deployment, show: boolean): string[] {
  const m = d.metadata!, spec = d.spec, st = d.status;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nCreationTimestamp:\t${m.creationTimestamp ? rfc1123z(parseRfc3339(m.creationTimestamp)) : ''}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Selector:\t${selectorString(spec?.selector)}\n`;
  t += `Replicas:\t${spec?.replicas ?? 1} desired | ${st?.updatedReplicas ?? 0} updated | ${st?.replicas ?? 0} total | ${st?.availableReplicas ?? 0} available | ${st?.unavailableReplicas ?? 0} unavailable\n`;
  t += `StrategyType:\t${spec?.strategy?.type ?? ''}\nMinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`;
  const ru = spec?.strategy?.rollingUpdate;
  // IntOrString's String(): the number or the percentage as written; a nil one prints `<nil>`.
  if (ru) t += `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '<nil>'} max unavailable, ${ru.maxSurge ?? '<nil>'} max surge\n`;
  t += describePodTemplate(spec?.template ?? {});
  t += conditionsTable(st?.conditions);
  const rss = replicaSetsOf(c, d);
  if (rss.old.length || rss.new.length) t += `OldReplicaSets:\t${replicaSetsByLabels(rss.old)}\nNewReplicaSet:\t${replicaSetsByLabels(rss.new)}\n`;
  return withEvents(t, show ? eventsFor(c, d) : null, c.wallNow());
}

function describeReplicaSet(c: Cluster, rs: ReplicaSet, show: boolean): string[] {
  const m = rs.metadata!;
  // metav1.FormatLabelSelector: `<none>` for a selector that selects everything.
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nSelector:\t${selectorString(rs.spec?.selector) || '<none>'}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations) + controlledByLine(rs);
  t += `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`;
  t += podsStatusLine(c, m.namespace, rs.spec?.selector, m.uid);
  t += describePodTemplate(rs.spec?.template ?? {});
  t += conditionsTable(rs.status?.conditions);
  return withEvents(t, show ? eventsFor(c, rs) : null, c.wallNow());
}

/** The describers of DaemonSet, Deployment and ReplicaSet, for the DESCRIBERS registry. */
export const WORKLOAD_DESCRIBERS = {
  DaemonSet: (c: Cluster, o: unknown, show: boolean) => describeDaemonSet(c, o as DaemonSet, show),
  Deployment: (c: Cluster, o: unknown, show: boolean) => describeDeployment(c, o as Deployment, show),
  ReplicaSet: (c: Cluster, o: unknown, show: boolean) => describeReplicaSet(c, o as ReplicaSet, show),
};
