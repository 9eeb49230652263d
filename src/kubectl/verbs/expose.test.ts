// kubectl expose: a Service generated from what an object selects and serves on. Checked line by line against
// kubectl 1.33 by scripts/crosscheck/expose.sim; here the behaviour a StatefulSet lesson meets.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import type { EndpointSlice, Service } from '../../engine/api/types.ts';
import { Session } from '../../scenario/session.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';

function cluster() {
  const c = Cluster.create({ seed: 1 });
  const s = new Session(c);
  s.exec('kubectl apply -f -', SEED_MANIFEST);
  c.settle(600_000);
  const run = (line: string) => {
    const r = s.exec(line);
    return { out: r.output.filter((o) => o.stream === 'out').map((o) => o.text).join(''), err: r.output.filter((o) => o.stream === 'err').map((o) => o.text).join(''), code: r.exitCode };
  };
  const endpoints = (svc: string): string[] => c.store.list('EndpointSlice', 'default')
    .filter((e) => e.metadata?.labels?.['kubernetes.io/service-name'] === svc)
    .flatMap((e: EndpointSlice) => (e.endpoints ?? []).filter((x) => x.conditions?.ready).map((x) => x.targetRef?.name ?? ''));
  return { c, run, endpoints };
}

describe('kubectl expose', () => {
  it('refuses a StatefulSet, as kubectl does, and exposes one of its pods: the pod-name label selects that pod alone', () => {
    const { c, run, endpoints } = cluster();
    expect(run('kubectl expose sts nginx-web --port=80')).toEqual({ out: '', err: 'error: cannot expose a StatefulSet.apps\n', code: 1 });
    expect(run('kubectl expose pod nginx-web-1 --port=80 --name=web-1')).toEqual({ out: 'service/web-1 exposed\n', err: '', code: 0 });
    const svc = c.store.get('Service', 'default', 'web-1') as Service;
    expect(svc.spec?.selector).toEqual({
      app: 'nginx', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': expect.stringMatching(/^nginx-web-[0-9a-f]+$/),
      'statefulset.kubernetes.io/pod-name': 'nginx-web-1',
    });
    expect(svc.spec?.ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80 }]);
    expect(svc.metadata?.labels).toEqual(svc.spec?.selector);
    c.settle(60_000);
    expect(endpoints('web-1')).toEqual(['nginx-web-1']);
    // The selector holds the pod's revision too: after a rolling update the new nginx-web-1 no longer matches.
    run('kubectl set image sts nginx-web nginx=nginx:mainline');
    c.settle(600_000);
    expect(endpoints('web-1')).toEqual([]);
  });

  it('copies a Service\'s selector and ports; --target-port, --type, --cluster-ip and -l as given', () => {
    const { c, run } = cluster();
    expect(run('kubectl expose svc nginx --name=nginx-np --type=NodePort --target-port=web -l tier=web').out).toBe('service/nginx-np exposed\n');
    const svc = c.store.get('Service', 'default', 'nginx-np') as Service;
    expect(svc.spec?.selector).toEqual({ app: 'nginx' });
    expect(svc.metadata?.labels).toEqual({ tier: 'web' });
    expect(svc.spec?.ports?.[0]).toMatchObject({ port: 80, targetPort: 'web', protocol: 'TCP', nodePort: expect.any(Number) });
    expect(run('kubectl expose svc nginx --name=nginx-2 --port=80,8080 --dry-run=client -o jsonpath={.spec.ports[*].name}').out).toBe('port-1 port-2');
    expect(run('kubectl expose svc nginx --name=x --session-affinity=Sticky')).toMatchObject({ err: 'error: unknown session affinity: Sticky\n', code: 1 });
    expect(run('kubectl expose svc nginx --name=x --selector=app')).toMatchObject({ err: 'error: unexpected label spec: app\n', code: 1 });
    expect(run('kubectl expose svc nginx --name=x --port=eighty')).toMatchObject({ err: 'error: strconv.Atoi: parsing "eighty": invalid syntax\n', code: 1 });
    expect(c.store.get('Service', 'default', 'x')).toBeUndefined();
  });

  it('goes on after an object it cannot expose, and reports the errors at the end', () => {
    const { c, run } = cluster();
    const r = run('kubectl expose pod nope nginx-web-0 --port=80');
    expect(r).toEqual({ out: 'service/nginx-web-0 exposed\n', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(c.store.get('Service', 'default', 'nginx-web-0')).toBeDefined();
    expect(run('kubectl expose')).toMatchObject({ err: expect.stringMatching(/^error: You must provide one or more resources by argument or filename\./), code: 1 });
    expect(run('kubectl expose cm kube-root-ca.crt')).toMatchObject({ err: 'error: cannot expose a ConfigMap\n', code: 1 });
  });

  it('exposes the objects of -f FILE as the file holds them (the API server is not asked for them)', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c, { terminal: true });
    s.exec('kubectl apply -f -', SEED_MANIFEST);
    c.settle(600_000);
    s.exec('kubectl get pod nginx-web-2 -o yaml > pod.yaml');
    s.exec('kubectl label pod nginx-web-2 tier=web');
    expect(s.exec('kubectl expose -f pod.yaml --port=80 --name=from-file').output).toEqual([{ stream: 'out', text: 'service/from-file exposed\n' }]);
    // The label added after the file was written is not in the file, so not in the selector.
    const svc = c.store.get('Service', 'default', 'from-file') as Service;
    expect(svc.spec?.selector?.['statefulset.kubernetes.io/pod-name']).toBe('nginx-web-2');
    expect(svc.spec?.selector).not.toHaveProperty('tier');
    // A headless Service of an object without ports has no ports field at all.
    s.exec('kubectl run solo --image=busybox --restart=Never -- sleep 3600');
    s.exec('kubectl expose pod solo --cluster-ip=None');
    expect(c.store.get('Service', 'default', 'solo')?.spec).not.toHaveProperty('ports');
  });

  it('keeps what the first object filled in for the next ones, as kubectl\'s one options struct does', () => {
    const { c, run } = cluster();
    expect(run('kubectl expose pod nginx-web-1 nginx-web-2').out).toBe('service/nginx-web-1 exposed\nservice/nginx-web-2 exposed\n');
    // The second Service is named after its pod but selects the first pod (checked against kubectl 1.33).
    const second = c.store.get('Service', 'default', 'nginx-web-2') as Service;
    expect(second.spec?.selector?.['statefulset.kubernetes.io/pod-name']).toBe('nginx-web-1');
    expect(second.metadata?.labels?.['statefulset.kubernetes.io/pod-name']).toBe('nginx-web-1');
  });
});
