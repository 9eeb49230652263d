import { describe, expect, it } from 'vitest';
import { localizeNote } from './terminal-notes.ts';

describe('localizeNote', () => {
  it('translates the scenario note with and without the manifest remark', () => {
    expect(localizeNote('zh-Hant', 'scenario seed: kubectl apply -f - (the manifest shown in the YAML editor)\n'))
      .toBe('範例情境 seed:kubectl apply -f -(即 YAML 編輯器中顯示的資訊清單)\n');
    expect(localizeNote('zh-Hans', 'scenario seed: sim settle')).toBe('示例场景 seed:sim settle');
  });
  it('leaves English and any other line untouched', () => {
    const note = 'scenario seed: kubectl apply -f - (the manifest shown in the YAML editor)\n';
    expect(localizeNote('en', note)).toBe(note);
    expect(localizeNote('zh-Hant', 'statefulset.apps/nginx-web created\n')).toBe('statefulset.apps/nginx-web created\n');
  });
});
