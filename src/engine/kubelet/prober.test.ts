// The kubelet's prober: readiness, liveness and startup probes against what the simulation models (nginx's files,
// listening ports, the container's shell), their thresholds and timing, the events, the restarts, and how they hold
// an OrderedReady StatefulSet. Texts checked against pkg/kubelet/prober and pkg/probe.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import { eventLines } from './fixtures.ts';
import { kubeletState } from './runtime.ts';
import { applyPodFault } from './faults.ts';
import type { Pod } from '../api/types.ts';
import { HEADLESS_SERVICE, webStatefulSet } from '../../scenario/test-manifests.ts';

const cluster = (): Cluster => Cluster.create({ seed: 7, freeze: true });

/** A pod manifest with one container and the given container fields (YAML lines, indented for the container). */
function podYaml(name: string, image: string, containerFields: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  ${extra}containers:
  - name: app
    image: ${image}
    ports:
    - containerPort: 80
      name: web
${containerFields}`;
}

function create(c: Cluster, yaml: string): string {
  const r = kc(c, 'apply -f -', { stdin: yaml });
  expect(r.err).toBe('');
  return r.out;
}

/** The ready flags the pod's container status goes through, as written. */
function watchReady(c: Cluster, name: string): boolean[] {
  const seen: boolean[] = [];
  c.store.watch((e) => {
    const ready = (e.object as Pod).status?.containerStatuses?.[0]?.ready;
    if (e.kind === 'Pod' && e.object.metadata?.name === name && ready !== undefined && ready !== seen[seen.length - 1]) seen.push(ready);
  });
  return seen;
}

const pod = (c: Cluster, name: string): Pod => c.store.get('Pod', 'default', name)!;
const status = (c: Cluster, name: string) => pod(c, name).status!.containerStatuses![0]!;
const unhealthy = (c: Cluster, name: string): string[] =>
  eventLines(c, name).filter((l) => / (Unhealthy|Killing) /.test(l)).map((l) => l.replace(/^\+\d+s /, ''));

// The StatefulSet `web` with a readiness probe on `/`: each pod's claim starts empty, so nginx answers 403.
const PROBED_SET = `${HEADLESS_SERVICE}---\n${webStatefulSet(2, true, `
        readinessProbe:
          httpGet: {path: /, port: 80}`)}`;

describe('readiness probes', () => {
  it('hold an OrderedReady StatefulSet at a pod whose nginx answers 403 from its empty claim, until the page exists', () => {
    const c = cluster();
    create(c, PROBED_SET);
    expect(c.settle().settled).toBe(true);
    c.advance(60_000);
    expect(kc(c, 'get pods --no-headers').out).toMatch(/^web-0\s+0\/1\s+Running\s+0\s+\S+\n$/);
    expect(pod(c, 'web-0').status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    const e = c.store.list('Event', 'default').find((x) => x.involvedObject.name === 'web-0' && x.reason === 'Unhealthy')!;
    expect(e.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 403');
    expect(e.involvedObject.fieldPath).toBe('spec.containers{nginx}');
    // Every period probes again: two at the start (the start's run and the sync its first result causes), then one each 10 s.
    expect(e.count).toBeGreaterThanOrEqual(7);
    // The kubelet's requests reach nginx from the node's address on the pod network.
    const logs = kc(c, 'logs web-0 --tail=1').out;
    expect(logs).toMatch(/^10\.244\.\d+\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 403 153 "-" "kube-probe\/1\.35" "-"\n$/);

    // The why, once the failures reach failureThreshold.
    const said = () => c.state.trace.filter((r) => r.type === 'kubelet.probe' && r.object?.name === 'web-0').map((r) => [r.rule, r.detail?.output, r.detail?.times]);
    expect(said()).toEqual([['readiness-failed', 'HTTP probe failed with statuscode: 403', 3]]);

    kc(c, ['exec', 'web-0', '--', 'sh', '-c', 'echo hello > /usr/share/nginx/html/index.html']);
    expect(c.settle().settled).toBe(true);
    expect(status(c, 'web-0').ready).toBe(true);
    expect(said()[1]).toEqual(['readiness-succeeded', '', 1]);
    // web-1 has a claim of its own, still empty: created once web-0 is Ready, and not Ready itself.
    expect(pod(c, 'web-1').status!.containerStatuses![0]!.ready).toBe(false);
    expect(c.store.get('StatefulSet', 'default', 'web')!.status!.readyReplicas).toBe(1);
  });

  it('needs successThreshold successes in a row, and failureThreshold failures to become unready again', () => {
    const c = cluster();
    create(c, podYaml('p', 'nginx:alpine', `    readinessProbe:
      httpGet: {path: /, port: 80}
      successThreshold: 2
      failureThreshold: 2
      periodSeconds: 5
`));
    // The start's run succeeds once; its first result (the initial failure) causes a sync, whose run is the second.
    const seen = watchReady(c, 'p');
    c.advance(10_000);
    expect(seen).toEqual([false, true]);
    kc(c, ['exec', 'p', '--', 'rm', '/usr/share/nginx/html/index.html']);
    c.advance(5_000);
    expect(status(c, 'p').ready).toBe(true);
    c.advance(5_000);
    expect(status(c, 'p').ready).toBe(false);
    // Without index.html, nginx refuses to list the directory.
    expect(unhealthy(c, 'p')).toEqual(['Warning Unhealthy [kubelet]: Readiness probe failed: HTTP probe failed with statuscode: 403']);
  });

  it('words a refused connection as the Go client and net.Dial do', () => {
    const c = cluster();
    create(c, podYaml('h', 'nginx:alpine', `    readinessProbe:
      httpGet: {path: /healthz, port: 8080}
`));
    create(c, podYaml('t', 'nginx:alpine', `    readinessProbe:
      tcpSocket: {port: 5432}
`));
    create(c, podYaml('ok', 'nginx:alpine', `    readinessProbe:
      tcpSocket: {port: web}
`));
    c.advance(30_000);
    const ip = (n: string) => pod(c, n).status!.podIP!;
    expect(unhealthy(c, 'h')[0]).toBe(`Warning Unhealthy [kubelet]: Readiness probe failed: Get "http://${ip('h')}:8080/healthz": dial tcp ${ip('h')}:8080: connect: connection refused`);
    expect(unhealthy(c, 't')[0]).toBe(`Warning Unhealthy [kubelet]: Readiness probe failed: dial tcp ${ip('t')}:5432: connect: connection refused`);
    expect(unhealthy(c, 'ok')).toEqual([]);
    expect(status(c, 'ok').ready).toBe(true);
  });

  it('settles while a probe keeps failing, and goes on probing as time passes', () => {
    const c = cluster();
    create(c, podYaml('t', 'nginx:alpine', `    readinessProbe:
      tcpSocket: {port: 5432}
`));
    const settled = c.settle();
    expect(settled.settled).toBe(true);
    // Settled after the start's two runs, a few seconds in (the workers' voided ticks are not waited for).
    expect(settled.now).toBeLessThan(6_000);
    const count = () => c.store.list('Event', 'default').find((x) => x.involvedObject.name === 't' && x.reason === 'Unhealthy')!.count!;
    const before = count();
    c.advance(60_000);
    expect(count()).toBe(before + 6);
  });

  it('reports a probe program the image lacks as the runtime error, and never makes the pod ready', () => {
    const c = cluster();
    create(c, podYaml('x', 'nginx:alpine', `    readinessProbe:
      exec:
        command: ["pg_isready"]
`));
    expect(c.settle().settled).toBe(true);
    c.advance(30_000);
    expect(status(c, 'x').ready).toBe(false);
    expect(unhealthy(c, 'x')[0]).toMatch(
      /^Warning Unhealthy \[kubelet\]: Readiness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "pg_isready": executable file not found in \$PATH: unknown$/,
    );
  });

  it('fails a command that outlasts timeoutSeconds with the runtime\'s timeout text, and passes it given the time', () => {
    const c = cluster();
    const probe = (timeout: string): string => `    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["sh", "-c", "sleep 2; true"]
${timeout}      periodSeconds: 5
`;
    create(c, podYaml('slow', 'busybox', probe('')));
    create(c, podYaml('patient', 'busybox', probe('      timeoutSeconds: 3\n')));
    c.advance(30_000);
    expect(status(c, 'slow').ready).toBe(false);
    expect(unhealthy(c, 'slow')[0]).toBe('Warning Unhealthy [kubelet]: Readiness probe failed: command timed out: "sh -c sleep 2; true" timed out after 1s');
    expect(status(c, 'patient').ready).toBe(true);
    expect(unhealthy(c, 'patient')).toEqual([]);
  });

  it('times a probe\'s loops by their sleeps, as the shell runs them: a loop that only counts passes, one that waits times out', () => {
    const c = cluster();
    const looping = (script: string): string => `    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["sh", "-c", "${script}"]
      timeoutSeconds: 2
      periodSeconds: 5
`;
    create(c, podYaml('counts', 'busybox', looping('i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; [ $i = 3 ]')));
    create(c, podYaml('waits', 'busybox', looping('until [ -f /tmp/ready ]; do sleep 1; done')));
    c.advance(30_000);
    expect(status(c, 'counts').ready).toBe(true);
    expect(status(c, 'waits').ready).toBe(false);
    expect(unhealthy(c, 'waits')[0]).toBe('Warning Unhealthy [kubelet]: Readiness probe failed: command timed out: "sh -c until [ -f /tmp/ready ]; do sleep 1; done" timed out after 2s');
    kc(c, 'exec waits -- touch /tmp/ready');
    c.advance(10_000);
    expect(status(c, 'waits').ready).toBe(true);
  });

  it('fails with the fault unready and comes back with the fault ready', () => {
    const c = cluster();
    create(c, podYaml('p', 'nginx:alpine', `    readinessProbe:
      httpGet: {path: /, port: 80}
`));
    c.advance(10_000);
    expect(status(c, 'p').ready).toBe(true);
    const rt = kubeletState(c).pods[pod(c, 'p').metadata!.uid!]!;
    applyPodFault(c, rt, 'unready');
    expect(status(c, 'p').ready).toBe(false);
    c.advance(20_000);
    expect(unhealthy(c, 'p').every((l) => l.endsWith('Readiness probe failed: HTTP probe failed with statuscode: 503'))).toBe(true);
    applyPodFault(c, rt, 'ready');
    expect(status(c, 'p').ready).toBe(true);
    c.advance(20_000);
    expect(status(c, 'p').ready).toBe(true);
  });
});

describe('liveness probes', () => {
  it('restart a container whose probe keeps failing, with the kubelet Killing event and a new container', () => {
    const c = cluster();
    create(c, podYaml('live', 'busybox', `    command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      periodSeconds: 5
`));
    c.advance(20_000);
    expect(status(c, 'live').restartCount).toBe(0);
    expect(unhealthy(c, 'live')).toEqual([]);
    kc(c, ['exec', 'live', '--', 'rm', '/tmp/healthy']);
    c.advance(50_000);
    expect(unhealthy(c, 'live')).toEqual([
      "Warning Unhealthy [kubelet]: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      'Normal Killing [kubelet]: Container app failed liveness probe, will be restarted',
    ]);
    const cs = status(c, 'live');
    expect(cs.restartCount).toBe(1);
    expect(cs.state?.running).toBeDefined();
    // busybox's sh ignores SIGTERM: the kubelet kills it after the grace period.
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    // The new container runs its command again: /tmp/healthy is back, the probe passes.
    c.advance(60_000);
    expect(status(c, 'live').restartCount).toBe(1);
  });

  it('says the container is not restarted under restartPolicy Never, and the pod ends', () => {
    const c = cluster();
    create(c, podYaml('once', 'nginx:alpine', `    livenessProbe:
      httpGet: {path: /missing, port: 80}
      periodSeconds: 2
      failureThreshold: 1
`, 'restartPolicy: Never\n  '));
    c.advance(20_000);
    expect(unhealthy(c, 'once')).toContain('Normal Killing [kubelet]: Container app failed liveness probe');
    // nginx exits 0 on SIGTERM: the only container completed, so the pod Succeeded.
    expect(pod(c, 'once').status!.phase).toBe('Succeeded');
  });
});

describe('startup probes', () => {
  it('hold the other probes until they pass, and mark the container started', () => {
    const c = cluster();
    create(c, podYaml('s', 'nginx:alpine', `    startupProbe:
      httpGet: {path: /ready.html, port: 80}
      periodSeconds: 5
      failureThreshold: 30
    readinessProbe:
      httpGet: {path: /missing, port: 80}
`));
    c.advance(12_000);
    expect(status(c, 's').started).toBe(false);
    expect(status(c, 's').ready).toBe(false);
    // Only the startup probe has run.
    expect(unhealthy(c, 's').every((l) => l.includes('Startup probe failed: HTTP probe failed with statuscode: 404'))).toBe(true);
    kc(c, ['exec', 's', '--', 'sh', '-c', 'echo ok > /usr/share/nginx/html/ready.html']);
    c.advance(10_000);
    expect(status(c, 's').started).toBe(true);
    expect(unhealthy(c, 's').some((l) => l.includes('Readiness probe failed'))).toBe(true);
  });

  it('kill a container that does not start in failureThreshold periods', () => {
    const c = cluster();
    create(c, podYaml('slow', 'nginx:alpine', `    startupProbe:
      tcpSocket: {port: 9000}
      periodSeconds: 3
      failureThreshold: 2
`));
    c.advance(20_000);
    expect(unhealthy(c, 'slow')).toContain('Normal Killing [kubelet]: Container app failed startup probe, will be restarted');
    expect(status(c, 'slow').restartCount).toBeGreaterThanOrEqual(1);
  });
});

describe('probes', () => {
  it('give the same story after a snapshot is restored', () => {
    const c = cluster();
    create(c, PROBED_SET);
    c.advance(7_000);
    const copy = Cluster.restore(c.snapshot(), { freeze: true });
    for (const x of [c, copy]) { kc(x, ['exec', 'web-0', '--', 'sh', '-c', 'echo hi > /usr/share/nginx/html/index.html']); x.advance(40_000); }
    expect(copy.snapshot()).toEqual(c.snapshot());
  });

  it('are refused with the API server texts when malformed', () => {
    const c = cluster();
    const bad = (fields: string, extra = '') => kc(c, 'apply -f -', { stdin: podYaml('bad', 'nginx:alpine', fields, extra) }).err;
    expect(bad('    readinessProbe:\n      periodSeconds: 5\n')).toBe(
      'The Pod "bad" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type\n');
    expect(bad('    livenessProbe:\n      tcpSocket: {port: 80}\n      exec: {command: [true]}\n      successThreshold: 2\n')).toBe(
      'The Pod "bad" is invalid: \n* spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type\n' +
      '* spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1\n');
    expect(bad('    readinessProbe:\n      httpGet: {port: "80"}\n      periodSeconds: -1\n      terminationGracePeriodSeconds: 5\n')).toBe(
      'The Pod "bad" is invalid: \n* spec.containers[0].readinessProbe.httpGet.port: Invalid value: "80": must contain at least one letter (a-z)\n' +
      '* spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0\n' +
      '* spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes\n');
    expect(bad('', 'initContainers:\n  - name: init\n    image: busybox\n    readinessProbe:\n      exec: {command: [true]}\n  ')).toBe(
      'The Pod "bad" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always\n');
    expect(c.store.get('Pod', 'default', 'bad')).toBeUndefined();
  });
});
