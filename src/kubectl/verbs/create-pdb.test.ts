// kubectl create poddisruptionbudget: the generated budget (struct order for json, the last-applied annotation),
// sent through the API server (its validation wrapped in kubectl's words), and kubectl's own checks, in 1.35's texts.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

describe('kubectl create poddisruptionbudget', () => {
  it('creates the budget under either name; a second create is AlreadyExists', () => {
    const c = testCluster();
    expect(kc(c, 'create poddisruptionbudget my-pdb --selector=app=rails --min-available=1')).toEqual({ out: 'poddisruptionbudget.policy/my-pdb created\n', err: '', code: 0 });
    expect(c.store.get('PodDisruptionBudget', 'default', 'my-pdb')).toMatchObject({
      metadata: { generation: 1 }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'rails' } } },
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    });
    expect(kc(c, 'create pdb my-pdb --selector=app=rails --max-unavailable=50%')).toEqual({
      out: '', err: 'error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "my-pdb" already exists\n', code: 1,
    });
    expect(kc(c, 'create pdb other --selector=app=web --max-unavailable=50% -o name').out).toBe('poddisruptionbudget.policy/other\n');
    expect(c.store.get('PodDisruptionBudget', 'default', 'other')!.spec).toEqual({ maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } });
  });

  it('prints the generated object on a client dry run and creates nothing', () => {
    const c = testCluster();
    expect(kc(c, 'create pdb my-pdb --selector=app=rails --min-available=1 --dry-run=client -o yaml').out).toBe(
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: my-pdb\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: rails\n' +
      'status:\n  currentHealthy: 0\n  desiredHealthy: 0\n  disruptionsAllowed: 0\n  expectedPods: 0\n');
    expect(kc(c, 'create pdb my-pdb --selector=app=rails --max-unavailable=2 --dry-run=client -o json -n demo').out).toBe(
      '{\n    "kind": "PodDisruptionBudget",\n    "apiVersion": "policy/v1",\n    "metadata": {\n        "name": "my-pdb",\n        "namespace": "demo"\n    },\n' +
      '    "spec": {\n        "selector": {\n            "matchLabels": {\n                "app": "rails"\n            }\n        },\n        "maxUnavailable": 2\n    },\n' +
      '    "status": {\n        "disruptionsAllowed": 0,\n        "currentHealthy": 0,\n        "desiredHealthy": 0,\n        "expectedPods": 0\n    }\n}\n');
    expect(kc(c, 'create pdb my-pdb --selector=app=rails --min-available=1 --dry-run=client').out).toBe('poddisruptionbudget.policy/my-pdb created (dry run)\n');
    expect(kc(c, 'create pdb my-pdb --selector=app=rails --min-available=1 --dry-run=server').out).toBe('poddisruptionbudget.policy/my-pdb created (server dry run)\n');
    expect(c.store.get('PodDisruptionBudget', 'default', 'my-pdb')).toBeUndefined();
  });

  it('turns set-based requirements into sorted matchExpressions and stores the typed JSON with --save-config', () => {
    const c = testCluster();
    expect(kc(c, ['create', 'pdb', 'p', '--selector=tier in (web,cache),!canary,app=x', '--min-available=2', '--save-config']).code).toBe(0);
    const pdb = c.store.get('PodDisruptionBudget', 'default', 'p')!;
    expect(pdb.spec!.selector).toEqual({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['cache', 'web'] }, { key: 'canary', operator: 'DoesNotExist' }] });
    expect(pdb.metadata!.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"p"},"spec":{"minAvailable":2,' +
        '"selector":{"matchLabels":{"app":"x"},"matchExpressions":[{"key":"tier","operator":"In","values":["cache","web"]},{"key":"canary","operator":"DoesNotExist"}]}},' +
        '"status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}\n',
    });
  });

  it('checks NAME, then its own rules in order, then the selector', () => {
    const c = testCluster();
    const usage = "\nSee 'kubectl create poddisruptionbudget -h' for help and examples\n";
    expect(kc(c, 'create pdb --selector=a=b --min-available=1')).toEqual({ out: '', err: `error: exactly one NAME is required, got 0${usage}`, code: 1 });
    expect(kc(c, ['create', 'pdb', '', '--selector=a=b']).err).toBe('error: name must be specified\n');
    expect(kc(c, 'create pdb x --min-available=1 --max-unavailable=1').err).toBe('error: a selector must be specified\n');
    expect(kc(c, 'create pdb x --selector=a=b').err).toBe('error: one of min-available or max-unavailable must be specified\n');
    expect(kc(c, 'create pdb x --selector=a=b --min-available=1 --max-unavailable=1').err).toBe('error: min-available and max-unavailable cannot be both specified\n');
    expect(kc(c, 'create pdb x --selector=a=b --min-available=10Gb').err).toBe('error: invalid format specified for min-available\n');
    expect(kc(c, 'create pdb x --selector=a=b --max-unavailable=-1').err).toBe('error: invalid format specified for max-unavailable\n');
    expect(kc(c, 'create pdb x --selector=a!=b --min-available=1').err).toBe('error: "!=" is not a valid label selector operator\n');
    expect(kc(c, 'create pdb x --selector=a=b --min-available=1 --dry-run=bogus').err).toBe('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
  });

  it('leaves the range to the API server, whose refusal kubectl wraps', () => {
    const c = testCluster();
    expect(kc(c, 'create pdb x --selector=a=b --min-available=150%').err).toBe(
      'error: failed to create poddisruptionbudgets: PodDisruptionBudget.policy "x" is invalid: spec.minAvailable: Invalid value: "150%": must not be greater than 100%\n');
    expect(kc(c, 'create pdb x --selector=a=b --max-unavailable=99999999999999999999').err).toMatch(
      /^error: failed to create poddisruptionbudgets: PodDisruptionBudget.policy "x" is invalid: spec.maxUnavailable: Invalid value: "99999999999999999999": a valid percent string/);
    expect(kc(c, 'create pdb x --selector=a=b --min-available=1 -n nowhere').err).toBe('error: failed to create poddisruptionbudgets: namespaces "nowhere" not found\n');
  });
});
