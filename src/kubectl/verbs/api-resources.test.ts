// `kubectl api-resources` and `kubectl api-versions`: what this server serves.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

describe('api-versions', () => {
  it('lists the group versions the served types use, sorted; arguments are a usage error', () => {
    const c = testCluster();
    expect(kc(c, 'api-versions')).toEqual({ out: 'apps/v1\ndiscovery.k8s.io/v1\npolicy/v1\nstorage.k8s.io/v1\nv1\n', err: '', code: 0 });
    expect(kc(c, 'api-versions foo').err).toBe("error: unexpected arguments: [foo]\nSee 'kubectl api-versions -h' for help and examples\n");
  });
});

describe('api-resources', () => {
  it('lists every served type with its group version; --namespaced=false the cluster-scoped ones', () => {
    const c = testCluster();
    const r = kc(c, 'api-resources');
    expect(r.out).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND\n/);
    expect(r.out).toMatch(/^statefulsets +sts +apps\/v1 +true +StatefulSet$/m);
    expect(kc(c, 'api-resources --namespaced=false -o name').out).toBe('namespaces\nnodes\npersistentvolumes\nstorageclasses.storage.k8s.io\n');
  });

  it('-o wide: the verbs joined by commas and the categories (1.33+ print flags); the filters and --sort-by', () => {
    const c = testCluster();
    const wide = kc(c, 'api-resources -o wide').out.split('\n');
    expect(wide[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND +VERBS +CATEGORIES$/);
    expect(wide).toContain('statefulsets             sts          apps/v1               true         StatefulSet             create,delete,deletecollection,get,list,patch,update,watch   all');
    // A namespace cannot be deleted as a collection; an empty last column still pads the one before it.
    expect(wide.find((l) => l.startsWith('namespaces '))).toMatch(/ create,delete,get,list,patch,update,watch {20}$/);
    expect(kc(c, 'api-resources --categories=all -o name').out).toBe('pods\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n');
    expect(kc(c, 'api-resources --api-group=policy -o name').out).toBe('poddisruptionbudgets.policy\n');
    expect(kc(c, 'api-resources --verbs=deletecollection --namespaced=false -o name').out).toBe('nodes\npersistentvolumes\nstorageclasses.storage.k8s.io\n');
    // Sorted by group then name by default; --sort-by=kind over every group.
    expect(kc(c, 'api-resources --sort-by=kind --no-headers').out.split('\n').slice(0, 3).map((l) => l.split(/ +/)[0])).toEqual(['configmaps', 'controllerrevisions', 'daemonsets']);
    expect(kc(c, 'api-resources --sort-by=size').err).toBe('error: --sort-by accepts only name or kind\n');
    expect(kc(c, 'api-resources -o bad').err).toBe('error: unable to match a printer suitable for the output format "bad", allowed formats are: json,kyaml,name,wide,yaml\n');
  });
});
