// Translates the notes the engine worker writes into the terminal (info lines, not kubectl output). The
// worker speaks English; the UI recognises its few note shapes and renders them in the chosen language.
import { translate, type Lang } from '../i18n/translate.ts';

/** The worker's note shape (src/worker/driver.ts): `scenario NAME: LINE[ (the manifest shown in the YAML editor)]`. */
const SCENARIO = /^scenario (\S+): (.*?)( \(the manifest shown in the YAML editor\))?(\n?)$/s;

/** The note in `lang`; any other text is returned unchanged (kubectl output is never translated). */
export function localizeNote(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  const m = SCENARIO.exec(text);
  if (!m) return text;
  return translate(lang, m[3] ? 'terminal.scenarioManifest' : 'terminal.scenario', { name: m[1], line: m[2] }) + m[4];
}
