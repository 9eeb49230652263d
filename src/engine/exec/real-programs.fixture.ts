// The runner of the tests that compare the simulated shells and utilities with the real programs: each case's
// script runs through `kubectl exec POD -- PROGRAM -c SCRIPT` and must print what the real program printed.
import { describe, expect, it } from 'vitest';
import { kc } from '../../kubectl/testing.ts';
import { execCluster } from '../../kubectl/verbs/exec.fixture.ts';

/** What a real program printed: standard output, standard error and the exit status. */
export type RealResult = [out: string, err: string, status: number];

/** Where a case runs: a name for the test title, the pod of the exec fixture, the program (`sh`, `bash`). */
export type Target = readonly [name: string, pod: string, program: string];

/** The three shells: dash (`sh` on Debian), bash, and BusyBox ash (`sh` on busybox), in that order. */
export const SHELLS: readonly Target[] = [['dash', 'web-0', 'sh'], ['bash', 'web-0', 'bash'], ['ash', 'tools', 'sh']];

/**
 * A test per case and target: the script's output, errors (then kubectl's line for a non-zero status) and status
 * must be the real ones, `results[i]` for `targets[i]`. `fresh`: a new cluster per test, else one for the suite;
 * `prefix` goes before each script (`cd /tmp; `); `args` after it (`sh -c SCRIPT NAME ARGS…`).
 */
export function againstReal(title: string, targets: readonly Target[], cases: ReadonlyArray<readonly [string, readonly RealResult[]]>,
  opts: { fresh?: boolean; prefix?: string; args?: readonly string[] } = {}): void {
  describe(title, () => {
    const shared = opts.fresh ? undefined : execCluster();
    it.each(cases.flatMap(([script, results]) => targets.map(([name, pod, prog], i) => [name, script, pod, prog, results[i]] as const)))(
      '%s: %s', (_name, script, pod, prog, [out, err, status]) => {
        const r = kc(shared ?? execCluster(), ['exec', pod, '--', prog, '-c', `${opts.prefix ?? ''}${script}`, ...(opts.args ?? [])]);
        expect(r.out).toBe(out);
        expect(r.err).toBe(err + (status ? `command terminated with exit code ${status}\n` : ''));
        expect(r.code).toBe(status);
      });
  });
}
