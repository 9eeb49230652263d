import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import { expandVarRefs, metadataFieldValue, splitSubscript } from './container-env.ts';
import type { Pod } from '../api/types.ts';
import { statefulSetYaml } from './fixtures.ts';

function cluster(manifest: string, settle = true): Cluster {
  const c = Cluster.create({ freeze: true });
  const r = kc(c, 'apply -f -', { stdin: manifest });
  if (r.code !== 0) throw new Error(r.err);
  if (settle) c.advance(30_000);
  return c;
}

describe('$(NAME) expansion (the kubelet\'s, for env values, command and args)', () => {
  const vars: Record<string, string> = { A: 'one', EMPTY: '' };
  const lookup = (n: string): string | undefined => vars[n];
  it.each([
    ['$(A)-x', 'one-x'],
    ['[$(EMPTY)]', '[]'],
    ['$(UNKNOWN) stays', '$(UNKNOWN) stays'],
    ['$$(A) escapes', '$(A) escapes'],
    ['cost $5 and $', 'cost $5 and $'],
    ['open $(A', 'open $(A'],
    ['$(A)$(A)', 'oneone'],
    ['$(hostname) is a name too', '$(hostname) is a name too'],
    ['no dollar', 'no dollar'],
  ])('%s → %s', (input, want) => {
    expect(expandVarRefs(input, lookup)).toBe(want);
  });
});

describe('downward API field paths', () => {
  const pod = { metadata: { name: 'web-1', namespace: 'default', uid: 'u-1', labels: { app: 'web', 'apps.kubernetes.io/pod-index': '1' }, annotations: { note: 'a "b"' } } } as Pod;
  it('reads a label or annotation by key, empty when the pod has none by that key', () => {
    expect(splitSubscript("metadata.labels['apps.kubernetes.io/pod-index']")).toEqual({ path: 'metadata.labels', key: 'apps.kubernetes.io/pod-index' });
    expect(splitSubscript('metadata.labels')).toBeUndefined();
    expect(metadataFieldValue(pod, "metadata.labels['apps.kubernetes.io/pod-index']")).toBe('1');
    expect(metadataFieldValue(pod, "metadata.labels['missing']")).toBe('');
    expect(metadataFieldValue(pod, "metadata.annotations['note']")).toBe('a "b"');
  });
  it('formats whole maps as sorted key="value" lines, and knows no other paths', () => {
    expect(metadataFieldValue(pod, 'metadata.labels')).toBe('app="web"\napps.kubernetes.io/pod-index="1"');
    expect(metadataFieldValue(pod, 'metadata.annotations')).toBe('note="a \\"b\\""');
    expect(metadataFieldValue(pod, 'metadata.uid')).toBe('u-1');
    expect(metadataFieldValue(pod, 'status.phase')).toBeUndefined();
  });
});

const STS = statefulSetYaml('db', 2, `      serviceAccountName: default
      containers:
      - name: app
        image: busybox:1.36
        command: ["sh", "-c", "echo ordinal $(ORDINAL) of $(POD_NAME), id $(SERVER_ID), $$HOSTNAME; sleep 3600"]
        resources:
          limits: {memory: 128Mi, cpu: 500m}
        env:
        - name: ORDINAL
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: SERVER_ID
          value: "server-$(ORDINAL)"
        - name: LATER
          value: "$(DEFINED_BELOW)"
        - name: DEFINED_BELOW
          value: "x"
        - name: NODE
          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
        - name: HOST_IP
          valueFrom: {fieldRef: {fieldPath: status.hostIP}}
        - name: POD_IP
          valueFrom: {fieldRef: {fieldPath: status.podIP}}
        - name: SA
          valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}
        - name: MEM
          valueFrom: {resourceFieldRef: {resource: limits.memory}}
        - name: MEM_MI
          valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
        - name: CPU
          valueFrom: {resourceFieldRef: {resource: limits.cpu}}
        - name: CPU_M
          valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
        - name: STORAGE
          valueFrom: {resourceFieldRef: {resource: limits.ephemeral-storage}}
        - name: EMPTY
          value: ""
        - name: SVC
          value: "$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)"
        - name: HOME
          value: /data
`);

describe('the environment the kubelet gives a StatefulSet pod', () => {
  it('resolves the pod-index label, the pod\'s fields and its resources, and expands $(NAME) in values and the command', () => {
    const c = cluster(STS);
    const pod = c.store.get('Pod', 'default', 'db-1')!;
    const node = c.store.get('Node', '', pod.spec!.nodeName!)!;
    const hostIP = node.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    const alloc = node.status!.allocatable!;
    const env = kc(c, 'exec db-1 -- printenv ORDINAL POD_NAME SERVER_ID LATER NODE HOST_IP POD_IP SA MEM MEM_MI CPU CPU_M EMPTY SVC HOME');
    expect(env.code).toBe(0);
    expect(env.out.split('\n')).toEqual([
      '1', 'db-1', 'server-1',
      '$(DEFINED_BELOW)', // only variables declared before a value are expanded in it
      pod.spec!.nodeName, hostIP, pod.status!.podIP, 'default',
      String(128 * 1024 * 1024), '128',
      '1', // limits.cpu 500m in cores, rounded up
      '500', // requests default to limits
      '',
      '10.96.0.1:443',
      '/data', // a HOME the pod sets is kept
      '',
    ]);
    // A limit the container does not set is the node's allocatable amount.
    const storage = kc(c, 'exec db-1 -- printenv STORAGE').out.trim();
    expect(BigInt(storage)).toBeGreaterThan(0n);
    expect(alloc['ephemeral-storage']).toBeDefined();
    // The kubelet expanded the command before the shell ran it; `$$` reached the shell as `$`.
    expect(kc(c, 'logs db-0').out).toBe('ordinal 0 of db-0, id server-0, db-0\n');
    expect(kc(c, 'logs db-1').out).toBe('ordinal 1 of db-1, id server-1, db-1\n');
  });

  it('leaves an unknown $(NAME) in the command for the shell, which runs it as a command substitution', () => {
    const c = cluster(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo [$(NOPE)]"]
`);
    expect(kc(c, 'logs p')).toEqual({ out: 'sh: NOPE: not found\n[]\n', err: '', code: 0 });
  });

  it('gives Service variables of the pod\'s namespace only with enableServiceLinks, and the kubernetes Service always', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-db\nspec:\n  ports:\n  - {name: sql, port: 5432}\n---\n';
    const pod = (name: string, links: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  enableServiceLinks: ${links}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`;
    const c = cluster(svc + pod('linked', true) + '---\n' + pod('unlinked', false));
    const ip = c.store.get('Service', 'default', 'my-db')!.spec!.clusterIP!;
    expect(kc(c, 'exec linked -- printenv MY_DB_SERVICE_HOST MY_DB_SERVICE_PORT_SQL MY_DB_PORT_5432_TCP_ADDR KUBERNETES_SERVICE_HOST').out)
      .toBe(`${ip}\n5432\n${ip}\n10.96.0.1\n`);
    const unlinked = kc(c, 'exec unlinked -- printenv MY_DB_SERVICE_HOST KUBERNETES_SERVICE_HOST');
    expect(unlinked.out).toBe('10.96.0.1\n');
    expect(unlinked.code).toBe(1);
  });

  it('writes a resourceFieldRef divisor back as the API server does: "0" when unset, canonical when set', () => {
    const c = cluster(STS, false);
    const env = c.store.get('StatefulSet', 'default', 'db')!.spec!.template.spec!.containers[0].env!;
    expect(env.find((e) => e.name === 'MEM')!.valueFrom!.resourceFieldRef!.divisor).toBe('0');
    expect(env.find((e) => e.name === 'MEM_MI')!.valueFrom!.resourceFieldRef!.divisor).toBe('1Mi');
  });
});

describe('a downwardAPI volume', () => {
  it('projects a label by key and a container\'s limit', () => {
    const c = cluster(`apiVersion: v1
kind: Pod
metadata:
  name: info
  labels: {zone: a, tier: db}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    resources:
      limits: {memory: 64Mi}
    volumeMounts:
    - {name: podinfo, mountPath: /etc/podinfo}
  volumes:
  - name: podinfo
    downwardAPI:
      items:
      - path: tier
        fieldRef: {fieldPath: "metadata.labels['tier']"}
      - path: labels
        fieldRef: {fieldPath: metadata.labels}
      - path: mem_limit
        resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}
`);
    expect(kc(c, 'exec info -- cat /etc/podinfo/tier /etc/podinfo/labels /etc/podinfo/mem_limit').out).toBe('dbtier="db"\nzone="a"64');
  });
});

describe('env validation', () => {
  const bad = (env: string): string => {
    const c = Cluster.create({ freeze: true });
    const r = kc(c, 'apply -f -', { stdin: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n${env}` });
    expect(r.code).toBe(1);
    expect(c.store.get('Pod', 'default', 'bad')).toBeUndefined();
    return r.err;
  };
  it('refuses a field path the API server cannot convert, or one env vars may not read', () => {
    expect(bad('    - name: A\n      valueFrom:\n        fieldRef: {fieldPath: metadata.foo}\n')).toBe('The Pod "bad" is invalid: spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.foo": error converting fieldPath: field label not supported: metadata.foo\n');
    expect(bad('    - name: A\n      valueFrom:\n        fieldRef: {fieldPath: status.phase}\n')).toBe('The Pod "bad" is invalid: spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"\n');
    expect(bad("    - name: A\n      valueFrom:\n        fieldRef: {fieldPath: \"spec.nodeName['x']\"}\n")).toContain('error converting fieldPath: field label does not support subscript: spec.nodeName[\'x\']');
    expect(bad('    - name: A\n      valueFrom:\n        fieldRef: {apiVersion: v2, fieldPath: metadata.name}\n')).toContain('fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2');
  });
  it('refuses a value with a source, a source-less valueFrom, a name with "=", and an unknown resource or divisor', () => {
    expect(bad('    - name: A\n      value: x\n      valueFrom:\n        fieldRef: {fieldPath: metadata.name}\n')).toContain('spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty');
    expect(bad('    - name: A\n      valueFrom: {}\n')).toContain('valueFrom: Invalid value: "": may not have more than one field specified at a time');
    expect(bad('    - name: A=B\n      value: x\n')).toContain('env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'');
    expect(bad('    - name: A\n      valueFrom:\n        resourceFieldRef: {resource: limits.gpu}\n')).toContain('resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"');
    expect(bad('    - name: A\n      valueFrom:\n        resourceFieldRef: {resource: limits.cpu, divisor: 2}\n')).toContain('resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource');
  });
  it('accepts a label by key, a name with spaces and dots, and an empty value', () => {
    const c = Cluster.create({ freeze: true });
    const r = kc(c, 'apply -f -', { stdin: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n    - name: my.var 1\n      value: ''\n    - name: IDX\n      valueFrom:\n        fieldRef: {fieldPath: \"metadata.labels['apps.kubernetes.io/pod-index']\"}\n" });
    expect(r).toEqual({ out: 'pod/ok created\n', err: '', code: 0 });
  });
});
