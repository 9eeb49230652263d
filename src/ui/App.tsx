// The application shell: composition only. Layout in App.css; behaviour lives in the panels and the store.
// Header (title, transport, clock, view switches, timeline); the scene with the "Now" caption and the
// bottom dock (terminal, YAML, events, why, pod story); the controls column on the right.
import { useView } from './store/index.ts';
import { useT } from './i18n/useT.ts';
import { useDocumentView } from './useDocumentView.ts';
import { MotionProvider } from './motion/MotionProvider.tsx';
import { Scene } from './scene/Scene.tsx';
import { Announcer } from './scene/Announcer.tsx';
import { TransportControls } from './panels/TransportControls.tsx';
import { Timeline } from './panels/Timeline.tsx';
import { ViewMenu } from './panels/ViewMenu.tsx';
import { WorkerStatus } from './panels/WorkerStatus.tsx';
import { Controls } from './panels/Controls.tsx';
import { TableView } from './panels/TableView.tsx';
import { NowCaption } from './panels/NowCaption.tsx';
import { Dock } from './layout/Dock.tsx';

export function App() {
  useDocumentView();
  const { tableView } = useView();
  const t = useT();
  return (
    <MotionProvider>
      <div className="app">
        <header className="app-header">
          <h1 className="app-title">{t('app.title')}</h1>
          <TransportControls />
          <ViewMenu />
          <Timeline />
        </header>
        <WorkerStatus />
        <main className="app-main">
          <div className="stage">
            <div className="area-scene" tabIndex={-1}>{tableView ? <TableView /> : <Scene />}</div>
            <NowCaption />
            <Dock />
          </div>
          <aside className="area-side" aria-label={t('app.panels')}>
            <Controls />
          </aside>
        </main>
        <Announcer />
      </div>
    </MotionProvider>
  );
}
