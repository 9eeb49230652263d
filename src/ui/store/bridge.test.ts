// Store + bridge + host over a MessageChannel: the read model follows the cluster, unchanged objects keep
// their references, applyYaml resolves with kubectl's output, and a crashed host is replaced by one rebuilt
// from the input log at the same instant.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Host } from '../../worker/host.ts';
import { TEST_CLUSTER } from '../../worker/test-fakes.ts';
import { createSimInstance, type SimInstance } from './instance.ts';
import type { Connection } from './bridge.ts';

vi.mock('../../kubectl/index.ts', async () => ({ runKubectl: (await import('../../worker/test-fakes.ts')).fakeRunKubectl }));

const open: MessageChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A connector that starts a Host on real timers behind a MessageChannel; `crash()` kills the latest one. */
function connector() {
  const crashers: Array<(m: string) => void> = [];
  let hosts = 0;
  const connect = (): Connection => {
    const ch = new MessageChannel();
    open.push(ch);
    hosts++;
    new Host(ch.port2, { now: () => performance.now(), setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as number) }, TEST_CLUSTER);
    return {
      endpoint: ch.port1,
      onCrash: (fn) => crashers.push(fn),
      terminate: () => { ch.port1.close(); ch.port2.close(); },
    };
  };
  return { connect, crash: (m: string) => crashers.at(-1)!(m), hosts: () => hosts };
}

async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function started(): { inst: SimInstance; conn: ReturnType<typeof connector> } {
  const inst = createSimInstance({ scenario: 'empty', autoplay: false });
  const conn = connector();
  inst.start(conn.connect);
  return { inst, conn };
}

describe('bridge', () => {
  it('connects, marks the worker ready and mirrors commands into the read model and the terminal', async () => {
    const { inst } = started();
    await until(() => inst.store.getState().view.workerStatus === 'ready');
    inst.actions.command('kubectl create ns tick-a');
    await until(() => inst.store.getState().objects.Namespace.has('tick-a'));
    const s = inst.store.getState();
    expect(s.keys.Namespace).toEqual(['tick-a']);
    expect(s.terminal.lines.map((l) => `${l.kind}:${l.text}`)).toEqual(['cmd:$ kubectl create ns tick-a', 'out:namespace/tick-a created']);
    expect(s.terminal.history).toEqual(['kubectl create ns tick-a']);
    inst.stop();
  });

  it('keeps the references of objects that did not change across a full patch (seek)', async () => {
    const { inst } = started();
    await until(() => inst.store.getState().view.workerStatus === 'ready');
    inst.actions.command('kubectl create ns stay');
    inst.actions.command('kubectl create ns tick-b');
    inst.actions.command('sim advance 3s');
    await until(() => inst.store.getState().clock.ms === 3000);
    const before = inst.store.getState();
    inst.actions.seek(1500);
    await until(() => inst.store.getState().clock.ms === 1500);
    const after = inst.store.getState();
    expect(after.objects.Namespace.get('stay')).toBe(before.objects.Namespace.get('stay'));
    expect(after.objects.Namespace.get('tick-b')).not.toBe(before.objects.Namespace.get('tick-b'));
    expect(after.objects.Namespace.get('tick-b')?.metadata?.labels?.n).toBe('1');
    expect(after.keys.Namespace).toBe(before.keys.Namespace);
    inst.stop();
  });

  it('applyYaml resolves with the command\'s result', async () => {
    const { inst } = started();
    await until(() => inst.store.getState().view.workerStatus === 'ready');
    const r = await inst.actions.applyYaml('kind: Nothing');
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/^error: unknown command/);
    expect(inst.store.getState().terminal.lines[0].text).toBe('$ kubectl apply -f -');
    inst.stop();
  });

  it('restarts a crashed host from the input log at the same virtual instant', async () => {
    const { inst, conn } = started();
    await until(() => inst.store.getState().view.workerStatus === 'ready');
    inst.actions.command('kubectl create ns tick-c');
    inst.actions.command('sim advance 2500ms');
    await until(() => inst.store.getState().clock.ms === 2500 && inst.store.getState().timeline.inputs.length === 1);
    conn.crash('boom');
    expect(inst.store.getState().view.workerStatus).not.toBe('ready');
    // The new host's first patch (seq 1) carries the rebuilt state; the old read model must not satisfy this.
    await until(() => inst.store.getState().view.workerStatus === 'ready' && inst.store.getState().seq === 1);
    expect(inst.store.getState().clock.ms).toBe(2500);
    expect(conn.hosts()).toBe(2);
    const s = inst.store.getState();
    expect(s.objects.Namespace.get('tick-c')?.metadata?.labels?.n).toBe('2');
    expect(s.timeline.inputs).toEqual([{ ms: 0, line: 'kubectl create ns tick-c' }]);
    expect(s.terminal.lines.some((l) => l.text === 'engine crashed: boom')).toBe(true);
    inst.stop();
  });

  it('follows kubectl edit: the editor opens, reopens with the errors, closes; a reset or a crash drops it', async () => {
    const { inst, conn } = started();
    const st = () => inst.store.getState();
    await until(() => st().view.workerStatus === 'ready');
    inst.actions.command('kubectl create ns a');
    inst.actions.command('kubectl edit ns a');
    await until(() => st().terminal.editor !== undefined);
    const opened = st().terminal.editor!;
    expect(opened).toEqual({ id: 2, file: '/tmp/kubectl-edit-0001.yaml', text: '# Please edit the object below.\nnote: \n', program: 'kubectl edit', seq: 1, closing: false });
    inst.actions.closeEditor('note: two words\n');
    expect(st().terminal.editor?.closing).toBe(true);
    await until(() => st().terminal.editor?.seq === 2);
    expect(st().terminal.editor).toMatchObject({ id: 2, text: '# namespaces "a" was not valid:\nnote: two words\n', closing: false });
    inst.actions.closeEditor('note: ok\n');
    await until(() => st().terminal.editor === undefined);
    expect(st().terminal.lines.map((l) => l.text).slice(-2)).toEqual(['error: namespaces "a" is invalid', 'namespace/a edited']);
    await until(() => st().objects.Namespace.get('a')?.metadata?.labels?.note === 'ok');

    inst.actions.command('kubectl edit ns a');
    await until(() => st().terminal.editor !== undefined);
    inst.actions.reset('empty');
    expect(st().terminal.editor).toBeUndefined();
    inst.actions.command('kubectl create ns b');
    inst.actions.command('kubectl edit ns b');
    await until(() => st().terminal.editor !== undefined);
    conn.crash('boom');
    expect(st().terminal.editor).toBeUndefined();
    inst.stop();
  });
  it('routes a second terminal\'s output, busy state and Ctrl-C to it; a closed one takes nothing', async () => {
    const { inst } = started();
    const st = () => inst.store.getState();
    await until(() => st().view.workerStatus === 'ready');
    inst.actions.openTerminal2();
    inst.actions.command('kubectl get ns -w', 1);
    await until(() => st().terminal2!.busy);
    inst.actions.command('kubectl create ns one');
    await until(() => st().terminal2!.lines.some((l) => l.text === 'one'));
    expect(st().terminal.busy).toBe(false);
    expect(st().terminal.lines.map((l) => l.text)).toEqual(['$ kubectl create ns one', 'namespace/one created']);
    expect(st().terminal2!.lines.map((l) => l.text)).toEqual(['$ kubectl get ns -w', '', 'one']);
    expect(st().terminal2!.history).toEqual(['kubectl get ns -w']);
    expect(st().terminal.history).toEqual(['kubectl create ns one']);
    // Ctrl-C in terminal 1 leaves the watch in terminal 2 alone.
    inst.actions.cancel(0);
    inst.actions.command('kubectl create ns two');
    await until(() => st().terminal2!.lines.some((l) => l.text === 'two'));
    expect(st().terminal2!.busy).toBe(true);
    inst.actions.cancel(1);
    await until(() => !st().terminal2!.busy);
    expect(st().terminal2!.lines.at(-1)!.text).toBe('^C');
    // Closed, terminal 2 is gone from the store and its commands' output with it.
    inst.actions.command('kubectl get ns -w', 1);
    await until(() => st().terminal2!.busy);
    inst.actions.closeTerminal2();
    inst.actions.command('kubectl create ns three');
    await until(() => st().terminal.lines.some((l) => l.text === 'namespace/three created'));
    expect(st().terminal2).toBeUndefined();
    expect(st().terminal.lines.some((l) => l.text === 'three')).toBe(false);
    inst.stop();
  });
  it('echoes a control\'s command in the second terminal while the first one watches, else in the first', async () => {
    const { inst } = started();
    const st = () => inst.store.getState();
    await until(() => st().view.workerStatus === 'ready');
    inst.actions.command('kubectl get ns -w', 0);
    await until(() => st().terminal.busy);
    // No second terminal: the first one takes it, as before.
    inst.actions.command('kubectl create ns one');
    await until(() => st().terminal.lines.some((l) => l.text === 'namespace/one created'));
    inst.actions.openTerminal2();
    inst.actions.command('kubectl create ns two');
    await until(() => st().terminal2!.lines.some((l) => l.text === 'namespace/two created'));
    expect(st().terminal2!.lines.map((l) => l.text)).toEqual(['$ kubectl create ns two', 'namespace/two created']);
    // The YAML tab's Apply goes there too.
    await inst.actions.applyYaml('kind: Nothing');
    expect(st().terminal2!.lines.map((l) => l.text)).toContain('$ kubectl apply -f -');
    inst.actions.cancel(0);
    await until(() => !st().terminal.busy);
    inst.actions.command('kubectl create ns three');
    await until(() => st().terminal.lines.some((l) => l.text === 'namespace/three created'));
    expect(st().terminal2!.lines.some((l) => l.text.includes('three'))).toBe(false);
    inst.stop();
  });
});
