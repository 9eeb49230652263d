// The disruption controller and the Eviction API's budget check: a PodDisruptionBudget's status follows its pods,
// an eviction takes one allowed disruption or is refused with 429, and drain retries a refused eviction every 5 s.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { PodDisruptionBudget } from '../api/types.ts';
import { runKubectl } from '../../kubectl/index.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { podFault } from '../faults.ts';

// The seed set (3 replicas, one per worker), settled, with a budget over its pods.
function withBudget(spec: PodDisruptionBudget['spec']): Cluster {
  const c = Cluster.create({ seed: 2, freeze: true });
  runKubectl('apply -f -', c, { stdin: SEED_MANIFEST });
  c.settle();
  const r = c.store.create('PodDisruptionBudget', { metadata: { name: 'web', namespace: 'default' }, spec });
  if (!r.ok) throw new Error(r.status.message);
  c.advance(1000);
  return c;
}
const status = (c: Cluster) => c.store.get('PodDisruptionBudget', 'default', 'web')!.status!;
const counts = (c: Cluster) => { const s = status(c); return [s.currentHealthy, s.desiredHealthy, s.expectedPods, s.disruptionsAllowed]; };
const sel = { matchLabels: { app: 'nginx' } };

describe('disruption controller', () => {
  it('minAvailable as a number: expected pods are the matching pods; one disruption allowed of three', () => {
    const c = withBudget({ minAvailable: 2, selector: sel });
    expect(counts(c)).toEqual([3, 2, 3, 1]);
    expect(status(c).conditions).toEqual([{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: expect.any(String), reason: 'SufficientPods', message: '' }]);
    expect(status(c).observedGeneration).toBe(1);
  });

  it('maxUnavailable and percentages count the StatefulSet\'s replicas, rounding up', () => {
    expect(counts(withBudget({ maxUnavailable: 1, selector: sel }))).toEqual([3, 2, 3, 1]);
    expect(counts(withBudget({ maxUnavailable: '50%', selector: sel }))).toEqual([3, 1, 3, 2]);
    expect(counts(withBudget({ minAvailable: '50%', selector: sel }))).toEqual([3, 2, 3, 1]);
    expect(counts(withBudget({ minAvailable: '100%', selector: sel }))).toEqual([3, 3, 3, 0]);
  });

  it('follows the pods: an unready pod is not healthy, and no disruption is allowed', () => {
    const c = withBudget({ minAvailable: 2, selector: sel });
    expect(podFault(c, 'default', 'nginx-web-1', 'unready')).toBeNull();
    c.advance(15_000);
    expect(counts(c)).toEqual([2, 2, 3, 0]);
    expect(status(c).conditions![0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    podFault(c, 'default', 'nginx-web-1', 'ready');
    c.advance(15_000);
    expect(counts(c)).toEqual([3, 2, 3, 1]);
  });

  it('a budget that matches nothing says so with a NoPods event', () => {
    const c = Cluster.create({ seed: 2, freeze: true });
    c.store.create('PodDisruptionBudget', { metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'none' } } } });
    c.advance(1000);
    expect(counts(c)).toEqual([0, 1, 0, 0]);
    const ev = c.store.list('Event', 'default').find((e) => e.reason === 'NoPods')!;
    expect([ev.type, ev.message, ev.source?.component, ev.involvedObject.kind]).toEqual(['Normal', 'No matching pods found', 'controllermanager', 'PodDisruptionBudget']);
  });
});

describe('the Eviction API and a disruption budget', () => {
  it('takes one allowed disruption, notes the pod as disrupted, then refuses with 429 and the budget\'s numbers', () => {
    const c = withBudget({ minAvailable: 2, selector: sel });
    expect(c.store.evict('default', 'nginx-web-2').ok).toBe(true);
    expect(status(c).disruptionsAllowed).toBe(0);
    expect(Object.keys(status(c).disruptedPods ?? {})).toEqual(['nginx-web-2']);
    expect(status(c).conditions![0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    const r = c.store.evict('default', 'nginx-web-1');
    expect(r.ok ? null : [r.status.code, r.status.reason, r.status.message, r.status.details?.causes?.[0].message]).toEqual([
      429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", 'The disruption budget web needs 2 healthy pods and has 3 currently',
    ]);
    expect(c.store.get('Pod', 'default', 'nginx-web-1')!.metadata!.deletionTimestamp).toBeUndefined();
  });

  it('a dry run checks the budget and takes nothing', () => {
    const c = withBudget({ minAvailable: 2, selector: sel });
    expect(c.store.evict('default', 'nginx-web-2', { dryRun: true }).ok).toBe(true);
    expect(status(c).disruptionsAllowed).toBe(1);
    const z = withBudget({ minAvailable: 3, selector: sel });
    expect(z.store.evict('default', 'nginx-web-2', { dryRun: true }).ok).toBe(false);
  });

  it('a budget whose spec the controller has not seen yet refuses, as still being processed', () => {
    const c = withBudget({ minAvailable: 1, selector: sel });
    // The spec changes (generation 2); until the controller's next sync, the status speaks of generation 1.
    runKubectl(['patch', 'pdb', 'web', '--type', 'merge', '-p', '{"spec":{"minAvailable":2}}'], c);
    expect(c.store.get('PodDisruptionBudget', 'default', 'web')!.metadata!.generation).toBe(2);
    const r = c.store.evict('default', 'nginx-web-2');
    expect(r.ok ? '' : r.status.details?.causes?.[0].message).toBe('The disruption budget web is still being processed by the server.');
    c.advance(1000);
    expect(c.store.evict('default', 'nginx-web-2').ok).toBe(true);
  });

  it('two budgets over one pod: the eviction subresource does not support it', () => {
    const c = withBudget({ minAvailable: 1, selector: sel });
    c.store.create('PodDisruptionBudget', { metadata: { name: 'other', namespace: 'default' }, spec: { maxUnavailable: 1, selector: sel } });
    const r = c.store.evict('default', 'nginx-web-2');
    expect(r.ok ? '' : [r.status.code, r.status.message]).toEqual([500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
  });
});

describe('drain against a disruption budget', () => {
  it('asks again every 5 s while the budget refuses, and goes on once a disruption is allowed', () => {
    const c = withBudget({ minAvailable: 3, selector: sel });
    const node = c.store.get('Pod', 'default', 'nginx-web-0')!.spec!.nodeName!;
    const r = runKubectl(`drain ${node} --ignore-daemonsets`, c);
    const refused = `error when evicting pods/"nginx-web-0" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    expect(r.output.filter((o) => o.stream === 'err').map((o) => o.text).join('')).toContain(refused);
    const s = r.stream!;
    expect(s.deadline).toBe(c.now + 5000);
    c.advance(5000);
    const again = s.poll();
    expect(again.output.map((o) => o.text).join('')).toBe(`evicting pod default/nginx-web-0\n${refused}`);
    // The budget is lowered: the next try goes through, and drain waits for the pod to be gone.
    const u = runKubectl(['patch', 'pdb', 'web', '--type', 'merge', '-p', '{"spec":{"minAvailable":2}}'], c);
    expect(u.output).toEqual([{ stream: 'out', text: 'poddisruptionbudget.policy/web patched\n' }]);
    let out = '';
    for (let i = 0, done = false; i < 200 && !done; i++) {
      c.advance(100);
      const p = s.poll();
      out += p.output.map((o) => o.text).join('');
      done = p.done;
    }
    expect(out).toMatch(/evicting pod default\/nginx-web-0\npod\/nginx-web-0 evicted\nnode\/kind-worker\d? drained\n$/);
  });

  it('with --timeout, a pod still refused notices the timeout at its next try: the try\'s line, then the error', () => {
    const c = withBudget({ minAvailable: 3, selector: sel });
    const node = c.store.get('Pod', 'default', 'nginx-web-0')!.spec!.nodeName!;
    const start = c.now;
    const r = runKubectl(`drain ${node} --ignore-daemonsets --timeout=12s`, c);
    const s = r.stream!;
    let out = r.output.filter((o) => o.stream === 'out').map((o) => o.text).join('');
    let err = '';
    let end = 0;
    for (let i = 0; i < 100 && !end; i++) {
      c.advance(s.deadline! - c.now);
      const p = s.poll();
      out += p.output.filter((o) => o.stream === 'out').map((o) => o.text).join('');
      err += p.output.filter((o) => o.stream === 'err').map((o) => o.text).join('');
      if (p.done) end = c.now;
    }
    // Tries at 0, 5 and 10 s are refused; the one at 15 s is past the 12 s timeout.
    expect(out.split('\n').filter((l) => l === 'evicting pod default/nginx-web-0').length).toBe(4);
    expect(end - start).toBe(15_000);
    expect(err).toContain('There are pending pods in node');
    expect(err.endsWith('error when evicting pods/"nginx-web-0" -n "default": global timeout reached: 12s\n')).toBe(true);
  });
});
