// The root CA certificate publisher of kube-controller-manager: every namespace has a ConfigMap kube-root-ca.crt
// with the cluster's CA (what each pod's kube-api-access-* volume mounts as ca.crt). It is made when a namespace
// appears, made again when deleted, and put back when its data or its description annotation is changed. Models
// pkg/controller/certificates/rootcacertpublisher/publisher.go.
import type { Cluster, Controller } from '../cluster.ts';
import type { ConfigMap } from '../api/types.ts';
import { ROOT_CA_CONFIGMAP, rootCaConfigMap } from '../system-config.ts';

const SYNC = 'rootca/sync';

// syncNamespace: created when missing (a namespace that is gone or terminating refuses it, which is no failure);
// otherwise the data and the description annotation are made to match, every other field kept.
function sync(c: Cluster, ns: string): void {
  const want = rootCaConfigMap(ns);
  const cm = c.store.get('ConfigMap', ns, ROOT_CA_CONFIGMAP);
  if (!cm) {
    if (c.store.get('Namespace', '', ns)) c.store.create('ConfigMap', want, { trusted: true });
    return;
  }
  const annotation = Object.keys(want.metadata!.annotations!)[0]!;
  const sameData = JSON.stringify(cm.data ?? null) === JSON.stringify(want.data);
  if (sameData && cm.metadata?.annotations?.[annotation]) return;
  const next: ConfigMap = {
    ...cm,
    metadata: { ...cm.metadata, annotations: { ...cm.metadata?.annotations, [annotation]: want.metadata!.annotations![annotation]! } },
    data: { ...want.data },
  };
  c.store.update('ConfigMap', next, { trusted: true });
}

/** The root CA publisher. Timer `rootca/sync` (key: the namespace's name). */
export const rootCaController: Controller = {
  name: 'rootca',
  kinds: ['Namespace', 'ConfigMap'],
  onChange(e, c) {
    if (e.kind === 'Namespace') {
      // namespaceAdded, namespaceUpdated: any change of a namespace queues it.
      if (e.type !== 'DELETED') c.enqueue(SYNC, e.object.metadata!.name!);
      return;
    }
    // configMapDeleted, configMapUpdated: only its own ConfigMap matters.
    if (e.object.metadata!.name !== ROOT_CA_CONFIGMAP || e.type === 'ADDED') return;
    c.enqueue(SYNC, e.object.metadata!.namespace!);
  },
  run(kind, key, c) {
    if (kind === SYNC) sync(c, key);
  },
};
