import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, loadExample } from './examples.ts';

describe('the examples the app offers', () => {
  it('are the scripts of examples/, by name, with their text', async () => {
    const dir = new URL('../../examples/', import.meta.url);
    const names = readdirSync(dir).filter((f) => f.endsWith('.sim')).map((f) => f.replace(/\.sim$/, '')).sort();
    expect(EXAMPLES).toEqual(names);
    expect(await loadExample('partition-canary')).toBe(readFileSync(new URL('partition-canary.sim', dir), 'utf8'));
    expect(await loadExample('nope')).toBeUndefined();
    expect(await loadExample('../package')).toBeUndefined();
  });
});
