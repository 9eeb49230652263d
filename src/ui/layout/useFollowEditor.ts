// The dock follows kubectl edit's editor: the YAML tab comes up when a file opens (or reopens), and when the
// edit ends the terminal comes back, with the focus in its prompt if the focus was on the editor.
import { useEffect, useRef } from 'react';
import { useSimStore } from '../store/index.ts';
import { useDock } from './dock-store.ts';

/** Call once, in the dock. */
export function useFollowEditor(): void {
  // The open editor as `tty-id-seq` (the terminal whose kubectl edit opened it, the command, the time it opened).
  const opened = useSimStore((s) => {
    const [tty, ed] = s.terminal.editor ? [0, s.terminal.editor] : [1, s.terminal2?.editor];
    return ed ? `${tty}-${ed.id}-${ed.seq}` : undefined;
  });
  const was = useRef<string | undefined>(undefined);
  useEffect(() => {
    const before = was.current;
    was.current = opened;
    if (opened) {
      useDock.getState().setTab('yaml');
      return;
    }
    if (before === undefined || useDock.getState().tab !== 'yaml') return;
    const active = document.activeElement;
    const onEditor = !active || active === document.body || !!active.closest('#dock-panel-yaml');
    useDock.getState().setTab('terminal');
    // The terminal panel is shown by the render this store update causes; focus it once that is on screen.
    const tty = before.split('-')[0];
    if (onEditor) requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`#dock-panel-terminal .terminal.tty-${tty} .terminal-prompt input`)?.focus());
  }, [opened]);
}
