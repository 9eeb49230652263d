import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import { statefulSetYaml } from '../kubelet/fixtures.ts';
import type { Pod } from '../api/types.ts';
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

/** A pod whose one container, `box` (busybox), runs `command` (a YAML flow sequence); `policy`: its restartPolicy. */
const box = (name: string, command: string, policy?: string): string =>
  pod(name, `${policy ? `  restartPolicy: ${policy}\n` : ''}  containers:\n  - name: box\n    image: busybox:1.36\n    command: ${command}\n`);

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
    const c = cluster(box('oops', `["cat", "/no/such/file"]`, 'Never'));
    const p = c.store.get('Pod', 'default', 'oops')!;
    expect(p.status!.phase).toBe('Failed');
    expect(p.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(kc(c, 'logs oops').out).toBe("cat: can't open '/no/such/file': No such file or directory\n");
  });

  it('is left to the process model, and not logged, when part of it is not modelled', () => {
    const c = cluster(box('loop', `["sh", "-c", "date; tail -f /dev/null"]`));
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

describe("a container's script with loops", () => {
  it('logs each pass of a loop when it runs: the documentation\'s counter pod', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: pod('counter', `  containers:
  - name: count
    image: busybox:1.28
    args: [/bin/sh, -c, 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
`) });
    c.advance(5_000);
    const lines = kc(c, 'logs counter --timestamps').out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    lines.forEach((line, i) => {
      const [stamp, n, ...date] = line.split(' ');
      expect(n).toBe(`${i}:`);
      // Each pass is a second after the one before, and `date` says the time it ran.
      expect(Date.parse(stamp) - Date.parse(lines[0].split(' ')[0])).toBe(i * 1000);
      expect(date.join(' ')).toMatch(/^Thu Jan  1 00:00:0\d UTC 2026$/);
    });
    expect(c.store.get('Pod', 'default', 'counter')!.status!.containerStatuses![0].state!.running).toBeDefined();
  });

  it('ends when its loop does: the documentation\'s init containers wait for their Services, then the app starts', () => {
    const c = Cluster.create({ freeze: true });
    const wait = (svc: string): string =>
      `"until nslookup ${svc}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for ${svc}; sleep 2; done"`;
    kc(c, 'apply -f -', { stdin: pod('myapp-pod', `  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', ${wait('myservice')}]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', ${wait('mydb')}]
`) });
    c.advance(60_000);
    expect(kc(c, 'get pod myapp-pod --no-headers').out).toMatch(/^myapp-pod\s+0\/1\s+Init:0\/2\s+0\s/);
    expect(kc(c, 'logs myapp-pod -c init-myservice --tail=2').out).toBe("nslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n");
    for (const svc of ['myservice', 'mydb']) kc(c, ['create', 'service', 'clusterip', svc, '--tcp=80:9376']);
    c.advance(10_000);
    const p = c.store.get('Pod', 'default', 'myapp-pod')!;
    expect(p.status!.initContainerStatuses!.map((s) => s.state!.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(p.status!.phase).toBe('Running');
    expect(kc(c, 'logs myapp-pod -c myapp-container').out).toBe('The app is running!\n');
    expect(kc(c, 'logs myapp-pod -c init-mydb').out).toMatch(/^Server: {4}10\.96\.0\.10\n[^]*Name: {6}mydb\.default\.svc\.cluster\.local\n/);
    // The Why list's story of the two init containers.
    expect(c.state.trace.filter((r) => r.type === 'kubelet.init').map((r) => [r.rule, r.detail?.container, r.detail?.index, r.detail?.count, r.detail?.next])).toEqual([
      ['running', 'init-myservice', 1, 2, undefined],
      ['completed', 'init-myservice', 1, 2, 'init-mydb'],
      ['running', 'init-mydb', 2, 2, undefined],
      ['initialized', 'init-mydb', 2, 2, undefined],
    ]);
  });

  it('configures each ordinal of a StatefulSet from its name: ${HOSTNAME##*-}, case, and a wait in one arm', () => {
    const c = Cluster.create({ freeze: true });
    const script = [
      'ordinal=${HOSTNAME##*-}',
      'case $ordinal in',
      '  0) echo "primary" > /conf/role ;;',
      // BusyBox 1.36's nslookup adds no search domain to a name with a dot: the whole name, as scripts for it write.
      '  *) until nslookup ${HOSTNAME%-*}-0.db.default.svc.cluster.local; do echo "waiting for ${HOSTNAME%-*}-0"; sleep 2; done',
      '     echo "replica of ${HOSTNAME%-*}-0" > /conf/role ;;',
      'esac',
      'echo "${POD_NAME:?} is $(cat /conf/role), index ${INDEX:-unknown}"',
    ].join('\n');
    const r = kc(c, 'apply -f -', { stdin: `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
---
${statefulSetYaml('db', 2, `      initContainers:
      - name: config
        image: busybox:1.36
        command: ["sh", "-c", ${JSON.stringify(script)}]
        env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: INDEX
          valueFrom: {fieldRef: {fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']"}}
        volumeMounts:
        - {name: conf, mountPath: /conf}
      containers:
      - name: app
        image: busybox:1.36
        command: ["sh", "-c", "cat /conf/role; sleep 3600"]
        volumeMounts:
        - {name: conf, mountPath: /conf}
      volumes:
      - name: conf
        emptyDir: {}
`)}` });
    expect(r.code).toBe(0);
    c.advance(120_000);
    expect(kc(c, 'logs db-0 -c config').out).toBe('db-0 is primary, index 0\n');
    expect(kc(c, 'logs db-0').out).toBe('primary\n');
    // db-1 starts once db-0 is Ready (OrderedReady), and db-0 is in DNS by then: no wait.
    expect(kc(c, 'logs db-1 -c config').out).toMatch(/^Server:[^]*\nName:\tdb-0\.db\.default\.svc\.cluster\.local\n[^]*\ndb-1 is replica of db-0, index 1\n$/);
    expect(kc(c, 'logs db-1').out).toBe('replica of db-0\n');
  });

  it('writes a config with a here-document, expanded unless its delimiter is quoted, and goes on after a sleep', () => {
    const script = [
      'cat > /tmp/app.conf <<EOF',
      'server-id=$((100 + ${HOSTNAME##*-}))',
      'EOF',
      'sleep 5',
      "cat <<'EOF'",
      'literal ${HOSTNAME}',
      'EOF',
      'cat /tmp/app.conf',
    ].join('\n');
    const c = cluster(box('conf-7', `["sh", "-c", ${JSON.stringify(script)}]`, 'Never'));
    const log = kc(c, 'logs conf-7 --timestamps').out.split('\n').filter(Boolean);
    expect(log.map((l) => l.slice(l.indexOf(' ') + 1))).toEqual(['literal ${HOSTNAME}', 'server-id=107']);
    expect(c.store.get('Pod', 'default', 'conf-7')!.status!.phase).toBe('Succeeded');
  });

  it('runs a subshell, whose directory and variables stay inside it; one that sleeps is left to the process model', () => {
    const c = cluster(box('sub', `["sh", "-c", "x=outer; (cd /tmp && x=inner && pwd && echo $x); pwd; echo $x; sleep 2; (exit 3) || echo exited $?"]`, 'Never'));
    expect(kc(c, 'logs sub').out).toBe('/tmp\ninner\n/\nouter\nexited 3\n');
    const sleeper = cluster(box('sub', `["sh", "-c", "echo start; (sleep 5; echo later)"]`));
    expect(kc(sleeper, 'logs sub').out).toBe('');
  });

  it('keeps its set -e and set -x across a sleep: the trace is in its log, and a failure after the sleep ends it', () => {
    const c = cluster(box('strict', `["sh", "-c", "set -ex; echo start; sleep 5; test -f /tmp/ready; echo never"]`, 'Never'));
    expect(kc(c, 'logs strict').out).toBe('+ echo start\nstart\n+ sleep 5\n+ test -f /tmp/ready\n');
    // The test after the sleep ran 5 s after it.
    const at = kc(c, 'logs strict --timestamps').out.split('\n').filter(Boolean).map((l) => Date.parse(l.slice(0, l.indexOf(' '))));
    expect(at[3] - at[2]).toBe(5_000);
    const p = c.store.get('Pod', 'default', 'strict')!;
    expect(p.status!.phase).toBe('Failed');
    expect(p.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('goes on inside a function after a sleep there, with its arguments and locals', () => {
    const c = Cluster.create({ freeze: true });
    const script = [
      'wait_for() {',
      '  local tries=0',
      '  until nslookup "$1.default.svc.cluster.local" > /dev/null 2>&1; do',
      '    tries=$((tries + 1)); echo "waiting for $1 ($tries)"; sleep 2',
      '  done',
      '  echo "$1 is up after $tries tries"',
      '}',
      'tries=outer',
      'wait_for mydb',
      'echo "done, tries=$tries"',
    ].join('\n');
    kc(c, 'apply -f -', { stdin: pod('app', `  restartPolicy: Never
  containers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", ${JSON.stringify(script)}]
`) });
    c.advance(9_000);
    expect(kc(c, 'logs app').out).toMatch(/^waiting for mydb \(1\)\nwaiting for mydb \(2\)\n/);
    kc(c, ['create', 'service', 'clusterip', 'mydb', '--tcp=80:80']);
    c.advance(5_000);
    const log = kc(c, 'logs app').out.split('\n').filter(Boolean);
    expect(log.slice(-2)).toEqual([`mydb is up after ${log.length - 2} tries`, 'done, tries=outer']);
    expect(c.store.get('Pod', 'default', 'app')!.status!.phase).toBe('Succeeded');
  });

  it('sleeps as its own command, or after exec, and then exits 0', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: pod('direct', `  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: ["sleep", "5"]
  - name: b
    image: busybox
    command: ["sh", "-c", "echo b; exec sleep 8; echo never"]
`) });
    c.advance(8_000);
    const st = () => c.store.get('Pod', 'default', 'direct')!.status!.containerStatuses!;
    expect(st().map((s) => Object.keys(s.state!)[0])).toEqual(['terminated', 'running']);
    c.advance(4_000);
    expect(st().map((s) => s.state!.terminated?.exitCode)).toEqual([0, 0]);
    expect(st().map((s) => s.restartCount)).toEqual([0, 0]);
    expect(kc(c, 'logs direct -c b').out).toBe('b\n');
  });

  it('goes on inside its loop the same way from a snapshot taken while it sleeps there', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'apply -f -', { stdin: pod('nested', `  restartPolicy: Never
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "for i in a b; do n=0; while [ $n -lt 2 ]; do if [ $i = b ]; then echo $i$n; sleep 1; else { echo $i$n; sleep 2; }; fi; n=$((n+1)); done; done; exit 4"]
`) });
    c.advance(3_000);
    const copy = Cluster.restore(c.snapshot(), { freeze: true });
    for (const x of [c, copy]) x.advance(10_000);
    expect(kc(copy, 'logs nested').out).toBe('a0\na1\nb0\nb1\n');
    expect(copy.store.get('Pod', 'default', 'nested')!.status!.containerStatuses![0].state!.terminated!.exitCode).toBe(4);
    expect(copy.snapshot()).toEqual(c.snapshot());
  });
});

describe("a container's script when its pod is deleted", () => {
  const loop = (trap: string, image = 'busybox:1.36') => pod('svc', `  containers:
  - name: app
    image: ${image}
    command: ["sh", "-c", "${trap}echo serving; while true; do sleep 5; done"]
`);
  const deleteAndWait = (c: Cluster): { ms: number; terminated: unknown } => {
    const t0 = c.now;
    let terminated: unknown;
    const off = c.store.watch((e) => {
      const st = e.kind === 'Pod' && e.type !== 'DELETED' ? (e.object as Pod).status?.containerStatuses?.[0]?.state?.terminated : undefined;
      if (st && !terminated) terminated = st;
    });
    kc(c, 'delete pod svc --wait=false');
    c.settle();
    off();
    return { ms: c.now - t0, terminated };
  };

  it('is PID 1 and ignores SIGTERM without a trap: it is killed when the grace period ends, with 137', () => {
    const c = cluster(loop(''));
    const r = deleteAndWait(c);
    expect(r.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(r.ms).toBeGreaterThanOrEqual(30_000);
  });

  it('runs its TERM trap when its sleep is over, and ends then with the status the trap exits with', () => {
    const c = cluster(loop("trap 'echo got TERM; exit 0' TERM; "));
    const r = deleteAndWait(c);
    expect(r.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // At most the 5 s the sleep had left, not the 30 s grace period.
    expect(r.ms).toBeLessThanOrEqual(5_100);
    expect(c.store.get('Pod', 'default', 'svc')).toBeUndefined();
  });

  it('is still killed at the end of the grace period when its trap does not exit, or its sleep outlasts it', () => {
    const keepsGoing = cluster(loop("trap 'echo got TERM' TERM; "));
    expect(deleteAndWait(keepsGoing).terminated).toMatchObject({ exitCode: 137 });
    const c = cluster(pod('svc', `  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep infinity"]
`));
    const r = deleteAndWait(c);
    expect(r.terminated).toMatchObject({ exitCode: 137 });
    expect(r.ms).toBeGreaterThanOrEqual(30_000);
  });

  it('takes SIGTERM at once while it waits for a background sleep: the wait returns 143, the trap runs and ends it', () => {
    const c = cluster(pod('svc', `  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'echo \\"got TERM, wait said $?\\"; kill $child; wait $child; echo \\"child $?\\"; exit 0' TERM; echo up; sleep infinity & child=$!; wait $child"]
`));
    const r = deleteAndWait(c);
    expect(r.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // Only the kubelet's own steps, not a sleep and not the 30 s grace period.
    expect(r.ms).toBeLessThan(2_000);
    expect(kc(c, 'get events --field-selector involvedObject.name=svc').out).toMatch(/Killing/);
  });

  it('goes on after a wait for a background sleep when the sleep is over, and collects a job it killed', () => {
    const c = cluster(pod('jobs', `  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3 & a=$!; sleep 60 & b=$!; wait $a; echo \\"a $?\\"; kill $b; wait $b; echo \\"b $?\\"; wait; echo done"]
`));
    const log = kc(c, 'logs jobs --timestamps').out.split('\n').filter(Boolean);
    expect(log.map((l) => l.slice(l.indexOf(' ') + 1))).toEqual(['a 0', 'Terminated', 'b 143', 'done']);
    const started = Date.parse(c.store.get('Pod', 'default', 'jobs')!.status!.containerStatuses![0].state!.terminated!.startedAt!);
    // The lines came when the 3 s sleep ended (startedAt has whole seconds), all at once.
    const at = log.map((l) => Date.parse(l.slice(0, l.indexOf(' '))));
    expect(new Set(at).size).toBe(1);
    expect(at[0] - started).toBeGreaterThanOrEqual(3_000);
    expect(at[0] - started).toBeLessThan(4_000);
  });

  it('ignores SIGTERM in an nginx image too when its command is a shell script', () => {
    const c = cluster(loop('', 'nginx:alpine'));
    expect(deleteAndWait(c).terminated).toMatchObject({ exitCode: 137 });
  });
});

describe('the trace of init containers', () => {
  it.each([['Always', 'failed'], ['Never', 'failed-never']] as const)('says an init container failed, and what follows, under restartPolicy %s', (policy, rule) => {
    const c = cluster(pod('broken', `  restartPolicy: ${policy}
  initContainers:
  - name: prepare
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 3"]
  containers:
  - name: app
    image: busybox:1.36
`));
    const failed = c.state.trace.find((r) => r.type === 'kubelet.init' && r.rule !== 'running');
    expect([failed?.rule, failed?.detail?.exitCode]).toEqual([rule, 3]);
  });
});
