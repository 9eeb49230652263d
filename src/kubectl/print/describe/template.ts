// The `Pod Template:` block and the container/volume sections shared by describe sts, describe pod and
// rollout history --revision. Models describe.go DescribePodTemplate, describeContainers, describeVolumes.
import type { Pod, PodTemplateSpec } from '../../../engine/api/types.ts';
import { rfc1123z, parseRfc3339 } from '../../../engine/clock/time.ts';
import { labelsMultiline, annotationsMultiline, tolerationsMultiline } from './common.ts';

type PodSpec = NonNullable<Pod['spec']>;
type Container = PodSpec['containers'][number];
type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];
type ContainerState = NonNullable<ContainerStatus['state']>;

const date = (t: string | undefined): string => (t ? rfc1123z(parseRfc3339(t)) : '');

function describeState(title: string, s: ContainerState | undefined): string {
  if (s?.running) return `    ${title}:\tRunning\n      Started:\t${date(s.running.startedAt)}\n`;
  if (s?.terminated) {
    const t = s.terminated;
    return `    ${title}:\tTerminated\n` + (t.reason ? `      Reason:\t${t.reason}\n` : '') + (t.message ? `      Message:\t${t.message}\n` : '') +
      `      Exit Code:\t${t.exitCode}\n` + (t.signal ? `      Signal:\t${t.signal}\n` : '') +
      `      Started:\t${date(t.startedAt)}\n      Finished:\t${date(t.finishedAt)}\n`;
  }
  return `    ${title}:\tWaiting\n` + (s?.waiting?.reason ? `      Reason:\t${s.waiting.reason}\n` : '');
}

function probe(title: string, p: Container['readinessProbe']): string {
  if (!p) return '';
  let action = 'unknown';
  if (p.httpGet) action = `http-get ${p.httpGet.scheme === 'HTTPS' ? 'https' : 'http'}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? '/'}`;
  else if (p.tcpSocket) action = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port}`;
  else if (p.exec) action = `exec [${(p.exec.command ?? []).join(' ')}]`;
  else if (p.grpc) action = `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''}`;
  return `    ${title}:\t${action} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}\n`;
}

/** Models describeContainers: `space` is '' for pods and '  ' inside a pod template. */
export function describeContainers(label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, space: string): string {
  let t = `${space}${label}:\n`;
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    t += `  ${space ? ' ' : ''}${c.name}:\n`;
    if (st) t += `    Container ID:\t${st.containerID ?? ''}\n`;
    t += `    Image:\t${c.image ?? ''}\n`;
    if (st) t += `    Image ID:\t${st.imageID ?? ''}\n`;
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(',');
    t += ports.includes(',') ? `    Ports:\t${ports}\n` : `    Port:\t${ports || '<none>'}\n`;
    t += hostPorts.includes(',') ? `    Host Ports:\t${hostPorts}\n` : `    Host Port:\t${hostPorts || '<none>'}\n`;
    if (c.command?.length) t += `    Command:\n${c.command.map((x) => `      ${x}\n`).join('')}`;
    if (c.args?.length) t += `    Args:\n${c.args.map((x) => `      ${x}\n`).join('')}`;
    if (st) {
      t += describeState('State', st.state);
      if (st.lastState?.terminated) t += describeState('Last State', st.lastState);
      t += `    Ready:\t${st.ready ? 'True' : 'False'}\n    Restart Count:\t${st.restartCount ?? 0}\n`;
    }
    for (const [name, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      const keys = Object.keys(list ?? {}).sort();
      if (keys.length) t += `    ${name}:\n${keys.map((k) => `      ${k}:\t${list![k]}\n`).join('')}`;
    }
    t += probe('Liveness', c.livenessProbe) + probe('Readiness', c.readinessProbe) + probe('Startup', c.startupProbe);
    const env = c.env ?? [];
    if (env.length === 0) t += '    Environment:\t<none>\n';
    else {
      t += '    Environment:\n';
      for (const e of env) {
        if (e.value !== undefined || !e.valueFrom) t += `      ${e.name}:\t${e.value ?? ''}\n`;
        else if (e.valueFrom.fieldRef) t += `      ${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`;
        else t += `      ${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef?.key ?? e.valueFrom.secretKeyRef?.key ?? ''}'>\n`;
      }
    }
    const mounts = c.volumeMounts ?? [];
    if (mounts.length === 0) t += '    Mounts:\t<none>\n';
    else {
      t += '    Mounts:\n';
      for (const m of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0))) {
        const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])];
        t += `      ${m.mountPath} from ${m.name} (${flags.join(',')})\n`;
      }
    }
  }
  return t;
}

/** Models describeVolumes for the volume sources a StatefulSet playground uses. */
export function describeVolumes(volumes: PodSpec['volumes'], space: string): string {
  if (!volumes?.length) return `${space}Volumes:\t<none>\n`;
  let t = `${space}Volumes:\n`;
  for (const v of volumes) {
    t += `${space}  ${v.name}:\n`;
    const i = `${space}    `;
    if (v.persistentVolumeClaim) {
      t += `${i}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${i}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${i}ReadOnly:\t${v.persistentVolumeClaim.readOnly ? 'true' : 'false'}\n`;
    } else if (v.emptyDir) {
      t += `${i}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${i}Medium:\t${v.emptyDir.medium ?? ''}\n${i}SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`;
    } else if (v.configMap) {
      t += `${i}Type:\tConfigMap (a volume populated by a ConfigMap)\n${i}Name:\t${v.configMap.name ?? ''}\n${i}Optional:\t${v.configMap.optional ? 'true' : 'false'}\n`;
    } else if (v.secret) {
      t += `${i}Type:\tSecret (a volume populated by a Secret)\n${i}SecretName:\t${v.secret.secretName ?? ''}\n${i}Optional:\t${v.secret.optional ? 'true' : 'false'}\n`;
    } else if (v.projected) {
      const src = v.projected.sources ?? [];
      const token = src.find((s) => s.serviceAccountToken)?.serviceAccountToken;
      const cm = src.find((s) => s.configMap)?.configMap;
      t += `${i}Type:\tProjected (a volume that contains injected data from multiple sources)\n`;
      if (token) t += `${i}TokenExpirationSeconds:\t${token.expirationSeconds ?? 3600}\n`;
      if (cm) t += `${i}ConfigMapName:\t${cm.name ?? ''}\n${i}Optional:\t${cm.optional ? 'true' : 'false'}\n`;
      if (src.some((s) => s.downwardAPI)) t += `${i}DownwardAPI:\ttrue\n`;
    } else t += `${i}Type:\t<unknown>\n`;
  }
  return t;
}

/** Models DescribePodTemplate: the `Pod Template:` block. */
export function describePodTemplate(template: PodTemplateSpec | undefined): string {
  if (!template) return 'Pod Template:\n  <unset>';
  const spec = template.spec ?? { containers: [] };
  let t = 'Pod Template:\n' + labelsMultiline('  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) t += annotationsMultiline('  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) t += `  Service Account:\t${spec.serviceAccountName}\n`;
  if (spec.initContainers?.length) t += describeContainers('Init Containers', spec.initContainers, undefined, '  ');
  t += describeContainers('Containers', spec.containers ?? [], undefined, '  ');
  t += describeVolumes(spec.volumes, '  ');
  if (spec.priorityClassName) t += `  Priority Class Name:\t${spec.priorityClassName}\n`;
  t += labelsMultiline('  Node-Selectors', spec.nodeSelector);
  t += tolerationsMultiline('  Tolerations', spec.tolerations);
  return t;
}
