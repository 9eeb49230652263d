import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError } from './go-json-syntax.ts';

describe('goJsonSyntaxError (encoding/json scanner texts)', () => {
  it('accepts JSON', () => {
    for (const t of ['{}', ' [1, -2.5e3, "a\\u00e9", true, false, null] ', '{"a":{"b":[]}}', '0']) expect(goJsonSyntaxError(t), t).toBeNull();
  });

  it('names the first character it cannot take and where', () => {
    expect(goJsonSyntaxError('not json')).toBe("invalid character 'o' in literal null (expecting 'u')");
    expect(goJsonSyntaxError('x')).toBe("invalid character 'x' looking for beginning of value");
    expect(goJsonSyntaxError('{a:1}')).toBe("invalid character 'a' looking for beginning of object key string");
    expect(goJsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError('{"a":1 "b"}')).toBe(`invalid character '"' after object key:value pair`);
    expect(goJsonSyntaxError('[1 2]')).toBe("invalid character '2' after array element");
    expect(goJsonSyntaxError('[1] x')).toBe("invalid character 'x' after top-level value");
    expect(goJsonSyntaxError("'a'")).toBe("invalid character '\\'' looking for beginning of value");
    expect(goJsonSyntaxError('-x')).toBe("invalid character 'x' in numeric literal");
    expect(goJsonSyntaxError('"\\q"')).toBe("invalid character 'q' in string escape code");
    expect(goJsonSyntaxError('"a\tb"')).toBe("invalid character '\\t' in string literal");
  });

  it('says the input ended early', () => {
    for (const t of ['', '  ', '{', '{"a":', '[1,', '"abc', 'tru']) expect(goJsonSyntaxError(t), t).toBe('unexpected end of JSON input');
  });
});
