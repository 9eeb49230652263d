// Test fixtures shared by the API strategy tests: the upstream `web` StatefulSet and a store wired with
// the real strategy registry (no controllers).
import { Cluster } from '../cluster.ts';
import type { JsonMap } from './types.ts';

/** The `web` StatefulSet of the Kubernetes docs (nginx-slim:0.24, claim template `www`). */
export function webStatefulSet(): JsonMap {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'nginx' } },
      serviceName: 'nginx',
      replicas: 3,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{
            name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24',
            ports: [{ containerPort: 80, name: 'web' }],
            volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
          }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** A bootstrapped cluster with frozen objects and no controllers running. */
export function apiCluster(gates: Record<string, boolean> = {}): Cluster {
  return Cluster.create({ freeze: true, controllers: [], gates });
}
