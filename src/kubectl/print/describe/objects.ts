// Describers of StatefulSet, Pod and PersistentVolumeClaim. Each returns flush segments (the Events table
// is aligned separately). Models describe.go StatefulSetDescriber, PodDescriber, PersistentVolumeClaimDescriber.
import type { KObject, Kind, PersistentVolumeClaim, Pod, StatefulSet } from '../../../engine/api/types.ts';
import { matchesSelector, selectorString } from '../../../engine/api/labels.ts';
import { parseRfc3339, rfc1123z } from '../../../engine/clock/time.ts';
import type { Cluster } from '../../types.ts';
import { accessModes } from '../columns.ts';
import { since, until } from '../age.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, tolerationsMultiline } from './common.ts';
import { describeContainers, describePodTemplate, describeVolumes } from './template.ts';
import { NETWORK_DESCRIBERS } from './network.ts';
import { NODE_DESCRIBERS } from './node.ts';

const date = (t: string | undefined): string => (t ? rfc1123z(parseRfc3339(t)) : '');

function withEvents(c: Cluster, o: KObject, body: string): string[] {
  const ev = describeEvents(eventsFor(c, o), c.wallNow());
  return ev.inline ? [body + ev.inline] : [body, ev.table!];
}

function describeStatefulSet(c: Cluster, s: StatefulSet): string[] {
  const m = s.metadata!;
  const pods = c.store.list('Pod', m.namespace).filter((p) => matchesSelector(s.spec?.selector, p.metadata?.labels) && p.metadata?.ownerReferences?.some((r) => r.uid === m.uid));
  const count = (ph: string): number => pods.filter((p) => p.status?.phase === ph).length;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nCreationTimestamp:\t${date(m.creationTimestamp)}\nSelector:\t${selectorString(s.spec?.selector)}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Replicas:\t${s.spec?.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total\nUpdate Strategy:\t${s.spec?.updateStrategy?.type ?? ''}\n`;
  const ru = s.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    t += `  Partition:\t${ru.partition}\n`;
    if (ru.maxUnavailable !== undefined) t += `  MaxUnavailable:\t${ru.maxUnavailable}\n`;
  }
  t += `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`;
  t += describePodTemplate(s.spec?.template);
  const vcts = s.spec?.volumeClaimTemplates ?? [];
  if (vcts.length === 0) t += 'Volume Claims:\t<none>\n';
  else {
    t += 'Volume Claims:\n';
    for (const v of vcts) {
      t += `  Name:\t${v.metadata?.name ?? ''}\n  StorageClass:\t${v.spec?.storageClassName ?? ''}\n`;
      t += labelsMultiline('  Labels', v.metadata?.labels) + labelsMultiline('  Annotations', v.metadata?.annotations);
      t += `  Capacity:\t${v.spec?.resources?.requests?.storage ?? '<default>'}\n  Access Modes:\t[${(v.spec?.accessModes ?? []).join(' ')}]\n`;
    }
  }
  return withEvents(c, s, t);
}

function describePod(c: Cluster, p: Pod): string[] {
  const m = p.metadata!;
  const spec = p.spec ?? { containers: [] };
  const st = p.status ?? {};
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\n`;
  if (spec.priority !== undefined) t += `Priority:\t${spec.priority}\n`;
  if (spec.priorityClassName) t += `Priority Class Name:\t${spec.priorityClassName}\n`;
  if (spec.serviceAccountName) t += `Service Account:\t${spec.serviceAccountName}\n`;
  t += spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n';
  if (st.startTime) t += `Start Time:\t${date(st.startTime)}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  if (m.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    t += `Status:\tTerminating (lasts ${until(m.deletionTimestamp, c.wallNow())})\nTermination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`;
  } else t += `Status:\t${st.phase ?? ''}\n`;
  if (st.reason) t += `Reason:\t${st.reason}\n`;
  if (st.message) t += `Message:\t${st.message}\n`;
  t += `IP:\t${st.podIP ?? ''}\n`;
  t += st.podIPs?.length ? `IPs:\n${st.podIPs.map((i) => `  IP:\t${i.ip}\n`).join('')}` : 'IPs:\t<none>\n';
  const ctl = m.ownerReferences?.find((r) => r.controller);
  if (ctl) t += `Controlled By:\t${ctl.kind}/${ctl.name}\n`;
  if (spec.initContainers?.length) t += describeContainers('Init Containers', spec.initContainers, st.initContainerStatuses, '');
  t += describeContainers('Containers', spec.containers ?? [], st.containerStatuses, '');
  if (st.conditions?.length) t += `Conditions:\n  Type\tStatus\n${st.conditions.map((x) => `  ${x.type} \t${x.status} \n`).join('')}`;
  t += describeVolumes(spec.volumes, '');
  const hasResources = (spec.containers ?? []).some((x) => Object.keys(x.resources?.requests ?? {}).length || Object.keys(x.resources?.limits ?? {}).length);
  t += `QoS Class:\t${st.qosClass ?? (hasResources ? 'Burstable' : 'BestEffort')}\n`;
  t += labelsMultiline('Node-Selectors', spec.nodeSelector) + tolerationsMultiline('Tolerations', spec.tolerations);
  return withEvents(c, p, t);
}

function describePvc(c: Cluster, v: PersistentVolumeClaim): string[] {
  const m = v.metadata!;
  let t = `Name:\t${m.name}\nNamespace:\t${m.namespace}\nStorageClass:\t${v.spec?.storageClassName ?? ''}\n`;
  t += m.deletionTimestamp ? `Status:\tTerminating (lasts ${since(m.deletionTimestamp, c.wallNow())})\n` : `Status:\t${v.status?.phase ?? ''}\n`;
  t += `Volume:\t${v.spec?.volumeName ?? ''}\n`;
  t += labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += `Finalizers:\t[${(m.finalizers ?? []).join(' ')}]\n`;
  const bound = !!v.spec?.volumeName;
  t += `Capacity:\t${bound ? (v.status?.capacity?.storage ?? '') : ''}\nAccess Modes:\t${bound ? accessModes(v.status?.accessModes) : ''}\n`;
  if (v.spec?.volumeMode) t += `VolumeMode:\t${v.spec.volumeMode}\n`;
  const users = c.store.list('Pod', m.namespace).filter((p) => (p.spec?.volumes ?? []).some((x) => x.persistentVolumeClaim?.claimName === m.name)).map((p) => p.metadata!.name!);
  t += users.length ? users.map((u, i) => `${i === 0 ? 'Used By:' : ''}\t${u}\n`).join('') : 'Used By:\t<none>\n';
  return withEvents(c, v, t);
}

/** Describers by kind; kinds without one are not describable here. */
export const DESCRIBERS: Partial<Record<Kind, (c: Cluster, o: KObject) => string[]>> = {
  StatefulSet: (c, o) => describeStatefulSet(c, o as StatefulSet),
  Pod: (c, o) => describePod(c, o as Pod),
  PersistentVolumeClaim: (c, o) => describePvc(c, o as PersistentVolumeClaim),
  ...NETWORK_DESCRIBERS,
  ...NODE_DESCRIBERS,
};
