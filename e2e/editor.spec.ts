// The YAML editor: the seed manifest is prefilled, Apply runs `kubectl apply -f -`; invalid YAML shows the
// engine's error inline and changes nothing.
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
