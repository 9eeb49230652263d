import { describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/types.ts';
import { runKubectl } from '../index.ts';
import { put, testCluster, webPod } from '../testing.ts';

describe('wait', () => {
  it('reports condition met at once when already true', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    expect(runKubectl('wait --for=condition=Ready pod/web-0', c)).toEqual({ output: [{ stream: 'out', text: 'pod/web-0 condition met\n' }], exitCode: 0 });
  });
  it('streams until the condition holds, or times out', () => {
    const c = testCluster();
    const p = put(c, 'Pod', webPod(0, { wallMs: c.wallNow(), ready: false })) as Pod;
    const r = runKubectl('wait --for=condition=Ready pod/web-0 --timeout=10s', c);
    expect(r.stream!.deadline).toBe(10_000);
    c.store.update('Pod', { ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True' }] } }, { subresource: 'status' });
    expect(r.stream!.poll()).toEqual({ output: [{ stream: 'out', text: 'pod/web-0 condition met\n' }], done: true, exitCode: 0 });
    put(c, 'Pod', webPod(1, { wallMs: c.wallNow(), ready: false }));
    const t = runKubectl('wait --for=condition=Ready pod/web-1', c);
    c.advance(30_000);
    expect(t.stream!.poll()).toEqual({ output: [{ stream: 'err', text: 'error: timed out waiting for the condition on pods/web-1\n' }], done: true, exitCode: 1 });
  });
  it('--for=delete', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    const r = runKubectl('wait --for=delete pod/web-0', c);
    c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    expect(r.stream!.poll().output).toEqual([{ stream: 'out', text: 'pod/web-0 condition met\n' }]);
  });
});
