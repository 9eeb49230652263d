// The Kubernetes website's example files the StatefulSet Basics tutorial applies by URL (kubernetes/website,
// content/en/examples/application/web/), built in so `kubectl apply -f https://k8s.io/examples/…` works offline.
// Texts as published; no other URL can be read.

/** content/en/examples/application/web/web.yaml */
const WEB_YAML = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
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
        image: registry.k8s.io/nginx-slim:0.21
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
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi

`;

/** content/en/examples/application/web/web-parallel.yaml */
const WEB_PARALLEL_YAML = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app.kubernetes.io/name: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app.kubernetes.io/name: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  podManagementPolicy: "Parallel"
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
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
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

// The files by their path under the website's examples directory.
const FILES: ReadonlyMap<string, string> = new Map([
  ['application/web/web.yaml', WEB_YAML],
  ['application/web/web-parallel.yaml', WEB_PARALLEL_YAML],
]);

// Where the website serves that directory: its short link, the site itself, and the repository's raw files.
const ROOTS = ['k8s.io/examples/', 'kubernetes.io/examples/', 'raw.githubusercontent.com/kubernetes/website/main/content/en/examples/'];

/** The URLs the tutorial gives, as the not-modelled error lists them. */
export const DOC_EXAMPLE_URLS: readonly string[] = [...FILES.keys()].map((p) => `https://k8s.io/examples/${p}`);

/** Whether kubectl reads a `-f` argument as a URL rather than a path: it does for `http://` and `https://`. */
export function isManifestUrl(arg: string): boolean {
  return arg.startsWith('http://') || arg.startsWith('https://');
}

/** The text of a built-in documentation example for its URL (http or https, any of the three roots); null otherwise. */
export function docExample(url: string): string | null {
  const rest = url.replace(/^https?:\/\//, '');
  const root = ROOTS.find((r) => rest.startsWith(r));
  return root === undefined ? null : FILES.get(rest.slice(root.length)) ?? null;
}
