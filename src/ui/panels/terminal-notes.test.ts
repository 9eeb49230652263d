import { describe, expect, it } from 'vitest';
import { lineText } from './terminal-notes.ts';
import { appendChunks, initialTerminal } from '../store/slices/terminal.ts';
import { en } from '../i18n/en.ts';
import { NOTE_EN, noteChunk } from '../../worker/notes.ts';

describe('lineText', () => {
  const manifest = noteChunk('terminal.scenarioManifest', { name: 'seed', line: 'kubectl apply -f -' });
  const [line] = appendChunks(initialTerminal(), [manifest]).lines;

  it('renders the host note from the message files of the view language', () => {
    expect(line.note).toEqual({ key: 'terminal.scenarioManifest', params: { name: 'seed', line: 'kubectl apply -f -' } });
    expect(lineText('zh-Hant', line)).toBe('範例情境 seed:kubectl apply -f -(即 YAML 編輯器中顯示的資訊清單)');
    expect(lineText('en', line)).toBe('scenario seed: kubectl apply -f - (the manifest shown in the YAML editor)');
    const [plain] = appendChunks(initialTerminal(), [noteChunk('terminal.scenario', { name: 'seed', line: 'sim settle' })]).lines;
    expect(lineText('zh-Hans', plain)).toBe('示例场景 seed:sim settle');
    const [restart] = appendChunks(initialTerminal(), [noteChunk('terminal.engineRestarted', { seconds: '12.5' })]).lines;
    expect(lineText('zh-Hant', restart)).toBe('引擎已重新啟動,回到 12.5 秒');
  });

  it('never translates a line without a note, even one that reads like a note', () => {
    const { lines } = appendChunks(initialTerminal(), [
      { stream: 'info', text: 'scenario seed: sim settle\n' },
      { stream: 'out', text: 'statefulset.apps/nginx-web created\n' },
    ]);
    expect(lines.map((l) => lineText('zh-Hant', l))).toEqual(['scenario seed: sim settle', 'statefulset.apps/nginx-web created']);
  });

  it("the host's English text of every note equals the UI's English message", () => {
    for (const [key, text] of Object.entries(NOTE_EN)) expect(text, key).toBe(en[key as keyof typeof NOTE_EN]);
    expect(manifest.text).toBe(`${en['terminal.scenarioManifest'].replace('{name}', 'seed').replace('{line}', 'kubectl apply -f -')}\n`);
  });
});
