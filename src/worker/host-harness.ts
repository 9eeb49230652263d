// A Host on one end of a MessageChannel with a manual clock, for host tests (with or without the real kubectl).
import { PROTOCOL_VERSION, type FromHost, type PatchMsg, type ScenarioName, type ToHost } from '../protocol/messages.ts';
import type { ClusterOptions } from '../engine/index.ts';
import { Host, type HostClock } from './host.ts';

/** A manual clock: timers run when the test moves wall time. */
export class FakeClock implements HostClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now = (): number => this.t;
  setTimer = (fn: () => void, ms: number): unknown => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimer = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  /** Moves wall time forward, running due timers in order. */
  tick(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }
}

const channels: MessageChannel[] = [];

/** Closes the channels the tests opened (call in afterEach). */
export function closeChannels(): void {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
}

/** A new MessageChannel, closed by closeChannels. */
export function openChannel(): MessageChannel {
  const ch = new MessageChannel();
  channels.push(ch);
  return ch;
}

/** A host on one end of a MessageChannel; `got` collects what it sends. */
export async function openHost(clusterOptions: ClusterOptions, opts: { autoplay?: boolean; scenario?: ScenarioName } = {}) {
  const ch = openChannel();
  const clock = new FakeClock();
  new Host(ch.port2, clock, clusterOptions);
  const got: FromHost[] = [];
  ch.port1.addEventListener('message', (ev) => got.push(ev.data));
  ch.port1.start();
  const send = (m: ToHost) => ch.port1.postMessage(m);
  // Message delivery between the two ports takes a few event-loop turns (more on a busy machine): waits until no
  // message has come in for 25 ms, however long the messages keep coming.
  const settle = async () => {
    let seen = -1;
    while (seen !== got.length) {
      seen = got.length;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  send({ type: 'hello', v: PROTOCOL_VERSION, scenario: opts.scenario ?? 'empty', speed: 1, autoplay: opts.autoplay ?? false });
  await settle();
  clock.tick(16);
  await settle();
  const patches = () => got.filter((m): m is PatchMsg => m.type === 'patch');
  return { clock, got, send, settle, patches };
}
