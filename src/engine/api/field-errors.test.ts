import { describe, expect, it } from 'vitest';
import { invalid, renderValue, tooLong } from './field-errors.ts';

describe('field.Error value rendering (apimachinery 1.34+)', () => {
  it('prints numbers and booleans bare and strings as Go %q', () => {
    expect([renderValue(-1), renderValue(true), renderValue('a"b\n')]).toEqual(['-1', 'true', '"a\\"b\\n"']);
  });

  it('prints maps and slices as Go JSON: sorted keys, commas, HTML-safe escapes; nil as null', () => {
    expect(renderValue({ b: '2', a: '<1>' })).toBe('{"a":"\\u003c1\\u003e","b":"2"}');
    expect(renderValue(['10.96.0.1', '10.96.0.2'])).toBe('["10.96.0.1","10.96.0.2"]');
    expect(renderValue(undefined)).toBe('null');
    expect(invalid('spec.x', { k: 'v' }, 'bad').message).toBe('Invalid value: {"k":"v"}: bad');
  });

  it('says how many bytes a too-long value may have, without showing it', () => {
    expect(tooLong('metadata.annotations', 262144).message).toBe('Too long: may not be more than 262144 bytes');
    expect(tooLong('x', 1).message).toBe('Too long: may not be more than 1 byte');
  });
});
