// The kubectl terminal: prompt (textbox named `kubectl`), history (↑/↓), Tab completion, `clear`, `help`,
// streaming commands stopped with Ctrl-C. Output is shown exactly as the engine printed it. After
// `kubectl exec -it POD -- sh` (or `kubectl run -it`) it is that shell's terminal (its prompt, lines sent as typed) until `exit`. While
// `kubectl edit` waits for its editor (in the YAML tab) it takes no commands; Ctrl-C closes the editor unsaved.
// The output of `kubectl diff` has its added, removed and hunk lines coloured; ANSI colours (cluster-info's) are
// shown as theme colours, the escapes themselves never rendered. Several lines, pasted or typed on after a line
// that leaves a here-document, a quote, a trailing backslash or a loop open, wait above the prompt (`$ `, then
// `> `, as bash shows them) until Enter completes them, then run one after the other.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useEditor, useSim, useSimStoreApi, useTerminal, useTerminal2Open, useView, type Lang, type TerminalLine, type Tty } from '../store/index.ts';
import type { Kind } from '../../engine/index.ts';
import { useT } from '../i18n/useT.ts';
import { complete } from './terminal-complete.ts';
import { toScenarioLine } from '../../scenario/block.ts';
import { lineText } from './terminal-notes.ts';
import { splitBlock } from '../../scenario/block.ts';
import { diffCommandIds, diffLineKind } from './diff-lines.ts';
import { ansiClass, parseAnsi } from './ansi.ts';

/** Focuses terminal `tty`'s prompt once the render the current store update causes is on screen. */
export function focusPrompt(tty: Tty): void {
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`.terminal.tty-${tty} .terminal-prompt input`)?.focus());
}

/**
 * The first terminal, and the second beside it (below it in a narrow dock) while it is open, as the
 * documentation's tutorials use two: a watch in one, commands in the other.
 */
export function Terminals({ onShowEditor }: { onShowEditor?: () => void } = {}) {
  const split = useTerminal2Open();
  return (
    <div className={`terminals${split ? ' split' : ''}`}>
      <Terminal tty={0} onShowEditor={onShowEditor} />
      {split ? <Terminal tty={1} onShowEditor={onShowEditor} /> : null}
    </div>
  );
}

/** Terminal `tty` (0: the first); `onShowEditor` brings up kubectl edit's editor (where the layout put it). */
export function Terminal({ onShowEditor, tty = 0 }: { onShowEditor?: () => void; tty?: Tty } = {}) {
  const { lines, history, busy, prompt } = useTerminal(tty);
  const inShell = prompt !== undefined;
  const editor = useEditor(tty);
  const sim = useSim();
  const t = useT();
  const { lang } = useView();
  const split = useTerminal2Open();
  const diffs = useMemo(() => diffCommandIds(lines), [lines]);
  const [input, setInput] = useState('');
  /** Lines given before the one in the prompt that do not make a whole command yet (or were pasted with it). */
  const [pending, setPending] = useState<string[]>([]);
  const [hist, setHist] = useState<number | null>(null);
  const draft = useRef('');
  const out = useRef<HTMLDivElement>(null);
  const store = useSimStoreApi();
  const namesOf = (kind: Kind): string[] => [...store.getState().objects[kind].values()]
    .filter((o) => (o.metadata?.namespace ?? '') === '' || o.metadata?.namespace === store.getState().clock.namespace)
    .map((o) => o.metadata?.name ?? '');

  // The newest of the lines waiting above the prompt stays in view.
  const pendingEl = useRef<HTMLPreElement>(null);
  useLayoutEffect(() => {
    if (pendingEl.current) pendingEl.current.scrollTop = pendingEl.current.scrollHeight;
  }, [pending]);

  // Keep the newest output in view, unless the user scrolled up to read.
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = out.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  useEffect(() => {
    const el = out.current;
    if (!el) return;
    const onScroll = (): void => { pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24; };
    el.addEventListener('scroll', onScroll);
    // Output that came while the tab was hidden (kubectl edit's result, Apply's echo) is in view when it shows
    // again, and a status line that shrinks the output keeps the newest line in view.
    let shown = el.clientHeight > 0;
    const resized = new ResizeObserver(() => {
      const nowShown = el.clientHeight > 0;
      if (nowShown && (!shown || pinned.current)) {
        el.scrollTop = el.scrollHeight;
        pinned.current = true;
      }
      shown = nowShown;
    });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);

  // Closing the second terminal stops what runs in it; the focus goes back to the first terminal's prompt.
  const closeSecond = (): void => {
    sim.closeTerminal2();
    focusPrompt(0);
  };

  const run = (): void => {
    const text = input.trim();
    setInput('');
    setHist(null);
    if (inShell) {
      if (text === 'clear') return sim.clearTerminal(tty);
      return sim.shell(text, tty);
    }
    if (pending.length) {
      const lines = [...pending, input];
      if (splitBlock(lines.join('\n')).open) { setPending(lines); return; }
      setPending([]);
      return sim.block(lines.join('\n'), tty);
    }
    if (!text) return;
    // A line that opens a here-document, a quote, a loop or ends in a backslash waits for the lines that finish it.
    if (splitBlock(input).open) { setPending([input]); return; }
    if (text === 'clear') return sim.clearTerminal(tty);
    if (text === 'help') {
      void import('./terminal-help-text.ts').then(({ HELP_TEXT }) => sim.note(`$ help\n${HELP_TEXT}`, tty));
      return;
    }
    sim.command(toScenarioLine(text), tty);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.ctrlKey && (e.key === 'c' || e.key === 'C')) {
      const sel = e.currentTarget.selectionStart !== e.currentTarget.selectionEnd;
      if (sel && !busy && !editor) return; // let the browser copy the selection
      e.preventDefault();
      // Killing the editor: kubectl edit goes on as if it was closed without saving.
      if (editor) sim.closeEditor();
      // In a container's shell, Ctrl-C is the shell's (a pasted block waiting for the shell to exit goes on waiting).
      else if (busy && !inShell) sim.cancel(tty);
      else if (inShell) {
        sim.interruptShell(input, tty);
        setInput('');
      } else {
        sim.note(`${[...pending, input].map((l, i) => `${i ? '> ' : '$ '}${l}`).join('\n')}^C\n`, tty);
        setInput('');
        setPending([]);
      }
      return;
    }
    if (e.ctrlKey && (e.key === 'd' || e.key === 'D') && inShell && !input) {
      // End of input: the shell exits; in the middle of a command (its `>` prompt), it reports the command unfinished.
      e.preventDefault();
      if (prompt?.trim() === '>') sim.endShellInput(tty);
      else sim.shell('exit', tty);
      return;
    }
    if (e.ctrlKey && (e.key === 'l' || e.key === 'L')) {
      e.preventDefault();
      sim.clearTerminal(tty);
      return;
    }
    // The prompt is read-only while the editor is open: no history or completion to put into it.
    if (editor && e.key !== 'Enter') return;
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        if (editor) sim.note(t('terminal.editorBusy', { program: editor.program }) + '\n', tty);
        else if (busy && !inShell) sim.note(t(tty === 0 && !split ? 'terminal.busy' : 'terminal.busySplit') + '\n', tty);
        else run();
        return;
      case 'ArrowUp': {
        if (!history.length) return;
        e.preventDefault();
        if (hist === null) draft.current = input;
        const i = hist === null ? history.length - 1 : Math.max(0, hist - 1);
        setHist(i);
        setInput(history[i]);
        return;
      }
      case 'ArrowDown': {
        if (hist === null) return;
        e.preventDefault();
        const i = hist + 1;
        if (i >= history.length) {
          setHist(null);
          setInput(draft.current);
        } else {
          setHist(i);
          setInput(history[i]);
        }
        return;
      }
      case 'Tab': {
        if (e.shiftKey) return;
        e.preventDefault();
        if (inShell) return;
        const c = complete(input, namesOf, store.getState().localFiles);
        setInput(c.line);
        if (c.options.length) sim.note(`${c.options.join('  ')}\n`, tty);
        return;
      }
    }
  };

  // Several lines pasted: all but the last wait above the prompt, the last is in it (as bash's bracketed paste
  // shows them); Enter runs them. A shell in a container takes them one by one, as typed.
  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n');
    if (!text.replace(/\n$/, '').includes('\n') || editor) return;
    e.preventDefault();
    const el = e.currentTarget;
    const at = el.selectionStart ?? input.length, end = el.selectionEnd ?? at;
    const lines = (input.slice(0, at) + text + input.slice(end)).split('\n');
    if (inShell) {
      lines.filter((l) => l.trim()).forEach((l) => sim.shell(l, tty));
      setInput('');
      return;
    }
    if (busy) { sim.note(t(tty === 0 && !split ? 'terminal.busy' : 'terminal.busySplit') + '\n', tty); return; }
    setPending([...pending, ...lines.slice(0, -1)]);
    setInput(lines[lines.length - 1]);
    setHist(null);
  };

  const h = tty ? `terminal${tty + 1}-h` : 'terminal-h';
  const hint = tty ? `terminal${tty + 1}-hint` : 'terminal-hint';
  return (
    <section className={`panel terminal tty-${tty}`} aria-labelledby={h} data-testid={`terminal-${tty}`}>
      <div className="terminal-head">
        <h2 id={h}>{t(tty ? 'terminal.second' : split ? 'terminal.first' : 'terminal.title')}{busy ? <span className="badge streaming">{t('terminal.streaming')}</span> : null}</h2>
        {tty ? (
          <button type="button" className="terminal-close" aria-label={t('terminal.closeSecond')} title={t('terminal.closeSecond')} onClick={closeSecond}>
            <span aria-hidden="true">✕ </span>{t('terminal.close')}
          </button>
        ) : null}
      </div>
      <div className="terminal-output" data-testid={tty ? `terminal${tty + 1}-output` : 'terminal-output'} ref={out} role="log" aria-label={t('terminal.output')} tabIndex={0}>
        {lines.map((l) => <Line key={l.id} line={l} lang={lang} diff={l.kind === 'out' && l.command !== undefined && diffs.has(l.command)} />)}
      </div>
      {pending.length ? (
        <pre className="terminal-pending" data-testid={tty ? `terminal${tty + 1}-pending` : 'terminal-pending'} aria-label={t('terminal.pending')} ref={pendingEl}>
          {pending.map((l, i) => `${i ? '> ' : '$ '}${l}`).join('\n')}
        </pre>
      ) : null}
      <div className="terminal-prompt">
        <span aria-hidden="true" className="terminal-ps">{inShell ? prompt.trimEnd() : pending.length ? '>' : '$'}</span>
        <input
          type="text"
          aria-label={`${inShell ? t('terminal.shell') : 'kubectl'}${tty ? ` (${t('terminal.second')})` : ''}`}
          aria-describedby={hint}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={pending.length ? undefined : t(editor ? 'terminal.editingPlaceholder' : inShell ? 'terminal.shellPlaceholder' : 'terminal.placeholder')}
          readOnly={editor !== undefined}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {busy ? <button type="button" onClick={() => sim.cancel(tty)}>{t('terminal.stop')}</button> : null}
      </div>
      {editor ? (
        <p className="terminal-editing" role="status" data-testid="terminal-editing">
          <span>{t('terminal.editing', { file: editor.file, program: editor.program })}</span>
          {onShowEditor ? <button type="button" onClick={onShowEditor}>{t('terminal.showEditor')}</button> : null}
        </p>
      ) : null}
      <p id={hint} className={`muted terminal-hint${pending.length ? ' pending-hint' : ''}`}>
        {t(inShell ? 'terminal.shellHint' : pending.length ? 'terminal.pendingHint' : 'terminal.hint')}
      </p>
    </section>
  );
}

/**
 * One output line; the host's notes follow the language, kubectl output never changes (`diff`: coloured as a
 * diff). ANSI-styled runs become spans, so the DOM (what is read aloud and copied) holds no escapes.
 */
const Line = memo(function Line({ line, lang, diff }: { line: TerminalLine; lang: Lang; diff: boolean }) {
  const segments = parseAnsi(lineText(lang, line));
  const part = diff ? diffLineKind(segments.map((s) => s.text).join('')) : undefined;
  return (
    <div className={`tl tl-${line.kind}${part ? ` diff-${part}` : ''}`}>
      {segments.length ? segments.map((s, i) => {
        const cls = ansiClass(s);
        return cls ? <span key={i} className={cls}>{s.text}</span> : s.text;
      }) : '\u00a0'}
    </div>
  );
});
