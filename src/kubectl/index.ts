// Placeholder entry point of the simulated kubectl (replaced by the kubectl change).
import type { Cluster, KubectlIO, KubectlResult } from './types.ts';

/** Runs one kubectl invocation against the cluster. Never throws. */
export function runKubectl(_args: string | string[], _cluster: Cluster, _io: KubectlIO = {}): KubectlResult {
  return { output: [{ stream: 'err', text: 'error: internal: kubectl is not built yet\n' }], exitCode: 1 };
}
