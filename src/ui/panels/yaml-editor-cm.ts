// The CodeMirror 6 YAML editor, loaded lazily (its own chunk) by YamlEditor.tsx. Minimal setup: line numbers,
// history, YAML highlighting, lint gutter for the engine's errors. No network, no global styles.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, indentOnInput } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';

/** Syntax colours from the theme's tokens, so both light and dark keep their contrast. */
const yamlColours = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--accent)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--progress)' },
  { tag: [tags.comment, tags.meta, tags.processingInstruction], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.typeName, tags.labelName], color: 'var(--partition)' },
  { tag: tags.invalid, color: 'var(--warn)' },
]);

/** A mounted editor. */
export interface YamlEditorHandle {
  getText(): string;
  /** Shows an error at 1-based `line` (the first line when unknown), or clears the diagnostics. */
  setError(error: { line?: number; message: string } | null): void;
  focus(): void;
  destroy(): void;
}

/** Mounts an editor in `parent` with `doc`; `onChange` gets every edit's text; Ctrl-Enter (and Ctrl-S with `onSave`) act. */
export function mountYamlEditor(parent: HTMLElement, doc: string, opts: { label: string; onChange(text: string): void; onApply(): void; onSave?(): void }): YamlEditorHandle {
  const save = opts.onSave;
  const keys = [{ key: 'Mod-Enter', run: () => { opts.onApply(); return true; } }, ...(save ? [{ key: 'Mod-s', run: () => { save(); return true; } }] : [])];
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentOnInput(),
        syntaxHighlighting(yamlColours), yaml(), lintGutter(),
        keymap.of([...keys, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        // tabindex makes the content a focusable descendant of the scroller for assistive tech (axe).
        EditorView.contentAttributes.of({ 'aria-label': opts.label, tabindex: '0' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) opts.onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    getText: () => view.state.doc.toString(),
    setError(error) {
      if (!error) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const n = Math.min(Math.max(1, error.line ?? 1), view.state.doc.lines);
      const line = view.state.doc.line(n);
      view.dispatch(setDiagnostics(view.state, [{ from: line.from, to: line.to, severity: 'error', message: error.message }]));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
