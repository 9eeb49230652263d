// Background jobs in a terminal, as bash keeps them: `CMD &`, `jobs`, `fg`, `kill %N`, and the notices of jobs that
// ended. The texts are bash 5.2's (checked against it in a pseudo-terminal).
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import type { OutputChunk } from '../kubectl/types.ts';
import { Session } from './session.ts';
import { SEED_MANIFEST } from './scenarios.ts';

const show = (o: readonly OutputChunk[]): string => o.map((c, i) => (c.stream === 'out' || o[i - 1]?.stream === c.stream ? c.text : `[${c.stream}]${c.text}`)).join('');

function terminal() {
  const c = Cluster.create({ seed: 1 });
  const s = new Session(c, { terminal: true });
  s.exec('kubectl apply -f -', SEED_MANIFEST);
  c.settle(600_000);
  const run = (line: string) => { const r = s.exec(line); return { out: show(r.output), code: r.exitCode, stream: r.stream }; };
  const background = () => s.pollJobs().map((j) => `${j.tty}:${show(j.output)}`).join('');
  return { c, s, run, background };
}

describe('background jobs', () => {
  it('runs port-forward in the background: the prompt is free, curl reaches it, and the job reports each connection', () => {
    const { run, background } = terminal();
    const pf = run('kubectl port-forward nginx-web-0 8080:80 &');
    expect(pf).toEqual({ out: '[err][1] 31407\nForwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n', code: 0, stream: undefined });
    expect(run('echo $?').out).toBe('0\n');
    // port-forward says it handles the connection before curl prints what it got.
    expect(run('curl -s localhost:8080 | head -1').out).toBe('Handling connection for 8080\n<html>\r\n');
    expect(background()).toBe('');
    // The job's line is its own output: curl's redirections do not take it.
    expect(run('curl -s localhost:8080 > /dev/null').out).toBe('Handling connection for 8080\n');
    expect(run('X=1 curl -s localhost:8080 >&2').out).toMatch(/^Handling connection for 8080\n\[err\]<html>/);
    expect(run('jobs')).toMatchObject({ out: '[1]+  Running                 kubectl port-forward nginx-web-0 8080:80 &\n', code: 0 });
    // kill ends it; the notice follows, and the port is free again.
    expect(run('kill %1')).toMatchObject({ out: '', code: 0 });
    expect(background()).toBe('0:[err][1]+  Terminated              kubectl port-forward nginx-web-0 8080:80\n');
    expect(run('curl -s localhost:8080').code).toBe(7);
    expect(run('jobs').out).toBe('');
  });

  it('numbers the jobs, marks the current (+) and previous (-) ones, and says how each ended', () => {
    const { run, background } = terminal();
    run('kubectl get pods -w &');
    run('kubectl port-forward svc/nginx 9000:80 &');
    expect(run('kubectl get sts -o name & kubectl get pvc -o name').out).toBe(
      '[err][3] 31409\nstatefulset.apps/nginx-web\npersistentvolumeclaim/www-storage-nginx-web-0\npersistentvolumeclaim/www-storage-nginx-web-1\npersistentvolumeclaim/www-storage-nginx-web-2\n');
    expect(background()).toBe('0:[err][3]+  Done                    kubectl get sts -o name\n');
    run('kubectl get pod nope &');
    expect(background()).toBe('0:[err][3]+  Exit 1                  kubectl get pod nope\n');
    expect(run('jobs -l').out).toBe('[1]- 31407 Running                 kubectl get pods -w &\n[2]+ 31408 Running                 kubectl port-forward svc/nginx 9000:80 &\n');
    expect(run('kill -9 %-').out).toBe('');
    expect(background()).toBe('0:[err][1]-  Killed                  kubectl get pods -w\n');
    expect(run('kill %7')).toMatchObject({ out: '[err]bash: kill: %7: no such job\n', code: 1 });
    expect(run('kill 4242')).toMatchObject({ out: '[err][simulated cluster] kill 4242: only job specs (kill %1) are modelled in this terminal\n', code: 1 });
    expect(run('kill')).toMatchObject({ out: '[err]kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n', code: 2 });
  });

  it('brings a job back with fg: its command is printed and it runs in the foreground until it ends or Ctrl-C', () => {
    const { c, run } = terminal();
    expect(run('fg')).toMatchObject({ out: '[err]bash: fg: current: no such job\n', code: 1 });
    run('kubectl rollout status sts/nginx-web --watch &');
    run('kubectl get pods -w -l app=nginx &');
    // The rollout was complete, so that job ended at once: fg reports it first (as bash does), then looks for the job.
    expect(run('fg %3')).toMatchObject({ out: '[err][1]-  Done                    kubectl rollout status sts/nginx-web --watch\nbash: fg: %3: no such job\n', code: 1 });
    expect(run('fg %1')).toMatchObject({ out: '[err]bash: fg: %1: no such job\n', code: 1 });
    const watch = run('fg');
    expect(watch.out).toBe('kubectl get pods -w -l app=nginx\n');
    expect(watch.stream?.endless).toBe(true);
    run('kubectl scale sts nginx-web --replicas=4');
    c.settle(600_000);
    expect(show(watch.stream!.poll().output)).toMatch(/nginx-web-3 +1\/1 +Running/);
    watch.stream!.cancel();
    expect(run('jobs').out).toBe('');
  });

  it('refuses to put a command that takes the terminal in the background', () => {
    const { s, run } = terminal();
    expect(run('kubectl exec -it nginx-web-0 -- sh &')).toMatchObject({
      out: '[err]error: kubectl exec -it nginx-web-0 -- sh: a command that takes the terminal (an interactive shell, an editor) cannot run in the background here\n', code: 1,
    });
    expect(s.attached).toBeUndefined();
    expect(run('jobs').out).toBe('');
  });

  it('ends the jobs of a closed terminal, and all of them on dropJobs (a seek), without a word', () => {
    const { s, run, background } = terminal();
    s.useTty(1);
    run('kubectl port-forward nginx-web-1 8081:80 &');
    s.useTty(0);
    run('kubectl port-forward nginx-web-0 8080:80 &');
    s.dropTty(1);
    expect(run('curl -s localhost:8081').code).toBe(7);
    expect(run('curl -s localhost:8080').code).toBe(0);
    s.dropJobs();
    expect(background()).toBe('');
    expect(s.hasJobs()).toBe(false);
    expect(run('curl -s localhost:8080').code).toBe(7);
  });
});
