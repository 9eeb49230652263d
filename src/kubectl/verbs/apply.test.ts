import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { kc, testCluster } from '../testing.ts';

function setup() {
  const files: Record<string, string> = { 'web.yaml': SEED_MANIFEST };
  return { c: testCluster(), files, io: { readFile: (p: string) => files[p] ?? null } };
}

describe('kubectl apply', () => {
  it('creates, then leaves an unchanged Service alone, then configures an edited set', () => {
    const { c, files, io } = setup();
    expect(kc(c, 'apply -f web.yaml', io)).toEqual({ out: 'service/nginx created\nstatefulset.apps/nginx-web created\n', err: '', code: 0 });
    expect(kc(c, 'apply -f web.yaml', io).out).toMatch(/^service\/nginx unchanged\n/);
    files['web.yaml'] = SEED_MANIFEST.replace('replicas: 3', 'replicas: 5');
    expect(kc(c, 'apply -f web.yaml', io).out).toContain('statefulset.apps/nginx-web configured\n');
    expect(c.store.get('StatefulSet', 'default', 'nginx-web')?.spec?.replicas).toBe(5);
  });

  it('stores the last-applied configuration as Go JSON with a trailing newline', () => {
    const { c, io } = setup();
    kc(c, 'apply -f web.yaml', io);
    expect(c.store.get('Service', 'default', 'nginx')?.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'])
      .toBe('{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx","namespace":"default"},"spec":{"clusterIP":"None","ports":[{"name":"web","port":80}],"selector":{"app":"nginx"}}}\n');
  });

  it('removes a field dropped from the manifest but keeps server defaults', () => {
    const { c, files, io } = setup();
    kc(c, 'apply -f web.yaml', io);
    files['web.yaml'] = SEED_MANIFEST.replace('  labels:\n    app: nginx\n', '');
    expect(kc(c, 'apply -f web.yaml', io).out).toMatch(/^service\/nginx configured\n/);
    const svc = c.store.get('Service', 'default', 'nginx')!;
    expect(svc.metadata?.labels).toBeUndefined();
    expect(svc.spec?.ports?.[0]?.protocol).toBe('TCP');
  });

  it('reads stdin with -f - and reports YAML errors in go-yaml words', () => {
    const c = testCluster();
    expect(kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Service\nmetadata: name: x\n' }).err)
      .toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n');
    expect(kc(c, 'apply -f nope.yaml').err).toBe('error: the path "nope.yaml" does not exist\n');
    expect(kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n' }).err)
      .toBe('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n');
    // A kind every real cluster serves, but this one does not model, is said to be so (not a missing CRD).
    expect(kc(c, 'create -f -', { stdin: 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr\nspec: {}\n' }).err)
      .toBe('error: LimitRange (v1) is not available in this simulated cluster: "lr" from "STDIN" was not sent\n');
    expect(kc(c, 'apply -f -', { stdin: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n' }).err).toMatch(/^error: Job \(batch\/v1\) is not available/);
  });

  it('create -f fails with AlreadyExists on the second run', () => {
    const { c, io } = setup();
    expect(kc(c, 'create -f web.yaml', io).out).toBe('service/nginx created\nstatefulset.apps/nginx-web created\n');
    expect(kc(c, 'create -f web.yaml', io)).toEqual({
      out: '', code: 1,
      err: 'Error from server (AlreadyExists): error when creating "web.yaml": services "nginx" already exists\nError from server (AlreadyExists): error when creating "web.yaml": statefulsets.apps "nginx-web" already exists\n',
    });
  });

  it('renders Invalid errors as kubectl does', () => {
    const c = testCluster();
    const bad = SEED_MANIFEST.split('---\n')[1].replace('replicas: 3', 'replicas: -1');
    expect(kc(c, 'apply -f -', { stdin: bad }).err).toBe('The StatefulSet "nginx-web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });

  it('says configured whenever the three-way patch is not empty, even when the object ends up the same', () => {
    const { c, files, io } = setup();
    kc(c, 'apply -f web.yaml', io);
    // The label goes from the live Service first; the manifest then drops it too. The patch still deletes it
    // (last-applied had it), so kubectl sends it and says configured, though nothing changes.
    const svc = c.store.get('Service', 'default', 'nginx')!;
    c.store.update('Service', { ...svc, metadata: { ...svc.metadata, labels: {} } });
    files['web.yaml'] = SEED_MANIFEST.replace('  labels:\n    app: nginx\n', '');
    expect(kc(c, 'apply -f web.yaml', io).out).toMatch(/^service\/nginx configured\n/);
    expect(kc(c, 'apply -f web.yaml', io).out).toMatch(/^service\/nginx unchanged\n/);
  });
});

describe('kubectl apply and create --validate', () => {
  const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  foo: 1\n  ports:\n  - port: 80\n`;
  it('strict (the default) refuses unknown fields; warn drops them with a warning; false and ignore drop them silently', () => {
    const c = Cluster.create({ freeze: true });
    expect(kc(c, 'apply -f -', { stdin: svc('a') }).err).toMatch(/strict decoding error: unknown field "spec\.foo"\n$/);
    expect(kc(c, 'apply --validate=warn -f -', { stdin: svc('a') })).toEqual({ out: 'service/a created\n', err: 'Warning: unknown field "spec.foo"\n', code: 0 });
    expect(kc(c, 'create --validate=false -f -', { stdin: svc('b') })).toEqual({ out: 'service/b created\n', err: '', code: 0 });
    expect(kc(c, 'create --validate=ignore -f -', { stdin: svc('c') }).code).toBe(0);
    expect(Object.keys(c.store.get('Service', 'default', 'b')!.spec!)).not.toContain('foo');
    expect(kc(c, 'apply --validate=maybe -f -', { stdin: svc('d') }).err).toBe('error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
    expect(c.store.get('Service', 'default', 'd')).toBeUndefined();
  });
});
