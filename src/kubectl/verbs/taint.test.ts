// kubectl taint: adding, overwriting and removing node taints, with kubectl's operation words and error texts.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';
import type { Cluster } from '../../engine/cluster.ts';

const taints = (c: Cluster, node = 'kind-worker') => c.store.get('Node', '', node)!.spec!.taints;

describe('kubectl taint', () => {
  it('adds, overwrites and removes taints, printing tainted, modified and untainted', () => {
    const c = testCluster();
    expect(kc(c, 'taint nodes kind-worker dedicated=db:NoSchedule')).toEqual({ out: 'node/kind-worker tainted\n', err: '', code: 0 });
    expect(taints(c)).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    expect(kc(c, 'taint node kind-worker dedicated=web:NoSchedule --overwrite').out).toBe('node/kind-worker modified\n');
    expect(taints(c)).toEqual([{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }]);
    expect(kc(c, 'taint no kind-worker gpu:PreferNoSchedule dedicated:NoSchedule-').out).toBe('node/kind-worker modified\n');
    expect(taints(c)).toEqual([{ key: 'gpu', effect: 'PreferNoSchedule' }]);
    expect(kc(c, 'taint nodes kind-worker gpu-').out).toBe('node/kind-worker untainted\n');
    expect(taints(c)).toBeUndefined();
  });

  it('selects nodes with -l or --all, and honours --dry-run and -o', () => {
    const c = testCluster();
    expect(kc(c, 'taint nodes -l kubernetes.io/hostname=kind-worker2 a=b:NoSchedule --dry-run=client').out).toBe('node/kind-worker2 tainted (dry run)\n');
    expect(taints(c, 'kind-worker2')).toBeUndefined();
    expect(kc(c, 'taint nodes --all a=b:NoSchedule -o name').out).toBe('node/kind-control-plane\nnode/kind-worker\nnode/kind-worker2\nnode/kind-worker3\n');
    expect(taints(c, 'kind-worker3')).toEqual([{ key: 'a', value: 'b', effect: 'NoSchedule' }]);
  });

  it('refuses what kubectl refuses, with its texts, and changes nothing', () => {
    const c = testCluster();
    kc(c, 'taint nodes kind-worker dedicated=db:NoSchedule');
    const cases: Array<[string, string]> = [
      ['taint nodes kind-worker dedicated=x:NoSchedule', 'error: node kind-worker already has dedicated taint(s) with same effect(s) and --overwrite is false\n'],
      ['taint nodes kind-worker other:NoSchedule-', 'error: taint "other:NoSchedule" not found\n'],
      ['taint nodes kind-worker a=b:Bogus', "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"],
      ['taint nodes kind-worker a=b', "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n"],
      ['taint nodes kind-worker a:NoSchedule a:NoSchedule', "error: duplicated taints with the same key and effect: {a  NoSchedule <nil>}\nSee 'kubectl taint -h' for help and examples\n"],
      ['taint nodes kind-worker a=b:NoSchedule a-', 'error: can not both modify and remove the following taint(s) in the same command: {"a":""}\n'],
      ['taint pods web-0 a=b:NoSchedule', 'error: invalid resource type pods, only node types are supported\n'],
      ['taint nodes a=b:NoSchedule', "error: at least one resource name must be specified since 'all' parameter is not set\n"],
      ['taint nodes kind-worker', 'error: at least one taint update is required\n'],
      ['taint a=b:NoSchedule', 'error: one or more resources must be specified as <resource> <name>\n'],
      ['taint nodes kind-worker a=b:NoSchedule kind-worker2', 'error: all resources must be specified before taint changes: kind-worker2\n'],
      ['taint nodes --all -l a=b x=y:NoSchedule', "error: setting 'all' parameter with a non empty selector is prohibited\n"],
      ['taint nodes nope a=b:NoSchedule', 'Error from server (NotFound): nodes "nope" not found\n'],
    ];
    for (const [args, err] of cases) expect(kc(c, args), args).toEqual({ out: '', err, code: 1 });
    expect(taints(c)).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
  });
});
