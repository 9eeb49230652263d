// The STATUS column of `kubectl get pods`, computed from a Pod the way kubectl's table printer does.
// Pure function over the API object; the scene, the table view and accessible names all use it.
import type { Pod } from '../../engine/index.ts';

/** Reason kubectl shows for a pod on an unreachable node that is being deleted. */
const NODE_UNREACHABLE = 'NodeLost';

/** What one pod row shows: READY `n/m`, STATUS text and restart count. */
export interface PodStatusSummary { ready: string; readyCount: number; total: number; status: string; restarts: number }

/**
 * Computes `kubectl get pods` READY/STATUS/RESTARTS for one pod.
 * Models kubernetes/pkg/printers/internalversion/printers.go printPod (init containers, waiting/terminated
 * reasons scanned from the last container, Completed→Running/NotReady, Terminating, Unknown, SchedulingGated).
 */
export function podStatus(pod: Pod): PodStatusSummary {
  const st = pod.status ?? {};
  const containers = pod.spec?.containers ?? [];
  let reason: string = st.reason || st.phase || '';
  let restarts = 0;
  let readyCount = 0;
  for (const c of st.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const inits = st.initContainerStatuses ?? [];
  const initSpecs = pod.spec?.initContainers ?? [];
  const sidecar = (name: string) => initSpecs.some((s) => s.name === name && s.restartPolicy === 'Always');
  const total = containers.length + initSpecs.filter((s) => s.restartPolicy === 'Always').length;
  let sidecarRestarts = 0;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += c.restartCount ?? 0;
    if (sidecar(c.name)) sidecarRestarts += c.restartCount ?? 0;
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar(c.name) && c.started) {
      if (c.ready) readyCount++;
      continue;
    }
    if (term) {
      if (term.reason) reason = `Init:${term.reason}`;
      else reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initialized = (st.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    // The printer walks containers from last to first, so the first container's reason wins.
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (st.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  const terminal = st.phase === 'Succeeded' || st.phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && st.reason === NODE_UNREACHABLE) reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';
  return { ready: `${readyCount}/${total}`, readyCount, total, status: reason, restarts };
}

/** Whether the pod is Running with condition Ready=True (the controller's and endpoints' notion of ready). */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Coarse tone of a STATUS text, for colour: ok, progress, warn (back-off, errors), gone (terminating/terminal). */
export type StatusTone = 'ok' | 'progress' | 'warn' | 'gone';

/** Classifies a STATUS text for styling; never the only cue (the text is always shown). */
export function statusTone(status: string): StatusTone {
  if (status === 'Running' || status === 'Completed') return 'ok';
  if (status === 'Terminating' || status === 'Unknown' || status === 'Evicted') return 'gone';
  if (/BackOff|Err|Error|Failed|NotReady|Invalid|Signal|ExitCode|OOMKilled/.test(status)) return 'warn';
  return 'progress';
}
