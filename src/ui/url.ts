// URL parameters of the playground: lang, speed, autoplay, scenario, example, terminals, theme, e2e. Unknown parameters are
// ignored and bad values fall back to defaults. Values are only ever compared, never rendered as HTML.
import { clampSpeed, SPEEDS } from '../protocol/messages.ts';
import type { Lang, ScenarioName, Theme } from './store/index.ts';
import { EXAMPLES } from './examples.ts';

export interface UrlParams {
  lang: Lang;
  theme: Theme;
  speed: number;
  autoplay: boolean;
  scenario: ScenarioName;
  /** `?e2e`: end-to-end test mode (animations off). */
  e2e: boolean;
  reducedMotion: boolean;
  /** `example=NAME`: an example script of `examples/` to run on an empty cluster at start. */
  example?: string;
  /** `terminals=2`: the second terminal is open from the start. */
  terminals: 1 | 2;
}

/** What the browser says, passed in so parsing stays pure. */
export interface BrowserPrefs {
  languages: readonly string[];
  prefersDark: boolean;
  prefersReducedMotion: boolean;
}

const LANGS: readonly Lang[] = ['en', 'zh-Hant', 'zh-Hans'];

/** Maps a BCP 47 tag to a supported language: zh-TW/HK/MO and zh-Hant → zh-Hant, other zh → zh-Hans. */
export function languageOf(tag: string): Lang | undefined {
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (!(t === 'zh' || t.startsWith('zh-'))) return undefined;
  if (/^zh-(hant|tw|hk|mo)\b/.test(t)) return 'zh-Hant';
  return 'zh-Hans';
}

/** Parses `location.search`; never throws. */
export function parseUrlParams(search: string, prefs: BrowserPrefs): UrlParams {
  const q = new URLSearchParams(search);
  const get = (k: string): string | null => q.get(k);
  const lang = LANGS.find((l) => l === get('lang')) ?? prefs.languages.map(languageOf).find((l) => l) ?? 'en';
  const themeParam = get('theme');
  const theme: Theme = themeParam === 'light' || themeParam === 'dark' ? themeParam : prefs.prefersDark ? 'dark' : 'light';
  const n = Number(get('speed'));
  const speed = get('speed') !== null && Number.isFinite(n) && n > 0 && clampSpeed(n) === n && SPEEDS.includes(n) ? n : 1;
  const ap = get('autoplay');
  const e2e = q.has('e2e') && get('e2e') !== '0';
  const autoplay = ap === '0' ? false : ap === '1' ? true : !e2e;
  const ex = get('example');
  const example = ex !== null && EXAMPLES.includes(ex) ? ex : undefined;
  const sc = get('scenario');
  // An example starts from an empty cluster (it makes what it shows).
  const scenario: ScenarioName = example ? 'empty' : sc === 'empty' || sc === 'seed' ? sc : 'seed';
  const terminals = get('terminals') === '2' ? 2 : 1;
  return { lang, theme, speed, autoplay, scenario, e2e, reducedMotion: e2e || prefs.prefersReducedMotion, terminals, ...(example ? { example } : {}) };
}
