// ANSI escapes: kubectl cluster-info's colours, SGR codes, other escapes dropped, the text kept exactly.
import { describe, expect, it } from 'vitest';
import { ansiClass, parseAnsi, stripAnsi } from './ansi.ts';

const E = '\x1b';

describe('parseAnsi', () => {
  it("splits kubectl cluster-info's line into its green name and yellow link", () => {
    const line = `${E}[0;32mKubernetes control plane${E}[0m is running at ${E}[0;33mhttps://127.0.0.1:45331${E}[0m`;
    expect(parseAnsi(line)).toEqual([
      { text: 'Kubernetes control plane', fg: 'green' },
      { text: ' is running at ' },
      { text: 'https://127.0.0.1:45331', fg: 'yellow' },
    ]);
  });

  it('leaves text without escapes as one segment, and an empty line empty', () => {
    expect(parseAnsi('NAME   STATUS')).toEqual([{ text: 'NAME   STATUS' }]);
    expect(parseAnsi('')).toEqual([]);
    expect(parseAnsi(`${E}[0m`)).toEqual([]);
  });

  it('maps the 8 colours and their bright forms, bold, default foreground and reset', () => {
    const colours = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
    colours.forEach((c, i) => {
      expect(parseAnsi(`${E}[${30 + i}mx`)).toEqual([{ text: 'x', fg: c }]);
      expect(parseAnsi(`${E}[${90 + i}mx`)).toEqual([{ text: 'x', fg: `bright-${c}` }]);
    });
    expect(parseAnsi(`${E}[1;31ma${E}[39mb${E}[22mc${E}[92md${E}[me`)).toEqual([
      { text: 'a', fg: 'red', bold: true }, { text: 'b', bold: true }, { text: 'c' }, { text: 'd', fg: 'bright-green' }, { text: 'e' },
    ]);
    expect(parseAnsi(`${E}[1m${E}[34ma${E}[;mb`)).toEqual([{ text: 'a', fg: 'blue', bold: true }, { text: 'b' }]);
  });

  it('merges runs of one style and ignores codes it does not show, with their arguments', () => {
    expect(parseAnsi(`${E}[32ma${E}[32mb${E}[4mc`)).toEqual([{ text: 'abc', fg: 'green' }]);
    // 38;2;1;31;0 is an RGB colour: its 1 and 31 are not bold and red.
    expect(parseAnsi(`${E}[38;2;1;31;0ma${E}[38;5;1mb${E}[41mc`)).toEqual([{ text: 'abc' }]);
  });

  it('drops every other escape sequence without showing any of it', () => {
    expect(parseAnsi(`a${E}[2Kb${E}[1;5Hc${E}[?25ld`)).toEqual([{ text: 'abcd' }]);
    expect(parseAnsi(`${E}]8;;https://k8s.io${E}\\link${E}]8;;${E}\\ ${E}]0;title\x07x`)).toEqual([{ text: 'link x' }]);
    expect(parseAnsi(`${E}[31ma${E}[0;3`)).toEqual([{ text: 'a', fg: 'red' }]);
    expect(parseAnsi(`a${E}7b${E}`)).toEqual([{ text: 'ab' }]);
  });
});

describe('stripAnsi and ansiClass', () => {
  it('strips the escapes and names the classes of a style', () => {
    expect(stripAnsi(`${E}[0;32mCoreDNS${E}[0m is running`)).toBe('CoreDNS is running');
    expect(stripAnsi('plain')).toBe('plain');
    expect(ansiClass({ text: 'x', fg: 'bright-cyan', bold: true })).toBe('ansi-bright-cyan ansi-bold');
    expect(ansiClass({ text: 'x' })).toBe('');
  });
});
