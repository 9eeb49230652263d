// Each language renders its own texts; Kubernetes words and kubectl output stay as Kubernetes prints them.
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 120_000 });

const cases = [
  { lang: 'en', controls: 'Controls', held: 'Why', now: 'Now', note: 'scenario seed' },
  { lang: 'zh-Hant', controls: '控制', held: '為什麼', now: '現在', note: '範例情境 seed' },
  { lang: 'zh-Hans', controls: '控制', held: '为什么', now: '现在', note: '示例场景 seed' },
];

for (const c of cases) {
  test(`renders in ${c.lang}`, async ({ page }) => {
    const s = new ScenePage(page);
    await s.open(`lang=${c.lang}`);
    await s.settle();
    await expect(page.getByRole('heading', { name: c.controls, exact: false }).first()).toBeVisible();
    await expect(page.getByRole('tab', { name: c.held })).toBeVisible();
    await expect(page.getByTestId('now-caption')).toContainText(c.now);
    // API words stay English in every language.
    await expect(s.sts('nginx-web')).toContainText('READY 3/3');
    await expect(s.pod('nginx-web-0')).toContainText('Running');
    // The worker's scenario note is shown in the chosen language.
    await expect(page.getByTestId('terminal-output')).toContainText(c.note);
    // Stable English accessible names of the controls.
    await expect(page.getByRole('spinbutton', { name: 'Replicas', exact: true })).toBeVisible();
  });
}
