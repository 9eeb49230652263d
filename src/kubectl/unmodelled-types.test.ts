// A resource type a real 1.35 cluster serves but the simulation does not model gets the simulator's notice, not
// kubectl's "doesn't have a resource type", which would say a real cluster lacks it too.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import { kc } from './testing.ts';

describe('resource types a real cluster serves that the simulation does not model', () => {
  const c = Cluster.create({ freeze: true });

  it.each([
    ['get roles -A', '"roles" (Role, rbac.authorization.k8s.io/v1)'],
    ['get hpa', '"hpa" (HorizontalPodAutoscaler, autoscaling/v2)'],
    ['get jobs.batch', '"jobs.batch" (Job, batch/v1)'],
    ['describe ingress web', '"ingress" (Ingress, networking.k8s.io/v1)'],
    ['delete networkpolicy deny-all', '"networkpolicy" (NetworkPolicy, networking.k8s.io/v1)'],
    ['get lease -n kube-system', '"lease" (Lease, coordination.k8s.io/v1)'],
    ['events --for cronjob/nightly', '"cronjob" (CronJob, batch/v1)'],
  ])('kubectl %s says it is not available here', (args, what) => {
    expect(kc(c, args)).toEqual({ out: '', err: `error: ${what} is not available in this simulated cluster\n`, code: 1 });
  });

  it('leaves kubectl\'s own error for a type no cluster serves', () => {
    expect(kc(c, 'get foos').err).toBe('error: the server doesn\'t have a resource type "foos"\n');
    expect(kc(c, 'get rolez').err).toBe('error: the server doesn\'t have a resource type "rolez"\n');
  });

  it('says so for a manifest of such a kind, and sends nothing', () => {
    const r = kc(c, 'apply -f -', { stdin: 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n' });
    expect(r.err).toBe('error: HorizontalPodAutoscaler (autoscaling/v1) is not available in this simulated cluster: "web" from "STDIN" was not sent\n');
  });
});
