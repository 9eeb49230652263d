// Container logs as the pods/log subresource serves them: what a container wrote to stdout and stderr since
// it started. Modelled for the official nginx images, whose entrypoint and nginx write their start-up lines and
// whose access and error logs go to stdout and stderr; requests the simulated network served (curl, wget) are
// logged as they happen. Other programs' output is not modelled. Serializable state (cluster ext `logs`).
import type { Cluster } from '../cluster.ts';
import type { ApiStatus, Pod } from '../api/types.ts';
import { badRequest } from '../api/errors.ts';
import { nginxAccessTime as accessTime, nginxErrorTime as errorTime } from '../clock/time.ts';
import { kubeletState, type ContainerRuntime } from '../kubelet/runtime.ts';
import { userlandOf } from './userland.ts';
import { podContainer } from './pod-container.ts';
import { FIRST_WORKER_PID, nginxStartupTexts, type NginxRun } from './nginx.ts';

/** One logged line: the wall-clock ms it was written at and its text (without the newline). */
export interface LogLine { ms: number; text: string }

/**
 * Logged lines per container instance (`<pod uid>/<container>/<restarts>`), each nginx's connection count, and
 * the instances whose own command the model ran (their output is modelled).
 */
interface LogsState { lines: Record<string, LogLine[]>; connections: Record<string, number>; ran?: Record<string, true> }

const newLogsState = (): LogsState => ({ lines: {}, connections: {}, ran: {} });

/** Lines kept per container instance (the kubelet rotates logs; this keeps the newest). */
const KEEP = 2_000;

/** Whether an image is one of the official nginx images (their entrypoint and logging configuration). */
const officialNginx = (image: string): boolean => !!userlandOf(image).entrypoint;

/**
 * The start-up lines of the nginx an official image ran in a container instance (the entrypoint's and nginx's, or
 * nginx's alone), at the time it started; none when its own script wrote them, or when nginx did not run.
 */
function startupLines(c: Cluster, pod: Pod, ct: ContainerRuntime, run: NginxRun | undefined): LogLine[] {
  if (!officialNginx(ct.image) || !run?.startup) return [];
  return nginxStartupTexts(c, pod, userlandOf(ct.image), run.since, run.startup === 'entrypoint').map((text) => ({ ms: run.since, text }));
}

/** An instance's log: what it wrote before nginx started, nginx's start-up lines, then the rest, in order. */
function merged(startup: LogLine[], lines: readonly LogLine[]): LogLine[] {
  if (!startup.length) return [...lines];
  const at = startup[0].ms;
  const before = lines.filter((l) => l.ms <= at);
  return [...before, ...startup, ...lines.slice(before.length)];
}

const instanceKey = (pod: Pod, ct: ContainerRuntime, restarts = ct.restartCount): string => `${pod.metadata!.uid}/${ct.name}/${restarts}`;

/** One request an nginx container served, as its logs record it. */
export interface ServedRequest {
  pod: Pod;
  container: ContainerRuntime;
  client: string;
  host: string;
  path: string;
  status: number;
  bytes: number;
  userAgent: string;
  /** The file the request was for (for the error log of a 403 or 404). */
  file: string;
}

/** Records a request in the serving container's logs: the error-log line of a 403 or 404, then the access-log line. */
export function logRequest(c: Cluster, r: ServedRequest): void {
  if (!officialNginx(r.container.image)) return;
  const st = c.ext<LogsState>('logs', newLogsState);
  const key = instanceKey(r.pod, r.container);
  const ms = c.wallNow();
  const n = (st.connections[key] = (st.connections[key] ?? 0) + 1);
  const lines = (st.lines[key] ??= []);
  const request = `GET ${r.path} HTTP/1.1`;
  const tail = `client: ${r.client}, server: localhost, request: "${request}", host: "${r.host}"`;
  if (r.status === 403) lines.push({ ms, text: `${errorTime(ms)} [error] ${FIRST_WORKER_PID}#${FIRST_WORKER_PID}: *${n} directory index of "${r.file}/" is forbidden, ${tail}` });
  if (r.status === 404) lines.push({ ms, text: `${errorTime(ms)} [error] ${FIRST_WORKER_PID}#${FIRST_WORKER_PID}: *${n} open() "${r.file}" failed (2: No such file or directory), ${tail}` });
  lines.push({ ms, text: `${r.client} - - [${accessTime(ms)}] "${request}" ${r.status} ${r.bytes} "-" "${r.userAgent}" "-"` });
  if (lines.length > KEEP) lines.splice(0, lines.length - KEEP);
  forgetGonePods(c, st);
}

// Instances of pods that are gone are dropped as new lines come.
function forgetGonePods(c: Cluster, st: LogsState): void {
  const pods = kubeletState(c).pods;
  for (const k of Object.keys(st.lines)) if (!pods[k.split('/')[0]]) { delete st.lines[k]; delete st.connections[k]; delete st.ran?.[k]; }
}

/** Records what a container's own command wrote as it started (stdout and stderr, as the runtime logs them). */
export function recordProcessOutput(c: Cluster, pod: Pod, ct: ContainerRuntime, text: string): void {
  const st = c.ext<LogsState>('logs', newLogsState);
  const key = instanceKey(pod, ct);
  const ms = c.wallNow();
  const lines = (st.lines[key] ??= []);
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  for (const line of parts) lines.push({ ms, text: line.replace(/\r$/, '') });
  if (lines.length > KEEP) lines.splice(0, lines.length - KEEP);
  (st.ran ??= {})[key] = true;
  forgetGonePods(c, st);
}

/** Whether the model ran this container instance's own command (so its log is what the command wrote). */
const ranCommand = (c: Cluster, pod: Pod, ct: ContainerRuntime, restarts = ct.restartCount): boolean =>
  !!c.ext<LogsState>('logs', newLogsState).ran?.[instanceKey(pod, ct, restarts)];

/** What `GET pods/NAME/log` returns, or the Status that refuses it. */
export type LogResult = { ok: true; lines: LogLine[]; running: boolean; unmodelled: boolean } | { ok: false; status: ApiStatus };

/**
 * A container's log: the current instance's, or with `previous` the one before its last restart. Models the
 * API server's checks (pkg/registry/core/pod/strategy.go LogLocation) and the kubelet's (a container that has not
 * started yet, a previous instance that does not exist).
 */
export function containerLog(c: Cluster, namespace: string, podName: string, container: string, previous: boolean): LogResult {
  const found = podContainer(c, namespace, podName, container);
  if (!found.ok) return found;
  const { pod, ct } = found;
  if (previous) {
    if (!ct?.last) return { ok: false, status: badRequest(`previous terminated container "${container}" in pod "${podName}" not found`) };
    const prev: ContainerRuntime = { ...ct, startedAt: ct.last.startedAt };
    const lines = merged(startupLines(c, pod, prev, ct.last.nginx), c.ext<LogsState>('logs', newLogsState).lines[instanceKey(pod, ct, ct.restartCount - 1)] ?? []);
    return { ok: true, lines, running: false, unmodelled: !officialNginx(ct.image) && !ranCommand(c, pod, ct, ct.restartCount - 1) };
  }
  if (!ct || (ct.state === 'waiting' && !ct.last)) {
    const reason = ct?.reason === 'ErrImagePull' || ct?.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : ct?.reason ?? 'ContainerCreating';
    return { ok: false, status: badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`) };
  }
  const lines = merged(startupLines(c, pod, ct, ct.nginx), c.ext<LogsState>('logs', newLogsState).lines[instanceKey(pod, ct)] ?? []);
  return { ok: true, lines, running: ct.state === 'running', unmodelled: !officialNginx(ct.image) && !ranCommand(c, pod, ct) };
}
