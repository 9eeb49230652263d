// Message lookup and interpolation for the three UI languages. Pure (no React) so tests and the explain
// formatter can use it; `useT()` binds it to the current view language.
import { en, type MessageKey } from './en.ts';
import { zhHant } from './zh-Hant.ts';
import { zhHans } from './zh-Hans.ts';

/** The UI languages. */
export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';

/** Every language's complete message table. */
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

/** Values substituted into `{name}` placeholders. */
export type Params = Record<string, string | number | boolean | null | undefined>;

/** A bound translator. */
export type T = (key: MessageKey, params?: Params) => string;

/** Looks up `key` in `lang` and fills `{placeholders}`; unknown placeholders stay visible as `{name}`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = MESSAGES[lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? m : String(v);
  });
}

/** Whether a string is a message key (for keys built at run time, such as explain sentences). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
