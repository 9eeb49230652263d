// Time: play/pause, step, speed, fast-forward, and the timeline (seeking back shows the earlier state;
// acting there forks the session).
import { test, expect } from './fixtures.ts';

test('play advances the clock, pause stops it', async ({ app }) => {
  await app.open();
  expect(await app.clockMs()).toBe(0);
  await app.play.click();
  await expect(app.pause).toBeVisible();
  await app.waitClock(500);
  await app.pause.click();
  await expect(app.play).toBeVisible();
  const t = await app.clockMs();
  await app.page.waitForTimeout(400);
  expect(await app.clockMs()).toBe(t);
});

test('speed scales virtual time against wall time', async ({ app, page }) => {
  await app.open();
  await app.speed.selectOption('16');
  await app.play.click();
  const t0 = await app.clockMs();
  const w0 = Date.now();
  await page.waitForTimeout(1000);
  await app.pause.click();
  await expect(app.play).toBeVisible();
  const dv = (await app.clockMs()) - t0;
  const dw = Date.now() - w0;
  // 16× speed: far more virtual than wall time (frames may be dropped on a busy machine, so a loose bound).
  expect(dv).toBeGreaterThan(dw * 4);
});

test('step advances to the next pending work item only', async ({ app }) => {
  await app.open();
  const t0 = await app.clockMs();
  await app.step.click();
  await expect.poll(() => app.clockMs()).toBeGreaterThan(t0);
  await expect(app.play).toBeVisible();
});

test('fast-forward runs until the cluster settles', async ({ app }) => {
  await app.open();
  await app.fastForward.click();
  await expect(app.sts('nginx-web')).toHaveAttribute('data-ready-replicas', '3');
  await expect(app.fastForward).toBeDisabled();
});

test('seeking back shows the earlier state, and acting there forks the timeline', async ({ app, page }) => {
  await app.open();
  await app.settle();
  await expect(app.pod('nginx-web-2')).toBeAttached();
  const end = await app.clockMs();
  await app.run('kubectl scale sts nginx-web --replicas=5', 'scaled');
  await app.settle();
  await expect(app.pod('nginx-web-4')).toBeAttached();
  const end2 = await app.clockMs();
  expect(end2).toBeGreaterThan(end);

  // Back to the moment the seed scenario had settled: 3 pods, no nginx-web-3.
  await app.seek(end);
  await expect.poll(() => app.clockMs()).toBe(end);
  await expect(app.pod('nginx-web-3')).toHaveCount(0);
  await expect(app.pod('nginx-web-2')).toBeAttached();
  await expect(app.timeline).toHaveAttribute('max', String(end2));

  // Forward again: the recorded scale-up replays.
  await app.seek(end2);
  await expect(app.pod('nginx-web-4')).toBeAttached();

  // Back, then act: the later part of the session is dropped.
  await app.seek(end);
  await expect(app.pod('nginx-web-3')).toHaveCount(0);
  await app.run('kubectl scale sts nginx-web --replicas=2', 'scaled');
  await expect.poll(async () => Number(await app.timeline.getAttribute('max'))).toBeLessThan(end2);
  await app.settle();
  await expect(app.pod('nginx-web-2')).toHaveCount(0);
  await expect(app.pod('nginx-web-4')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('forked.png') });
});

test('URL parameters set speed, autoplay, theme and language; bad values fall back', async ({ app, page }) => {
  await app.open('speed=4&autoplay=1&theme=dark&lang=zh-Hans');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('combobox', { name: '速度' })).toHaveValue('4');
  await app.waitClock(1000);
  await page.goto('/?e2e&speed=3&theme=neon&lang=xx&scenario=<b>&autoplay=maybe');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.speed).toHaveValue('1');
  await expect(app.play).toBeVisible();
  await expect(app.sts('nginx-web')).toBeAttached();
});
