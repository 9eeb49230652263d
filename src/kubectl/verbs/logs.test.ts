import { describe, expect, it } from 'vitest';
import { podFault } from '../../engine/faults.ts';
import { runKubectl } from '../index.ts';
import { kc } from '../testing.ts';
import { execCluster } from './exec.fixture.ts';

describe('kubectl logs', () => {
  it('prints the official nginx image\'s start-up lines, then each request it served (errors first)', () => {
    const c = execCluster();
    const start = kc(c, 'logs alpine').out.split('\n');
    expect(start[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(start).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(start.filter((l) => / \[notice\] 1#1: start worker process \d+$/.test(l))).toHaveLength(2); // one per CPU of the node
    expect(start).toContainEqual(expect.stringMatching(/ \[notice\] 1#1: built by gcc 14\.2\.0 \(Alpine 14\.2\.0\) $/));
    const ip = c.store.get('Pod', 'default', 'tools')!.status!.podIP!;
    const alpineIp = c.store.get('Pod', 'default', 'alpine')!.status!.podIP!;
    kc(c, `exec tools -- wget -qO- ${alpineIp}/nope`);
    kc(c, 'exec alpine -- curl -s localhost');
    const tail = kc(c, 'logs alpine --tail=3').out.split('\n');
    expect(tail[0]).toMatch(new RegExp(`^2026/01/01 \\d\\d:\\d\\d:\\d\\d \\[error\\] 29#29: \\*1 open\\(\\) "/usr/share/nginx/html/nope" failed \\(2: No such file or directory\\), client: ${ip.replace(/\./g, '\\.')}, server: localhost, request: "GET /nope HTTP/1.1", host: "${alpineIp.replace(/\./g, '\\.')}"$`));
    expect(tail[1]).toMatch(new RegExp(`^${ip.replace(/\./g, '\\.')} - - \\[01/Jan/2026:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "GET /nope HTTP/1\\.1" 404 153 "-" "Wget" "-"$`));
    expect(tail[2]).toMatch(/^127\.0\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.14\.1" "-"$/);
  });

  it('--since and --since-time keep the newer lines, --limit-bytes cuts the log short; bad values as logs.go says', () => {
    const c = execCluster();
    kc(c, 'exec alpine -- curl -s localhost/one');
    c.advance(120_000);
    kc(c, 'exec alpine -- curl -s localhost/two');
    const all = kc(c, 'logs alpine').out;
    expect(all).toContain('GET /one ');
    const recent = kc(c, 'logs alpine --since=1m').out;
    expect(recent.split('\n').filter(Boolean).every((l) => !l.includes('/one'))).toBe(true);
    expect(recent).toContain('GET /two ');
    const stamp = new Date(c.wallNow() - 30_000).toISOString().replace('.000Z', 'Z');
    expect(kc(c, `logs alpine --since-time=${stamp}`).out).toBe(recent);
    // An offset names the same instant.
    expect(kc(c, `logs alpine --since-time=${stamp.replace('T00:', 'T08:').replace('Z', '+08:00')}`).out).toBe(recent);
    expect(kc(c, 'logs alpine --limit-bytes=25').out).toBe(all.slice(0, 25));
    expect(kc(c, 'logs alpine --since=1h --since-time=2026-01-01T00:00:00Z').err).toBe('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
    expect(kc(c, 'logs alpine --since-time=yesterday').err).toBe('error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"\n');
    expect(kc(c, 'logs alpine --limit-bytes=-1').err).toBe('error: --limit-bytes must be greater than 0\n');
    expect(kc(c, 'logs alpine --tail=-2').err).toBe('error: --tail must be greater than or equal to -1\n');
    expect(kc(c, 'logs alpine --since=abc').err).toBe('error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\nSee \'kubectl logs --help\' for usage.\n');
  });

  it('stamps lines with --timestamps and names them with --prefix', () => {
    const c = execCluster();
    kc(c, 'exec alpine -- curl -s localhost');
    expect(kc(c, 'logs alpine --tail=1 --timestamps --prefix').out).toMatch(/^\[pod\/alpine\/nginx\] 2026-01-01T\d\d:\d\d:\d\d\.\d{3}000000Z 127\.0\.0\.1 - - /);
  });

  it('says so for a container whose output is not modelled, and picks the first pod of a StatefulSet', () => {
    const c = execCluster();
    // `sleep infinity` is modelled, and writes nothing; a `while` loop is not.
    expect(kc(c, 'logs tools')).toEqual({ out: '', err: '', code: 0 });
    kc(c, 'run loop --image=busybox:1.36 -- sh -c "while true; do date; sleep 5; done"');
    c.settle();
    expect(kc(c, 'logs loop')).toEqual({ out: '', err: '[simulated cluster] what container "loop" writes is not modelled (only the nginx images\' logs and commands the simulator runs are)\n', code: 0 });
    expect(kc(c, 'logs sts/web').err).toMatch(/^Found 2 pods, using pod\/web-0\n/);
  });

  it('prints every container\'s log with --all-containers, and defaults to the first container saying so', () => {
    const c = execCluster();
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: web\n    image: nginx:alpine\n  - name: box\n    image: busybox:1.36\n    command: ["sleep", "infinity"]\n' });
    c.settle();
    const one = kc(c, 'logs two --tail=1');
    expect(one.err).toBe('Defaulted container "web" out of: web, box\n');
    expect(one.out).toMatch(/start worker process \d+\n$/);
    const all = kc(c, 'logs two --all-containers --prefix');
    expect(all.err).toBe('');
    expect(all.out.split('\n').filter(Boolean).every((l) => l.startsWith('[pod/two/web] '))).toBe(true);
    expect(all.out).toContain('[pod/two/web] /docker-entrypoint.sh: Configuration complete; ready for start up\n');
  });

  it('shows the instance before the last restart with --previous, and reports one that does not exist', () => {
    const c = execCluster();
    expect(kc(c, 'logs alpine -p').err).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "alpine" not found\n');
    kc(c, 'exec alpine -- curl -s localhost');
    expect(podFault(c, 'default', 'alpine', 'crash')).toBeNull();
    c.settle();
    const previous = kc(c, 'logs alpine --previous').out;
    expect(previous).toMatch(/"GET \/ HTTP\/1\.1" 200 615/);
    expect(kc(c, 'logs alpine').out).not.toMatch(/"GET \//);
  });

  it('reports containers that have not started, with the API server\'s texts', () => {
    const c = execCluster();
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: app\n    image: nginx:no-such-tag\n' });
    c.advance(5_000);
    expect(kc(c, 'logs typo').err).toBe('Error from server (BadRequest): container "app" in pod "typo" is waiting to start: trying and failing to pull image\n');
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fresh\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' });
    c.advance(1_000);
    expect(kc(c, 'logs fresh').err).toBe('Error from server (BadRequest): container "app" in pod "fresh" is waiting to start: ContainerCreating\n');
    expect(kc(c, 'logs').err).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    expect(kc(c, 'logs web-0 -c bogus').err).toBe('Error from server (BadRequest): container bogus is not valid for pod web-0\n');
  });

  it('-f keeps printing what is logged until the container stops', () => {
    const c = execCluster();
    const r = runKubectl('logs -f alpine --tail=0', c);
    expect(r.output).toEqual([]);
    kc(c, 'exec alpine -- curl -s localhost/index.html');
    const next = r.stream!.poll();
    expect(next.done).toBe(false);
    expect(next.output.map((o) => o.text).join('')).toMatch(/"GET \/index\.html HTTP\/1\.1" 200 615/);
    kc(c, 'delete pod alpine');
    c.settle();
    expect(r.stream!.poll().done).toBe(true);
  });
});

describe('kubectl logs -l', () => {
  it('prints the last 10 lines of each pod the selector picks, by name, unless --tail says otherwise', () => {
    const c = execCluster();
    // Two official nginx pods (their logs are modelled) under one label.
    kc(c, 'label pod alpine tier=front');
    kc(c, 'run alpine2 --image=nginx:alpine -l tier=front');
    c.settle();
    const each = ['alpine', 'alpine2'].map((p) => kc(c, `logs ${p} --tail=10`).out).join('');
    expect(each.split('\n').filter(Boolean)).toHaveLength(20);
    expect(kc(c, 'logs -l tier=front').out).toBe(each);
    const one = kc(c, 'logs -l tier=front --tail=1 --prefix').out.split('\n').filter(Boolean);
    expect(one.map((l) => l.replace(/\] .*/, ']'))).toEqual(['[pod/alpine/nginx]', '[pod/alpine2/alpine2]']);
  });

  it('says when nothing matches, and refuses a POD beside it or too many streams to follow', () => {
    const c = execCluster();
    expect(kc(c, 'logs -l app=none')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(kc(c, 'logs alpine -l app=nginx').err).toBe('error: only a selector (-l) or a POD name is allowed\n');
    const n = c.store.list('Pod', 'default').filter((p) => p.metadata!.labels?.app === 'nginx').length;
    expect(kc(c, `logs -l app=nginx -f --max-log-requests=${n - 1}`).err)
      .toBe(`error: you are attempting to follow ${n} log streams, but maximum allowed concurrency is ${n - 1}, use --max-log-requests to increase the limit\n`);
  });
});
