// kubectl replace: a PUT of the whole object (its last-applied annotation gone unless kept or asked for), the API
// server's refusals with replace's wording, and --force: delete, wait until gone, create again.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { driveStream } from '../../scenario/runner.ts';
import { runKubectl } from '../index.ts';
import type { OutputChunk } from '../types.ts';
import { kc } from '../testing.ts';

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n  - port: 80\n';
const STS = (replicas: number, extra = '') => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: ${replicas}\n${extra}` +
  '  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.24\n';

function running(): Cluster {
  const c = Cluster.create({ seed: 2, freeze: true });
  kc(c, 'apply -f -', { stdin: `${SVC}---\n${STS(2)}` });
  c.settle(600_000);
  return c;
}

/** Runs kubectl to its end, driving the cluster while it waits. */
function kcRun(c: Cluster, args: string, stdin: string): { out: string; err: string; code: number } {
  const r = runKubectl(args, c, { stdin });
  const chunks: OutputChunk[] = [...r.output];
  const code = r.stream ? driveStream(c, r.stream, (ch) => chunks.push(ch)) : r.exitCode;
  const text = (s: OutputChunk['stream']) => chunks.filter((o) => o.stream === s).map((o) => o.text).join('');
  return { out: text('out'), err: text('err'), code };
}

describe('kubectl replace', () => {
  it('puts the whole object in place of the live one, dropping what the file does not have (the last-applied annotation too)', () => {
    const c = running();
    expect(c.store.get('StatefulSet', 'default', 'web')!.metadata!.annotations).toBeDefined();
    expect(kc(c, 'replace -f -', { stdin: STS(3) })).toEqual({ out: 'statefulset.apps/web replaced\n', err: '', code: 0 });
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    expect(sts.spec!.replicas).toBe(3);
    expect(sts.metadata!.annotations).toBeUndefined();
    expect(kc(c, 'replace -f - --save-config', { stdin: STS(3) }).out).toBe('statefulset.apps/web replaced\n');
    expect(Object.keys(c.store.get('StatefulSet', 'default', 'web')!.metadata!.annotations!)).toEqual(['kubectl.kubernetes.io/last-applied-configuration']);
  });

  it('answers with the API server\'s refusals (replace\'s wording) and kubectl\'s own errors, changing nothing', () => {
    const c = running();
    const before = c.store.state.resourceVersion;
    expect(kc(c, 'replace -f -', { stdin: STS(2, '  podManagementPolicy: Parallel\n') }).err).toMatch(/^The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/);
    expect(kc(c, 'replace -f -', { stdin: SVC.replace('name: nginx', 'name: nothere') }).err).toBe('Error from server (NotFound): error when replacing "STDIN": services "nothere" not found\n');
    expect(kc(c, 'replace').err).toBe('error: must specify one of -f and -k\n');
    expect(kc(c, 'replace -f - --grace-period=3', { stdin: STS(2) }).err).toBe('error: --grace-period must have --force specified\n');
    expect(kc(c, 'replace -f - --timeout=1m', { stdin: STS(2) }).err).toBe('error: --timeout must have --force specified\n');
    expect(kc(c, 'replace -f - --timeout=soon --force', { stdin: STS(2) }).err).toBe('error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'kubectl replace --help\' for usage.\n');
    // --cascade as delete parses it.
    expect(kc(c, 'replace -f - --force --cascade=nope', { stdin: STS(2) }).err).toBe('error: invalid cascade value (nope). Must be "background", "foreground", or "orphan"\n');
    expect(kc(c, 'replace -f - --dry-run=client', { stdin: STS(5) }).out).toBe('statefulset.apps/web replaced (dry run)\n');
    expect(kc(c, 'replace -f - --dry-run=server', { stdin: STS(5) }).out).toBe('statefulset.apps/web replaced (server dry run)\n');
    expect(c.store.state.resourceVersion).toBe(before);
  });

  it('--force deletes, waits until the objects are gone, and creates them again (an immutable change goes through)', () => {
    const c = running();
    const oldUid = c.store.get('StatefulSet', 'default', 'web')!.metadata!.uid;
    const r = kcRun(c, 'replace --force -f -', STS(2, '  podManagementPolicy: Parallel\n'));
    expect(r).toEqual({ out: 'statefulset.apps "web" deleted from default namespace\nstatefulset.apps/web replaced\n', err: '', code: 0 });
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    expect(sts.metadata!.uid).not.toBe(oldUid);
    expect(sts.spec!.podManagementPolicy).toBe('Parallel');
    // A new object is just created; a running pod is waited for (its grace period) before it comes back.
    const pod = kcRun(c, 'replace --force -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n  - name: c\n    image: nginx:alpine\n');
    expect(pod.out).toBe('pod/solo replaced\n');
    c.settle(600_000);
    const before = c.now;
    const again = kcRun(c, 'replace --force -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n  - name: c\n    image: nginx:alpine\n');
    expect(again.out).toBe('pod "solo" deleted from default namespace\npod/solo replaced\n');
    expect(c.now).toBeGreaterThan(before);
  });
});
