import { expect, it } from 'vitest';
import { formatVirtual } from './format-virtual.ts';

it('formats virtual time', () => {
  expect(formatVirtual(0)).toBe('+0:00.000');
  expect(formatVirtual(65_250)).toBe('+1:05.250');
});
