// kubectl edit from the terminal: the file opens in the YAML tab; saving it (Ctrl-S) finishes the command; a
// refused save reopens the file with the API server's errors; closing without saving (or Ctrl-C) ends the edit;
// the open file passes axe and works by keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

const PARTITION = `get sts nginx-web -o jsonpath='{.spec.updateStrategy.rollingUpdate.partition}'`;

test('kubectl edit opens the object in the YAML tab; Ctrl-S saves it and the terminal comes back', async ({ app, page }) => {
  await app.open();
  await app.fastForward.click();
  await app.settle();
  await app.run('get sts nginx-web -o yaml', /rollingUpdate:\s*partition: 0/);
  await app.type('kubectl edit sts nginx-web');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'yaml');
  await expect(app.editFile.getByRole('heading')).toHaveText(/^kubectl edit — \/tmp\/kubectl-edit-\d+\.yaml$/);
  await expect(app.editFile.getByTestId('kubectl-edit-file')).toHaveAttribute('data-ready', 'true');
  await expect(app.editText).toContainText('# Please edit the object below');
  // The person who typed the command is in the editor; the manifest editor is out of the way meanwhile.
  await expect(app.editText).toBeFocused();
  await expect(page.getByTestId('dock').getByRole('button', { name: 'Apply', exact: true })).toBeHidden();
  await app.editLine(/^\s*partition: 0$/, '2', 'bottom');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'terminal');
  await expect(app.output).toContainText('statefulset.apps/nginx-web edited');
  await expect(app.terminal).toBeFocused();
  await app.run(PARTITION, /partition}'2$/);
  // The YAML tab has its manifest and Apply back.
  await app.showTab('yaml');
  await expect(app.editFile).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'YAML manifest' })).toContainText('name: nginx-web');
  await expect(page.getByTestId('dock').getByRole('button', { name: 'Apply', exact: true })).toBeVisible();
});

test('a refused save reopens the file with the errors; closing it unchanged cancels the edit', async ({ app, page }) => {
  await app.open();
  await app.fastForward.click();
  await app.settle();
  await app.type('edit sts nginx-web');
  await expect(app.editText).toContainText('# Please edit the object below');
  await app.editLine(/^\s*replicas: 3$/, '-1');
  await app.editFile.getByRole('button', { name: 'Save and close' }).click();
  await expect(app.output).toContainText('error: statefulsets.apps "nginx-web" is invalid');
  await expect(app.editText).toContainText('# statefulsets.apps "nginx-web" was not valid:');
  await expect(app.editText).toContainText('spec.replicas: Invalid value: -1');
  await expect(app.editText).toBeFocused();
  // Meanwhile the terminal says where the file is and takes no commands.
  await app.showTab('terminal');
  await expect(page.getByTestId('terminal-editing')).toContainText(/kubectl edit: \/tmp\/kubectl-edit-\d+\.yaml is open in the YAML tab/);
  await app.terminal.press('Enter');
  await expect(app.output).toContainText('kubectl edit is waiting for its editor');
  await page.getByRole('button', { name: 'Show the editor' }).click();
  await app.editFile.getByRole('button', { name: 'Close without saving' }).click();
  await expect(app.output).toContainText('error: Edit cancelled, no valid changes were saved.');
  await expect(page.getByTestId('terminal-editing')).toHaveCount(0);
  await app.run(`get sts nginx-web -o jsonpath='{.spec.replicas}'`, /replicas}'3$/);
});

test('Ctrl-C in the terminal closes the editor without saving', async ({ app, page }) => {
  await app.open();
  await app.fastForward.click();
  await app.settle();
  await app.type('edit sts nginx-web');
  await expect(app.editText).toContainText('# Please edit the object below');
  await app.showTab('terminal');
  await app.terminal.press('Control+c');
  await expect(app.output).toContainText('Edit cancelled, no changes made.');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'terminal');
  await app.run('get sts nginx-web', /nginx-web\s+3\/3/);
  // Again: the editor has the focus; saved unchanged, nothing is edited.
  await app.type('edit sts nginx-web');
  await expect(app.editText).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(app.output.getByText('Edit cancelled, no changes made.')).toHaveCount(2);
});

test('kubectl edit from the second terminal: its result and the focus go back there; closing it ends the edit', async ({ app, page }) => {
  await app.open();
  await app.fastForward.click();
  await app.settle();
  await page.getByRole('button', { name: 'Second terminal' }).click();
  const second = page.getByRole('textbox', { name: 'kubectl (Terminal 2)' });
  const out2 = page.getByTestId('terminal2-output');
  await second.fill('kubectl edit sts nginx-web');
  await second.press('Enter');
  await expect(app.editText).toContainText('# Please edit the object below');
  await app.editLine(/^\s*partition: 0$/, '1', 'bottom');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'terminal');
  await expect(out2).toContainText('statefulset.apps/nginx-web edited');
  await expect(app.output).not.toContainText('edited');
  await expect(second).toBeFocused();
  // An edit left open in the second terminal holds the editor; closing that terminal quits it unsaved.
  await second.fill('kubectl edit sts nginx-web');
  await second.press('Enter');
  await expect(app.editText).toContainText('# Please edit the object below');
  await app.showTab('terminal');
  await app.type('edit sts nginx-web');
  await expect(app.output).toContainText('error: the editor is open for another command');
  await page.getByRole('button', { name: /^Close terminal 2/ }).click();
  await app.type('edit sts nginx-web');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'yaml');
  await expect(app.editText).toContainText('# Please edit the object below');
  await expect(app.editText).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(app.output).toContainText('Edit cancelled, no changes made.');
  await app.run(PARTITION, /partition}'1$/);
});

test('vi FILE edits a local file in the YAML tab; kubectl applies it with -f FILE', async ({ app, page }) => {
  await app.open();
  await app.fastForward.click();
  await app.settle();
  await app.run('get sts nginx-web -o yaml > web.yaml', /web\.yaml$/);
  await app.type('vi web.yaml');
  await expect(app.editFile.getByRole('heading')).toHaveText('vi — web.yaml');
  await expect(app.editText).toBeFocused();
  await expect(app.editText).toContainText('kind: StatefulSet');
  await app.editLine(/^\s*partition: 0$/, '2', 'bottom');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('dock')).toHaveAttribute('data-tab', 'terminal');
  await app.run('cat web.yaml | grep partition', /grep partition\s+partition: 2$/);
  await app.run('apply -f web.yaml', 'statefulset.apps/nginx-web configured');
  await app.run(PARTITION, /partition}'2$/);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the open file passes axe and works by keyboard alone (${theme})`, async ({ app, page }) => {
    await app.open(`lang=en&theme=${theme}`);
    await app.fastForward.click();
    await app.settle();
    await app.type('edit sts nginx-web');
    await expect(app.editText).toContainText('# Please edit the object below');
    await expect(app.editText).toBeFocused();
    const r = await new AxeBuilder({ page }).include('[data-testid="dock"]').analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    // Esc then Tab leaves the text (Tab alone indents); the buttons come next.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(app.editFile.getByRole('button', { name: 'Save and close' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(app.editFile.getByRole('button', { name: 'Close without saving' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app.output).toContainText('Edit cancelled, no changes made.');
    await expect(app.terminal).toBeFocused();
  });
}
