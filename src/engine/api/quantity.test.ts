import { describe, expect, it } from 'vitest';
import { canonicalQuantity, parseQuantity, QUANTITY_REGEX_ERROR, QUANTITY_SUFFIX_ERROR } from './quantity.ts';

describe('resource.Quantity canonical form', () => {
  it.each([
    ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'], ['1000m', '1'], ['0.5', '500m'], ['100M', '100M'],
    ['1000M', '1G'], ['1500M', '1500M'], ['1e3', '1e3'], ['0', '0'], ['512', '512'], ['0.5Ki', '512'], ['2048Ki', '2Mi'],
    ['-1', '-1'], ['1n', '1n'], ['0.1n', '1n'], [1, '1'], ['+2k', '2k'],
  ])('%s → %s', (input, want) => expect(canonicalQuantity(input)).toBe(want));

  it('reports the upstream parse errors', () => {
    expect(parseQuantity('1GB')).toEqual({ ok: false, error: QUANTITY_REGEX_ERROR });
    expect(parseQuantity('abc')).toEqual({ ok: false, error: QUANTITY_REGEX_ERROR });
    expect(parseQuantity('1Gii')).toEqual({ ok: false, error: QUANTITY_SUFFIX_ERROR });
  });

  it('shares one frozen result per input (callers cannot change what later writes read)', () => {
    const a = parseQuantity('3Gi'), b = parseQuantity('3Gi');
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    if (!a.ok) throw new Error('3Gi must parse');
    expect(Object.isFrozen(a.q)).toBe(true);
    expect(() => { (a.q as { num: bigint }).num = 1n; }).toThrow(TypeError);
    expect(canonicalQuantity('3072Mi')).toBe('3Gi');
  });
});
