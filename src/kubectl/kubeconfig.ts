// The kubeconfig kind writes for the playground's cluster: one cluster and one user, both `kind-kind`, and the
// context `kind-kind` with no namespace set. `config set-context` and `use-context` change the contexts; the state
// lives with the cluster's (so a seek in the timeline takes it back too). `cluster-info` names the server.
import { rfc3339 } from '../engine/clock/time.ts';
import type { Cluster } from './types.ts';

/** The API server's address as kind's kubeconfig gives it (kind picks a free host port; this one is fixed). */
export const SERVER = 'https://127.0.0.1:45331';

/** The name of kind's cluster, user and context (`kind-<cluster name>`). */
export const KIND_NAME = 'kind-kind';

/** A context of the kubeconfig (empty strings for fields not set). */
export interface KubeContext { name: string; cluster: string; user: string; namespace: string }

/** The contexts and the current one's name. */
export interface KubeconfigState { current: string; contexts: KubeContext[] }

export const CLUSTERS: readonly string[] = [KIND_NAME];
export const USERS: readonly string[] = [KIND_NAME];

/** The kubeconfig of this cluster's kubectl (made on first use). */
export function kubeconfig(c: Cluster): KubeconfigState {
  return c.ext<KubeconfigState>('kubectl/kubeconfig', () => ({
    current: KIND_NAME,
    contexts: [{ name: KIND_NAME, cluster: KIND_NAME, user: KIND_NAME, namespace: '' }],
  }));
}

/** The contexts, sorted by name as kubectl lists them. */
export function contextsOf(c: Cluster): KubeContext[] {
  return [...kubeconfig(c).contexts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The context named `name`, or undefined. */
export function findContext(c: Cluster, name: string): KubeContext | undefined {
  return kubeconfig(c).contexts.find((x) => x.name === name);
}

/** The context a command uses: `--context NAME` when given, else the current one (undefined when it is gone). */
export function effectiveContext(c: Cluster, override?: string): KubeContext | undefined {
  return findContext(c, override || kubeconfig(c).current);
}

/** The namespace commands use when `-n` is not given: the context's, else `default` (clientcmd's Namespace()). */
export function contextNamespace(c: Cluster, override?: string): string {
  return effectiveContext(c, override)?.namespace || 'default';
}

/**
 * The kubeconfig as `config view` prints it by default (clientcmdapi.ShortenConfig: certificate and key data shown
 * as DATA+OMITTED), in the v1 Config struct's field order. `minify`: only the given context, its cluster and user
 * (the ones this kubeconfig has).
 */
export function shortenedConfig(c: Cluster, minify?: KubeContext): Record<string, unknown> {
  const contexts = minify ? [minify] : contextsOf(c);
  const st = kubeconfig(c);
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: CLUSTERS.filter((n) => !minify || n === minify.cluster)
      .map((name) => ({ name, cluster: { server: SERVER, 'certificate-authority-data': 'DATA+OMITTED' } })),
    users: USERS.filter((n) => !minify || n === minify.user)
      .map((name) => ({ name, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } })),
    contexts: contexts.map((x) => ({
      name: x.name,
      context: { cluster: x.cluster, user: x.user, ...(x.namespace ? { namespace: x.namespace } : {}) },
    })),
    'current-context': minify ? minify.name : st.current,
  };
}

// klog's header time (`mmdd hh:mm:ss.uuuuuu`) of a virtual instant plus `us` microseconds.
function klogTime(wallMs: number, us: number): string {
  const t = rfc3339(wallMs); // 2026-01-01T00:00:02Z
  return `${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 19)}.${String((wallMs % 1000) * 1000 + us).padStart(6, '0')}`;
}

/** kubectl's process id in klog lines (fixed, so transcripts stay deterministic). */
const PID = 4172;

/**
 * A line klog writes on kubectl's standard error: severity (`W`, `E`), the virtual instant plus `us` microseconds,
 * the process id and the source position, as `W0101 00:00:02.000611    4172 helpers.go:702] text`.
 */
export function klogLine(severity: 'W' | 'E', wallMs: number, us: number, at: string, text: string): string {
  return `${severity}${klogTime(wallMs, us)} ${String(PID).padStart(7)} ${at}] ${text}\n`;
}

/** kubectl's last line when nothing listens at the server it was given (no cluster in the context: clientcmd's default). */
export const CONNECTION_REFUSED = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

/** Whether `--kubeconfig` names this kubectl's kubeconfig: `.kube/config` in a home directory (`~` as written too). */
export function isKubeconfigPath(path: string): boolean {
  return /^(~|\$HOME|\/root|\/home\/[^/]+)\/\.kube\/config$/.test(path);
}

/**
 * What `--kubeconfig PATH` does to a command when PATH is not the kubeconfig: clientcmd stats an explicit path before
 * loading it and fails when it is missing. Only the kubeconfig exists here, so `config` commands (which would read or
 * write that other file) are refused. Null for no flag or the kubeconfig itself.
 */
export function kubeconfigPathProblem(path: string, configCommand: boolean): string | null {
  if (!path || isKubeconfigPath(path)) return null;
  if (configCommand) return `error: "${path}": the only kubeconfig in this simulated cluster is ~/.kube/config`;
  return `error: stat ${path}: no such file or directory`;
}

/**
 * What stops a command from reaching the API server. `configuration`: the client config is unusable, so nothing is
 * sent; `refused` and `credentials`: the request is tried. `discovery` holds the lines logged on the way.
 */
export interface ConnectionProblem { kind: 'configuration' | 'refused' | 'credentials'; text: string; discovery: string }

/**
 * Why a command that talks to the API server cannot, with this context: `Error in configuration` for a context
 * that does not exist; for one that names no cluster of this kubeconfig, what kubectl prints when clientcmd falls
 * back to localhost:8080, where nothing listens (client-go's cached discovery logs five failed attempts through
 * klog, with this virtual instant and a fixed process id); for one without kind's user, a note that requests
 * without credentials are not modelled. Null when the context is kind's cluster and user.
 */
export function connectionProblem(c: Cluster, override: string | undefined, wallMs: number): ConnectionProblem | null {
  const name = override || kubeconfig(c).current;
  const context = findContext(c, name);
  if (!context) return { kind: 'configuration', text: `Error in configuration: context was not found for specified context: ${name}`, discovery: '' };
  if (!CLUSTERS.includes(context.cluster)) {
    const line = (i: number) => klogLine('E', wallMs, 611 + 1523 * i, 'memcache.go:265', '"Unhandled Error" err="couldn\'t get current server API group list: ' +
      'Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"');
    return { kind: 'refused', text: CONNECTION_REFUSED, discovery: [0, 1, 2, 3, 4].map(line).join('').replace(/\n$/, '') };
  }
  if (!USERS.includes(context.user)) {
    return { kind: 'credentials', text: `error: the context "${name}" names no user of this kubeconfig; requests without kind's credentials are not available in this simulated cluster`, discovery: '' };
  }
  return null;
}
