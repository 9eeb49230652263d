import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types.ts';
import { objectRow, printableCell, type TableSpec } from './rows.ts';

const NOW = Date.UTC(2026, 0, 1, 0, 10, 0);
const spec = (kind: TableSpec['kind'], wide: boolean): TableSpec => ({ kind, wide, withNamespace: false, withKind: true, labelColumns: [], showLabels: false });
const event = {
  metadata: { name: 'web-0.1886', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-0' },
  type: 'Normal', reason: 'Pulled', message: 'line one\nline two', lastTimestamp: '2026-01-01T00:09:50Z', firstTimestamp: '2026-01-01T00:09:50Z',
} as unknown as KObject;

describe('objectRow (tableprinter.go decorateTable / printTable)', () => {
  it('puts the kind prefix on the name column: Event\'s NAME, shown only with -o wide', () => {
    expect(objectRow(spec('Event', false), event, NOW)[0]).toBe('10s');
    const wide = objectRow(spec('Event', true), event, NOW);
    expect([wide[0], wide[9]]).toEqual(['10s', 'event/web-0.1886']);
    expect(objectRow(spec('Pod', false), { metadata: { name: 'web-0' }, spec: { containers: [] } } as KObject, NOW)[0]).toBe('pod/web-0');
  });

  it('cuts a cell at its first line break and shows ESC as ^[', () => {
    expect(objectRow(spec('Event', false), event, NOW)[4]).toBe('line one...');
    expect(printableCell('a\rb')).toBe('a...');
    expect(printableCell('x\x1b[31my')).toBe('x^[[31my');
    expect(printableCell('plain')).toBe('plain');
  });
});
