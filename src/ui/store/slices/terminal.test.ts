import { describe, expect, it } from 'vitest';
import { appendChunks, followEditor, initialTerminal, pushHistory, SCROLLBACK } from './terminal.ts';

describe('terminal slice', () => {
  it('splits chunks into lines and keeps the stream', () => {
    const t = appendChunks(initialTerminal(), [{ stream: 'out', text: 'a\nb\n' }, { stream: 'err', text: 'oops\n' }, { stream: 'out', text: '\n' }]);
    expect(t.lines.map((l) => [l.kind, l.text])).toEqual([['out', 'a'], ['out', 'b'], ['err', 'oops'], ['out', '']]);
    expect(new Set(t.lines.map((l) => l.id)).size).toBe(4);
  });

  it('continues a line the same command left open (a --template without newline, then echo), and no other', () => {
    let t = appendChunks(initialTerminal(), [{ stream: 'out', text: 'img-a', id: 3 }, { stream: 'out', text: '\n', id: 3 }, { stream: 'out', text: 'img-b', id: 3 }]);
    t = appendChunks(t, [{ stream: 'out', text: '\nlast', id: 3 }]);
    expect(t.lines.map((l) => l.text)).toEqual(['img-a', 'img-b', 'last']);
    expect(t.lines.at(-1)!.open).toBe(true);
    // Another command, or another stream, starts a line of its own.
    t = appendChunks(t, [{ stream: 'cmd', text: '$ next\n', id: 4 }, { stream: 'out', text: 'x', id: 4 }, { stream: 'err', text: 'e\n', id: 4 }]);
    expect(t.lines.map((l) => l.text)).toEqual(['img-a', 'img-b', 'last', '$ next', 'x', 'e']);
    expect(t.lines.map((l) => l.open)).toEqual([undefined, undefined, true, undefined, true, undefined]);
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
    expect(open.editor).toEqual({ id: 4, ...file, program: 'kubectl edit', seq: 1, closing: false });
    expect(followEditor(open, 5, undefined)).toBe(open);
    const again = followEditor({ ...open, editor: { ...open.editor!, closing: true } }, 4, { ...file, text: '# not valid\n' });
    expect(again.editor).toEqual({ id: 4, file: file.file, text: '# not valid\n', program: 'kubectl edit', seq: 2, closing: false });
    expect(followEditor(again, 4, undefined).editor).toBeUndefined();
    // A local file opened by vi names its program.
    expect(followEditor(initialTerminal(), 6, { file: 'web.yaml', text: '', program: 'vi' }).editor).toMatchObject({ file: 'web.yaml', program: 'vi' });
  });
});
