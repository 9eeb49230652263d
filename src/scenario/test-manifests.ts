// Manifests for tests: a headless Service and a StatefulSet `web` of nginx pods, optionally with a claim template
// mounted on the document root. Not used by production code.

/** The headless Service `nginx` selecting `app: web`. */
export const HEADLESS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
`;

/**
 * The StatefulSet `web` (serviceName nginx, label app: web, image nginx:alpine), with claim template `www` if asked;
 * `container`: more fields of its container, as YAML lines indented for it (each starting with a newline).
 */
export function webStatefulSet(replicas: number, claims = false, container = ''): string {
  const mount = claims ? `
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi` : '';
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:alpine${container}${mount}
`;
}
