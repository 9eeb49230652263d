import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancel, emptyTimerState, nextForeground, pop, schedule } from './timers.ts';

describe('timer queue', () => {
  it('the next foreground work skips background and superseded timers, whether or not the top is one', () => {
    const st = emptyTimerState();
    expect(nextForeground(st)).toBeUndefined();
    schedule(st, 50, 'a/x', '1');
    expect(nextForeground(st)).toBe(50);
    schedule(st, 10, 'b/heartbeat', 'n', true, true);
    expect(nextForeground(st)).toBe(50);
    schedule(st, 5, 'c/x', '1');
    expect(nextForeground(st)).toBe(5);
    cancel(st, 'c/x', '1');
    expect(nextForeground(st)).toBe(50);
  });

  it('agrees with a scan of the live timers, through random schedules, cancels and pops', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('add' as const), at: fc.integer({ min: 0, max: 50 }), key: fc.constantFrom('a', 'b', 'c', 'd'), bg: fc.boolean(), dedup: fc.boolean() }),
      fc.record({ t: fc.constant('cancel' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({ t: fc.constant('pop' as const) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const st = emptyTimerState();
      for (const o of ops) {
        if (o.t === 'add') schedule(st, o.at, o.bg ? 'k/bg' : 'k/fg', o.key, o.dedup, o.bg);
        else if (o.t === 'cancel') { cancel(st, 'k/fg', o.key); cancel(st, 'k/bg', o.key); }
        else pop(st);
        // The scan: every live foreground timer (a deduplicated one is live while it is the pending one).
        const live = st.heap.filter((t) => !t.background && (!t.dedup || st.pending.get(`${t.kind}\u0000${t.key}`) === t.at));
        const want = live.length ? Math.min(...live.map((t) => t.at)) : undefined;
        expect(nextForeground(st)).toBe(want);
      }
    }), { numRuns: 300 });
  });
});
