import { describe, expect, it } from 'vitest';
import { nodeAction } from '../../engine/faults.ts';
import { podFault } from '../../engine/faults.ts';
import { kc } from '../testing.ts';
import { execCluster } from './exec.fixture.ts';

describe('kubectl exec: stable identity', () => {
  it('shows the pod name as hostname and the headless Service in the FQDN and /etc/hosts', () => {
    const c = execCluster();
    expect(kc(c, 'exec web-0 -- hostname')).toEqual({ out: 'web-0\n', err: '', code: 0 });
    expect(kc(c, 'exec web-1 -- hostname -f').out).toBe('web-1.nginx.default.svc.cluster.local\n');
    const ip = c.store.get('Pod', 'default', 'web-0')!.status!.podIP!;
    expect(kc(c, 'exec web-0 -- cat /etc/hosts').out).toBe('# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
      `fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tweb-0.nginx.default.svc.cluster.local\tweb-0\n`);
    expect(kc(c, 'exec tools -- cat /etc/hosts').out).toMatch(/\n10\.244\.\d+\.\d+\ttools\n$/);
    expect(kc(c, 'exec web-0 -- cat /etc/resolv.conf').out).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('resolves <pod>.<service> to the pod from another pod, and stops resolving it while the pod is not ready', () => {
    const c = execCluster();
    kc(c, `exec web-0 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'`);
    expect(kc(c, 'exec web-1 -- curl -s http://web-0.nginx/')).toEqual({ out: 'web-0\n', err: '', code: 0 });
    expect(kc(c, 'exec tools -- wget -qO- web-0.nginx.default.svc.cluster.local').out).toBe('web-0\n');
    expect(podFault(c, 'default', 'web-0', 'unready')).toBeNull();
    c.settle();
    expect(kc(c, 'exec web-1 -- curl http://web-0.nginx/')).toEqual({
      out: '',
      err: '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\ncurl: (6) Could not resolve host: web-0.nginx\ncommand terminated with exit code 6\n',
      code: 6,
    });
    expect(kc(c, 'exec tools -- wget -qO- web-0.nginx')).toEqual({ out: '', err: "wget: bad address 'web-0.nginx'\ncommand terminated with exit code 1\n", code: 1 });
  });

  it('resolves the headless Service name to every ready pod', () => {
    const c = execCluster();
    for (const i of [0, 1]) kc(c, `exec web-${i} -- sh -c 'echo web-${i} > /usr/share/nginx/html/index.html'`);
    const seen = new Set<string>();
    for (let k = 0; k < 20; k++) seen.add(kc(c, 'exec tools -- wget -qO- nginx').out);
    expect([...seen].sort()).toEqual(['web-0\n', 'web-1\n']);
  });
});

describe('kubectl exec: stable storage', () => {
  it('serves 403 from the empty claim, and what was written there survives the pods being replaced', () => {
    const c = execCluster();
    const page = kc(c, 'exec web-0 -- curl -s localhost');
    expect(page.out).toBe('<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n');
    expect(kc(c, `exec web-0 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html; echo scratch > /tmp/note'`).code).toBe(0);
    const oldIp = c.store.get('Pod', 'default', 'web-0')!.status!.podIP;
    expect(kc(c, 'delete pod web-0').code).toBe(0);
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-0')!.status!.podIP).not.toBe(oldIp);
    expect(kc(c, 'exec web-0 -- curl -s http://localhost/').out).toBe('web-0\n');
    expect(kc(c, 'exec web-0 -- ls /usr/share/nginx/html').out).toBe('index.html\n');
    // The container's own files went with the old pod.
    expect(kc(c, 'exec web-0 -- cat /tmp/note')).toEqual({ out: '', err: 'cat: /tmp/note: No such file or directory\ncommand terminated with exit code 1\n', code: 1 });
  });

  it('loses the data with the claim: a new claim gets a new, empty volume', () => {
    const c = execCluster();
    kc(c, `exec web-1 -- sh -c 'echo kept > /usr/share/nginx/html/index.html'`);
    kc(c, 'scale sts web --replicas=1');
    c.settle();
    expect(kc(c, 'exec web-1 -- true').err).toBe('Error from server (NotFound): pods "web-1" not found\n');
    kc(c, 'scale sts web --replicas=2');
    c.settle();
    expect(kc(c, 'exec web-1 -- curl -s localhost/').out).toBe('kept\n');
    kc(c, 'scale sts web --replicas=1');
    c.settle();
    kc(c, 'delete pvc www-web-1');
    c.settle();
    kc(c, 'scale sts web --replicas=2');
    c.settle();
    expect(kc(c, 'exec web-1 -- curl -s localhost/').out).toContain('403 Forbidden');
  });

  it('keeps written files in snapshots', () => {
    const c = execCluster();
    kc(c, `exec tools -- sh -c 'echo saved > /tmp/a'`);
    const copy = (c.constructor as typeof import('../../engine/cluster.ts').Cluster).restore(c.snapshot(), { freeze: true });
    expect(kc(copy, 'exec tools -- cat /tmp/a').out).toBe('saved\n');
  });

  it('serves the image document root where nothing is mounted on it, by pod IP (pod names are not DNS names)', () => {
    const c = execCluster();
    const ip = c.store.get('Pod', 'default', 'alpine')!.status!.podIP!;
    expect(kc(c, `exec tools -- wget -qO- ${ip}`).out).toContain('<title>Welcome to nginx!</title>');
    expect(kc(c, 'exec tools -- wget -qO- alpine').err).toBe("wget: bad address 'alpine'\ncommand terminated with exit code 1\n");
    expect(kc(c, 'exec alpine -- ls /usr/share/nginx/html').out).toBe('50x.html\nindex.html\n');
    expect(kc(c, 'exec alpine -- wget -qO- localhost/missing').err).toBe('wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n');
    expect(kc(c, 'exec alpine -- curl -sf localhost/missing')).toEqual({ out: '', err: 'command terminated with exit code 22\n', code: 22 });
  });
});

describe('kubectl exec: choosing the pod and container', () => {
  it('takes the first active pod of a StatefulSet or Service', () => {
    const c = execCluster();
    expect(kc(c, 'exec sts/web -- hostname').out).toBe('web-0\n');
    expect(kc(c, 'exec svc/nginx -- hostname').out).toBe('web-0\n');
    expect(kc(c, 'exec pvc/www-web-0 -- hostname').err).toBe('error: cannot attach to *v1.PersistentVolumeClaim: selector for *v1.PersistentVolumeClaim not implemented\n');
    expect(kc(c, 'exec svc/kubernetes -- hostname').err).toBe("error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n");
  });

  it('says which container it defaulted to when the pod has several, unless told quiet or annotated', () => {
    const c = execCluster();
    const pod = (annotations = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\n${annotations}spec:\n  containers:\n  - name: web\n    image: nginx:alpine\n  - name: box\n    image: busybox:1.36\n    command: ["sleep", "infinity"]\n`;
    kc(c, 'apply -f -', { stdin: pod() });
    c.settle();
    expect(kc(c, 'exec two -- hostname')).toEqual({ out: 'two\n', err: 'Defaulted container "web" out of: web, box\n', code: 0 });
    expect(kc(c, 'exec -q two -- hostname').err).toBe('');
    expect(kc(c, 'exec two -c box -- curl localhost').err).toMatch(new RegExp('^error: Internal error occurred: error executing command in container: failed to exec in container: ' +
      'failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \\$PATH: unknown\n$'));
    kc(c, 'delete pod two --grace-period=0 --force');
    c.settle();
    kc(c, 'apply -f -', { stdin: pod('  annotations:\n    kubectl.kubernetes.io/default-container: box\n') });
    c.settle();
    expect(kc(c, 'exec two -- wget -qO- localhost')).toMatchObject({ err: '', code: 0 });
  });

  it('cannot dial the kubelet of a node that is down: the API server\'s proxy error, unclassified', () => {
    const c = execCluster();
    const node = c.store.get('Pod', 'default', 'web-0')!.spec!.nodeName!;
    const ip = c.store.get('Node', '', node)!.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    nodeAction(c, node, 'down');
    expect(kc(c, 'exec web-0 -- true')).toEqual({ out: '', err: `Error from server: error dialing backend: dial tcp ${ip}:10250: connect: connection refused\n`, code: 1 });
    expect(kc(c, 'attach web-0').err).toBe(`Error from server: error dialing backend: dial tcp ${ip}:10250: connect: connection refused\n`);
  });

  it('reports the API server and kubelet refusals', () => {
    const c = execCluster();
    // The API server's own check answers the upgrade with a Status (kubectl 1.33 against the crosscheck's server).
    expect(kc(c, 'exec web-0 -c bogus -- true')).toEqual({ out: '', err: 'Error from server (BadRequest): container bogus is not valid for pod web-0\n', code: 1 });
    expect(kc(c, 'exec web-9 -- true').err).toBe('Error from server (NotFound): pods "web-9" not found\n');
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: app\n    image: nginx:no-such-tag\n' });
    c.advance(5_000);
    // The kubelet's plain-text refusal, as the client words it (kubectl 1.33 against the crosscheck's server, and reports
    // from real clusters).
    expect(kc(c, 'exec typo -- true').err).toBe('error: unable to upgrade connection: container not found ("app")\n');
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: done\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox:1.36\n' });
    c.settle();
    expect(kc(c, 'exec done -- true').err).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
  });

  it('checks its arguments as kubectl does', () => {
    const c = execCluster();
    expect(kc(c, 'exec web-0').err).toBe('error: you must specify at least one command for the container\n');
    expect(kc(c, 'exec -- date').err).toBe('error: pod, type/name or --filename must be specified\n');
    // The form without `--` is refused (it was deprecated, then removed, before 1.32), and nothing runs.
    expect(kc(c, 'exec web-0 hostname')).toEqual({
      out: '', err: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", code: 1,
    });
    expect(kc(c, 'exec web-0 --pod-running-timeout=0s -- date').err).toBe("error: --pod-running-timeout must be higher than zero\nSee 'kubectl exec -h' for help and examples\n");
  });
});

describe('kubectl exec: terminals and exit codes', () => {
  it('gets no TTY from a script, and a TTY (no progress meter, one stream) from the terminal', () => {
    const c = execCluster();
    kc(c, `exec web-0 -- sh -c 'echo hi > /usr/share/nginx/html/index.html'`);
    const script = kc(c, 'exec -i -t web-0 -- curl http://localhost/');
    expect(script.out).toBe('hi\n');
    expect(script.err).toMatch(/^Unable to use a TTY - input is not a terminal or the right kind of file\n {2}% Total/);
    expect(kc(c, 'exec -it web-0 -- sh -c "curl localhost; cat /nope"', { terminal: true })).toEqual({
      out: 'hi\ncat: /nope: No such file or directory\n', err: 'command terminated with exit code 1\n', code: 1,
    });
    expect(kc(c, 'exec -it web-0 -- ps', { terminal: true })).toEqual({
      out: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown\r\n',
      err: 'command terminated with exit code 126\n', code: 126,
    });
    expect(kc(c, 'exec -i web-0 -- bash', { terminal: true }).err).toMatch(/^error: a shell reading the terminal without -t is not available in this simulated cluster/);
    expect(kc(c, 'exec -it tools -- bash', { terminal: true })).toEqual({
      out: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n',
      err: 'command terminated with exit code 126\n', code: 126,
    });
  });

  it('runs a script given on standard input with -i', () => {
    const c = execCluster();
    expect(kc(c, 'exec -i tools -- sh', { stdin: 'hostname\necho $HOSTNAME-$((1 + 2 * 3))\n' })).toEqual({ out: 'tools\ntools-7\n', err: '', code: 0 });
    expect(kc(c, 'exec -i tools -- sh', { stdin: 'hostname\nexit 4\necho never\n' })).toEqual({ out: 'tools\n', err: 'command terminated with exit code 4\n', code: 4 });
    expect(kc(c, 'exec tools -- sh', { stdin: 'hostname\n' })).toEqual({ out: '', err: '', code: 0 });
  });

  it('gives the same exec ids for the same seed and inputs', () => {
    const a = execCluster(), b = execCluster();
    expect(kc(a, 'exec web-0 -- ps').err).toBe(kc(b, 'exec web-0 -- ps').err);
  });
});
