// `kubectl port-forward` in one terminal and `curl` in the other, as the documentation does it: the pod's port becomes
// a port of the terminal's own machine; each connection is reported; the pod is the one chosen at the start, so once
// it is replaced (a StatefulSet recreates the name) the next connection fails and port-forward exits.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import { containerLog } from '../engine/exec/logs.ts';
import type { KubectlStream, OutputChunk } from '../kubectl/types.ts';
import { Session } from './session.ts';
import { SEED_MANIFEST } from './scenarios.ts';

// Output as the terminal shows it, standard error marked where it starts.
const show = (o: readonly OutputChunk[]): string => o.map((c, i) => (c.stream === 'out' || o[i - 1]?.stream === c.stream ? c.text : `[${c.stream}]${c.text}`)).join('');

function cluster(manifest = SEED_MANIFEST) {
  const c = Cluster.create({ seed: 1 });
  const s = new Session(c, { terminal: true });
  s.exec('kubectl apply -f -', manifest);
  c.settle(600_000);
  const run = (line: string, tty = 1) => { const r = s.useTty(tty).exec(line); return { out: show(r.output), code: r.exitCode, stream: r.stream }; };
  return { c, s, run };
}

const poll = (st: KubectlStream | undefined) => { const p = st!.poll(); return { out: show(p.output), done: p.done, code: p.exitCode }; };

describe('kubectl port-forward and the terminal machine\'s curl', () => {
  it('forwards a local port to the pod; each connection is handled and nginx logs it from 127.0.0.1', () => {
    const { c, run } = cluster();
    const pf = run('kubectl port-forward pod/nginx-web-0 8080:80', 0);
    expect(pf.out).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(pf.stream?.endless).toBe(true);
    run("kubectl exec nginx-web-0 -- sh -c 'echo $(hostname) > /usr/share/nginx/html/index.html'");
    expect(run('curl localhost:8080')).toMatchObject({ out: 'nginx-web-0\n', code: 0 });
    expect(run('curl -s http://127.0.0.1:8080/ | wc -c')).toMatchObject({ out: '12\n', code: 0 });
    expect(poll(pf.stream)).toEqual({ out: 'Handling connection for 8080\nHandling connection for 8080\n', done: false, code: 0 });
    const log = containerLog(c, 'default', 'nginx-web-0', 'nginx', false);
    if (!log.ok) throw new Error('no log');
    const access = log.lines.map((l) => l.text).filter((t) => t.includes('"GET / HTTP/1.1"'));
    expect(access).toHaveLength(2);
    expect(access[0]).toMatch(/^127\.0\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 12 "-" "curl\/8\.14\.1" "-"$/);
  });

  it('says what curl says without a listener, for the cluster\'s names, and for a 404 with -f', () => {
    const { run } = cluster();
    expect(run('curl localhost:8080')).toMatchObject({ out: "[err]curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", code: 7 });
    expect(run('curl -s localhost:8080')).toMatchObject({ out: '', code: 7 });
    // The cluster's DNS names mean nothing outside the cluster.
    expect(run('curl http://nginx-web-0.nginx.default.svc.cluster.local')).toMatchObject({ out: '[err]curl: (6) Could not resolve host: nginx-web-0.nginx.default.svc.cluster.local\n', code: 6 });
    run('kubectl port-forward svc/nginx 8080:80', 0);
    expect(run('curl -sf localhost:8080/nothing.html')).toMatchObject({ out: '', code: 22 });
    expect(run('curl -sSf localhost:8080/nothing.html')).toMatchObject({ out: '[err]curl: (22) The requested URL returned error: 404\n', code: 22 });
    expect(run('curl --bogus localhost:8080').out).toMatch(/^\[err\]\[simulated cluster\] curl --bogus localhost:8080: these options are not modelled/);
  });

  it('loses its connection at once when the pod\'s kubelet goes down; a new one cannot reach that kubelet', () => {
    const { c, run } = cluster();
    const pf = run('kubectl port-forward nginx-web-2 8080:80', 0);
    const node = c.store.get('Pod', 'default', 'nginx-web-2')!.spec!.nodeName!;
    const ip = c.store.get('Node', '', node)!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    expect(poll(pf.stream)).toEqual({ out: '', done: false, code: 0 });
    run(`sim node ${node} down`);
    expect(poll(pf.stream)).toEqual({ out: '[err]error: lost connection to pod\n', done: true, code: 1 });
    // The port is free again; the pod still runs (its containers do, without their kubelet).
    expect(run('curl -s localhost:8080')).toMatchObject({ code: 7 });
    expect(run('kubectl port-forward nginx-web-2 8080:80', 0)).toMatchObject({
      out: `[err]error: error upgrading connection: error dialing backend: dial tcp ${ip}:10250: connect: connection refused\n`, code: 1,
    });
    run(`sim node ${node} up`);
    expect(run('kubectl port-forward nginx-web-2 8080:80', 0).out).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
  });

  it('ends with "lost connection to pod" at the first connection after the pod was replaced', () => {
    const { c, run } = cluster();
    const pf = run('kubectl port-forward nginx-web-1 9000:80', 0);
    run('kubectl delete pod nginx-web-1 --wait=false');
    c.settle(600_000);
    // The StatefulSet made a new nginx-web-1: the same name, another pod. Nothing is said until a connection comes.
    expect(c.store.get('Pod', 'default', 'nginx-web-1')?.status?.phase).toBe('Running');
    expect(poll(pf.stream)).toEqual({ out: '', done: false, code: 0 });
    expect(run('curl localhost:9000')).toMatchObject({ out: '[err]curl: (52) Empty reply from server\n', code: 52 });
    const end = poll(pf.stream);
    expect(end.done).toBe(true);
    expect(end.code).toBe(1);
    expect(end.out).toMatch(new RegExp('^Handling connection for 9000\n\\[err\\]E0101 \\d\\d:\\d\\d:\\d\\d\\.\\d{6}    4172 portforward\\.go:413\\] ' +
      '"Unhandled Error" err="an error occurred forwarding 9000 -> 80: error forwarding port 80 to pod ([0-9a-f]{64}), uid : ' +
      'failed to find sandbox \\\\"\\1\\\\" in store: not found"\nerror: lost connection to pod\n$'));
    // The port is free again.
    expect(run('curl localhost:9000').code).toBe(7);
    expect(run('kubectl port-forward nginx-web-1 9000:80', 0).out).toBe('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n');
  });

  it('fails the connection when nothing listens on the remote port, as containerd reports it', () => {
    const { run } = cluster();
    const pf = run('kubectl port-forward nginx-web-0 5432', 0);
    expect(pf.out).toBe('Forwarding from 127.0.0.1:5432 -> 5432\nForwarding from [::1]:5432 -> 5432\n');
    expect(run('curl -s localhost:5432').code).toBe(52);
    const end = poll(pf.stream);
    expect(end.out).toMatch(/failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\": failed to connect to localhost:5432 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:5432: connect: connection refused IPv6 dial tcp6 \[::1\]:5432: connect: connection refused "\nerror: lost connection to pod\n$/);
    expect(end.done).toBe(true);
  });

  it('refuses a port that is taken, and frees the ports when stopped (Ctrl-C)', () => {
    const { run } = cluster();
    const first = run('kubectl port-forward nginx-web-0 8080:80', 0);
    expect(run('kubectl port-forward nginx-web-1 8080:80')).toMatchObject({
      out: '[err]Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n' +
        'error: unable to listen on any of the requested ports: [{8080 80}]\n',
      code: 1,
    });
    // 0.0.0.0 takes every IPv4 address, 127.0.0.1 included.
    expect(run('kubectl port-forward nginx-web-1 8080:80 --address 0.0.0.0').code).toBe(1);
    // One port of two is enough.
    const two = run('kubectl port-forward nginx-web-1 8080:80 8081:80');
    expect(two.out).toBe('[err]Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n' +
      'Forwarding from 127.0.0.1:8081 -> 80\nForwarding from [::1]:8081 -> 80\n');
    two.stream!.cancel();
    first.stream!.cancel();
    expect(run('curl localhost:8080').code).toBe(7);
    expect(run('kubectl port-forward nginx-web-1 8080:80 --address 0.0.0.0').out).toBe('Forwarding from 0.0.0.0:8080 -> 80\n');
    expect(run('curl -s 127.0.0.1:8080').code).toBe(0);
    // An address this machine does not have.
    expect(run('kubectl port-forward nginx-web-1 8090:80 --address 10.1.2.3').out).toBe('[err]Unable to listen on port 8090: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 10.1.2.3:8090: bind: cannot assign requested address]\n' +
      'error: unable to listen on any of the requested ports: [{8090 80}]\n');
  });

  it('picks a free port for :PORT, and a Service or StatefulSet picks its pod and maps named ports', () => {
    const { run } = cluster();
    expect(run('kubectl port-forward nginx-web-0 :80').out).toMatch(/^Forwarding from 127\.0\.0\.1:(\d+) -> 80\nForwarding from \[::1\]:\1 -> 80\n$/);
    expect(run('kubectl port-forward sts/nginx-web 8081:web').out).toBe('Forwarding from 127.0.0.1:8081 -> 80\nForwarding from [::1]:8081 -> 80\n');
    expect(run('kubectl port-forward svc/nginx web').out).toBe('Forwarding from 127.0.0.1:80 -> 80\nForwarding from [::1]:80 -> 80\n');
    expect(run('kubectl port-forward svc/nginx 8082:http')).toMatchObject({ out: "[err]error: Service 'nginx' does not have a named port 'http'\n", code: 1 });
    expect(run('kubectl port-forward nginx-web-0 8082:http')).toMatchObject({ out: "[err]error: Pod 'nginx-web-0' does not have a named port 'http'\n", code: 1 });
  });

  it('refuses what kubectl refuses, before listening on anything', () => {
    const { c, run } = cluster();
    expect(run('kubectl port-forward nginx-web-0').out).toBe("[err]error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    expect(run('kubectl port-forward nginx-web-7 80').out).toBe('[err]Error from server (NotFound): pods "nginx-web-7" not found\n');
    expect(run('kubectl port-forward nginx-web-0 abc:80').out).toBe('[err]error: error parsing local port \'abc\': strconv.ParseUint: parsing "abc": invalid syntax\n');
    expect(run('kubectl port-forward nginx-web-0 8080:99999').out).toBe('[err]error: error parsing remote port \'99999\': strconv.ParseUint: parsing "99999": value out of range\n');
    expect(run('kubectl port-forward nginx-web-0 8080:0').out).toBe('[err]error: remote port must be > 0\n');
    expect(run('kubectl port-forward nginx-web-0 8080:').out).toBe('[err]error: remote port cannot be empty\n');
    expect(run('kubectl port-forward nginx-web-0 80 --address web').out).toBe('[err]error: web is not a valid IP\n');
    expect(run('kubectl port-forward cm/kube-root-ca.crt 80').out).toBe('[err]error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n');
    // A pod that is not running yet.
    run('kubectl scale sts nginx-web --replicas=4');
    c.advance(200);
    expect(run('kubectl port-forward nginx-web-3 80').out).toBe('[err]error: unable to forward port because pod is not running. Current status=Pending\n');
    expect(run('curl localhost:80').code).toBe(7);
  });

  it('runs in a script too (nothing there connects to it)', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c);
    s.exec('kubectl apply -f -', SEED_MANIFEST);
    c.settle(600_000);
    const r = s.exec('kubectl port-forward nginx-web-2 8080:80');
    expect(show(r.output)).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    // A script's lines are kubectl's and sim's only: this machine's curl is the terminal's.
    expect(s.exec('curl localhost:8080')).toEqual({ output: [], exitCode: 2, malformed: 'unknown command "curl" (a line must start with kubectl or sim)' });
  });
});
