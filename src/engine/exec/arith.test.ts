import { describe, expect, it } from 'vitest';
import { arithmetic } from './arith.ts';
import { Unmodelled } from './fs.ts';

function run(src: string, vars: Record<string, string> = {}): { value: string; vars: Record<string, string> } {
  const value = arithmetic(src, (n) => vars[n] ?? '', (n, v) => { vars[n] = v; });
  return { value, vars };
}

describe('$((…)) arithmetic', () => {
  it.each([
    ['1 + 2 * 3', '7'], ['(1 + 2) * 3', '9'], ['7 / 2', '3'], ['-7 / 2', '-3'], ['7 % 3', '1'], ['-(2 + 3)', '-5'],
    ['2 < 3', '1'], ['3 <= 2', '0'], ['1 == 1 && 2 != 2', '0'], ['0 || 5', '1'], ['!0', '1'], ['', '0'],
    ['i + 1', '5'], ['$i * 2', '8'], ['${i}0', '40'], ['unset + 1', '1'],
  ])('%s is %s', (src, value) => {
    expect(run(src, { i: '4' }).value).toBe(value);
  });

  it('assigns with = and the compound operators, and yields the value', () => {
    expect(run('i += 2', { i: '4' })).toEqual({ value: '6', vars: { i: '6' } });
    expect(run('j = (k = 3) * 2')).toEqual({ value: '6', vars: { j: '6', k: '3' } });
  });

  it.each([
    ['0x1f', '31'], ['010', '8'], ['1 << 40', '1099511627776'], ['-16 >> 2', '-4'], ['~5', '-6'], ['6 ^ 3', '5'], ['5 | 2', '7'],
    ['0xff & 0x0f', '15'], ['i ? 10 : 20', '10'], ['0 ? 1 : 0 ? 2 : 3', '3'], ['1 + 2 * 3 << 1', '14'], ['3 & 5 == 5', '1'],
    // 64-bit integers, wrapping as intmax_t does.
    ['0x7fffffffffffffff + 1', '-9223372036854775808'], ['1 << 63', '-9223372036854775808'], ['9223372036854775807', '9223372036854775807'],
  ])('%s is %s (octal, hex, bit operators, ?: and 64 bits)', (src, value) => {
    expect(run(src, { i: '4' }).value).toBe(value);
  });

  it('assigns with the bit operators too', () => {
    expect(run('x <<= 4', { x: '1' })).toEqual({ value: '16', vars: { x: '16' } });
    expect(run('x |= 3', { x: '16' }).vars.x).toBe('19');
  });

  it.each(['1 / 0', '08', 'i++', '1 +', 'x', '2 3', 'a ? 1'])('reports %s as not modelled', (src) => {
    expect(() => run(src, { x: 'word' })).toThrow(Unmodelled);
  });
});
