// The crosscheck suites (scripts/crosscheck/*.sim) stay runnable: each parses and runs to its end through the
// simulated kubectl without an internal error. What they are compared with needs a kubectl binary, so that part is
// a tool (npm run crosscheck), not a test.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { transcript } from '../scenario/runner.ts';

const dir = fileURLToPath(new URL('../../scripts/crosscheck/', import.meta.url));
const suites = readdirSync(dir).filter((f) => f.endsWith('.sim')).sort();

describe('crosscheck suites', () => {
  it('are there', () => {
    expect(suites.length).toBeGreaterThanOrEqual(8);
  });

  for (const f of suites) {
    it(`${f} runs to its end`, () => {
      const r = transcript(readFileSync(dir + f, 'utf8'));
      expect(r.error).toBeUndefined();
      expect(r.exitCode).toBe(0);
      expect(r.text).not.toMatch(/error: internal/);
      // Every kubectl line was echoed and answered.
      expect(r.text.split('\n').filter((l) => l.startsWith('$ kubectl')).length).toBeGreaterThan(3);
    }, 60_000);
  }
});
