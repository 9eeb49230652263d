import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster.ts';
import type { KObject, Pod, StatefulSet } from '../../engine/api/types.ts';
import { runKubectl } from '../index.ts';
import { kc, put, testCluster, webPod, webSet } from '../testing.ts';

describe('wait', () => {
  it('reports condition met at once when already true', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    expect(runKubectl('wait --for=condition=Ready pod/web-0', c)).toEqual({ output: [{ stream: 'out', text: 'pod/web-0 condition met\n' }], exitCode: 0 });
  });
  it('streams until the condition holds, or times out', () => {
    const c = testCluster();
    const p = put(c, 'Pod', webPod(0, { wallMs: c.wallNow(), ready: false })) as Pod;
    const r = runKubectl('wait --for=condition=Ready pod/web-0 --timeout=10s', c);
    expect(r.stream!.deadline).toBe(10_000);
    c.store.update('Pod', { ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True' }] } }, { subresource: 'status' });
    expect(r.stream!.poll()).toEqual({ output: [{ stream: 'out', text: 'pod/web-0 condition met\n' }], done: true, exitCode: 0 });
    put(c, 'Pod', webPod(1, { wallMs: c.wallNow(), ready: false }));
    const t = runKubectl('wait --for=condition=Ready pod/web-1', c);
    c.advance(30_000);
    expect(t.stream!.poll()).toEqual({ output: [{ stream: 'err', text: 'error: timed out waiting for the condition on pods/web-1\n' }], done: true, exitCode: 1 });
  });
  it('--for=delete', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    const r = runKubectl('wait --for=delete pod/web-0', c);
    c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    expect(r.stream!.poll().output).toEqual([{ stream: 'out', text: 'pod/web-0 condition met\n' }]);
  });
});

/** A cluster with the `web` StatefulSet (status.replicas 2, readyReplicas 1) and its two pods, web-1 not ready. */
function webCluster(): Cluster {
  const c = testCluster();
  put(c, 'StatefulSet', { ...webSet(2), status: { replicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 } } as StatefulSet);
  put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
  put(c, 'Pod', webPod(1, { wallMs: c.wallNow(), ready: false }));
  return c;
}

/** Runs a wait that streams, moves the clock past its deadline and returns what it printed then. */
function afterTimeout(c: Cluster, args: string): { out: string; err: string; code: number } {
  const r = runKubectl(args, c);
  expect(r.stream).toBeDefined();
  c.advance(r.stream!.deadline! - c.now);
  const p = r.stream!.poll();
  const text = (s: string) => [...r.output, ...p.output].filter((o) => o.stream === s).map((o) => o.text).join('');
  return { out: text('out'), err: text('err'), code: p.exitCode };
}

describe('wait: what a timeout names', () => {
  it('names the object by its resource without the group (extendErrWaitTimeout)', () => {
    const c = webCluster();
    expect(afterTimeout(c, 'wait --for=jsonpath={.status.readyReplicas}=2 sts/web --timeout=5s')).toEqual({ out: '', err: 'error: timed out waiting for the condition on statefulsets/web\n', code: 1 });
  });
  it('times out every object left once the shared deadline passes, one line each', () => {
    const c = webCluster();
    put(c, 'Pod', webPod(2, { wallMs: c.wallNow(), ready: false }));
    expect(afterTimeout(c, 'wait --for=condition=Ready pod/web-0 pod/web-1 pod/web-2 --timeout=5s')).toEqual({
      out: 'pod/web-0 condition met\n',
      err: 'timed out waiting for the condition on pods/web-1\ntimed out waiting for the condition on pods/web-2\n',
      code: 1,
    });
  });
});

describe('wait --for=jsonpath', () => {
  it('uses the JSONPath engine: filters and wildcards', () => {
    const c = webCluster();
    expect(kc(c, ['wait', '--for=jsonpath={.status.conditions[?(@.type=="Ready")].status}=True', 'pod/web-0'])).toEqual({ out: 'pod/web-0 condition met\n', err: '', code: 0 });
    expect(kc(c, ['wait', '--for=jsonpath={.spec.template.spec.containers[*].name}=nginx', 'statefulset/web'])).toEqual({ out: 'statefulset.apps/web condition met\n', err: '', code: 0 });
    // The object is read as the API serves it, with its kind.
    expect(kc(c, 'wait --for=jsonpath={.kind}=StatefulSet sts/web').out).toBe('statefulset.apps/web condition met\n');
  });
  it('without a value, any value found matches, a map included', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=jsonpath={.spec.template} sts/web').out).toBe('statefulset.apps/web condition met\n');
  });
  it('refuses several values and maps or lists compared with a value (json.go)', () => {
    const c = webCluster();
    put(c, 'Pod', { ...webPod(2, { wallMs: c.wallNow() }), spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } as Pod);
    expect(kc(c, 'wait --for=jsonpath={.spec.containers[*].name} pod/web-2')).toEqual({ out: '', err: 'error: given jsonpath expression matches more than one value\n', code: 1 });
    expect(kc(c, 'wait --for=jsonpath={.spec.template.spec}=x sts/web')).toEqual({ out: '', err: 'error: jsonpath leads to a nested object or list which is not supported\n', code: 1 });
  });
  it('accepts an expression without braces or leading dot (RelaxedJSONPathExpression) and trims quotes off the value', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=jsonpath=.status.readyReplicas=1 statefulset/web').out).toBe('statefulset.apps/web condition met\n');
    expect(kc(c, 'wait --for=jsonpath=status.replicas=2 statefulset/web').out).toBe('statefulset.apps/web condition met\n');
    expect(kc(c, ['wait', `--for=jsonpath={.status.phase}='Running'`, 'pod/web-0']).out).toBe('pod/web-0 condition met\n');
  });
  it('words its format errors as wait.go does, before reading any object', () => {
    const c = testCluster();
    const err = (f: string) => kc(c, ['wait', `--for=${f}`, 'pod/none']).err;
    expect(err('jsonpath=.status.readyReplicas=2=3')).toBe("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n");
    expect(err('jsonpath={.status.readyReplicas}=')).toBe("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
    expect(err(`jsonpath={.status.readyReplicas}=''`)).toBe("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
    const relaxed = "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n";
    expect(err('jsonpath={.a}{.b}')).toBe(relaxed);
    // splitJSONPathInput splits on every single `=`, so `!=` cuts the filter in two.
    expect(err('jsonpath={.a[?(@.x!="y")]}')).toBe(relaxed);
    expect(err('jsonpath=')).toBe('error: jsonpath expression cannot be empty\n');
    expect(err('jsonpath==3')).toBe('error: jsonpath expression cannot be empty\n');
    // The parser's error as it is, without the -o jsonpath printer's wrapping.
    expect(err('jsonpath={.a[}')).toBe('error: unterminated array\n');
    expect(err('jsonpath={.a[0:x]}')).toBe('error: invalid array index 0:x\n');
  });
});

describe('wait --timeout', () => {
  it('0 checks once: condition not met for RESOURCE/NAME, for conditions, jsonpath and delete', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=condition=Ready pod/web-1 --timeout=0')).toEqual({ out: '', err: 'error: condition not met for pods/web-1\n', code: 1 });
    expect(kc(c, 'wait --for=jsonpath={.status.readyReplicas}=2 sts/web --timeout=0s')).toEqual({ out: '', err: 'error: condition not met for statefulsets/web\n', code: 1 });
    expect(kc(c, 'wait --for=delete pod/web-0 --timeout=0')).toEqual({ out: '', err: 'error: condition not met for pods/web-0\n', code: 1 });
    expect(kc(c, 'wait --for=condition=Ready pod/web-0 --timeout=0')).toEqual({ out: 'pod/web-0 condition met\n', err: '', code: 0 });
  });
  it('0 goes on past an object that fails, and reports every error at the end (ContinueOnError)', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=condition=Ready pod/web-1 pod/web-0 --timeout=0')).toEqual({ out: 'pod/web-0 condition met\n', err: 'error: condition not met for pods/web-1\n', code: 1 });
    expect(kc(c, 'wait --for=condition=Ready pod/web-0 pod/nope --timeout=0')).toEqual({ out: 'pod/web-0 condition met\n', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  });
  it('a negative timeout waits a week', () => {
    const c = webCluster();
    const r = runKubectl('wait --for=condition=Ready pod/web-1 --timeout=-1s', c);
    expect(r.stream!.deadline).toBe(c.now + 168 * 3600_000);
  });
});

describe('wait -o', () => {
  it('prints through PrintFlags with the operation "condition met"', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=condition=Ready pod/web-0 -o name').out).toBe('pod/web-0\n');
    expect(kc(c, 'wait --for=jsonpath={.status.replicas}=2 sts/web -o name').out).toBe('statefulset.apps/web\n');
    expect(kc(c, 'wait --for=condition=Ready pod/web-0 -o jsonpath={.metadata.name}').out).toBe('web-0');
    expect(JSON.parse(kc(c, 'wait --for=condition=Ready pod/web-0 -o json').out)).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' } });
  });
  it('one YAML printer for the run: documents after the first start with ---', () => {
    const c = webCluster();
    const out = kc(c, 'wait --for=jsonpath={.kind}=Pod pod/web-0 pod/web-1 -o yaml').out;
    expect(out.startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true);
    expect(out.split('\n---\n')).toHaveLength(2);
  });
  it('refuses an unknown format first, as ToOptions builds the printer before the condition', () => {
    const c = testCluster();
    expect(kc(c, 'wait --for=foo -o bad pod/x').err).toMatch(/^error: unable to match a printer suitable for the output format "bad"/);
  });
});

describe('wait --for=create', () => {
  it('prints an object that exists at once, and waits for one that does not', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=create pod/web-0')).toEqual({ out: 'pod/web-0 condition met\n', err: '', code: 0 });
    const r = runKubectl('wait --for=create pod/web-2 --timeout=10s', c);
    expect(r.output).toEqual([]);
    put(c, 'Pod', webPod(2, { wallMs: c.wallNow() }));
    expect(r.stream!.poll()).toEqual({ output: [{ stream: 'out', text: 'pod/web-2 condition met\n' }], done: true, exitCode: 0 });
  });
  it('times out without naming the object; with a selector it waits until one matches', () => {
    const c = webCluster();
    expect(afterTimeout(c, 'wait --for=create pod/web-9 --timeout=3s')).toEqual({ out: '', err: 'error: timed out waiting for the condition\n', code: 1 });
    expect(kc(c, 'wait --for=create pod/web-9 --timeout=0').err).toBe('error: timed out waiting for the condition\n');
    const r = runKubectl('wait --for=create pod -l role=db', c);
    expect(r.stream).toBeDefined();
    put(c, 'Pod', { ...webPod(5, { wallMs: c.wallNow() }), metadata: { name: 'db-0', namespace: 'default', labels: { role: 'db' } } } as Pod);
    expect(r.stream!.poll().output).toEqual([{ stream: 'out', text: 'pod/db-0 condition met\n' }]);
  });
  it('several missing names are an aggregate that IsNotFound does not see through: the poll fails', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=create pod/a pod/b')).toEqual({ out: '', err: 'Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n', code: 1 });
  });
});

describe('wait: flag rules', () => {
  it('only delete and create ignore case; condition= is a case-sensitive prefix', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=Condition=Ready pod/web-0')).toEqual({ out: '', err: 'error: unrecognized condition: "Condition=Ready"\n', code: 1 });
    expect(kc(c, 'wait --for=JSONPath={.kind} pod/web-0').err).toBe('error: unrecognized condition: "JSONPath={.kind}"\n');
    expect(kc(c, 'wait pod/web-0').err).toBe('error: unrecognized condition: ""\n');
    expect(kc(c, 'wait --for=CREATE pod/web-0').out).toBe('pod/web-0 condition met\n');
    expect(kc(c, 'wait --for=Delete pod/nope').code).toBe(0);
    // Condition types and values are compared case-insensitively.
    expect(kc(c, 'wait --for=condition=ready=TRUE pod/web-0').out).toBe('pod/web-0 condition met\n');
  });
  it('--field-selector filters the listed objects', () => {
    const c = webCluster();
    expect(kc(c, 'wait --for=condition=Ready pod --field-selector=metadata.name=web-0').out).toBe('pod/web-0 condition met\n');
    expect(kc(c, 'wait --for=condition=Ready pod --field-selector=metadata.name=nope').err).toBe('error: no matching resources found\n');
  });
});

describe('wait --for=condition: observed generation', () => {
  it('a condition observed for an older generation is not met yet', () => {
    const c = testCluster();
    const p = put(c, 'Pod', webPod(0, { wallMs: c.wallNow() })) as Pod;
    const gen = p.metadata!.generation ?? 1;
    const stale = (og: number): KObject => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True', observedGeneration: og }] } } as KObject);
    c.store.update('Pod', stale(gen - 1), { subresource: 'status' });
    expect(kc(c, 'wait --for=condition=Ready pod/web-0 --timeout=0').err).toBe('error: condition not met for pods/web-0\n');
    c.store.update('Pod', { ...stale(gen), metadata: c.store.get('Pod', 'default', 'web-0')!.metadata }, { subresource: 'status' });
    expect(kc(c, 'wait --for=condition=Ready pod/web-0 --timeout=0').out).toBe('pod/web-0 condition met\n');
  });
});
