// Axe scan of a settled, paused page in both themes: no serious or critical violations. Keyboard reachability.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 120_000 });

for (const theme of ['light', 'dark'] as const) {
  test(`no serious axe violations (${theme})`, async ({ page }) => {
    const s = new ScenePage(page);
    await s.open(`lang=en&theme=${theme}`);
    await s.settle();
    await s.pod('nginx-web-0').getByRole('button', { name: /^Pod nginx-web-0/ }).click();
    const r = await new AxeBuilder({ page }).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}

test('no serious axe violations in the terminal with lines waiting above its prompt (both themes)', async ({ page }) => {
  for (const theme of ['light', 'dark'] as const) {
    const s = new ScenePage(page);
    await s.open(`lang=en&theme=${theme}`);
    await s.settle();
    const tab = page.getByTestId('dock-tab-terminal');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    const input = page.getByRole('textbox', { name: 'kubectl', exact: true });
    for (const line of ['cat <<EOF | kubectl apply -f -', 'apiVersion: v1']) {
      await input.fill(line);
      await input.press('Enter');
    }
    await expect(page.getByTestId('terminal-pending')).toHaveAccessibleName('Lines waiting to run');
    const r = await new AxeBuilder({ page }).include('.terminal').analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
});

test('no serious axe violations with two terminals, one of them watching (both themes)', async ({ page }) => {
  for (const theme of ['light', 'dark'] as const) {
    const s = new ScenePage(page);
    await s.open(`lang=en&theme=${theme}`);
    await s.settle();
    await page.getByRole('button', { name: 'Second terminal' }).click();
    const second = page.getByRole('textbox', { name: 'kubectl (Terminal 2)' });
    await second.fill('kubectl get pods -w');
    await second.press('Enter');
    await expect(page.getByTestId('terminal-1').getByRole('button', { name: 'Stop (Ctrl-C)' })).toBeVisible();
    const r = await new AxeBuilder({ page }).include('.dock').analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
});

test('pods and claims are focusable with their state in their names', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const pod = s.pod('nginx-web-0').getByRole('button', { name: /^Pod nginx-web-0/ });
  await pod.focus();
  await expect(pod).toBeFocused();
  await expect(pod).toHaveAccessibleName(/Running, ready, revision #1/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pod-story')).toBeVisible();
  const claim = s.pvc('www-storage-nginx-web-0');
  await claim.focus();
  await expect(claim).toBeFocused();
  await expect(claim).toHaveAccessibleName(/Bound.*mounted by Pod nginx-web-0/);
  await expect(page.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
});
