import { describe, expect, it } from 'vitest';
import { kc, put, testCluster, webPod, webSet } from '../testing.ts';
import { runKubectl } from '../index.ts';

function cluster() {
  const c = testCluster();
  put(c, 'StatefulSet', { ...webSet(), status: { replicas: 3, readyReplicas: 2, observedGeneration: 1 } } as never);
  c.advance(5000);
  for (let i = 0; i < 2; i++) put(c, 'Pod', webPod(i, { wallMs: c.wallNow() }));
  return c;
}

const UNKNOWN = 'allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml';

describe('kubectl get -o go-template / --template', () => {
  it('runs the StatefulSet Basics tutorial commands', () => {
    const c = cluster();
    expect(kc(c, `get pod web-0 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`))
      .toEqual({ out: 'registry.k8s.io/nginx-slim:0.24', err: '', code: 0 });
    expect(kc(c, `get pod web-0 -o go-template='{{.metadata.name}}{{"\\n"}}'`).out).toBe('web-0\n');
    // -o template is an alias; --template supplies the template to a bare -o go-template or -o template.
    expect(kc(c, `get pod web-0 -o template='{{.spec.hostname}}'`).out).toBe('web-0');
    expect(kc(c, `get pod web-0 -o go-template --template='{{.spec.subdomain}}'`).out).toBe('nginx');
    expect(kc(c, `get pod web-0 -o jsonpath --template='{.spec.nodeName}'`).out).toBe('kind-worker');
  });

  it('a list is one List object; a single named object is the object itself', () => {
    const c = cluster();
    expect(kc(c, `get pods -o go-template='{{range .items}}{{.metadata.name}} {{.status.podIP}}{{"\\n"}}{{end}}'`).out).toBe('web-0 10.244.1.5\nweb-1 10.244.1.6\n');
    expect(kc(c, `get pods web-0 web-1 --template '{{.kind}} {{len .items}}'`).out).toBe('List 2');
    expect(kc(c, `get pods -l app=none --template '{{.kind}} {{.items}} {{.metadata}}'`)).toEqual({ out: 'List [] map[resourceVersion:]', err: '', code: 0 });
    // Numbers are float64, and a missing key is <no value>.
    expect(kc(c, `get sts web --template '{{.spec.replicas}} {{.status.readyReplicas}} {{.spec.nope}}'`).out).toBe('3 2 <no value>');
  });

  it('refuses a bad or missing template with kubectl\'s error before listing or watching', () => {
    const c = cluster();
    expect(kc(c, `get pod web-0 -o go-template='{{.metadata.name'`))
      .toEqual({ out: '', err: 'error: error parsing template {{.metadata.name, template: output:1: unclosed action\n', code: 1 });
    expect(kc(c, `get pods -w -o go-template='{{nope}}'`))
      .toEqual({ out: '', err: 'error: error parsing template {{nope}}, template: output:1: function "nope" not defined\n', code: 1 });
    expect(kc(c, 'get pods -o go-template').err).toBe('error: template format specified but no template given\n');
    expect(kc(c, 'get pods -o template=').err).toBe('error: template format specified but no template given\n');
    // With --template, an -o FORMAT=… template format matches no printer.
    expect(kc(c, `get pods -o go-template='{{.a}}' --template='{{.b}}'`).err).toBe(`error: unable to match a printer suitable for the output format "go-template={{.a}}", ${UNKNOWN}\n`);
    // Other formats ignore --template.
    expect(kc(c, `get pod web-0 -o name --template='{{.a}}'`).out).toBe('pod/web-0\n');
  });

  it('an execution error prints what was written and the debugging text, then kubectl\'s error', () => {
    const c = cluster();
    const r = kc(c, `get sts web -o go-template='{{.metadata.name}} {{if eq .spec.replicas 3}}three{{end}}'`);
    const err = 'template: output:1:24: executing "output" at <eq .spec.replicas 3>: error calling eq: incompatible types for comparison';
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: error executing template "{{.metadata.name}} {{if eq .spec.replicas 3}}three{{end}}": ${err}\n`);
    expect(r.out.startsWith(`web Error executing template: ${err}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{.metadata.name}} {{if eq .spec.replicas 3}}three{{end}}\n\traw data was:\n\t\t{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{`)).toBe(true);
    expect(r.out).toContain('\n\tobject given to template engine was:\n\t\tmap[apiVersion:apps/v1 kind:StatefulSet metadata:map[');
    expect(r.out.endsWith(']\n\n')).toBe(true);
    // Comparing with a float constant works.
    expect(kc(c, `get sts web -o go-template='{{if eq .spec.replicas 3.0}}three{{end}}'`).out).toBe('three');
  });

  it('-w prints each object, then each change, through the template', () => {
    const c = cluster();
    const r = runKubectl(`get pods -w -o go-template='{{.metadata.name}} {{.status.phase}}{{"\\n"}}'`, c, {});
    expect(r.output.map((o) => o.text).join('')).toBe('web-0 Running\nweb-1 Running\n');
    put(c, 'Pod', webPod(2, { wallMs: c.wallNow() }));
    expect(r.stream!.poll().output.map((o) => o.text).join('')).toMatch(/^(web-2 Pending\n)?web-2 Running\n$/);
  });

  it('-w: an execution error on the objects it starts from is "unable to output the provided object"', () => {
    const c = cluster();
    const r = kc(c, `get pods -w --template='{{.metadata.name}}{{index .spec.containers 3}}'`);
    expect(r.code).toBe(1);
    expect(r.out.startsWith('web-0Error executing template: ')).toBe(true);
    expect(r.err).toBe('error: unable to output the provided object: error executing template "{{.metadata.name}}{{index .spec.containers 3}}": template: output:1:20: executing "output" at <index .spec.containers 3>: error calling index: index out of range: 3\n');
  });

  it('-w: an execution error on a change ends the watch with the error', () => {
    const c = cluster();
    const r = runKubectl(`get pods -w --watch-only --template='{{.metadata.name}}{{index .metadata.labels "x" | len}}'`, c, {});
    put(c, 'Pod', webPod(2, { wallMs: c.wallNow() }));
    const p = r.stream!.poll();
    expect([p.done, p.exitCode]).toEqual([true, 1]);
    expect(p.output.find((o) => o.stream === 'err')?.text).toBe('error: error executing template "{{.metadata.name}}{{index .metadata.labels \\"x\\" | len}}": template: output:1:49: executing "output" at <len>: error calling len: reflect: call of reflect.Value.Type on zero Value\n');
    expect(p.output.find((o) => o.stream === 'out')?.text.startsWith('web-2Error executing template')).toBe(true);
  });
});
