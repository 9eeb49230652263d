// `kubectl auth can-i` and `auth whoami` as kind's admin user (cluster-admin) gets them: every check is allowed,
// with kubectl's own warnings for a type, scope or verb it cannot place, and its argument errors.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { kc } from '../testing.ts';

describe('kubectl auth', () => {
  const c = Cluster.create({ freeze: true });

  it.each([
    'can-i create statefulsets', 'can-i delete pods -n kube-system', "can-i '*' '*'", 'can-i get nodes -A',
    'can-i list jobs.batch/bar -n foo', 'can-i get /logs/', 'can-i get pods --subresource=log',
  ])('%s: yes', (args) => {
    expect(kc(c, `auth ${args}`)).toEqual({ out: 'yes\n', err: '', code: 0 });
  });

  it.each([
    ['can-i get nodes', "resource 'nodes' is not namespace scoped"],
    ['can-i get storageclasses', "resource 'storageclasses' is not namespace scoped in group 'storage.k8s.io'"],
    ['can-i frobnicate pods', "verb 'frobnicate' is not a known verb"],
    ['can-i get foos', "the server doesn't have a resource type 'foos'"],
    ['can-i get foos.bar', "the server doesn't have a resource type 'foos' in group 'bar'"],
    ['can-i watch /healthz', "verb 'watch' is not a known verb"],
  ])('%s: yes, after the warning kubectl prints with a blank line', (args, warning) => {
    expect(kc(c, `auth ${args}`)).toEqual({ out: 'yes\n', err: `Warning: ${warning}\n\n`, code: 0 });
  });

  it('is quiet with -q, and refuses what kubectl refuses', () => {
    expect(kc(c, 'auth can-i create pods -q')).toEqual({ out: '', err: '', code: 0 });
    expect(kc(c, 'auth can-i get').err).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
    expect(kc(c, 'auth can-i get pods --no-headers').err).toBe('error: --no-headers cannot be set without --list specified\n');
    expect(kc(c, 'auth can-i --list pods').err).toBe('error: list option must be specified with no arguments\n');
    expect(kc(c, 'auth can-i --list -q').err).toBe("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
    expect(kc(c, 'auth can-i get /logs --subresource=log').err).toBe('error: --subresource can not be used with NonResourceURL\n');
    expect(kc(c, 'auth can-i --list').err).toMatch(/^error: "kubectl auth can-i --list" is not available in this simulated cluster/);
  });

  it('whoami names kubeadm\'s admin user and its groups', () => {
    expect(kc(c, 'auth whoami')).toEqual({
      out: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n', err: '', code: 0,
    });
  });
});
