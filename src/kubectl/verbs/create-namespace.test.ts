// kubectl create namespace: the generated Namespace, sent through the API server (its defaults and errors), and
// kubectl's own argument and flag checks, in kubectl 1.35's texts.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

describe('kubectl create namespace', () => {
  it('creates the namespace under either name, which then takes objects; a second create is AlreadyExists', () => {
    const c = testCluster();
    expect(kc(c, 'create namespace demo')).toEqual({ out: 'namespace/demo created\n', err: '', code: 0 });
    expect(c.store.get('Namespace', '', 'demo')).toMatchObject({ metadata: { labels: { 'kubernetes.io/metadata.name': 'demo' } }, status: { phase: 'Active' } });
    expect(kc(c, 'create ns demo')).toEqual({ out: '', err: 'Error from server (AlreadyExists): namespaces "demo" already exists\n', code: 1 });
    expect(kc(c, 'create service clusterip web --tcp=80 -n demo').out).toBe('service/web created\n');
    expect(c.store.get('Service', 'demo', 'web')).toBeDefined();
  });

  it('prints the generated object on a client dry run (struct order for json) and creates nothing', () => {
    const c = testCluster();
    expect(kc(c, 'create ns x --dry-run=client -o yaml -n other').out).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nspec: {}\nstatus: {}\n');
    expect(kc(c, 'create namespace x --dry-run=client -o json').out).toBe(
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "x"\n    },\n    "spec": {},\n    "status": {}\n}\n');
    expect(kc(c, 'create namespace x --dry-run=client').out).toBe('namespace/x created (dry run)\n');
    expect(kc(c, 'create namespace x --dry-run=server').out).toBe('namespace/x created (server dry run)\n');
    expect(c.store.get('Namespace', '', 'x')).toBeUndefined();
  });

  it('--save-config stores the typed object\'s JSON as the last-applied annotation', () => {
    const c = testCluster();
    expect(kc(c, 'create ns x --dry-run=client --save-config -o yaml').out).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  annotations:\n' +
      '    kubectl.kubernetes.io/last-applied-configuration: |\n      {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"},"spec":{},"status":{}}\n' +
      '  name: x\nspec: {}\nstatus: {}\n');
    kc(c, 'create ns y --save-config');
    expect(c.store.get('Namespace', '', 'y')!.metadata!.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"y"},"spec":{},"status":{}}\n',
    });
  });

  it('checks NAME and its flags first, and the API server validates the name', () => {
    const c = testCluster();
    const usage = "\nSee 'kubectl create namespace -h' for help and examples\n";
    expect(kc(c, 'create ns')).toEqual({ out: '', err: `error: exactly one NAME is required, got 0${usage}`, code: 1 });
    expect(kc(c, 'create namespace a b').err).toBe(`error: exactly one NAME is required, got 2${usage}`);
    expect(kc(c, 'create ns -- x').err).toBe(`error: exactly one NAME is required, got 0${usage}`);
    expect(kc(c, ['create', 'ns', '']).err).toBe('error: name must be specified\n');
    expect(kc(c, 'create ns x --dry-run=bogus').err).toBe('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
    expect(kc(c, 'create ns x -o wide').err).toMatch(/^error: unable to match a printer suitable for the output format "wide", allowed formats are: /);
    expect(kc(c, 'create ns x --validate=bogus').err).toBe('error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n');
    expect(kc(c, 'create ns Demo').err).toBe('The Namespace "Demo" is invalid: metadata.name: Invalid value: "Demo": a lowercase RFC 1123 label must ' +
      "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', " +
      "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n");
  });
});
