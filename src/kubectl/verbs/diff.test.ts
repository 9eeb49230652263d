// kubectl diff: live against what apply would leave (a server dry run), as `diff -u -N` prints two directories;
// exit status 1 for differences, 0 for none, 2 for errors; nothing in the cluster changes.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { kc } from '../testing.ts';

function seeded(): Cluster {
  const c = Cluster.create({ seed: 1, freeze: true });
  kc(c, 'apply -f -', { stdin: SEED_MANIFEST });
  c.settle(600_000);
  return c;
}

describe('kubectl diff', () => {
  it('prints nothing and exits 0 when applying the file would change nothing', () => {
    const c = seeded();
    expect(kc(c, 'diff -f -', { stdin: SEED_MANIFEST })).toEqual({ out: '', err: '', code: 0 });
  });

  it('shows the changed lines of the object as apply would leave it, with the temp directories\' file headers, and exits 1', () => {
    const c = seeded();
    const before = c.store.state.resourceVersion;
    const r = kc(c, 'diff -f -', { stdin: SEED_MANIFEST.replace('image: nginx:alpine', 'image: nginx:mainline') });
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    const file = 'apps.v1.StatefulSet.default.nginx-web';
    expect(lines[0]).toMatch(new RegExp(`^diff -u -N /tmp/LIVE-\\d+/${file} /tmp/MERGED-\\d+/${file}$`));
    expect(lines[1]).toMatch(new RegExp(`^--- /tmp/LIVE-\\d+/${file}\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000$`));
    expect(lines[2]).toMatch(new RegExp(`^\\+\\+\\+ /tmp/MERGED-\\d+/${file}\\t`));
    // The image and the generation the server would bump; the last-applied annotation is left as it is live.
    expect(lines.filter((l) => /^[-+] /.test(l))).toEqual([
      '-  generation: 1',
      '+  generation: 2',
      '-      - image: nginx:alpine',
      '+      - image: nginx:mainline',
    ]);
    expect(lines.filter((l) => l.startsWith('@@'))).toEqual([expect.stringMatching(/^@@ -\d+,7 \+\d+,7 @@$/), expect.stringMatching(/^@@ -\d+,7 \+\d+,7 @@$/)]);
    expect(c.store.state.resourceVersion).toBe(before);
    expect(c.store.get('StatefulSet', 'default', 'nginx-web')!.spec!.template.spec!.containers[0].image).toBe('nginx:alpine');
  });

  it('shows nothing for a manifest that only writes out what the server has, though its last-applied text differs', () => {
    const c = seeded();
    const explicit = SEED_MANIFEST.replace('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: OrderedReady\n');
    expect(explicit).not.toBe(SEED_MANIFEST);
    expect(kc(c, 'diff -f -', { stdin: explicit })).toEqual({ out: '', err: '', code: 0 });
  });

  it('leaves the annotation alone and warns of none on an object created without one', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    kc(c, 'create -f -', { stdin: SEED_MANIFEST });
    expect(kc(c, 'diff -f -', { stdin: SEED_MANIFEST })).toEqual({ out: '', err: '', code: 0 });
    const r = kc(c, 'diff -f -', { stdin: SEED_MANIFEST.replace('replicas: 3', 'replicas: 4') });
    expect(r.err).toBe('');
    expect(r.out).not.toContain('last-applied-configuration');
    expect(r.out.split('\n').filter((l) => /^[-+] /.test(l))).toEqual(['-  generation: 1', '+  generation: 2', '-  replicas: 3', '+  replicas: 4']);
  });

  it('shows a new object as a server dry-run create answers it: uid, creationTimestamp and generation, no annotation', () => {
    const c = seeded();
    const sts = SEED_MANIFEST.split('---\n')[1].replace('name: nginx-web', 'name: other');
    const r = kc(c, 'diff -f -', { stdin: sts });
    expect(r.code).toBe(1);
    const added = r.out.split('\n').filter((l) => l.startsWith('+')).slice(1);
    expect(added.slice(0, 8)).toEqual([
      '+apiVersion: apps/v1',
      '+kind: StatefulSet',
      '+metadata:',
      expect.stringMatching(/^\+ {2}creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$/),
      '+  generation: 1',
      '+  name: other',
      '+  namespace: default',
      expect.stringMatching(/^\+ {2}uid: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    ]);
    expect(r.out).not.toContain('resourceVersion');
    expect(r.out).not.toContain('last-applied-configuration');
    expect(c.store.get('StatefulSet', 'default', 'other')).toBeUndefined();
  });

  it('shows a new object whole against an empty file (an absent file is dated 1970), creating nothing', () => {
    const c = seeded();
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  clusterIP: None\n  ports:\n  - port: 80\n';
    const r = kc(c, 'diff -f -', { stdin: svc });
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/v1\.Service\.default\.other\t1970-01-01 00:00:00\.000000000 \+0000$/);
    expect(lines[3]).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
    expect(lines[4]).toBe('+apiVersion: v1');
    expect(c.store.get('Service', 'default', 'other')).toBeUndefined();
  });

  it('exits 2 with kubectl\'s texts for a missing -f, positional arguments and what the server refuses', () => {
    const c = seeded();
    expect(kc(c, 'diff')).toEqual({ out: '', err: 'error: must specify one of -f and -k\n', code: 2 });
    expect(kc(c, 'diff -f - web', { stdin: SEED_MANIFEST })).toEqual({ out: '', err: "error: Unexpected args: [web]\nSee 'kubectl diff -h' for help and examples\n", code: 2 });
    const r = kc(c, 'diff -f -', { stdin: SEED_MANIFEST.replace('replicas: 3', 'replicas: -1') });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n$/);
  });
});
