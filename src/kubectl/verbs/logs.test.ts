import { describe, expect, it } from 'vitest';
import { nodeAction, podFault } from '../../engine/faults.ts';
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

  it('cannot reach the log through a kubelet that is down: the API server\'s proxy error, with LogLocation\'s URL', () => {
    const c = execCluster();
    const node = c.store.get('Pod', 'default', 'alpine')!.spec!.nodeName!;
    const ip = c.store.get('Node', '', node)!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    nodeAction(c, node, 'down');
    expect(kc(c, 'logs alpine')).toEqual({ out: '', err: `Error from server: Get "https://${ip}:10250/containerLogs/default/alpine/nginx": dial tcp ${ip}:10250: connect: connection refused\n`, code: 1 });
    // The options go into the URL's query, its keys sorted as url.Values encodes them.
    expect(kc(c, 'logs alpine --timestamps --tail=2 -p --limit-bytes=10').err)
      .toContain(`/containerLogs/default/alpine/nginx?limitBytes=10&previous=true&tailLines=2&timestamps=true": dial tcp`);
    nodeAction(c, node, 'up');
    expect(kc(c, 'logs alpine --tail=1').code).toBe(0);
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
    // A negative duration is a duration (time.ParseDuration signs it); Validate refuses it.
    expect(kc(c, 'logs alpine --since=-1s').err).toBe('error: --since must be greater than 0\n');
    expect(kc(c, 'logs alpine --since=abc').err).toBe('error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\nSee \'kubectl logs --help\' for usage.\n');
  });

  it('stamps lines with --timestamps and names them with --prefix', () => {
    const c = execCluster();
    kc(c, 'exec alpine -- curl -s localhost');
    expect(kc(c, 'logs alpine --tail=1 --timestamps --prefix').out).toMatch(/^\[pod\/alpine\/nginx\] 2026-01-01T\d\d:\d\d:\d\d\.\d{3}000000Z 127\.0\.0\.1 - - /);
  });

  it('says so for a container whose output is not modelled, and picks the first pod of a StatefulSet', () => {
    const c = execCluster();
    // `sleep infinity` is modelled, and writes nothing; `tail -f` is not.
    expect(kc(c, 'logs tools')).toEqual({ out: '', err: '', code: 0 });
    kc(c, 'run loop --image=busybox:1.36 -- sh -c "date; tail -f /dev/null"');
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
    expect(kc(c, 'logs alpine -l app=nginx').err).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
    const n = c.store.list('Pod', 'default').filter((p) => p.metadata!.labels?.app === 'nginx').length;
    expect(kc(c, `logs -l app=nginx -f --max-log-requests=${n - 1}`).err)
      .toBe(`error: you are attempting to follow ${n} log streams, but maximum allowed concurrency is ${n - 1}, use --max-log-requests to increase the limit\n`);
  });
});

// Two official nginx pods (their logs are modelled) under one label, and a Service selecting them.
function frontPods() {
  const c = execCluster();
  kc(c, 'label pod alpine tier=front');
  kc(c, 'run alpine2 --image=nginx:alpine -l tier=front');
  kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    tier: front\n  ports:\n  - port: 80\n' });
  c.settle();
  return c;
}

const TWO = (annotations = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\n${annotations}spec:\n  containers:\n  - name: web\n    image: nginx:alpine\n  - name: box\n    image: busybox:1.36\n    command: ["sleep", "infinity"]\n`;

describe('kubectl logs: errors in the order Complete, Validate and RunLogs give them', () => {
  it('wraps NotFound with the namespace (no longer a server error), after --since-time is parsed', () => {
    const c = execCluster();
    expect(kc(c, 'logs web-5')).toEqual({ out: '', err: 'error: error from server (NotFound): pods "web-5" not found in namespace "default"\n', code: 1 });
    expect(kc(c, 'logs sts/foo').err).toBe('error: error from server (NotFound): statefulsets.apps "foo" not found in namespace "default"\n');
    // A namespace that does not exist is what is missing (Info.Get), and logs wraps that NotFound the same way.
    expect(kc(c, 'logs web-0 -n foo').err).toBe('error: error from server (NotFound): namespaces "foo" not found in namespace "foo"\n');
    expect(kc(c, 'logs nosuch --since-time=bad').err).toBe('error: parsing time "bad" as "2006-01-02T15:04:05Z07:00": cannot parse "bad" as "2006"\n');
  });

  it('refuses a selector beside arguments: one is a usage error, two are the builder\'s', () => {
    const c = execCluster();
    expect(kc(c, 'logs -l app=nginx web-0').err).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
    expect(kc(c, 'logs -l app=nginx web-0 nginx').err).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
    expect(kc(c, 'logs -l app=nginx web-0 nginx --since-time=bad').err).toMatch(/^error: parsing time "bad"/);
  });

  it('validates the container against -c, --all-containers and the pod\'s own containers', () => {
    const c = execCluster();
    expect(kc(c, 'logs web-0 nginx -c nginx').err).toBe('error: only one of -c or an inline [CONTAINER] arg is allowed\n');
    expect(kc(c, 'logs web-0 --all-containers -c nginx')).toEqual({ out: '', err: 'error: --all-containers=true should not be specified with container name nginx\n', code: 1 });
    // The inline container counts as the container name too, and --all-containers is checked first.
    expect(kc(c, 'logs web-0 nginx -c nginx --all-containers').err).toBe('error: --all-containers=true should not be specified with container name nginx\n');
    // Checked by the client before any request (so not a server error).
    expect(kc(c, 'logs web-0 -c foo').err).toBe('error: container foo is not valid for pod web-0\n');
    expect(kc(c, 'logs sts/web -c foo').err).toBe('Found 2 pods, using pod/web-0\nerror: container foo is not valid for pod web-0\n');
  });

  it('says it cannot get the logs from a kind without a selector or a Service without one', () => {
    const c = execCluster();
    expect(kc(c, 'logs svc/kubernetes').err).toBe("error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n");
    expect(kc(c, 'logs node/kind-worker').err).toBe('error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n');
  });
});

describe('kubectl logs: which pods', () => {
  it('prints nothing for a pod not yet on a node, even with -p or -f; a wrong container is still refused', () => {
    const c = execCluster();
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\nspec:\n  nodeSelector:\n    nowhere: "true"\n  containers:\n  - name: app\n    image: nginx:alpine\n' });
    c.settle();
    expect(c.store.get('Pod', 'default', 'stuck')!.spec!.nodeName).toBeUndefined();
    expect(kc(c, 'logs stuck')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(c, 'logs stuck -p')).toEqual({ out: '', err: '', code: 0 });
    const f = runKubectl('logs stuck -f', c);
    expect([f.output, f.stream, f.exitCode]).toEqual([[], undefined, 0]);
    expect(kc(c, 'logs stuck -c nope').err).toBe('error: container nope is not valid for pod stuck\n');
  });

  it('takes the first pod by the logging order of a Deployment, DaemonSet or ReplicaSet', () => {
    const c = execCluster();
    const rs = c.store.list('ReplicaSet', 'kube-system')[0].metadata!.name!;
    const proxies = c.store.list('Pod', 'kube-system').filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-proxy').map((p) => p.metadata!.name!);
    expect(kc(c, 'logs -n kube-system deploy/coredns').err).toMatch(new RegExp(`^Found 2 pods, using pod/${rs}-[a-z0-9]{5}\\n`));
    expect(kc(c, `logs -n kube-system rs/${rs}`).err).toMatch(new RegExp(`^Found 2 pods, using pod/${rs}-[a-z0-9]{5}\\n`));
    const ds = /^Found (\d+) pods, using pod\/(\S+)\n/.exec(kc(c, 'logs -n kube-system ds/kube-proxy').err)!;
    expect([Number(ds[1]), proxies.includes(ds[2])]).toEqual([proxies.length, true]);
    expect(proxies.length).toBeGreaterThan(1);
  });

  it('--all-pods prints every selected pod\'s log, prefixed, in the logging order, without "Found" or "Defaulted"', () => {
    const c = frontPods();
    const each = ['alpine', 'alpine2'].map((p) => kc(c, `logs ${p} --prefix`).out).join('');
    expect(each.split('\n')[0]).toMatch(/^\[pod\/alpine\/nginx\] /);
    expect(kc(c, 'logs svc/front --all-pods')).toEqual({ out: each, err: '', code: 0 });
    expect(kc(c, 'logs svc/front').err).toBe('Found 2 pods, using pod/alpine\n');
    // A selector's pods keep their list order; the default 10 lines of each.
    expect(kc(c, 'logs -l tier=front --all-pods').out.split('\n').filter(Boolean)).toHaveLength(20);
    kc(c, 'apply -f -', { stdin: TWO() });
    c.settle();
    const two = kc(c, 'logs two --all-pods --tail=1');
    expect(two.err).toBe('');
    expect(two.out).toMatch(/^\[pod\/two\/web\] .*start worker process \d+\n$/);
  });
});

describe('kubectl logs: --tail, --max-log-requests and the default container', () => {
  it('shows a selector\'s whole logs with an explicit --tail=-1', () => {
    const c = frontPods();
    const whole = ['alpine', 'alpine2'].map((p) => kc(c, `logs ${p}`).out).join('');
    expect(whole.split('\n').filter(Boolean).length).toBeGreaterThan(20);
    expect(kc(c, 'logs -l tier=front --tail=-1').out).toBe(whole);
  });

  it('limits the requests followed (containers too) after Validate, and never a single one', () => {
    const c = frontPods();
    kc(c, 'apply -f -', { stdin: TWO() });
    c.settle();
    expect(kc(c, 'logs two --all-containers -f --max-log-requests=1').err)
      .toBe('error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n');
    expect(kc(c, 'logs -l tier=front -f --max-log-requests=1 --tail=-2').err).toBe('error: --tail must be greater than or equal to -1\n');
    expect(kc(c, 'logs svc/front --all-pods -f --max-log-requests=1').err).toMatch(/^error: you are attempting to follow 2 log streams/);
    kc(c, 'label pod alpine2 only=me');
    const one = runKubectl('logs -l only=me -f --max-log-requests=0', c);
    expect(one.output.map((o) => o.stream)).toEqual(['out']);
    expect(one.stream).toBeDefined();
  });

  it('warns when the default-container annotation names no container, then defaults to the first', () => {
    const c = execCluster();
    kc(c, 'apply -f -', { stdin: TWO('  annotations:\n    kubectl.kubernetes.io/default-container: nope\n') });
    c.settle();
    expect(kc(c, 'logs two --tail=0').err).toBe('Default container name "nope" not found in pod two\nDefaulted container "web" out of: web, box\n');
    expect(kc(c, 'logs two --tail=0 --all-pods').err).toBe('Default container name "nope" not found in pod two\n');
  });
});
