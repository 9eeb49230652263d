// Renders a terminal line: the host's structured notes (message key + params) in the view language, any
// other line exactly as printed (kubectl output is never translated).
import { translate, type Lang } from '../i18n/translate.ts';
import type { TerminalLine } from '../store/index.ts';

/** The text to show for `line` in `lang`. */
export function lineText(lang: Lang, line: TerminalLine): string {
  return line.note ? translate(lang, line.note.key, line.note.params) : line.text;
}
