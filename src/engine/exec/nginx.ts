// nginx in a container, as the model runs it: whether a container's own process is nginx as it starts (an nginx
// image's default, the official entrypoint given nginx's arguments, or nginx as the command, in the foreground),
// the lines the official images log as it starts, and `nginx` run by a container's own script. nginx serves port
// 80 of its pod while it runs (exec/net.ts), and only then.
import type { Container } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster.ts';
import type { Pod } from '../api/types.ts';
import { nginxErrorTime } from '../clock/time.ts';
import { Unmodelled } from './fs.ts';
import type { Utility } from './shell.ts';
import type { Userland } from './userland.ts';

/**
 * nginx running in a container instance: since when (wall ms), and the start-up lines its log shows, the official
 * entrypoint's and nginx's (`entrypoint`) or nginx's alone (`nginx`); none when its script wrote them or the image
 * is not an official one (its log is not modelled).
 */
export interface NginxRun { since: number; startup?: 'entrypoint' | 'nginx' }

/**
 * What a command line asks of nginx: to serve in the foreground (`-g 'daemon off;'`, as the official images' CMD
 * does), to start as a daemon (nginx forks, and the process that was started exits at once), or only a question
 * (`-v`, `-t`, `-s …`). Undefined for another program.
 */
export function nginxMode(argv: readonly string[]): 'foreground' | 'daemon' | 'query' | undefined {
  const prog = (argv[0] ?? '').split('/').pop();
  if (prog !== 'nginx' && prog !== 'nginx-debug') return undefined;
  const args = argv.slice(1);
  if (args.some((a) => /^-[tTvVh?]/.test(a) || a === '-s')) return 'query';
  return args.some((a, i) => a === '-g' && /daemon\s+off\s*;/.test(args[i + 1] ?? '')) ? 'foreground' : 'daemon';
}

/**
 * Whether nginx runs as a container instance starts, from its image and spec: an nginx image without command and
 * args runs its default (nginx in the foreground, after the official entrypoint's configuration); args that start
 * nginx in the foreground go through that entrypoint too; a command that does replaces it. Undefined when the
 * process is something else (a script starts nginx itself: see `nginx` below).
 */
export function nginxAtStart(userland: Userland, spec: Container | undefined, wallMs: number): NginxRun | undefined {
  if (!userland.nginx) return undefined;
  const command = spec?.command ?? [], args = spec?.args ?? [];
  const official = !!userland.entrypoint;
  if (!command.length && !args.length) return { since: wallMs, ...(official ? { startup: 'entrypoint' as const } : {}) };
  if (nginxMode([...command, ...args]) !== 'foreground') return undefined;
  return { since: wallMs, ...(official ? { startup: command.length ? 'nginx' as const : 'entrypoint' as const } : {}) };
}

/** The first worker's pid: after the entrypoint's scripts have used the lower ones. */
export const FIRST_WORKER_PID = 29;

/**
 * The lines an official nginx image logs as nginx starts at `ms`: the entrypoint's configuration steps (stdout),
 * when it ran, then nginx's notices (stderr, as the image's error_log is at level notice), one worker per CPU.
 */
export function nginxStartupTexts(c: Cluster, pod: Pod, userland: Userland, ms: number, entrypoint: boolean): string[] {
  const cpus = Number(c.store.get('Node', '', pod.spec?.nodeName ?? '')?.status?.capacity?.cpu ?? '1') || 1;
  const e = '/docker-entrypoint.sh';
  const t = nginxErrorTime(ms);
  return [
    ...(entrypoint ? [
      `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
      `${e}: Looking for shell scripts in /docker-entrypoint.d/`,
      `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      `${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
      `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
      `${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
      `${e}: Configuration complete; ready for start up`,
    ] : []),
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${userland.nginx}`,
    `${t} [notice] 1#1: built by ${userland.builtBy} `,
    `${t} [notice] 1#1: OS: Linux 6.8.0-87-generic`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    ...Array.from({ length: cpus }, (_, i) => `${t} [notice] 1#1: start worker process ${FIRST_WORKER_PID + i}`),
  ];
}

/**
 * `nginx` in a container's own script, on an official nginx image: `-g 'daemon off;'` serves in the foreground (the
 * shell then waits on it for ever: see Shell.sleepOf), plain `nginx` starts it as a daemon and returns 0; either way
 * it serves from now and writes its notices. `-v` prints its version. nginx started from `kubectl exec` (where the
 * container's own nginx already holds port 80), a second nginx, other options and other images are beyond the model.
 */
export const nginx: Utility = (p) => {
  const { world } = p.sh;
  const u = world.userland;
  if (p.args.length === 1 && p.args[0] === '-v') { p.err(`nginx version: nginx/${u.nginx}\n`); return 0; }
  const mode = nginxMode(['nginx', ...p.args]);
  const onlyDaemonOff = p.args.length === 0 || (p.args.length === 2 && mode === 'foreground');
  const ct = world.process;
  if (!ct || !u.entrypoint || !onlyDaemonOff || ct.nginx) {
    throw new Unmodelled("only nginx -v, and nginx started once by a container's own script (nginx -g 'daemon off;', or nginx as a daemon), are modelled");
  }
  ct.nginx = { since: world.c.wallNow() };
  for (const line of nginxStartupTexts(world.c, world.pod, u, ct.nginx.since, false)) p.err(`${line}\n`);
  return 0;
};
