// UI actions. Each instance has its own set (makeActions); the module-level `sim` acts on the default
// instance, so components can call `sim.command(...)` without wiring.
import type { CommandResult } from './bridge.ts';
import type { ScenarioName as Sc, ToHost } from '../../protocol/messages.ts';
import type { SimStore } from './create-store.ts';
import { appendChunks, pushHistory } from './slices/terminal.ts';
import { clampSpeed } from '../../protocol/messages.ts';
import { loadExample } from '../examples.ts';
import type { Lang, ScenarioName, Theme, ViewState } from './types.ts';

/** What the UI can ask of a simulator instance. */
export interface SimActions {
  /** Runs a scenario line (`kubectl …` or `sim …`), echoed into the terminal as `$ line`. */
  command(line: string): void;
  /**
   * Runs several lines (pasted, or a here-document typed on) one after the other; the host echoes each command as
   * it starts.
   */
  block(text: string): void;
  /** Sends a line to the interactive shell the terminal is attached to, echoed after the shell's prompt. */
  shell(line: string): void;
  /**
   * Closes the editor `kubectl edit` opened: saved with `text`, or without saving when `text` is undefined. The
   * command goes on in the terminal; it may reopen the file. Does nothing when no editor is open or it is closing.
   */
  closeEditor(text?: string): void;
  play(): void;
  pause(): void;
  /** Advances to the next pending work item. */
  step(): void;
  /** Playback speed, clamped to 0.25–16. */
  setSpeed(x: number): void;
  /** Moves to virtual time `ms` (a later action there forks the timeline). */
  seek(ms: number): void;
  /** Advances until nothing is pending (bounded). */
  fastForward(): void;
  reset(scenario?: ScenarioName): void;
  /**
   * Runs the example script `name` in the terminal as a pasted block, on an empty cluster (started over unless `fresh`
   * is false); resolves false when there is no such example.
   */
  runExample(name: string, fresh?: boolean): Promise<boolean>;
  /** Ctrl-C of a streaming command. */
  cancel(): void;
  /** `kubectl apply -f -` with `text` on stdin; resolves with kubectl's output. */
  applyYaml(text: string): Promise<{ ok: boolean; output: string }>;
  /**
   * `kubectl diff -f -` with `text` on stdin, echoed and printed like applyYaml; resolves with kubectl's output and
   * exit status (0: no differences, 1: differences, 2 and above: kubectl's error).
   */
  diffYaml(text: string): Promise<CommandResult>;
  select(podKey?: string): void;
  setLang(l: Lang): void;
  setTheme(t: Theme): void;
  setTableView(b: boolean): void;
  /** Empties the terminal scrollback (`clear`). */
  clearTerminal(): void;
  /** Prints a UI note (not engine output) into the terminal, e.g. `help`. */
  note(text: string): void;
}

/** How actions reach the host: the instance's current bridge. */
export interface ActionPort {
  send(msg: ToHost): void;
  awaitResult(id: number): Promise<CommandResult>;
  setScenario(s: Sc): void;
}

/** Actions bound to one store and its bridge. */
export function makeActions(store: SimStore, bridge: ActionPort): SimActions {
  let nextId = 1;
  /** Echoes command `id`'s line as `$ line`. */
  const echo = (id: number, line: string, history = true): void => {
    const t = store.getState().terminal;
    const withEcho = appendChunks(t, [{ stream: 'cmd', text: `$ ${line}\n`, id }]);
    store.setState({ terminal: history ? pushHistory(withEcho, line) : withEcho });
  };
  const setView = (patch: Partial<ViewState>): void => {
    store.setState({ view: { ...store.getState().view, ...patch } });
  };
  const run = (id: number, line: string, stdin?: string, shell = false): Promise<CommandResult> => {
    const done = bridge.awaitResult(id);
    bridge.send({ type: 'command', id, line, stdin, ...(shell ? { shell } : {}) });
    return done;
  };
  // A line the YAML editor runs with its text on stdin: echoed, but not a line the user typed (no history).
  const fromEditor = (line: string, text: string): Promise<CommandResult> => {
    const id = nextId++;
    echo(id, line, false);
    return run(id, line, text);
  };
  const reset = (scenario?: ScenarioName): void => {
    const sc = scenario ?? store.getState().timeline.scenario;
    bridge.setScenario(sc);
    const t = store.getState().terminal;
    // A reset ends the shell and the editor the terminal had open.
    store.setState({ terminal: appendChunks({ ...t, busy: false, prompt: undefined, editor: undefined }, [{ stream: 'info', text: `— reset (${sc}) —\n` }]) });
    bridge.send({ type: 'control', op: 'reset', scenario: sc });
  };
  return {
    command(line) {
      const text = line.trim();
      if (!text) return;
      const id = nextId++;
      echo(id, text);
      void run(id, text);
    },
    block(text) {
      if (!text.trim()) return;
      void run(nextId++, text);
    },
    shell(line) {
      const t = store.getState().terminal;
      const id = nextId++;
      const withEcho = appendChunks(t, [{ stream: 'cmd', text: `${t.prompt ?? '$ '}${line}\n`, id }]);
      store.setState({ terminal: line.trim() ? pushHistory(withEcho, line) : withEcho });
      void run(id, line, undefined, true);
    },
    closeEditor(text) {
      const t = store.getState().terminal;
      const ed = t.editor;
      if (!ed || ed.closing) return;
      store.setState({ terminal: { ...t, editor: { ...ed, closing: true } } });
      bridge.send({ type: 'editor', id: ed.id, ...(text !== undefined ? { text } : {}) });
    },
    play: () => bridge.send({ type: 'control', op: 'play' }),
    pause: () => bridge.send({ type: 'control', op: 'pause' }),
    step: () => bridge.send({ type: 'control', op: 'step' }),
    setSpeed: (x) => bridge.send({ type: 'control', op: 'speed', speed: clampSpeed(x) }),
    seek: (ms) => bridge.send({ type: 'seek', ms: Math.max(0, ms) }),
    fastForward: () => bridge.send({ type: 'control', op: 'settle' }),
    reset,
    async runExample(name, fresh = true) {
      const text = await loadExample(name);
      if (text === undefined) return false;
      setView({ example: name });
      if (fresh) reset('empty');
      store.setState({ terminal: appendChunks(store.getState().terminal, [{ stream: 'info', text: `— example (${name}) —\n` }]) });
      void run(nextId++, text);
      return true;
    },
    cancel() {
      const t = store.getState().terminal;
      if (t.busy) store.setState({ terminal: appendChunks(t, [{ stream: 'info', text: '^C\n' }]) });
      bridge.send({ type: 'control', op: 'cancel' });
    },
    async applyYaml(text) {
      const r = await fromEditor('kubectl apply -f -', text);
      return { ok: r.ok, output: r.output };
    },
    diffYaml: (text) => fromEditor('kubectl diff -f -', text),
    select: (selected) => setView({ selected }),
    setLang: (lang) => setView({ lang }),
    setTheme: (theme) => setView({ theme }),
    setTableView: (tableView) => setView({ tableView }),
    clearTerminal() {
      store.setState({ terminal: { ...store.getState().terminal, lines: [] } });
    },
    note(text) {
      store.setState({ terminal: appendChunks(store.getState().terminal, [{ stream: 'info', text }]) });
    },
  };
}
