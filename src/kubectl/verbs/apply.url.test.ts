// `-f URL`: the StatefulSet Basics tutorial's manifests are built in and read offline under each URL the website
// serves them at; any other URL fails with our no-network error before anything is changed.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { runKubectl } from '../index.ts';
import { kc, testCluster } from '../testing.ts';

const WEB = 'https://k8s.io/examples/application/web/web.yaml';
const PARALLEL = 'https://k8s.io/examples/application/web/web-parallel.yaml';

describe('kubectl -f URL (the tutorial manifests, offline)', () => {
  it('apply -f web.yaml creates the Service and StatefulSet; again, the Service is unchanged', () => {
    const c = testCluster();
    expect(kc(c, `apply -f ${WEB}`)).toEqual({ out: 'service/nginx created\nstatefulset.apps/web created\n', err: '', code: 0 });
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    expect(sts.spec?.template.spec?.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.21');
    expect(sts.spec?.replicas).toBe(2);
    expect(c.store.get('Service', 'default', 'nginx')?.spec?.clusterIP).toBe('None');
    // The set is `configured` again, as on a real cluster: the API server defaulted its volumeClaimTemplates
    // (apiVersion, kind, status), an atomic list, so the three-way patch sends the manifest's list back.
    expect(kc(c, `apply -f ${WEB}`).out).toBe('service/nginx unchanged\nstatefulset.apps/web configured\n');
  });

  it('apply -f web-parallel.yaml: Parallel, nginx-slim:0.24, app.kubernetes.io/name labels', () => {
    const c = testCluster();
    expect(kc(c, `apply -f ${PARALLEL}`).out).toBe('service/nginx created\nstatefulset.apps/web created\n');
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    expect(sts.spec?.podManagementPolicy).toBe('Parallel');
    expect(sts.spec?.template.spec?.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.24');
    expect(sts.spec?.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'nginx' });
    expect(c.store.get('Service', 'default', 'nginx')?.spec?.selector).toEqual({ 'app.kubernetes.io/name': 'nginx' });
  });

  it.each([
    'http://k8s.io/examples/application/web/web.yaml',
    'https://kubernetes.io/examples/application/web/web.yaml',
    'http://kubernetes.io/examples/application/web/web.yaml',
    'https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/web/web.yaml',
    'http://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/web/web.yaml',
  ])('reads the same file from %s', (url) => {
    const c = testCluster();
    expect(kc(c, `apply -f ${url}`).out).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template.spec?.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.21');
  });

  it('diff, create, replace, edit and delete read it too, naming the URL as the source', () => {
    const c = testCluster();
    const diff = kc(c, `diff -f ${WEB}`);
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/^\+[ -]+image: registry\.k8s\.io\/nginx-slim:0\.21$/m);
    expect(kc(c, `create -f ${WEB}`).out).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(kc(c, `create -f ${WEB}`).err).toBe(
      `Error from server (AlreadyExists): error when creating "${WEB}": services "nginx" already exists\n` +
      `Error from server (AlreadyExists): error when creating "${WEB}": statefulsets.apps "web" already exists\n`);
    expect(kc(c, `replace -f ${WEB}`).out).toBe('service/nginx replaced\nstatefulset.apps/web replaced\n');
    const editor = runKubectl(['edit', '-f', WEB], c).editor;
    expect(editor?.text).toMatch(/kind: Service\n[^]*kind: StatefulSet\n/);
    expect(kc(c, `delete -f ${WEB}`).out).toBe('service "nginx" deleted from default namespace\nstatefulset.apps "web" deleted from default namespace\n');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBeUndefined();
    expect(c.store.get('Service', 'default', 'nginx')).toBeUndefined();
    expect(kc(c, `delete -f ${WEB}`).err).toBe(
      `Error from server (NotFound): error when deleting "${WEB}": services "nginx" not found\n` +
      `Error from server (NotFound): error when deleting "${WEB}": statefulsets.apps "web" not found\n`);
  });

  it('any other URL fails with the no-network error and changes nothing, even after a readable file', () => {
    const c = testCluster();
    const before = c.store.state.resourceVersion;
    for (const url of ['https://k8s.io/examples/application/web/nope.yaml', 'http://example.com/web.yaml', 'https://k8s.io/examples/constructor']) {
      expect(kc(c, ['apply', '-f', WEB, '-f', url])).toEqual({
        out: '', code: 1,
        err: `error: unable to read URL "${url}": this simulated cluster has no network, and only the StatefulSet tutorial's manifests ` +
          `(${WEB} and ${PARALLEL}) are available by URL in it; give other manifests with -f - (standard input) or paste them ` +
          'into the app\'s YAML tab\n',
      });
    }
    expect(kc(c, 'delete -f https://example.com/x.yaml').code).toBe(1);
    expect(c.store.state.resourceVersion).toBe(before);
  });

  it('a path that only looks like a URL is a path', () => {
    expect(kc(testCluster(), 'apply -f k8s.io/examples/application/web/web.yaml').err)
      .toBe('error: the path "k8s.io/examples/application/web/web.yaml" does not exist\n');
  });
});

describe('registry.k8s.io/nginx-slim:0.21', () => {
  it('is pulled and runs: web.yaml comes up Ready, nginx 1.21.6 answering', () => {
    const c = Cluster.create({ seed: 3 });
    kc(c, `apply -f ${WEB}`);
    expect(c.settle().settled).toBe(true);
    for (const name of ['web-0', 'web-1']) {
      const pod = c.store.get('Pod', 'default', name)!;
      expect(pod.status?.containerStatuses?.[0]).toMatchObject({ image: 'registry.k8s.io/nginx-slim:0.21', ready: true, state: { running: {} } });
    }
    expect(kc(c, 'get events --field-selector involvedObject.name=web-0').out)
      .toMatch(/Successfully pulled image "registry\.k8s\.io\/nginx-slim:0\.21" in .*Image size: 25643516 bytes\./);
    expect(kc(c, 'exec web-0 -- curl -s http://localhost/').out).toContain('<hr><center>nginx/1.21.6</center>');
  });
});
