import { describe, expect, it } from 'vitest';
import { appendChunks, initialTerminal, pushHistory, SCROLLBACK } from './terminal.ts';

describe('terminal slice', () => {
  it('splits chunks into lines and keeps the stream', () => {
    const t = appendChunks(initialTerminal(), [{ stream: 'out', text: 'a\nb\n' }, { stream: 'err', text: 'oops\n' }, { stream: 'out', text: '\n' }]);
    expect(t.lines.map((l) => [l.kind, l.text])).toEqual([['out', 'a'], ['out', 'b'], ['err', 'oops'], ['out', '']]);
    expect(new Set(t.lines.map((l) => l.id)).size).toBe(4);
  });

  it('caps the scrollback', () => {
    const t = appendChunks(initialTerminal(), [{ stream: 'out', text: 'x\n'.repeat(SCROLLBACK + 10) }]);
    expect(t.lines).toHaveLength(SCROLLBACK);
  });

  it('collapses consecutive duplicate history entries and ignores blank lines', () => {
    let t = pushHistory(initialTerminal(), 'get pods');
    t = pushHistory(t, 'get pods');
    t = pushHistory(t, '  ');
    t = pushHistory(t, 'get sts');
    expect(t.history).toEqual(['get pods', 'get sts']);
  });
});
