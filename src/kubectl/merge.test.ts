import { describe, expect, it } from 'vitest';
import { PatchError, mergePatch, strategicMerge } from './merge.ts';
import { threeWay, threeWayPatch } from './three-way.ts';
import { jsonPatch } from './json-patch.ts';

const sts = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec });
const podSpec = (containers: unknown[], extra: Record<string, unknown> = {}) => sts({ template: { spec: { containers, ...extra } } });
const containersOf = (o: unknown) => (o as { spec: { template: { spec: { containers: { name: string }[] } } } }).spec.template.spec.containers;
const thrown = (f: () => unknown): PatchError => {
  try { f(); } catch (e) { if (e instanceof PatchError) return e; throw e; }
  throw new Error('no error');
};

describe('strategic merge patch (kubectl patch)', () => {
  it('merges containers by name and deletes with null', () => {
    const live = podSpec([{ name: 'a', image: '1', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'b', image: '1' }], { x: 1 });
    expect(strategicMerge(live, { spec: { template: { spec: { containers: [{ name: 'b', image: '2' }], x: null } } } }))
      .toEqual(podSpec([{ name: 'a', image: '1', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'b', image: '2' }]));
  });

  it('puts a container new to the list before the live ones, as the API server orders it', () => {
    const out = strategicMerge(podSpec([{ name: 'nginx', image: 'nginx' }]), { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } });
    expect(containersOf(out).map((c) => c.name)).toEqual(['sidecar', 'nginx']);
    // The raw new item keeps no null once decoded.
    expect(containersOf(strategicMerge(podSpec([]), { spec: { template: { spec: { containers: [{ name: 'x', workingDir: null }] } } } }))).toEqual([{ name: 'x' }]);
  });

  it('merges finalizers as a set: a patch list adds, [] changes nothing, null removes them all', () => {
    const live = sts({}, { name: 'web', finalizers: ['a/b'] });
    expect((strategicMerge(live, { metadata: { finalizers: ['c/d'] } }) as typeof live).metadata.finalizers).toEqual(['c/d', 'a/b']);
    expect(strategicMerge(live, { metadata: { finalizers: [] } })).toEqual(live);
    expect((strategicMerge(live, { metadata: { finalizers: null } }) as typeof live).metadata).toEqual({ name: 'web' });
    expect((strategicMerge(sts({}, { name: 'web', finalizers: ['a', 'b', 'c'] }), { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } }) as typeof live).metadata.finalizers)
      .toEqual(['a', 'c']);
  });

  it('replaces lists without a merge key (tolerations, readinessGates) and merges keyed ones (Service ports by port)', () => {
    const live = podSpec([{ name: 'c' }], { tolerations: [{ key: 'a' }], readinessGates: [{ conditionType: 'x' }] });
    const out = strategicMerge(live, { spec: { template: { spec: { tolerations: [{ key: 'b' }], readinessGates: [{ conditionType: 'y' }] } } } });
    expect(out).toEqual(podSpec([{ name: 'c' }], { tolerations: [{ key: 'b' }], readinessGates: [{ conditionType: 'y' }] }));
    const svc = { kind: 'Service', spec: { ports: [{ port: 80, name: 'web' }, { port: 443, name: 'tls' }] } };
    expect(strategicMerge(svc, { spec: { ports: [{ port: 443, name: 'https' }] } }))
      .toEqual({ kind: 'Service', spec: { ports: [{ port: 80, name: 'web' }, { port: 443, name: 'https' }] } });
  });

  it('refuses a keyed list item without its merge key as the API server does', () => {
    const e = thrown(() => strategicMerge(podSpec([{ name: 'nginx' }]), { spec: { template: { spec: { containers: [{ image: 'nginx:1.28' }] } } } }));
    expect(e.message).toBe('map: map[image:nginx:1.28] does not contain declared merge key: name');
    expect(e.kubectlText).toBe('Error from server: map: map[image:nginx:1.28] does not contain declared merge key: name');
    expect(thrown(() => strategicMerge(podSpec([]), [1])).kubectlText)
      .toBe('Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}');
  });

  it('honours $patch replace/delete, $retainKeys and $setElementOrder', () => {
    const live = podSpec([{ name: 'a', image: '1' }, { name: 'b', image: '1' }], { affinity: { nodeAffinity: {} } });
    expect(containersOf(strategicMerge(live, { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'c' }] } } } }))).toEqual([{ name: 'c' }]);
    expect(containersOf(strategicMerge(live, { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } }))).toEqual([{ name: 'b', image: '1' }]);
    expect((strategicMerge(live, { spec: { template: { spec: { affinity: { $patch: 'delete' } } } } }) as { spec: { template: { spec: { affinity: unknown } } } }).spec.template.spec.affinity).toEqual({});
    const order = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } } } };
    expect(containersOf(strategicMerge(live, order)).map((c) => c.name)).toEqual(['b', 'a']);
    const vol = podSpec([], { volumes: [{ name: 'v', emptyDir: {} }] });
    const out = strategicMerge(vol, { spec: { template: { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'persistentVolumeClaim'], persistentVolumeClaim: { claimName: 'c' } }] } } } });
    expect((out as { spec: { template: { spec: { volumes: unknown } } } }).spec.template.spec.volumes).toEqual([{ name: 'v', persistentVolumeClaim: { claimName: 'c' } }]);
    expect(thrown(() => strategicMerge(vol, { spec: { template: { spec: { volumes: [{ name: 'v', $retainKeys: ['name'], hostPath: {} }] } } } })).kubectlText)
      .toBe('Error from server (BadRequest): invalid patch format of retainKeys');
  });
});

describe('three-way merge (kubectl apply)', () => {
  it('keeps server fields, drops removed fields, merges keyed lists', () => {
    const t = (c: Record<string, unknown>, extra = {}) => ({ template: { spec: { containers: [{ name: 'c', ...c }], ...extra } } });
    const original = sts(t({ image: '1' }), { labels: { a: '1' } });
    const modified = sts(t({ image: '2' }), {});
    const live = sts(t({ image: '1', imagePullPolicy: 'IfNotPresent' }, { dnsPolicy: 'ClusterFirst' }), { labels: { a: '1' }, uid: 'u' });
    expect(threeWay(original, modified, live)).toEqual(sts(t({ image: '2', imagePullPolicy: 'IfNotPresent' }, { dnsPolicy: 'ClusterFirst' }), { uid: 'u' }));
  });

  it('leaves a server-only list item where it was among the applied ones', () => {
    const env = (...names: string[]) => podSpec([{ name: 'c', env: names.map((name) => ({ name, value: name })) }]);
    const out = threeWay(env('A', 'B'), env('A', 'B', 'C'), env('A', 'X', 'B'));
    expect((containersOf(out)[0] as unknown as { env: { name: string }[] }).env.map((e) => e.name)).toEqual(['A', 'X', 'B', 'C']);
  });

  it('removes a dropped port, keeps finalizers added by others and clears a replaced volume source', () => {
    const ports = (p: number) => ({ containerPort: p, name: `p${p}` });
    const original = podSpec([{ name: 'c', ports: [ports(80), ports(443)] }], { volumes: [{ name: 'v', emptyDir: {} }] });
    const modified = podSpec([{ name: 'c', ports: [ports(80)] }], { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'd' } }] });
    const live = podSpec([{ name: 'c', ports: [{ ...ports(80), protocol: 'TCP' }, { ...ports(443), protocol: 'TCP' }] }], { volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] });
    const out = threeWay(original, modified, live) as { spec: { template: { spec: { volumes: unknown } } } };
    expect(containersOf(out)).toEqual([{ name: 'c', ports: [{ containerPort: 80, name: 'p80', protocol: 'TCP' }] }]);
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'v', persistentVolumeClaim: { claimName: 'd' } }]);
    const fin = (f?: string[]) => sts({}, f ? { name: 'w', finalizers: f } : { name: 'w' });
    expect((threeWay(fin(['a']), fin(['b']), fin(['a', 'x'])) as ReturnType<typeof fin>).metadata.finalizers).toEqual(['b', 'x']);
  });

  it('sends an empty patch only when nothing differs (kubectl then prints unchanged)', () => {
    const m = sts({ replicas: 1 }, { name: 'w', labels: { a: '1' } });
    expect(threeWayPatch(m, m, m)).toEqual({});
    // A label removed from the manifest that is already gone from the live object still makes a patch.
    expect(threeWayPatch(m, sts({ replicas: 1 }, { name: 'w' }), sts({ replicas: 1 }, { name: 'w' }))).toEqual({ metadata: { labels: null } });
    expect(threeWayPatch(m, sts({ replicas: 3 }, { name: 'w', labels: { a: '1' } }), m)).toEqual({ spec: { replicas: 3 } });
  });

  it('fails like kubectl when a manifest list item lacks its merge key', () => {
    const live = podSpec([{ name: 'c' }]);
    expect(() => threeWay(live, podSpec([{ image: 'x' }]), live)).toThrow('map: map[image:x] does not contain declared merge key: name');
  });
});

describe('JSON merge patch', () => {
  it('merges objects, replaces lists, deletes with null and prunes nulls from replacing values', () => {
    expect(mergePatch({ a: [1, 2], b: { c: 1 } }, { a: [3], b: { d: 2 } })).toEqual({ a: [3], b: { c: 1, d: 2 } });
    expect(mergePatch({ a: 1 }, { a: null, b: { c: null, d: [{ e: null, f: 1 }] } })).toEqual({ b: { d: [{ f: 1 }] } });
    expect(thrown(() => mergePatch({}, 'x')).kubectlText).toBe('Error from server (BadRequest): Invalid JSON Patch');
  });
});

describe('JSON patch', () => {
  it('applies add/replace/remove/test/move/copy with - and negative indices', () => {
    expect(jsonPatch({ a: [1], b: 1 }, [{ op: 'add', path: '/a/-', value: 2 }, { op: 'replace', path: '/b', value: 3 }, { op: 'test', path: '/b', value: 3 }, { op: 'remove', path: '/a/0' }]))
      .toEqual({ a: [2], b: 3 });
    expect(jsonPatch({ a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }, { op: 'move', from: '/a/0', path: '/b' }, { op: 'copy', from: '/b', path: '/a/0' }]))
      .toEqual({ a: [1, 2], b: 1 });
  });

  it('replaces a missing member of an object as json-patch v4 does (no error)', () => {
    expect(jsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/foo', value: 1 }])).toEqual({ spec: { foo: 1 } });
    expect(jsonPatch({ spec: {} }, [{ op: 'test', path: '/spec/foo', value: null }])).toEqual({ spec: {} });
  });

  it('fails with json-patch v4 texts, shown by kubectl only as the generic 422', () => {
    const doc = { spec: { containers: [{ name: 'c' }] } };
    const cases: [unknown, string][] = [
      [{ op: 'replace', path: '/spec/foo/bar', value: 1 }, 'replace operation does not apply: doc is missing path: /spec/foo/bar: missing value'],
      [{ op: 'replace', path: '/spec/containers/3', value: 1 }, 'replace operation does not apply: doc is missing key: /spec/containers/3: missing value'],
      [{ op: 'remove', path: '/spec/foo' }, "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value"],
      [{ op: 'remove', path: '/spec/containers/5' }, "error in remove for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"],
      [{ op: 'add', path: '/spec/x/y', value: 1 }, 'add operation does not apply: doc is missing path: "/spec/x/y": missing value'],
      [{ op: 'add', path: '/spec/containers/x', value: 1 }, "error in add for path: '/spec/containers/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax"],
      [{ op: 'test', path: '/spec/containers/0/name', value: 'd' }, 'testing value /spec/containers/0/name failed: test failed'],
      [{ op: 'frob', path: '/a' }, 'Unexpected kind: frob'],
    ];
    for (const [op, msg] of cases) {
      const e = thrown(() => jsonPatch(doc, [op]));
      expect(e.message).toBe(msg);
      expect(e.kubectlText).toBe('The request is invalid: the server rejected our request due to an error in our request');
    }
    expect(thrown(() => jsonPatch(doc, [1])).kubectlText).toBe('Error from server (BadRequest): json: cannot unmarshal number into Go value of type jsonpatch.Operation');
  });
});
