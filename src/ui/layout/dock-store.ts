// Layout state of the bottom dock (which tab, open or folded, its height). View-only: never reaches the
// simulation, so it lives in its own small store beside the sim instance.
import { create } from 'zustand';

/** The dock's tabs. `story` exists only while a pod is selected. */
export type DockTab = 'terminal' | 'yaml' | 'events' | 'why' | 'story';

/** Dock height bounds in px (the effective height is also capped by CSS to a share of the viewport). */
export const DOCK_MIN_PX = 120;
export const DOCK_DEFAULT_PX = 300;

export interface DockState {
  tab: DockTab;
  open: boolean;
  /** User-chosen height in px; undefined keeps the CSS default (a share of the viewport). */
  heightPx?: number;
  setTab(tab: DockTab): void;
  setOpen(open: boolean): void;
  setHeight(px: number | undefined): void;
}

/** Small screens (a documentation iframe) start with the dock folded so the scene gets the room. */
function startsOpen(): boolean {
  if (typeof matchMedia !== 'function') return true;
  return !matchMedia('(max-width: 720px), (max-height: 480px)').matches;
}

/** The dock store: choosing a tab also opens the dock. */
export const useDock = create<DockState>()((set) => ({
  tab: 'terminal',
  open: startsOpen(),
  heightPx: undefined,
  setTab: (tab) => set({ tab, open: true }),
  setOpen: (open) => set({ open }),
  setHeight: (px) => set({ heightPx: px === undefined ? undefined : Math.max(DOCK_MIN_PX, Math.round(px)) }),
}));
