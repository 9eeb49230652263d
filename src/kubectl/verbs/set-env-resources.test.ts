// `kubectl set env` and `kubectl set resources`: template changes that start a StatefulSet rolling update, with
// set_env.go's and set_resources.go's argument rules, messages and per-object errors.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { kc, testCluster } from '../testing.ts';

const WEB = 'https://k8s.io/examples/application/web/web.yaml';

function withWeb(): Cluster {
  const c = testCluster();
  expect(kc(c, `apply -f ${WEB}`).code).toBe(0);
  return c;
}

const container = (c: Cluster) => c.store.get('StatefulSet', 'default', 'web')!.spec!.template.spec!.containers[0];

describe('kubectl set env', () => {
  it('sets variables, replaces one in place, removes with K-, and lists them', () => {
    const c = withWeb();
    const gen = c.store.get('StatefulSet', 'default', 'web')!.metadata!.generation!;
    expect(kc(c, 'set env sts/web FOO=bar GREETING=hello')).toEqual({ out: 'statefulset.apps/web env updated\n', err: '', code: 0 });
    expect(container(c).env).toEqual([{ name: 'FOO', value: 'bar' }, { name: 'GREETING', value: 'hello' }]);
    expect(c.store.get('StatefulSet', 'default', 'web')!.metadata!.generation).toBe(gen + 1);
    expect(kc(c, 'set env sts/web FOO=baz').out).toBe('statefulset.apps/web env updated\n');
    expect(container(c).env).toEqual([{ name: 'FOO', value: 'baz' }, { name: 'GREETING', value: 'hello' }]);
    expect(kc(c, 'set env sts/web --list').out).toBe('# StatefulSet web, container nginx\nFOO=baz\nGREETING=hello\n');
    // The same values again change nothing: nothing is written or printed.
    expect(kc(c, 'set env sts/web FOO=baz')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(c, 'set env sts/web FOO- GREETING-').out).toBe('statefulset.apps/web env updated\n');
    expect(container(c).env).toBeUndefined();
  });

  it('--list shows the changes asked for without writing them', () => {
    const c = withWeb();
    expect(kc(c, 'set env sts/web A=1 --list').out).toBe('# StatefulSet web, container nginx\nA=1\n');
    expect(container(c).env).toBeUndefined();
  });

  it('-e and - (KEY=VALUE lines on standard input, # comments dropped) add to the arguments', () => {
    const c = withWeb();
    expect(kc(c, 'set env sts/web -e A=1 -', { stdin: 'B=2 # two\n# none\nC=3\n' }).out).toBe('statefulset.apps/web env updated\n');
    expect(container(c).env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2 ' }, { name: 'C', value: '3' }]);
  });

  it('refuses bad arguments with set_env.go texts, changing nothing', () => {
    const c = withWeb();
    kc(c, 'set env sts/web FOO=bar');
    const before = JSON.stringify(c.store.get('StatefulSet', 'default', 'web'));
    expect(kc(c, 'set env sts/web FOO=baz --overwrite=false').err).toBe("error: statefulsets/web 'FOO' already has a value (bar), and --overwrite is false\n");
    expect(kc(c, 'set env sts/web 1BAD=x').err).toBe(
      "error: \"1BAD\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n");
    expect(kc(c, 'set env sts/web X=1 X-').err).toBe('error: can not both modify and remove the same environment variable in the same command\n');
    expect(kc(c, 'set env X=1 sts/web').err).toBe('error: all resources must be specified before environment changes: X=1 sts/web\n');
    expect(kc(c, 'set env X=1').err).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect(kc(c, 'set env sts/web --list -o yaml').err).toBe('error: --list and --output may not be specified together\n');
    expect(kc(c, 'set env sts/web --keys=a').err).toBe('error: when specifying --keys, a configmap or secret must be provided with --from\n');
    expect(kc(c, 'set env sts/web --from=sts/web').err).toBe('error: unsupported resource specified in --from\n');
    expect(kc(c, 'set env sts --all -l app=nginx A=1').err).toBe('error: cannot set --all and --selector at the same time\n');
    expect(JSON.stringify(c.store.get('StatefulSet', 'default', 'web'))).toBe(before);
  });

  it('-c picks containers by wildcard; none matching is a warning and no change', () => {
    const c = withWeb();
    expect(kc(c, 'set env sts/web -c ng?n* A=1').out).toBe('statefulset.apps/web env updated\n');
    expect(kc(c, 'set env sts/web -c db A=2')).toEqual({ out: '', err: 'warning: StatefulSet/web does not have any containers matching "db"\n', code: 0 });
    expect(container(c).env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('an object without a pod template, and a pod whose spec the API server keeps, fail per object', () => {
    const c = withWeb();
    const r = kc(c, 'set env svc/nginx sts/web A=1');
    expect(r.out).toBe('statefulset.apps/web env updated\n');
    expect(r.err).toBe('error: services/nginx the object is not a pod or does not have a pod template: *v1.Service\n');
    expect(kc(c, 'run solo --image=nginx:1.27 --restart=Never').code).toBe(0);
    expect(kc(c, 'set env pod/solo A=1').err).toMatch(/^error: failed to patch env update to pod template: Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  });

  it('an object that is not there fails the command before anything changes (the builder reads them all first)', () => {
    const c = withWeb();
    expect(kc(c, 'set env sts/web sts/nope A=1')).toEqual({ out: '', err: 'Error from server (NotFound): statefulsets.apps "nope" not found\n', code: 1 });
    expect(kc(c, 'set image sts/web sts/nope nginx=nginx:1.27').err).toBe('Error from server (NotFound): statefulsets.apps "nope" not found\n');
    // set resources fetches in Complete, before it checks its own flags.
    expect(kc(c, 'set resources sts nope').err).toBe('Error from server (NotFound): statefulsets.apps "nope" not found\n');
    expect(container(c).env).toBeUndefined();
    expect(container(c).image).toBe('registry.k8s.io/nginx-slim:0.21');
  });

  it('set image with an empty image takes the image out of the template, as kubectl\'s patch does (omitempty)', () => {
    const c = withWeb();
    expect(kc(c, 'set image sts/web nginx=').out).toBe('statefulset.apps/web image updated\n');
    expect('image' in container(c)).toBe(false);
  });

  it('--dry-run=client prints the changed object and writes nothing', () => {
    const c = withWeb();
    const r = kc(c, 'set env sts/web A=1 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].env}');
    expect(r.out).toBe('[{"name":"A","value":"1"}]');
    expect(container(c).env).toBeUndefined();
  });
});

describe('kubectl set resources', () => {
  it('sets limits and requests as canonical quantities, keeping what is there', () => {
    const c = withWeb();
    expect(kc(c, 'set resources sts web --limits=cpu=200m,memory=512Mi --requests=cpu=0.1').out).toBe('statefulset.apps/web resource requirements updated\n');
    expect(container(c).resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    expect(kc(c, 'set resources sts web --limits=cpu=1').out).toBe('statefulset.apps/web resource requirements updated\n');
    expect(container(c).resources).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m' } });
    expect(kc(c, 'set resources sts web --limits=cpu=1')).toEqual({ out: '', err: '', code: 0 });
  });

  it('refuses bad arguments with set_resources.go texts', () => {
    const c = withWeb();
    expect(kc(c, 'set resources sts web').err).toBe('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n');
    expect(kc(c, 'set resources sts web --limits=cpu').err).toBe('error: Invalid argument syntax cpu, expected <resource>=<value>\n');
    expect(kc(c, 'set resources sts web --limits=cpu=abc').err).toBe("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n");
    const before = JSON.stringify(container(c));
    expect(kc(c, 'set resources sts web -c db --limits=cpu=1').err).toBe('error: unable to find container named db\n');
    expect(JSON.stringify(container(c))).toBe(before);
  });

  it('a pod keeps its resources: the API server refuses, worded as set resources reports it (no colon)', () => {
    const c = withWeb();
    expect(kc(c, 'run solo --image=nginx:1.27 --restart=Never').code).toBe(0);
    const r = kc(c, 'set resources pod/solo --limits=cpu=1');
    expect(r.err).toMatch(/^error: failed to patch resources update to pod template Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than /);
    expect(r.out).toBe('');
  });
});

describe('kubectl set serviceaccount', () => {
  it('sets the template\'s account (sa for short), printing each object even unchanged; a missing account stops the rollout', () => {
    // A whole cluster: the ServiceAccount admission and the controllers.
    const c = Cluster.create({ seed: 1 });
    expect(kc(c, `apply -f ${WEB}`).code).toBe(0);
    c.settle();
    const spec = () => c.store.get('StatefulSet', 'default', 'web')!.spec!.template.spec!;
    expect(kc(c, 'set serviceaccount sts web nope')).toEqual({ out: 'statefulset.apps/web serviceaccount updated\n', err: '', code: 0 });
    expect(spec().serviceAccountName).toBe('nope');
    // The same account again: nothing changes, and set serviceaccount prints the object anyway (set image would not).
    const rv = c.store.get('StatefulSet', 'default', 'web')!.metadata!.resourceVersion;
    expect(kc(c, 'set sa sts/web nope').out).toBe('statefulset.apps/web serviceaccount updated\n');
    expect(c.store.get('StatefulSet', 'default', 'web')!.metadata!.resourceVersion).toBe(rv);
    expect(kc(c, 'set sa sts web nope --dry-run=client').out).toBe('statefulset.apps/web serviceaccount updated (dry run)\n');
    // Nobody checks that the account exists: the controller's new pod is refused by the ServiceAccount admission.
    c.advance(30_000);
    const failed = c.store.list('Event', 'default').filter((e) => e.reason === 'FailedCreate').map((e) => e.message);
    expect(failed[0]).toBe('create Pod web-1 in StatefulSet web failed error: pods "web-1" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found');
    kc(c, 'create serviceaccount nope');
    c.settle();
    expect(c.store.get('StatefulSet', 'default', 'web')!.status!.updatedReplicas).toBe(2);
    expect(kc(c, 'set sa')).toEqual({ out: '', err: 'error: serviceaccount is required\n', code: 1 });
    expect(kc(c, 'set sa svc nginx x').err).toBe('error: services/nginx the object is not a pod or does not have a pod template: *v1.Service\n');
  });
});

describe('kubectl set selector', () => {
  it('replaces a Service\'s selector whole: the headless Service of a StatefulSet then has no endpoints; Services only', () => {
    const c = Cluster.create({ seed: 1 });
    expect(kc(c, `apply -f ${WEB}`).code).toBe(0);
    c.settle();
    const slice = () => c.store.list('EndpointSlice', 'default').find((s) => s.metadata!.labels?.['kubernetes.io/service-name'] === 'nginx')!;
    expect(slice().endpoints?.length).toBe(2);
    expect(kc(c, 'set selector svc nginx app=other')).toEqual({ out: 'service/nginx selector updated\n', err: '', code: 0 });
    c.settle();
    expect(c.store.get('Service', 'default', 'nginx')!.spec!.selector).toEqual({ app: 'other' });
    expect(slice().endpoints ?? []).toEqual([]);
    // Printed even when nothing changes; '' removes the selector.
    expect(kc(c, 'set selector svc nginx app=other').out).toBe('service/nginx selector updated\n');
    expect(kc(c, "set selector svc nginx ''").out).toBe('service/nginx selector updated\n');
    expect(c.store.get('Service', 'default', 'nginx')!.spec!.selector).toBeUndefined();
    const err = (line: string) => kc(c, line).err;
    expect(err("set selector svc nginx 'app in (a,b)'")).toBe('error: match expression [{app In [a b]}] not supported on this object\n');
    expect(err("set selector svc nginx 'app!=x'")).toBe('error: "!=" is not a valid label selector operator\n');
    expect(err("set selector svc nginx 'app in (a,b'")).toBe("error: couldn't parse the selector string \"app in (a,b\": unable to parse requirement: found '', expected: ',' or ')'\n");
    expect(err('set selector sts web app=nginx')).toBe('error: setting a selector is only supported for Services\n');
    expect(err('set selector')).toBe('error: one selector is required\n');
    // set's one other sub-command works on RoleBindings, which this cluster does not model.
    expect(err('set subject rolebinding admin --user=a')).toBe('error: "kubectl set subject" is not available in this simulated cluster\n');
  });
});
