// A StatefulSet with init containers through the scenario runner: what `kubectl get pods -w` shows for each
// pod (Pending, Init:N/M, PodInitializing, Running) and that OrderedReady waits for a pod still initializing.
import { describe, expect, it } from 'vitest';
import { transcript } from '../../scenario/runner.ts';

function script(inits: string): string {
  return `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
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
      initContainers:
${inits}
      containers:
      - name: nginx
        image: nginx:alpine
EOF
kubectl get pods -w
kubectl get pods
`;
}

/** The -w lines of each pod, as its STATUS column with consecutive repeats dropped, and the line of each row. */
function watched(text: string): { statuses: Record<string, string[]>; rows: string[] } {
  const block = text.slice(text.indexOf('$ kubectl get pods -w'), text.lastIndexOf('$ kubectl get pods'));
  const rows = block.split('\n').slice(2).filter((l) => l.startsWith('web-'));
  const statuses: Record<string, string[]> = {};
  for (const row of rows) {
    const [name, , status] = row.split(/\s+/);
    const seq = (statuses[name] ??= []);
    if (seq[seq.length - 1] !== status) seq.push(status);
  }
  return { statuses, rows };
}

describe('a StatefulSet with init containers (scenario)', () => {
  it('brings each pod through Init:0/1 and PodInitializing to Running, one ordinal after the other', () => {
    const r = transcript(script(`      - name: init-html
        image: busybox:1.36
        command: ["sh", "-c", "sleep 2"]`), { seed: 3 });
    expect(r.exitCode).toBe(0);
    const { statuses, rows } = watched(r.text);
    for (const pod of ['web-0', 'web-1', 'web-2']) expect(statuses[pod]).toEqual(['Pending', 'Init:0/1', 'PodInitializing', 'Running']);
    // OrderedReady: web-n+1 appears only after web-n is Running (its init container done).
    for (const n of [0, 1]) {
      const running = rows.findIndex((l) => l.startsWith(`web-${n} `) && l.includes(' Running '));
      expect(rows.findIndex((l) => l.startsWith(`web-${n + 1} `))).toBeGreaterThan(running);
    }
  });

  it('counts init containers in order: Init:0/2, Init:1/2, then PodInitializing', () => {
    const r = transcript(script(`      - name: init-a
        image: busybox:1.36
        command: ["sleep", "3"]
      - name: init-b
        image: busybox:1.36
        command: ["sleep", "3"]`), { seed: 3 });
    expect(watched(r.text).statuses['web-0']).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  });

  it('holds the set at web-0 while its init container never completes', () => {
    const r = transcript(script(`      - name: init-web
        image: nginx:alpine`), { seed: 3 });
    const final = r.text.slice(r.text.lastIndexOf('$ kubectl get pods\n'));
    expect(final).toMatch(/^web-0\s+0\/1\s+Init:0\/1\s/m);
    expect(final).not.toMatch(/web-1/);
  });
});
