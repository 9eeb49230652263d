// Each language renders its own texts; Kubernetes words and kubectl output stay as Kubernetes prints them.
import { expect, test } from '@playwright/test';
import { ScenePage } from './scene-page.ts';

// Each step is a worker round trip; the 2-core machines are shared, so allow slack.
test.describe.configure({ timeout: 120_000 });

const cases = [
  { lang: 'en', controls: 'Controls', held: 'Why' },
  { lang: 'zh-Hant', controls: '控制', held: '為什麼' },
  { lang: 'zh-Hans', controls: '控制', held: '为什么' },
];

for (const c of cases) {
  test(`renders in ${c.lang}`, async ({ page }) => {
    const s = new ScenePage(page);
    await s.open(`lang=${c.lang}`);
    await s.settle();
    await expect(page.getByRole('heading', { name: c.controls, exact: false }).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: c.held })).toBeVisible();
    // API words stay English in every language.
    await expect(s.sts('nginx-web')).toContainText('READY 3/3');
    await expect(s.pod('nginx-web-0')).toContainText('Running');
    // Stable English accessible names of the controls.
    await expect(page.getByRole('spinbutton', { name: 'Replicas', exact: true })).toBeVisible();
  });
}
