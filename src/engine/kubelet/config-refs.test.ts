// A pod's ConfigMaps and Secrets as the kubelet needs them: volumes wait (ContainerCreating, FailedMount with the
// volume manager's back-off) until they can be set up; a container whose environment names a missing object or key
// fails with CreateContainerConfigError and is tried again after the pod worker's back-off.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';
import type { Event, Pod } from '../api/types.ts';
import { mountRetryMs } from './stages.ts';

const podYaml = (spec: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${spec}`;

function start(spec: string): { c: Cluster; s: Session; pod: () => Pod } {
  const c = Cluster.create({ seed: 1, freeze: true, checks: true });
  const s = new Session(c);
  const r = s.exec('kubectl apply -f -', podYaml(spec));
  expect(r.output.map((o) => o.text).join('')).toBe('pod/p created\n');
  return { c, s, pod: () => c.store.get('Pod', 'default', 'p')! };
}
const apply = (s: Session, yaml: string): string => s.exec('kubectl apply -f -', yaml).output.map((o) => o.text).join('');
const events = (c: Cluster, reason: string): Event[] =>
  c.store.list('Event', 'default').filter((e) => e.involvedObject.name === 'p' && e.reason === reason);
const waiting = (p: Pod) => p.status?.containerStatuses?.[0]?.state?.waiting;

const VOLUME = `  containers:
  - name: app
    image: nginx:alpine
    volumeMounts:
    - {name: conf, mountPath: /etc/conf}
  volumes:
  - name: conf
    configMap: {name: app-config}
`;

describe('ConfigMap and Secret volumes', () => {
  it('a missing ConfigMap keeps the pod ContainerCreating, one FailedMount per attempt with a doubling back-off up to 2m2s', () => {
    const { c, pod } = start(VOLUME);
    c.advance(180_000);
    expect(pod().status?.phase).toBe('Pending');
    expect(waiting(pod())?.reason).toBe('ContainerCreating');
    expect(pod().status?.podIP).toBeUndefined();
    const [e] = events(c, 'FailedMount');
    expect(e?.message).toBe('MountVolume.SetUp failed for volume "conf" : configmap "app-config" not found');
    expect(e?.type).toBe('Warning');
    expect(e?.source).toEqual({ component: 'kubelet', host: pod().spec!.nodeName });
    // Attempts at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5 and 127.5 s after the first.
    expect(e?.count).toBe(9);
    expect([1, 2, 9, 10, 11].map(mountRetryMs)).toEqual([500, 1000, 122_000, 122_000, 122_000]);
    // The why, once: the first failure.
    expect(c.state.trace.filter((r) => r.type === 'kubelet.waiting').map((r) => [r.rule, r.detail])).toEqual([
      ['volume-source', { node: pod().spec!.nodeName, volume: 'conf', error: 'configmap "app-config" not found' }],
    ]);
    // No timeout event: an interrupted WaitForAttachAndMount records none.
    expect(c.store.list('Event', 'default').some((x) => x.message?.startsWith('Unable to attach or mount'))).toBe(false);
  });

  it('the pod goes on at the next attempt after the ConfigMap is made', () => {
    const { c, s, pod } = start(VOLUME);
    c.advance(10_000);
    expect(apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  a: b\n')).toBe('configmap/app-config created\n');
    // The next attempt is 15.5 s after the first.
    c.advance(5_000);
    expect(pod().status?.podIP).toBeUndefined();
    c.settle();
    expect(pod().status?.phase).toBe('Running');
    expect(events(c, 'FailedMount')[0]?.count).toBe(5);
  });

  it('a running pod whose ConfigMap is deleted keeps running; its syncs report FailedMount without keeping the cluster busy', () => {
    const { c, s, pod } = start(VOLUME);
    apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  a: b\n');
    expect(c.settle().settled).toBe(true);
    s.exec('kubectl delete cm app-config');
    expect(c.settle().settled).toBe(true);
    c.advance(5 * 60_000);
    expect(pod().status?.phase).toBe('Running');
    expect(events(c, 'FailedMount').map((e) => [e.message, e.count])).toEqual([['MountVolume.SetUp failed for volume "conf" : configmap "app-config" not found', 5]]);
  });

  it('optional sources, missing items, Secrets and projected volumes', () => {
    const optional = start(VOLUME.replace('{name: app-config}', '{name: app-config, optional: true}'));
    optional.c.settle();
    expect(optional.pod().status?.phase).toBe('Running');

    const secret = start(VOLUME.replace('configMap: {name: app-config}', 'secret: {secretName: creds}'));
    secret.c.advance(1_000);
    expect(events(secret.c, 'FailedMount')[0]?.message).toBe('MountVolume.SetUp failed for volume "conf" : secret "creds" not found');
    apply(secret.s, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: admin\n');
    secret.c.settle();
    expect(secret.pod().status?.phase).toBe('Running');

    const item = start(VOLUME.replace('{name: app-config}', '{name: app-config, items: [{key: missing, path: m}]}'));
    apply(item.s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\nbinaryData:\n  present: eA==\n');
    item.c.advance(1_000);
    expect(events(item.c, 'FailedMount')[0]?.message).toBe('MountVolume.SetUp failed for volume "conf" : configmap references non-existent config key: missing');

    const projected = start(VOLUME.replace('configMap: {name: app-config}', 'projected: {sources: [{configMap: {name: a}}, {secret: {name: b}}]}'));
    projected.c.advance(1_000);
    expect(events(projected.c, 'FailedMount')[0]?.message).toBe('MountVolume.SetUp failed for volume "conf" : [configmap "a" not found, secret "b" not found]');
  });
});

const ENV = `  containers:
  - name: app
    image: nginx:alpine
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef: {name: app-env, key: greeting}
`;

describe('the environment from ConfigMaps and Secrets', () => {
  it('a missing ConfigMap is CreateContainerConfigError, tried again every 10 to 15 s until it is made', () => {
    const { c, s, pod } = start(ENV);
    c.advance(60_000);
    expect(waiting(pod())).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-env" not found' });
    const failed = events(c, 'Failed');
    expect(failed.map((e) => e.message)).toEqual(['Error: configmap "app-env" not found']);
    // Each try pulls first (the image is present by then), then fails again.
    const tries = failed[0]!.count!;
    expect(tries).toBeGreaterThanOrEqual(4);
    expect(tries).toBeLessThanOrEqual(6);
    expect(events(c, 'Pulled').find((e) => e.message?.startsWith('Container image'))?.count).toBe(tries - 1);
    apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-env\ndata:\n  other: x\n');
    c.advance(16_000);
    expect(waiting(pod())?.message).toBe("couldn't find key greeting in ConfigMap default/app-env");
    // The why, once per error (not at every try).
    expect(c.state.trace.filter((r) => r.type === 'kubelet.waiting').map((r) => [r.rule, r.detail?.container, r.detail?.error])).toEqual([
      ['container-config', 'app', 'configmap "app-env" not found'],
      ['container-config', 'app', "couldn't find key greeting in ConfigMap default/app-env"],
    ]);
    // binaryData is not read for the environment.
    apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-env\nbinaryData:\n  greeting: eA==\n');
    c.advance(16_000);
    expect(waiting(pod())?.message).toBe("couldn't find key greeting in ConfigMap default/app-env");
    apply(s, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-env\ndata:\n  greeting: hello\n');
    c.settle();
    expect(pod().status?.containerStatuses?.[0]?.state?.running).toBeDefined();
  });

  it('envFrom and Secret keys, and optional references', () => {
    const from = start(ENV.replace(/    env:[^]*$/, '    envFrom:\n    - secretRef: {name: creds}\n'));
    from.c.advance(20_000);
    expect(waiting(from.pod())?.message).toBe('secret "creds" not found');

    const key = start(ENV.replace('configMapKeyRef: {name: app-env, key: greeting}', 'secretKeyRef: {name: creds, key: password}'));
    apply(key.s, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: admin\n');
    key.c.advance(20_000);
    expect(waiting(key.pod())?.message).toBe("couldn't find key password in Secret default/creds");

    const optional = start(ENV.replace('key: greeting}', 'key: greeting, optional: true}'));
    optional.c.settle();
    expect(optional.pod().status?.phase).toBe('Running');
  });
});

describe('image pull secrets', () => {
  it('a missing one is reported at the first sync and at each periodic sync until it exists; the pod runs anyway', () => {
    const { c, s, pod } = start(`  imagePullSecrets: [{name: regcred}, {name: ''}]
  containers:
  - name: app
    image: nginx:alpine
`);
    c.advance(3 * 60_000);
    expect(pod().status?.phase).toBe('Running');
    const [e] = events(c, 'FailedToRetrieveImagePullSecret');
    expect(e?.type).toBe('Warning');
    expect(e?.message).toBe('Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.');
    const count = e!.count!;
    expect(count).toBeGreaterThanOrEqual(3);
    apply(s, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: "{}"\n');
    c.advance(3 * 60_000);
    expect(events(c, 'FailedToRetrieveImagePullSecret')[0]?.count).toBe(count);
    expect(c.settle().settled).toBe(true);
  });

  it("a pod that names none gets its ServiceAccount's, and no token when the ServiceAccount opts out", () => {
    const c = Cluster.create({ seed: 1, freeze: true, checks: true });
    const s = new Session(c);
    apply(s, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\nautomountServiceAccountToken: false\nimagePullSecrets:\n- name: regcred\n');
    apply(s, podYaml('  serviceAccountName: builder\n  containers:\n  - name: app\n    image: nginx:alpine\n'));
    const p = c.store.get('Pod', 'default', 'p')!;
    expect(p.spec?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(p.spec?.volumes).toBeUndefined();
    // The pod's own choice wins over the ServiceAccount's.
    apply(s, podYaml('  serviceAccountName: builder\n  automountServiceAccountToken: true\n  imagePullSecrets: [{name: own}]\n  containers:\n  - name: app\n    image: nginx:alpine\n').replace('name: p', 'name: q'));
    const q = c.store.get('Pod', 'default', 'q')!;
    expect(q.spec?.imagePullSecrets).toEqual([{ name: 'own' }]);
    expect(q.spec?.volumes?.[0]?.name).toMatch(/^kube-api-access-/);
  });
});
