import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';
import type { Namespace } from '../api/types.ts';
import { checkCluster } from '../invariants.ts';
import { nodeAction } from '../faults.ts';
import { HEADLESS_SERVICE, webStatefulSet } from '../../scenario/test-manifests.ts';
import { driveStream } from '../../scenario/runner.ts';

// A namespace `demo` with the headless Service and a StatefulSet of 3 with claims, all Ready.
function cluster(): { c: Cluster; s: Session } {
  const c = Cluster.create({ seed: 1, freeze: true });
  const s = new Session(c);
  s.exec('kubectl create namespace demo');
  s.exec('kubectl apply -n demo -f -', HEADLESS_SERVICE + '---\n' + webStatefulSet(3, true));
  c.settle();
  return { c, s };
}

const ns = (c: Cluster, name = 'demo'): Namespace | undefined => c.store.get('Namespace', '', name);
const out = (s: Session, line: string): string => s.exec(line).output.map((o) => o.text).join('');
const condition = (c: Cluster, type: string) => ns(c)?.status?.conditions?.find((x) => x.type === type);

describe('namespace deletion', () => {
  it('marks the namespace Terminating at once and removes an empty one 5 s later (namespaceDeletionGracePeriod)', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    s.exec('kubectl create namespace empty');
    expect(out(s, 'kubectl delete namespace empty --wait=false')).toBe('namespace "empty" deleted\n');
    const marked = ns(c, 'empty')!;
    expect(marked.status?.phase).toBe('Terminating');
    expect(marked.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(marked.metadata).not.toHaveProperty('deletionGracePeriodSeconds');
    expect(marked.spec?.finalizers).toEqual(['kubernetes']);
    expect(out(s, 'kubectl get ns empty')).toBe('NAME    STATUS        AGE\nempty   Terminating   0s\n');
    c.advance(4_999);
    expect(ns(c, 'empty')).toBeDefined();
    c.advance(1);
    expect(ns(c, 'empty')).toBeUndefined();
    expect(c.state.trace.some((r) => r.type === 'namespace.finalized' && r.object?.name === 'empty')).toBe(true);
  });

  it('deletes everything in it, waits on the pods and the claims, then goes; kubectl delete waits for that', () => {
    const { c, s } = cluster();
    c.onPass(() => { const v = checkCluster(c); if (v.length) throw new Error(v.join('\n')); });
    const pvs = c.store.list('PersistentVolume').length;
    expect(pvs).toBe(3);
    const t0 = c.now;
    const r = s.exec('kubectl delete ns demo');
    expect(r.output.map((o) => o.text).join('')).toBe('namespace "demo" deleted\n');
    // The command waits (--wait) until the namespace is gone, printing nothing more.
    const more: string[] = [];
    driveStream(c, r.stream!, (o) => { more.push(o.text); });
    expect(more).toEqual([]);
    expect(ns(c)).toBeUndefined();
    // Emptied by the first pass, 5 s on; the pods end within seconds, then their claims and volumes; the pass after the
    // namespace's own status write (5 s) finds nothing left.
    expect(c.now - t0).toBeGreaterThanOrEqual(10_000);
    expect(c.now - t0).toBeLessThan(30_000);
    for (const kind of ['Pod', 'PersistentVolumeClaim', 'StatefulSet', 'Service', 'Endpoints', 'EndpointSlice', 'ControllerRevision', 'Event'] as const) {
      expect(c.store.list(kind, 'demo'), kind).toEqual([]);
    }
    expect(c.store.list('PersistentVolume')).toEqual([]);
  });

  it('keeps conditions that say what remains and which finalizers hold it, as the namespace controller words them', () => {
    const { c, s } = cluster();
    s.exec('kubectl delete ns demo --wait=false');
    c.advance(5_000);
    expect(c.store.list('Pod', 'demo').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    expect(c.store.list('StatefulSet', 'demo')).toEqual([]);
    expect(ns(c)!.status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: persistentvolumeclaims. has 3 resource instances, pods. has 3 resource instances'],
      ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection in 3 resource instances'],
    ]);
    const waiting = c.state.trace.filter((r) => r.type === 'namespace.content');
    expect(waiting.at(-1)).toMatchObject({ rule: 'estimate', detail: { remaining: 6, wait: 16 } });
    expect(out(s, 'kubectl describe ns demo')).toMatch(/\n {2}NamespaceContentRemaining {20}True {4}Thu, 01 Jan 2026 00:00:\d\d \+0000 {2}SomeResourcesRemain {3}Some resources/);
  });

  it('refuses a second delete and new content while terminating, and still takes updates', () => {
    const { c, s } = cluster();
    s.exec('kubectl delete ns demo --wait=false');
    expect(s.exec('kubectl delete ns demo').output.map((o) => o.text).join('')).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on namespaces "demo": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.\n');
    expect(out(s, 'kubectl run x --image=nginx:alpine -n demo')).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: unable to create new content in namespace demo because it is being terminated\n');
    expect(out(s, 'kubectl create pdb b --selector=app=web --min-available=1 -n demo')).toBe(
      'error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "b" is forbidden: unable to create new content in namespace demo because it is being terminated\n');
    expect(out(s, 'kubectl label ns demo a=b')).toBe('namespace/demo labeled\n');
    expect(ns(c)?.metadata?.labels?.a).toBe('b');
    expect(ns(c)?.spec?.finalizers).toEqual(['kubernetes']);
    c.settle();
    expect(ns(c)).toBeUndefined();
  });

  it('with --cascade=foreground, keeps the foregroundDeletion finalizer until the garbage collector drops it, then goes', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    s.exec('kubectl create namespace fg');
    s.exec('kubectl delete ns fg --cascade=foreground --wait=false');
    expect(ns(c, 'fg')?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    c.advance(1_000);
    expect(ns(c, 'fg')?.metadata?.finalizers).toBeUndefined();
    expect(ns(c, 'fg')?.status?.phase).toBe('Terminating');
    c.settle();
    expect(ns(c, 'fg')).toBeUndefined();
  });

  it('a pod whose node is down outlives its grace period: the deleter reports it and backs off until the pod goes', () => {
    const { c, s } = cluster();
    const node = c.store.list('Pod', 'demo')[0]!.spec!.nodeName!;
    expect(nodeAction(c, node, 'down')).toBeNull();
    s.exec('kubectl delete ns demo --wait=false');
    c.advance(60_000);
    expect(condition(c, 'NamespaceDeletionContentFailure')).toMatchObject({
      status: 'True', reason: 'ContentDeletionFailed',
      message: 'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: demo for gvr: /v1, Resource=pods',
    });
    expect(c.state.trace.filter((r) => r.type === 'namespace.content').at(-1)).toMatchObject({ rule: 'failed' });
    expect(ns(c)?.status?.phase).toBe('Terminating');
    // The node back: its kubelet ends the pod, and the next try (at most 60 s of back-off away) finishes.
    expect(nodeAction(c, node, 'up')).toBeNull();
    c.advance(120_000);
    expect(ns(c)).toBeUndefined();
  });

  it('keeps the immortal namespaces', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const s = new Session(c);
    for (const name of ['default', 'kube-system', 'kube-public']) {
      expect(out(s, `kubectl delete ns ${name}`)).toBe(`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted\n`);
      expect(ns(c, name)?.metadata?.deletionTimestamp).toBeUndefined();
    }
  });
});
