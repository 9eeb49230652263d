import { describe, expect, it } from 'vitest';
import { kc, put, testCluster, webSet, withWebRevisions } from '../testing.ts';

const withRevisions = (): ReturnType<typeof withWebRevisions> => withWebRevisions();

describe('rollout history before the controller has stored a revision (history.go printHistory)', () => {
  it('prints the object line, then says there is no history; --revision is not looked up in an empty history', () => {
    const c = testCluster();
    put(c, 'StatefulSet', webSet());
    expect(kc(c, 'rollout history sts/web')).toEqual({ out: 'statefulset.apps/web \nNo rollout history found.\n', err: '', code: 0 });
    expect(kc(c, 'rollout history sts/web --revision=1')).toEqual({ out: 'statefulset.apps/web with revision #1\nNo rollout history found.\n', err: '', code: 0 });
    // With -o the revision is looked up in what GetHistory found: nothing.
    expect(kc(c, 'rollout history sts/web --revision=1 -o name')).toEqual({ out: '', err: 'error: unable to find the specified revision\n', code: 1 });
    expect(kc(c, 'rollout history sts/web -o name')).toEqual({ out: '', err: '', code: 0 });
  });
});

describe('rollout history -o: each revision as the StatefulSet with its template (applyStatefulSetHistory)', () => {
  it('-o name prints the object once per revision; --revision one', () => {
    const c = withRevisions();
    expect(kc(c, 'rollout history sts/web -o name').out).toBe('statefulset.apps/web\nstatefulset.apps/web\n');
    expect(kc(c, 'rollout history sts/web --revision=2 -o name').out).toBe('statefulset.apps/web\n');
    expect(kc(c, 'rollout history sts/web --revision=7 -o name').err).toBe('error: unable to find the specified revision\n');
  });
  it('templates and structured formats see the revision\'s template merged into the live object', () => {
    const c = withRevisions();
    const image = '{.spec.template.spec.containers[0].image}';
    expect(kc(c, `rollout history sts/web --revision=1 -o jsonpath=${image}`).out).toBe('nginx:1');
    expect(kc(c, `rollout history sts/web -o jsonpath=${image}`).out).toBe('nginx:1nginx:2');
    const one = JSON.parse(kc(c, 'rollout history sts/web --revision=2 -o json').out);
    expect([one.apiVersion, one.kind, one.metadata.name, one.spec.template.spec.containers[0].image, one.spec.replicas]).toEqual(['apps/v1', 'StatefulSet', 'web', 'nginx:2', 3]);
    expect(one.spec.template.$patch).toBeUndefined();
    // One printer for every revision: YAML documents after the first start with `---`.
    const yaml = kc(c, 'rollout history sts/web -o yaml').out;
    expect(yaml.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: StatefulSet\n/);
    expect(yaml.indexOf('image: nginx:1')).toBeLessThan(yaml.indexOf('image: nginx:2'));
    // The live object is untouched.
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template.spec?.containers[0].image).toBe(webSet().spec!.template.spec!.containers[0].image);
  });
  it('a format PrintFlags refuses ends the command before any object is visited', () => {
    expect(kc(withRevisions(), 'rollout history sts/web -o wide')).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml\n',
      code: 1,
    });
  });
  it('--template without -o prints the live object through the template instead of the history', () => {
    expect(kc(withRevisions(), 'rollout history sts/web --template={{.metadata.name}}').out).toBe('web');
  });
  it('a Deployment\'s revisions are its ReplicaSets', () => {
    const c = testCluster();
    expect(kc(c, 'rollout history deploy/coredns -n kube-system -o name').out).toMatch(/^replicaset\.apps\/coredns-[a-z0-9]+\n$/);
  });
});
