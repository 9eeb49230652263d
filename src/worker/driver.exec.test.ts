// Driver with the real engine and kubectl: a `kubectl exec` that writes files is an input of the timeline, so
// seeking back undoes the write and seeking forward replays it.
import { describe, expect, it } from 'vitest';
import { Driver } from './driver.ts';

const page = (d: Driver): string =>
  d.exec('kubectl exec nginx-web-1 -- curl -s http://nginx-web-0.nginx/').output.map((c) => c.text).join('');

describe('Driver and kubectl exec', () => {
  it('logs a command that wrote files and replays it when seeking forward again', () => {
    const d = new Driver(1);
    d.reset('seed');
    d.advanceTo(60_000);
    d.exec(`kubectl exec nginx-web-0 -- sh -c 'echo kept > /usr/share/nginx/html/index.html'`);
    expect(d.timeline.inputs.map((e) => e.line)).toEqual([`kubectl exec nginx-web-0 -- sh -c 'echo kept > /usr/share/nginx/html/index.html'`]);
    d.advanceTo(90_000);
    expect(page(d)).toBe('kept\n');
    d.seek(30_000);
    expect(page(d)).toContain('403 Forbidden');
    d.seek(90_000);
    expect(page(d)).toBe('kept\n');
  });

  it('does not log an exec that only read (its randomness has its own PRNG)', () => {
    const d = new Driver(1);
    d.reset('seed');
    d.advanceTo(60_000);
    d.exec('kubectl exec nginx-web-0 -- hostname');
    // Random choices inside containers (DNS order, kube-proxy) and the request logs leave the timeline alone.
    d.exec('kubectl exec nginx-web-1 -- curl -s nginx');
    d.exec('kubectl exec nginx-web-1 -- bash');
    expect(d.timeline.inputs).toEqual([]);
  });
});

describe('Driver and the interactive shell', () => {
  it('logs a shell line that wrote files as a standalone exec, which a seek replays', () => {
    const d = new Driver(1);
    d.reset('seed');
    d.advanceTo(60_000);
    expect(d.exec('kubectl exec -it nginx-web-0 -- sh').prompt).toBe('/ # ');
    expect(d.execShell('cd /usr/share/nginx/html').prompt).toBe('/usr/share/nginx/html # ');
    d.execShell('echo from-shell > index.html');
    expect(d.timeline.inputs.map((e) => e.line)).toEqual([`kubectl exec -n default nginx-web-0 -c nginx -- sh -c 'cd '\\''/usr/share/nginx/html'\\''; echo from-shell > index.html'`]);
    d.advanceTo(70_000);
    d.seek(30_000);
    // The shell stays open across the seek.
    expect(d.execShell('pwd').output.map((c) => c.text).join('')).toBe('/usr/share/nginx/html\n');
    expect(page(d)).toContain('403 Forbidden');
    d.seek(70_000);
    expect(page(d)).toBe('from-shell\n');
  });
});

describe('Driver and kubectl edit', () => {
  const partition = (d: Driver): string =>
    d.exec(`kubectl get sts nginx-web -o jsonpath='{.spec.updateStrategy.rollingUpdate.partition}'`).output.map((c) => c.text).join('');

  it('logs a saved edit as the patch it made, which a seek replays without an editor', () => {
    const d = new Driver(1);
    d.reset('seed');
    d.advanceTo(60_000);
    const open = d.exec('kubectl edit sts nginx-web').editor!;
    expect(open.text).toMatch(/^# Please edit the object below/);
    d.advanceTo(65_000);
    const r = d.editorClosed(open.text.replace('partition: 0', 'partition: 2'));
    expect(r.output).toEqual([{ stream: 'out', text: 'statefulset.apps/nginx-web edited\n' }]);
    expect(d.timeline.inputs).toEqual([{ ms: 65_000, line: expect.stringMatching(/^kubectl patch statefulsets\.apps nginx-web /) }]);
    d.advanceTo(70_000);
    d.seek(30_000);
    expect(partition(d)).toBe('0');
    d.seek(70_000);
    expect(partition(d)).toBe('2');
  });

  it('the terminal shell: a write made with a variable is logged expanded and replays without it; a seek keeps the variable', () => {
    const d = new Driver(1);
    d.reset('seed');
    d.advanceTo(60_000);
    d.exec('POD=nginx-web-1');
    d.exec('kubectl label pod $POD tier=web');
    expect(d.timeline.inputs.map((e) => e.line)).toEqual(['kubectl label pod nginx-web-1 tier=web']);
    const tier = (): string | undefined => d.cluster.store.get('Pod', 'default', 'nginx-web-1')?.metadata?.labels?.tier;
    expect(tier()).toBe('web');
    d.advanceTo(90_000);
    d.seek(30_000);
    expect(tier()).toBeUndefined();
    d.seek(90_000);
    expect(tier()).toBe('web');
    expect(d.exec('echo $POD').output.map((c) => c.text).join('')).toBe('nginx-web-1\n');
  });
});
