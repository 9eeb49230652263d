// Shared fixtures: `app` (the playground page object, opened in e2e mode) and a console-error guard that
// fails a test on any uncaught page error or console error.
import { test as base, expect } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';

export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    await use(new AppPage(page));
    expect(errors, 'no page or console errors').toEqual([]);
  },
});

export { expect };
