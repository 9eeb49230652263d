// What kubectl says before it sends anything: each expected text below was taken from a real kubectl (1.32, the
// newest binary at hand; the checks have not changed since) run with the same line, and nothing changes.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from './testing.ts';

const WEB = 'https://k8s.io/examples/application/web/web.yaml';
const USAGE = (path: string) => `See 'kubectl ${path} --help' for usage.\n`;
const HELP = (path: string) => `See 'kubectl ${path} -h' for help and examples\n`;

const CASES: Array<[string, string]> = [
  ['exec web-0 ls', 'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n' + HELP('exec')],
  ['wait pod/web-0 --for=condition=Ready --timeout=30', 'error: invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"\n' + USAGE('wait')],
  ['delete pod web-0 --timeout=30', 'error: invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"\n' + USAGE('delete')],
  ['rollout status sts/web --timeout=5q', 'error: invalid argument "5q" for "--timeout" flag: time: unknown unit "q" in duration "5q"\n' + USAGE('rollout status')],
  ['get pods --all-namespaces=maybe', 'error: invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n' + USAGE('get')],
  ['get pods/web-0 pods', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
  ['label pod web-0 foo=bar=baz', 'error: invalid label spec: foo=bar=baz\n'],
  ['label pod web-0 foo=bad@value', "error: invalid label value: \"foo=bad@value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n"],
  ['label pod web-0 foo=bar foo-', 'error: can not both modify and remove a label in the same command\n'],
  ['label pod web-0 a=b web-1', 'error: all resources must be specified before label changes: web-1\n'],
  ['label pod web-0', 'error: at least one label update is required\n'],
  ['label a=b', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
  ['label pods --all foo=bar -l app=nginx', 'error: cannot set --all and --selector at the same time\n'],
  ['annotate pod web-0 a=b a-', 'error: can not both modify and remove the following annotation(s) in the same command: a\n'],
  ['annotate pod web-0 =x', 'error: at least one annotation update is required\n'],
  ['set image sts/web nginx-', 'error: invalid image format: nginx-\n'],
  ['set env X=1 sts/web', 'error: all resources must be specified before environment changes: X=1 sts/web\n'],
  ['describe', 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n'],
  ['delete pod --all web-0', 'error: name cannot be provided when a selector is specified\n'],
  [`delete -f ${WEB} sts web`, 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'],
  ['delete pods --all -l app=nginx', "error: setting 'all' parameter but found a non empty selector. \n"],
  ['delete --all', 'error: at least one resource must be specified to use a selector\n'],
  ['delete sts/web --all', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
  ['wait pod/web-0', 'error: unrecognized condition: ""\n'],
  ['wait pod/web-0 --for=jsonpath=', 'error: jsonpath expression cannot be empty\n'],
  ['version extra', 'error: extra arguments: [extra]\n'],
  ['version -o bad', "error: --output must be 'yaml' or 'json'\n"],
  ['api-resources extra', 'error: unexpected arguments: [extra]\n' + HELP('api-resources')],
  [`apply -f ${WEB} extra`, 'error: Unexpected args: [extra]\n' + HELP('apply')],
  ['apply pods', 'error: Unexpected args: [pods]\n' + HELP('apply')],
  [`replace -f ${WEB} --force --dry-run=server`, 'error: --dry-run can not be used when --force is set\n'],
  ['rollout history sts/web --revision=-1', 'error: revision must be a positive integer: -1\n'],
  ['rollout status sts/web --revision=-1', 'error: revision must be a positive integer: -1\n'],
  ['rollout history', 'error: required resource not specified\n'],
  ['rollout bogus', 'error: unknown command "bogus"\n' + HELP('rollout')],
  ['rollout stats sts/web -n x', 'error: unknown command "stats sts/web"\n' + HELP('rollout')],
  ['set bogus', 'error: unknown command "bogus"\n' + HELP('set')],
  [`apply -f ${WEB} --server-side --dry-run=client`, "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n"],
  // Server-side apply is not modelled: said so, rather than applied client-side under its name.
  [`apply -f ${WEB} --server-side`, 'error: "kubectl apply --server-side" is not available in this simulated cluster (it does not model field managers and their conflicts); kubectl apply without --server-side applies client-side\n'],
  ['run x --image=nginx --port=abc', 'error: strconv.Atoi: parsing "abc": invalid syntax\n'],
  ['run x --image=nginx --annotations=a=b --annotations==x', 'error: invalid annotations format: =x\n'],
  ['drain kind-worker --delete-local-data', 'error: unknown flag: --delete-local-data\n' + USAGE('drain')],
  ['create', 'error: must specify one of -f and -k\n'],
  ['apply', 'error: must specify one of -f and -k\n'],
  ['create bogus x', 'error: Unexpected args: [bogus x]\n' + HELP('create')],
  ['get pods -v=abc', 'error: invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax\n' + USAGE('get')],
  ['get pods --request-timeout=abc', 'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n'],
  ['', 'error: the help of "kubectl" is not available in this simulated cluster; it is on https://kubernetes.io/docs/reference/kubectl/generated/kubectl/\n'],
  ['logs web-0 --since=abc', 'error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\n' + USAGE('logs')],
  // Flags before the command: cobra skips the ones kubectl itself has (each unknown one takes the next word), and the
  // plugin search refuses a line that starts with a flag and names no command.
  ['-A get pods', 'Error: flags cannot be placed before plugin name: -A\n'],
  ['-n default frobnicate', 'Error: flags cannot be placed before plugin name: -n\n'],
  ['-n default help', 'Error: flags cannot be placed before plugin name: -n\n'],
  ['-n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n"],
  ['-n default --foo get', "error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n"],
  ['-n default', 'error: the help of "kubectl" is not available in this simulated cluster; it is on https://kubernetes.io/docs/reference/kubectl/generated/kubectl/\n'],
  ['-n get', 'error: the help of "kubectl" is not available in this simulated cluster; it is on https://kubernetes.io/docs/reference/kubectl/generated/kubectl/\n'],
  ['-- get pods', 'error: the help of "kubectl" is not available in this simulated cluster; it is on https://kubernetes.io/docs/reference/kubectl/generated/kubectl/\n'],
  ['-n x rollout bogus', 'error: unknown command "bogus"\n' + HELP('rollout')],
  ['rollout -n x bogus', 'error: unknown command "bogus"\n' + HELP('rollout')],
  ['rollout -w status', "error: unknown shorthand flag: 'w' in -w\n" + USAGE('rollout')],
  ['create --dry-run client deployment x --image=nginx', 'error: unknown flag: --image\n' + USAGE('create')],
  // The builder refuses names beside a selector (checked against kubectl 1.33).
  ['get pods web-0 -l app=nginx', 'error: name cannot be provided when a selector is specified\n'],
  ['label pods web-0 -l app=nginx a=b', 'error: name cannot be provided when a selector is specified\n'],
  ['scale sts web -l app=nginx --replicas=1', 'error: name cannot be provided when a selector is specified\n'],
  ['describe pods web-0 -l app=nginx', 'error: name cannot be provided when a selector is specified\n'],
  ['wait pods web-0 -l app=nginx --for=delete', 'error: name cannot be provided when a selector is specified\n'],
  ['get pods/web-0 -l app=nginx', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
  ['set image sts web nginx=x --all', 'error: name cannot be provided when a selector is specified\n'],
  ['top pods -l "a in ("', "error: unable to parse requirement: found '', expected: ',', ')' or identifier\n"],
  ['top pods --field-selector=foo', "error: invalid selector: 'foo'; can't understand 'foo'\n"],
  ['delete pods --all --field-selector status.phase=Running', "error: setting 'all' parameter but found a non empty selector. \n"],
  ['apply -f /nonexist -o bogus', 'error: the path "/nonexist" does not exist\n'],
  ['drain kind-worker --chunk-size=abc', 'error: invalid argument "abc" for "--chunk-size" flag: strconv.ParseInt: parsing "abc": invalid syntax\n' + USAGE('drain')],
  ['apply -f /nonexist --overwrite=maybe', 'error: invalid argument "maybe" for "--overwrite" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n' + USAGE('apply')],
  ['get pods --kubeconfig /nonexist', 'error: stat /nonexist: no such file or directory\n'],
  ['version --kubeconfig /nonexist', 'error: stat /nonexist: no such file or directory\n'],
  [`apply -f ${WEB} --kubeconfig /nonexist`, 'error: stat /nonexist: no such file or directory\n'],
  ['-v x get pods', 'error: invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax\n' + USAGE('get')],
];

describe('client-side checks, as a real kubectl words them', () => {
  it.each(CASES)('kubectl %s', (line, err) => {
    const c = testCluster();
    expect(kc(c, `apply -f ${WEB}`).code).toBe(0);
    kc(c, 'run web-0 --image=nginx:1.27 --restart=Never');
    const rv = c.store.state.resourceVersion;
    expect(kc(c, line)).toEqual({ out: '', err, code: 1 });
    expect(c.store.state.resourceVersion).toBe(rv);
  });

  it('runs a command named after flags, as cobra finds it: global flags, or any flag taking the next word', () => {
    const c = testCluster();
    kc(c, `apply -f ${WEB}`);
    kc(c, 'run web-0 --image=nginx:1.27 --restart=Never --labels=app=nginx');
    const pods = kc(c, 'get pods -n default').out;
    expect(pods).toMatch(/^NAME +READY/);
    for (const line of ['-n default get pods', '--namespace default get pods', '--namespace=default get pods', '-ndefault get pods', '-v 3 get pods', '--request-timeout 5s get pods', '--context kind-kind get pods',
      '--kubeconfig /root/.kube/config get pods', 'get pods --kubeconfig=~/.kube/config']) {
      expect(kc(c, line)).toEqual({ out: pods, err: '', code: 0 });
    }
    // An unknown flag before the verb takes the next word as its value and is then the verb's own flag.
    expect(kc(c, '-o name get pods -n kube-system').out).toMatch(/^pod\/coredns-/);
    expect(kc(c, '-n kube-system label -n default pod web-0 tier=web').out).toBe('pod/web-0 labeled\n');
    expect(kc(c, '-l app=nginx get pods').out).toBe(pods);
    // The namespace given before the verb is the one used.
    expect(kc(c, '-n kube-system get sts').err).toBe('No resources found in kube-system namespace.\n');
    // The verb's name may also be the value of the flag before it (`-n get get`): the first word after the value is it.
    expect(kc(c, '-n get get pods').err).toBe('No resources found in get namespace.\n');
  });

  it('knows one kubeconfig: another --kubeconfig is refused by config commands, and version --client reads none', () => {
    const c = testCluster();
    expect(kc(c, 'config view --kubeconfig /tmp/other').err).toBe('error: "/tmp/other": the only kubeconfig in this simulated cluster is ~/.kube/config\n');
    expect(kc(c, 'config current-context --kubeconfig /root/.kube/config').out).toBe('kind-kind\n');
    expect(kc(c, 'version --client --kubeconfig /tmp/other').code).toBe(0);
  });

  it('diff words a flag error as its usage error and exits with 2, as its own flag error function does', () => {
    expect(kc(testCluster(), 'diff -f - --bogus')).toEqual({ out: '', err: 'error: unknown flag: --bogus\n' + HELP('diff'), code: 2 });
  });

  it('version -o json keeps the fields in the order of Go\'s version.Info; the YAML sorts them', () => {
    const c = testCluster();
    const json = kc(c, 'version -o json --client').out;
    expect(Object.keys(JSON.parse(json).clientVersion)).toEqual(['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
    expect(kc(c, 'version -o yaml --client').out).toMatch(/^clientVersion:\n {2}buildDate: ""\n {2}compiler: gc\n/);
  });
});
