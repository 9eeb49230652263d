// `-f` on the verbs that read objects from the cluster (get, describe, label, annotate, scale, set image, patch,
// wait, rollout status): the objects the files name are read live, each in its namespace, in file order, as
// cli-runtime's builder does for paths; resource arguments beside -f are refused in its words.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';
import { docExample } from '../doc-examples.ts';

const WEB = 'https://k8s.io/examples/application/web/web.yaml';
// The StatefulSet of web.yaml alone (its second document).
const STS_ONLY = docExample(WEB)!.split('---\n')[1];

function withWeb() {
  const c = testCluster();
  expect(kc(c, `apply -f ${WEB}`).code).toBe(0);
  return c;
}

describe('get -f', () => {
  it('prints a table per kind, in file order, names prefixed with their kind', () => {
    const r = kc(withWeb(), `get -f ${WEB}`);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
      'service/nginx   ClusterIP   None         <none>        80/TCP    0s\n' +
      '\n' +
      'NAME                   READY   AGE\n' +
      'statefulset.apps/web   0/2     0s\n');
  });

  it('-o name lists both; one object from one file prints as itself, two as a List', () => {
    const c = withWeb();
    expect(kc(c, `get -f ${WEB} -o name`).out).toBe('service/nginx\nstatefulset.apps/web\n');
    expect(kc(c, `get -f ${WEB} -o jsonpath={.kind}`).out).toBe('List');
    expect(kc(c, 'get -f - -o jsonpath={.kind}', { stdin: STS_ONLY }).out).toBe('List');
    expect(kc(c, 'get -f sts.yaml -o jsonpath={.kind}', { readFile: (f) => (f === 'sts.yaml' ? STS_ONLY : null) }).out).toBe('StatefulSet');
  });

  it('an object the file names that is not there is NotFound, after what was found', () => {
    const c = withWeb();
    expect(kc(c, 'delete svc nginx').code).toBe(0);
    const r = kc(c, `get -f ${WEB} -o name`);
    expect(r).toEqual({ out: '', err: 'Error from server (NotFound): services "nginx" not found\n', code: 1 });
    const t = kc(c, `get -f ${WEB}`);
    expect(t.out).toBe('NAME   READY   AGE\nweb    0/2     0s\n');
    expect(t.err).toBe('Error from server (NotFound): services "nginx" not found\n');
    expect(t.code).toBe(1);
  });

  it('-l keeps the objects whose labels in the file match (the builder filters before it fetches), delete included', () => {
    const c = withWeb();
    expect(kc(c, `get -f ${WEB} -l app=nginx -o name`).out).toBe('service/nginx\n');
    expect(kc(c, `get -f ${WEB} -l app=other`)).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    // A label added to the live StatefulSet does not make it match: web.yaml gives it no labels.
    kc(c, 'label sts web tier=db');
    expect(kc(c, `get -f ${WEB} -l tier=db`).err).toBe('No resources found in default namespace.\n');
    expect(kc(c, `delete -f ${WEB} -l app=nginx`).out).toBe('service "nginx" deleted from default namespace\n');
    expect(c.store.get('StatefulSet', 'default', 'web')).toBeDefined();
  });

  it('resource arguments beside -f are refused; so is a namespace the objects contradict', () => {
    const c = withWeb();
    expect(kc(c, `get pods -f ${WEB}`).err).toBe('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n');
    expect(kc(c, `get sts/web -f ${WEB}`).err).toBe('error: resource/name arguments cannot be provided when a path is specified\n');
    const own = STS_ONLY.replace('  name: web\n', '  name: web\n  namespace: default\n');
    expect(kc(c, 'get -f - -n kube-system', { stdin: own }).err).toBe(
      'error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass \'--namespace=default\' to perform this operation.\n');
  });

  it('-w watches the one kind a file names; two kinds are refused', () => {
    const c = withWeb();
    expect(kc(c, `get -f ${WEB} -w`).err).toBe('error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n');
    expect(kc(c, 'get -f - -w', { stdin: STS_ONLY }).out).toBe('NAME   READY   AGE\nweb    0/2     0s\n');
  });
});

describe('describe -f', () => {
  it('describes each object the file names, blank lines between', () => {
    const r = kc(withWeb(), `describe -f ${WEB}`);
    expect(r.code).toBe(0);
    const parts = r.out.split('\n\n\n');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^Name:\s+nginx\nNamespace:\s+default\n[^]*Type:\s+ClusterIP\n/);
    expect(parts[1]).toMatch(/^Name:\s+web\nNamespace:\s+default\n[^]*Replicas:\s+2 desired \| 0 total\n/);
  });
});

describe('the mutating verbs with -f', () => {
  it('label and annotate change every object the file names', () => {
    const c = withWeb();
    expect(kc(c, `label -f ${WEB} tier=web`).out).toBe('service/nginx labeled\nstatefulset.apps/web labeled\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.metadata?.labels).toEqual({ tier: 'web' });
    expect(kc(c, `annotate -f ${WEB} note=x`).out).toBe('service/nginx annotated\nstatefulset.apps/web annotated\n');
    expect(c.store.get('Service', 'default', 'nginx')?.metadata?.annotations?.note).toBe('x');
  });

  it('scale scales the StatefulSet; the Service has no /scale', () => {
    const c = withWeb();
    const r = kc(c, `scale --replicas=3 -f ${WEB}`);
    expect(r.out).toBe('statefulset.apps/web scaled\n');
    expect(r.err).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(3);
  });

  it('set image updates the StatefulSet and says the Service has no pod template', () => {
    const c = withWeb();
    const r = kc(c, `set image -f ${WEB} nginx=registry.k8s.io/nginx-slim:0.24`);
    expect(r.out).toBe('statefulset.apps/web image updated\n');
    expect(r.err).toBe('error: services/nginx the object is not a pod or does not have a pod template: *v1.Service\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template.spec?.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.24');
    expect(kc(c, 'set image svc/nginx a=b').err).toBe('error: services/nginx the object is not a pod or does not have a pod template: *v1.Service\n');
  });

  it('patch patches each object', () => {
    const c = withWeb();
    const r = kc(c, ['patch', '-f', WEB, '--type', 'merge', '-p', '{"metadata":{"labels":{"p":"1"}}}']);
    expect(r.out).toBe('service/nginx patched\nstatefulset.apps/web patched\n');
    expect(c.store.get('Service', 'default', 'nginx')?.metadata?.labels?.p).toBe('1');
  });

  it('an object that is not there changes nothing of the others it names being NotFound', () => {
    const c = withWeb();
    expect(kc(c, 'delete sts web').code).toBe(0);
    const r = kc(c, `label -f ${WEB} tier=web`);
    expect(r.out).toBe('service/nginx labeled\n');
    expect(r.err).toBe('Error from server (NotFound): statefulsets.apps "web" not found\n');
  });
});

describe('rollout with -f and with kinds it has no helper for', () => {
  it('rollout status takes one object: two in a file are refused, one is watched', () => {
    const c = withWeb();
    expect(kc(c, `rollout status -f ${WEB}`).err).toBe('error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n');
    expect(kc(c, 'rollout status sts web web').err).toBe('error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n');
    expect(kc(c, 'rollout status -f - --watch=false', { stdin: STS_ONLY }).out).toBe('Waiting for statefulset spec update to be observed...\n');
  });

  it('history and restart go on past an object they cannot handle and report the failures at the end', () => {
    const c = withWeb();
    // ContinueOnError: the Service's refusal does not stop the StatefulSet's history (no revision yet: not settled).
    expect(kc(c, `rollout history -f ${WEB}`)).toEqual({ out: 'statefulset.apps/web \nNo rollout history found.\n', err: 'error: no history viewer has been implemented for "Service"\n', code: 1 });
    const r = kc(c, `rollout restart -f ${WEB}`);
    expect(r.out).toBe('statefulset.apps/web restarted\n');
    expect(r.err).toBe('error: services "nginx" restarting is not supported\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeDefined();
    expect(kc(c, 'rollout history -f -', { stdin: STS_ONLY }).out).toBe('statefulset.apps/web \nNo rollout history found.\n');
  });

  it('a bare type is every object of the type (-l narrows it); no resource at all is refused', () => {
    const c = withWeb();
    expect(kc(c, 'rollout history sts').out).toBe('statefulset.apps/web \nNo rollout history found.\n');
    expect(kc(c, 'rollout status sts --watch=false').out).toBe('Waiting for statefulset spec update to be observed...\n');
    expect(kc(c, 'rollout status sts -l app=none').err).toBe('error: rollout status is only supported on individual resources and resource collections - 0 resources were found\n');
    expect(kc(c, 'rollout status ds -n kube-system').err).toBe('error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n');
    expect(kc(c, 'rollout restart sts -l app=none')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(kc(c, 'rollout history sts -l app=none')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(c, 'rollout restart sts').out).toBe('statefulset.apps/web restarted\n');
    for (const sub of ['status', 'history', 'undo', 'restart', 'pause', 'resume']) {
      expect(kc(c, `rollout ${sub}`).err).toBe('error: required resource not specified\n');
    }
  });

  it('each sub-command says what it has no helper for in its own words', () => {
    const c = withWeb();
    expect(kc(c, 'rollout status svc nginx').err).toBe('error: no status viewer has been implemented for Service\n');
    expect(kc(c, 'rollout history svc nginx').err).toBe('error: no history viewer has been implemented for "Service"\n');
    expect(kc(c, 'rollout undo svc nginx').err).toBe('error: no rollbacker has been implemented for {"" "Service"}\n');
    expect(kc(c, 'rollout restart svc nginx').err).toBe('error: services "nginx" restarting is not supported\n');
    expect(kc(c, 'rollout pause sts web').err).toBe('error: statefulsets.apps "web" pausing is not supported\n');
    expect(kc(c, 'rollout resume svc/nginx').err).toBe('error: services "nginx" resuming is not supported\n');
  });

  it('pause and resume reach a Deployment, which this cluster serves read-only', () => {
    const c = testCluster();
    const r = kc(c, 'rollout pause deploy coredns -n kube-system');
    expect(r.err).toMatch(/^error: failed to patch: deployments\.apps "coredns" is forbidden: /);
    expect(kc(c, 'rollout resume deploy coredns -n kube-system').err).toBe('error: deployments.apps "coredns" is not paused\n');
  });
});
