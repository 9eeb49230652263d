// A settled cluster for the exec tests: the docs tutorial's headless Service `nginx` and StatefulSet `web`
// (nginx-slim, claim template `www` mounted on the document root), plus a busybox pod and an nginx:alpine pod.
// Built once and restored from a snapshot per test. Not used by production code.
import { Cluster, type ClusterState } from '../../engine/cluster.ts';
import { kc } from '../testing.ts';

const MANIFESTS = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "infinity"]
---
apiVersion: v1
kind: Pod
metadata:
  name: alpine
spec:
  containers:
  - name: nginx
    image: nginx:alpine
`;

let base: ClusterState | undefined;

/** A fresh copy of the settled fixture cluster. */
export function execCluster(): Cluster {
  if (!base) {
    const c = Cluster.create({ freeze: true });
    const r = kc(c, 'apply -f -', { stdin: MANIFESTS });
    if (r.code !== 0) throw new Error(r.err);
    c.settle();
    base = c.snapshot();
  }
  return Cluster.restore(base, { freeze: true });
}
