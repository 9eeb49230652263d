import { describe, expect, it } from 'vitest';
import { filesText } from './files-text.ts';

describe('filesText', () => {
  it('gives one file with its size, several by name with a count of the rest', () => {
    expect(filesText([{ path: 'index.html', bytes: 6 }])).toBe('index.html (6 B)');
    expect(filesText([{ path: 'a', bytes: 1 }, { path: 'b', bytes: 2 }])).toBe('a, b');
    expect(filesText([{ path: 'a', bytes: 1 }, { path: 'b', bytes: 2 }, { path: 'c', bytes: 3 }])).toBe('a, b +1');
  });
});
