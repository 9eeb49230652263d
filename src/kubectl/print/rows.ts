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

/** The cells of one object. */
export function objectRow(spec: TableSpec, o: KObject, wallNowMs: number): string[] {
  const cells = COLUMNS[spec.kind].cells(o, wallNowMs, spec.wide);
  if (spec.withKind) cells[0] = `${kindGroup(spec.kind)}/${cells[0]}`;
  const labels = o.metadata?.labels ?? {};
  return [
    ...(spec.withNamespace ? [o.metadata?.namespace ?? ''] : []),
    ...cells,
    ...spec.labelColumns.map((k) => labels[k] ?? ''),
    ...(spec.showLabels ? [labelsString(labels) || '<none>'] : []),
  ];
}
