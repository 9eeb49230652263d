// The terminal's interactive shell: `kubectl exec -it POD -- sh` from a terminal opens it, typed lines run in
// it with its directory and variables kept, `exit` ends it, and each line that changed something is also
// given as a standalone kubectl line that does the same (what the timeline logs and replays).
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { SHELL_EOF, SHELL_INTERRUPT } from './block.ts';
import { execCluster } from '../kubectl/verbs/exec.fixture.ts';
import { driveStream } from './runner.ts';
import type { Cluster } from '../engine/cluster.ts';
import type { KubectlStream, OutputChunk } from '../kubectl/types.ts';

const text = (r: { output: Array<{ text: string }> }): string => r.output.map((c) => c.text).join('');

// Drives a stream to its end as the scenario runner does; its output and exit code.
function drive(c: Cluster, stream: KubectlStream): { out: string; err: string; code: number } {
  const chunks: OutputChunk[] = [];
  const code = driveStream(c, stream, (ch) => chunks.push(ch));
  const of = (s: OutputChunk['stream']) => chunks.filter((x) => x.stream === s).map((x) => x.text).join('');
  return { out: of('out'), err: of('err'), code };
}

const TUTORIAL_DNS_TEST = 'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm';

describe('Session: interactive shell', () => {
  it('opens with the shell\'s prompt, keeps the directory and variables between lines, and exits', () => {
    const s = new Session(execCluster(), { terminal: true });
    expect(s.exec('kubectl exec -it tools -- sh')).toMatchObject({ output: [], exitCode: 0, prompt: '/ # ' });
    expect(s.shellLine('cd /tmp')).toMatchObject({ output: [], prompt: '/tmp # ' });
    expect(s.shellLine('X=hello')).toMatchObject({ prompt: '/tmp # ' });
    const w = s.shellLine('echo $X > note; cat note');
    expect(text(w)).toBe('hello\n');
    expect(w.logAs).toEqual([{ line: `kubectl exec -n default tools -c box -- sh -c 'cd '\\''/tmp'\\''; X='\\''hello'\\''; echo $X > note; cat note'` }]);
    // Other commands while attached report the prompt, so the terminal stays in the shell.
    expect(s.exec('kubectl get pods tools -o name')).toMatchObject({ prompt: '/tmp # ' });
    const exit = s.shellLine('exit 3');
    expect(exit).toEqual({ output: [{ stream: 'err', text: 'command terminated with exit code 3\n' }], exitCode: 3, logAs: [{ line: expect.any(String) }] });
    expect(s.attached).toBeUndefined();
    expect(s.shellLine('hostname').output[0].text).toMatch(/^error: no interactive shell is open/);
  });

  it('ends only the line, not the shell, on an expansion error typed at its prompt', () => {
    const s = new Session(execCluster(), { terminal: true });
    s.exec('kubectl exec -it tools -- sh');
    const failed = s.shellLine('echo ${DB_HOST:?set DB_HOST first}; echo not reached');
    expect(text(failed)).toBe('sh: DB_HOST: set DB_HOST first\n');
    expect(failed.prompt).toBe('/ # ');
    expect(s.attached).toBeDefined();
    expect(text(s.shellLine('h=web-3; echo ${h##*-}; case $h in *-0) echo first;; *) echo later;; esac'))).toBe('3\nlater\n');
  });

  it('keeps the functions and positional parameters of earlier lines, and replays a line with them', () => {
    const s = new Session(execCluster(), { terminal: true });
    s.exec('kubectl exec -it tools -- sh');
    expect(text(s.shellLine('greet() { echo "hello $1, $# set"; }'))).toBe('');
    s.shellLine('set -- a b');
    s.shellLine('set -u');
    const r = s.shellLine('greet world; echo "$@"');
    expect(text(r)).toBe('hello world, 1 set\na b\n');
    expect(r.logAs![0].line).toContain("set -u; set -- '\\''a'\\'' '\\''b'\\''; ");
    // The logged line stands alone: run in a fresh shell, it prints the same.
    const replay = new Session(execCluster(), { terminal: true }).exec(r.logAs![0].line);
    expect(text(replay)).toBe('hello world, 1 set\na b\n');
  });

  it('waits with its > prompt for the rest of an open loop or quote, runs it whole, and drops it on Ctrl-C', () => {
    const s = new Session(execCluster(), { terminal: true });
    s.exec('kubectl exec -it tools -- sh');
    expect(s.shellLine('for i in 1 2')).toEqual({ output: [], exitCode: 0, prompt: '> ' });
    expect(s.shellLine('do echo "n=$i')).toMatchObject({ output: [], prompt: '> ' });
    const done = s.shellLine('"; done | cat');
    expect(text(done)).toBe('n=1\n\nn=2\n\n');
    expect(done.prompt).toBe('/ # ');
    // The whole command is what the timeline logs, and a replay of that line does the same.
    s.shellLine('for i in 1 2');
    const wrote = s.shellLine('do echo "n$i" >> /tmp/f; done');
    const replay = new Session(execCluster(), { terminal: true });
    replay.exec(wrote.logAs![0].line);
    expect(text(replay.exec('kubectl exec tools -- cat /tmp/f'))).toBe('n1\nn2\n');
    expect(s.shellLine('echo a |')).toMatchObject({ prompt: '> ' });
    expect(s.shellLine(SHELL_INTERRUPT)).toEqual({ output: [], exitCode: 130, prompt: '/ # ' });
    expect(text(s.shellLine('echo after'))).toBe('after\n');
    // Ctrl-D in the middle of a loop: BusyBox ash reports the end of input it met, and shows its prompt again.
    s.shellLine('while true');
    expect(s.shellLine(SHELL_EOF)).toMatchObject({ output: [{ text: 'sh: syntax error: unexpected end of file (expecting "do")\n' }], prompt: '/ # ' });
    expect(s.attached).toBeDefined();
  });

  it('waits with its > prompt for the lines of a here-document up to its delimiter, and replays it whole', () => {
    const s = new Session(execCluster(), { terminal: true });
    s.exec('kubectl exec -it web-0 -- sh');
    expect(s.shellLine('cat <<EOF > /tmp/app.conf')).toEqual({ output: [], exitCode: 0, prompt: '> ' });
    expect(s.shellLine('ordinal=${HOSTNAME##*-}')).toMatchObject({ output: [], prompt: '> ' });
    const done = s.shellLine('EOF');
    expect(done.prompt).toBe('# ');
    expect(text(s.shellLine('cat /tmp/app.conf'))).toBe('ordinal=0\n');
    const replay = new Session(execCluster(), { terminal: true });
    replay.exec(done.logAs![0].line);
    expect(text(replay.exec('kubectl exec web-0 -- cat /tmp/app.conf'))).toBe('ordinal=0\n');
  });

  it('shows dash\'s and bash\'s prompts, and replays a logged line to the same effect without a shell', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    expect(s.exec('kubectl exec -it web-0 -- sh').prompt).toBe('# ');
    s.shellLine('exit');
    expect(s.exec('kubectl exec -it web-0 -- bash').prompt).toBe('root@web-0:/# ');
    s.shellLine('cd /usr/share/nginx/html');
    const w = s.shellLine('echo "$(hostname)" > index.html');
    expect(w.prompt).toBe('root@web-0:/usr/share/nginx/html# ');
    s.shellLine('exit');
    const replayed = new Session(execCluster(), { terminal: true });
    expect(replayed.exec(w.logAs![0].line).exitCode).toBe(0);
    expect(text(replayed.exec('kubectl exec web-1 -- curl -s web-0.nginx'))).toBe('web-0\n');
  });

  it('ends the session when its pod goes away', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    s.exec('kubectl exec -it web-1 -- sh');
    s.exec('kubectl delete pod web-1 --force --grace-period=0');
    expect(s.shellLine('hostname')).toEqual({ output: [{ stream: 'err', text: 'error: pods "web-1" not found\n' }], exitCode: 1 });
    expect(s.attached).toBeUndefined();
  });

  it('run -it (the tutorial\'s dns-test): the terminal goes to the container\'s shell; exit ends the pod, which --rm deletes', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    const r = s.exec(TUTORIAL_DNS_TEST);
    expect(r.exitCode).toBe(0);
    const started = drive(c, r.stream!);
    expect(started).toEqual({
      out: '', code: 0,
      err: 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
        "If you don't see a command prompt, try pressing enter.\n",
    });
    expect(s.attached).toMatchObject({ pod: 'dns-test', container: 'dns-test', prompt: '/ # ', main: { uid: c.store.get('Pod', 'default', 'dns-test')!.metadata!.uid } });
    // Later lines report the shell's prompt, so the terminal stays in it.
    expect(s.exec('kubectl get pods dns-test -o name')).toMatchObject({ prompt: '/ # ' });
    const ns = s.shellLine('nslookup web-0.nginx');
    expect(text(ns)).toMatch(/^Server: {4}10\.96\.0\.10\nAddress 1: 10\.96\.0\.10 kube-dns\.kube-system\.svc\.cluster\.local\n\nName: {6}web-0\.nginx\nAddress 1: 10\.244\.\d+\.\d+ web-0\.nginx\.default\.svc\.cluster\.local\n$/);
    const exit = s.shellLine('exit');
    expect(s.attached).toBeUndefined();
    // What the timeline logs for the exit: the same input to the container's shell through kubectl attach.
    expect(exit.logAs).toEqual([{ line: 'kubectl attach dns-test -c dns-test -i -q -n default', stdin: 'exit 0\n' }]);
    expect(exit.prompt).toBeUndefined();
    const ended = drive(c, exit.stream!);
    expect(ended).toEqual({ out: 'pod "dns-test" deleted from default namespace\n', err: '', code: 0 });
    expect(c.store.get('Pod', 'default', 'dns-test')).toBeUndefined();
  });

  it('run -it without --rm: a non-zero exit fails the pod (Never), and kubectl says so; Always says how to come back', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    drive(c, s.exec('kubectl run -it --restart=Never box1 --image=busybox:1.28').stream!);
    const exit = s.shellLine('exit 3');
    expect(drive(c, exit.stream!)).toEqual({ out: '', err: 'pod default/box1 terminated (Error)\n', code: 3 });
    expect(c.store.get('Pod', 'default', 'box1')!.status!.phase).toBe('Failed');
    drive(c, s.exec('kubectl run -it box2 --image=busybox:1.28').stream!);
    const again = s.shellLine('exit');
    expect(again.output).toEqual([{ stream: 'out', text: "Session ended, resume using 'kubectl attach box2 -c box2 -i -t' command when the pod is running\n" }]);
    expect(again.stream).toBeUndefined();
  });

  it('the logged exit line ends the container at the same instant in a replay, with the same result', () => {
    const live = execCluster();
    const s = new Session(live, { terminal: true });
    drive(live, s.exec('kubectl run -it --restart=Never box --image=busybox:1.28').stream!);
    const at = live.now;
    const exit = s.shellLine('exit 4');
    drive(live, exit.stream!);
    const replay = execCluster();
    const r = new Session(replay).exec('kubectl run -it --restart=Never box --image=busybox:1.28');
    r.stream!.cancel();
    replay.advance(at - replay.now);
    expect(new Session(replay).exec(exit.logAs![0].line, exit.logAs![0].stdin)).toMatchObject({ exitCode: 0, output: [] });
    replay.advance(live.now - replay.now);
    expect(replay.store.get('Pod', 'default', 'box')).toEqual(live.store.get('Pod', 'default', 'box'));
    expect(replay.state.rng).toEqual(live.state.rng);
  });

  it('kubectl attach: follows output without -i, refuses what is not modelled, and from a terminal with -it joins the container\'s shell', () => {
    const c = execCluster();
    const s = new Session(c, { terminal: true });
    // Without -i it follows the process's output (this image's is not modelled, and says so).
    const follow = s.exec('kubectl attach web-0');
    expect(text(follow)).toBe('[simulated cluster] what container "nginx" writes is not modelled (only the nginx images\' logs and commands the simulator runs are)\n');
    follow.stream!.cancel();
    expect(text(s.exec('kubectl attach web-0 -i'))).toMatch(/^error: attaching to container nginx of pod web-0 is not available in this simulated cluster/);
    expect(text(s.exec('kubectl attach'))).toBe('error: at least 1 argument is required for attach\n');
    // A shell that waits on its standard input, as kubectl run -it makes it (stdin and tty, no stdinOnce).
    new Session(c).exec('kubectl apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: keep\nspec:\n  restartPolicy: Never\n  containers:\n  - name: keep\n    image: busybox:1.28\n    stdin: true\n    tty: true\n');
    c.settle();
    const a = s.exec('kubectl attach keep -it');
    expect(a).toMatchObject({ exitCode: 0, prompt: '/ # ', output: [{ stream: 'err', text: "If you don't see a command prompt, try pressing enter.\n" }] });
    s.shellLine('exit 0');
    const pod = () => c.store.get('Pod', 'default', 'keep')!;
    c.advance(5_000);
    expect(pod().status!.phase).toBe('Succeeded');
    expect(text(s.exec('kubectl attach keep -it'))).toBe('error: cannot attach a container in a completed pod; current phase is Succeeded\n');
  });
});
