// The engine really runs in a Web Worker, and the page survives a worker crash by restarting it from the
// input log.
import { test, expect } from './fixtures.ts';

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
