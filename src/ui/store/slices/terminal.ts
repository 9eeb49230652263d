// Terminal slice: output lines (capped), command history, whether a streaming command is running, and the
// editor `kubectl edit` is waiting on.
import type { EditorFile, TerminalChunk } from '../../../protocol/messages.ts';
import type { OpenEditor, TerminalLine } from '../types.ts';

/** Lines kept in the terminal scrollback. */
export const SCROLLBACK = 2000;
/** Commands kept in the history. */
export const HISTORY_KEEP = 200;

export interface TerminalSlice {
  lines: readonly TerminalLine[];
  history: readonly string[];
  busy: boolean;
  /** Next line id. */
  nextId: number;
  /** The prompt of the interactive shell (`kubectl exec -it POD -- sh`) typed lines go to; absent: kubectl. */
  prompt?: string;
  /** The editor `kubectl edit` opened, while the command waits for it; the terminal takes no commands then. */
  editor?: OpenEditor;
}

export function initialTerminal(): TerminalSlice {
  return { lines: [], history: [], busy: false, nextId: 1 };
}

/** The app's terminals: the first (0) is always there; the second (1) is opened beside it, as a tutorial asks. */
export type Tty = 0 | 1;
/** Where terminal `tty`'s slice is in the store. */
export const ttyKey = (tty: number | undefined): 'terminal' | 'terminal2' => (tty === 1 ? 'terminal2' : 'terminal');

/** The open editor (one at a time, the app has one YAML tab) and the terminal whose command opened it, if any. */
export function openEditor(s: { terminal: TerminalSlice; terminal2?: TerminalSlice }): { tty: Tty; editor: OpenEditor } | undefined {
  if (s.terminal.editor) return { tty: 0, editor: s.terminal.editor };
  return s.terminal2?.editor ? { tty: 1, editor: s.terminal2.editor } : undefined;
}

/**
 * Appends output chunks, one line per `\n`-terminated piece (a trailing partial line counts as a line, and the same
 * command's next output on the same stream continues it, as a terminal shows `printf x; echo`). A chunk's
 * structured note goes on its (single) line; its command id goes on each of its lines.
 */
export function appendChunks(t: TerminalSlice, chunks: ReadonlyArray<TerminalChunk | { stream: TerminalLine['kind']; text: string; note?: undefined; id?: number }>): TerminalSlice {
  if (!chunks.length) return t;
  const lines = [...t.lines];
  let id = t.nextId;
  let changed = false;
  for (const c of chunks) {
    const parts = c.text.split('\n');
    const open = parts[parts.length - 1] !== '';
    if (!open) parts.pop();
    if (!parts.length) continue;
    changed = true;
    const kind: TerminalLine['kind'] = c.stream === 'out' ? 'out' : c.stream === 'err' ? 'err' : c.stream === 'cmd' ? 'cmd' : 'info';
    const command = c.id !== undefined ? { command: c.id } : {};
    const last = lines[lines.length - 1];
    if (last?.open && last.kind === kind && last.command === c.id && !c.note) {
      const { open: _, ...closed } = last;
      lines[lines.length - 1] = { ...closed, text: last.text + parts.shift()! };
    }
    for (const text of parts) lines.push(c.note && kind === 'info' ? { id: id++, kind, text, note: c.note, ...command } : { id: id++, kind, text, ...command });
    // The piece that ended without a newline (continued above or pushed now) stays open.
    if (open) lines[lines.length - 1] = { ...lines[lines.length - 1], open: true };
  }
  if (!changed) return t;
  return { ...t, lines: lines.length > SCROLLBACK ? lines.slice(-SCROLLBACK) : lines, nextId: id };
}

/** Records a command in the history (consecutive duplicates collapse, like a shell). */
export function pushHistory(t: TerminalSlice, line: string): TerminalSlice {
  if (!line.trim() || t.history[t.history.length - 1] === line) return t;
  return { ...t, history: [...t.history, line].slice(-HISTORY_KEEP) };
}

/**
 * Follows command `id`'s result: `editor` (re)opens its file; a result without one ends the edit that command
 * had open. Results of other commands leave the editor alone.
 */
export function followEditor(t: TerminalSlice, id: number, editor: EditorFile | undefined): TerminalSlice {
  if (editor) {
    const { file, text, program = 'kubectl edit' } = editor;
    return { ...t, editor: { id, file, text, program, seq: t.editor?.id === id ? t.editor.seq + 1 : 1, closing: false } };
  }
  return t.editor?.id === id ? { ...t, editor: undefined } : t;
}
