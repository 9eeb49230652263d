// The kubeconfig kind writes for the playground's cluster: one cluster, user and context, all `kind-kind`, no
// namespace set. `config` reads it and `cluster-info` names its server; nothing here changes.

/** The API server's address as kind's kubeconfig gives it (kind picks a free host port; this one is fixed). */
export const SERVER = 'https://127.0.0.1:45331';

/** The name of kind's cluster, user and context (`kind-<cluster name>`). */
export const KIND_NAME = 'kind-kind';

/** A context of the kubeconfig. */
export interface KubeContext { name: string; cluster: string; user: string; namespace: string }

/** The contexts, sorted by name, and the current one. */
export const CONTEXTS: readonly KubeContext[] = [{ name: KIND_NAME, cluster: KIND_NAME, user: KIND_NAME, namespace: '' }];
export const CURRENT_CONTEXT = KIND_NAME;
export const CLUSTERS: readonly string[] = [KIND_NAME];
export const USERS: readonly string[] = [KIND_NAME];

/**
 * The kubeconfig as `config view` prints it by default (clientcmdapi.ShortenConfig: certificate and key data shown
 * as DATA+OMITTED), in the v1 Config struct's field order.
 */
export function shortenedConfig(): Record<string, unknown> {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: CLUSTERS.map((name) => ({ name, cluster: { server: SERVER, 'certificate-authority-data': 'DATA+OMITTED' } })),
    users: USERS.map((name) => ({ name, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } })),
    contexts: CONTEXTS.map((c) => ({ name: c.name, context: { cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
    'current-context': CURRENT_CONTEXT,
  };
}
