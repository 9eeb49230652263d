// The playground at an embed size (640×400): the scene and its controls are usable without page-wide
// horizontal scrolling.
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 120_000 });

test.use({ viewport: { width: 640, height: 400 } });

test('fits a 640×400 embed', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await expect(s.pod('nginx-web-2')).toBeAttached();
  await s.pod('nginx-web-0').scrollIntoViewIfNeeded();
  await expect(s.pod('nginx-web-0')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The page scrolls down to the terminal; the transport stays in view (sticky header).
  await s.run('kubectl get pods');
  await expect(s.terminal).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Pause', exact: true }).or(page.getByRole('button', { name: 'Play', exact: true }))).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('embed.png') });
});
