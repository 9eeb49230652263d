// The wire contract between the UI (main thread) and the engine host (Web Worker). Every message is plain
// data (structured-clone safe). Bump PROTOCOL_VERSION on any incompatible change. Rules: ./README.md.
import type { Kind, KObject, TraceRecord, VolumeFile } from '../engine/index.ts';

// 2: clock.faults, structured terminal notes; 3: patch.volumes, interactive shells; 4: kubectl edit (result.editor, editor);
// 5: clock.namespace; 6: a second terminal (tty on commands, chunks, results, cancel; patch.busy in place of patch.streaming; closeTty)
export const PROTOCOL_VERSION = 6;

export type ScenarioName = 'seed' | 'empty';

/**
 * One recorded user input at a virtual instant (the timeline's input log). `files`: the terminal's local files it
 * read (`kubectl apply -f web.yaml`), by absolute path, as they were then, so a replay reads the same.
 */
export interface InputEntry { ms: number; line: string; stdin?: string; files?: Record<string, string> }

/** A point of interest on the timeline. */
export interface Marker { ms: number; kind: 'user' | 'event'; label: string }

/** The virtual clock and pacing state, sent with every patch. */
export interface ClockInfo {
  ms: number;
  wallMs: number;
  playing: boolean;
  speed: number;
  settled: boolean;
  /** Feature gates in force (`sim gate NAME=…`), so the UI shows the engine's value, not its own guess. */
  gates: Record<string, boolean>;
  /** Fault state the user set (not derivable from objects while conditions lag behind it). */
  faults: FaultInfo;
  /** The namespace kubectl uses without `-n` (its current context's, else `default`): the one the scene shows. */
  namespace: string;
}

/** Injected faults in force. */
export interface FaultInfo {
  /** Nodes taken down (kubelet stopped), sorted; their Ready condition stays True for `nodeGraceMs`. */
  nodesDown: string[];
  /** The node monitor grace period, in virtual ms. */
  nodeGraceMs: number;
}

/**
 * Keys of the host's own terminal notes (never kubectl output). The UI renders them from its message files;
 * every key must exist there (the UI's typecheck fails otherwise).
 */
export type NoteKey = 'terminal.scenario' | 'terminal.scenarioManifest' | 'terminal.engineRestarted';

/** A host note as data: a message key and the values for its placeholders. */
export interface Note { key: NoteKey; params: Record<string, string> }

/**
 * One piece of terminal output. `id` is the command it belongs to, when known. An `info` chunk may carry a
 * structured `note`; its `text` is then the English rendering (one line), for hosts without message files. A
 * `cmd` chunk echoes a command of a pasted block as it starts (`$ line`). `tty`: the terminal it goes to, when
 * not the first (0).
 */
export interface TerminalChunk { stream: 'out' | 'err' | 'info' | 'cmd'; text: string; id?: number; note?: Note; tty?: number }

/** Changed objects since the previous patch, coalesced by key (latest wins). */
export interface Diff {
  upserts: Array<[Kind, string, KObject]>;
  deletes: Array<[Kind, string]>;
}

// ---- UI → host -------------------------------------------------------------------------------------------

/** Opens a session. `restore` rebuilds a session after a worker crash (replay of the input log up to `atMs`). */
export interface HelloMsg {
  type: 'hello';
  v: number;
  scenario: ScenarioName;
  speed: number;
  autoplay: boolean;
  seed?: number;
  restore?: { inputs: InputEntry[]; atMs: number };
}

/**
 * A scenario line (`kubectl …` or `sim …`), or with `shell` a line typed into the interactive shell that
 * `kubectl exec -it POD -- sh` opened.
 */
export interface CommandMsg { type: 'command'; id: number; line: string; stdin?: string; shell?: boolean; tty?: number }

/**
 * `cancel` is Ctrl-C: it stops the running commands of terminal `tty` (all terminals' without it). `closeTty`
 * closes terminal `tty` (not the first): its commands stop, its shell and variables are gone.
 */
export type ControlOp = 'play' | 'pause' | 'step' | 'speed' | 'settle' | 'reset' | 'cancel' | 'closeTty';

export interface ControlMsg { type: 'control'; op: ControlOp; speed?: number; scenario?: ScenarioName; tty?: number }

/** Moves the session to virtual time `ms` (clamped to [0, timeline end]). */
export interface SeekMsg { type: 'seek'; ms: number }

/**
 * The editor that `kubectl edit` opened (a ResultMsg's `editor`) was closed: `text` is the file as saved; absent,
 * it was closed without saving. `id` is the command that opened it; the host answers with a ResultMsg of that id.
 */
export interface EditorMsg { type: 'editor'; id: number; text?: string }

export type ToHost = HelloMsg | CommandMsg | ControlMsg | SeekMsg | EditorMsg;

// ---- host → UI -------------------------------------------------------------------------------------------

export interface WelcomeMsg { type: 'welcome'; v: number; scenario: ScenarioName }

/**
 * Changes since the previous patch. `full` means the diff holds every object and the UI must drop the
 * ones it does not mention (sent after reset, seek and restore); `trace` then replaces the trace.
 */
export interface PatchMsg {
  type: 'patch';
  seq: number;
  full: boolean;
  clock: ClockInfo;
  diff: Diff;
  trace: TraceRecord[];
  terminal: TerminalChunk[];
  /** The terminals (by number) where a streaming command (`get -w`, `rollout status`) is running. */
  busy: number[];
  /**
   * The files on each PersistentVolume (by PV name), written there with `kubectl exec`; present when they
   * changed and in every full patch, absent otherwise (the UI keeps what it had).
   */
  volumes?: Record<string, VolumeFile[]>;
  /**
   * The names of the files in the terminals' home directory (written with `>` or `vi`), for Tab completion; present
   * when they changed and in every full patch.
   */
  localFiles?: string[];
}

/**
 * A file opened in the editor: a temp file of `kubectl edit` (its name as kubectl names it), or with `program` (`vi`)
 * a local file of the terminal's machine; and its text.
 */
export interface EditorFile { file: string; text: string; program?: string }

/**
 * The result of one command, sent right after it ran; for `kubectl edit`, also after each `editor` message
 * (same id), until a result comes without `editor`.
 */
export interface ResultMsg {
  type: 'result';
  id: number;
  /** The terminal that ran the command, when not the first. */
  tty?: number;
  exitCode: number;
  output: TerminalChunk[];
  /** The command keeps running; its output arrives in patches while its terminal is in their `busy`. */
  stream: boolean;
  /** The terminal is attached to an interactive shell with this prompt; absent: the kubectl prompt. */
  prompt?: string;
  /** `kubectl edit` opened (or reopened, with the API server's errors in its header) this file in an editor. */
  editor?: EditorFile;
}

/** The whole timeline, sent when it changes. `inputs` lets the UI restart a crashed worker. */
export interface TimelineMsg {
  type: 'timeline';
  endMs: number;
  markers: Marker[];
  inputs: InputEntry[];
  scenario: ScenarioName;
}

/** A failure. `fatal`: the host can no longer run (the UI restarts it). */
export interface ErrorMsg { type: 'error'; message: string; fatal: boolean }

export type FromHost = WelcomeMsg | PatchMsg | ResultMsg | TimelineMsg | ErrorMsg;

// ---- transport -------------------------------------------------------------------------------------------

/**
 * The one transport both sides speak: fits a Worker, the worker's global scope, and a MessagePort
 * (MessageChannel in tests). Messages are structured-cloned by the platform.
 */
export interface Endpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  /** MessagePort needs start() before it delivers messages. */
  start?(): void;
}

/** Whether a value looks like a message of this protocol (cheap structural check for incoming data). */
export function isMessage(data: unknown): data is { type: string } {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

/** Speeds the transport controls offer. The host clamps any other value into [0.25, 16]. */
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 4, 8, 16];

/** Clamps a playback speed into the supported range. */
export function clampSpeed(x: number): number {
  return Number.isFinite(x) ? Math.min(16, Math.max(0.25, x)) : 1;
}
