// React hooks over the instance in context (or the default instance). Each hook selects the smallest
// piece it needs so a component re-renders only when that piece changes.
import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Kind, KindMap, VolumeFile } from '../../engine/index.ts';
import { SimContext, defaultInstance, type SimInstance } from './instance.ts';
import type { SimState } from './create-store.ts';
import type { SimActions } from './sim.ts';
import { initialTerminal, openEditor, ttyKey, type Tty } from './slices/terminal.ts';
import type { ClockState, OpenEditor, TerminalLine, TimelineMarker, TraceRecord, ViewState } from './types.ts';

function useInstance(): SimInstance {
  return useContext(SimContext) ?? defaultInstance();
}

/** Selects from the instance's store (escape hatch for panels that need a derived value). */
export function useSimStore<T>(selector: (s: SimState) => T): T {
  return useStore(useInstance().store, selector);
}

/** The store itself, for event handlers that read state once (Tab completion) without subscribing. */
export function useSimStoreApi(): SimInstance['store'] {
  return useInstance().store;
}

/** The actions of the instance in context (same as `sim` for the default instance). */
export function useSim(): SimActions {
  return useInstance().actions;
}

/** One object by key (`namespace/name`, or `name` for cluster-scoped kinds); same reference while unchanged. */
export function useObject<K extends Kind>(kind: K, key: string): KindMap[K] | undefined {
  return useSimStore((s) => s.objects[kind].get(key) as KindMap[K] | undefined);
}

/** The namespace kubectl uses without `-n` (its current context's): the one the scene, table and controls show. */
export function useNamespace(): string {
  return useSimStore((s) => s.clock.namespace);
}

/** Keys of a kind in natural order (`web-2` before `web-10`), optionally only one namespace's. */
export function useKeys(kind: Kind, namespace?: string): string[] {
  return useSimStore(useShallow((s) => {
    const all = s.keys[kind];
    if (namespace === undefined) return all as string[];
    const prefix = `${namespace}/`;
    return all.filter((k) => k.startsWith(prefix));
  }));
}

const NO_FILES: readonly VolumeFile[] = [];

/** The files on a PersistentVolume (empty when none, or no such volume). */
export function useVolumeFiles(pvName: string): readonly VolumeFile[] {
  return useSimStore((s) => s.volumes[pvName] ?? NO_FILES);
}

/** The virtual clock and pacing state. */
export function useClock(): ClockState {
  return useSimStore((s) => s.clock);
}

const EMPTY: TraceRecord[] = [];

/** The newest `limit` trace records (all kept ones without a limit), newest last. */
export function useTrace(limit?: number): TraceRecord[] {
  return useSimStore(useShallow((s) => {
    const t = s.trace as TraceRecord[];
    if (!t.length) return EMPTY;
    return limit === undefined || t.length <= limit ? t : t.slice(-limit);
  }));
}

const NO_TERMINAL = initialTerminal();

/**
 * Terminal `tty`'s scrollback, command history, whether a streaming command runs and its shell's prompt (the
 * second terminal reads as empty while it is closed).
 */
export function useTerminal(tty: Tty = 0): { lines: TerminalLine[]; history: string[]; busy: boolean; prompt: string | undefined } {
  return useSimStore(useShallow((s) => {
    const t = s[ttyKey(tty)] ?? NO_TERMINAL;
    return { lines: t.lines as TerminalLine[], history: t.history as string[], busy: t.busy, prompt: t.prompt };
  }));
}

/**
 * The editor `kubectl edit` opened, while the command waits for it (same reference until it changes): terminal
 * `tty`'s, or without `tty` whichever terminal's it is.
 */
export function useEditor(tty?: Tty): OpenEditor | undefined {
  return useSimStore((s) => (tty === undefined ? openEditor(s)?.editor : s[ttyKey(tty)]?.editor));
}

/** Whether the second terminal is open. */
export function useTerminal2Open(): boolean {
  return useSimStore((s) => s.terminal2 !== undefined);
}

/** View state (language, theme, selection, table view, reduced motion, worker health). */
export function useView(): ViewState {
  return useSimStore((s) => s.view);
}

/**
 * The session's end and its markers. While playing at the frontier the end is the clock itself (the host
 * resends the timeline only when inputs or markers change).
 */
export function useTimeline(): { endMs: number; markers: TimelineMarker[] } {
  return useSimStore(useShallow((s) => ({ endMs: Math.max(s.timeline.endMs, s.clock.ms), markers: s.timeline.markers as TimelineMarker[] })));
}
