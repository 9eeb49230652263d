// The editor `kubectl edit` opened, shown in the YAML tab: the temp file in CodeMirror (loaded lazily, like the
// manifest editor), "Save and close" (Ctrl-S, Ctrl-Enter) and "Close without saving". Closing sends the file
// back to the command; a file the command reopens (the API server's errors in its header) mounts afresh.
import { useEffect, useRef, useState } from 'react';
import { useEditor, useSim, type OpenEditor } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import type { YamlEditorHandle } from './yaml-editor-cm.ts';

/** The open editor, if any; one mount per (re)opened file. */
export function KubectlEdit() {
  const editor = useEditor();
  return editor ? <EditFile key={`${editor.id}-${editor.seq}`} editor={editor} /> : null;
}

function EditFile({ editor }: { editor: OpenEditor }) {
  const sim = useSim();
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<YamlEditorHandle | null>(null);
  const text = useRef(editor.text);
  const [ready, setReady] = useState(false);
  const save = (): void => sim.closeEditor(text.current);
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    let cancelled = false;
    void import('./yaml-editor-cm.ts').then(({ mountYamlEditor }) => {
      if (cancelled || !host.current) return;
      const onSave = (): void => saveRef.current();
      view.current = mountYamlEditor(host.current, text.current, {
        label: t('edit.label', { file: editor.file, program: editor.program }),
        onChange: (s) => { text.current = s; },
        onApply: onSave,
        onSave,
      });
      setReady(true);
      // The person who typed `kubectl edit` is now in the editor, as in a terminal editor; on the next frame,
      // when the dock shows the YAML tab for sure.
      requestAnimationFrame(() => view.current?.focus());
    });
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = null;
    };
    // One mount per file; the label follows the language at mount time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section className="panel yaml-editor kubectl-edit" aria-labelledby="kubectl-edit-h" data-testid="kubectl-edit">
      <h2 id="kubectl-edit-h">{t('edit.title', { file: editor.file, program: editor.program })}</h2>
      <div className="editor-host" ref={host} data-testid="kubectl-edit-file" data-ready={ready} />
      {ready ? null : (
        <textarea className="editor-fallback" aria-label={t('edit.label', { file: editor.file, program: editor.program })} defaultValue={text.current} spellCheck={false}
          onChange={(e) => { text.current = e.target.value; }} />
      )}
      <div className="editor-actions">
        <button type="button" onClick={save} disabled={editor.closing}>{t('edit.save')}</button>
        <button type="button" onClick={() => sim.closeEditor()} disabled={editor.closing}>{t('edit.close')}</button>
        <span className="muted">{t('edit.keys')}</span>
      </div>
    </section>
  );
}
