// kubectl create: which sub-command a line names, kubectl's sub-commands that are not modelled, and -f's argument check.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';
import { execCluster } from './exec.fixture.ts';

describe('kubectl create (sub-commands)', () => {
  it('names a sub-command kubectl has and the simulation does not, under its name or alias', () => {
    const c = testCluster();
    expect(kc(c, 'create deployment web --image=nginx')).toEqual({ out: '', err: 'error: "kubectl create deployment" is not available in this simulated cluster\n', code: 1 });
    expect(kc(c, 'create deploy web --image=nginx').err).toBe('error: "kubectl create deployment" is not available in this simulated cluster\n');
    expect(kc(c, 'create cj x').err).toBe('error: "kubectl create cronjob" is not available in this simulated cluster\n');
    for (const sub of ['job', 'cronjob', 'role', 'token']) {
      expect(kc(c, `create ${sub} x`).err).toBe(`error: "kubectl create ${sub}" is not available in this simulated cluster\n`);
    }
  });

  it('a word that names no sub-command is an unexpected argument, -f or not; without -f, it needs one (as a real kubectl says)', () => {
    const c = testCluster();
    expect(kc(c, 'create').err).toBe('error: must specify one of -f and -k\n');
    expect(kc(c, 'create foo').err).toBe("error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n");
    expect(kc(c, 'create -f - foo', { stdin: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' })).toEqual({
      out: '', err: "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n", code: 1,
    });
    expect(c.store.get('Namespace', '', 'x')).toBeUndefined();
  });

  it('create service alone prints its help; an unknown type is named', () => {
    const c = testCluster();
    const r = kc(c, 'create service');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Create a service using a specified subcommand\.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n/);
    expect(kc(c, 'create svc foo bar').err).toBe("error: unknown command \"foo bar\"\nSee 'kubectl create service -h' for help and examples\n");
  });
});

describe('kubectl create --raw (the Eviction API)', () => {
  const eviction = (name: string, grace?: number) => JSON.stringify({
    apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' }, ...(grace !== undefined ? { deleteOptions: { gracePeriodSeconds: grace } } : {}),
  });
  // The docs tutorial's web-0 and web-1 (app=nginx), running.
  const running = execCluster;

  it('evicts the pod of the URI as drain does, with the body\'s grace period, and prints the API server\'s answer', () => {
    const c = running();
    const r = kc(c, 'create --raw /api/v1/namespaces/default/pods/web-1/eviction -f -', { stdin: eviction('web-1', 5) });
    expect(r).toEqual({ out: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}\n', err: '', code: 0 });
    const pod = c.store.get('Pod', 'default', 'web-1')!;
    expect(pod.metadata!.deletionGracePeriodSeconds).toBe(5);
    expect(pod.status!.conditions!.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI' });
  });

  it('answers as the API server does when a budget refuses, and refuses what is not modelled, changing nothing', () => {
    const c = running();
    kc(c, 'create pdb web --selector=app=nginx --min-available=2');
    c.settle();
    const rv = c.store.state.resourceVersion;
    expect(kc(c, 'create --raw /api/v1/namespaces/default/pods/web-0/eviction -f -', { stdin: eviction('web-0') }).err)
      .toBe('Error from server (TooManyRequests): Cannot evict pod as it would violate the pod\'s disruption budget.\n');
    expect(kc(c, 'create --raw /api/v1/namespaces/default/pods/web-0/eviction -f -', { stdin: eviction('web-1') }).err)
      .toBe('Error from server (BadRequest): name in URL does not match name in Eviction object\n');
    expect(kc(c, 'create --raw /api/v1/namespaces/default/pods -f -', { stdin: eviction('web-0') }).err)
      .toMatch(/^error: "kubectl create --raw" is available in this simulated cluster only for the Eviction API/);
    expect(kc(c, 'create --raw /api/v1/namespaces/default/pods/web-0/eviction -f - -o json', { stdin: eviction('web-0') }).err)
      .toBe('error: --raw and --output are mutually exclusive\n');
    expect(c.store.state.resourceVersion).toBe(rv);
  });
});
