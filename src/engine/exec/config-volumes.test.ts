// What a container sees of its ConfigMaps and Secrets: their keys as read-only files in configMap, secret,
// projected and downwardAPI volumes, and their values in its environment as they were when it was created.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';
import { POD_SYNC_PERIOD_MS } from '../kubelet/stages.ts';

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  greeting: hello
  nested.conf: |
    a=1
binaryData:
  blob: aGk=
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: s3cret
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: web, tier: front}
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    env:
    - {name: DB_password, value: overridden}
    - name: GREETING
      valueFrom: {configMapKeyRef: {name: app, key: greeting}}
    envFrom:
    - secretRef: {name: creds}
      prefix: DB_
    - configMapRef: {name: app}
    volumeMounts:
    - {name: conf, mountPath: /etc/app}
    - {name: sec, mountPath: /etc/sec}
    - {name: info, mountPath: /etc/info}
  volumes:
  - name: conf
    configMap: {name: app}
  - name: sec
    secret: {secretName: creds, items: [{key: password, path: db/pw}]}
  - name: info
    downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
`;

function running(): Session {
  const c = Cluster.create({ seed: 1, freeze: true, checks: true });
  const s = new Session(c);
  s.exec('kubectl apply -f -', MANIFEST);
  c.advance(60_000);
  return s;
}
const out = (s: Session, line: string): string => s.exec(line).output.map((o) => o.text).join('');

describe('ConfigMap and Secret volumes in a container', () => {
  it('every key is a file (binaryData and Secret data decoded), items at their paths, read-only', () => {
    const s = running();
    expect(out(s, 'kubectl exec p -- ls /etc/app')).toBe('blob\ngreeting\nnested.conf\n');
    expect(out(s, 'kubectl exec p -- cat /etc/app/nested.conf /etc/app/blob')).toBe('a=1\nhi');
    expect(out(s, 'kubectl exec p -- ls /etc/sec')).toBe('db\n');
    expect(out(s, 'kubectl exec p -- cat /etc/sec/db/pw')).toBe('s3cret');
    expect(out(s, 'kubectl exec p -- cat /etc/info/labels')).toBe('app="web"\ntier="front"');
    expect(out(s, 'kubectl exec p -- ls /var/run/secrets/kubernetes.io/serviceaccount')).toBe('ca.crt\nnamespace\ntoken\n');
    expect(out(s, 'kubectl exec p -- cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(out(s, 'kubectl exec p -- rm /etc/app/greeting')).toBe('rm: can\'t remove \'/etc/app/greeting\': Read-only file system\ncommand terminated with exit code 1\n');
  });

  it('the environment keeps the values the container was created with; a mounted file shows the new one after the next sync', () => {
    const s = running();
    expect(out(s, "kubectl exec p -- sh -c 'echo $GREETING $DB_password $greeting'")).toBe('hello overridden hello\n');
    s.exec(`kubectl patch cm app -p '{"data":{"greeting":"bye"}}'`);
    s.exec('kubectl label pod p tier=back --overwrite');
    // The files are rewritten at the pod's next periodic sync (every minute), not at once.
    expect(out(s, "kubectl exec p -- sh -c 'echo $GREETING; cat /etc/app/greeting'")).toBe('hello\nhello');
    s.cluster.advance(POD_SYNC_PERIOD_MS);
    expect(out(s, "kubectl exec p -- sh -c 'echo $GREETING; cat /etc/app/greeting'")).toBe('hello\nbye');
    expect(out(s, 'kubectl exec p -- cat /etc/info/labels')).toBe('app="web"\ntier="back"');
  });

  it('a deleted ConfigMap leaves the files as they were, and each sync says it cannot set the volume up', () => {
    const s = running();
    s.exec('kubectl delete cm app');
    s.cluster.advance(3 * POD_SYNC_PERIOD_MS);
    expect(out(s, 'kubectl exec p -- cat /etc/app/greeting')).toBe('hello');
    const failed = s.cluster.store.list('Event', 'default').filter((e) => e.reason === 'FailedMount');
    expect(failed.map((e) => [e.message, e.count])).toEqual([['MountVolume.SetUp failed for volume "conf" : configmap "app" not found', 3]]);
  });
});
