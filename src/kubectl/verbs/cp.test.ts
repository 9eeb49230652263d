// kubectl cp between the terminal's machine and a container, through the container's tar: a page copied into a
// StatefulSet pod's volume is served by the pod recreated under the same name; cp's file specs, its directory
// rules and its errors as kubectl 1.35 prints them (compared with a real kubectl by scripts/crosscheck/cp.sim).
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import type { OutputChunk } from '../types.ts';
import { Session } from '../../scenario/session.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { Driver } from '../../worker/driver.ts';
import { transcript } from '../../scenario/runner.ts';
import { cleanPath } from './cp.ts';

const show = (o: readonly OutputChunk[]): string => o.map((c) => (c.stream === 'out' ? c.text : `[${c.stream}]${c.text}`)).join('');

// The seed StatefulSet (nginx:alpine, BusyBox tar) Ready, in a terminal's session.
function seeded(): { c: Cluster; s: Session; run: (line: string) => { out: string; code: number } } {
  const c = Cluster.create({ seed: 1 });
  const s = new Session(c, { terminal: true });
  s.exec('kubectl apply -f -', SEED_MANIFEST);
  c.settle();
  return { c, s, run: (line) => { const r = s.exec(line); return { out: show(r.output), code: r.exitCode }; } };
}

describe('kubectl cp', () => {
  it('copies a page into the pod\'s volume; the pod the StatefulSet recreates serves it', () => {
    const { c, run } = seeded();
    run('echo "<h1>copied in</h1>" > page.html');
    expect(run('kubectl cp page.html nginx-web-0:/usr/share/nginx/html/index.html')).toEqual({ out: '', code: 0 });
    expect(run('kubectl exec nginx-web-0 -- curl -s localhost').out).toBe('<h1>copied in</h1>\n');
    const uid = c.store.get('Pod', 'default', 'nginx-web-0')!.metadata!.uid;
    run('kubectl delete pod nginx-web-0');
    c.settle();
    expect(c.store.get('Pod', 'default', 'nginx-web-0')!.metadata!.uid).not.toBe(uid);
    expect(run('kubectl exec nginx-web-0 -- curl -s localhost').out).toBe('<h1>copied in</h1>\n');
    // Another pod's claim is another volume.
    expect(run('kubectl exec nginx-web-1 -- curl -s localhost').out).toMatch(/403 Forbidden/);
  });

  it('copies a file back, with tar\'s note on standard output; a directory destination takes a directory only', () => {
    const { run } = seeded();
    expect(run('kubectl cp nginx-web-1:/etc/hostname h.txt')).toEqual({ out: "tar: removing leading '/' from member names\n", code: 0 });
    expect(run('cat h.txt').out).toBe('nginx-web-1\n');
    // A relative path in the pod is from its working directory, and tar then has no slash to remove.
    expect(run('kubectl cp nginx-web-1:etc/hostname /tmp/h2.txt')).toEqual({ out: '', code: 0 });
    expect(run('cat /tmp/h2.txt').out).toBe('nginx-web-1\n');
    // A file onto a directory: kubectl's os.Create of the directory fails.
    expect(run('kubectl cp nginx-web-1:/etc/hostname .')).toEqual({ out: "tar: removing leading '/' from member names\n[err]error: open .: is a directory\n", code: 1 });
    // A directory into a directory: its files land there.
    run('kubectl exec nginx-web-2 -- sh -c "echo one > /usr/share/nginx/html/a.html; echo two > /usr/share/nginx/html/b.html"');
    expect(run('kubectl cp nginx-web-2:/usr/share/nginx/html /tmp').code).toBe(0);
    expect(run('ls /tmp').out).toBe('a.html  b.html  h2.txt\n');
  });

  it('says so for a file whose content the simulated container does not know, and copies nothing', () => {
    const { run } = seeded();
    expect(run('kubectl cp nginx-web-0:/etc/nginx/nginx.conf nginx.conf')).toEqual({
      out: '[simulated cluster] tar: /etc/nginx/nginx.conf is not modelled\n', code: 1,
    });
    expect(run('ls').out).toBe('');
  });

  it('prints tar\'s complaint about a path the pod lacks and still exits 0, copying nothing (kubectl issue 980)', () => {
    const { run } = seeded();
    expect(run('kubectl cp nginx-web-0:/nope x.txt')).toEqual({ out: 'tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n', code: 0 });
    expect(run('ls').out).toBe('');
  });

  it('copies into a directory under the source\'s name when the destination is one (test -d), else under its own', () => {
    const { run } = seeded();
    run('echo v1 > page.html');
    expect(run('kubectl cp page.html nginx-web-0:/tmp').code).toBe(0);
    expect(run('kubectl cp page.html nginx-web-0:/tmp/renamed.html').code).toBe(0);
    expect(run('kubectl exec nginx-web-0 -- ls /tmp').out).toBe('page.html\nrenamed.html\n');
    expect(run('kubectl cp page.html nginx-web-0:/nope/x.html'))
      .toEqual({ out: "[err]tar: can't change directory to '/nope': No such file or directory\n[err]command terminated with exit code 1\n", code: 1 });
  });

  it('answers bad file specs and missing things with kubectl\'s errors', () => {
    const { run } = seeded();
    run('touch a');
    const cases: Array<[string, string]> = [
      ['kubectl cp a', 'error: source and destination are required'],
      ['kubectl cp nginx-web-0:a nginx-web-1:b', 'error: one of src or dest must be a local file specification'],
      ['kubectl cp a b', 'error: one of src or dest must be a remote file specification'],
      ['kubectl cp :a b', 'error: filespec must match the canonical format: [[namespace/]pod:]file/path'],
      ['kubectl cp a/b/c:d e', 'error: filespec must match the canonical format: [[namespace/]pod:]file/path'],
      ['kubectl cp nginx-web-0: e', 'error: filepath can not be empty'],
      ['kubectl cp missing.html nginx-web-0:/tmp', "error: missing.html doesn't exist in local filesystem"],
      ['kubectl cp a nginx-web-9:/tmp', 'Error from server (NotFound): pods "nginx-web-9" not found'],
      ['kubectl cp nginx-web-9:/tmp a', 'Error from server (NotFound): pods "nginx-web-9" not found'],
      ['kubectl cp a other/nginx-web-0:/tmp', 'Error from server (NotFound): pods "nginx-web-0" not found'],
      ['kubectl cp a nginx-web-0:/tmp -c nope', 'Error from server (BadRequest): container nope is not valid for pod nginx-web-0'],
      ['kubectl cp nginx-web-0:/tmp a -c nope', 'Error from server (BadRequest): container nope is not valid for pod nginx-web-0'],
    ];
    for (const [line, err] of cases) expect(run(line), line).toEqual({ out: `[err]${err}\n`, code: 1 });
  });

  it('names the default container of a pod with several: on standard output from the pod, standard error to it', () => {
    const { run } = seeded();
    run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx:alpine
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF`);
    run('sim settle');
    expect(run('kubectl cp two:/etc/hostname h.txt').out).toBe('Defaulted container "web" out of: web, side\ntar: removing leading \'/\' from member names\n');
    expect(run('kubectl cp h.txt two:/tmp').out).toBe('[err]Defaulted container "web" out of: web, side\n');
    expect(run('kubectl cp h.txt two:/tmp -c side').out).toBe('');
    expect(run('kubectl exec two -c side -- cat /tmp/h.txt').out).toBe('two\n');
  });

  it('in a script, copies to files of the script\'s own, which start empty', () => {
    const r = transcript(`kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl cp web-0:/etc/hostname name.txt
kubectl cp name.txt web-1:/usr/share/nginx/html/index.html
kubectl exec web-0 -- curl -s web-1.nginx
kubectl cp missing.txt web-1:/tmp
`);
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain("$ kubectl cp web-0:/etc/hostname name.txt\ntar: Removing leading `/' from member names\n$ kubectl cp name.txt");
    expect(r.text).toContain('$ kubectl exec web-0 -- curl -s web-1.nginx\nweb-0\n');
    expect(r.text).toContain("error: missing.txt doesn't exist in local filesystem\n");
  });

  it('has no local side in a session without local files (the bench\'s)', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c);
    s.exec('kubectl apply -f -', SEED_MANIFEST);
    c.settle();
    expect(show(s.exec('kubectl cp nginx-web-0:/etc/hostname h.txt').output)).toMatch(/^\[err\]error: "kubectl cp" to local files is not available here/);
  });

  it('is logged with the file it copied into a container, so a seek replays it after the file changed', () => {
    const d = new Driver(1);
    d.reset('seed');
    d.settle();
    d.exec('echo first > page.html');
    d.exec('kubectl cp page.html nginx-web-0:/usr/share/nginx/html/index.html');
    const logged = d.timeline.inputs.find((i) => i.line.startsWith('kubectl cp'))!;
    expect(logged.files).toEqual({ '/root/page.html': 'first\n' });
    const at = d.cluster.now;
    d.exec('echo second > page.html');
    d.exec('sim advance 5s');
    d.seek(at - 1);
    expect(show(d.exec('kubectl exec nginx-web-0 -- curl -s localhost').output)).toMatch(/403 Forbidden/);
    d.seek(at + 1000);
    expect(show(d.exec('kubectl exec nginx-web-0 -- curl -s localhost').output)).toBe('first\n');
    // Copying out changes nothing in the cluster: not logged.
    const n = d.timeline.inputs.length;
    d.exec('kubectl cp nginx-web-0:/etc/hostname h.txt');
    expect(d.timeline.inputs.length).toBe(n);
  });

  it('cleans paths as Go\'s path.Clean does', () => {
    expect(['', '/', 'a//b/', './a/../b', '/../x', '../../y', 'a/..'].map(cleanPath)).toEqual(['.', '/', 'a/b', 'b', '/x', '../../y', '.']);
  });
});
