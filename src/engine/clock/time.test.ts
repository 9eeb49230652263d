// RFC 3339 timestamps both ways, and Go's duration parsing errors.
import { describe, expect, it } from 'vitest';
import { goDurationError, parseRfc3339, rfc3339 } from './time.ts';

describe('parseRfc3339', () => {
  it('reads back what rfc3339 writes, fractions included, and an offset as the same instant', () => {
    const ms = Date.UTC(2026, 0, 1, 0, 4, 5, 250);
    expect(parseRfc3339(rfc3339(ms - 250))).toBe(ms - 250);
    expect(parseRfc3339('2026-01-01T00:04:05.25Z')).toBe(ms);
    expect(parseRfc3339('2026-01-01T08:04:05.25+08:00')).toBe(ms);
    expect(parseRfc3339('2025-12-31T19:04:05.25-05:00')).toBe(ms);
    expect(parseRfc3339('2026-01-01 00:04:05Z')).toBeNaN();
    expect(parseRfc3339('yesterday')).toBeNaN();
  });
});

describe('goDurationError', () => {
  it('takes what time.ParseDuration takes and words its refusals as Go does', () => {
    for (const ok of ['0', '30s', '1m30s', '-1.5h', '+2ms', '.5s']) expect(goDurationError(ok)).toBeNull();
    expect(goDurationError('30')).toBe('time: missing unit in duration "30"');
    expect(goDurationError('5q')).toBe('time: unknown unit "q" in duration "5q"');
    expect(goDurationError('')).toBe('time: invalid duration ""');
    expect(goDurationError('xyz')).toBe('time: invalid duration "xyz"');
  });
});
