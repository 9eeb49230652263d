// The application layout: a fixed viewport from 1024×700 up (only panels scroll), the Now caption that
// follows the controllers' decisions, the tabbed dock (terminal, YAML, events, why, pod story) and its fold.
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

test.describe.configure({ timeout: 120_000 });

const pageScroll = (page: import('@playwright/test').Page) => page.evaluate(() => ({
  y: document.documentElement.scrollHeight - innerHeight, x: document.documentElement.scrollWidth - innerWidth, top: scrollY,
}));

for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }, { width: 1920, height: 1080 }]) {
  test(`no page scroll at ${size.width}×${size.height}, focusing the terminal moves nothing`, async ({ page }) => {
    await page.setViewportSize(size);
    const s = new ScenePage(page);
    await s.open();
    await s.settle();
    await s.terminal.focus();
    expect(await pageScroll(page)).toEqual({ y: 0, x: 0, top: 0 });
    await expect(page.getByRole('heading', { name: /Controls/ })).toBeInViewport();
    await expect(s.terminal).toBeInViewport();
    await expect(page.getByTestId('now-caption')).toBeInViewport();
  });
}

test('the Now caption tells the newest decision and follows the simulation', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  const now = page.getByTestId('now-caption');
  await s.run('kubectl scale sts nginx-web --replicas=4');
  await s.advance(1000);
  await expect(now).toContainText('nginx-web-3');
});

test('dock tabs: events and why mount when shown; selecting a pod opens its story', async ({ page }) => {
  const s = new ScenePage(page);
  await s.open();
  await s.settle();
  await expect(page.getByTestId('event-log')).toHaveCount(0);
  await s.showTab('events');
  await expect(page.getByTestId('event-log')).toContainText('SuccessfulCreate');
  await s.showTab('why');
  await expect(page.getByTestId('explain-list')).toContainText('created Pod nginx-web-0');
  // Arrow keys move between tabs.
  await page.getByTestId('dock-tab-why').press('ArrowLeft');
  await expect(page.getByTestId('dock-tab-events')).toHaveAttribute('aria-selected', 'true');
  await s.pod('nginx-web-1').getByRole('button', { name: /^Pod nginx-web-1/ }).click();
  await expect(page.getByTestId('dock-tab-story')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pod-story')).toContainText('nginx-web-1');
  await page.getByTestId('pod-story').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('dock-tab-story')).toHaveCount(0);
  // The fold hides the panels; running a line from the page object opens the terminal again.
  await page.getByRole('button', { name: 'Hide panels' }).click();
  await expect(s.terminal).toBeHidden();
  await s.run('kubectl get sts');
  await expect(s.terminal).toBeVisible();
});

test('640×400 embed starts with the dock folded behind its toggle', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  const s = new ScenePage(page);
  await s.open();
  await expect(page.getByRole('button', { name: 'Show panels' })).toHaveAttribute('aria-expanded', 'false');
  await expect(s.terminal).toBeHidden();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport();
  await expect(page.getByTestId('scene')).toBeInViewport();
});
