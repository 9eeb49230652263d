import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { eventLines, testPod } from './kubelet/fixtures.ts';
import { nodeAction, podFault } from './faults.ts';

function running() {
  const c = Cluster.create({ seed: 11, freeze: true });
  c.store.create('Pod', testPod('web-0', { node: 'kind-worker' }));
  c.advance(5_000);
  return c;
}
const pod = (c: Cluster) => c.store.get('Pod', 'default', 'web-0')!;

describe('faults', () => {
  it('reports unknown pods and nodes and changes nothing', () => {
    const c = running();
    const rv = c.state.store.resourceVersion;
    expect(podFault(c, 'default', 'nope', 'crash')).toBe('pods "nope" not found');
    expect(nodeAction(c, 'kind-worker9', 'down')).toBe('nodes "kind-worker9" not found');
    expect(c.state.store.resourceVersion).toBe(rv);
  });

  it('unready then ready: Ready False with an Unhealthy event, then True again', () => {
    const c = running();
    expect(podFault(c, 'default', 'web-0', 'unready')).toBeNull();
    expect(pod(c).status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('False');
    expect(eventLines(c, 'web-0').at(-1)).toMatch(/Warning Unhealthy \[kubelet\]: Readiness probe failed: HTTP probe failed with statuscode: 503$/);
    podFault(c, 'default', 'web-0', 'ready');
    expect(pod(c).status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('True');
    expect(c.state.trace.filter((t) => t.type === 'user.fault').map((t) => t.detail?.fault)).toEqual(['unready', 'ready']);
  });

  it('crash: terminated Error exit 1, restarted with a restart count', () => {
    const c = running();
    podFault(c, 'default', 'web-0', 'crash');
    const cs = pod(c).status!.containerStatuses![0];
    expect([cs.state?.terminated?.reason, cs.state?.terminated?.exitCode]).toEqual(['Error', 1]);
    c.advance(5_000);
    const after = pod(c).status!.containerStatuses![0];
    expect([after.restartCount, !!after.state?.running, after.lastState?.terminated?.exitCode]).toEqual([1, true, 1]);
  });

  it('fail: phase Failed', () => {
    const c = running();
    podFault(c, 'default', 'web-0', 'fail');
    expect(pod(c).status!.phase).toBe('Failed');
  });

  it('evict: Failed/Evicted with the memory-pressure message and a DisruptionTarget', () => {
    const c = running();
    podFault(c, 'default', 'web-0', 'evict');
    const st = pod(c).status!;
    expect([st.phase, st.reason]).toEqual(['Failed', 'Evicted']);
    expect(st.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container nginx was using \d+Ki, request is 0, has larger consumption of memory\. $/);
    expect(st.conditions![0]).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet' });
  });
});
