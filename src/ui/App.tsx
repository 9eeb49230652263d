// The application shell: composition only. Layout in App.css; behaviour lives in the panels and the store.
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
import { PodStory } from './panels/PodStory.tsx';
import { Explain } from './panels/Explain.tsx';
import { EventLog } from './panels/EventLog.tsx';
import { TableView } from './panels/TableView.tsx';
import { Terminal } from './panels/Terminal.tsx';
import { YamlEditor } from './panels/YamlEditor.tsx';

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
          <div className="area-scene">{tableView ? <TableView /> : <Scene />}</div>
          <aside className="area-side" aria-label={t('app.panels')}>
            <Controls />
            <PodStory />
            <Explain />
            <EventLog />
          </aside>
          <div className="area-console">
            <Terminal />
            <YamlEditor />
          </div>
        </main>
        <Announcer />
      </div>
    </MotionProvider>
  );
}
