// The terminal's interactive shell: `kubectl exec -it POD -- sh` from a terminal opens it, typed lines run in
// it with its directory and variables kept, `exit` ends it, and each line that changed something is also
// given as a standalone kubectl line that does the same (what the timeline logs and replays).
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { execCluster } from '../kubectl/verbs/exec.fixture.ts';

const text = (r: { output: Array<{ text: string }> }): string => r.output.map((c) => c.text).join('');

describe('Session: interactive shell', () => {
  it('opens with the shell\'s prompt, keeps the directory and variables between lines, and exits', () => {
    const s = new Session(execCluster(), { terminal: true });
    expect(s.exec('kubectl exec -it tools -- sh')).toMatchObject({ output: [], exitCode: 0, prompt: '/ # ' });
    expect(s.shellLine('cd /tmp')).toMatchObject({ output: [], prompt: '/tmp # ' });
    expect(s.shellLine('X=hello')).toMatchObject({ prompt: '/tmp # ' });
    const w = s.shellLine('echo $X > note; cat note');
    expect(text(w)).toBe('hello\n');
    expect(w.logAs).toEqual([`kubectl exec -n default tools -c box -- sh -c 'cd '\\''/tmp'\\''; X='\\''hello'\\''; echo $X > note; cat note'`]);
    // Other commands while attached report the prompt, so the terminal stays in the shell.
    expect(s.exec('kubectl get pods tools -o name')).toMatchObject({ prompt: '/tmp # ' });
    const exit = s.shellLine('exit 3');
    expect(exit).toEqual({ output: [{ stream: 'err', text: 'command terminated with exit code 3\n' }], exitCode: 3, logAs: [expect.any(String)] });
    expect(s.attached).toBeUndefined();
    expect(s.shellLine('hostname').output[0].text).toMatch(/^error: no interactive shell is open/);
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
    expect(replayed.exec(w.logAs![0]).exitCode).toBe(0);
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
});
