// The API server stores what encoding/json writes of the decoded Go object: zero-valued omitempty fields are
// left out (a pointer's explicit zero is kept), fields without omitempty always written, nulls read as zero values.
import { describe, expect, it } from 'vitest';
import { withoutOmittedZeros } from './schema.ts';
import { apiCluster, webStatefulSet } from './test-fixtures.ts';
import type { JsonMap, KObject } from './types.ts';

const spec = (o: JsonMap): JsonMap => o.spec as JsonMap;
const template = (o: JsonMap): JsonMap => spec(o).template as JsonMap;
const podSpec = (o: JsonMap): JsonMap => spec(template(o));
const container = (o: JsonMap): JsonMap => (podSpec(o).containers as JsonMap[])[0];

// The web StatefulSet with zero values set all over.
function zeroed(): JsonMap {
  const ss = webStatefulSet();
  (ss.metadata as JsonMap).labels = {};
  Object.assign(spec(ss), { minReadySeconds: 0, podManagementPolicy: '', replicas: 0 });
  (template(ss).metadata as JsonMap).labels = { app: 'nginx', tier: '' };
  Object.assign(podSpec(ss), { hostNetwork: false, hostPID: false, nodeSelector: {}, automountServiceAccountToken: false, terminationGracePeriodSeconds: 0, dnsPolicy: '', tolerations: [] });
  Object.assign(container(ss), { args: [], command: [], workingDir: '', stdin: false, env: [] });
  container(ss).ports = [{ containerPort: 80, name: '', hostPort: 0, hostIP: '' }];
  const claim = (spec(ss).volumeClaimTemplates as JsonMap[])[0];
  Object.assign(spec(claim), { volumeName: '', storageClassName: '', selector: null });
  (claim.metadata as JsonMap).annotations = {};
  return ss;
}

describe('the stored object leaves out zero-valued omitempty fields', () => {
  it('stores a StatefulSet applied with zero values without them, keeping pointers, required fields and label values', () => {
    const c = apiCluster();
    const r = c.store.create('StatefulSet', zeroed() as KObject);
    expect(r.ok).toBe(true);
    const o = c.store.get('StatefulSet', 'default', 'web') as unknown as JsonMap;
    expect(o.metadata).not.toHaveProperty('labels');
    expect(spec(o)).not.toHaveProperty('minReadySeconds');
    // A pointer keeps its explicit zero.
    expect(spec(o).replicas).toBe(0);
    expect(template(o).metadata).toEqual({ labels: { app: 'nginx', tier: '' } });
    const ps = podSpec(o);
    for (const k of ['hostNetwork', 'hostPID', 'nodeSelector', 'tolerations']) expect(ps).not.toHaveProperty(k);
    expect(ps.automountServiceAccountToken).toBe(false);
    expect(ps.terminationGracePeriodSeconds).toBe(0);
    const ctr = container(o);
    for (const k of ['args', 'command', 'workingDir', 'stdin', 'env']) expect(ctr).not.toHaveProperty(k);
    expect(ctr.name).toBe('nginx');
    // Nested: the port keeps containerPort (no omitempty) and loses its zero name, hostPort and hostIP.
    expect((ctr.ports as JsonMap[]).map((p) => Object.keys(p).sort())).toEqual([['containerPort', 'protocol']]);
    const claim = (spec(o).volumeClaimTemplates as JsonMap[])[0];
    expect(claim.metadata).toEqual({ name: 'www' });
    expect(spec(claim)).not.toHaveProperty('volumeName');
    expect(spec(claim)).not.toHaveProperty('selector');
    // storageClassName is a *string: "" is a value.
    expect(spec(claim).storageClassName).toBe('');
  });

  it('reads a null as Go does: the zero value of a field without omitempty, nothing for one with it', () => {
    const c = apiCluster();
    const ss = webStatefulSet();
    Object.assign(spec(ss), { serviceName: null, minReadySeconds: null, ordinals: null });
    (template(ss).metadata as JsonMap).labels = { app: 'nginx', tier: null };
    Object.assign(podSpec(ss), { hostNetwork: null, affinity: null, volumes: null });
    container(ss).args = ['run', null];
    const r = c.store.create('StatefulSet', ss as KObject);
    expect(r.ok).toBe(true);
    const o = c.store.get('StatefulSet', 'default', 'web') as unknown as JsonMap;
    expect(spec(o).serviceName).toBe('');
    expect(spec(o)).not.toHaveProperty('minReadySeconds');
    expect(spec(o)).not.toHaveProperty('ordinals');
    expect((template(o).metadata as JsonMap).labels).toEqual({ app: 'nginx', tier: '' });
    for (const k of ['hostNetwork', 'affinity', 'volumes']) expect(podSpec(o)).not.toHaveProperty(k);
    expect(container(o).args).toEqual(['run', '']);
    // Validation sees what Go would: a null image is an empty one, Required (as before).
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: null }] } };
    const bad = c.store.create('Pod', pod as unknown as KObject);
    expect(!bad.ok && bad.status.message).toBe('Pod "p" is invalid: spec.containers[0].image: Required value');
  });

  it('makes an update that only sets zero values a no-op', () => {
    const c = apiCluster();
    const first = c.store.create('StatefulSet', webStatefulSet() as KObject);
    expect(first.ok).toBe(true);
    const live = structuredClone(c.store.get('StatefulSet', 'default', 'web')!) as unknown as JsonMap;
    Object.assign(spec(live), { minReadySeconds: 0 });
    Object.assign(podSpec(live), { hostNetwork: false, nodeSelector: {} });
    container(live).args = [];
    const r = c.store.update('StatefulSet', live as KObject);
    expect(r.ok).toBe(true);
    expect(r.ok && r.object.metadata!.resourceVersion).toBe(first.ok && first.object.metadata!.resourceVersion);
    expect(c.store.get('StatefulSet', 'default', 'web')!.spec).not.toHaveProperty('minReadySeconds');
  });
});

describe('withoutOmittedZeros', () => {
  it('keeps struct values (IntOrString, Quantity, structs), list elements and unchecked subtrees', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 0, targetPort: 0, nodePort: 0, name: '' }], sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } } };
    expect(withoutOmittedZeros('Service', svc as unknown as KObject)).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 0, targetPort: 0 }], sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } } });
    const ss = webStatefulSet();
    Object.assign(spec(ss), { updateStrategy: {}, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { resources: { requests: { storage: null } } } }] });
    podSpec(ss).securityContext = { runAsUser: 0, runAsNonRoot: false };
    const out = withoutOmittedZeros('StatefulSet', ss as KObject) as unknown as JsonMap;
    expect(spec(out).updateStrategy).toEqual({});
    // A null quantity decodes to zero, which encodes as "0".
    expect((spec(out).volumeClaimTemplates as JsonMap[])[0].spec).toEqual({ resources: { requests: { storage: '0' } } });
    expect(podSpec(out).securityContext).toEqual({ runAsUser: 0, runAsNonRoot: false });
  });

  it('reads a null struct as its zero value, with the fields Go writes even then', () => {
    const ss = webStatefulSet();
    spec(ss).template = null;
    spec(ss).updateStrategy = null;
    const out = withoutOmittedZeros('StatefulSet', ss as KObject) as unknown as JsonMap;
    expect(spec(out).template).toEqual({ metadata: {}, spec: { containers: null } });
    expect(spec(out).updateStrategy).toEqual({});
    expect(withoutOmittedZeros('Pod', { metadata: { name: 'p' }, spec: { containers: [null] } } as unknown as KObject))
      .toEqual({ metadata: { name: 'p' }, spec: { containers: [{ name: '', resources: {} }] } });
  });

  it('leaves its input alone and shares what does not change', () => {
    const ss = zeroed();
    const before = structuredClone(ss);
    const out = withoutOmittedZeros('StatefulSet', ss as KObject) as unknown as JsonMap;
    expect(ss).toEqual(before);
    expect(out).not.toBe(ss);
    expect(out.metadata).toEqual({ name: 'web' });
    expect((spec(out).selector)).toBe(spec(ss).selector);
    const clean = webStatefulSet();
    expect(withoutOmittedZeros('StatefulSet', clean as KObject)).toBe(clean);
  });
});
