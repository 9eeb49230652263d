// The YAML editor: the current manifests (the seed manifest) in CodeMirror, loaded lazily; Apply sends them
// through `kubectl apply -f -`, Diff through `kubectl diff -f -` (what Apply would change). Both print in the
// terminal and under the editor; engine errors show inline (as a diagnostic) and as text; nothing else changes.
import { useEffect, useRef, useState } from 'react';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import type { YamlEditorHandle } from './yaml-editor-cm.ts';
import { EditorResult, runFailed, type EditorRun } from './EditorResult.tsx';

/** The line number an engine error points at (`yaml: line 3: …`), if any. */
export function errorLine(output: string): number | undefined {
  const m = /\bline (\d+)\b/.exec(output);
  return m ? Number(m[1]) : undefined;
}

/**
 * The manifest editor; `hidden` while the tab shows kubectl edit's file (it stays mounted, keeping its text).
 * `onShowTerminal` brings up the terminal, which has the same output with more room.
 */
export function YamlEditor({ hidden = false, onShowTerminal }: { hidden?: boolean; onShowTerminal?: () => void }) {
  const sim = useSim();
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditorHandle | null>(null);
  const text = useRef(SEED_MANIFEST);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<EditorRun | null>(null);
  const applyRef = useRef<() => void>(() => {});

  const show = (r: EditorRun): void => {
    setBusy(false);
    setResult(r);
    editor.current?.setError(runFailed(r) ? { line: errorLine(r.output), message: r.output.trim() } : null);
  };
  const apply = async (): Promise<void> => {
    setBusy(true);
    const r = await sim.applyYaml(text.current);
    show({ verb: 'apply', ...r });
  };
  // Like Apply, Diff leaves the tab as it is: its output shows under the editor, next to the Apply it previews.
  const diff = async (): Promise<void> => {
    setBusy(true);
    const r = await sim.diffYaml(text.current);
    show({ verb: 'diff', exitCode: r.exitCode, output: r.output });
  };
  applyRef.current = () => void apply();

  useEffect(() => {
    let cancelled = false;
    void import('./yaml-editor-cm.ts').then(({ mountYamlEditor }) => {
      if (cancelled || !host.current) return;
      editor.current = mountYamlEditor(host.current, text.current, {
        label: t('editor.label'),
        onChange: (s) => { text.current = s; },
        onApply: () => applyRef.current(),
      });
      setReady(true);
    });
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = null;
      setReady(false);
    };
    // The editor mounts once; its label follows the language at mount time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section className="panel yaml-editor" aria-labelledby="editor-h" hidden={hidden}>
      <h2 id="editor-h">{t('editor.title')}</h2>
      <div className="editor-host" ref={host} data-testid="yaml-editor" data-ready={ready} />
      {ready ? null : (
        <textarea className="editor-fallback" aria-label={t('editor.label')} defaultValue={text.current} spellCheck={false}
          onChange={(e) => { text.current = e.target.value; }} />
      )}
      <div className="editor-actions">
        <button type="button" onClick={() => void apply()} disabled={busy}>{t('editor.apply')}</button>
        <button type="button" onClick={() => void diff()} disabled={busy} title={t('editor.diffTitle')}>{t('editor.diff')}</button>
        <span className="muted">{t('editor.applyHint')}</span>
      </div>
      {result ? <EditorResult run={result} onShowTerminal={onShowTerminal} /> : null}
    </section>
  );
}
