// The sim command line as a shell runs it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run sim', () => {
  it('ends quietly with status 0 when its reader closes the pipe early (| head)', () => {
    // Far more output than a pipe buffers, so sim is still writing when head has its line and exits.
    const script = 'kubectl get nodes\n'.repeat(3000);
    const r = spawnSync('bash', ['-c', 'npx tsx src/cli/sim.ts - | head -1; echo "sim:${PIPESTATUS[0]}"'], { cwd: root, input: script, encoding: 'utf8' });
    expect(r.stdout).toBe('$ kubectl get nodes\nsim:0\n');
    expect(r.stderr).toBe('');
  }, 60_000);
});
