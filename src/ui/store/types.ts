// Shapes of the UI store's state: the read model of the cluster, view state, terminal and timeline.
// Pure types; the slices in ./slices/ own the reducers.
import type { Kind, KObject, TraceRecord } from '../../engine/index.ts';
import type { FaultInfo, Note } from '../../protocol/messages.ts';

export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';
export type Theme = 'light' | 'dark';
export type ScenarioName = 'seed' | 'empty';
export type WorkerStatus = 'starting' | 'ready' | 'crashed';

/** View state: everything the user chose about how to look at the cluster. */
export interface ViewState {
  lang: Lang;
  theme: Theme;
  /** Key (`namespace/name`) of the selected pod, if any. */
  selected?: string;
  tableView: boolean;
  reducedMotion: boolean;
  workerStatus: WorkerStatus;
  /** The example script last run (its name in `examples/`), if any. */
  example?: string;
}

/** The virtual clock as the UI sees it. `wallMs` is the Unix ms of the virtual instant. */
export interface ClockState {
  ms: number;
  wallMs: number;
  playing: boolean;
  speed: number;
  /** Nothing is pending in the cluster (no timer due). */
  settled: boolean;
  /** Feature gates in force in the engine. */
  gates: Readonly<Record<string, boolean>>;
  /** Faults the user injected (nodes down), as the engine holds them. */
  faults: Readonly<FaultInfo>;
  /** The namespace kubectl uses without `-n` (the current context's): the scene, table and controls show it. */
  namespace: string;
}

/**
 * One terminal line. `cmd` is an echoed `$ line`, `info` a UI note (help text, `^C`). `note` is the host's
 * structured note, rendered in the view language (`text` is its English form). `command` is the id of the command
 * the line belongs to (its echo or its output), when known.
 */
export interface TerminalLine {
  id: number;
  kind: 'cmd' | 'out' | 'err' | 'info';
  text: string;
  note?: Note;
  command?: number;
  /** The text ended without a newline: the command's next output on the same stream continues this line. */
  open?: true;
}

/**
 * The editor `kubectl edit` opened: the command it belongs to (`id`), its temp file and text. `seq` counts the
 * times this command's file was (re)opened; `closing` is set while the host has not answered the close yet.
 */
export interface OpenEditor {
  id: number;
  file: string;
  text: string;
  /** The command it is open for, as the terminal names it: `kubectl edit`, or `vi` (and kin) for a local file. */
  program: string;
  seq: number;
  closing: boolean;
}

/** A point of interest on the timeline. */
export interface TimelineMarker {
  ms: number;
  kind: 'user' | 'event';
  label: string;
}

/** One recorded user input (what crash recovery replays). */
export interface InputEntry {
  ms: number;
  line: string;
  stdin?: string;
}

/** Objects of one kind by key (`namespace/name`, or `name` for cluster-scoped kinds). */
export type ObjectMap = ReadonlyMap<string, KObject>;

export type { Kind, KObject, TraceRecord };
