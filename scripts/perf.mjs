#!/usr/bin/env node
// `npm run perf`: builds, then measures (prints one JSON line per measurement; not a test):
// - initial JS gzip size (entry chunk + its static imports; the worker and lazy chunks excluded),
// - frame-interval p95 and long tasks (> 100 ms) during the default rolling update and with 100 replicas,
// - seek time anywhere in a 30-minute, 10-replica session.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4179;
const QUERY = process.env.PERF_QUERY ?? '';
const emit = (o) => console.log(JSON.stringify(o));

// ---- build and bundle size ----------------------------------------------------------------------------
if (process.env.PERF_SKIP_BUILD !== '1') {
  const b = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const html = readFileSync('dist/index.html', 'utf8');
const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)[1];
const seen = new Set();
const walk = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(join('dist', file), 'utf8');
  // Static imports only: `import … from "./x.js"` and `import "./x.js"`; `import("./x.js")` is lazy.
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) walk(join(dirname(file), m[1]));
};
walk(entry);
const files = [...seen].map((f) => ({ file: f, gzip: gzipSync(readFileSync(join('dist', f))).length }));
emit({ metric: 'initial-js-gzip', bytes: files.reduce((a, f) => a + f.gzip, 0), kb: +(files.reduce((a, f) => a + f.gzip, 0) / 1024).toFixed(1), budgetKb: 160, files });

// ---- browser measurements -----------------------------------------------------------------------------
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const stop = () => { try { process.kill(-server.pid); } catch { /* already gone */ } };
process.on('exit', stop);
for (let i = 0; i < 50; i++) {
  try { if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 200));
}
const exe = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${PORT}/?autoplay=0&lang=en${QUERY}`);
  await page.getByTestId('sim-clock').waitFor();
  await page.addInitScript(() => {});
  await page.evaluate(() => {
    window.__perf = { frames: [], long: [] };
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 100) window.__perf.long.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  });
  return page;
}
async function run(page, line, expect) {
  const box = page.getByRole('textbox', { name: 'kubectl' });
  await box.fill(line);
  await box.press('Enter');
  if (expect) await page.getByTestId('terminal-output').filter({ hasText: expect }).waitFor();
}
async function clickSpeed(page, x) {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(String(x));
}
/** Plays for `ms` of wall time recording rAF intervals; returns p50/p95/max and long tasks. */
async function measureFrames(page, ms) {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const r = await page.evaluate((ms) => new Promise((resolve) => {
    const frames = [];
    window.__perf.long = [];
    let last = performance.now();
    const end = last + ms;
    const tick = (t) => {
      frames.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(tick);
      else resolve({ frames, long: window.__perf.long });
    };
    requestAnimationFrame(tick);
  }), ms);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const f = r.frames.slice(1).sort((a, b) => a - b);
  const q = (p) => +f[Math.min(f.length - 1, Math.floor(p * f.length))].toFixed(1);
  return { frames: f.length, p50: q(0.5), p95: q(0.95), max: q(1), longTasksOver100ms: r.long.length, longestMs: r.long.length ? Math.max(...r.long) : 0 };
}

try {
  // Default rolling update: settle the seed, change the image, play at 1×.
  let page = await openPage();
  await run(page, 'sim settle', 'settled at');
  await run(page, 'kubectl set image sts/nginx-web nginx=nginx:1.27-alpine', 'image updated');
  emit({ metric: 'frames-rolling-update', speed: 1, ...(await measureFrames(page, 8000)) });
  await page.close();

  // 100 replicas, played at 4×.
  page = await openPage();
  await run(page, 'sim settle', 'settled at');
  await run(page, 'kubectl scale sts nginx-web --replicas=100', 'scaled');
  await run(page, 'kubectl patch sts nginx-web -p {"spec":{"podManagementPolicy":"Parallel"}}');
  await clickSpeed(page, 4);
  emit({ metric: 'frames-100-replicas', speed: 4, ...(await measureFrames(page, 8000)) });
  await page.close();

  // Seek in a 30-minute, 10-replica session with a rolling update and a scale in the middle.
  page = await openPage();
  await run(page, 'kubectl scale sts nginx-web --replicas=10', 'scaled');
  await run(page, 'sim advance 10m');
  await run(page, 'kubectl set image sts/nginx-web nginx=nginx:1.27-alpine', 'image updated');
  await run(page, 'sim advance 10m');
  await run(page, 'kubectl scale sts nginx-web --replicas=6', 'scaled');
  await run(page, 'sim advance 10m');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sim-clock"]').dataset.ms) >= 1_800_000);
  const targets = [1_795_000, 15_000, 912_345, 601_500, 1_205_000, 299_999, 1_500_000, 44_000, 1_799_000, 1_000];
  const times = [];
  for (const t of targets) {
    const ms = await page.evaluate((t) => new Promise((resolve) => {
      const clock = document.querySelector('[data-testid="sim-clock"]');
      const slider = document.querySelector('input[type="range"]');
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (Number(clock.dataset.ms) === t) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      });
      obs.observe(clock, { attributes: true });
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(slider, String(t));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }), t);
    times.push(+ms.toFixed(1));
  }
  const sorted = [...times].sort((a, b) => a - b);
  emit({ metric: 'seek-30min-10-replicas', targetMs: 200, maxMs: sorted.at(-1), p50Ms: sorted[Math.floor(sorted.length / 2)], samples: times });
  await page.close();
} finally {
  await browser.close();
  stop();
}
