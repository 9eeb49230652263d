// `npm run bench`: OrderedReady create to all-Ready, then a full rolling update, for 100, 1,000 and 10,000
// replicas (or the sizes given). Prints one JSON line per case. A measurement, not a test: nothing here asserts
// wall time. `--browser` runs the same cases in headless Chromium, in a Web Worker as the app runs the engine
// (Debian's chromium or $CHROMIUM_PATH when there, else Playwright's own).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCase, type CaseResult } from './bench-case.ts';

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--browser');
if (unknown.length) {
  console.error(`bench: unknown flag ${unknown[0]} (usage: npm run bench -- [--browser] [REPLICAS...])`);
  process.exit(2);
}
const given = args.filter((a) => !a.startsWith('-')).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const sizes = given.length ? given : [100, 1000, 10000];

if (!browser) {
  const runtime = `node ${process.version}`;
  for (const n of sizes) console.log(JSON.stringify({ ...runCase(n), runtime }));
} else {
  // Bundled with Vite (the app's own bundler) into one classic worker script, kept in memory.
  const { build } = await import('vite');
  const out = await build({
    configFile: false, logLevel: 'silent',
    build: {
      write: false, minify: false, emptyOutDir: false,
      lib: { entry: fileURLToPath(new URL('./bench-worker.ts', import.meta.url)), formats: ['iife'], name: 'bench', fileName: 'bench' },
    },
  });
  const chunk = (Array.isArray(out) ? out[0] : out as { output: unknown[] }).output[0] as { code: string };
  const { chromium } = await import('@playwright/test');
  const exe = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const b = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const runtime = `chromium ${b.version()}`;
    const page = await b.newPage();
    await page.evaluate((code) => {
      const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      (globalThis as unknown as { runCase: (n: number) => Promise<unknown> }).runCase = (n) => new Promise((resolve, reject) => {
        w.onmessage = (e) => resolve(e.data);
        w.onerror = (e) => reject(new Error(e.message));
        w.postMessage(n);
      });
    }, chunk.code);
    for (const n of sizes) {
      const r = await page.evaluate((n) => (globalThis as unknown as { runCase: (n: number) => Promise<CaseResult> }).runCase(n), n);
      console.log(JSON.stringify({ ...r, runtime }));
    }
  } finally {
    await b.close();
  }
}
