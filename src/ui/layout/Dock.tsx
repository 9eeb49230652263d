// The bottom dock: tabs Terminal | YAML (or kubectl edit's file) | Events | Why | Pod story (the last while a pod is selected),
// foldable and resizable. Terminal and YAML stay mounted (input, scroll and editor state survive a tab
// switch); the other panels mount only while shown, so a hidden list costs nothing on a patch or a seek.
import { useEffect, useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useEditor, useSim, useSimStore, useTerminal2Open, useView } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import type { MessageKey } from '../i18n/en.ts';
import { Terminals, focusPrompt } from '../panels/Terminal.tsx';
import { YamlTab } from '../panels/YamlTab.tsx';
import { EventLog } from '../panels/EventLog.tsx';
import { Explain } from '../panels/Explain.tsx';
import { PodStory } from '../panels/PodStory.tsx';
import { DOCK_DEFAULT_PX, DOCK_MIN_PX, useDock, type DockTab } from './dock-store.ts';
import { useFollowEditor } from './useFollowEditor.ts';
import './dock.css';

const TABS: ReadonlyArray<[DockTab, MessageKey]> = [
  ['terminal', 'dock.terminal'], ['yaml', 'dock.yaml'], ['events', 'dock.events'], ['why', 'dock.why'], ['story', 'dock.story'],
];
/** Keyboard resize step (px). */
const KEY_STEP = 40;

/** The dock. Selecting a pod opens its story; clearing the selection goes back to the terminal. */
export function Dock() {
  const t = useT();
  const { selected } = useView();
  const { tab: chosen, open, heightPx, setTab, setOpen } = useDock();
  const busy = useSimStore((s) => s.terminal.busy || !!s.terminal2?.busy);
  const editing = useEditor() !== undefined;
  const split = useTerminal2Open();
  const sim = useSim();
  useFollowEditor();
  const tab: DockTab = chosen === 'story' && !selected ? 'terminal' : chosen;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    if (selected) useDock.getState().setTab('story');
  }, [selected]);
  const tabs = TABS.filter(([id]) => id !== 'story' || selected);
  // From the YAML tab's diff to the terminal's: the focus follows to the output (the button it was on is hidden).
  const showTerminal = (): void => {
    setTab('terminal');
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#dock-panel-terminal .terminal-output')?.focus());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex(([id]) => id === tab);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length][0];
    setTab(next);
    document.getElementById(`dock-tab-${next}`)?.focus();
  };
  // The second terminal opens beside the first (and the dock with it), its prompt focused; pressed again, it closes.
  const toggleSplit = (): void => {
    if (split) sim.closeTerminal2();
    else {
      sim.openTerminal2();
      setTab('terminal');
    }
    focusPrompt(split ? 0 : 1);
  };
  const style = open && heightPx !== undefined ? { height: `${heightPx}px` } : undefined;
  return (
    <section className={`dock${open ? ' open' : ' folded'}`} style={style} aria-label={t('dock.label')} data-testid="dock" data-tab={tab}>
      {open && <ResizeHandle />}
      <div className="dock-bar">
        <div className="dock-tabs" role="tablist" aria-label={t('dock.label')} onKeyDown={onKeyDown}>
          {tabs.map(([id, key]) => (
            <button key={id} id={`dock-tab-${id}`} data-testid={`dock-tab-${id}`} type="button" role="tab" aria-selected={open && tab === id}
              aria-controls={`dock-panel-${id}`} tabIndex={tab === id ? 0 : -1} className="dock-tab"
              onClick={() => (open && tab === id ? undefined : setTab(id))}>
              {t(key)}{id === 'terminal' && busy ? <span className="badge streaming">{t('terminal.streaming')}</span> : null}
              {id === 'yaml' && editing ? <span className="badge streaming">{t('edit.badge')}</span> : null}
            </button>
          ))}
        </div>
        <button type="button" className="dock-split" aria-pressed={split} data-testid="dock-split" onClick={toggleSplit}>
          <span aria-hidden="true">⊞ </span>{t('dock.split')}
        </button>
        <button type="button" className="dock-toggle" aria-expanded={open} aria-controls="dock-panels"
          onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▴'}</span> {open ? t('dock.hide') : t('dock.show')}
        </button>
      </div>
      <div className="dock-panels" id="dock-panels" hidden={!open}>
        <Panel id="terminal" tab={tab}><Terminals onShowEditor={() => setTab('yaml')} /></Panel>
        <Panel id="yaml" tab={tab}><YamlTab onShowTerminal={showTerminal} /></Panel>
        <Panel id="events" tab={tab} lazy><EventLog /></Panel>
        <Panel id="why" tab={tab} lazy><Explain limit={200} /></Panel>
        {selected && <Panel id="story" tab={tab} lazy><PodStory /></Panel>}
      </div>
    </section>
  );
}

function Panel({ id, tab, lazy, children }: { id: DockTab; tab: DockTab; lazy?: boolean; children: ReactNode }) {
  const shown = id === tab;
  return (
    <div className="dock-panel" role="tabpanel" id={`dock-panel-${id}`} aria-labelledby={`dock-tab-${id}`} hidden={!shown}>
      {shown || !lazy ? children : null}
    </div>
  );
}

/** Drag (or arrow keys) to change the dock's height. */
function ResizeHandle() {
  const t = useT();
  const setHeight = useDock((s) => s.setHeight);
  const heightPx = useDock((s) => s.heightPx);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const dockHeight = (el: Element): number => (el.closest('.dock') as HTMLElement | null)?.offsetHeight ?? 0;
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: dockHeight(e.currentTarget) };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (drag.current) setHeight(Math.min(window.innerHeight * 0.75, drag.current.h + drag.current.y - e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const by = { ArrowUp: KEY_STEP, ArrowDown: -KEY_STEP }[e.key];
    if (by !== undefined) {
      e.preventDefault();
      setHeight(Math.min(window.innerHeight * 0.75, Math.max(DOCK_MIN_PX, dockHeight(e.currentTarget) + by)));
    } else if (e.key === 'Home' || e.key === 'Escape') setHeight(undefined);
  };
  return (
    <div className="dock-resize" role="separator" aria-orientation="horizontal" aria-label={t('dock.resize')} tabIndex={0}
      aria-valuenow={heightPx ?? DOCK_DEFAULT_PX} aria-valuemin={DOCK_MIN_PX} aria-valuemax={Math.round(window.innerHeight * 0.75)}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={() => { drag.current = null; }}
      onKeyDown={onKeyDown} onDoubleClick={() => setHeight(undefined)} />
  );
}
