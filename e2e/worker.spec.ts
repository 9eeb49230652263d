// The engine really runs in a Web Worker, and the page survives a worker crash by restarting it from the
// input log.
import { test, expect } from './fixtures.ts';
import { test as plain } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';

test('the engine runs in a module Web Worker and the seed scenario arrives', async ({ app, page }) => {
  const worker = page.waitForEvent('worker');
  await app.open();
  await worker;
  expect(page.workers().length).toBeGreaterThanOrEqual(1);
  expect(page.workers().some((w) => /engine\.worker/.test(w.url()))).toBe(true);
  await app.settle();
  await expect(app.sts('nginx-web')).toHaveAttribute('data-ready-replicas', '3');
});

test('the main thread never evaluates the engine', async ({ app, page }) => {
  await app.open();
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
  const main = scripts.filter((s) => !/engine\.worker|yaml-editor/.test(s));
  for (const url of main) {
    const body = await (await page.request.get(url)).text();
    expect(body, url).not.toContain('statefulset-controller');
  }
});

// Without the console guard: the crash itself is an error by design.
plain('a crashed worker is reported and replaced by one rebuilt from the input log', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.run('kubectl scale sts nginx-web --replicas=4', 'scaled');
  await app.settle();
  await expect(app.sts('nginx-web')).toHaveAttribute('data-ready-replicas', '4');
  const ms = await app.clockMs();
  const engine = page.workers().find((w) => /engine\.worker/.test(w.url()))!;
  const replaced = page.waitForEvent('worker');
  // An uncaught error inside the worker, as a bug in the engine would raise.
  await engine.evaluate(() => { setTimeout(() => { throw new Error('boom'); }); });
  await expect(app.output).toContainText('engine crashed: ');
  await replaced;
  await expect(app.output).toContainText('engine restarted at');
  await expect(page.getByTestId('worker-status')).toHaveCount(0);
  expect(await app.clockMs()).toBe(ms);
  await expect(app.sts('nginx-web')).toHaveAttribute('data-ready-replicas', '4');
  await expect(app.pod('nginx-web-3')).toBeAttached();
});
