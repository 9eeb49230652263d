import { describe, expect, it } from 'vitest';
import { appendChunks, followEditor, initialTerminal, pushHistory, SCROLLBACK } from './terminal.ts';

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

  it("follows kubectl edit's editor by the command's id", () => {
    const file = { file: '/tmp/kubectl-edit-1.yaml', text: 'a: 1\n' };
    const open = followEditor(initialTerminal(), 4, file);
    expect(open.editor).toEqual({ id: 4, ...file, seq: 1, closing: false });
    expect(followEditor(open, 5, undefined)).toBe(open);
    const again = followEditor({ ...open, editor: { ...open.editor!, closing: true } }, 4, { ...file, text: '# not valid\n' });
    expect(again.editor).toEqual({ id: 4, file: file.file, text: '# not valid\n', seq: 2, closing: false });
    expect(followEditor(again, 4, undefined).editor).toBeUndefined();
  });
});
