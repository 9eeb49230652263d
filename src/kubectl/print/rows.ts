// A table's header and rows for `get`: the kind's columns plus NAMESPACE (-A), the `kind/` name prefix,
// `-L` label columns and `--show-labels`. Models the human-readable printer's decorations.
import type { KObject, Kind } from '../../engine/api/types.ts';
import { labelsString } from '../../engine/api/labels.ts';
import { kindGroup } from '../resources.ts';
import { COLUMNS } from './columns.ts';

/** How one group of a table is decorated. */
export interface TableSpec {
  kind: Kind;
  wide: boolean;
  withNamespace: boolean;
  withKind: boolean;
  labelColumns: readonly string[];
  showLabels: boolean;
}

/** `-L controller-revision-hash` → `CONTROLLER-REVISION-HASH`; `-L apps.kubernetes.io/pod-index` → `POD-INDEX`. */
export function labelColumnHeader(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).toUpperCase();
}

/** The header cells. */
export function headerRow(spec: TableSpec): string[] {
  const c = COLUMNS[spec.kind];
  return [
    ...(spec.withNamespace ? ['NAMESPACE'] : []),
    ...(spec.wide && c.wideTable ? c.wideTable : [...c.headers, ...(spec.wide ? c.wideHeaders : [])]),
    ...spec.labelColumns.map(labelColumnHeader),
    ...(spec.showLabels ? ['LABELS'] : []),
  ];
}

/**
 * One cell as the table printer writes it: cut at the first line break (`\n`, `\r`, form feed) with `...` after
 * it, and ESC shown as `^[`. Models cli-runtime printers/tableprinter.go printTable and terminal.go WriteEscaped.
 */
export function printableCell(cell: string): string {
  const br = cell.search(/[\f\n\r]/);
  const text = br >= 0 ? cell.slice(0, br) : cell;
  return text.replaceAll('\x1b', '^[') + (br >= 0 ? '...' : '');
}

/** The cells of one object. */
export function objectRow(spec: TableSpec, o: KObject, wallNowMs: number): string[] {
  const c = COLUMNS[spec.kind];
  const cells = c.cells(o, wallNowMs, spec.wide);
  // The `kind/` prefix goes on the server's name column (tableprinter.go decorateTable); Event's is NAME, shown
  // only with -o wide.
  const nameAt = c.nameColumn ? (spec.wide ? c.nameColumn.wide : c.nameColumn.normal) : 0;
  if (spec.withKind && nameAt !== null) cells[nameAt] = `${kindGroup(spec.kind)}/${cells[nameAt]}`;
  const labels = o.metadata?.labels ?? {};
  return [
    ...(spec.withNamespace ? [o.metadata?.namespace ?? ''] : []),
    ...cells,
    ...spec.labelColumns.map((k) => labels[k] ?? ''),
    ...(spec.showLabels ? [labelsString(labels) || '<none>'] : []),
  ].map(printableCell);
}
