// Host with the real engine and kubectl, two terminals: the documentation's tutorials watch in one terminal
// (`kubectl get pods -w`) while typing in another. Each terminal's output, busy state, Ctrl-C, shell and variables
// are its own; closing the second stops what runs in it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultMsg } from '../protocol/messages.ts';
import { closeChannels, openHost } from './host-harness.ts';

afterEach(closeChannels);

type Harness = Awaited<ReturnType<typeof openHost>>;

const chunks = (h: Harness, tty: number) => [
  ...h.got.filter((m): m is ResultMsg => m.type === 'result').flatMap((r) => r.output),
  ...h.patches().flatMap((p) => p.terminal),
].filter((c) => (c.tty ?? 0) === tty);
const textOf = (h: Harness, tty: number, id: number): string => chunks(h, tty).filter((c) => c.id === id).map((c) => c.text).join('');
const result = (h: Harness, id: number): ResultMsg => h.got.find((m): m is ResultMsg => m.type === 'result' && m.id === id)!;

// Waits until the host has answered command `id` (a settle of the seed takes longer than the harness's quiet gap).
async function answered(h: Harness, id: number): Promise<void> {
  for (let i = 0; i < 400 && !h.got.some((m) => m.type === 'result' && m.id === id); i++) await new Promise((r) => setTimeout(r, 10));
  await h.settle();
}

// The seed scenario, settled (its pods running).
async function settledSeed(): Promise<Harness> {
  const h = await openHost({}, { scenario: 'seed' });
  h.send({ type: 'command', id: 1, line: 'sim settle' });
  await answered(h, 1);
  return h;
}

async function play(h: Harness, frames: number): Promise<void> {
  for (let i = 0; i < frames; i++) {
    h.clock.tick(16);
    if (i % 50 === 0) await h.settle();
  }
  await h.settle();
}

describe('Host: a second terminal', () => {
  it('watches in terminal 2 while terminal 1 scales: the watch shows the new pod, and each terminal gets its own output', async () => {
    const h = await settledSeed();
    h.send({ type: 'command', id: 2, tty: 1, line: 'kubectl get pods -w -l app=nginx' });
    await answered(h, 2);
    h.clock.tick(16);
    await h.settle();
    expect(result(h, 2)).toMatchObject({ tty: 1, stream: true });
    expect(h.patches().at(-1)!.busy).toEqual([1]);
    // Terminal 1 is free: its command runs at once, and its output is its own.
    h.send({ type: 'command', id: 3, line: 'kubectl scale sts nginx-web --replicas=4' });
    await h.settle();
    expect(result(h, 3).tty).toBeUndefined();
    expect(textOf(h, 0, 3)).toBe('statefulset.apps/nginx-web scaled\n');
    h.send({ type: 'control', op: 'play' });
    await play(h, 1200);
    const watch = textOf(h, 1, 2);
    expect(watch).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\n/);
    expect(watch).toMatch(/\nnginx-web-3 +1\/1 +Running/);
    expect(textOf(h, 0, 2)).toBe('');
    // Ctrl-C in terminal 1 leaves terminal 2's watch running; in terminal 2 it stops it.
    h.send({ type: 'control', op: 'cancel', tty: 0 });
    await play(h, 2);
    expect(h.patches().at(-1)!.busy).toEqual([1]);
    h.send({ type: 'control', op: 'cancel', tty: 1 });
    await play(h, 2);
    expect(h.patches().at(-1)!.busy).toEqual([]);
    // `busy` says it; the patch has no separate flag for "some terminal is busy".
    expect(h.patches().at(-1)).not.toHaveProperty('streaming');
  });

  it('keeps each terminal\'s variables and interactive shell apart, and forgets terminal 2\'s when it closes', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    h.send({ type: 'command', id: 2, line: 'N=one' });
    h.send({ type: 'command', id: 3, tty: 1, line: 'N=two' });
    h.send({ type: 'command', id: 4, line: 'echo $N' });
    h.send({ type: 'command', id: 5, tty: 1, line: 'echo $N' });
    await answered(h, 5);
    expect(textOf(h, 0, 4)).toBe('one\n');
    expect(textOf(h, 1, 5)).toBe('two\n');
    // A shell in a container in terminal 2; terminal 1 still runs kubectl.
    h.send({ type: 'command', id: 6, tty: 1, line: 'kubectl exec -it nginx-web-0 -- sh' });
    await answered(h, 6);
    expect(result(h, 6).prompt).toBe('/ # ');
    h.send({ type: 'command', id: 7, line: 'kubectl get sts nginx-web -o name' });
    h.send({ type: 'command', id: 8, tty: 1, shell: true, line: 'hostname' });
    await answered(h, 8);
    expect(result(h, 7).prompt).toBeUndefined();
    expect(textOf(h, 0, 7)).toBe('statefulset.apps/nginx-web\n');
    expect(result(h, 8)).toMatchObject({ tty: 1, prompt: '/ # ' });
    expect(textOf(h, 1, 8)).toBe('nginx-web-0\n');
    // Terminal 1 has no shell to send a line to.
    h.send({ type: 'command', id: 9, shell: true, line: 'hostname' });
    await answered(h, 9);
    expect(textOf(h, 0, 9)).toMatch(/^error: no interactive shell is open/);
    // Closed and opened again, terminal 2 starts afresh.
    h.send({ type: 'control', op: 'closeTty', tty: 1 });
    h.send({ type: 'command', id: 10, tty: 1, line: 'echo "[$N]"' });
    h.send({ type: 'command', id: 11, tty: 1, shell: true, line: 'hostname' });
    await answered(h, 11);
    expect(textOf(h, 1, 10)).toBe('[]\n');
    expect(textOf(h, 1, 11)).toMatch(/^error: no interactive shell is open/);
    expect(textOf(h, 0, 10) + textOf(h, 0, 11)).toBe('');
  });

  it('closing terminal 2 stops its pasted block; terminal 1 goes on', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, tty: 1, line: 'sim advance 1m\nkubectl scale sts nginx-web --replicas=5' });
    h.send({ type: 'command', id: 2, line: 'kubectl get pods -w' });
    await answered(h, 2);
    h.clock.tick(16);
    await h.settle();
    expect(h.patches().at(-1)!.busy).toEqual([0, 1]);
    h.send({ type: 'control', op: 'closeTty', tty: 1 });
    h.send({ type: 'control', op: 'play' });
    await play(h, 100);
    expect(h.patches().at(-1)!.busy).toEqual([0]);
    // The scale after the wait never ran.
    const inputs = h.got.filter((m) => m.type === 'timeline').at(-1)!.inputs;
    expect(inputs.some((i) => i.line.includes('--replicas=5'))).toBe(false);
  });
  it('lists the local files in its patches when they change (for Tab completion); both terminals write the same files', async () => {
    const h = await openHost({}, { scenario: 'empty' });
    expect(h.patches().at(-1)!.localFiles).toEqual([]);
    h.send({ type: 'command', id: 1, line: 'kubectl get ns -o name > b.txt' });
    h.send({ type: 'command', id: 2, tty: 1, line: 'echo hi > a.txt' });
    await answered(h, 2);
    h.clock.tick(16);
    await h.settle();
    expect(h.patches().at(-1)!.localFiles).toEqual(['a.txt', 'b.txt']);
    const sent = h.patches().length;
    h.send({ type: 'command', id: 3, line: 'cat a.txt' });
    await answered(h, 3);
    h.clock.tick(16);
    await h.settle();
    expect(textOf(h, 0, 3)).toBe('hi\n');
    expect(h.patches().slice(sent).every((p) => p.localFiles === undefined)).toBe(true);
  });

  it('forwards a port in terminal 1 and curls it from terminal 2: the connection is reported in terminal 1; a seek frees the port', async () => {
    const h = await settledSeed();
    h.send({ type: 'command', id: 2, line: 'kubectl port-forward nginx-web-0 8080:80' });
    await answered(h, 2);
    expect(result(h, 2)).toMatchObject({ stream: true });
    expect(textOf(h, 0, 2)).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    h.send({ type: 'command', id: 3, tty: 1, line: 'curl -s localhost:8080 | head -2' });
    await answered(h, 3);
    h.clock.tick(16);
    await h.settle();
    // The seed's volume is empty at first: nginx has no index.html to serve.
    expect(textOf(h, 1, 3)).toBe('<html>\r\n<head><title>403 Forbidden</title></head>\r\n');
    expect(textOf(h, 0, 2)).toMatch(/\nHandling connection for 8080\n$/);
    expect(h.patches().at(-1)!.busy).toEqual([0]);
    // A seek stops every command, so the port is free again on the machine (which the seek keeps).
    h.send({ type: 'seek', ms: 1000 });
    await play(h, 2);
    expect(h.patches().at(-1)!.busy).toEqual([]);
    h.send({ type: 'command', id: 4, tty: 1, line: 'curl localhost:8080' });
    await answered(h, 4);
    expect(textOf(h, 1, 4)).toBe("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n");
  });
});

describe('Host: background jobs', () => {
  it('runs `CMD &` while the terminal stays free: its output reaches the terminal, Ctrl-C leaves it, a seek ends it', async () => {
    const h = await settledSeed();
    h.send({ type: 'command', id: 2, line: 'kubectl port-forward nginx-web-0 8080:80 &' });
    await answered(h, 2);
    expect(result(h, 2)).toMatchObject({ stream: false, exitCode: 0 });
    expect(textOf(h, 0, 2)).toBe('[1] 31407\nForwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    h.clock.tick(16);
    await h.settle();
    expect(h.patches().at(-1)!.busy).toEqual([]);
    // Ctrl-C at the prompt does not reach a background job.
    h.send({ type: 'control', op: 'cancel', tty: 0 });
    await play(h, 2);
    h.send({ type: 'command', id: 3, line: 'curl -s localhost:8080 | head -1' });
    await answered(h, 3);
    h.clock.tick(16);
    await h.settle();
    expect(textOf(h, 0, 3)).toBe('Handling connection for 8080\n<html>\r\n');
    h.send({ type: 'seek', ms: 1000 });
    await play(h, 2);
    h.send({ type: 'command', id: 4, line: 'curl localhost:8080' });
    h.send({ type: 'command', id: 5, line: 'jobs' });
    await answered(h, 5);
    expect(textOf(h, 0, 4)).toBe("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n");
    expect(textOf(h, 0, 5)).toBe('');
  });
});
