import { describe, expect, it } from 'vitest';
import type { StatefulSet } from '../../engine/api/types.ts';
import { runKubectl } from '../index.ts';
import { Cluster } from '../../engine/cluster.ts';
import { kc, put, testCluster, webSet, withWebRevisions } from '../testing.ts';
import { statefulSetStatus } from './rollout.ts';

const withStatus = (status: NonNullable<StatefulSet['status']>, spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet =>
  ({ ...webSet(), metadata: { name: 'web', generation: 1 }, spec: { ...webSet().spec!, ...spec }, status });

describe('rollout status messages (StatefulSetStatusViewer)', () => {
  it.each([
    [withStatus({ replicas: 3 }), 'Waiting for statefulset spec update to be observed...\n', false],
    [withStatus({ replicas: 3, observedGeneration: 1, readyReplicas: 1 }), 'Waiting for 2 pods to be ready...\n', false],
    [withStatus({ replicas: 3, observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 }), 'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n', false],
    [withStatus({ replicas: 3, observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 }), 'partitioned roll out complete: 3 new pods have been updated...\n', true],
    [withStatus({ replicas: 3, observedGeneration: 1, readyReplicas: 3, currentReplicas: 3, currentRevision: 'web-a', updateRevision: 'web-a' }, { updateStrategy: { type: 'RollingUpdate' } }),
      'statefulset rolling update complete 3 pods at revision web-a...\n', true],
  ])('%#', (s, message, done) => {
    expect(statefulSetStatus(s)).toEqual({ message, done });
  });
  it('refuses OnDelete', () => {
    expect(statefulSetStatus(withStatus({ replicas: 0 }, { updateStrategy: { type: 'OnDelete' } }))).toEqual({ error: 'error: rollout status is only available for RollingUpdate strategy type' });
  });
});

describe('rollout status stream', () => {
  it('prints one line per watch event and ends on completion', () => {
    const c = testCluster();
    const s = put(c, 'StatefulSet', { ...webSet(), status: { replicas: 3, observedGeneration: 1, readyReplicas: 2, updatedReplicas: 3 } } as never) as StatefulSet;
    const r = runKubectl('rollout status sts/web', c);
    expect(r.output).toEqual([{ stream: 'out', text: 'Waiting for 1 pods to be ready...\n' }]);
    c.store.update('StatefulSet', { ...s, status: { ...s.status!, readyReplicas: 3 } }, { subresource: 'status' });
    expect(r.stream!.poll()).toEqual({ output: [{ stream: 'out', text: 'partitioned roll out complete: 3 new pods have been updated...\n' }], done: true, exitCode: 0 });
  });
  it('times out with kubectl text', () => {
    const c = testCluster();
    put(c, 'StatefulSet', { ...webSet(), status: { replicas: 3, observedGeneration: 1, readyReplicas: 2 } } as never);
    const r = runKubectl('rollout status sts/web --timeout=2s', c);
    c.advance(2000);
    expect(r.stream!.poll()).toEqual({ output: [{ stream: 'err', text: 'error: timed out waiting for the condition\n' }], done: true, exitCode: 1 });
  });
});

describe('rollout history, undo, restart, pause', () => {
  const withRevisions = (): ReturnType<typeof withWebRevisions> => withWebRevisions('v2');
  it('prints the history table', () => {
    expect(kc(withRevisions(), 'rollout history sts/web').out).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         v2\n\n');
    expect(kc(withRevisions(), 'rollout history sts/web --revision=7').err).toBe('error: unable to find the specified revision\n');
    // history.go's printTemplate writes through a prefix writer with no tabwriter: the tabs reach the terminal.
    const one = kc(withRevisions(), 'rollout history sts/web --revision=1').out;
    expect(one).toMatch(/^statefulset\.apps\/web with revision #1\nPod Template:\n  Labels:\tapp=nginx\n/);
    expect(one).toMatch(/\n\n$/);
  });
  it('undo --dry-run: client describes the template it would restore; server sends the patch unstored', () => {
    const c = withRevisions();
    const before = c.store.get('StatefulSet', 'default', 'web');
    const client = kc(c, 'rollout undo sts/web --dry-run=client').out;
    expect(client).toMatch(/^statefulset\.apps\/web will roll back to Pod Template:\n  Labels:\tapp=nginx\n/);
    expect(client).toMatch(/\n \(dry run\)\n$/);
    expect(client).toContain('Image:\tnginx:1\n');
    expect(kc(c, 'rollout undo sts/web --dry-run=server').out).toBe('statefulset.apps/web rolled back (server dry run)\n');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBe(before);
  });
  it('undo -o: PrintFlags formats, built after the rollback (rollout_undo.go ToPrinter)', () => {
    const c = withRevisions();
    const before = c.store.get('StatefulSet', 'default', 'web');
    expect(kc(c, 'rollout undo sts/web --dry-run=client -o name')).toEqual({ out: 'statefulset.apps/web\n', err: '', code: 0 });
    expect(JSON.parse(kc(c, 'rollout undo sts/web --dry-run=server -o json').out).metadata.name).toBe('web');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBe(before);
    // A format PrintFlags refuses is only found out once the rollback went through.
    expect(kc(c, 'rollout undo sts/web -o wide').err).toMatch(/^error: unable to match a printer suitable for the output format "wide"/);
    expect(c.store.get('StatefulSet', 'default', 'web')).not.toBe(before);
  });
  it('undo restores the previous template', () => {
    const c = withRevisions();
    expect(kc(c, 'rollout undo sts/web').out).toBe('statefulset.apps/web rolled back\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template?.spec?.containers[0].image).toBe('nginx:1');
    expect(kc(c, 'rollout undo sts/web --to-revision=7').err).toBe('error: unable to find specified revision 7 in history\n');
  });
  it('restart stamps restartedAt from virtual time; pause is not supported', () => {
    const c = withRevisions();
    c.advance(5000);
    expect(kc(c, 'rollout restart sts/web').out).toBe('statefulset.apps/web restarted\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template?.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:05Z' });
    expect(kc(c, 'rollout pause sts/web').err).toBe('error: statefulsets.apps "web" pausing is not supported\n');
  });
});

describe('rollout of the cluster\'s own Deployments and DaemonSets', () => {
  it('status follows their status counts, as DeploymentStatusViewer and DaemonSetStatusViewer word them', () => {
    const c = Cluster.create({ seed: 3, freeze: true });
    expect(kc(c, 'rollout status deploy/coredns -n kube-system').out).toBe('deployment "coredns" successfully rolled out\n');
    expect(kc(c, 'rollout status ds/kube-proxy -n kube-system').out).toBe('daemon set "kube-proxy" successfully rolled out\n');
    kc(c, 'delete pod -n kube-system -l k8s-app=kindnet --wait=false');
    c.advance(100);
    const r = runKubectl('rollout status ds/kindnet -n kube-system', c);
    expect(r.output.map((o) => o.text).join('')).toMatch(/^Waiting for daemon set "kindnet" rollout to finish: (\d out of 4 new pods have been updated|\d of 4 updated pods are available)\.\.\.\n$/);
    const rest = driveAll(c, r.stream!);
    expect(rest).toMatch(/daemon set "kindnet" successfully rolled out\n$/);
    kc(c, 'delete pod -n kube-system -l k8s-app=kube-dns --wait=false');
    c.advance(100);
    expect(kc(c, 'rollout status deploy/coredns -n kube-system --watch=false').out).toMatch(/^Waiting for deployment "coredns" rollout to finish: (0 out of 2 new replicas have been updated|\d of \d updated replicas are available)\.\.\.\n$/);
  });

  it('history lists a Deployment\'s ReplicaSet revisions and a DaemonSet\'s ControllerRevisions', () => {
    const c = testCluster();
    expect(kc(c, 'rollout history deploy/coredns -n kube-system').out).toBe('deployment.apps/coredns \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(kc(c, 'rollout history ds/kindnet -n kube-system').out).toBe('daemonset.apps/kindnet \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(kc(c, 'rollout history ds/kindnet -n kube-system --revision=1').out).toMatch(/^daemonset\.apps\/kindnet with revision #1\nPod Template:\n {2}Labels:\tapp=kindnet\n/);
  });

  it('undo finds the revision or says why not; what would write is refused by the API server', () => {
    const c = testCluster();
    expect(kc(c, 'rollout undo deploy/coredns -n kube-system').err).toBe('error: no rollout history found for deployment "coredns"\n');
    expect(kc(c, 'rollout undo ds/kindnet -n kube-system').err).toBe('error: no last revision to roll back to\n');
    expect(kc(c, 'rollout undo deploy/coredns -n kube-system --to-revision=1').out).toBe('deployment.apps/coredns skipped rollback (current template already matches revision 1)\n');
    expect(kc(c, 'rollout undo ds/kindnet -n kube-system --to-revision=1').out).toBe('daemonset.apps/kindnet skipped rollback (current template already matches revision 1)\n');
    expect(kc(c, 'rollout undo deploy/coredns -n kube-system --to-revision=3').err).toBe('error: unable to find specified revision 3 in history\n');
    expect(kc(c, 'rollout restart deploy/coredns -n kube-system').err).toMatch(/^error: failed to patch: deployments\.apps "coredns" is forbidden: /);
  });
});

// Polls a stream while running the cluster's due work, until it ends (at most a virtual minute).
function driveAll(c: Cluster, s: NonNullable<ReturnType<typeof runKubectl>['stream']>): string {
  let out = '';
  for (let i = 0; i < 600; i++) {
    const r = s.poll();
    out += r.output.map((o) => o.text).join('');
    if (r.done) return out;
    c.advance(100);
  }
  return out;
}
