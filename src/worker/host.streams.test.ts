// Host with the real engine and kubectl: a command that keeps running and writes later (run --rm deleting its pod,
// replace --force creating the objects once the old ones are gone) has those writes logged on the timeline at the
// instant they happened, so a seek, which replays the command line but stops it at once, reaches the same state.
import { afterEach, describe, expect, it } from 'vitest';
import type { FromHost, PatchMsg } from '../protocol/messages.ts';
import { closeChannels, openHost } from './host-harness.ts';
import { Driver } from './driver.ts';

afterEach(closeChannels);

type Harness = Awaited<ReturnType<typeof openHost>>;

// Plays frames (16 ms of wall time, 1× speed) until `done` holds, at most `frames` of them.
async function playUntil(h: Harness, done: () => boolean, frames = 3000): Promise<void> {
  for (let i = 0; i < frames && !done(); i++) {
    h.clock.tick(16);
    if (i % 50 === 0) await h.settle();
  }
  await h.settle();
}

const terminalText = (h: Harness, id: number): string =>
  h.patches().flatMap((p) => p.terminal).filter((c) => c.id === id).map((c) => c.text).join('');
const lastInputs = (got: FromHost[]) => got.filter((m) => m.type === 'timeline').at(-1)!.inputs;

// Seeks to `ms` and returns whether the full patch that answers has the object.
async function hasAfterSeek(h: Harness, ms: number, kind: string, key: string): Promise<boolean> {
  const before = h.patches().length;
  h.send({ type: 'seek', ms });
  await h.settle();
  h.clock.tick(1);
  await h.settle();
  const full = h.patches().slice(before).filter((p: PatchMsg) => p.full).at(-1)!;
  expect(full.clock.ms).toBe(ms);
  return full.diff.upserts.some(([k, name]) => k === kind && name === key);
}

describe('Host: writes of running commands on the timeline', () => {
  it('run -i --rm: the pod is deleted at the same instant when the moment is reached by a seek', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 2, line: 'kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- nslookup nginx-web-0.nginx' });
    await playUntil(h, () => terminalText(h, 2).includes('deleted'));
    expect(terminalText(h, 2)).toContain('pod "t" deleted from default namespace');
    h.send({ type: 'command', id: 3, line: 'sim advance 5s' });
    await h.settle();
    const inputs = lastInputs(h.got);
    const del = inputs.find((i) => i.line === 'kubectl delete pod t -n default --wait=false')!;
    const run = inputs.find((i) => i.line.startsWith('kubectl run'))!;
    expect(del.ms).toBeGreaterThan(run.ms);
    // Between the deletion and the next checkpoint: only a replay of the log gets there.
    expect(await hasAfterSeek(h, del.ms + 1, 'Pod', 'default/t')).toBe(false);
    expect(await hasAfterSeek(h, del.ms - 1, 'Pod', 'default/t')).toBe(true);
  });

  it('replace --force: the objects are created again at the same instant when reached by a seek', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    await h.settle();
    const cm = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:alpine\n';
    h.send({ type: 'command', id: 2, line: 'kubectl create -f -', stdin: cm });
    h.send({ type: 'command', id: 3, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 4, line: 'kubectl replace --force -f -', stdin: cm.replace('nginx:alpine', 'nginx:1.27') });
    await playUntil(h, () => terminalText(h, 4).includes('replaced'));
    expect(terminalText(h, 4)).toBe('pod/p replaced\n');
    h.send({ type: 'command', id: 5, line: 'sim advance 5s' });
    await h.settle();
    const created = lastInputs(h.got).find((i) => i.line === 'kubectl create --validate=strict -f -')!;
    expect(JSON.parse(created.stdin!)).toMatchObject({ kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ image: 'nginx:1.27' }] } });
    expect(await hasAfterSeek(h, created.ms + 1, 'Pod', 'default/p')).toBe(true);
    expect(await hasAfterSeek(h, created.ms - 1, 'Pod', 'default/p')).toBe(false);
  });

  it('run -it: the terminal gets the shell\'s prompt; exit and the --rm deletion are logged, so seeks show the pod as it was', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 2, line: 'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm' });
    const prompted = () => h.got.some((m) => m.type === 'result' && m.id === 2 && m.prompt === '/ # ');
    await playUntil(h, prompted);
    expect(prompted()).toBe(true);
    expect(terminalText(h, 2)).toContain("If you don't see a command prompt, try pressing enter.\n");
    h.send({ type: 'command', id: 3, line: 'nslookup nginx-web-0.nginx', shell: true });
    h.send({ type: 'command', id: 4, line: 'exit', shell: true });
    await playUntil(h, () => terminalText(h, 4).includes('deleted'));
    expect(terminalText(h, 4)).toBe('pod "dns-test" deleted from default namespace\n');
    const results = h.got.filter((m) => m.type === 'result' && m.id === 4);
    expect(results.every((m) => m.type === 'result' && m.prompt === undefined)).toBe(true);
    h.send({ type: 'command', id: 5, line: 'sim advance 5s' });
    await h.settle();
    const inputs = lastInputs(h.got);
    const exit = inputs.find((i) => i.line === 'kubectl attach dns-test -c dns-test -i -q -n default')!;
    expect(exit.stdin).toBe('exit 0\n');
    const del = inputs.find((i) => i.line === 'kubectl delete pod dns-test -n default --wait=false')!;
    expect(del.ms).toBeGreaterThan(exit.ms);
    expect(await hasAfterSeek(h, del.ms + 1, 'Pod', 'default/dns-test')).toBe(false);
    expect(await hasAfterSeek(h, del.ms - 1, 'Pod', 'default/dns-test')).toBe(true);
    const pod = h.patches().at(-1)!.diff.upserts.find(([k, key]) => k === 'Pod' && key === 'default/dns-test')![2];
    expect((pod as { status?: { phase?: string } }).status?.phase).toBe('Succeeded');
  });

  it('drain: the evictions it makes while it waits (the next node\'s pods) are logged and replayed', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 4, line: 'kubectl drain kind-worker kind-worker2 --ignore-daemonsets' });
    await playUntil(h, () => terminalText(h, 4).includes('node/kind-worker2 drained'), 6000);
    expect(terminalText(h, 4)).toContain('node/kind-worker2 drained');
    h.send({ type: 'command', id: 5, line: 'sim advance 5s' });
    await h.settle();
    const evictions = lastInputs(h.got).filter((i) => i.line.startsWith('kubectl create --raw /api/v1/namespaces/default/pods/'));
    expect(evictions.length).toBeGreaterThan(0);
    const first = evictions[0];
    const pod = JSON.parse(first.stdin!).metadata.name as string;
    expect(first.line).toBe(`kubectl create --raw /api/v1/namespaces/default/pods/${pod}/eviction -f -`);
    // Right after the logged eviction, the pod is being deleted, as it was when the moment was lived.
    await hasAfterSeek(h, first.ms + 1, 'Pod', `default/${pod}`);
    const seen = h.patches().at(-1)!.diff.upserts.find(([k, key]) => k === 'Pod' && key === `default/${pod}`);
    expect((seen?.[2] as { metadata?: { deletionTimestamp?: string } } | undefined)?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('a loop whose delete waits: the next deletion is logged when it ran, and a seek shows it then', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'kubectl run a --image=nginx:1.27 --restart=Never' });
    h.send({ type: 'command', id: 2, line: 'kubectl run b --image=nginx:1.27 --restart=Never' });
    h.send({ type: 'command', id: 3, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 4, line: 'for p in a b; do kubectl delete pod $p; done' });
    await playUntil(h, () => terminalText(h, 4).includes('pod "b" deleted'));
    // The first deletion is the command's answer; the second is the running loop's output.
    expect(terminalText(h, 4)).toBe('pod "b" deleted from default namespace\n');
    h.send({ type: 'command', id: 5, line: 'sim advance 5s' });
    await h.settle();
    const inputs = lastInputs(h.got);
    // The loop is logged as its commands, each at the instant it ran.
    const loop = inputs.find((i) => i.line === 'kubectl delete pod a')!;
    const second = inputs.find((i) => i.line === 'kubectl delete pod b')!;
    expect(second.ms).toBeGreaterThan(loop.ms);
    const terminating = async (ms: number): Promise<boolean> => {
      await hasAfterSeek(h, ms, 'Pod', 'default/b');
      const b = h.patches().at(-1)!.diff.upserts.find(([k, key]) => k === 'Pod' && key === 'default/b')?.[2];
      return !!(b as { metadata?: { deletionTimestamp?: string } } | undefined)?.metadata?.deletionTimestamp;
    };
    expect(await terminating(second.ms + 1)).toBe(true);
    expect(await terminating(second.ms - 1)).toBe(false);
  });

  it('a pasted block plays its `sim advance` in virtual time; the command after it is logged when it ran, and a seek shows it then', async () => {
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 2, line: 'kubectl create namespace one\nsim advance 3s\nkubectl create namespace two\n' });
    await h.settle();
    // Waiting, the host plays by itself (the session was paused), and pauses again when the block is done.
    await playUntil(h, () => terminalText(h, 2).includes('namespace/two created'));
    // The lines up to the wait are the command's answer; the rest is the running block's output, each echoed.
    const answer = h.got.find((m) => m.type === 'result' && m.id === 2);
    expect(answer).toMatchObject({ stream: true, output: [
      { stream: 'cmd', text: '$ kubectl create namespace one\n', id: 2 }, { stream: 'out', text: 'namespace/one created\n', id: 2 },
      { stream: 'cmd', text: '$ sim advance 3s\n', id: 2 },
    ] });
    expect(h.patches().flatMap((p) => p.terminal).filter((c) => c.id === 2))
      .toEqual([{ stream: 'cmd', text: '$ kubectl create namespace two\n', id: 2 }, { stream: 'out', text: 'namespace/two created\n', id: 2 }]);
    await h.settle();
    expect(h.patches().at(-1)!.clock.playing).toBe(false);
    const inputs = lastInputs(h.got);
    const block = inputs.find((i) => i.line === 'kubectl create namespace one')!;
    const two = inputs.find((i) => i.line === 'kubectl create namespace two')!;
    expect(two.ms - block.ms).toBe(3000);
    expect(await hasAfterSeek(h, two.ms - 1, 'Namespace', 'one')).toBe(true);
    expect(await hasAfterSeek(h, two.ms - 1, 'Namespace', 'two')).toBe(false);
    expect(await hasAfterSeek(h, two.ms, 'Namespace', 'two')).toBe(true);
  });

  it('a pasted `sim settle` plays until the last work and ends at its instant, where a typed one would have settled', async () => {
    const typed = new Driver(1);
    typed.reset('seed');
    typed.exec('sim settle');
    typed.exec('kubectl scale sts nginx-web --replicas=4');
    const want = typed.exec('sim settle').output[0].text;
    expect(want).toMatch(/^settled at \d/);
    const h = await openHost({}, { scenario: 'seed' });
    h.send({ type: 'command', id: 1, line: 'sim settle' });
    await h.settle();
    h.send({ type: 'command', id: 2, line: 'kubectl scale sts nginx-web --replicas=4\nsim settle\n' });
    await playUntil(h, () => terminalText(h, 2).includes('settled at'), 20_000);
    expect(terminalText(h, 2)).toBe(want);
  });
});
