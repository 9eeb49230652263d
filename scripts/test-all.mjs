#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests (Vitest) and end-to-end tests (Playwright), then one closing
// line `N passed, N failed` that counts every test case and every check step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const steps = [];

function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, ms: Date.now() - t0 });
  return ok;
}

function step(name, cmd, args) {
  const ok = run(name, cmd, args);
  if (ok) results.passed++; else results.failed++;
}

mkdirSync('test-results', { recursive: true });
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('typecheck (engine: no DOM)', 'npx', ['tsc', '-p', 'tsconfig.engine.json', '--noEmit']);
step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);

const vitestOk = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
if (existsSync('test-results/vitest.json')) {
  const j = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  results.passed += j.numPassedTests ?? 0;
  results.failed += (j.numFailedTests ?? 0) + (j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0);
  results.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  if (!vitestOk && !j.numFailedTests && !j.numFailedTestSuites) results.failed++;
} else if (!vitestOk) results.failed++;

const hasE2e = existsSync('e2e') && readdirSync('e2e').some((f) => f.endsWith('.spec.ts'));
if (hasE2e && process.env.SKIP_E2E !== '1') {
  const buildOk = run('build', 'npx', ['vite', 'build']);
  if (!buildOk) results.failed++;
  else {
    const e2eOk = run('e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' });
    if (existsSync('test-results/playwright.json')) {
      const j = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
      const s = j.stats ?? {};
      results.passed += (s.expected ?? 0);
      results.failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
      results.skipped += s.skipped ?? 0;
      if (!e2eOk && !s.unexpected) results.failed++;
    } else if (!e2eOk) results.failed++;
  }
}

console.log('\nSteps:');
for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${(s.ms / 1000).toFixed(1)}s)`);
console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(results.failed > 0 ? 1 : 0);
