// The zustand store of one simulator instance, composed from its slices.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialCluster, type ClusterSlice } from './slices/cluster.ts';
import { initialTerminal, type TerminalSlice } from './slices/terminal.ts';
import { initialTimeline, type TimelineSlice } from './slices/timeline.ts';
import { initialView, type ViewInit } from './slices/view.ts';
import type { ScenarioName, ViewState } from './types.ts';

/** Everything one simulator instance shows. Cluster fields are written only by the bridge. */
export interface SimState extends ClusterSlice {
  view: ViewState;
  /** The first terminal (0). */
  terminal: TerminalSlice;
  /** The second terminal (1), while it is open. */
  terminal2?: TerminalSlice;
  timeline: TimelineSlice;
}

export type SimStore = StoreApi<SimState>;

/** A fresh store: empty read model, initial view from `view`. */
export function createSimStore(view: ViewInit = {}, scenario: ScenarioName = 'seed'): SimStore {
  return createStore<SimState>()(() => ({
    ...initialCluster(),
    view: initialView(view),
    terminal: initialTerminal(),
    timeline: initialTimeline(scenario),
  }));
}
