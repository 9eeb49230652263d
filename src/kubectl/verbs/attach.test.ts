// kubectl attach without -i: what the container's process writes from now on (nginx's log of each request), until
// Ctrl-C or the process ends; refused as exec is by a kubelet that is down or a container that is not running.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { Session } from '../../scenario/session.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import type { KubectlStream, OutputChunk } from '../types.ts';

const show = (o: readonly OutputChunk[]): string => o.map((c) => (c.stream === 'out' ? c.text : `[err]${c.text}`)).join('');

function seeded(): { c: Cluster; s: Session } {
  const c = Cluster.create({ seed: 1 });
  const s = new Session(c, { terminal: true });
  s.exec('kubectl apply -f -', SEED_MANIFEST);
  c.settle();
  return { c, s };
}

describe('kubectl attach without -i', () => {
  it('follows what the process writes from now on, not what it wrote before, until the process ends', () => {
    const { c, s } = seeded();
    s.useTty(1).exec('kubectl exec nginx-web-1 -- curl -s nginx-web-0.nginx');
    const a = s.useTty(0).exec('kubectl attach nginx-web-0');
    expect(show(a.output)).toBe('');
    const st = a.stream as KubectlStream;
    expect(st.endless).toBe(true);
    expect(show(st.poll().output)).toBe('');
    s.useTty(1).exec('kubectl exec nginx-web-1 -- curl -s nginx-web-0.nginx/x');
    const p = st.poll();
    expect(show(p.output)).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[error\] \d+#\d+: \*2 open\(\) "\/usr\/share\/nginx\/html\/x" failed .*\n.* "GET \/x HTTP\/1\.1" 404 153 "-" "curl\/8\.14\.1" "-"\n$/);
    expect(p.done).toBe(false);
    // The pod goes: its process ends, and so does attach (the StatefulSet's new nginx-web-0 is another process).
    s.useTty(1).exec('kubectl delete pod nginx-web-0 --wait=false');
    c.settle();
    const end = st.poll();
    expect(end.done).toBe(true);
    expect(end.exitCode).toBe(0);
  });

  it('says so for a container whose output is not modelled, and is refused by a container that is not running', () => {
    const { c, s } = seeded();
    s.exec(`kubectl run box --image=busybox:1.36 -- sh -c 'tail -f /dev/null'`);
    s.exec('kubectl run typo --image=nginx:no-such-tag');
    c.advance(10_000);
    const box = s.exec('kubectl attach box');
    expect(show(box.output)).toBe('[err][simulated cluster] what container "box" writes is not modelled (only the nginx images\' logs and commands the simulator runs are)\n');
    box.stream?.cancel();
    expect(show(s.exec('kubectl attach typo').output)).toBe('[err]error: unable to upgrade connection: container not found ("typo")\n');
  });
});
