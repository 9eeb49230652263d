import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import { kubeletState } from '../kubelet/runtime.ts';
import { endStdinProcess } from '../kubelet/faults.ts';

function cluster(manifest: string): Cluster {
  const c = Cluster.create({ freeze: true });
  const r = kc(c, 'apply -f -', { stdin: manifest });
  if (r.code !== 0) throw new Error(r.err);
  c.settle();
  return c;
}

const pod = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

describe("a container's own command", () => {
  it('writes its output to the log and its files where they are mounted: an init container prepares the page nginx serves', () => {
    const c = cluster(pod('site', `  restartPolicy: Always
  initContainers:
  - name: prepare
    image: busybox:1.36
    command: ["sh", "-c", "echo preparing; echo '<h1>made by init</h1>' > /work/index.html"]
    volumeMounts:
    - name: html
      mountPath: /work
  containers:
  - name: nginx
    image: nginx:alpine
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    emptyDir: {}
`));
    expect(kc(c, 'logs site -c prepare')).toEqual({ out: 'preparing\n', err: '', code: 0 });
    expect(kc(c, 'exec site -- curl -s localhost').out).toBe('<h1>made by init</h1>\n');
  });

  it('exits with the status the command returned (a failing utility fails the container)', () => {
    const c = cluster(pod('oops', `  restartPolicy: Never
  containers:
  - name: box
    image: busybox:1.36
    command: ["cat", "/no/such/file"]
`));
    const p = c.store.get('Pod', 'default', 'oops')!;
    expect(p.status!.phase).toBe('Failed');
    expect(p.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(kc(c, 'logs oops').out).toBe("cat: can't open '/no/such/file': No such file or directory\n");
  });

  it('is left to the process model, and not logged, when part of it is not modelled', () => {
    const c = cluster(pod('loop', `  containers:
  - name: box
    image: busybox:1.36
    command: ["sh", "-c", "while true; do date; sleep 5; done"]
`));
    expect(c.store.get('Pod', 'default', 'loop')!.status!.phase).toBe('Running');
    expect(kc(c, 'logs loop').err).toMatch(/is not modelled/);
  });

  it('a shell with stdin kept open waits on it; when the input closes it exits, and restartPolicy Always starts it again', () => {
    const c = cluster(pod('waiter', `  containers:
  - name: box
    image: busybox:1.36
    stdin: true
    stdinOnce: true
`));
    const p = c.store.get('Pod', 'default', 'waiter')!;
    expect(p.status!.phase).toBe('Running');
    const rt = kubeletState(c).pods[p.metadata!.uid!];
    expect(endStdinProcess(c, rt, 'box', 0)).toBe(true);
    c.advance(2_000);
    const after = c.store.get('Pod', 'default', 'waiter')!;
    expect(after.status!.containerStatuses![0]).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(after.status!.containerStatuses![0].state!.running).toBeDefined();
  });
});
