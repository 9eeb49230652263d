import { describe, expect, it } from 'vitest';
import type { KObject, Pod, StatefulSet } from '../../engine/api/types.ts';
import { Cluster } from '../../engine/cluster.ts';
import { kc, put, testCluster, webSet } from '../testing.ts';

// A StatefulSet `web` with two revisions, and a Service `nginx` (a kind no rollout helper handles).
function withWebAndService() {
  const c = testCluster();
  const s = put(c, 'StatefulSet', webSet()) as StatefulSet;
  put(c, 'Service', { metadata: { name: 'nginx', namespace: 'default' }, spec: { ports: [{ port: 80 }], clusterIP: 'None', selector: { app: 'nginx' } } } as KObject);
  const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: s.metadata!.uid!, controller: true, blockOwnerDeletion: true };
  const tpl = (image: string) => ({ spec: { template: { $patch: 'replace', ...webSet().spec!.template, spec: { containers: [{ ...webSet().spec!.template.spec!.containers[0], image }] } } } });
  c.store.create('ControllerRevision', { metadata: { name: 'web-1', namespace: 'default', ownerReferences: [owner] }, revision: 1, data: tpl('nginx:1') });
  c.store.create('ControllerRevision', { metadata: { name: 'web-2', namespace: 'default', ownerReferences: [owner] }, revision: 2, data: tpl('nginx:2') });
  return c;
}

const TABLE = 'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n';

describe('history and undo go on past an object that fails (the builder\'s ContinueOnError)', () => {
  it('history handles the other objects and reports the error at the end', () => {
    const c = withWebAndService();
    expect(kc(c, 'rollout history svc/nginx sts/web')).toEqual({ out: TABLE, err: 'error: no history viewer has been implemented for "Service"\n', code: 1 });
    expect(kc(c, 'rollout history sts/nope sts/web')).toEqual({ out: TABLE, err: 'Error from server (NotFound): statefulsets.apps "nope" not found\n', code: 1 });
  });
  it('undo rolls the StatefulSet back though the Service cannot be', () => {
    const c = withWebAndService();
    expect(kc(c, 'rollout undo svc/nginx sts/web')).toEqual({ out: 'statefulset.apps/web rolled back\n', err: 'error: no rollbacker has been implemented for {"" "Service"}\n', code: 1 });
    expect(c.store.get('StatefulSet', 'default', 'web')?.spec?.template.spec?.containers[0].image).toBe('nginx:1');
  });
  it('several errors are listed one per line, in the order met, with no `error: ` added (CheckErr\'s MultipleErrors)', () => {
    const c = withWebAndService();
    expect(kc(c, 'rollout history sts/nope svc/nginx sts/web').err).toBe('Error from server (NotFound): statefulsets.apps "nope" not found\nno history viewer has been implemented for "Service"\n');
  });
});

describe('restart, pause and resume', () => {
  it('a second restart within the same second names the object by its bare name', () => {
    const c = withWebAndService();
    expect(kc(c, 'rollout restart sts/web').out).toBe('statefulset.apps/web restarted\n');
    expect(kc(c, 'rollout restart sts/web').err).toBe('error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n');
  });
  it('among several errors the refusal keeps its own `error: `, the others get none; fetch errors come first', () => {
    const c = withWebAndService();
    kc(c, 'rollout restart sts/web');
    expect(kc(c, 'rollout restart svc/nginx sts/web').err).toBe('error: services "nginx" restarting is not supported\nfailed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n');
    expect(kc(c, 'rollout restart sts/web sts/nope').err).toBe('Error from server (NotFound): statefulsets.apps "nope" not found\nfailed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n');
  });
  it('take -o and --field-manager (PrintFlags, AddFieldManagerFlagVar) and print the patched object', () => {
    const c = withWebAndService();
    expect(kc(c, 'rollout restart sts/web -o name --field-manager=me')).toEqual({ out: 'statefulset.apps/web\n', err: '', code: 0 });
    c.advance(2000);
    expect(kc(c, 'rollout restart sts/web -o jsonpath={.spec.template.metadata.annotations}').out).toBe('{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:02Z"}');
    expect(kc(c, 'rollout pause sts/web -o name --field-manager=me').err).toBe('error: statefulsets.apps "web" pausing is not supported\n');
    expect(kc(c, 'rollout resume sts/web -o name --field-manager=me').err).toBe('error: statefulsets.apps "web" resuming is not supported\n');
  });
});

describe('rollout status takes a single resource type (the builder\'s SingleResourceType)', () => {
  it('refuses two types or `all` before fetching; TYPE/NAME of two types is two objects', () => {
    const c = withWebAndService();
    expect(kc(c, 'rollout status sts,svc').err).toBe('error: you may only specify a single resource type\n');
    expect(kc(c, 'rollout status all').err).toBe('error: you may only specify a single resource type\n');
    expect(kc(c, 'rollout status sts/web svc/nginx').err).toBe('error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n');
  });
});

describe('rollout status of a Deployment says only what DeploymentStatusViewer says (no pod warnings in 1.35)', () => {
  it('a stuck pod adds nothing to the waiting message', () => {
    const c = Cluster.create({ seed: 3, freeze: true });
    kc(c, 'delete pod -n kube-system -l k8s-app=kube-dns --wait=false');
    c.advance(100);
    const stuck = { state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } };
    for (const pod of c.store.list('Pod', 'kube-system').filter((p) => p.metadata?.labels?.['k8s-app'] === 'kube-dns') as Pod[]) {
      const statuses = (pod.status?.containerStatuses ?? [{ name: 'coredns', image: 'coredns', imageID: '', ready: false, restartCount: 0 }]).map((cs) => ({ ...cs, ...stuck }));
      expect(c.store.update('Pod', { ...pod, status: { ...pod.status!, containerStatuses: statuses } }, { subresource: 'status' }).ok).toBe(true);
    }
    expect(kc(c, 'rollout status deploy/coredns -n kube-system --watch=false').out)
      .toMatch(/^Waiting for deployment "coredns" rollout to finish: (0 out of 2 new replicas have been updated|\d of \d updated replicas are available)\.\.\.\n$/);
  });
});
