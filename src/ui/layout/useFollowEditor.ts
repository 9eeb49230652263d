// The dock follows kubectl edit's editor: the YAML tab comes up when a file opens (or reopens), and when the
// edit ends the terminal comes back, with the focus in its prompt if the focus was on the editor.
import { useEffect, useRef } from 'react';
import { openEditor, useSimStore } from '../store/index.ts';
import { focusPrompt } from '../panels/Terminal.tsx';
import { useDock } from './dock-store.ts';

/** Call once, in the dock. */
export function useFollowEditor(): void {
  // The open editor as `tty-id-seq` (the terminal whose kubectl edit opened it, the command, the time it opened).
  const opened = useSimStore((s) => {
    const open = openEditor(s);
    return open ? `${open.tty}-${open.editor.id}-${open.editor.seq}` : undefined;
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
    // The terminal panel is shown by the render this store update causes.
    if (onEditor) focusPrompt(before.startsWith('1-') ? 1 : 0);
  }, [opened]);
}
