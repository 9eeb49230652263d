// --dry-run and -o on the mutating verbs: what is printed, and that a dry run changes nothing.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cluster } from '../engine/cluster.ts';
import { kc, put, testCluster, webSet } from './testing.ts';

function cluster(): Cluster {
  const c = testCluster();
  put(c, 'StatefulSet', webSet());
  return c;
}

const rv = (c: Cluster): number => c.state.store.resourceVersion;

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n';
const CM2 = `${SVC}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  ports:\n  - port: 81\n`;

describe('--dry-run on the mutating verbs', () => {
  it('scale: client prints the new size unsent; server is checked and not stored', () => {
    const c = cluster();
    const before = rv(c);
    expect(kc(c, 'scale sts web --replicas=5 --dry-run=client')).toEqual({ out: 'statefulset.apps/web scaled (dry run)\n', err: '', code: 0 });
    expect(kc(c, 'scale sts web --replicas=5 --dry-run=server')).toEqual({ out: 'statefulset.apps/web scaled (server dry run)\n', err: '', code: 0 });
    // A client dry run never calls /scale, so the precondition is not checked; a server one is.
    expect(kc(c, 'scale sts web --replicas=5 --current-replicas=9 --dry-run=client').code).toBe(0);
    expect(kc(c, 'scale sts web --replicas=5 --current-replicas=9 --dry-run=server').err).toBe('error: Expected replicas to be 9, was 3\n');
    expect(rv(c)).toBe(before);
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(3);
  });

  it('a bare --dry-run is client and does not take the next word as its value', () => {
    const c = cluster();
    // The deprecated spellings warn through klog (GetDryRunStrategy; the source lines are kubectl 1.32's).
    expect(kc(c, 'scale --dry-run sts web --replicas=2')).toEqual({
      out: 'statefulset.apps/web scaled (dry run)\n', err: 'W0101 00:00:00.000395    4172 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n', code: 0,
    });
    expect(kc(c, 'scale sts web --replicas=2 --dry-run=true')).toEqual({
      out: 'statefulset.apps/web scaled (dry run)\n', err: 'W0101 00:00:00.000395    4172 helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n', code: 0,
    });
    expect(kc(c, 'scale sts web --replicas=2 --dry-run=false').err).toBe('W0101 00:00:00.000395    4172 helpers.go:719] --dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(2);
    kc(c, 'scale sts web --replicas=3');
    expect(kc(c, 'scale sts web --replicas=2 --dry-run=yes').err).toBe('error: Invalid dry-run value (yes). Must be "none", "server", or "client".\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(3);
  });

  it('set image, label and annotate print the dry-run suffix, patch does not (its operation replaces it); nothing changes', () => {
    const c = cluster();
    const before = rv(c);
    expect(kc(c, 'set image sts/web nginx=nginx:mainline --dry-run=client').out).toBe('statefulset.apps/web image updated (dry run)\n');
    expect(kc(c, 'set image sts/web nginx=nginx:mainline --dry-run=server').out).toBe('statefulset.apps/web image updated (server dry run)\n');
    expect(kc(c, 'label sts web tier=web --dry-run=client').out).toBe('statefulset.apps/web labeled (dry run)\n');
    expect(kc(c, 'annotate sts web note=x --dry-run=server').out).toBe('statefulset.apps/web annotated (server dry run)\n');
    expect(kc(c, `patch sts web -p '{"spec":{"replicas":4}}' --dry-run=client`).out).toBe('statefulset.apps/web patched\n');
    expect(kc(c, `patch sts web -p '{"spec":{"replicas":3}}' --dry-run=server`).out).toBe('statefulset.apps/web patched (no change)\n');
    expect(rv(c)).toBe(before);
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template?.spec?.containers[0].image).toBe(webSet().spec?.template?.spec?.containers[0].image);
  });

  it('create and apply: a client dry run sends nothing, a server dry run stores nothing', () => {
    const c = testCluster();
    const before = rv(c);
    expect(kc(c, 'create -f - --dry-run=client', { stdin: SVC }).out).toBe('service/nginx created (dry run)\n');
    expect(kc(c, 'create -f - --dry-run=server', { stdin: SVC }).out).toBe('service/nginx created (server dry run)\n');
    expect(kc(c, 'apply -f - --dry-run=client', { stdin: SVC }).out).toBe('service/nginx created (dry run)\n');
    expect(kc(c, 'apply -f - --dry-run=server', { stdin: SVC }).out).toBe('service/nginx created (server dry run)\n');
    expect(rv(c)).toBe(before);
    expect(c.store.get('Service', 'default', 'nginx')).toBeUndefined();
    expect(kc(c, 'apply -f -', { stdin: SVC }).out).toBe('service/nginx created\n');
    const live = c.store.get('Service', 'default', 'nginx');
    // An existing object: a client dry run always says configured; the server one computes the patch.
    expect(kc(c, 'apply -f - --dry-run=client', { stdin: SVC }).out).toBe('service/nginx configured (dry run)\n');
    expect(kc(c, 'apply -f - --dry-run=server', { stdin: SVC }).out).toBe('service/nginx unchanged (server dry run)\n');
    expect(kc(c, 'apply -f - --dry-run=server', { stdin: SVC.replace('port: 80', 'port: 8080') }).out).toBe('service/nginx configured (server dry run)\n');
    expect(c.store.get('Service', 'default', 'nginx')).toBe(live);
  });
});

describe('-o on the mutating verbs', () => {
  it('prints the object instead of the line, in the requested format', () => {
    const c = cluster();
    const y = parse(kc(c, 'scale sts web --replicas=4 --dry-run=client -o yaml').out);
    expect([y.kind, y.apiVersion, y.spec.replicas]).toEqual(['StatefulSet', 'apps/v1', 4]);
    expect(kc(c, 'set image sts/web nginx=nginx:1.27 -o jsonpath={.spec.template.spec.containers[0].image}').out).toBe('nginx:1.27');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template?.spec?.containers[0].image).toBe('nginx:1.27');
    expect(kc(c, 'label sts web tier=web -o name').out).toBe('statefulset.apps/web\n');
    expect(JSON.parse(kc(c, 'annotate sts web note=x -o json').out).metadata.annotations).toEqual({ note: 'x' });
  });

  it('refuses formats PrintFlags does not know, before changing anything', () => {
    const c = cluster();
    expect(kc(c, 'scale sts web --replicas=4 -o wide')).toEqual({
      out: '', code: 1,
      err: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml\n',
    });
    expect(kc(c, 'label sts web a=b -o jsonpath').err).toBe('error: template format specified but no template given\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(3);
    expect(c.store.get('StatefulSet', 'default', 'web')?.metadata?.labels).toEqual(webSet().metadata?.labels);
  });

  it('prints go-templates: -o go-template=, -o template=, --template alone or with -o go-template|jsonpath', () => {
    const c = cluster();
    expect(kc(c, `scale sts web --replicas=4 --template '{{.kind}} {{.spec.replicas}}'`)).toEqual({ out: 'StatefulSet 4', err: '', code: 0 });
    expect(kc(c, `label sts web tier=web -o go-template='{{.metadata.labels.tier}}{{"\\n"}}'`).out).toBe('web\n');
    expect(kc(c, `annotate sts web note=x -o template='{{.metadata.annotations.note}}'`).out).toBe('x');
    expect(kc(c, `set image sts/web nginx=nginx:1.27 -o go-template --template '{{range .spec.template.spec.containers}}{{.image}}{{end}}'`).out).toBe('nginx:1.27');
    expect(kc(c, `scale sts web --replicas=5 -o jsonpath --template '{.spec.replicas}'`).out).toBe('5');
    // An explicit empty -o keeps the default line (PrintFlags only turns --template into go-template without -o).
    expect(kc(c, `scale sts web --replicas=5 -o '' --template '{{.kind}}'`).out).toBe('statefulset.apps/web scaled\n');
    // apply prints several objects at the end as one List.
    expect(kc(testCluster(), `apply -f - --template '{{range .items}}{{.metadata.name}} {{end}}'`, { stdin: CM2 }).out).toBe('nginx other ');
  });

  it('refuses a bad go-template before changing anything; an execution error comes after the change', () => {
    const c = cluster();
    expect(kc(c, `scale sts web --replicas=4 --template '{{.spec.replicas'`)).toEqual({
      out: '', code: 1, err: 'error: error parsing template {{.spec.replicas, template: output:1: unclosed action\n',
    });
    expect(kc(c, 'scale sts web --replicas=4 -o go-template=').err).toBe('error: template format specified but no template given\n');
    expect(kc(c, `scale sts web --replicas=4 -o go-template='{{.a}}' --template '{{.b}}'`).err).toBe(
      'error: unable to match a printer suitable for the output format "go-template={{.a}}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml\n');
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(3);
    const r = kc(c, `scale sts web --replicas=4 --template '{{.metadata.name}}:{{eq .spec.replicas 4}}'`);
    expect(r.err).toBe('error: error executing template "{{.metadata.name}}:{{eq .spec.replicas 4}}": template: output:1:21: executing "output" at <eq .spec.replicas 4>: error calling eq: incompatible types for comparison\n');
    expect(r.out.startsWith('web:Error executing template: template: output:1:21: ')).toBe(true);
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.replicas).toBe(4);
  });

  it('kubectl events: -o go-template prints the EventList; a lone --template keeps the table', () => {
    const c = cluster();
    c.event({ object: c.store.get('StatefulSet', 'default', 'web')!, type: 'Normal', reason: 'Pulled', message: 'pulled', component: 'kubelet', host: 'kind-worker' });
    expect(kc(c, `events -o go-template='{{.kind}} {{range .items}}{{.reason}}{{end}}'`).out).toBe('EventList Pulled');
    expect(kc(c, `events --template '{{.kind}}'`)).toEqual(kc(c, 'events'));
  });

  it('several objects: YAML documents separated by ---; apply prints them at the end as one List', () => {
    const c = testCluster();
    const created = kc(c, 'create -f - --dry-run=client -o yaml', { stdin: CM2 }).out;
    expect(created.split('\n').filter((l) => l === '---')).toHaveLength(1);
    const applied = JSON.parse(kc(c, 'apply -f - -o json', { stdin: CM2 }).out);
    expect(Object.keys(applied)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
    expect([applied.kind, applied.items.map((i: { metadata: { name: string } }) => i.metadata.name)]).toEqual(['List', ['nginx', 'other']]);
    expect(applied.metadata).toEqual({});
    expect(parse(kc(c, 'apply -f - -o yaml', { stdin: SVC }).out).kind).toBe('Service');
  });

  it('apply -o yaml|json prints nothing when an object failed (apply.go returns the errors before printObjects)', () => {
    const c = testCluster();
    const bad = `${SVC}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\nspec:\n  ports:\n  - port: 80\n`;
    const r = kc(c, 'apply -f - -o yaml', { stdin: bad });
    expect([r.out, r.code]).toEqual(['', 1]);
    // The good object was applied all the same.
    expect(c.store.get('Service', 'default', 'nginx')).toBeDefined();
  });

  it('a nameless object: NamePrinter says <unknown>; apply refuses generateName', () => {
    const c = testCluster();
    const gen = 'apiVersion: v1\nkind: Service\nmetadata:\n  generateName: g-\nspec:\n  ports:\n  - port: 80\n';
    expect(kc(c, 'create -f - --dry-run=client', { stdin: gen }).out).toBe('service/<unknown> created (dry run)\n');
    expect(kc(c, 'create -f - --dry-run=client -o name', { stdin: gen }).out).toBe('service/<unknown>\n');
    expect(kc(c, 'apply -f -', { stdin: gen })).toEqual({ out: '', err: 'error: from g-: cannot use generate name with apply\n', code: 1 });
    expect(c.store.list('Service').map((s) => s.metadata?.name)).not.toContainEqual(expect.stringMatching(/^g-/));
  });
});

describe('label and annotate output (label.go RunLabel, annotate.go RunAnnotate)', () => {
  it('label: "not found" for a missing key on stdout, except in a client dry run; annotate says nothing', () => {
    const c = cluster();
    expect(kc(c, 'label sts web nope-')).toEqual({ out: 'label "nope" not found.\nstatefulset.apps/web not labeled\n', err: '', code: 0 });
    expect(kc(c, 'label sts web nope- --dry-run=server').out).toBe('label "nope" not found.\nstatefulset.apps/web not labeled (server dry run)\n');
    expect(kc(c, 'label sts web nope- --dry-run=client')).toEqual({ out: 'statefulset.apps/web not labeled (dry run)\n', err: '', code: 0 });
    expect(kc(c, 'annotate sts web nope-')).toEqual({ out: 'statefulset.apps/web annotated\n', err: '', code: 0 });
  });

  it('annotate refuses another value for an existing key without --overwrite (every such key named), but not change-cause', () => {
    const c = cluster();
    kc(c, 'annotate sts web note=x other=y kubernetes.io/change-cause=v1');
    expect(kc(c, 'annotate sts web note=z other=w').err).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (x); 'other' already has a value (y)\n");
    // The same value is no overwrite (annotate.go validateNoAnnotationOverwrites compares the values).
    expect(kc(c, 'annotate sts web note=x')).toEqual({ out: 'statefulset.apps/web annotated\n', err: '', code: 0 });
    expect(kc(c, 'annotate sts web kubernetes.io/change-cause=v2').out).toBe('statefulset.apps/web annotated\n');
  });

  it('--list prints the labels or annotations the command would leave, and writes nothing', () => {
    const c = cluster();
    kc(c, 'label sts web tier=web');
    kc(c, 'annotate sts web note=x');
    const rv = c.store.state.resourceVersion;
    expect(kc(c, 'label sts web --list')).toEqual({ out: 'tier=web\n', err: '', code: 0 });
    expect(kc(c, 'label sts/web zone=a --list').out).toBe('tier=web\nzone=a\n');
    expect(kc(c, 'annotate sts web note- --list').out).toBe('');
    // Several objects: each under a heading naming its kind and group, the pairs indented.
    kc(c, 'create -f -', { stdin: SVC });
    expect(kc(c, 'label sts/web svc/nginx --list').out).toBe('Listing labels for StatefulSet.apps/web:\n tier=web\nListing labels for Service./nginx:\n');
    expect(kc(c, 'annotate sts web --list -o name').err).toBe('error: --list and --output may not be specified together\n');
    expect(c.store.state.resourceVersion).toBe(rv + 1);
  });

  it('-o yaml over several objects: annotate shares one YAMLPrinter (---), label and patch build one per object', () => {
    const c = cluster();
    kc(c, 'create -f -', { stdin: SVC });
    const seps = (out: string): number => out.split('\n').filter((l) => l === '---').length;
    expect(seps(kc(c, 'annotate sts/web svc/nginx note=x -o yaml').out)).toBe(1);
    const labeled = kc(c, 'label sts/web svc/nginx tier=web -o yaml').out;
    expect([seps(labeled), labeled.match(/^kind: /gm)]).toEqual([0, ['kind: ', 'kind: ']]);
    expect(seps(kc(c, `patch sts/web svc/nginx -p '{"metadata":{"labels":{"z":"1"}}}' -o yaml`).out)).toBe(0);
  });

  it('label -o prints the object it edited (the fetched resourceVersion), annotate the server\'s answer', () => {
    const c = cluster();
    const rv0 = c.store.get('StatefulSet', 'default', 'web')!.metadata!.resourceVersion;
    const labeled = JSON.parse(kc(c, 'label sts web tier=web -o json').out);
    expect([labeled.metadata.labels.tier, labeled.metadata.resourceVersion]).toEqual(['web', rv0]);
    const rv1 = c.store.get('StatefulSet', 'default', 'web')!.metadata!.resourceVersion;
    expect(rv1).not.toBe(rv0);
    const annotated = JSON.parse(kc(c, 'annotate sts web note=x -o json').out);
    expect(annotated.metadata.resourceVersion).toBe(c.store.get('StatefulSet', 'default', 'web')!.metadata!.resourceVersion);
    expect(annotated.metadata.resourceVersion).not.toBe(rv1);
  });
});

describe('--allow-missing-template-keys=false', () => {
  it('makes a missing key an error in every printing verb (get, apply, replace, events, config view)', () => {
    const c = testCluster();
    // A pod and an Event about it, so that there are Events to print.
    kc(c, 'run p --image=nginx:alpine');
    c.event({ object: c.store.get('Pod', 'default', 'p')!, type: 'Normal', reason: 'Pulling', message: 'Pulling image "nginx:alpine"', component: 'kubelet', host: 'kind-worker' });
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n';
    const strict = "-o jsonpath='{.nosuch}' --allow-missing-template-keys=false";
    for (const [line, stdin] of [
      [`get nodes ${strict}`], [`apply -f - ${strict}`, svc], [`replace -f - ${strict}`, svc], [`events ${strict}`], [`config view ${strict}`],
    ] as Array<[string, string?]>) {
      const r = kc(c, line, stdin === undefined ? {} : { stdin });
      expect(r.err, line).toMatch(/^error: error executing jsonpath "\{\.nosuch\}": Error executing template: nosuch is not found\./);
      expect(r.code, line).toBe(1);
    }
    // By default a missing key prints nothing.
    expect(kc(c, "config view -o jsonpath='{.nosuch}'")).toEqual({ out: '', err: '', code: 0 });
  });
});
