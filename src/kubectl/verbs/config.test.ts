// kubectl config over kind's kubeconfig: what the reading sub-commands print, use-context, and the writing ones
// that are not modelled, in kubectl 1.35's texts.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

const VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://127.0.0.1:45331
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

describe('kubectl config', () => {
  it('current-context, get-clusters and get-users name kind-kind', () => {
    const c = testCluster();
    expect(kc(c, 'config current-context')).toEqual({ out: 'kind-kind\n', err: '', code: 0 });
    expect(kc(c, 'config get-clusters').out).toBe('NAME\nkind-kind\n');
    expect(kc(c, 'config get-users').out).toBe('NAME\nkind-kind\n');
  });

  it('get-contexts prints the table with the current context starred, names, or the contexts not found', () => {
    const c = testCluster();
    expect(kc(c, 'config get-contexts').out).toBe('CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   \n');
    expect(kc(c, 'config get-contexts kind-kind --no-headers').out).toBe('*     kind-kind   kind-kind   kind-kind   \n');
    expect(kc(c, 'config get-contexts -o name').out).toBe('kind-kind\n');
    expect(kc(c, 'config get-contexts x')).toEqual({ out: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', err: 'error: context x not found\n', code: 1 });
    expect(kc(c, 'config get-contexts x y').err).toBe('context x not found\ncontext y not found\n');
    expect(kc(c, 'config get-contexts -o wide').err).toBe('error: --output wide is not available in kubectl config get-contexts; resetting to default output format\n');
    // kubectl 1.32 and 1.33 say this of any value but the two it prints.
    expect(kc(c, 'config get-contexts -o bogus').err).toBe('error: --output bogus is not available in kubectl config get-contexts; resetting to default output format\n');
  });

  it('view prints the kubeconfig with its data omitted, in yaml, json (struct order), a template or a name', () => {
    const c = testCluster();
    expect(kc(c, 'config view')).toEqual({ out: VIEW, err: '', code: 0 });
    expect(kc(c, 'config view --minify -o yaml').out).toBe(VIEW);
    const json = kc(c, 'config view -o json').out;
    expect(Object.keys(JSON.parse(json))).toEqual(['kind', 'apiVersion', 'preferences', 'clusters', 'users', 'contexts', 'current-context']);
    expect(json).toContain('"cluster": {\n                "server": "https://127.0.0.1:45331",\n                "certificate-authority-data": "DATA+OMITTED"\n');
    expect(kc(c, 'config view -o jsonpath={.clusters[0].cluster.server}').out).toBe('https://127.0.0.1:45331');
    expect(kc(c, 'config view -o name').out).toBe('config/<unknown>\n');
    expect(kc(c, 'config view extra').err).toBe("error: unexpected arguments: [extra]\nSee 'kubectl config view -h' for help and examples\n");
    expect(kc(c, 'config view --merge=false').err).toBe('error: if merge==false a precise file must be specified\n');
    expect(kc(c, 'config view --raw').err).toBe('error: "kubectl config view --raw" is not available in this simulated cluster\n');
  });

  it('use-context switches to kind-kind (and only to it)', () => {
    const c = testCluster();
    expect(kc(c, 'config use-context kind-kind')).toEqual({ out: 'Switched to context "kind-kind".\n', err: '', code: 0 });
    expect(kc(c, 'config use kind-kind').out).toBe('Switched to context "kind-kind".\n');
    expect(kc(c, 'config use-context x')).toEqual({ out: '', err: 'error: no context exists with the name: "x"\n', code: 1 });
    expect(kc(c, ['config', 'use-context', '']).err).toBe('error: empty context names are not allowed\n');
    const none = kc(c, 'config use-context');
    expect(none.out).toMatch(/^Set the current-context in a kubeconfig file\.\n\nAliases:\nuse-context, use\n/);
    expect(none.err).toBe('error: Unexpected args: []\n');
  });

  it('prints its help alone, names an unknown sub-command, and says the writing ones are not available', () => {
    const c = testCluster();
    const help = kc(c, 'config');
    expect(help.code).toBe(1);
    expect(help.err).toMatch(/^Modify kubeconfig files using subcommands like "kubectl config set current-context my-context"\.\n/);
    expect(help.err).toMatch(/\nUse "kubectl options" for a list of global command-line options \(applies to all commands\)\.\n$/);
    expect(kc(c, 'config foo').err).toBe("error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n");
    expect(kc(c, 'config set-cluster x').err).toBe('error: "kubectl config set-cluster" is not available in this simulated cluster\n');
  });

  it('set-context gives the current context a namespace that commands then use, as -n would; --namespace= clears it', () => {
    const c = testCluster();
    c.store.create('Namespace', { metadata: { name: 'demo' } });
    expect(kc(c, 'config set-context --current --namespace=demo')).toEqual({ out: 'Context "kind-kind" modified.\n', err: '', code: 0 });
    expect(kc(c, 'config get-contexts').out).toBe(
      'CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   demo\n');
    expect(kc(c, 'get pods').err).toBe('No resources found in demo namespace.\n');
    expect(kc(c, 'run p --image=nginx:alpine').out).toBe('pod/p created\n');
    expect(c.store.get('Pod', 'demo', 'p')).toBeDefined();
    expect(kc(c, 'get svc kubernetes -n default').code).toBe(0);
    expect(kc(c, 'config view --minify -o jsonpath={.contexts[0].context.namespace}').out).toBe('demo');
    expect(kc(c, 'config set-context --current --namespace=').out).toBe('Context "kind-kind" modified.\n');
    expect(kc(c, 'get svc kubernetes').code).toBe(0);
  });

  it('set-context refuses what create_context.go refuses, and its own --namespace hides -n', () => {
    const c = testCluster();
    expect(kc(c, 'config set-context').err).toBe('error: you must specify a non-empty context name or --current\n');
    expect(kc(c, 'config set-context dev --current').err).toBe('error: you cannot specify both a context name and --current\n');
    const two = kc(c, 'config set-context a b');
    expect(two.out).toMatch(/^Set a context entry in kubeconfig\.\n/);
    expect(two.err).toBe('error: Unexpected args: [a b]\n');
    expect(kc(c, 'config set-context --current -n demo').err).toBe("error: unknown shorthand flag: 'n' in -n\nSee 'kubectl config set-context --help' for usage.\n");
    expect(kc(c, 'config get-contexts').out).toMatch(/kind-kind   \n$/);
  });

  it('a new context is made empty: without kind-kind as its cluster kubectl falls back to localhost:8080, where nothing listens', () => {
    const c = testCluster();
    expect(kc(c, 'config set-context dev --namespace=dev').out).toBe('Context "dev" created.\n');
    expect(kc(c, 'config use-context dev').out).toBe('Switched to context "dev".\n');
    const refused = kc(c, 'get pods');
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n').filter((l) => /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:\d+\] "Unhandled Error" err="couldn't get current server API group list: Get \\"http:\/\/localhost:8080\/api\?timeout=32s\\": dial tcp 127\.0\.0\.1:8080: connect: connection refused"$/.test(l))).toHaveLength(5);
    expect(refused.err).toMatch(/\nThe connection to the server localhost:8080 was refused - did you specify the right host or port\?\n$/);
    expect(kc(c, 'version')).toMatchObject({ out: expect.stringMatching(/^Client Version: .*\nKustomize Version: .*\n$/), code: 1 });
    expect(kc(c, 'config set-context dev --cluster=kind-kind').out).toBe('Context "dev" modified.\n');
    expect(kc(c, 'get pods').err).toMatch(/names no user of this kubeconfig/);
    kc(c, 'config set-context dev --user=kind-kind');
    expect(kc(c, 'get pods').err).toBe('No resources found in dev namespace.\n');
    // --context picks another context (and its namespace) for one command; an unknown one is a configuration error.
    expect(kc(c, 'get svc kubernetes --context=kind-kind').code).toBe(0);
    expect(kc(c, 'get pods --context=nope')).toEqual({ out: '', err: 'Error in configuration: context was not found for specified context: nope\n', code: 1 });
    expect(kc(c, 'version --context=nope')).toEqual({ out: '', err: 'Error in configuration: context was not found for specified context: nope\n', code: 1 });
    expect(kc(c, 'config current-context').out).toBe('dev\n');
  });
});
