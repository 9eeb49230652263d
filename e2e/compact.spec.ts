// Past 50 pods the scene is a dense grid: ordinal rows of ten, states told apart without colour, the
// partition bar, one bubble naming the pod under the pointer or focus, and no axe violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 180_000 });

for (const theme of ['light', 'dark'] as const) test(`the dense grid: ordinal rows, looks by state, partition bar, hover and focus bubble, axe clean (${theme})`, async ({ page }) => {
  const s = new ScenePage(page);
  await s.open(`lang=en&theme=${theme}`);
  await s.settle();
  await s.run('kubectl scale sts nginx-web --replicas=60');
  await s.advance(200_000);
  await s.run(`kubectl patch sts nginx-web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":15}}}}'`);
  await s.run('kubectl set image sts/nginx-web nginx=nginx:1.27');
  await s.advance(5_000);

  const grid = page.locator('.compact-grid');
  await expect(grid).toBeVisible();
  // Rows of ten labelled by their first ordinal; pods in ordinal order.
  await expect(grid.locator('.decade-label')).toHaveText(['0', '10', '20', '30', '40', '50']);
  const pods = await s.pods();
  expect(pods.map((p) => Number(p.ordinal))).toEqual([...pods.keys()]);
  // The state is a shape (class), not only a colour; a pod being replaced is hatched, then hollow.
  await expect(s.pod('nginx-web-0')).toHaveClass(/look-ready/);
  await expect(page.locator('.compact-grid .mini.look-terminating, .compact-grid .mini.look-waiting').first()).toBeVisible();
  // The partition bar stands before ordinal 15; the ordinals below it are marked held.
  await expect(page.locator('.cell.boundary-before').locator('[data-testid="pod-nginx-web-15"]')).toHaveCount(1);
  await expect(page.locator('.cell.held')).toHaveCount(15);
  await expect(page.locator('.compact-legend')).toContainText('partition 15');

  // One bubble names the pod under the pointer, then the focused one.
  await s.pod('nginx-web-7').hover();
  await expect(page.getByTestId('compact-tip')).toContainText('nginx-web-7 Running · #1');
  await s.pod('nginx-web-42').focus();
  await expect(page.getByTestId('compact-tip')).toContainText('nginx-web-42');
  await expect(s.pod('nginx-web-42')).toHaveAccessibleName(/^Pod nginx-web-42, /);
  // Keyboard: the grid is one Tab stop; arrows move by one ordinal sideways and by ten up and down.
  await expect(page.locator('.compact-grid button.mini[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(s.pod('nginx-web-43')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(s.pod('nginx-web-53')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(s.pod('nginx-web-0')).toBeFocused();
  await expect(s.pod('nginx-web-0')).toHaveAttribute('tabindex', '0');
  await expect(page.locator('.compact-grid button.mini[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(page.locator('.compact-grid button.mini:focus')).toHaveCount(0);

  const r = await new AxeBuilder({ page }).include('.set-view').analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
