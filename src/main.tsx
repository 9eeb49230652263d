// Browser entry: reads the URL, creates the simulator instance, starts the engine worker, renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createSimInstance, setDefaultInstance } from './ui/store/index.ts';
import { connectWorker } from './ui/store/connect-worker.ts';
import { parseUrlParams } from './ui/url.ts';
import './ui/theme.css';
import './ui/App.css';

const params = parseUrlParams(location.search, {
  languages: navigator.languages ?? [navigator.language],
  prefersDark: matchMedia('(prefers-color-scheme: dark)').matches,
  prefersReducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
});

const instance = createSimInstance({
  scenario: params.scenario,
  speed: params.speed,
  autoplay: params.autoplay,
  view: { lang: params.lang, theme: params.theme, reducedMotion: params.reducedMotion, example: params.example },
});
setDefaultInstance(instance);
if (params.terminals === 2) instance.actions.openTerminal2();
instance.start(connectWorker);
// `example=NAME`: the script runs in the terminal, on the empty cluster the instance starts with.
if (params.example) void instance.actions.runExample(params.example, false);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
