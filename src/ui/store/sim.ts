// UI actions. Each instance has its own set (makeActions); the module-level `sim` acts on the default
// instance, so components can call `sim.command(...)` without wiring.
import type { CommandResult } from './bridge.ts';
import { SHELL_EOF, SHELL_INTERRUPT } from '../../scenario/block.ts';
import type { ScenarioName as Sc, ToHost } from '../../protocol/messages.ts';
import type { SimStore } from './create-store.ts';
import { appendChunks, initialTerminal, openEditor, pushHistory, ttyKey, type TerminalSlice, type Tty } from './slices/terminal.ts';
import { clampSpeed } from '../../protocol/messages.ts';
import { loadExample } from '../examples.ts';
import type { Lang, ScenarioName, Theme, ViewState } from './types.ts';

/** What the UI can ask of a simulator instance. */
export interface SimActions {
  /**
   * Runs a scenario line (`kubectl …` or `sim …`), echoed into terminal `tty` as `$ line`. Without `tty` (a control,
   * the YAML tab), the first terminal, or the second when the first is busy (a watch, a shell, an editor) and the
   * second is free, as a person would type it where a prompt waits.
   */
  command(line: string, tty?: Tty): void;
  /**
   * Runs several lines (pasted, or a here-document typed on) one after the other in terminal `tty`; the host echoes
   * each command as it starts.
   */
  block(text: string, tty?: Tty): void;
  /** Sends a line to the interactive shell terminal `tty` is attached to, echoed after the shell's prompt. */
  shell(line: string, tty?: Tty): void;
  /** Ctrl-C at the interactive shell's prompt: `typed` is echoed with `^C`, and the shell drops an unfinished command. */
  interruptShell(typed: string, tty?: Tty): void;
  /** Ctrl-D at the interactive shell's `>` prompt: the end of input in the middle of a command (the shell says so). */
  endShellInput(tty?: Tty): void;
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
  /** Ctrl-C of terminal `tty`'s streaming command. */
  cancel(tty?: Tty): void;
  /** Opens the second terminal (beside the first), empty, with its own shell and history. */
  openTerminal2(): void;
  /** Closes the second terminal: its running command stops, its shell and variables are gone. */
  closeTerminal2(): void;
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
  /** Empties terminal `tty`'s scrollback (`clear`). */
  clearTerminal(tty?: Tty): void;
  /** Prints a UI note (not engine output) into terminal `tty`, e.g. `help`. */
  note(text: string, tty?: Tty): void;
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
  /** Changes terminal `tty`'s slice, if that terminal is open. */
  const update = (tty: Tty, fn: (t: TerminalSlice) => TerminalSlice): void => {
    const key = ttyKey(tty);
    const t = store.getState()[key];
    if (t) store.setState({ [key]: fn(t) });
  };
  /** Echoes command `id`'s line as `$ line`. */
  const echo = (id: number, line: string, history = true, tty: Tty = 0): void => {
    update(tty, (t) => {
      const withEcho = appendChunks(t, [{ stream: 'cmd', text: `$ ${line}\n`, id }]);
      return history ? pushHistory(withEcho, line) : withEcho;
    });
  };
  const setView = (patch: Partial<ViewState>): void => {
    store.setState({ view: { ...store.getState().view, ...patch } });
  };
  const run = (id: number, line: string, stdin?: string, shell = false, tty: Tty = 0): Promise<CommandResult> => {
    const done = bridge.awaitResult(id);
    bridge.send({ type: 'command', id, line, stdin, ...(shell ? { shell } : {}), ...(tty ? { tty } : {}) });
    return done;
  };
  // The terminal a control's command goes to: the first, unless it is busy and the second is open and free.
  const freeTty = (): Tty => {
    const st = store.getState();
    const idle = (t: TerminalSlice | undefined): boolean => !!t && !t.busy && t.prompt === undefined && !t.editor;
    return !idle(st.terminal) && idle(st.terminal2) ? 1 : 0;
  };
  // A line the YAML editor runs with its text on stdin: echoed, but not a line the user typed (no history).
  const fromEditor = (line: string, text: string): Promise<CommandResult> => {
    const id = nextId++;
    const tty = freeTty();
    echo(id, line, false, tty);
    return run(id, line, text, false, tty);
  };
  const reset = (scenario?: ScenarioName): void => {
    const sc = scenario ?? store.getState().timeline.scenario;
    bridge.setScenario(sc);
    // A reset ends the shells and the editor the terminals had open.
    for (const tty of [0, 1] as const) {
      update(tty, (t) => appendChunks({ ...t, busy: false, prompt: undefined, editor: undefined }, [{ stream: 'info', text: `— reset (${sc}) —\n` }]));
    }
    bridge.send({ type: 'control', op: 'reset', scenario: sc });
  };
  return {
    command(line, given) {
      const text = line.trim();
      if (!text) return;
      const tty = given ?? freeTty();
      const id = nextId++;
      echo(id, text, true, tty);
      void run(id, text, undefined, false, tty);
    },
    block(text, tty = 0) {
      if (!text.trim()) return;
      void run(nextId++, text, undefined, false, tty);
    },
    shell(line, tty = 0) {
      const id = nextId++;
      update(tty, (t) => {
        const withEcho = appendChunks(t, [{ stream: 'cmd', text: `${t.prompt ?? '$ '}${line}\n`, id }]);
        return line.trim() ? pushHistory(withEcho, line) : withEcho;
      });
      void run(id, line, undefined, true, tty);
    },
    interruptShell(typed, tty = 0) {
      const id = nextId++;
      update(tty, (t) => appendChunks(t, [{ stream: 'cmd', text: `${t.prompt ?? '$ '}${typed}^C\n`, id }]));
      void run(id, SHELL_INTERRUPT, undefined, true, tty);
    },
    endShellInput(tty = 0) {
      const id = nextId++;
      update(tty, (t) => appendChunks(t, [{ stream: 'cmd', text: `${t.prompt ?? '$ '}\n`, id }]));
      void run(id, SHELL_EOF, undefined, true, tty);
    },
    closeEditor(text) {
      // The editor belongs to the terminal whose kubectl edit opened it.
      const open = openEditor(store.getState());
      if (!open || open.editor.closing) return;
      const ed = open.editor;
      update(open.tty, (t) => ({ ...t, editor: { ...ed, closing: true } }));
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
    cancel(tty = 0) {
      update(tty, (t) => (t.busy ? appendChunks(t, [{ stream: 'info', text: '^C\n' }]) : t));
      bridge.send({ type: 'control', op: 'cancel', tty });
    },
    openTerminal2() {
      if (!store.getState().terminal2) store.setState({ terminal2: initialTerminal() });
    },
    closeTerminal2() {
      if (!store.getState().terminal2) return;
      store.setState({ terminal2: undefined });
      bridge.send({ type: 'control', op: 'closeTty', tty: 1 });
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
    clearTerminal(tty = 0) {
      update(tty, (t) => ({ ...t, lines: [] }));
    },
    note(text, tty = 0) {
      update(tty, (t) => appendChunks(t, [{ stream: 'info', text }]));
    },
  };
}
