// Built-in starting scenarios. `seed` is the example of the seed article: the headless Service `nginx` and the
// StatefulSet `nginx-web` with claim template `www-storage`, applied at time 0.

/** The seed article's manifest: headless Service + StatefulSet with a volumeClaimTemplate. */
export const SEED_MANIFEST = `apiVersion: v1
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
  name: nginx-web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:alpine
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www-storage
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www-storage
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

export type ScenarioName = 'seed' | 'empty';

/** A starting scenario: the script lines run at time 0 (heredoc bodies inline as `stdin`). */
export interface Scenario {
  name: ScenarioName;
  steps: Array<{ line: string; stdin?: string }>;
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  seed: { name: 'seed', steps: [{ line: 'kubectl apply -f -', stdin: SEED_MANIFEST }] },
  empty: { name: 'empty', steps: [] },
};
