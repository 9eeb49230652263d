// The bridge: the only writer of the cluster read model. Speaks the protocol with the engine host over an
// Endpoint, applies patches, routes command results to the terminal, and restarts a crashed worker.
import {
  PROTOCOL_VERSION, isMessage, type Endpoint, type FromHost, type InputEntry, type ScenarioName, type TerminalChunk, type ToHost,
} from '../../protocol/messages.ts';
import { applyPatch } from './slices/cluster.ts';
import { appendChunks, followEditor, ttyKey, type TerminalSlice } from './slices/terminal.ts';
import { applyTimeline } from './slices/timeline.ts';
import type { SimStore } from './create-store.ts';

/** A live connection to a host: its endpoint, how to learn it died, and how to end it. */
export interface Connection {
  endpoint: Endpoint;
  /** Registers the crash callback (Worker `error` event); optional for in-process hosts. */
  onCrash?(fn: (message: string) => void): void;
  terminate(): void;
}

/** Opens a new connection (a new Worker in the browser, a MessageChannel-backed host in tests). */
export type Connector = () => Connection;

export interface SessionOptions { scenario: ScenarioName; speed: number; autoplay: boolean; seed?: number }

/** Result of a command, for callers that wait on it (the YAML editor). */
export interface CommandResult { ok: boolean; exitCode: number; output: string }

const MAX_RESTARTS = 3;

/** Connects one store to one host; `send` is the single way UI actions reach the engine. */
export class Bridge {
  private conn?: Connection;
  private readonly waiting = new Map<number, (r: CommandResult) => void>();
  private restarts = 0;
  private listener = (ev: MessageEvent): void => this.receive(ev.data);

  constructor(private readonly store: SimStore, private readonly connect: Connector, private session: SessionOptions) {}

  /** Starts the host and opens the session (or rebuilds it from `restore`). */
  start(restore?: { inputs: InputEntry[]; atMs: number }): void {
    const conn = this.connect();
    this.conn = conn;
    conn.endpoint.addEventListener('message', this.listener);
    conn.endpoint.start?.();
    conn.onCrash?.((message) => this.crashed(message));
    this.setStatus('starting');
    const s = this.session;
    this.send({ type: 'hello', v: PROTOCOL_VERSION, scenario: s.scenario, speed: s.speed, autoplay: s.autoplay, seed: s.seed, restore });
  }

  /** Ends the connection for good. */
  stop(): void {
    if (!this.conn) return;
    this.conn.endpoint.removeEventListener('message', this.listener);
    this.conn.terminate();
    this.conn = undefined;
  }

  /** Sends one message to the host. */
  send(msg: ToHost): void {
    this.conn?.endpoint.postMessage(msg);
  }

  /** Resolves when the host answers command `id`. */
  awaitResult(id: number): Promise<CommandResult> {
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  /** Remembers the scenario for a later crash restart. */
  setScenario(scenario: ScenarioName): void {
    this.session = { ...this.session, scenario };
  }

  private setStatus(workerStatus: 'starting' | 'ready' | 'crashed'): void {
    const st = this.store.getState();
    if (st.view.workerStatus !== workerStatus) this.store.setState({ view: { ...st.view, workerStatus } });
  }

  private crashed(message: string): void {
    const st = this.store.getState();
    // The shells and the editor died with the worker.
    const ended = (t: TerminalSlice): TerminalSlice => ({ ...t, prompt: undefined, editor: undefined, busy: false });
    this.store.setState({
      terminal: appendChunks(ended(st.terminal), [{ stream: 'err', text: `engine crashed: ${message}\n` }]),
      ...(st.terminal2 ? { terminal2: ended(st.terminal2) } : {}),
    });
    this.setStatus('crashed');
    this.stop();
    for (const [, resolve] of this.waiting) resolve({ ok: false, exitCode: 1, output: `engine crashed: ${message}\n` });
    this.waiting.clear();
    if (this.restarts++ >= MAX_RESTARTS) return;
    // Rebuild from the last good state: the same scenario, the same inputs, the same instant.
    const { timeline, clock } = this.store.getState();
    this.session = { ...this.session, scenario: timeline.scenario, autoplay: false, speed: clock.speed };
    this.start({ inputs: [...timeline.inputs], atMs: clock.ms });
  }

  private receive(data: unknown): void {
    if (!isMessage(data)) return;
    const msg = data as FromHost;
    const st = this.store.getState();
    switch (msg.type) {
      case 'welcome':
        this.setStatus('ready');
        return;
      case 'patch': {
        const cluster = applyPatch(st, msg);
        // Each terminal takes its own output (a closed second terminal's is dropped) and learns whether it is busy.
        const follow = (t: TerminalSlice, tty: number): TerminalSlice => {
          const next = appendChunks(t, msg.terminal.filter((c) => (c.tty ?? 0) === tty));
          const busy = msg.busy.includes(tty);
          return next.busy === busy ? next : { ...next, busy };
        };
        this.store.setState({ ...cluster, terminal: follow(st.terminal, 0), ...(st.terminal2 ? { terminal2: follow(st.terminal2, 1) } : {}) });
        return;
      }
      case 'result': {
        const key = ttyKey(msg.tty);
        const slice = st[key];
        if (slice) {
          const terminal = followEditor(appendChunks(slice, msg.output), msg.id, msg.editor);
          this.store.setState({ [key]: terminal.prompt === msg.prompt ? terminal : { ...terminal, prompt: msg.prompt } });
        }
        const resolve = this.waiting.get(msg.id);
        if (resolve) {
          this.waiting.delete(msg.id);
          resolve({ ok: msg.exitCode === 0, exitCode: msg.exitCode, output: joinOutput(msg.output) });
        }
        return;
      }
      case 'timeline':
        this.store.setState({ timeline: applyTimeline(msg) });
        return;
      case 'error':
        if (msg.fatal) this.crashed(msg.message);
        else this.store.setState({ terminal: appendChunks(st.terminal, [{ stream: 'err', text: `error: ${msg.message}\n` }]) });
        return;
    }
  }
}

function joinOutput(chunks: readonly TerminalChunk[]): string {
  return chunks.map((c) => c.text).join('');
}
