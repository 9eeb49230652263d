// URL parameters: known values are taken, unknown parameters ignored, bad values fall back to defaults.
import { describe, expect, it } from 'vitest';
import { languageOf, parseUrlParams } from './url.ts';

const prefs = { languages: ['en-US'], prefersDark: false, prefersReducedMotion: false };

describe('parseUrlParams', () => {
  it('has defaults', () => {
    expect(parseUrlParams('', prefs)).toEqual({ lang: 'en', theme: 'light', speed: 1, autoplay: true, scenario: 'seed', e2e: false, reducedMotion: false, terminals: 1 });
  });

  it('reads every known parameter', () => {
    expect(parseUrlParams('?lang=zh-Hant&speed=4&autoplay=0&scenario=empty&theme=dark', prefs))
      .toMatchObject({ lang: 'zh-Hant', speed: 4, autoplay: false, scenario: 'empty', theme: 'dark' });
  });

  it('falls back on bad values and ignores unknown parameters', () => {
    expect(parseUrlParams('?lang=fr&speed=3&autoplay=yes&scenario=<b>x</b>&theme=neon&foo=1', prefs))
      .toEqual(parseUrlParams('', prefs));
    expect(parseUrlParams('?speed=-1', prefs).speed).toBe(1);
    expect(parseUrlParams('?speed=NaN', prefs).speed).toBe(1);
    expect(parseUrlParams('?speed=0.25', prefs).speed).toBe(0.25);
  });

  it('terminals=2 opens the second terminal; anything else leaves one', () => {
    expect(parseUrlParams('?terminals=2', prefs).terminals).toBe(2);
    for (const q of ['', '?terminals=1', '?terminals=3', '?terminals=two']) expect(parseUrlParams(q, prefs).terminals).toBe(1);
  });

  it('example=NAME names a shipped example, which starts from an empty cluster; any other name is ignored', () => {
    expect(parseUrlParams('?example=partition-canary', prefs)).toMatchObject({ example: 'partition-canary', scenario: 'empty' });
    expect(parseUrlParams('?example=partition-canary&scenario=seed', prefs).scenario).toBe('empty');
    expect(parseUrlParams('?example=../package&scenario=seed', prefs)).toEqual(parseUrlParams('', prefs));
  });

  it('takes the language and theme from the browser when the URL does not say', () => {
    expect(parseUrlParams('', { ...prefs, languages: ['zh-TW', 'en'], prefersDark: true })).toMatchObject({ lang: 'zh-Hant', theme: 'dark' });
    expect(parseUrlParams('', { ...prefs, languages: ['fr', 'zh-CN'] }).lang).toBe('zh-Hans');
  });

  it('e2e mode turns animations off and does not autoplay unless asked', () => {
    expect(parseUrlParams('?e2e', prefs)).toMatchObject({ e2e: true, reducedMotion: true, autoplay: false });
    expect(parseUrlParams('?e2e&autoplay=1', prefs).autoplay).toBe(true);
  });
});

describe('languageOf', () => {
  it('maps Chinese variants by script and region', () => {
    expect(languageOf('zh-Hant-TW')).toBe('zh-Hant');
    expect(languageOf('zh-HK')).toBe('zh-Hant');
    expect(languageOf('zh-Hans-CN')).toBe('zh-Hans');
    expect(languageOf('zh')).toBe('zh-Hans');
    expect(languageOf('de')).toBeUndefined();
  });
});
