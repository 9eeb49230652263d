// nginx serves its pod's port 80 only while it runs in the container: as an nginx image's default process, as the
// command, or started by the container's own script; its log's start-up lines are the entrypoint's only when the
// entrypoint ran.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import type { Pod } from '../api/types.ts';

const pod = (name: string, container: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: web
    image: nginx:1.27
${container}`;

function cluster(...manifests: string[]): Cluster {
  const c = Cluster.create({ freeze: true });
  for (const m of manifests) {
    const r = kc(c, 'apply -f -', { stdin: m });
    if (r.code !== 0) throw new Error(r.err);
  }
  c.advance(30_000);
  return c;
}

const ENTRYPOINT = '/docker-entrypoint.sh: Configuration complete; ready for start up';
const NOTICE = /\[notice\] 1#1: nginx\/1\.27\.5\n/;
const curl = (c: Cluster, name: string) => kc(c, `exec probe -- curl -s -S ${c.store.get('Pod', 'default', name)!.status!.podIP}`);
const probe = pod('probe', '');

describe('nginx in a container', () => {
  it('serves as the image\'s default process, after the entrypoint\'s configuration', () => {
    const c = cluster(pod('plain', ''), probe);
    expect(curl(c, 'plain').out).toMatch(/Welcome to nginx!/);
    const log = kc(c, 'logs plain').out;
    expect(log).toContain(ENTRYPOINT);
    expect(log).toMatch(NOTICE);
  });

  it('serves when a script starts it in the foreground, logging what the script wrote and then nginx\'s notices only', () => {
    const c = cluster(pod('scripted', `    command: ["sh", "-c", "echo configuring; echo \\"hello from $(hostname)\\" > /usr/share/nginx/html/index.html && exec nginx -g 'daemon off;'"]\n`), probe);
    expect(curl(c, 'scripted').out).toBe('hello from scripted\n');
    const log = kc(c, 'logs scripted').out;
    expect(log).not.toContain('docker-entrypoint');
    expect(log.split('\n')[0]).toBe('configuring');
    expect(log).toMatch(NOTICE);
    expect(c.store.get('Pod', 'default', 'scripted')!.status!.containerStatuses![0].state!.running).toBeDefined();
  });

  it('does not serve when the command is something else: the connection is refused, and an HTTP readiness probe fails', () => {
    const c = cluster(pod('sleeper', `    command: ["sh", "-c", "sleep 3600"]
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
`), probe);
    const ip = c.store.get('Pod', 'default', 'sleeper')!.status!.podIP;
    expect(curl(c, 'sleeper')).toMatchObject({ out: '', err: `curl: (7) Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n` });
    expect(kc(c, 'logs sleeper').out).toBe('');
    const p = c.store.get('Pod', 'default', 'sleeper') as Pod;
    expect(p.status!.containerStatuses![0].ready).toBe(false);
    expect(kc(c, 'get events --field-selector involvedObject.name=sleeper,reason=Unhealthy').out).toMatch(/Readiness probe failed: .*connect: connection refused/);
  });

  it('runs as a daemon without daemon off: the process started exits 0 at once, and the container restarts', () => {
    const c = cluster(pod('daemon', '    command: ["nginx"]\n'));
    const st = c.store.get('Pod', 'default', 'daemon')!.status!.containerStatuses![0];
    expect(st.restartCount).toBeGreaterThan(0);
    expect(st.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('goes through the entrypoint when the args start nginx, and not when the command does', () => {
    const c = cluster(pod('args', '    args: ["nginx", "-g", "daemon off;"]\n'), pod('cmd', '    command: ["nginx", "-g", "daemon off;"]\n'), probe);
    expect(kc(c, 'logs args').out).toContain(ENTRYPOINT);
    expect(kc(c, 'logs cmd').out).not.toContain('docker-entrypoint');
    expect(kc(c, 'logs cmd').out).toMatch(NOTICE);
    expect(curl(c, 'args').out).toMatch(/Welcome to nginx!/);
    expect(curl(c, 'cmd').out).toMatch(/Welcome to nginx!/);
  });

  it('serves while a script that started it as a daemon runs, and stops with it', () => {
    const c = cluster(pod('bg', '    command: ["sh", "-c", "nginx; echo started; sleep 60"]\n', '  restartPolicy: Never\n'), probe);
    expect(curl(c, 'bg').out).toMatch(/Welcome to nginx!/);
    expect(kc(c, 'logs bg').out).toMatch(/nginx\/1\.27\.5\n[^]*\nstarted\n[^ ]+ - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 /);
    c.advance(60_000);
    expect(c.store.get('Pod', 'default', 'bg')!.status!.phase).toBe('Succeeded');
  });

  it('answers -v, and refuses a second nginx from kubectl exec as not modelled', () => {
    const c = cluster(pod('plain', ''));
    expect(kc(c, 'exec plain -- nginx -v')).toEqual({ out: '', err: 'nginx version: nginx/1.27.5\n', code: 0 });
    expect(kc(c, 'exec plain -- sh -c "nginx -g \'daemon off;\'"').err).toMatch(/^\[simulated cluster\] nginx: only nginx -v, and nginx started once by a container's own script/);
  });
});
