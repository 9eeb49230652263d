// Host over a MessageChannel: hello/welcome, full then incremental patches, batching, pacing at a speed,
// streaming output and cancel, seek coalescing, version mismatch, kubectl edit's editor.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type FromHost } from '../protocol/messages.ts';
import { Host } from './host.ts';
import { FakeClock, closeChannels, openChannel, openHost } from './host-harness.ts';
import { TEST_CLUSTER } from './test-fakes.ts';

vi.mock('../kubectl/index.ts', async () => ({ runKubectl: (await import('./test-fakes.ts')).fakeRunKubectl }));

const setup = (autoplay = false) => openHost(TEST_CLUSTER, { autoplay });
afterEach(closeChannels);

describe('Host', () => {
  it('answers hello with welcome and a full patch', async () => {
    const { got, patches } = await setup();
    expect(got[0]).toEqual({ type: 'welcome', v: PROTOCOL_VERSION, scenario: 'empty' });
    expect(patches()[0]).toMatchObject({ seq: 1, full: true, clock: { ms: 0, playing: false, speed: 1 } });
    expect(got.some((m) => m.type === 'timeline')).toBe(true);
  });

  it('rejects another protocol version with a fatal error', async () => {
    const ch = openChannel();
    new Host(ch.port2, new FakeClock(), TEST_CLUSTER);
    const got: FromHost[] = [];
    ch.port1.addEventListener('message', (ev) => got.push(ev.data));
    ch.port1.start();
    ch.port1.postMessage({ type: 'hello', v: 99, scenario: 'empty', speed: 1, autoplay: false });
    // Until the answer is in (a few event-loop turns; more on a busy machine), then a little longer for any other.
    for (let i = 0; i < 200 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 25));
    expect(got).toEqual([expect.objectContaining({ type: 'error', fatal: true })]);
  });

  it('answers a command with its result and sends the change in the next frame, coalesced by key', async () => {
    const { got, send, settle, clock, patches } = await setup();
    send({ type: 'command', id: 7, line: 'kubectl create ns tick-a' });
    send({ type: 'command', id: 8, line: 'sim advance 3s' });
    await settle();
    expect(got.find((m) => m.type === 'result' && m.id === 7)).toMatchObject({ exitCode: 0, output: [{ stream: 'out', text: 'namespace/tick-a created\n', id: 7 }] });
    const before = patches().length;
    clock.tick(16);
    await settle();
    const p = patches().slice(before);
    expect(p).toHaveLength(1);
    expect(p[0].full).toBe(false);
    expect(p[0].diff.upserts.map(([k, key]) => `${k}/${key}`)).toEqual(['Namespace/tick-a']);
    expect((p[0].diff.upserts[0][2].metadata?.labels as Record<string, string>).n).toBe('3');
    expect(p[0].clock.ms).toBe(3000);
  });

  it('paces virtual time at the chosen speed while playing, and stops on pause', async () => {
    const { send, settle, clock, patches } = await setup();
    send({ type: 'control', op: 'speed', speed: 4 });
    send({ type: 'control', op: 'play' });
    await settle();
    clock.tick(1000);
    await settle();
    expect(patches().at(-1)!.clock.ms).toBeGreaterThanOrEqual(3900);
    expect(patches().at(-1)!.clock.ms).toBeLessThanOrEqual(4000);
    send({ type: 'control', op: 'pause' });
    await settle();
    clock.tick(1000);
    await settle();
    const ms = patches().at(-1)!.clock.ms;
    clock.tick(1000);
    await settle();
    expect(patches().at(-1)!.clock.ms).toBe(ms);
    expect(patches().at(-1)!.clock.playing).toBe(false);
  });

  it('sends at most one patch per frame while playing', async () => {
    const { send, settle, clock, patches } = await setup();
    send({ type: 'command', id: 1, line: 'kubectl create ns tick-a' });
    send({ type: 'control', op: 'speed', speed: 16 });
    send({ type: 'control', op: 'play' });
    await settle();
    const before = patches().length;
    clock.tick(160);
    await settle();
    expect(patches().length - before).toBeLessThanOrEqual(11);
  });

  it('forwards a streaming command\'s output and ends it on cancel', async () => {
    const { send, settle, clock, patches, got } = await setup();
    send({ type: 'command', id: 3, line: 'kubectl get ns -w' });
    await settle();
    expect(got.find((m) => m.type === 'result' && m.id === 3)).toMatchObject({ stream: true });
    send({ type: 'command', id: 4, line: 'kubectl create ns w1' });
    await settle();
    clock.tick(16);
    await settle();
    const last = patches().at(-1)!;
    expect(last.busy).toEqual([0]);
    expect(last.terminal).toEqual([{ stream: 'out', text: 'w1\n', id: 3 }]);
    send({ type: 'control', op: 'cancel' });
    await settle();
    clock.tick(16);
    await settle();
    expect(patches().at(-1)!.busy).toEqual([]);
  });

  it('lets a finite stream (wait) run time while paused, then pauses again', async () => {
    const { send, settle, clock, patches } = await setup();
    send({ type: 'command', id: 5, line: 'kubectl wait' });
    await settle();
    for (let i = 0; i < 20; i++) clock.tick(200);
    await settle();
    const text = patches().flatMap((p) => p.terminal).map((c) => c.text).join('');
    expect(text).toContain('condition met');
    const last = patches().at(-1)!;
    expect(last.busy).toEqual([]);
    expect(last.clock.playing).toBe(false);
  });

  it('keeps a watch running while another command streams (a waiting delete from the controls)', async () => {
    const { send, settle, clock, patches } = await setup();
    send({ type: 'command', id: 3, line: 'kubectl get ns -w' });
    send({ type: 'command', id: 4, line: 'kubectl wait' });
    send({ type: 'command', id: 5, line: 'kubectl create ns w2' });
    await settle();
    for (let i = 0; i < 20; i++) clock.tick(200);
    await settle();
    const chunks = patches().flatMap((p) => p.terminal);
    expect(chunks).toContainEqual({ stream: 'out', text: 'w2\n', id: 3 });
    expect(chunks).toContainEqual({ stream: 'out', text: 'condition met\n', id: 4 });
    expect(patches().at(-1)!.busy).toEqual([0]);
    expect(patches().at(-1)!.clock.playing).toBe(false);
  });

  it('seeks back with a full patch; only the latest of a burst of seeks runs', async () => {
    const { send, settle, clock, patches } = await setup();
    send({ type: 'command', id: 1, line: 'kubectl create ns tick-a' });
    send({ type: 'command', id: 2, line: 'sim advance 20s' });
    await settle();
    clock.tick(16);
    await settle();
    const before = patches().length;
    send({ type: 'seek', ms: 1000 });
    send({ type: 'seek', ms: 2000 });
    send({ type: 'seek', ms: 2500 });
    await settle();
    clock.tick(1);
    await settle();
    const p = patches().slice(before).filter((x) => x.full);
    expect(p).toHaveLength(1);
    expect(p[0].clock.ms).toBe(2500);
    const ns = p[0].diff.upserts.find(([, key]) => key === 'tick-a')![2];
    expect(ns.metadata?.labels?.n).toBe('2');
  });

  it("answers kubectl edit with the editor, and each editor message with a result of the command's id", async () => {
    const { send, settle, got, patches, clock } = await setup();
    send({ type: 'command', id: 1, line: 'kubectl create ns a' });
    send({ type: 'command', id: 2, line: 'kubectl edit ns a' });
    await settle();
    const results = () => got.filter((m) => m.type === 'result');
    expect(results().at(-1)).toMatchObject({ id: 2, exitCode: 0, editor: { file: '/tmp/kubectl-edit-0001.yaml', text: '# Please edit the object below.\nnote: \n' } });
    // Refused: the file comes back with the errors in its header.
    send({ type: 'editor', id: 2, text: 'note: two words\n' });
    await settle();
    expect(results().at(-1)).toMatchObject({ id: 2, output: [{ stream: 'err', text: 'error: namespaces "a" is invalid\n', id: 2 }], editor: { text: '# namespaces "a" was not valid:\nnote: two words\n' } });
    send({ type: 'editor', id: 2, text: 'note: fine\n' });
    await settle();
    const last = results().at(-1)!;
    expect(last).toEqual({ type: 'result', id: 2, exitCode: 0, output: [{ stream: 'out', text: 'namespace/a edited\n', id: 2 }], stream: false });
    clock.tick(16);
    await settle();
    expect(patches().at(-1)!.diff.upserts[0][2].metadata?.labels?.note).toBe('fine');
    const timeline = got.filter((m) => m.type === 'timeline').at(-1);
    expect(timeline).toMatchObject({ inputs: [{ ms: 0, line: 'kubectl create ns a' }, { ms: 0, line: 'kubectl label ns a note=fine' }] });
  });
});
