// The YAML editor: the seed manifest is prefilled, Apply runs `kubectl apply -f -`; Diff runs `kubectl diff -f -`
// and changes nothing; invalid YAML shows the engine's error inline and changes nothing.
import { test, expect } from './fixtures.ts';

test('the editor loads lazily with the seed manifest and applies changes', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.showTab('yaml');
  const editor = page.getByTestId('yaml-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  const content = page.getByRole('textbox', { name: 'YAML manifest' });
  await expect(content).toContainText('name: nginx-web');
  // Edit replicas: 3 → 4.
  await content.click();
  await page.getByText('replicas: 3').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('4');
  await page.getByTestId('dock').getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByTestId('editor-result')).toContainText('statefulset.apps/nginx-web configured');
  await expect(app.sts('nginx-web')).toHaveAttribute('data-replicas', '4');
  await expect(app.output).toContainText('$ kubectl apply -f -');
});

test('invalid YAML shows the error and changes nothing', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await app.showTab('yaml');
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('data-ready', 'true');
  const content = page.getByRole('textbox', { name: 'YAML manifest' });
  await content.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: nginx-web\nspec: replicas: 9\n');
  const rvBefore = await app.sts('nginx-web').getAttribute('data-replicas');
  await page.getByTestId('dock').getByRole('button', { name: 'Apply', exact: true }).click();
  const result = page.getByTestId('editor-result');
  await expect(result).toHaveAttribute('role', 'alert');
  await expect(result).toContainText('error');
  await expect(page.locator('.cm-lintRange-error, .cm-lint-marker-error').first()).toBeVisible();
  await page.waitForTimeout(300);
  await expect(app.sts('nginx-web')).toHaveAttribute('data-replicas', rvBefore ?? '3');
  await expect(app.pod('nginx-web-3')).toHaveCount(0);
});

test('Diff prints what Apply would change in the terminal, coloured, and changes nothing', async ({ app, page }) => {
  await app.open();
  await app.fastForward.click();
  await app.settle();
  await app.showTab('yaml');
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('data-ready', 'true');
  const diff = page.getByTestId('dock').getByRole('button', { name: 'Diff', exact: true });
  const result = page.getByTestId('editor-result');
  // The manifest as applied: kubectl diff prints nothing (exit status 0); the tab says so in its own words.
  await diff.click();
  await expect(result).toHaveText(/^No differences/);
  await expect(app.output.locator('.tl').last()).toHaveText('$ kubectl diff -f -');
  // nginx:alpine → nginx:mainline.
  await page.getByRole('textbox', { name: 'YAML manifest' }).click();
  await page.getByText('image: nginx:alpine').click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'alpine'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('mainline');
  await diff.click();
  // Like Apply, Diff keeps the YAML tab, with the diff under the editor.
  await expect(result.locator('.diff-del', { hasText: 'image: nginx:alpine' })).toHaveText('-      - image: nginx:alpine\n');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'yaml');
  // The terminal has it too, with more room.
  await result.getByRole('button', { name: 'Show in the terminal' }).click();
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'terminal');
  await expect(app.output).toBeFocused();
  await expect(app.output.locator('.tl', { hasText: '$ kubectl diff -f -' })).toHaveCount(2);
  await expect(app.output.locator('.tl.diff-head').first()).toHaveText(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.StatefulSet\.default\.nginx-web /);
  await expect(app.output.locator('.tl.diff-hunk').first()).toHaveText(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
  await expect(app.output.locator('.tl.diff-del', { hasText: 'image:' })).toHaveText(['-      - image: nginx:alpine']);
  await expect(app.output.locator('.tl.diff-add', { hasText: 'image:' })).toHaveText(['+      - image: nginx:mainline']);
  // Nothing was applied.
  await app.type('get sts nginx-web -o jsonpath={.spec.template.spec.containers[0].image}');
  await expect(app.output.locator('.tl').last()).toHaveText('nginx:alpine');
});
