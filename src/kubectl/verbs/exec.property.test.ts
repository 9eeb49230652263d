// Property: whatever script a learner hands `kubectl exec … -- sh -c`, the simulated shell answers with a
// shell's or the simulator's text, never an internal error, and never changes an API object.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kc } from '../testing.ts';
import { execCluster } from './exec.fixture.ts';

// Pieces scripts are made of, so random scripts reach deep into the grammar instead of failing at once.
const PIECES = [
  'echo', 'cat', 'ls', 'hostname', '-f', 'curl', '-s', 'wget', '-qO-', 'localhost', 'web-0.nginx', 'nginx', 'mkdir', '-p', 'rm', '-r', 'touch',
  'cd', '/tmp', '/usr/share/nginx/html', 'index.html', '*', '?', '$HOSTNAME', '$?', '${X}', 'X=1', '$(hostname)', '`date`', '"', "'", '\\',
  ';', '&&', '||', '|', '>', '>>', '<', '2>&1', '2>/dev/null', '!', 'exit', '1', 'true', 'false', 'for', 'if', '(', ')', '{', '}', '&', '\n', '#',
  'printenv', 'getent', 'hosts', 'sh', '-c', 'bash', 'date', 'ps', 'x', 'a b',
];

const script = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 14 }).map((p) => p.join(' '));

describe('exec: random scripts', () => {
  it('get a shell answer, never an internal error, and leave the API objects alone', () => {
    const c = execCluster();
    const rv = c.store.state.resourceVersion;
    fc.assert(
      fc.property(fc.constantFrom('web-0', 'tools', 'alpine'), fc.constantFrom('sh', 'bash'), script, (pod, shell, text) => {
        const r = kc(c, ['exec', pod, '--', shell, '-c', text]);
        expect(r.err).not.toMatch(/internal/);
        expect(r.code).toBeGreaterThanOrEqual(0);
        expect(r.code).toBeLessThan(256);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: 20261127 },
    );
    expect(c.store.state.resourceVersion).toBe(rv);
  });
});
