// The read model: natural key order, new Maps only for kinds that changed, stable references.
import { describe, expect, it } from 'vitest';
import { applyPatch, compareKeys, initialCluster } from './cluster.ts';
import type { PatchMsg } from '../../../protocol/messages.ts';
import type { KObject } from '../../../engine/index.ts';

const pod = (name: string, rv: string): KObject => ({ metadata: { name, namespace: 'default', uid: `u-${name}`, resourceVersion: rv } });
const clock = { ms: 0, wallMs: 0, playing: false, speed: 1, settled: true, gates: {}, faults: { nodesDown: [] as string[], nodeGraceMs: 50_000 }, namespace: 'default' };
const patch = (p: Partial<PatchMsg>): PatchMsg => ({ type: 'patch', seq: 1, full: false, clock, diff: { upserts: [], deletes: [] }, trace: [], terminal: [], busy: [], ...p });

describe('applyPatch', () => {
  it('sorts keys naturally (web-2 before web-10)', () => {
    expect(['default/web-10', 'default/web-2', 'default/web-1'].sort(compareKeys)).toEqual(['default/web-1', 'default/web-2', 'default/web-10']);
    expect(['b/web-0', 'a/web-9', 'a/web', 'a/web-01', 'a/web-1'].sort(compareKeys)).toEqual(['a/web', 'a/web-01', 'a/web-1', 'a/web-9', 'b/web-0']);
    expect(['nginx-web-99', 'nginx-web-100', 'nginx-web-9a', 'nginx-web-9'].sort(compareKeys)).toEqual(['nginx-web-9', 'nginx-web-9a', 'nginx-web-99', 'nginx-web-100']);
  });

  it('touches only the kinds in the diff and keeps the keys array when the key set is unchanged', () => {
    const s1 = applyPatch(initialCluster(), patch({ diff: { upserts: [['Pod', 'default/web-0', pod('web-0', '1')]], deletes: [] } }));
    const s2 = applyPatch(s1, patch({ seq: 2, diff: { upserts: [['Pod', 'default/web-0', pod('web-0', '2')]], deletes: [] } }));
    expect(s2.objects.Service).toBe(s1.objects.Service);
    expect(s2.objects.Pod).not.toBe(s1.objects.Pod);
    expect(s2.keys.Pod).toBe(s1.keys.Pod);
    expect(s2.clock).toBe(s1.clock);
  });

  it('a full patch keeps references of unchanged versions and drops objects it does not name', () => {
    const a = pod('web-0', '1');
    const s1 = applyPatch(initialCluster(), patch({ diff: { upserts: [['Pod', 'default/web-0', a], ['Pod', 'default/web-1', pod('web-1', '1')]], deletes: [] } }));
    const s2 = applyPatch(s1, patch({ seq: 2, full: true, diff: { upserts: [['Pod', 'default/web-0', structuredClone(a)]], deletes: [] } }));
    expect(s2.objects.Pod.get('default/web-0')).toBe(a);
    expect(s2.keys.Pod).toEqual(['default/web-0']);
    expect(s2.objects.Service).toBe(s1.objects.Service);
  });

  it('appends trace records, and a full patch replaces them', () => {
    const rec = (seq: number) => ({ seq, t: seq, type: 'x' });
    const s1 = applyPatch(initialCluster(), patch({ trace: [rec(1), rec(2)] }));
    const s2 = applyPatch(s1, patch({ seq: 2, trace: [rec(3)] }));
    expect(s2.trace.map((r) => r.seq)).toEqual([1, 2, 3]);
    const s3 = applyPatch(s2, patch({ seq: 3, full: true, trace: [rec(1)] }));
    expect(s3.trace.map((r) => r.seq)).toEqual([1]);
  });
});

describe('applyPatch after a seek', () => {
  it('keeps trace record objects (and the array) that a full patch repeats', () => {
    const rec = (seq: number) => ({ seq, t: seq * 10, type: 'x' });
    const s1 = applyPatch(initialCluster(), patch({ trace: [rec(1), rec(2)] }));
    const s2 = applyPatch(s1, patch({ seq: 2, full: true, trace: [rec(1), rec(2)] }));
    expect(s2.trace).toBe(s1.trace);
    const s3 = applyPatch(s2, patch({ seq: 3, full: true, trace: [rec(1)] }));
    expect(s3.trace[0]).toBe(s1.trace[0]);
  });
});

describe('feature gates in the clock', () => {
  it('a gate change is a clock change; equal gates keep the clock reference', () => {
    let s = initialCluster();
    s = applyPatch(s, patch({ clock: { ...clock, gates: { MaxUnavailableStatefulSet: false } } }));
    const before = s.clock;
    s = applyPatch(s, patch({ seq: 2, clock: { ...clock, gates: { MaxUnavailableStatefulSet: false } } }));
    expect(s.clock).toBe(before);
    s = applyPatch(s, patch({ seq: 3, clock: { ...clock, gates: { MaxUnavailableStatefulSet: true } } }));
    expect(s.clock.gates.MaxUnavailableStatefulSet).toBe(true);
  });
});

describe('faults in the clock', () => {
  it('a node taken down is a clock change; equal faults keep the clock reference', () => {
    let s = applyPatch(initialCluster(), patch({}));
    const before = s.clock;
    s = applyPatch(s, patch({ seq: 2, clock: { ...clock, faults: { ...clock.faults, nodesDown: [] } } }));
    expect(s.clock).toBe(before);
    s = applyPatch(s, patch({ seq: 3, clock: { ...clock, faults: { ...clock.faults, nodesDown: ['kind-worker'] } } }));
    expect(s.clock.faults.nodesDown).toEqual(['kind-worker']);
  });

  it("kubectl's namespace (set-context) is a clock change the scene follows", () => {
    let s = applyPatch(initialCluster(), patch({}));
    const before = s.clock;
    s = applyPatch(s, patch({ seq: 2, clock: { ...clock } }));
    expect(s.clock).toBe(before);
    s = applyPatch(s, patch({ seq: 3, clock: { ...clock, namespace: 'demo' } }));
    expect(s.clock.namespace).toBe('demo');
  });
});

describe('applyPatch: volume files', () => {
  const files = { 'pvc-1': [{ path: 'index.html', bytes: 6 }] };
  it('takes the listing a patch brings, keeps the old one when a patch brings none or an equal one', () => {
    const s1 = applyPatch(initialCluster(), patch({ volumes: files }));
    expect(s1.volumes).toEqual(files);
    const s2 = applyPatch(s1, patch({}));
    expect(s2.volumes).toBe(s1.volumes);
    const s3 = applyPatch(s2, patch({ volumes: { 'pvc-1': [{ path: 'index.html', bytes: 6 }] } }));
    expect(s3.volumes).toBe(s1.volumes);
    expect(applyPatch(s3, patch({ full: true, volumes: {} })).volumes).toEqual({});
  });
});
