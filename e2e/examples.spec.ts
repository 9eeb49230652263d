// Demo scripts: `example=NAME` in the URL, or the Demo script control, runs a script of examples/ in the terminal on an
// empty cluster, as if pasted; its waits play in virtual time, so the scene shows each step as it happens.
import { test, expect } from './fixtures.ts';

test('example=NAME runs the script on an empty cluster; the Demo script control runs another from the start', async ({ app, page }) => {
  await app.open('lang=en&speed=16&example=ordered-vs-parallel');
  await app.showTab('terminal');
  await expect(app.output).toContainText('— example (ordered-vs-parallel) —');
  // Its comments and commands are echoed as they run; its objects appear in the scene, none of the seed's.
  await expect(app.output).toContainText('$ # OrderedReady creates one pod at a time');
  await expect(app.output).toContainText('statefulset.apps/ordered created', { timeout: 30_000 });
  await expect(page.getByTestId('pod-nginx-web-0')).toHaveCount(0);
  await expect(page.getByTestId('pod-ordered-2')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Demo script' })).toHaveValue('ordered-vs-parallel');

  await page.getByRole('combobox', { name: 'Demo script' }).selectOption('partition-canary');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.output).toContainText('— reset (empty) —— example (partition-canary) —');
  await expect(page.getByTestId('pod-ordered-0')).toHaveCount(0);
  await expect(page.getByTestId('pod-web-0')).toBeVisible({ timeout: 30_000 });
});

test('a readiness probe failing on an empty claim holds OrderedReady at the first pod, and the caption says why', async ({ app, page }) => {
  await app.open('lang=en&speed=16&example=readiness-probe');
  const web0 = page.getByTestId('pod-nginx-web-0');
  await expect(web0).toContainText('0/1', { timeout: 30_000 });
  await expect(page.getByTestId('now-caption')).toContainText(
    'the readiness probe of nginx in pod nginx-web-0 failed 3 times in a row (HTTP probe failed with statuscode: 403)', { timeout: 30_000 });
  await expect(page.getByTestId('pod-nginx-web-1')).toHaveCount(0);
  // The script writes nginx-web-0 a page: its next probe passes, and the controller creates nginx-web-1.
  await expect(web0).toContainText('1/1', { timeout: 60_000 });
  await expect(page.getByTestId('pod-nginx-web-1')).toBeVisible({ timeout: 30_000 });
});
