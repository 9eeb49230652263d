// The terminal's own files: the shell's redirections write them (`> web.yaml`, `>>`, `2>&1`, `/dev/null`), cat, ls,
// rm and touch work on them, kubectl reads them (`-f web.yaml`, `--from-file`), and a line that read one is logged
// with what it read, so a replay reads the same whatever became of the file.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import { Session } from './session.ts';
import type { OutputChunk } from '../kubectl/types.ts';
import { Driver } from '../worker/driver.ts';

const show = (o: readonly OutputChunk[]): string => o.map((c) => (c.stream === 'out' ? c.text : `[${c.stream}]${c.text}`)).join('');
const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n';

function terminal(): { c: Cluster; s: Session; run: (line: string) => { out: string; code: number } } {
  const c = Cluster.create({ seed: 1 });
  const s = new Session(c, { terminal: true });
  return { c, s, run: (line) => { const r = s.exec(line); return { out: show(r.output), code: r.exitCode }; } };
}

describe('Session: the terminal\'s local files', () => {
  it('saves kubectl output with >, shows it with cat and ls, and applies it again with -f FILE', () => {
    const { c, run } = terminal();
    expect(run(`kubectl apply -f - <<EOF\n${NS}EOF`).out).toMatch(/> EOF\nnamespace\/demo created\n$/);
    expect(run('kubectl get ns demo -o yaml > demo.yaml')).toEqual({ out: '', code: 0 });
    expect(run('ls')).toEqual({ out: 'demo.yaml\n', code: 0 });
    expect(run('cat demo.yaml').out).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    expect(run('cat demo.yaml | grep -c name:').out).toBe('2\n');
    run('kubectl delete ns demo --wait=false');
    c.settle(60_000);
    expect(c.store.get('Namespace', '', 'demo')).toBeUndefined();
    // Saved with its resourceVersion, it is created again by apply (nothing to conflict with).
    expect(run('kubectl create -f demo.yaml').out).toBe('namespace/demo created\n');
    expect(run('kubectl apply -f ./nothing.yaml')).toEqual({ out: '[err]error: the path "./nothing.yaml" does not exist\n', code: 1 });
  });

  it('redirects as bash does: order matters, 2>&1, &>, >>, /dev/null, < FILE', () => {
    const { run } = terminal();
    const ERR = 'Error from server (NotFound): namespaces "nope" not found\n';
    expect(run('kubectl get ns nope 2>/dev/null')).toEqual({ out: '', code: 1 });
    expect(run('kubectl get ns nope > out.txt 2>&1').out).toBe('');
    expect(run('cat out.txt').out).toBe(ERR);
    // Standard error goes where standard output went before the file: the terminal (as its standard output).
    expect(run('kubectl get ns nope 2>&1 > out.txt').out).toBe(ERR);
    expect(run('cat out.txt')).toEqual({ out: '', code: 0 });
    expect(run('kubectl get ns default -o name &> both.txt; kubectl get ns nope &>> both.txt').out).toBe('');
    expect(run('cat both.txt').out).toBe(`namespace/default\n${ERR}`);
    expect(run('echo one > log.txt; echo two >> log.txt; echo -n three >>log.txt; cat log.txt').out).toBe('one\ntwo\nthree');
    expect(run(`echo "a > b" 'c>d' e\\>f`).out).toBe('a > b c>d e>f\n');
    expect(run(`cat <<EOF > ns.yaml\n${NS}EOF\nkubectl apply -f - < ns.yaml`).out).toBe('[cmd]$ cat <<EOF > ns.yaml\n> apiVersion: v1\n> kind: Namespace\n> metadata:\n>   name: demo\n> EOF\n[cmd]$ kubectl apply -f - < ns.yaml\nnamespace/demo created\n');
    expect(run('kubectl get ns nope >&2').out).toBe(`[err]${ERR}`);
    expect(run('echo hi 1>&2').out).toBe('[err]hi\n');
  });

  it('gives bash\'s and the GNU tools\' errors, and runs nothing after a redirection that fails', () => {
    const { c, run } = terminal();
    expect(run('echo >')).toEqual({ out: "[err]bash: syntax error near unexpected token `newline'\n", code: 2 });
    expect(run('kubectl get ns > |')).toEqual({ out: "[err]bash: syntax error near unexpected token `|'\n", code: 2 });
    const rv = c.state.store.resourceVersion;
    expect(run('kubectl create ns x < missing.yaml')).toEqual({ out: '[err]bash: missing.yaml: No such file or directory\n', code: 1 });
    expect(run('kubectl create ns x > /etc/x')).toEqual({ out: '[err]bash: /etc/x: No such file or directory\n', code: 1 });
    expect(run('kubectl create ns x > /tmp')).toEqual({ out: '[err]bash: /tmp: Is a directory\n', code: 1 });
    expect(c.state.store.resourceVersion).toBe(rv);
    expect(run('cat missing.yaml')).toEqual({ out: '[err]cat: missing.yaml: No such file or directory\n', code: 1 });
    expect(run('rm missing.yaml')).toEqual({ out: "[err]rm: cannot remove 'missing.yaml': No such file or directory\n", code: 1 });
    expect(run('rm -f missing.yaml')).toEqual({ out: '', code: 0 });
    expect(run('ls missing.yaml')).toEqual({ out: "[err]ls: cannot access 'missing.yaml': No such file or directory\n", code: 1 });
    expect(run('ls -la')).toEqual({ out: '[err]ls: the option -la is not supported in this terminal\n', code: 1 });
    expect(run('touch a.txt /tmp/b.txt; ls; ls -1 /tmp . ; rm a.txt; ls').out).toBe('a.txt\n/tmp:\nb.txt\n\n.:\na.txt\n');
  });

  it('a redirected watch in a block writes what it prints to the file as it goes', () => {
    const { c, s, run } = terminal();
    const r = s.exec('kubectl get ns -w > watch.txt\nkubectl get ns -o name | wc -l');
    expect(r.stream).toBeDefined();
    run('kubectl create ns later');
    c.advance(1000);
    for (let i = 0; i < 5 && !r.stream!.poll().done; i++) c.advance(600_000);
    expect(run('cat watch.txt').out).toMatch(/^NAME +STATUS +AGE\ndefault +Active +\d+s\n(.*\n)*later +Active +0s\n$/);
  });

  it('kubectl create secret --from-file reads local files, keyed by their names', () => {
    const { run } = terminal();
    run("echo -n 'admin' > ./username.txt");
    run("echo -n '1f2d1e2e67df' > ./password.txt");
    expect(run('kubectl create secret generic db-user-pass --from-file=./username.txt --from-file=./password.txt').out).toBe('secret/db-user-pass created\n');
    expect(run(`kubectl get secret db-user-pass -o jsonpath='{.data.password\\.txt}' | base64 --decode`).out).toBe('1f2d1e2e67df');
  });

  it('vi FILE opens a local file in the editor; saving writes it, closing a new file unchanged creates nothing', () => {
    const { c, s, run } = terminal();
    const r = s.exec('vi ns.yaml');
    expect(r.editor).toEqual({ file: 'ns.yaml', text: '', program: 'vi' });
    // The other terminal cannot open a second editor meanwhile.
    expect(show(s.useTty(1).exec('kubectl edit ns default').output)).toBe('[err]error: the editor is open for another command (ns.yaml); save or close it first\n');
    expect(s.editorClosed(NS)).toEqual({ output: [], exitCode: 0 });
    expect(run('kubectl apply -f ns.yaml').out).toBe('namespace/demo created\n');
    expect(c.store.get('Namespace', '', 'demo')).toBeDefined();
    expect(s.exec('vim ns.yaml').editor?.text).toBe(NS);
    s.editorClosed();
    expect(run('cat ns.yaml').out).toBe(NS);
    s.exec('nano other.yaml');
    s.editorClosed();
    expect(run('ls').out).toBe('ns.yaml\n');
    expect(run('vi')).toEqual({ out: '[err]vi: give one file to edit (vi web.yaml)\n', code: 1 });
    expect(run('vi /tmp')).toEqual({ out: '[err]vi: /tmp is a directory\n', code: 1 });
    expect(run('echo ok && vi ns.yaml')).toEqual({ out: 'ok\n[err]error: vi opens the editor only from a line of its own (vi web.yaml), not in a pasted block, a list or a loop\n', code: 1 });
  });

  it('grep, head, tail, wc and base64 read local files on their own; echo pipes into kubectl and the tools', () => {
    const { c, run } = terminal();
    run(`cat <<EOF > ns.yaml\n${NS}EOF`);
    expect(run('grep name ns.yaml')).toEqual({ out: '  name: demo\n', code: 0 });
    expect(run('wc -l ns.yaml')).toEqual({ out: '4 ns.yaml\n', code: 0 });
    expect(run('head -1 ns.yaml; tail -n1 ns.yaml').out).toBe('apiVersion: v1\n  name: demo\n');
    expect(run('grep zz ns.yaml nope.yaml')).toEqual({ out: '[err]grep: nope.yaml: No such file or directory\n', code: 2 });
    expect(run('echo -n admin | base64')).toEqual({ out: 'YWRtaW4=\n', code: 0 });
    expect(run('base64 -d <<EOF\nYWRtaW4=\nEOF').out).toBe('[cmd]$ base64 -d <<EOF\n> YWRtaW4=\n> EOF\nadmin');
    expect(run(`echo '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"echoed"}}' | kubectl apply -f -`).out).toBe('namespace/echoed created\n');
    expect(c.store.get('Namespace', '', 'echoed')).toBeDefined();
  });

  it('a script (the headless runner) has no local files and no redirections', () => {
    const s = new Session(Cluster.create({ seed: 1 }));
    expect(show(s.exec('kubectl apply -f web.yaml').output)).toBe('[err]error: the path "web.yaml" does not exist\n');
  });
});

describe('Driver: lines that read local files on the timeline', () => {
  it('logs what the file held, so seeks replay the same after the file changed or went; files outlive a reset', () => {
    const d = new Driver(1);
    d.reset('empty');
    d.exec(`cat <<EOF > ns.yaml\n${NS}EOF`);
    d.exec('sim advance 1s');
    expect(show(d.exec('kubectl apply -f ns.yaml').output)).toBe('namespace/demo created\n');
    const logged = d.timeline.inputs.find((i) => i.line === 'kubectl apply -f ns.yaml')!;
    expect(logged.files).toEqual({ '/root/ns.yaml': NS });
    d.exec('sim advance 1s');
    d.exec('rm ns.yaml');
    d.seek(0);
    expect(d.cluster.store.get('Namespace', '', 'demo')).toBeUndefined();
    d.seek(2000);
    expect(d.cluster.store.get('Namespace', '', 'demo')).toBeDefined();
    // The file is gone now: typed again, the line fails.
    expect(show(d.exec('kubectl apply -f ns.yaml').output)).toBe('[err]error: the path "ns.yaml" does not exist\n');
    d.exec('kubectl get ns -o name > names.txt');
    d.reset('empty');
    expect(show(d.exec('cat names.txt').output)).toMatch(/^namespace\/default\n/);
  });
});
