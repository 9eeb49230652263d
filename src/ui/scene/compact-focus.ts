// Roving focus for the dense grid: one pod button is the grid's single Tab stop, arrow keys move between
// pods (←/→ one ordinal, ↑/↓ one row of ten, Home/End the ends). A tiny external store, so moving the focus
// re-renders only the two cells whose tab stop changed, not every pod of a 1,000-pod grid.
import { createContext, useSyncExternalStore } from 'react';

/** Which pod key holds the grid's tab stop (the grid resolves it: the chosen pod while it exists, else the first). */
export interface RovingStore {
  get(): string | null;
  set(key: string | null): void;
  subscribe(fn: () => void): () => void;
}

export function rovingStore(): RovingStore {
  let active: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => active,
    set(key) {
      if (key === active) return;
      active = key;
      for (const fn of listeners) fn();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** Whether `podKey` is the grid's tab stop. */
export function useIsTabStop(store: RovingStore, podKey: string): boolean {
  return useSyncExternalStore(store.subscribe, () => store.get() === podKey);
}

/** The grid's roving store (a stable object per grid; cells are only rendered inside a grid). */
export const RovingContext = createContext<RovingStore>(rovingStore());

/**
 * The ordinal a key press moves to from `from` among the ordinals that have a pod (sorted ascending), or
 * undefined for keys the grid does not handle. Moves that land on an ordinal without a pod go on in the same
 * direction to the next one that has one; past the ends they stay put.
 */
export function moveTarget(key: string, from: number, withPod: readonly number[]): number | undefined {
  if (!withPod.length) return undefined;
  const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : key === 'ArrowDown' ? 10 : key === 'ArrowUp' ? -10 : 0;
  if (key === 'Home') return withPod[0];
  if (key === 'End') return withPod[withPod.length - 1];
  if (!step) return undefined;
  const has = new Set(withPod);
  let o = from + step;
  while (o >= withPod[0] && o <= withPod[withPod.length - 1]) {
    if (has.has(o)) return o;
    o += step > 0 ? 1 : -1;
  }
  return from;
}
