// The ServiceAccount controller: every active namespace has a ServiceAccount `default`, made when the namespace
// appears and made again when someone deletes it. Models pkg/controller/serviceaccount/serviceaccounts_controller.go.
import type { Cluster, Controller } from '../cluster.ts';
import type { Namespace } from '../api/types.ts';

const SYNC = 'serviceaccounts/sync';
/** The ServiceAccounts the controller keeps in every namespace (DefaultServiceAccountsControllerOptions). */
const ENSURED = ['default'];

// syncNamespace: a namespace that is not Active (being deleted) is left alone; a missing ServiceAccount is created
// with its name alone (an AlreadyExists or a Forbidden from a namespace turning Terminating is no failure).
function sync(c: Cluster, name: string): void {
  const ns = c.store.get('Namespace', '', name) as Namespace | undefined;
  if (!ns || ns.status?.phase !== 'Active' || ns.metadata?.deletionTimestamp) return;
  for (const sa of ENSURED) {
    if (c.store.get('ServiceAccount', name, sa)) continue;
    c.store.create('ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: name } }, { trusted: true, owned: true });
  }
}

/** The ServiceAccount controller. Timer `serviceaccounts/sync` (key: the namespace's name). */
export const serviceAccountsController: Controller = {
  name: 'serviceaccounts',
  kinds: ['Namespace', 'ServiceAccount'],
  onChange(e, c) {
    // A namespace added or changed, or one of the ensured ServiceAccounts deleted, queues its namespace.
    if (e.kind === 'Namespace') {
      if (e.type !== 'DELETED') c.enqueue(SYNC, e.object.metadata!.name!);
    } else if (e.type === 'DELETED' && ENSURED.includes(e.object.metadata!.name!)) {
      c.enqueue(SYNC, e.object.metadata!.namespace!);
    }
  },
  run(kind, key, c) {
    if (kind === SYNC) sync(c, key);
  },
};
