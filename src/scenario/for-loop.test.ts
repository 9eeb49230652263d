// The terminal's loops over pods, as the StatefulSet Basics tutorial types them.
import { describe, expect, it } from 'vitest';
import { expandForLoop } from './for-loop.ts';
import { Session } from './session.ts';
import { execCluster } from '../kubectl/verbs/exec.fixture.ts';
import { Cluster } from '../engine/cluster.ts';

describe('expandForLoop', () => {
  it('expands the tutorial\'s loops: $i and ${i} outside single quotes, the body split at ; outside quotes', () => {
    expect(expandForLoop(`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`))
      .toEqual([`kubectl exec "web-0" -- sh -c 'hostname'`, `kubectl exec "web-1" -- sh -c 'hostname'`]);
    expect(expandForLoop(`for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`)).toEqual([
      `kubectl get pod "web-0" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`, 'echo',
      `kubectl get pod "web-1" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`, 'echo',
      `kubectl get pod "web-2" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`, 'echo',
    ]);
    expect(expandForLoop('for n in a; do kubectl get ns ${n}x $nn; done')).toEqual(['kubectl get ns ax $nn']);
  });

  it('is null for other lines and an error for a malformed loop', () => {
    expect(expandForLoop('kubectl get pods')).toBeNull();
    expect(expandForLoop('format')).toBeNull();
    expect(expandForLoop('for i in 0 1; kubectl get pods; done')).toEqual({ error: 'syntax error: a loop is `for NAME in WORDS; do COMMAND; …; done`' });
    expect(expandForLoop(`for i in 0; do kubectl exec web-0 -- sh -c 'x; done`)).toMatchObject({ error: expect.stringMatching(/^unexpected EOF/) });
  });
});

describe('Session: loops in the terminal', () => {
  it('runs each command in turn with its output, echo included; a script session takes no loops', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    const r = s.exec(`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`);
    expect(r).toEqual({ output: [{ stream: 'out', text: 'web-0\n' }, { stream: 'out', text: 'web-1\n' }], exitCode: 0, sequence: true });
    const images = s.exec(`for p in 0 1; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`);
    expect(images.output.map((x) => x.text).join('')).toBe('registry.k8s.io/nginx-slim:0.24\nregistry.k8s.io/nginx-slim:0.24\n');
    // A malformed command anywhere in the body runs nothing.
    const rv = c.store.state.resourceVersion;
    expect(s.exec(`for i in 0 1; do kubectl label pod web-$i x=y; sim advance 1s; done`)).toMatchObject({ exitCode: 2, malformed: 'only kubectl and echo can run in a loop' });
    expect(c.store.state.resourceVersion).toBe(rv);
    expect(new Session(c).exec('for i in 0; do kubectl get pods; done').malformed).toMatch(/^unknown command "for"/);
  });

  it('a command that waits holds the rest of the loop back until it ends, as in a shell; the later writes are logged', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    for (const p of ['a', 'b']) expect(s.exec(`kubectl run ${p} --image=nginx:1.27 --restart=Never`).exitCode).toBe(0);
    c.settle();
    const r = s.exec('for p in a b; do kubectl delete pod $p; echo done $p; done');
    // delete says so at once, then waits for the pod to go.
    expect(r.output).toEqual([{ stream: 'out', text: 'pod "a" deleted from default namespace\n' }]);
    expect(r.stream).toBeDefined();
    expect(c.store.get('Pod', 'default', 'a')?.metadata?.deletionTimestamp).toBeDefined();
    // b is not touched while kubectl waits for a to go.
    expect(c.store.get('Pod', 'default', 'b')?.metadata?.deletionTimestamp).toBeUndefined();
    let text = r.output[0].text;
    const logged: Array<{ line: string; ms: number }> = [];
    let deletedAt = -1;
    for (let i = 0; i < 10_000; i++) {
      const p = r.stream!.poll();
      text += p.output.map((x) => x.text).join('');
      for (const l of p.logAs ?? []) logged.push({ line: l.line, ms: c.now });
      if (deletedAt < 0 && !c.store.get('Pod', 'default', 'a')) deletedAt = c.now;
      if (p.done) break;
      c.step(c.nextDue()!);
    }
    expect(text).toBe('pod "a" deleted from default namespace\ndone a\npod "b" deleted from default namespace\ndone b\n');
    expect(c.store.get('Pod', 'default', 'b')).toBeUndefined();
    // b's deletion ran when a was gone, and is logged as its own line then (echo writes nothing: not logged).
    expect(logged).toEqual([{ line: 'kubectl delete pod b', ms: deletedAt }]);
  });

  it('Ctrl-C stops the whole loop', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    for (const p of ['a', 'b']) s.exec(`kubectl run ${p} --image=nginx:1.27 --restart=Never`);
    c.settle();
    const r = s.exec('for p in a b; do kubectl delete pod $p; done');
    r.stream!.cancel();
    expect(r.stream!.poll().done).toBe(true);
    c.settle();
    expect(c.store.get('Pod', 'default', 'a')).toBeUndefined();
    expect(c.store.get('Pod', 'default', 'b')?.metadata?.deletionTimestamp).toBeUndefined();
  });
});
