// The STATUS column of `kubectl get pods`, computed from a Pod the way kubectl's table printer does.
// Delegates to kubectl's printer; the scene, the table view and accessible names all use it.
import type { Pod } from '../../engine/index.ts';
import { podCells } from '../../kubectl/print/status.ts';

/** What one pod row shows: READY `n/m`, STATUS text and restart count. */
export interface PodStatusSummary { ready: string; readyCount: number; total: number; status: string; restarts: number }

/**
 * Computes `kubectl get pods` READY/STATUS/RESTARTS for one pod with kubectl's own printer (one
 * implementation of printPod for the terminal and the scene), plus the numbers the scene needs.
 */
export function podStatus(pod: Pod): PodStatusSummary {
  // The wall clock only feeds the "(40s ago)" suffix of RESTARTS, which the scene does not show.
  const cells = podCells(pod, 0);
  const [readyCount, total] = cells.ready.split('/').map(Number);
  return { ready: cells.ready, readyCount, total, status: cells.status, restarts: parseInt(cells.restarts, 10) || 0 };
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
