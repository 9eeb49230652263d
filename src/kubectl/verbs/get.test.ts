import { describe, expect, it } from 'vitest';
import { kc, put, testCluster, webPod, webSet } from '../testing.ts';
import { runKubectl } from '../index.ts';

function cluster() {
  const c = testCluster();
  put(c, 'StatefulSet', { ...webSet(), status: { replicas: 3, readyReplicas: 2, observedGeneration: 1 } } as never);
  c.advance(5000);
  for (let i = 0; i < 3; i++) put(c, 'Pod', webPod(i, { wallMs: c.wallNow(), ready: i < 2 }));
  c.advance(130_000);
  return c;
}

describe('kubectl get', () => {
  it('prints the StatefulSet table', () => {
    expect(kc(cluster(), 'get sts')).toEqual({ out: 'NAME   READY   AGE\nweb    2/3     2m15s\n', err: '', code: 0 });
  });

  it('knows --raw (get and delete): arguments beside it are refused as kubectl refuses them, the request is not modelled', () => {
    const c = testCluster();
    expect(kc(c, 'get pods --raw /x')).toEqual({ out: '', err: 'error: arguments may not be passed when --raw is specified\n', code: 1 });
    expect(kc(c, 'get --raw /healthz').err).toMatch(/^error: "kubectl get --raw" is not available in this simulated cluster/);
    expect(kc(c, 'delete --raw /api/v1/namespaces/default/pods/x').err).toMatch(/^error: "kubectl delete --raw" is not available/);
  });

  it('prints pods with -o wide', () => {
    expect(kc(cluster(), 'kubectl get pods -o wide').out).toBe([
      'NAME    READY   STATUS    RESTARTS   AGE     IP           NODE          NOMINATED NODE   READINESS GATES',
      'web-0   1/1     Running   0          2m10s   10.244.1.5   kind-worker   <none>           <none>',
      'web-1   1/1     Running   0          2m10s   10.244.1.6   kind-worker   <none>           <none>',
      'web-2   0/1     Running   0          2m10s   10.244.1.7   kind-worker   <none>           <none>', ''].join('\n'));
  });

  it('prints events with -o wide: SUBOBJECT and SOURCE before MESSAGE, FIRST SEEN, COUNT and NAME after it', () => {
    const c = cluster();
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    for (let i = 0; i < 2; i++) {
      c.event({ object: pod, type: 'Normal', reason: 'Pulled', message: 'Container image "nginx" already present on machine', component: 'kubelet', host: 'kind-worker', fieldPath: 'spec.containers{nginx}' });
      c.advance(3000);
    }
    expect(kc(c, 'get events -o wide').out).toBe([
      'LAST SEEN   TYPE     REASON   OBJECT      SUBOBJECT                SOURCE                 MESSAGE                                              FIRST SEEN   COUNT   NAME',
      `3s          Normal   Pulled   pod/web-0   spec.containers{nginx}   kubelet, kind-worker   Container image "nginx" already present on machine   6s           2       ${c.store.list('Event')[0].metadata!.name}`, ''].join('\n'));
  });

  it('prints KYAML with -o kyaml (on by default in kubectl 1.35) and lists it among the formats', () => {
    const out = kc(cluster(), 'get sts web -o kyaml').out;
    expect(out.startsWith('---\n{\n  apiVersion: "apps/v1",\n  kind: "StatefulSet",\n  metadata: {\n    creationTimestamp: ')).toBe(true);
    expect(out.endsWith('\n}\n')).toBe(true);
    expect(kc(cluster(), 'get pods -o kyaml').out).toContain('  items: [{\n    apiVersion: "v1",\n    kind: "Pod",\n');
    expect(kc(cluster(), 'get pods -o jsonpath').err).toBe('error: template format specified but no template given\n');
    expect(kc(cluster(), 'get pods -o jsonpath=').err).toBe('error: template format specified but no template given\n');
    // The template is parsed before anything is listed or watched.
    expect(kc(cluster(), `get pods -l app=none -w -o jsonpath='{.a'`)).toEqual({ out: '', err: 'error: error parsing jsonpath {.a, unclosed action\n', code: 1 });
    expect(kc(cluster(), `get pods -o jsonpath='{.a'`).err).toBe('error: error parsing jsonpath {.a, unclosed action\n');
    expect(kc(cluster(), 'get statefulsets.v1.apps web').out).toBe('NAME   READY   AGE\nweb    2/3     2m15s\n');
    expect(kc(cluster(), 'get pods -o foo').err).toBe('error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml\n');
  });

  it('a watch prints its objects one by one with the printer it goes on with (YAML separated by ---)', () => {
    const c = cluster();
    const r = runKubectl('get pods -w -o yaml', c, {});
    const first = r.output.map((o) => o.text).join('');
    expect(first.split('\n---\n')).toHaveLength(3);
    expect(first.startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true);
    expect(first).not.toContain('kind: List');
    put(c, 'Pod', webPod(3, { wallMs: c.wallNow(), ready: false }));
    expect(r.stream!.poll().output.map((o) => o.text).join('')).toMatch(/^---\napiVersion: v1\nkind: Pod\n/);
    const names = runKubectl(`get pods -w -o jsonpath='{.metadata.name}{"\\n"}'`, c, {});
    expect(names.output.map((o) => o.text).join('')).toBe('web-0\nweb-1\nweb-2\nweb-3\n');
    // A named object that is not there ends the watch before it starts.
    const missing = runKubectl('get pods nope -w', c, {});
    expect([missing.exitCode, missing.stream, missing.output.map((o) => o.text).join('')]).toEqual([1, undefined, 'Error from server (NotFound): pods "nope" not found\n']);
    const empty = runKubectl('get pods -l app=none -w -o yaml', c, {});
    expect(empty.output).toEqual([]);
    put(c, 'Pod', { ...webPod(4, { wallMs: c.wallNow() }), metadata: { ...webPod(4, { wallMs: c.wallNow() }).metadata, labels: { app: 'none' } } } as never);
    expect(empty.stream!.poll().output.map((o) => o.text).join('')).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('-o custom-columns prints one aligned row per object across types, a header only for an empty list', () => {
    const c = cluster();
    expect(kc(c, 'get pods -o custom-columns=NAME:.metadata.name,HASH:.metadata.labels.controller-revision-hash,READY:.status.containerStatuses[*].ready,NODE:spec.nodeName')).toEqual({
      out: [
        'NAME    HASH             READY   NODE',
        'web-0   web-7d8559755f   true    kind-worker',
        'web-1   web-7d8559755f   true    kind-worker',
        'web-2   web-7d8559755f   false   kind-worker', ''].join('\n'),
      err: '', code: 0,
    });
    // One list for several types (one header), the single named object alike; no "No resources found".
    expect(kc(c, 'get sts/web pod/web-0 -o custom-columns=KIND:.kind,NAME:{.metadata.name}').out).toBe('KIND          NAME\nStatefulSet   web\nPod           web-0\n');
    expect(kc(c, 'get pvc -o custom-columns=NAME:.metadata.name')).toEqual({ out: 'NAME\n', err: '', code: 0 });
    expect(kc(c, 'get pvc -o custom-columns=NAME:.metadata.name --ignore-not-found')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(c, 'get pods web-0 nope --no-headers -o custom-columns=NAME:.metadata.name')).toEqual({ out: 'web-0\n', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    // The spec is checked before anything is listed; a path that does not parse fails after the header.
    expect(kc(c, 'get pods -o custom-columns=NAME')).toEqual({ out: '', err: 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n', code: 1 });
    expect(kc(c, 'get pods -o custom-columns=NAME:.a[x]')).toEqual({ out: 'NAME\n', err: 'error: invalid array index x\n', code: 1 });
  });

  it('a named object in a namespace that does not exist: the namespace is what is missing, as Info.Get finds; delete asks for the object', () => {
    const c = cluster();
    const ns = 'Error from server (NotFound): namespaces "nosuch" not found\n';
    expect(kc(c, 'get pod web-0 web-1 -n nosuch').err).toBe(ns + ns);
    for (const line of ['describe sts web', 'label pod web-0 a=b', 'annotate pod web-0 a=b', 'scale sts web --replicas=1', "patch sts web -p '{}'",
      'set image sts/web nginx=nginx', 'rollout status sts/web', 'rollout history sts/web', 'exec web-0 -- ls', 'edit sts web']) {
      expect(kc(c, `-n nosuch ${line}`).err, line).toBe(ns);
    }
    expect(kc(c, 'logs web-0 -n nosuch').err).toBe('error: error from server (NotFound): namespaces "nosuch" not found in namespace "nosuch"\n');
    expect(kc(c, 'delete pod web-0 -n nosuch').err).toBe('Error from server (NotFound): pods "web-0" not found\n');
    // In default, and in a namespace that exists, the object is what is missing; a list in a missing namespace is empty.
    expect(kc(c, 'get pod nope').err).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kc(c, 'get pod nope -n kube-system').err).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(kc(c, 'get pods -n nosuch').err).toBe('No resources found in nosuch namespace.\n');
    expect(kc(c, 'get pod web-0 -n nosuch --ignore-not-found')).toEqual({ out: '', err: '', code: 0 });
  });

  it('--template gives -o custom-columns its spec; the template file formats find no file (the simulation reads none)', () => {
    const c = cluster();
    expect(kc(c, 'get pods web-0 -o custom-columns --template=NAME:.metadata.name')).toEqual({ out: 'NAME\nweb-0\n', err: '', code: 0 });
    expect(kc(c, 'get pods -o custom-columns=NAME:.metadata.name --template=x').err).toMatch(/^error: unable to match a printer suitable for the output format "custom-columns=NAME:.metadata.name"/);
    expect(kc(c, 'get pods -o custom-columns-file').err).toBe('error: custom-columns format specified but no custom columns given\n');
    expect(kc(c, 'get pods -o custom-columns-file=cols.txt').err).toBe('error: error reading template cols.txt, open cols.txt: no such file or directory\n');
    expect(kc(c, 'get pods -o custom-columns-file --template=/cols').err).toBe('error: error reading template /cols, open /cols: no such file or directory\n');
    for (const f of ['go-template-file', 'templatefile', 'jsonpath-file']) {
      expect(kc(c, `get pods -o ${f}=/t`)).toEqual({ out: '', err: 'error: error reading --template /t, open /t: no such file or directory\n', code: 1 });
      expect(kc(c, `get pods -o ${f} --template=t.txt`).err).toBe('error: error reading --template t.txt, open t.txt: no such file or directory\n');
      expect(kc(c, `get pods -o ${f}`).err).toBe('error: template format specified but no template given\n');
    }
  });

  it('a watch with -o custom-columns prints the header once and lines later rows up with the first', () => {
    const c = cluster();
    const r = runKubectl('get pods -w -o custom-columns=NAME:.metadata.name,IP:.status.podIP', c, {});
    expect(r.output.map((o) => o.text).join('')).toBe('NAME    IP\nweb-0   10.244.1.5\nweb-1   10.244.1.6\nweb-2   10.244.1.7\n');
    put(c, 'Pod', webPod(3, { wallMs: c.wallNow(), ready: false }));
    // Created without an IP, then given one: two events, each a row in the widths of the first.
    expect(r.stream!.poll().output.map((o) => o.text).join('')).toBe('web-3   <none>\nweb-3   10.244.1.8\n');
  });

  it('--sort-by orders the rows by a field (natural order for names), kubectl\'s error when no object has it', () => {
    const c = cluster();
    for (const i of [10, 9]) put(c, 'Pod', webPod(i, { wallMs: c.wallNow(), ready: true }));
    expect(kc(c, 'get pods --sort-by=.metadata.name -o name').out).toBe('pod/web-0\npod/web-1\npod/web-2\npod/web-9\npod/web-10\n');
    expect(kc(c, 'get pods --sort-by=.foo -o name')).toEqual({ out: '', err: 'error: couldn\'t find any field with path "{.foo}" in the list of objects\n', code: 1 });
    // A table's sorting printer fails the same way, but get does not look at what its table printers return: the
    // type prints nothing. One object is not sorted at all.
    expect(kc(c, 'get pods --sort-by=.foo')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(kc(c, 'get pods -l nope=x,app --sort-by=.foo')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(kc(c, 'get pods -o name --sort-by=.foo --field-selector metadata.name=web-0').out).toBe('pod/web-0\n');
    // Several responses (two types, two names) are sorted as Tables first: an object field is in none of them.
    const none = 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n';
    expect(kc(c, 'get pods,sts --sort-by=.metadata.name')).toEqual({ out: '', err: none, code: 1 });
    expect(kc(c, 'get pod web-9 web-0 --sort-by=.metadata.name')).toEqual({ out: '', err: none, code: 1 });
    // A field a Table has is found in every response: not refused.
    expect(kc(c, 'get pod web-9 web-0 --sort-by=.kind').code).toBe(0);
    expect(kc(c, "get pods,sts --sort-by='{.a['")).toEqual({ out: '', err: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n", code: 1 });
    // The other printers sort everything as one list, across types.
    expect(kc(c, 'get pods,sts --sort-by=.metadata.name -o name').out).toBe('statefulset.apps/web\npod/web-0\npod/web-1\npod/web-2\npod/web-9\npod/web-10\n');
  });

  it('adds -L columns and LABELS', () => {
    const out = kc(cluster(), 'get pods web-0 -L controller-revision-hash,apps.kubernetes.io/pod-index --show-labels').out;
    expect(out.split('\n')[0]).toBe('NAME    READY   STATUS    RESTARTS   AGE     CONTROLLER-REVISION-HASH   POD-INDEX   LABELS');
    expect(out.split('\n')[1]).toBe('web-0   1/1     Running   0          2m10s   web-7d8559755f             0           app=nginx,apps.kubernetes.io/pod-index=0,controller-revision-hash=web-7d8559755f,statefulset.kubernetes.io/pod-name=web-0');
  });

  it('prints several types with kind prefixes and a blank line between groups', () => {
    expect(kc(cluster(), 'get sts/web pod/web-0').out).toBe([
      'NAME                   READY   AGE', 'statefulset.apps/web   2/3     2m15s', '',
      'NAME        READY   STATUS    RESTARTS   AGE', 'pod/web-0   1/1     Running   0          2m10s', ''].join('\n'));
  });

  it('get all includes services', () => {
    expect(kc(cluster(), 'get all').out).toContain('NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   2m15s\n');
  });

  it('-A adds NAMESPACE; cluster-scoped kinds and -o name', () => {
    expect(kc(cluster(), 'get sts -A').out).toBe('NAMESPACE   NAME   READY   AGE\ndefault     web    2/3     2m15s\n');
    expect(kc(cluster(), 'get sc').out).toBe('NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\nstandard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  2m15s\n');
    expect(kc(cluster(), 'get pods -o name').out).toBe('pod/web-0\npod/web-1\npod/web-2\n');
  });

  it('warns that v1 Endpoints is deprecated', () => {
    expect(kc(cluster(), 'get ep').err).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  });

  it('prints jsonpath templates', () => {
    expect(kc(cluster(), "get pod web-0 -o jsonpath='{.spec.hostname}.{.spec.subdomain}'").out).toBe('web-0.nginx');
  });

  it('reports empty lists, missing objects and unknown types with kubectl texts', () => {
    expect(kc(cluster(), 'get pvc')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(kc(cluster(), 'get pv')).toEqual({ out: '', err: 'No resources found\n', code: 0 });
    expect(kc(cluster(), 'get sts nope')).toEqual({ out: '', err: 'Error from server (NotFound): statefulsets.apps "nope" not found\n', code: 1 });
    expect(kc(cluster(), 'get statefulsetz')).toEqual({ out: '', err: 'error: the server doesn\'t have a resource type "statefulsetz"\n', code: 1 });
  });

  it('-w prints the table, then one aligned row per change', () => {
    const c = cluster();
    const r = runKubectl('get pods -w', c);
    expect(r.stream?.endless).toBe(true);
    c.store.delete('Pod', 'default', 'web-2', { gracePeriodSeconds: 30 });
    const p = r.stream!.poll();
    expect(p.output.map((o) => o.text).join('')).toBe('web-2   0/1     Terminating   0          2m10s\n');
    r.stream!.cancel();
    expect(r.stream!.poll().done).toBe(true);
  });

  it('-w on an empty namespace prints nothing until the first object appears', () => {
    const c = testCluster();
    const r = runKubectl('get pods -w', c);
    expect(r.output).toEqual([]);
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow(), ready: false }));
    const text = r.stream!.poll().output.map((o) => o.text).join('');
    expect(text.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(text).toContain('web-0');
    r.stream!.cancel();
  });
  it('separates types with a blank line only when they have headers (get.go separatorWriterWrapper)', () => {
    expect(kc(cluster(), 'get sts/web pod/web-0 --no-headers').out).toBe([
      'statefulset.apps/web   2/3   2m15s', 'pod/web-0   1/1   Running   0     2m10s', ''].join('\n'));
  });

  it('prefixes kinds only when what was fetched spans several types (multipleGVKsRequested)', () => {
    expect(kc(cluster(), 'get sts/web pod/nope')).toEqual({
      out: 'NAME   READY   AGE\nweb    2/3     2m15s\n', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(kc(cluster(), 'get sts,pvc').out).toBe('NAME                   READY   AGE\nstatefulset.apps/web   2/3     2m15s\n');
  });

  it('names the namespace in the empty-list notice only when every type is namespaced, and not with --ignore-not-found', () => {
    expect(kc(cluster(), 'get pvc,pv')).toEqual({ out: '', err: 'No resources found\n', code: 0 });
    expect(kc(cluster(), 'get pvc --ignore-not-found')).toEqual({ out: '', err: '', code: 0 });
    // The other printers (get.go printGeneric) print an empty List, or nothing, and no notice.
    expect(kc(cluster(), 'get pvc -o name')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(cluster(), 'get pvc -o yaml')).toEqual({ out: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', err: '', code: 0 });
  });

  it('a watch: --ignore-not-found ends it quietly on a missing name, otherwise only the first error is printed', () => {
    const c = cluster();
    const quiet = runKubectl('get pods web-0 nope -w --ignore-not-found', c, {});
    expect([quiet.exitCode, quiet.stream, quiet.output]).toEqual([0, undefined, []]);
    expect(kc(c, 'get pods nope1 nope2 -w')).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope1" not found\n', code: 1 });
  });

  it('a watch with --sort-by warns, and lists the table it starts from sorted', () => {
    const r = runKubectl('get pods -w --sort-by=.metadata.name', cluster(), {});
    r.stream?.cancel();
    expect(r.output.filter((o) => o.stream === 'err').map((o) => o.text).join('')).toBe('warning: --watch requested, --sort-by will be ignored for watch events received\n');
    const c = testCluster();
    ['kind-worker3', 'kind-worker', 'kind-worker2'].forEach((node, i) => put(c, 'Pod', webPod(i, { wallMs: c.wallNow(), node })));
    const out = (args: string) => {
      const w = runKubectl(args, c, {});
      w.stream?.cancel();
      return w.output.filter((o) => o.stream === 'out').map((o) => o.text).join('');
    };
    expect(out('get pods -w --sort-by=.spec.nodeName -o name')).toBe('pod/web-0\npod/web-1\npod/web-2\n');
    expect(out('get pods -w --sort-by=.spec.nodeName').split('\n').map((l) => l.split(' ')[0])).toEqual(['NAME', 'web-1', 'web-2', 'web-0', '']);
  });
  it('--output-watch-events: an EVENT column first (ADDED for what the watch starts from), each printer given the event', () => {
    const c = cluster();
    const text = (r: ReturnType<typeof runKubectl>): string => r.output.map((o) => o.text).join('');
    const table = runKubectl('get pods -w --output-watch-events', c, {});
    expect(text(table).split('\n').slice(0, 2)).toEqual([
      'EVENT      NAME    READY   STATUS    RESTARTS   AGE', 'ADDED      web-0   1/1     Running   0          2m10s']);
    const json = runKubectl('get pods web-2 -w --output-watch-events -o json', c, {});
    const yaml = runKubectl('get pods -w --output-watch-events -o yaml', c, {});
    const names = runKubectl('get pods -w --output-watch-events -o name', c, {});
    const types = runKubectl(['get', 'pods', '-w', '--output-watch-events', '-o', 'jsonpath={.type}/{.object.metadata.name}{"\\n"}'], c, {});
    expect(kc(c, 'label pod web-2 tier=db').code).toBe(0);
    expect(kc(c, 'delete pod web-2 --force --grace-period=0').code).toBe(0);
    // Later rows keep the widths of the first table (one tab writer, flushed per event).
    expect(text(table.stream!.poll() as never)).toBe('MODIFIED   web-2   0/1     Running   0          2m10s\nDELETED    web-2   0/1     Running   0          2m10s\n');
    // JSON: json.Marshal of the WatchEvent, one line, type first; the object's keys sorted.
    const lines = (text(json) + text(json.stream!.poll() as never)).split('\n');
    expect(lines.map((l) => l.slice(0, 40))).toEqual(['{"type":"ADDED","object":{"apiVersion":"', '{"type":"MODIFIED","object":{"apiVersion', '{"type":"DELETED","object":{"apiVersion"', '']);
    expect(JSON.parse(lines[1]).object.metadata.labels.tier).toBe('db');
    // YAML: the event's keys sorted (object, then type), documents separated by ---.
    expect(text(yaml).startsWith('object:\n  apiVersion: v1\n  kind: Pod\n')).toBe(true);
    expect(text(yaml)).toContain('\ntype: ADDED\n---\nobject:\n');
    expect(text(yaml.stream!.poll() as never)).toMatch(/^---\nobject:\n[^]*\ntype: MODIFIED\n---\nobject:\n[^]*\ntype: DELETED\n$/);
    // The name printer unwraps the event; a template sees {type, object}.
    expect(text(names) + text(names.stream!.poll() as never)).toBe('pod/web-0\npod/web-1\npod/web-2\npod/web-2\npod/web-2\n');
    expect(text(types) + text(types.stream!.poll() as never)).toBe('ADDED/web-0\nADDED/web-1\nADDED/web-2\nMODIFIED/web-2\nDELETED/web-2\n');
    // With -A, the EVENT column comes before NAMESPACE.
    const all = runKubectl('get sts -A -w --output-watch-events', c, {});
    expect(text(all).split('\n')[0]).toBe('EVENT      NAMESPACE   NAME   READY   AGE');
    for (const r of [table, json, yaml, names, types, all]) r.stream?.cancel();
  });

  it('checks its flags before printing: --output-watch-events needs a watch, --show-labels a table, a watch resources', () => {
    const c = cluster();
    expect(kc(c, 'get pods --output-watch-events')).toEqual({ out: '', err: 'error: --output-watch-events option can only be used with --watch or --watch-only\n', code: 1 });
    expect(kc(c, 'get pods --show-labels -o yaml').err).toBe('error: --show-labels option cannot be used with yaml printer\n');
    expect(kc(c, 'get pods --show-labels -o bogus').err).toBe('error: --show-labels option cannot be used with bogus printer\n');
    expect(kc(c, 'get pods --show-labels -o wide').code).toBe(0);
    // Without a type, get asks for one; a watch's builder asks for resources, after the flags are checked.
    expect(kc(c, 'get -o bogus').err).toMatch(/^You must specify the type of resource to get\./);
    expect(kc(c, 'get -w').err).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect(kc(c, 'get -w --show-labels -o name').err).toBe('error: --show-labels option cannot be used with name printer\n');
  });

  it('--subresource=scale reads the /scale of named workloads: a Scale (autoscaling/v1) and its server-side table', () => {
    const c = cluster();
    expect(kc(c, 'get sts web --subresource=scale')).toEqual({ out: 'NAME   DESIRED   AVAILABLE   AGE\nweb    3         3           2m15s\n', err: '', code: 0 });
    const scale = JSON.parse(kc(c, 'get sts web --subresource=scale -o json').out);
    const sts = c.store.get('StatefulSet', 'default', 'web')!;
    expect(scale).toEqual({
      apiVersion: 'autoscaling/v1', kind: 'Scale',
      metadata: { creationTimestamp: sts.metadata!.creationTimestamp, name: 'web', namespace: 'default', resourceVersion: sts.metadata!.resourceVersion, uid: sts.metadata!.uid },
      spec: { replicas: 3 }, status: { replicas: 3, selector: 'app=nginx' },
    });
    expect(kc(c, 'get statefulset/web --subresource=scale -o name').out).toBe('scale.autoscaling/web\n');
    expect(kc(c, 'get sts web nope --subresource=scale -o name')).toEqual({ out: 'scale.autoscaling/web\n', err: 'Error from server (NotFound): statefulsets.apps "nope" not found\n', code: 1 });
    // Only named objects; a kind without the subresource answers 404; status returns the object itself.
    expect(kc(c, 'get sts --subresource=scale').err).toBe('error: subresource cannot be used when bulk resources are specified\n');
    expect(kc(c, 'get pod web-0 --subresource=scale')).toEqual({ out: '', err: 'Error from server (NotFound): the server could not find the requested resource\n', code: 1 });
    expect(kc(c, 'get controllerrevisions x --subresource=status').code).toBe(1);
    expect(kc(c, 'get pod web-0 --subresource=status')).toEqual(kc(c, 'get pod web-0'));
  });

  it('a watch with -A has the NAMESPACE column even for a cluster-scoped type (get.go watch passes AllNamespaces)', () => {
    const r = runKubectl('get nodes -A -w', cluster(), {});
    r.stream?.cancel();
    const text = r.output.map((o) => o.text).join('');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'NAMESPACE   NAME                 STATUS   ROLES           AGE     VERSION', '            kind-control-plane   Ready    control-plane   2m15s   v1.35.4']);
    expect(kc(cluster(), 'get nodes -A').out.startsWith('NAME ')).toBe(true);
  });
});

describe('get -l with the set-based and integer operators', () => {
  it('picks pods by their ordinal label (gt, lt), combined with equality', () => {
    const c = cluster();
    expect(kc(c, ['get', 'pods', '-l', 'apps.kubernetes.io/pod-index>0', '-o', 'name']).out).toBe('pod/web-1\npod/web-2\n');
    expect(kc(c, ['get', 'pods', '-l', 'apps.kubernetes.io/pod-index<1,app=nginx', '-o', 'name']).out).toBe('pod/web-0\n');
    expect(kc(c, ['get', 'pods', '-l', 'app in (nginx,x),apps.kubernetes.io/pod-index notin (2)', '-o', 'name']).out).toBe('pod/web-0\npod/web-1\n');
    expect(kc(c, ['get', 'pods', '-l', 'apps.kubernetes.io/pod-index>one']).err).toBe(
      "error: unable to parse requirement: values[0]: Invalid value: \"one\": for 'Gt', 'Lt' operators, the value must be an integer\n");
  });
});
