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
});
