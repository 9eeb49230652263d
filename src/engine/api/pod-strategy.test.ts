import { describe, expect, it } from 'vitest';
import { POD_UPDATE_FORBIDDEN, podQOSClass } from './pod-strategy.ts';
import { defaultPod } from './pod-defaults.ts';
import { apiCluster } from './test-fixtures.ts';
import type { JsonMap, Pod } from './types.ts';

const pod = (spec: JsonMap): JsonMap => ({ metadata: { name: 'web-0' }, spec });
const nginx = (): JsonMap => ({ containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
const causes = (r: { ok: boolean; status?: { details?: { causes?: { field: string; message: string }[] } } }): string[] =>
  (r.ok ? [] : r.status!.details!.causes!.map((c) => `${c.field}: ${c.message}`));

describe('Pod create', () => {
  it('defaults, admits and resets status', () => {
    const c = apiCluster();
    const r = c.store.create('Pod', pod(nginx()));
    if (!r.ok) throw new Error(r.status.message);
    expect(r.object.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(r.object.metadata!.generation).toBe(1);
    expect(r.object.spec).toMatchObject({ serviceAccountName: 'default', priority: 0, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority' });
    expect(r.object.spec!.tolerations).toHaveLength(2);
  });

  it('stores the same pod, key order included, as the full create-time defaulting of the input', () => {
    const spec: JsonMap = {
      containers: [{ name: 'nginx', image: 'nginx:1.25', resources: { limits: { cpu: '0.5', memory: '1Gi' } }, readinessProbe: { httpGet: { port: 80 } }, volumeMounts: [{ name: 'www', mountPath: '/d' }] }],
      volumes: [{ name: 'www' }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
    };
    const r = apiCluster().store.create('Pod', pod(structuredClone(spec)));
    if (!r.ok) throw new Error(r.status.message);
    // Apart from the service account token (its volume name is random; see the next test), the same spec.
    const stored = structuredClone(r.object.spec) as unknown as JsonMap & { volumes: JsonMap[]; containers: Array<{ volumeMounts: JsonMap[] }> };
    stored.volumes.pop();
    stored.containers[0].volumeMounts.pop();
    expect(JSON.stringify(stored)).toBe(JSON.stringify(defaultPod(pod(structuredClone(spec)), true).spec));
  });

  it('mounts the service account token read-only in every container, from a projected kube-api-access volume', () => {
    const spec: JsonMap = {
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [
        { name: 'a', image: 'nginx', volumeMounts: [{ name: 'www', mountPath: '/d' }] },
        { name: 'b', image: 'nginx', volumeMounts: [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] },
      ],
      volumes: [{ name: 'www', emptyDir: {} }, { name: 'own', emptyDir: {} }],
    };
    const r = apiCluster().store.create('Pod', pod(structuredClone(spec)));
    if (!r.ok) throw new Error(r.status.message);
    const s = r.object.spec!;
    const vol = s.volumes!.at(-1)!;
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    const mount = { name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(s.initContainers![0].volumeMounts).toEqual([mount]);
    expect(s.containers[0].volumeMounts).toEqual([{ name: 'www', mountPath: '/d' }, mount]);
    // A container that mounts something at the token path keeps its own mount.
    expect(s.containers[1].volumeMounts).toEqual([{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    // automountServiceAccountToken: false on the pod opts out.
    const off = apiCluster().store.create('Pod', pod({ ...structuredClone(spec), automountServiceAccountToken: false }));
    if (!off.ok) throw new Error(off.status.message);
    expect(off.object.spec!.volumes!.map((v) => v.name)).toEqual(['www', 'own']);
    expect(off.object.spec!.containers[0].volumeMounts).toEqual([{ name: 'www', mountPath: '/d' }]);
  });

  it.each<[string, JsonMap, string[]]>([
    ['no image', { containers: [{ name: 'nginx' }] }, ['spec.containers[0].image: Required value']],
    ['no containers', { containers: [] }, ['spec.containers: Required value']],
    ['unknown mount', { containers: [{ name: 'nginx', image: 'i', volumeMounts: [{ name: 'www', mountPath: '/d' }] }] }, ['spec.containers[0].volumeMounts[0].name: Not found: "www"']],
    ['duplicate names', { containers: [{ name: 'a', image: 'i' }, { name: 'a', image: 'i' }] }, ['spec.containers[1].name: Duplicate value: "a"']],
    ['port 0', { containers: [{ name: 'a', image: 'i', ports: [{ containerPort: 70000 }] }] }, ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['bad subdomain', { ...nginx(), subdomain: 'Nginx_Svc' }, ["spec.subdomain: Invalid value: \"Nginx_Svc\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]],
    ['request above limit', { containers: [{ name: 'a', image: 'i', resources: { requests: { cpu: '100m' }, limits: { cpu: '10m' } } }] }, ['spec.containers[0].resources.requests: Invalid value: "100m": must be less than or equal to cpu limit of 10m']],
  ])('rejects %s', (_n, spec, want) => expect(causes(apiCluster().store.create('Pod', pod(spec)))).toEqual(want));

  it('computes the QoS class', () => {
    expect(podQOSClass({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' } } }] })).toBe('Guaranteed');
    expect(podQOSClass({ containers: [{ resources: { requests: { cpu: '1' } } }] })).toBe('Burstable');
    expect(podQOSClass({ containers: [{}] })).toBe('BestEffort');
  });
});

describe('Pod update', () => {
  const setup = () => {
    const c = apiCluster();
    const r = c.store.create('Pod', pod(nginx()));
    if (!r.ok) throw new Error(r.status.message);
    return { c, p: r.object };
  };
  const edit = (p: Pod, f: (spec: JsonMap) => void): Pod => { const o = structuredClone(p) as unknown as JsonMap; f(o.spec as JsonMap); return o as unknown as Pod; };

  it('allows an image change, binding and added tolerations', () => {
    const { c, p } = setup();
    const r = c.store.update('Pod', edit(p, (s) => {
      (s.containers as JsonMap[])[0].image = 'nginx:1.26';
      s.nodeName = 'kind-worker';
      (s.tolerations as JsonMap[]).push({ key: 'x', operator: 'Exists' });
    }));
    expect(r.ok).toBe(true);
    expect(r.ok && r.object.metadata!.generation).toBe(2);
  });

  it.each<[string, (s: JsonMap) => void]>([
    ['a port', (s) => { (s.containers as JsonMap[])[0].ports = [{ containerPort: 80, protocol: 'TCP' }]; }],
    ['the subdomain', (s) => { s.subdomain = 'x'; }],
    // (An empty list is no list once decoded: the old tolerations stay, as DefaultTolerationSeconds would add them back.)
    ['a removed toleration', (s) => { s.tolerations = (s.tolerations as JsonMap[]).slice(1); }],
  ])('forbids changing %s', (_n, f) => {
    const { c, p } = setup();
    expect(causes(c.store.update('Pod', edit(p, f)))).toEqual([`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}`]);
  });
});
