// The READY, STATUS and RESTARTS cells of a pod. Models pkg/printers/internalversion/printers.go printPod.
import type { Pod } from '../../engine/api/types.ts';
import { parseRfc3339, rfc3339 } from '../../engine/clock/time.ts';
import { since } from './age.ts';

/** READY (`1/1`), STATUS (`Running`, `CrashLoopBackOff`, `Terminating`, `Init:0/1` …) and RESTARTS (`1 (40s ago)`). */
export interface PodCells { ready: string; status: string; restarts: string }

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

const isRestartableInit = (c: { restartPolicy?: string } | undefined): boolean => c?.restartPolicy === 'Always';

/** Models printers.go printPod (the cells other than NAME and AGE). */
export function podCells(pod: Pod, wallNowMs: number): PodCells {
  const spec = pod.spec ?? { containers: [] };
  const st = pod.status ?? {};
  let restarts = 0;
  let initRestarts = 0;
  let total = spec.containers?.length ?? 0;
  let ready = 0;
  let lastRestart = 0;
  let lastInitRestart = 0;
  const phase = st.phase ?? '';
  let reason: string = st.reason || phase;
  for (const c of st.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  const inits = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (isRestartableInit(c)) total++;
  const finished = (cs: ContainerStatus): number => {
    const t = cs.lastState?.terminated?.finishedAt;
    return t ? parseRfc3339(t) : 0;
  };
  let initializing = false;
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finished(c));
    const restartable = isRestartableInit(inits.get(c.name));
    if (restartable) {
      initRestarts += c.restartCount ?? 0;
      lastInitRestart = Math.max(lastInitRestart, finished(c));
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) { if (c.ready) ready++; continue; }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }
  const initializedTrue = (st.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = initRestarts;
    lastRestart = lastInitRestart;
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finished(c));
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) { hasRunning = true; ready++; }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (st.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';
  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart > 0) restartsStr = `${restarts} (${since(rfc3339(lastRestart), wallNowMs)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsStr };
}
