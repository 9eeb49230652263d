// The host's own terminal notes as structured data (message key + params), with the English text beside them
// for readers without message files. The UI renders the key from its i18n tables (src/ui/i18n).
import type { Note, NoteKey, TerminalChunk } from '../protocol/messages.ts';

/** English text of each note; must equal the UI's `en` table (checked by src/ui/panels/terminal-notes.test.ts). */
export const NOTE_EN: Readonly<Record<NoteKey, string>> = {
  'terminal.scenario': 'scenario {name}: {line}',
  'terminal.scenarioManifest': 'scenario {name}: {line} (the manifest shown in the YAML editor)',
  'terminal.engineRestarted': 'engine restarted at {seconds}s',
};

/** Fills a note's English template. */
export function noteEnglish(note: Note): string {
  return NOTE_EN[note.key].replace(/\{(\w+)\}/g, (m, k: string) => note.params[k] ?? m);
}

/** An `info` chunk of one line carrying `note` and its English text. */
export function noteChunk(key: NoteKey, params: Record<string, string>): TerminalChunk & { stream: 'info' } {
  const note: Note = { key, params };
  return { stream: 'info', text: `${noteEnglish(note)}\n`, note };
}
