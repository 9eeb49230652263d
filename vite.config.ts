// Build and dev server. `base: './'` makes dist/ work from any static host and sub-path; the engine
// runs in an ES-module Web Worker; nothing is fetched from outside the bundle.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
  // The dev server pre-bundles dependencies it finds from these entries at start-up. The worker and the lazily
  // loaded editor are not reachable from index.html's static imports; without them the first visit discovers
  // `yaml` late, re-optimizes and reloads the page, killing the engine worker mid-start.
  optimizeDeps: { entries: ['index.html', 'src/worker/engine.worker.ts', 'src/ui/panels/yaml-editor-cm.ts'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
