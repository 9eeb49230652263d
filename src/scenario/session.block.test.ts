// Several lines given to the terminal at once (pasted, or a here-document typed on): the session runs them one
// after the other as a shell runs pasted lines, echoing each command as it starts.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import { Session, changeMark } from './session.ts';
import type { OutputChunk } from '../kubectl/types.ts';
import { execCluster } from '../kubectl/verbs/exec.fixture.ts';

const show = (o: readonly OutputChunk[]): string => o.map((c) => (c.stream === 'out' ? c.text : `[${c.stream}]${c.text}`)).join('');
const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n';

describe('Session: a block of lines from the terminal', () => {
  it('runs each command in turn, echoed as bash echoes pasted lines, here-documents as standard input', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const r = s.exec(`# a namespace for the demo\ncat <<EOF | kubectl apply -f -\n${NS}EOF\nget ns demo -o name\necho ok\n`);
    expect(r.stream).toBeUndefined();
    expect(show(r.output)).toBe([
      '[cmd]$ # a namespace for the demo\n',
      '[cmd]$ cat <<EOF | kubectl apply -f -\n> apiVersion: v1\n> kind: Namespace\n> metadata:\n>   name: demo\n> EOF\n',
      'namespace/demo created\n',
      '[cmd]$ get ns demo -o name\n',
      'namespace/demo\n',
      '[cmd]$ echo ok\n',
      'ok\n',
    ].join(''));
    expect(c.store.get('Namespace', '', 'demo')).toBeDefined();
  });

  it('runs a loop in a block, written on one line or over several', () => {
    const s = new Session(execCluster(), { terminal: true });
    const r = s.exec('for i in 0 1; do kubectl get pod web-$i -o name; done\nfor i in 1 0\ndo\n  echo $i\ndone\n');
    expect(show(r.output)).toBe('[cmd]$ for i in 0 1; do kubectl get pod web-$i -o name; done\npod/web-0\npod/web-1\n' +
      '[cmd]$ for i in 1 0\n> do\n>   echo $i\n> done\n1\n0\n');
  });

  it('a script session (the headless runner) takes no blocks: a line is one line', () => {
    const s = new Session(Cluster.create({ seed: 1 }));
    // The line break is white space between words: `get ns kubectl get pods` looks up three namespaces.
    const r = s.exec('kubectl get ns\nkubectl get pods');
    expect(r.output.some((o) => o.stream === 'cmd')).toBe(false);
    expect(show(r.output)).toMatch(/namespaces "kubectl" not found\n.*namespaces "pods" not found\n$/s);
  });

  it('prints why a command cannot run and goes on with the next, as a shell does', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const r = s.exec(`tee ns.yaml <<EOF\n${NS}EOF\nkubectl edit ns default\nsim frobnicate\nkubectl create namespace after\nkubectl get ns 'open`);
    expect(show(r.output)).toBe([
      `[cmd]$ tee ns.yaml <<EOF\n${NS.split('\n').filter(Boolean).map((l) => `> ${l}\n`).join('')}> EOF\n`,
      '[err]error: only kubectl, cat and the tools output is piped into read a here-document in this terminal (cat <<EOF | kubectl apply -f -, cat <<EOF > web.yaml)\n',
      // As in a script, an editor does not wait for a person: closed at once, unchanged.
      '[cmd]$ kubectl edit ns default\n',
      '[err]Edit cancelled, no changes made.\n',
      '[cmd]$ sim frobnicate\n',
      '[err]error: unknown sim command "frobnicate" (expected advance, settle, pod, node, gate or seed)\n',
      '[cmd]$ kubectl create namespace after\n',
      'namespace/after created\n',
      "[cmd]$ kubectl get ns 'open\n",
      '[err]error: unexpected end of input while looking for a matching quote\n',
    ].join(''));
    expect(c.store.get('Namespace', '', 'after')).toBeDefined();
  });

  it('`sim advance` holds the rest back while virtual time passes; the later writes are logged when they ran', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const t0 = c.now;
    const r = s.exec('kubectl create namespace one\nsim advance 5s\nkubectl create namespace two\nsim gate MaxUnavailableStatefulSet=true\nkubectl get ns one');
    expect(show(r.output)).toBe('[cmd]$ kubectl create namespace one\nnamespace/one created\n[cmd]$ sim advance 5s\n');
    expect(r.stream).toMatchObject({ endless: false, deadline: t0 + 5000 });
    expect(r.stream!.poll()).toEqual({ output: [], done: false, exitCode: 0 });
    c.advance(4999);
    expect(r.stream!.poll().done).toBe(false);
    expect(c.store.get('Namespace', '', 'two')).toBeUndefined();
    c.advance(1);
    const p = r.stream!.poll();
    expect(p.done).toBe(true);
    expect(show(p.output)).toMatch(/^\[cmd\]\$ kubectl create namespace two\nnamespace\/two created\n\[cmd\]\$ sim gate MaxUnavailableStatefulSet=true\n\[cmd\]\$ kubectl get ns one\nNAME +STATUS +AGE\none +Active +5s\n$/);
    // The writes after the wait, and the sim command, are the lines a timeline replays at this instant; the read is not.
    expect(p.logAs).toEqual([{ line: 'kubectl create namespace two' }, { line: 'sim gate MaxUnavailableStatefulSet=true' }]);
    expect(c.state.gates.MaxUnavailableStatefulSet).toBe(true);
  });

  it('`sim settle` waits until nothing is pending, then says when; one that times out says so', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const r = s.exec('kubectl run web --image=nginx:1.27 --restart=Never\nsim settle\nkubectl get pod web -o jsonpath={.status.phase}');
    expect(r.stream).toBeDefined();
    const out = drain(c, r.stream!);
    expect(out).toMatch(/^settled at \d+(\.\d+)?s\n\[cmd\]\$ kubectl get pod web -o jsonpath=\{\.status\.phase\}\nRunning$/);
    expect(c.nextDue()).toBeUndefined();

    const t = s.exec('kubectl run late --image=nginx:1.27 --restart=Never\nsim settle --timeout=1s\necho after');
    c.advance(1000);
    expect(show(t.stream!.poll().output)).toBe(`not settled after 1s (at ${(c.now / 1000).toString()}s)\n[cmd]$ echo after\nafter\n`);
  });

  it('gives the commands that changed something as the lines a timeline logs: a sim command always, a read never', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    expect(s.exec('kubectl get ns default -o name\nsim node kind-worker down\nkubectl create ns x')).toMatchObject({
      sequence: true, logAs: [{ line: 'sim node kind-worker down' }, { line: 'kubectl create ns x' }],
    });
    expect(s.exec('kubectl get ns default -o name\nkubectl get nodes -o name').logAs).toBeUndefined();
  });

  it('Ctrl-C stops the command that runs and drops the rest', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const r = s.exec('sim advance 1h\nkubectl create namespace never');
    r.stream!.cancel();
    expect(r.stream!.poll().done).toBe(true);
    c.advance(3_600_000);
    expect(c.store.get('Namespace', '', 'never')).toBeUndefined();
  });

  it('a watch in a block stops once the cluster has nothing more to do, as in a script, and the lines after it run', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const r = s.exec('kubectl run web --image=nginx:1.27 --restart=Never\nkubectl get pod web -w\nkubectl get pod web -o jsonpath={.status.phase}');
    // The block ends by itself: a host plays time for it.
    expect(r.stream).toMatchObject({ endless: false });
    const out = show(r.output) + drain(c, r.stream!);
    expect(out).toMatch(/NAME +READY +STATUS +RESTARTS +AGE\nweb +0\/1 +Pending .*\nweb +1\/1 +Running +0 +\d+s\n\[cmd\]\$ kubectl get pod web -o jsonpath=\{\.status\.phase\}\nRunning$/s);
    expect(c.nextForegroundDue()).toBeUndefined();
  });

  it('a list typed on one line runs as bash runs it: `;` always, `&&` after a success, `||` after a failure', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    expect(show(s.exec('kubectl get ns default -o name; kubectl get ns nope && echo found || echo missing').output))
      .toBe('namespace/default\n[err]Error from server (NotFound): namespaces "nope" not found\nmissing\n');
    expect(show(s.exec('get ns default -o name && echo found').output)).toBe('namespace/default\nfound\n');
    expect(s.exec('kubectl get pods &&')).toMatchObject({ exitCode: 2, malformed: 'syntax error: unexpected end of file' });
    // A script line is one command, as the runner's grammar says.
    expect(show(new Session(c).exec('kubectl get ns default -o name; kubectl get ns nope').output)).toMatch(/^\[err\]error: unable to match a printer/);
  });

  it('a command of a list that waits holds back the rest, and its exit status decides the `&&` after it', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    for (const p of ['a', 'b']) s.exec(`kubectl run ${p} --image=nginx:1.27 --restart=Never`);
    c.settle();
    const r = s.exec('kubectl delete pod a && kubectl delete pod b --wait=false; echo done');
    expect(show(r.output)).toBe('pod "a" deleted from default namespace\n');
    expect(c.store.get('Pod', 'default', 'b')?.metadata?.deletionTimestamp).toBeUndefined();
    const out = drain(c, r.stream!);
    expect(out).toBe('pod "b" deleted from default namespace\ndone\n');
    // A wait that fails: `&&` skips, `||` runs.
    s.exec('kubectl run bad --image=nginx:no-such-tag --restart=Never');
    const t = s.exec('kubectl wait --for=condition=Ready pod/bad --timeout=2s && echo ready || echo failed');
    expect(t.stream).toBeDefined();
    expect(drain(c, t.stream!)).toBe('[err]error: timed out waiting for the condition on pods/bad\nfailed\n');
  });
});

describe("Session: the terminal shell's own words", () => {
  it("runs the documentation's Delete a StatefulSet snippet: a variable from $(kubectl …), sleep, and the claims deleted", () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    const r = s.exec([
      "grace=$(kubectl get pods web-0 --template '{{.spec.terminationGracePeriodSeconds}}')",
      'kubectl delete statefulset web',
      'sleep $grace',
      'kubectl delete pvc -l app=nginx',
    ].join('\n'));
    expect(show(r.output)).toBe(
      "[cmd]$ grace=$(kubectl get pods web-0 --template '{{.spec.terminationGracePeriodSeconds}}')\n" +
      '[cmd]$ kubectl delete statefulset web\nstatefulset.apps "web" deleted from default namespace\n' +
      '[cmd]$ sleep $grace\n');
    expect(s.shell.vars.get('grace')).toBe('30');
    expect(r.stream?.deadline).toBe(c.now + 30_000);
    // Nothing more happens before the 30 s are up; then the claims are deleted (kubectl waits for them to go).
    c.advance(29_999);
    expect(r.stream!.poll().output).toEqual([]);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'www-web-0')?.metadata?.deletionTimestamp).toBeUndefined();
    c.advance(1);
    const out = drain(c, r.stream!);
    expect(out).toBe('[cmd]$ kubectl delete pvc -l app=nginx\npersistentvolumeclaim "www-web-0" deleted from default namespace\npersistentvolumeclaim "www-web-1" deleted from default namespace\n');
    // The timeline logs what changed, with the variable expanded (a replay needs no shell).
    expect(r.logAs).toEqual([{ line: 'kubectl delete statefulset web' }]);
  });

  it('expands the variables in a here-document whose delimiter is not quoted, and leaves a quoted one as it is', () => {
    const s = new Session(Cluster.create({ seed: 1 }), { terminal: true });
    const r = s.exec(`NS=demo\ncat <<EOF | kubectl apply -f -\n${NS.replace('demo', '$NS')}EOF\ncat <<'EOF' | kubectl apply -f - --dry-run=client -o jsonpath={.metadata.name}\n${NS.replace('demo', '$NS')}EOF\n`);
    expect(show(r.output)).toMatch(/namespace\/demo created\n.*\$NS$/s);
    // The log holds the document as kubectl read it.
    expect(r.logAs).toEqual([{ line: 'kubectl apply -f -', stdin: NS }]);
  });

  it('keeps variables between lines, expands them in kubectl lines, and knows the last exit status', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    expect(s.exec('export POD=web-1').output).toEqual([]);
    const get = s.exec('kubectl get pod $POD -o name');
    expect(show(get.output)).toBe('pod/web-1\n');
    expect(show(s.exec('kubectl get pod nope; echo "status $?"').output)).toBe('[err]Error from server (NotFound): pods "nope" not found\nstatus 1\n');
    expect(show(s.exec('echo $?').output)).toBe('0\n');
    // A command on its own line sets `$?` too: at once, or when it stops waiting.
    s.exec('kubectl get pod nope');
    expect(show(s.exec('echo $?').output)).toBe('1\n');
    const w = s.exec('kubectl wait --for=delete pod/web-0 --timeout=1s');
    expect(drain(c, w.stream!)).toMatch(/timed out/);
    expect(show(s.exec('echo $?').output)).toBe('1\n');
    // A write with a variable is logged expanded.
    expect(s.exec('kubectl label pod $POD tier=web')).toMatchObject({ sequence: true, logAs: [{ line: 'kubectl label pod web-1 tier=web' }] });
    expect(show(s.exec('sleep').output)).toBe("[err]sleep: missing operand\nTry 'sleep --help' for more information.\n");
    expect(show(s.exec('echo $(kubectl get pod nope -o name)end').output)).toBe('[err]Error from server (NotFound): pods "nope" not found\nend\n');
  });
});

// Polls a stream to its end, stepping the cluster; its output.
function drain(c: Cluster, stream: NonNullable<ReturnType<Session['exec']>['stream']>): string {
  let out = '';
  for (let i = 0; i < 10_000; i++) {
    const p = stream.poll();
    out += show(p.output);
    if (p.done) break;
    // The next work, unless the command's deadline comes first (then that instant, as the app's host goes to it).
    const next = c.nextDue(), dl = stream.deadline;
    if (dl !== undefined && (next === undefined || next > dl)) c.advance(Math.max(0, dl - c.now));
    else if (next !== undefined) c.step(next);
    else c.advance(1000);
  }
  return out;
}

describe('Session: a sequence that opens an interactive shell', () => {
  it('waits for the shell to exit before its next command, as bash runs the lines it read after kubectl exec -it', () => {
    const s = new Session(execCluster(), { terminal: true });
    const r = s.exec('kubectl exec -it web-0 -- sh\nkubectl get pod web-1 -o name');
    expect(show(r.output)).toBe('[cmd]$ kubectl exec -it web-0 -- sh\n');
    expect(r.prompt).toMatch(/# $/);
    expect(r.stream!.poll()).toMatchObject({ done: false, output: [] });
    // The person types into the container's shell meanwhile; its exit lets the rest run.
    expect(show(s.shellLine('hostname').output)).toBe('web-0\n');
    expect(r.stream!.poll().done).toBe(false);
    expect(show(s.shellLine('exit 3').output)).toBe('[err]command terminated with exit code 3\n');
    const p = r.stream!.poll();
    expect(p.done).toBe(true);
    expect(show(p.output)).toBe('[cmd]$ kubectl get pod web-1 -o name\npod/web-1\n');
  });

  it('a list after the shell goes by its exit status', () => {
    const s = new Session(execCluster(), { terminal: true });
    const ok = s.exec('kubectl exec -it web-0 -- sh && echo after || echo failed');
    s.shellLine('exit 1');
    expect(show(ok.stream!.poll().output)).toBe('failed\n');
    expect(show(s.exec('echo $?').output)).toBe('0\n');
  });
});

describe('Session: two terminals', () => {
  it('a block waiting in terminal 2 goes on with terminal 2\'s variables and status, whatever terminal 1 ran meanwhile', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    const second = s.useTty(1).exec('X=two\nsim advance 1s\necho "$X $?"\nkubectl get ns nothing-here');
    expect(second.stream).toBeDefined();
    s.useTty(0).exec('X=one');
    s.exec('kubectl get ns default -o name');
    c.advance(1000);
    const p = second.stream!.poll();
    expect(p.done).toBe(true);
    expect(show(p.output)).toBe('[cmd]$ echo "$X $?"\ntwo 0\n[cmd]$ kubectl get ns nothing-here\n[err]Error from server (NotFound): namespaces "nothing-here" not found\n');
    // Terminal 2's failed get set its `$?`, not terminal 1's.
    expect(show(s.useTty(1).exec('echo $? $X').output)).toBe('1 two\n');
    expect(show(s.useTty(0).exec('echo $? $X').output)).toBe('0 one\n');
  });

  it('refuses a second kubectl edit while the first one\'s editor is open, and changes nothing', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    expect(s.useTty(0).exec('kubectl edit ns default').editor).toBeDefined();
    const rv = changeMark(c);
    const r = s.useTty(1).exec('kubectl edit ns kube-system');
    expect(r.editor).toBeUndefined();
    expect(r.exitCode).toBe(1);
    expect(show(r.output)).toMatch(/^\[err\]error: the editor is open for another command \(\/tmp\/kubectl-edit-.*\.yaml\); save or close it first\n$/);
    expect(changeMark(c)).toBe(rv);
    expect(s.editorClosed().exitCode).toBe(0);
  });
});
