import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';
import { webStatefulSet } from '../../scenario/test-manifests.ts';

const out = (s: Session, line: string): string => s.exec(line).output.map((o) => o.text).join('');
const names = (c: Cluster, ns: string): string[] => c.store.list('ServiceAccount', ns).map((sa) => sa.metadata!.name!);

describe('ServiceAccounts', () => {
  it('a kind cluster starts with default in each namespace and the system ones in kube-system and local-path-storage', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    for (const ns of ['default', 'kube-node-lease', 'kube-public']) expect(names(c, ns)).toEqual(['default']);
    expect(names(c, 'local-path-storage')).toEqual(['default', 'local-path-provisioner-service-account']);
    const system = names(c, 'kube-system');
    expect(system).toHaveLength(40);
    for (const n of ['coredns', 'default', 'kindnet', 'kube-proxy', 'statefulset-controller', 'namespace-controller', 'generic-garbage-collector']) expect(system).toContain(n);
    // The cloud controllers do not run without a cloud provider.
    expect(system).not.toContain('service-controller');
    expect(c.store.list('ServiceAccount', 'kube-system').every((sa) => !sa.secrets && !sa.metadata?.labels)).toBe(true);
  });

  it('the controller makes default in a new namespace, and again when it is deleted, but not in a terminating one', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    s.exec('kubectl create namespace demo');
    c.advance(1);
    expect(c.store.get('ServiceAccount', 'demo', 'default')?.metadata).toMatchObject({ name: 'default', namespace: 'demo' });
    expect(out(s, 'kubectl delete sa default -n demo')).toBe('serviceaccount "default" deleted from demo namespace\n');
    c.advance(1);
    expect(names(c, 'demo')).toEqual(['default']);
    s.exec('kubectl delete ns demo --wait=false');
    c.advance(6_000);
    expect(names(c, 'demo')).toEqual([]);
  });

  it('a pod of a namespace just made runs as default at once: admission waits for the controller', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    s.exec('kubectl create namespace demo');
    expect(out(s, 'kubectl run x --image=nginx:alpine -n demo')).toBe('pod/x created\n');
    expect(c.store.get('Pod', 'demo', 'x')?.spec?.serviceAccountName).toBe('default');
  });

  it('a pod naming a ServiceAccount that does not exist is refused; a StatefulSet retries until it is made', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    s.exec('kubectl apply -f -', webStatefulSet(2).replace('    spec:\n      containers:', '    spec:\n      serviceAccountName: robot\n      containers:'));
    c.advance(5_000);
    expect(c.store.list('Pod', 'default').filter((p) => p.metadata!.name!.startsWith('web-'))).toEqual([]);
    const failed = c.store.list('Event', 'default').find((e) => e.reason === 'FailedCreate');
    expect(failed?.message).toBe('create Pod web-0 in StatefulSet web failed error: pods "web-0" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
    expect(failed?.type).toBe('Warning');
    expect(out(s, 'kubectl create serviceaccount robot')).toBe('serviceaccount/robot created\n');
    c.settle();
    expect(c.store.get('Pod', 'default', 'web-1')?.spec?.serviceAccountName).toBe('robot');
  });

  it('kubectl gets, describes and creates them as kubectl prints them', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    expect(out(s, 'kubectl get sa')).toBe('NAME      SECRETS   AGE\ndefault   0         0s\n');
    s.exec('kubectl apply -f -', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: pulls\nimagePullSecrets:\n- name: regcred\nsecrets:\n- name: a\n- name: b\n');
    // Every Secret it names is "(not found)": this cluster keeps none.
    expect(out(s, 'kubectl describe sa pulls')).toContain([
      'Image pull secrets:  regcred (not found)', 'Mountable secrets:   a (not found)', '                     b (not found)', 'Tokens:              <none>', ''].join('\n'));
    expect(out(s, 'kubectl describe serviceaccount default')).toBe([
      'Name:                default', 'Namespace:           default', 'Labels:              <none>', 'Annotations:         <none>',
      'Image pull secrets:  <none>', 'Mountable secrets:   <none>', 'Tokens:              <none>', 'Events:              <none>', '',
    ].join('\n'));
    // The namespace is in the generated object only when -n names it (EnforceNamespace).
    expect(out(s, 'kubectl create sa robot --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n');
    expect(out(s, 'kubectl create sa robot -n kube-public --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n  namespace: kube-public\n');
    expect(out(s, 'kubectl create sa default')).toBe('error: failed to create serviceaccount: serviceaccounts "default" already exists\n');
    expect(out(s, 'kubectl create sa Bad')).toBe(
      'error: failed to create serviceaccount: ServiceAccount "Bad" is invalid: metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n');
    expect(out(s, 'kubectl api-resources --api-group=')).toContain('serviceaccounts          sa           v1           true         ServiceAccount\nservices                 svc          v1           true         Service\n');
  });
});
