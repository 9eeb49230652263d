// kubectl top: the kind cluster serves no metrics API (no metrics-server), which kubectl reports after checking
// its arguments and flags.
import { describe, expect, it } from 'vitest';
import { kc, testCluster } from '../testing.ts';

describe('kubectl top', () => {
  it('says the Metrics API is not available, for pods and nodes under any of their names', () => {
    const c = testCluster();
    for (const args of ['top pod', 'top pods -A', 'top po web-0 --containers', 'top node', 'top nodes --sort-by=cpu', 'top no kind-worker']) {
      expect(kc(c, args)).toEqual({ out: '', err: 'error: Metrics API not available\n', code: 1 });
    }
  });

  it('checks its arguments and flags first, with kubectl\'s texts', () => {
    const c = testCluster();
    expect(kc(c, 'top pod --sort-by=CPU').err).toBe('error: --sort-by accepts only cpu or memory\n');
    expect(kc(c, 'top pod web-0 -l app=web').err).toBe('error: only one of NAME or selector can be provided\n');
    expect(kc(c, 'top node kind-worker -l a=b').err).toBe('error: only one of NAME or --selector can be provided\n');
    expect(kc(c, 'top pods a b').err).toBe("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n");
    expect(kc(c, 'top pod --show-capacity').err).toBe("error: unknown flag: --show-capacity\nSee 'kubectl top pod --help' for usage.\n");
  });
});
