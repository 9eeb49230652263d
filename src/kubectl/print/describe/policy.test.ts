import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../engine/cluster.ts';
import type { JsonMap, PodDisruptionBudget } from '../../../engine/api/types.ts';
import { kc, testCluster } from '../../testing.ts';

const lines = (...l: string[]): string => [...l, ''].join('\n');

function budget(c: Cluster, name: string, spec: JsonMap, status?: JsonMap): PodDisruptionBudget {
  const r = c.store.create('PodDisruptionBudget', { metadata: { name, namespace: 'default' }, spec });
  if (!r.ok) throw new Error(r.status.message);
  if (!status) return r.object;
  // The disruption controller's write, through the status subresource.
  const s = c.store.update('PodDisruptionBudget', { ...r.object, status: { ...r.object.status, ...status } } as PodDisruptionBudget, { subresource: 'status', trusted: true });
  if (!s.ok) throw new Error(s.status.message);
  return s.object;
}

describe('describe pdb', () => {
  it('matches the PodDisruptionBudgetDescriber layout: the bound, the selector, the counts under Status, events', () => {
    const c = testCluster();
    const pdb = budget(c, 'web', { minAvailable: 2, selector: { matchLabels: { app: 'nginx' } } },
      { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expect(kc(c, 'describe pdb web').out).toBe(lines(
      'Name:           web',
      'Namespace:      default',
      'Min available:  2',
      'Selector:       app=nginx',
      'Status:',
      '    Allowed disruptions:  1',
      '    Current:              3',
      '    Desired:              2',
      '    Total:                3',
      'Events:                   <none>',
    ));
    c.event({ object: pdb, type: 'Normal', reason: 'NoPods', message: 'No matching pods found', component: 'controllermanager' });
    c.advance(30_000);
    expect(kc(c, 'describe poddisruptionbudgets web').out).toContain(lines(
      '    Total:                3',
      'Events:',
      '  Type    Reason  Age   From               Message',
      '  ----    ------  ----  ----               -------',
      '  Normal  NoPods  30s   controllermanager  No matching pods found',
    ));
    expect(kc(c, 'describe pdb web --show-events=false').out).toMatch(/ {4}Total: {16}3\n$/);
  });

  it('prints maxUnavailable, set-based selectors, <none> for an empty selector and <unset> for none', () => {
    const c = testCluster();
    budget(c, 'half', { maxUnavailable: '50%', selector: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b', 'a'] }, { key: 'canary', operator: 'DoesNotExist' }] } });
    budget(c, 'all', { maxUnavailable: 0, selector: {} });
    budget(c, 'none', { minAvailable: '100%' });
    expect(kc(c, 'describe pdb half').out).toBe(lines(
      'Name:             half',
      'Namespace:        default',
      'Max unavailable:  50%',
      'Selector:         app=db,!canary,tier notin (a,b)',
      'Status:',
      '    Allowed disruptions:  0',
      '    Current:              0',
      '    Desired:              0',
      '    Total:                0',
      'Events:                   <none>',
    ));
    expect(kc(c, 'describe pdb all').out).toContain('Max unavailable:  0\nSelector:         <none>\n');
    expect(kc(c, 'describe pdb none').out).toContain('Min available:  100%\nSelector:       <unset>\n');
  });
});
