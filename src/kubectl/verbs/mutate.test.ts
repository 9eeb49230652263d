import { describe, expect, it } from 'vitest';
import { kc, put, testCluster, webSet } from '../testing.ts';

function cluster() {
  const c = testCluster();
  put(c, 'StatefulSet', webSet());
  return c;
}

describe('scale', () => {
  it('writes spec.replicas and prints scaled', () => {
    const c = cluster();
    expect(kc(c, 'scale sts web --replicas=5')).toEqual({ out: 'statefulset.apps/web scaled\n', err: '', code: 0 });
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(5);
    expect(kc(c, 'scale statefulset/web --replicas=1').out).toBe('statefulset.apps/web scaled\n');
  });
  it('has kubectl error texts', () => {
    const c = cluster();
    expect(kc(c, 'scale sts web').err).toBe('error: required flag(s) "replicas" not set\n');
    expect(kc(c, 'scale sts web --replicas=-1').err).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(kc(c, 'scale sts web --replicas=2 --current-replicas=4').err).toBe('error: Expected replicas to be 4, was 3\n');
    expect(kc(c, 'scale sts nope --replicas=2').err).toBe('Error from server (NotFound): statefulsets.apps "nope" not found\n');
    expect(kc(c, 'scale sts web --replicas=2 --current-replicas=-2').err).toBe('error: The --current-replicas must specify an integer of -1 or greater\n');
  });

  it('--resource-version is a precondition on the Scale\'s resourceVersion, for one object only', () => {
    const c = cluster();
    const rv = c.store.get('StatefulSet', 'default', 'web')!.metadata!.resourceVersion!;
    expect(kc(c, 'scale sts web --replicas=2 --resource-version=1')).toEqual({ out: '', err: `error: Expected resource version to be 1, was ${rv}\n`, code: 1 });
    expect(c.store.get('StatefulSet', 'default', 'web')!.spec!.replicas).toBe(3);
    expect(kc(c, `scale sts web --replicas=2 --resource-version=${rv}`).out).toBe('statefulset.apps/web scaled\n');
    kc(c, 'create -f -', { stdin: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: nginx\n' });
    expect(kc(c, 'scale sts web db --replicas=1 --resource-version=1').err).toBe('error: cannot use --resource-version with multiple resources\n');
  });
});

describe('set image', () => {
  it('updates the named container; silent when unchanged; error for unknown container', () => {
    const c = cluster();
    expect(kc(c, 'set image sts/web nginx=nginx:mainline').out).toBe('statefulset.apps/web image updated\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template?.spec?.containers[0].image).toBe('nginx:mainline');
    expect(kc(c, 'set image statefulset web nginx=nginx:mainline')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(c, 'set image sts/web *=nginx:1.27').out).toBe('statefulset.apps/web image updated\n');
    expect(kc(c, 'set image sts/web foo=x')).toEqual({ out: '', err: 'error: unable to find container named "foo"\n', code: 1 });
    // A missing container fails its own pair: the others are still sent, and the error comes after.
    expect(kc(c, 'set image sts/web nginx=nginx:1.28 foo=x')).toEqual({ out: 'statefulset.apps/web image updated\n', err: 'error: unable to find container named "foo"\n', code: 1 });
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template?.spec?.containers[0].image).toBe('nginx:1.28');
  });

  it('set image words a refused write as set_image.go does', () => {
    const c = cluster();
    expect(kc(c, 'set image deploy/coredns -n kube-system coredns=x').err).toMatch(/^error: failed to patch image update to pod template: deployments\.apps "coredns" is forbidden: /);
  });
});

describe('label and annotate', () => {
  it('labels, refuses to overwrite without --overwrite, removes with k-', () => {
    const c = cluster();
    expect(kc(c, 'label sts web tier=web').out).toBe('statefulset.apps/web labeled\n');
    expect(kc(c, 'label sts web tier=db')).toEqual({ out: '', err: "error: 'tier' already has a value (web), and --overwrite is false\n", code: 1 });
    expect(kc(c, 'label sts web tier=db --overwrite').out).toBe('statefulset.apps/web labeled\n');
    // The same value needs no --overwrite (label.go validateNoOverwrites compares the values): nothing changes.
    expect(kc(c, 'label sts web tier=db')).toEqual({ out: 'statefulset.apps/web not labeled\n', err: '', code: 0 });
    expect(kc(c, 'label sts web tier=db --overwrite').out).toBe('statefulset.apps/web not labeled\n');
    // Added and removed at once: "label(s) changed" (updateDataChangeMsg over the maps before and after).
    expect(kc(c, 'label sts web tier- zone=a').out).toBe('statefulset.apps/web label(s) changed\n');
    expect(kc(c, 'label sts/web zone-').out).toBe('statefulset.apps/web unlabeled\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.metadata?.labels).toBeUndefined();
  });
  it('annotates', () => {
    const c = cluster();
    expect(kc(c, 'annotate sts web kubernetes.io/change-cause=v2').out).toBe('statefulset.apps/web annotated\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.metadata?.annotations).toEqual({ 'kubernetes.io/change-cause': 'v2' });
  });
});

describe('patch', () => {
  it('strategic merge by container name, merge and json types, no-change detection', () => {
    const c = cluster();
    expect(kc(c, `patch sts web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}'`).out).toBe('statefulset.apps/web patched\n');
    const s = c.store.get('StatefulSet', 'default', 'web')!;
    expect(s.spec?.template?.spec?.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:2', ports: [{ containerPort: 80 }] });
    expect(kc(c, `patch sts web --type merge -p '{"spec":{"replicas":3}}'`).out).toBe('statefulset.apps/web patched (no change)\n');
    expect(kc(c, `patch sts web --type json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`).out).toBe('statefulset.apps/web patched\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(2);
  });
});

describe('patch errors', () => {
  it('renders the API server\'s answer as kubectl does', () => {
    const c = testCluster();
    put(c, 'StatefulSet', webSet());
    // A JSON patch the server cannot apply comes back as a 422 without causes.
    expect(kc(c, `patch sts web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'`)).toEqual({
      out: '', code: 1, err: 'The request is invalid: the server rejected our request due to an error in our request\n',
    });
    // A strategic patch list item without its merge key is a reason-less 500.
    expect(kc(c, `patch sts web -p '{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.27"}]}}}}'`).err)
      .toBe('Error from server: map: map[image:nginx:1.27] does not contain declared merge key: name\n');
  });
});

