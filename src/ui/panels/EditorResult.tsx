// What the YAML editor's last Apply or Diff printed, under the editor (the terminal has it too): Apply's output,
// or kubectl's error; for Diff, the diff with its lines coloured, or a note that there is none.
import { useT } from '../i18n/useT.ts';
import { diffLineKind } from './diff-lines.ts';

/** The last run: Apply (`ok`: exit status 0) or Diff (exit status 0: no differences, 1: differences, more: error). */
export type EditorRun = { verb: 'apply'; ok: boolean; output: string } | { verb: 'diff'; exitCode: number; output: string };

/** Whether `run` ended in kubectl's error (shown as one, and pointed at in the editor). */
export function runFailed(run: EditorRun): boolean {
  return run.verb === 'apply' ? !run.ok : run.exitCode > 1;
}

/** `run`'s output; a diff comes with a button to `onShowTerminal`, where it has more room. */
export function EditorResult({ run, onShowTerminal }: { run: EditorRun; onShowTerminal?: () => void }) {
  const t = useT();
  if (runFailed(run)) return <pre className="editor-result err" data-testid="editor-result" role="alert">{run.output}</pre>;
  if (run.verb === 'apply') return <pre className="editor-result ok" data-testid="editor-result" role="status">{run.output || t('editor.applied')}</pre>;
  // kubectl diff printed nothing: the terminal shows just the command; here, in the UI's words, what that means.
  if (run.exitCode === 0) return <p className="editor-result ok" data-testid="editor-result" role="status">{t('editor.noDiff')}</p>;
  const lines = run.output.replace(/\n$/, '').split('\n');
  return (
    <div className="editor-result diff" data-testid="editor-result">
      <p className="editor-diff-caption">
        <span role="status">{t('editor.diffShown')}</span>
        {onShowTerminal ? <button type="button" onClick={onShowTerminal}>{t('editor.showTerminal')}</button> : null}
      </p>
      {/* Focusable so the keyboard can scroll it; not live, so a screen reader does not read the whole diff. */}
      <pre tabIndex={0} aria-label={t('editor.diffLabel')}>
        {lines.map((l, i) => {
          const part = diffLineKind(l);
          return <span key={i} className={part ? `diff-${part}` : undefined}>{l}{'\n'}</span>;
        })}
      </pre>
    </div>
  );
}
