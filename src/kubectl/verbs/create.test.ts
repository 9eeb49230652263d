// kubectl create: which sub-command a line names, kubectl's sub-commands that are not modelled, and -f's argument check.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

describe('kubectl create (sub-commands)', () => {
  it('names a sub-command kubectl has and the simulation does not, under its name or alias', () => {
    const c = testCluster();
    expect(kc(c, 'create deployment web --image=nginx')).toEqual({ out: '', err: 'error: "kubectl create deployment" is not available in this simulated cluster\n', code: 1 });
    expect(kc(c, 'create deploy web --image=nginx').err).toBe('error: "kubectl create deployment" is not available in this simulated cluster\n');
    expect(kc(c, 'create cm x --from-literal=a=b').err).toBe('error: "kubectl create configmap" is not available in this simulated cluster\n');
    for (const sub of ['secret', 'job', 'cronjob', 'role', 'serviceaccount', 'token']) {
      expect(kc(c, `create ${sub} x`).err).toBe(`error: "kubectl create ${sub}" is not available in this simulated cluster\n`);
    }
  });

  it('without -f keeps its error; with -f, a word that names no sub-command is an unexpected argument', () => {
    const c = testCluster();
    const noFile = "error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples\n";
    expect(kc(c, 'create').err).toBe(noFile);
    expect(kc(c, 'create foo').err).toBe(noFile);
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
