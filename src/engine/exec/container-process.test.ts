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

describe("a container's script that sleeps", () => {
  // The documentation's liveness example ("Define a liveness command"): the file exists for 30 s, then the probe fails.
  const LIVENESS_EXEC = pod('liveness-exec', `  containers:
  - name: liveness
    image: busybox
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
`);

  it('runs what follows a sleep when the sleep is over: the liveness example passes for 30 s, fails from 35 s, and is killed at 45 s', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: LIVENESS_EXEC });
    const started = (): number => Date.parse(c.store.get('Pod', 'default', 'liveness-exec')!.status!.containerStatuses![0].state!.running!.startedAt!) - c.state.epochMs;
    c.advance(25_000);
    const t0 = started();
    expect(kc(c, 'exec liveness-exec -- cat /tmp/healthy')).toEqual({ out: '', err: '', code: 0 });
    c.advance(t0 + 31_000 - c.now);
    expect(kc(c, 'exec liveness-exec -- cat /tmp/healthy').code).toBe(1);
    c.advance(t0 + 60_000 - c.now);
    // Probes run every 5 s (whole seconds since the start); the first after the rm fails, two more make three.
    const events = c.store.list('Event', 'default').filter((e) => e.involvedObject.name === 'liveness-exec');
    const since = (t: string | undefined): number => (Date.parse(t!) - c.state.epochMs - t0) / 1000;
    const failed = events.filter((e) => e.reason === 'Unhealthy');
    expect(failed.map((e) => [e.message, e.count])).toEqual([["Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n", 3]]);
    expect(since(failed[0].firstTimestamp)).toBeGreaterThan(30);
    expect(since(failed[0].firstTimestamp)).toBeLessThanOrEqual(35);
    expect(since(failed[0].lastTimestamp) - since(failed[0].firstTimestamp)).toBe(10);
    const killing = events.filter((e) => e.reason === 'Killing');
    expect(killing.map((e) => [e.message, since(e.firstTimestamp)])).toEqual([['Container liveness failed liveness probe, will be restarted', since(failed[0].lastTimestamp)]]);
  });

  it('logs each step when it runs, keeps its directory and variables across a sleep, and exits with what ran last', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: pod('steps', `  restartPolicy: Never
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo start; cd /tmp; X=1; sleep 10; echo \\"end $X $(pwd)\\" > out.txt; cat out.txt; false || sleep 5 && exit 3; echo never"]
`) });
    c.advance(6_000);
    expect(kc(c, 'logs steps').out).toBe('start\n');
    c.settle();
    const log = kc(c, 'logs steps --timestamps').out.split('\n').filter(Boolean).map((l) => l.split(' '));
    expect(log.map((l) => l.slice(1).join(' '))).toEqual(['start', 'end 1 /tmp']);
    expect(Date.parse(log[1][0]) - Date.parse(log[0][0])).toBe(10_000);
    const cs = c.store.get('Pod', 'default', 'steps')!.status!.containerStatuses![0];
    expect(cs.state!.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    const ran = Date.parse(cs.state!.terminated!.finishedAt!) - Date.parse(cs.state!.terminated!.startedAt!);
    expect(ran).toBeGreaterThanOrEqual(15_000);
    expect(ran).toBeLessThan(17_000);
  });

  it('ends with its container: nothing waits for the sleep of a pod deleted while its script sleeps', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: pod('nap', `  terminationGracePeriodSeconds: 1
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo a; sleep 100; echo b > /tmp/b"]
`) });
    c.advance(5_000);
    kc(c, 'delete pod nap --wait=false');
    const r = c.settle();
    expect(r.settled).toBe(true);
    expect(r.now).toBeLessThan(20_000);
    expect(c.store.get('Pod', 'default', 'nap')).toBeUndefined();
  });

  it('goes on the same way from a snapshot taken while it sleeps', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: pod('later', `  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "V=kept; sleep 20; echo $V; sleep 3600"]
`) });
    c.advance(10_000);
    const copy = Cluster.restore(c.snapshot(), { freeze: true });
    expect(kc(copy, 'logs later').out).toBe('');
    c.advance(20_000);
    copy.advance(20_000);
    expect(kc(copy, 'logs later').out).toBe('kept\n');
    expect(copy.snapshot()).toEqual(c.snapshot());
  });
});
