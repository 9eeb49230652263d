// Public API of the UI store: hooks that read the cluster read model and view state, and the module-level
// `sim` actions. UI components import only from here.
export {
  useObject, useKeys, useNamespace, useClock, useVolumeFiles, useTrace, useTerminal, useTerminal2Open, useEditor, useView, useTimeline, useSimStore, useSim, useSimStoreApi,
} from './hooks.ts';
export type { SimActions } from './sim.ts';
export { openEditor, type Tty } from './slices/terminal.ts';
export { sim, SimContext, defaultInstance, setDefaultInstance, createSimInstance, type SimInstance } from './instance.ts';
export type {
  Lang, Theme, ScenarioName, WorkerStatus, ViewState, ClockState, TerminalLine, TimelineMarker, InputEntry, OpenEditor,
} from './types.ts';
