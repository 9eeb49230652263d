import { describe, expect, it } from 'vitest';
import { kc } from './testing.ts';
import { execCluster } from './verbs/exec.fixture.ts';

describe('exec and attach: the pod a workload stands for', () => {
  it('takes the first active pod of a Deployment, DaemonSet or ReplicaSet, as SelectorsForObject allows', () => {
    const c = execCluster();
    const pods = (label: string, value: string) => c.store.list('Pod', 'kube-system').filter((p) => p.metadata!.labels?.[label] === value).map((p) => p.metadata!.name!);
    const rs = c.store.list('ReplicaSet', 'kube-system')[0].metadata!.name!;
    // attach -i names the pod it chose in its (simulator's) refusal to attach to a process that reads no input.
    const chosen = (target: string) => /of pod (\S+) is not available/.exec(kc(c, `attach -i -n kube-system ${target}`).err)?.[1];
    expect(pods('k8s-app', 'kube-dns')).toContain(chosen('deploy/coredns'));
    expect(pods('k8s-app', 'kube-dns')).toContain(chosen(`rs/${rs}`));
    expect(pods('k8s-app', 'kube-proxy')).toContain(chosen('ds/kube-proxy'));
    // exec reaches the container (distroless CoreDNS has no hostname program).
    expect(kc(c, 'exec -n kube-system deploy/coredns -- hostname').err).toMatch(/executable file not found in \$PATH/);
  });

  it('wraps a selector error in "cannot attach to"', () => {
    const c = execCluster();
    expect(kc(c, 'exec svc/kubernetes -- hostname').err).toBe("error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n");
    expect(kc(c, 'attach node/kind-worker').err).toBe('error: cannot attach to *v1.Node: selector for *v1.Node not implemented\n');
  });
});
