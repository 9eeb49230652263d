import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster.ts';
import { driveStream } from '../../scenario/runner.ts';
import { runKubectl } from '../index.ts';
import type { KubectlIO, OutputChunk } from '../types.ts';
import { kc } from '../testing.ts';
import { execCluster } from './exec.fixture.ts';

/** Runs kubectl to its end, driving the cluster while it waits (as the scenario runner does). */
function kcRun(c: Cluster, args: string, io: KubectlIO = {}): { out: string; err: string; code: number; all: string } {
  const r = runKubectl(args, c, io);
  const chunks: OutputChunk[] = [...r.output];
  const code = r.stream ? driveStream(c, r.stream, (ch) => chunks.push(ch)) : r.exitCode;
  const text = (s: OutputChunk['stream']) => chunks.filter((o) => o.stream === s).map((o) => o.text).join('');
  return { out: text('out'), err: text('err'), code, all: chunks.map((o) => o.text).join('') };
}

const ATTACH_NOTICE = 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";

describe('kubectl run', () => {
  it('prints the generated Pod on a client dry run, as kubectl 1.35 does (no creationTimestamp), and creates nothing', () => {
    const c = execCluster();
    const before = c.store.count('Pod');
    expect(kc(c, 'run nginx --image=nginx --dry-run=client -o yaml')).toEqual({
      out: 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx\n' +
        '    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
      err: '', code: 0,
    });
    expect(kc(c, 'run box --image=busybox --dry-run=client').out).toBe('pod/box created (dry run)\n');
    expect(c.store.count('Pod')).toBe(before);
  });

  it('creates the pod: run=NAME, args after --, or the command with --command, env, port and labels', () => {
    const c = execCluster();
    expect(kc(c, 'run a --image=busybox:1.36 -- sleep 3600')).toEqual({ out: 'pod/a created\n', err: '', code: 0 });
    const a = c.store.get('Pod', 'default', 'a')!;
    expect(a.metadata!.labels).toEqual({ run: 'a' });
    expect(a.spec!.containers![0]).toMatchObject({ name: 'a', image: 'busybox:1.36', args: ['sleep', '3600'] });
    expect(a.spec!.restartPolicy).toBe('Always');
    kc(c, 'run b --image=busybox:1.36 --command --env=GREETING=hi --port=8080 -l app=demo,tier=web --restart=Never -- sleep 10');
    const b = c.store.get('Pod', 'default', 'b')!;
    expect(b.metadata!.labels).toEqual({ app: 'demo', tier: 'web' });
    expect(b.spec!.containers![0]).toMatchObject({ command: ['sleep', '10'], env: [{ name: 'GREETING', value: 'hi' }], ports: [{ containerPort: 8080 }] });
    expect(b.spec!.restartPolicy).toBe('Never');
  });

  it('--expose makes a ClusterIP Service for the pod, printed before it; the Service\'s error comes after the pod', () => {
    const c = execCluster();
    expect(kc(c, 'run rx --image=nginx:alpine --port=80 --expose')).toEqual({ out: 'service/rx created\npod/rx created\n', err: '', code: 0 });
    const svc = c.store.get('Service', 'default', 'rx')!;
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', selector: { run: 'rx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect(svc.metadata!.labels).toBeUndefined();
    // -l labels the pod and the Service, and selects by them.
    kc(c, 'run rx2 --image=nginx:alpine --port=80 --expose -l app=x,tier=y');
    expect(c.store.get('Service', 'default', 'rx2')!.spec!.selector).toEqual({ app: 'x', tier: 'y' });
    expect(c.store.get('Service', 'default', 'rx2')!.metadata!.labels).toEqual({ app: 'x', tier: 'y' });
    // A client dry run prints both, the Service first; between them run's own --- and the YAML printer's (kubectl 1.33 too).
    expect(kc(c, 'run rx3 --image=nginx:alpine --port=8080 --expose --dry-run=client -o yaml').out)
      .toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n  name: rx3\nspec:\n  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    run: rx3\nstatus:\n  loadBalancer: \{\}\n---\n---\napiVersion: v1\nkind: Pod\n/);
    expect(c.store.get('Pod', 'default', 'rx3')).toBeUndefined();
    // The pod is made, the Service refused: the pod is printed, then the error.
    kc(c, 'create svc clusterip rx5 --tcp=80');
    expect(kc(c, 'run rx5 --image=nginx:alpine --port=80 --expose')).toEqual({ out: 'pod/rx5 created\n', err: 'Error from server (AlreadyExists): services "rx5" already exists\n', code: 1 });
    expect(kc(c, 'run rx6 --image=nginx:alpine --expose')).toEqual({ out: '', err: "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n", code: 1 });
  });

  it('--overrides patches the generated Pod (merge, strategic or json) and decodes it as kubectl does', () => {
    const c = execCluster();
    expect(kc(c, `run o1 --image=nginx:alpine --overrides='{"spec":{"nodeName":"kind-worker2","foo":1}}'`).out).toBe('pod/o1 created\n');
    // The unknown field is dropped without a word by kubectl's own decoding.
    expect(c.store.get('Pod', 'default', 'o1')!.spec!.nodeName).toBe('kind-worker2');
    // A merge patch replaces the container list; the typed container gets its resources back.
    const merged = kc(c, `run o2 --image=nginx:alpine --overrides='{"spec":{"containers":[{"name":"o2","image":"busybox:1.36"}]}}' --dry-run=client -o json`);
    expect(JSON.parse(merged.out).spec.containers).toEqual([{ image: 'busybox:1.36', name: 'o2', resources: {} }]);
    // A strategic merge patch merges the container by name.
    const strategic = kc(c, `run o3 --image=nginx:alpine --override-type=strategic --overrides='{"spec":{"containers":[{"name":"o3","env":[{"name":"A","value":"1"}]}]}}' --dry-run=client -o json`);
    expect(JSON.parse(strategic.out).spec.containers).toEqual([{ env: [{ name: 'A', value: '1' }], image: 'nginx:alpine', name: 'o3', resources: {} }]);
    const json = kc(c, `run o4 --image=nginx:alpine --override-type=json --overrides='[{"op":"add","path":"/spec/hostname","value":"h"}]' --dry-run=client -o jsonpath={.spec.hostname}`);
    expect(json.out).toBe('h');
    const before = c.store.count('Pod');
    for (const [flags, err] of [
      [`--overrides='{"spec":{"containers":"x"}}'`, 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
      ["--overrides='not json'", 'Invalid JSON Patch'],
      ["--overrides='not json' --override-type=strategic", 'invalid JSON document'],
      ["--overrides='not json' --override-type=json", "invalid character 'o' in literal null (expecting 'u')"],
      ["--overrides='{}' --override-type=bogus", 'invalid override type: bogus'],
      [`--overrides='{"apiVersion":"v2"}'`, 'no kind "Pod" is registered for version "v2" in scheme "pkg/scheme/scheme.go:28"'],
      ["--overrides='[1]'", 'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'],
      [`--override-type=json --overrides='[{"op":"remove","path":"/spec/nosuch"}]'`, "error in remove for path: '/spec/nosuch': Unable to remove nonexistent key: nosuch: missing value"],
    ]) {
      expect(kc(c, `run bad --image=nginx:alpine ${flags}`), flags).toEqual({ out: '', err: `error: ${err}\n`, code: 1 });
    }
    expect(c.store.count('Pod')).toBe(before);
  });

  it('refuses bad input with kubectl\'s texts and creates nothing', () => {
    const c = execCluster();
    const before = c.store.count('Pod');
    expect(kc(c, 'run x').err).toBe('error: required flag(s) "image" not set\n');
    expect(kc(c, 'run --image=nginx').err).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    expect(kc(c, 'run x --image=').err).toBe('error: --image is required\n');
    expect(kc(c, 'run x --image=Nginx').err).toBe('error: Invalid image name "Nginx": invalid reference format\n');
    expect(kc(c, 'run x --image=nginx -t').err).toMatch(/^error: -i\/--stdin is required for containers with -t\/--tty=true\n/);
    expect(kc(c, 'run x --image=nginx --rm').err).toMatch(/^error: --rm should only be used for attached containers\n/);
    expect(kc(c, 'run x --image=nginx --restart=Sometimes').err).toMatch(/^error: invalid restart policy: Sometimes\n/);
    expect(kc(c, 'run x --image=nginx -i --dry-run=client').err).toMatch(/^error: --dry-run=\[server\|client\] can't be used with attached containers options/);
    expect(kc(c, 'run x --image=nginx --image-pull-policy=Sometimes').err).toMatch(/^error: invalid image pull policy: Sometimes\n/);
    expect(kc(c, 'run x --image=nginx --env=1X=a').err).toBe('error: invalid env: 1X=a\n');
    expect(kc(c, 'run x --image=nginx -l novalue').err).toBe('error: unexpected label spec: novalue\n');
    expect(kc(c, 'run web-0 --image=nginx').err).toBe('Error from server (AlreadyExists): pods "web-0" already exists\n');
    expect(c.store.count('Pod')).toBe(before);
  });

  it('runs the tutorial\'s DNS check: busybox 1.28 resolves web-0.nginx through the search path, and --rm deletes the pod', () => {
    const c = execCluster();
    const ip = c.store.get('Pod', 'default', 'web-0')!.status!.podIP!;
    const r = kcRun(c, 'run -i --rm --restart=Never dns-test --image=busybox:1.28 -- nslookup web-0.nginx');
    expect(r.code).toBe(0);
    expect(r.err).toBe(ATTACH_NOTICE);
    expect(r.out).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n' +
      `Name:      web-0.nginx\nAddress 1: ${ip} web-0.nginx.default.svc.cluster.local\npod "dns-test" deleted from default namespace\n`);
    c.settle();
    expect(c.store.get('Pod', 'default', 'dns-test')).toBeUndefined();
  });

  it('busybox 1.29 and later query a dotted name as it is: NXDOMAIN, and the pod\'s exit code is kubectl\'s', () => {
    const c = execCluster();
    const r = kcRun(c, 'run -i --rm --restart=Never dns-test --image=busybox:1.36 -- nslookup web-0.nginx');
    expect(r.out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can\'t find web-0.nginx: NXDOMAIN\n\n' +
      '** server can\'t find web-0.nginx: NXDOMAIN\n\npod "dns-test" deleted from default namespace\n');
    expect(r.err).toBe(`${ATTACH_NOTICE}pod default/dns-test terminated (Error)\n`);
    expect(r.code).toBe(1);
    // The full name resolves; the AAAA query has no answer.
    const full = kcRun(c, 'run -i --rm --restart=Never dns2 --image=busybox:1.36 -- nslookup web-1.nginx.default.svc.cluster.local');
    expect(full.code).toBe(0);
    expect(full.out).toContain(`Name:\tweb-1.nginx.default.svc.cluster.local\nAddress: ${c.store.get('Pod', 'default', 'web-1')!.status!.podIP}\n\n*** Can't find web-1.nginx.default.svc.cluster.local: No answer\n\n`);
  });

  it('feeds a shell its standard input, then the shell exits and the pod completes', () => {
    const c = execCluster();
    const r = kcRun(c, 'run -i --rm --restart=Never sh-test --image=busybox:1.28', { stdin: 'hostname\ncat /etc/hostname\n' });
    expect(r.out).toBe('sh-test\nsh-test\npod "sh-test" deleted from default namespace\n');
    expect(r.code).toBe(0);
  });

  it('shows the log of a pod that already finished (quietly with -q), and keeps it without --rm', () => {
    const c = execCluster();
    const r = kcRun(c, 'run hello --image=busybox:1.36 --restart=Never --attach -q -- sh -c "echo hello from $(hostname)"');
    expect(r).toMatchObject({ out: 'hello from hello\n', err: '', code: 0 });
    c.settle();
    expect(c.store.get('Pod', 'default', 'hello')!.status!.phase).toBe('Succeeded');
    expect(kc(c, 'logs hello').out).toBe('hello from hello\n');
  });

  it('times out waiting for a pod that cannot start, deleting it first with --rm', () => {
    const c = execCluster();
    const r = kcRun(c, 'run bad --image=nginx:nosuch -i --rm --restart=Never --pod-running-timeout=30s');
    expect(r.out).toBe('pod "bad" deleted from default namespace\n');
    expect(r.err).toBe('error: timed out waiting for the condition\n');
    expect(r.code).toBe(1);
  });

  it('from the app\'s terminal, a session it cannot attach (no TTY, or a process that is not a shell) is refused before anything is created', () => {
    const c = execCluster();
    const before = c.store.count('Pod');
    const noTty = kc(c, 'run -i --rm dns-test --image=busybox:1.28 --restart=Never -- sh', { terminal: true });
    expect(noTty.err).toBe('error: an interactive session through kubectl run without -t is not available in this simulated cluster; use kubectl run -it dns-test --image=busybox:1.28\n');
    const server = kc(c, 'run -it web --image=nginx:alpine', { terminal: true });
    expect(server.err).toMatch(/^error: an interactive session through kubectl run with this image's own process is not available in this simulated cluster/);
    expect(server.err).toContain('kubectl exec -it web -- sh');
    expect(c.store.count('Pod')).toBe(before);
  });
});
