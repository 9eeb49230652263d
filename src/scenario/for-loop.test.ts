// The terminal's loops over pods, as the StatefulSet Basics tutorial types them.
import { describe, expect, it } from 'vitest';
import { expandForLoop } from './for-loop.ts';
import { Session } from './session.ts';
import { execCluster } from '../kubectl/verbs/exec.fixture.ts';

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
    expect(r).toEqual({ output: [{ stream: 'out', text: 'web-0\n' }, { stream: 'out', text: 'web-1\n' }], exitCode: 0 });
    const images = s.exec(`for p in 0 1; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done`);
    expect(images.output.map((x) => x.text).join('')).toBe('registry.k8s.io/nginx-slim:0.24\nregistry.k8s.io/nginx-slim:0.24\n');
    // A malformed command anywhere in the body runs nothing.
    const rv = c.store.state.resourceVersion;
    expect(s.exec(`for i in 0 1; do kubectl label pod web-$i x=y; sim advance 1s; done`)).toMatchObject({ exitCode: 2, malformed: 'only kubectl and echo can run in a loop' });
    expect(c.store.state.resourceVersion).toBe(rv);
    expect(new Session(c).exec('for i in 0; do kubectl get pods; done').malformed).toMatch(/^unknown command "for"/);
  });
});
