import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';

describe('the token cleaner', () => {
  it("deletes kind's bootstrap token when it expires after 24 hours, and its signature leaves cluster-info", () => {
    const c = Cluster.create({ seed: 1, freeze: true, checks: true });
    const info = () => Object.keys(c.store.get('ConfigMap', 'kube-public', 'cluster-info')!.data ?? {});
    expect(info()).toEqual(['jws-kubeconfig-abcdef', 'kubeconfig']);
    c.advance(24 * 3_600_000 - 1);
    expect(c.store.get('Secret', 'kube-system', 'bootstrap-token-abcdef')).toBeDefined();
    c.advance(1);
    expect(c.store.get('Secret', 'kube-system', 'bootstrap-token-abcdef')).toBeUndefined();
    expect(info()).toEqual(['kubeconfig']);
    // Background work: nothing keeps the cluster busy before or after.
    expect(c.settle().settled).toBe(true);
  });

  it('deletes a token made already expired at once, and leaves other Secrets and a malformed expiration alone', () => {
    const c = Cluster.create({ seed: 1, freeze: true, checks: true });
    const s = new Session(c);
    s.exec('kubectl create secret generic bootstrap-token-old -n kube-system --type=bootstrap.kubernetes.io/token --from-literal=token-id=old --from-literal=token-secret=0123456789abcdef --from-literal=expiration=2025-01-01T00:00:00Z');
    s.exec('kubectl create secret generic bootstrap-token-bad -n kube-system --type=bootstrap.kubernetes.io/token --from-literal=expiration=soon');
    s.exec('kubectl create secret generic plain -n kube-system --from-literal=expiration=2025-01-01T00:00:00Z');
    c.advance(1);
    expect(c.store.get('Secret', 'kube-system', 'bootstrap-token-old')).toBeUndefined();
    expect(c.store.get('Secret', 'kube-system', 'bootstrap-token-bad')).toBeDefined();
    expect(c.store.get('Secret', 'kube-system', 'plain')).toBeDefined();
  });
});
