import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { MESSAGES, translate, type Lang } from './translate.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message files', () => {
  const langs = Object.keys(MESSAGES) as Lang[];
  it.each(langs)('%s has exactly the English keys', (lang) => {
    const keys = Object.keys(MESSAGES[lang]).sort();
    const ref = Object.keys(en).sort();
    expect(keys.filter((k) => !ref.includes(k)), 'extra keys').toEqual([]);
    expect(ref.filter((k) => !keys.includes(k)), 'missing keys').toEqual([]);
  });
  it.each(langs)('%s uses the same placeholders and no empty text', (lang) => {
    for (const [k, v] of Object.entries(en)) {
      const text = MESSAGES[lang][k as keyof typeof en];
      expect(text, k).not.toBe('');
      expect(placeholders(text), k).toEqual(placeholders(v));
    }
  });
  it('Chinese tables are translated, not copies of English', () => {
    expect(MESSAGES['zh-Hant']['controls.title']).not.toBe(en['controls.title']);
    expect(MESSAGES['zh-Hans']['controls.title']).not.toBe(en['controls.title']);
    expect(MESSAGES['zh-Hans']['scene.title']).not.toBe(MESSAGES['zh-Hant']['scene.title']);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'pod.delete', { name: 'web-0' })).toBe('Delete Pod web-0');
    expect(translate('en', 'pod.delete')).toBe('Delete Pod {name}');
    expect(translate('zh-Hant', 'pod.delete', { name: 'web-0' })).toBe('刪除 Pod web-0');
    expect(translate('zh-Hans', 'pod.delete', { name: 'web-0' })).toBe('删除 Pod web-0');
  });
});
