// Pod faults as the kubelet would experience them: readiness failing or recovering, the container
// crashing, the pod failing, or the kubelet evicting it under memory pressure. Used by engine/faults.ts.
import type { Cluster } from '../cluster.ts';
import { afterExit, applyReadiness, emit, flush, goto, jitter, terminate, TIMINGS } from './stages.ts';
import { stageCtx } from './kubelet.ts';
import type { PodRuntime } from './runtime.ts';
import { faultFailure, markReady, probesMayChange } from './prober.ts';

/** The pod faults a user can inject. */
export type PodFaultKind = 'ready' | 'unready' | 'crash' | 'fail' | 'evict';

/** Applies a fault to a pod the kubelet runs. Returns false when the pod is not running on a node. */
export function applyPodFault(c: Cluster, rt: PodRuntime, fault: PodFaultKind): boolean {
  const k = stageCtx(c, rt);
  if (!k) return false;
  const running = rt.containers.filter((ct) => ct.state === 'running');
  // Init containers and sidecars that run now (a pod still initializing runs one of these and nothing else).
  const runningInits = rt.inits.filter((ct) => ct.state === 'running');
  switch (fault) {
    case 'unready': {
      rt.unready = true;
      probesMayChange(c, rt.uid);
      for (const ct of running) {
        const probe = k.pod.spec?.containers?.find((s) => s.name === ct.name)?.readinessProbe;
        emit(k, 'Warning', 'Unhealthy', `Readiness probe failed: ${faultFailure(probe, rt.ip)}`, ct.name);
      }
      applyReadiness(k);
      flush(k);
      return true;
    }
    case 'ready':
      rt.unready = false;
      markReady(rt);
      applyReadiness(k);
      flush(k);
      return true;
    case 'crash': {
      // Before the pod is initialized, the running classic init container is the one that crashes; with none
      // running (its image is being pulled), there is nothing to crash. Sidecars never crash here, before or
      // after initialization: the crash back-off restarts only regular containers and the current init container.
      const crashed = rt.initialized ? running : runningInits.filter((ct) => ct.role === 'init');
      if (!rt.initialized && crashed.length === 0) return true;
      terminate(k, crashed, 1, 'Error');
      // A regular container's crash is an exit like any other: restarted, or the pod ends, as its restartPolicy says.
      if (rt.initialized) { afterExit(k); return true; }
      flush(k);
      goto(c, rt, 'crash-backoff', jitter(c, TIMINGS.crashSync));
      return true;
    }
    case 'fail':
      terminate(k, [...runningInits, ...rt.containers.filter((ct) => ct.state !== 'terminated')], 1, 'Error');
      rt.phase = 'Failed';
      flush(k);
      goto(c, rt, 'failed', null);
      return true;
    case 'evict': {
      // Models pkg/kubelet/eviction/helpers.go evictionMessage for a memory threshold.
      const name = running[0]?.name ?? rt.containers[0]?.name ?? 'app';
      const message = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${90_000 + Math.floor(c.random() * 10_000)}Ki. ` +
        `Container ${name} was using ${4_000 + Math.floor(c.random() * 8_000)}Ki, request is 0, has larger consumption of memory. `;
      emit(k, 'Warning', 'Evicted', message);
      for (const ct of [...running, ...runningInits.reverse()]) emit(k, 'Normal', 'Killing', `Stopping container ${ct.name}`, ct);
      terminate(k, [...runningInits, ...rt.containers.filter((ct) => ct.state !== 'terminated')], 137, 'Error');
      Object.assign(rt, { phase: 'Failed', reason: 'Evicted', message, disruption: { reason: 'TerminationByKubelet', message } });
      flush(k);
      goto(c, rt, 'failed', null);
      return true;
    }
  }
}

/**
 * The process of a running container that reads its standard input (a shell started by `kubectl run -i`) ends
 * because the input closed (the attached session ended; stdinOnce), with the given status. The kubelet then
 * handles the exit as any other: restarted under restartPolicy Always, else the pod completes. False when the
 * container is not running.
 */
export function endStdinProcess(c: Cluster, rt: PodRuntime, container: string, exitCode: number): boolean {
  const ct = rt.containers.find((x) => x.name === container);
  if (!ct || ct.state !== 'running' || !stageCtx(c, rt)) return false;
  ct.exitStatus = exitCode;
  ct.stdinClosed = true;
  ct.endsAt = c.now;
  goto(c, rt, 'exited', jitter(c, TIMINGS.exit));
  return true;
}
