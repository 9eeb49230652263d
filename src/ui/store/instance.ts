// One simulator instance = one store + one bridge + its actions. The default instance backs the module-level
// `sim` and the hooks; an embed page may create more and provide them through SimContext.
import { createContext } from 'react';
import { Bridge, type Connector, type SessionOptions } from './bridge.ts';
import { createSimStore, type SimStore } from './create-store.ts';
import { makeActions, type ActionPort, type SimActions } from './sim.ts';
import type { ViewInit } from './slices/view.ts';

export interface SimInstance {
  store: SimStore;
  actions: SimActions;
  /** Connects to a host (starts the worker) and opens the session. */
  start(connect: Connector): void;
  stop(): void;
}

export interface InstanceOptions extends Partial<SessionOptions> { view?: ViewInit }

/** A new, unconnected instance. */
export function createSimInstance(opts: InstanceOptions = {}): SimInstance {
  const session: SessionOptions = { scenario: opts.scenario ?? 'seed', speed: opts.speed ?? 1, autoplay: opts.autoplay ?? true, seed: opts.seed };
  const store = createSimStore(opts.view, session.scenario);
  let bridge: Bridge | undefined;
  // Before start() there is no host: commands resolve as failed instead of hanging.
  const port: ActionPort = {
    send: (m) => bridge?.send(m),
    awaitResult: (id) => bridge?.awaitResult(id) ?? Promise.resolve({ ok: false, exitCode: 1, output: '' }),
    setScenario: (sc) => {
      session.scenario = sc;
      bridge?.setScenario(sc);
    },
  };
  return {
    store,
    actions: makeActions(store, port),
    start(connect) {
      bridge?.stop();
      bridge = new Bridge(store, connect, session);
      bridge.start();
    },
    stop() {
      bridge?.stop();
      bridge = undefined;
    },
  };
}

let fallback: SimInstance | undefined;

/** The page's main instance (created on first use; main.tsx replaces it with a configured one). */
export function defaultInstance(): SimInstance {
  return (fallback ??= createSimInstance());
}

/** Makes `inst` the default instance (call before rendering). */
export function setDefaultInstance(inst: SimInstance): void {
  fallback = inst;
}

/** Provides a non-default instance to a subtree; `null` means the default instance. */
export const SimContext = createContext<SimInstance | null>(null);

/** Actions on the default instance (the module-level `sim` of the contract). */
export const sim: SimActions = {
  command: (l, tty) => defaultInstance().actions.command(l, tty),
  block: (t, tty) => defaultInstance().actions.block(t, tty),
  shell: (l, tty) => defaultInstance().actions.shell(l, tty),
  interruptShell: (typed, tty) => defaultInstance().actions.interruptShell(typed, tty),
  endShellInput: (tty) => defaultInstance().actions.endShellInput(tty),
  closeEditor: (t) => defaultInstance().actions.closeEditor(t),
  play: () => defaultInstance().actions.play(),
  pause: () => defaultInstance().actions.pause(),
  step: () => defaultInstance().actions.step(),
  setSpeed: (x) => defaultInstance().actions.setSpeed(x),
  seek: (ms) => defaultInstance().actions.seek(ms),
  fastForward: () => defaultInstance().actions.fastForward(),
  reset: (s) => defaultInstance().actions.reset(s),
  runExample: (n, f) => defaultInstance().actions.runExample(n, f),
  cancel: (tty) => defaultInstance().actions.cancel(tty),
  openTerminal2: () => defaultInstance().actions.openTerminal2(),
  closeTerminal2: () => defaultInstance().actions.closeTerminal2(),
  applyYaml: (t) => defaultInstance().actions.applyYaml(t),
  diffYaml: (t) => defaultInstance().actions.diffYaml(t),
  select: (k) => defaultInstance().actions.select(k),
  setLang: (l) => defaultInstance().actions.setLang(l),
  setTheme: (t) => defaultInstance().actions.setTheme(t),
  setTableView: (b) => defaultInstance().actions.setTableView(b),
  clearTerminal: (tty) => defaultInstance().actions.clearTerminal(tty),
  note: (t, tty) => defaultInstance().actions.note(t, tty),
};
