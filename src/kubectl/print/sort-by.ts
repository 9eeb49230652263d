// `kubectl get --sort-by=<field>`: the objects of each type ordered by one JSONPath field, as kubectl's
// TableSorter / RuntimeSort do it: Go's sort.Sort (not stable) over a Less that puts objects without the field
// first, compares numbers by value, quantities by amount and other strings in natural order (digit runs as
// numbers). Models kubectl/pkg/cmd/get/sorter.go and kubectl/pkg/util/sortorder.
import { compareQuantity, parseQuantity } from '../../engine/api/quantity.ts';
import { KubectlError } from '../errors.ts';
import { goSort } from './go-sort.ts';
import { JsonPathError, JsonPathExecError, jsonpathValues } from './jsonpath.ts';

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`. Models RelaxedJSONPathExpression. */
export function relaxedJsonPath(expr: string): string | null {
  const m = RELAXED.exec(expr);
  return m ? `{.${m[1] || m[2]}}` : null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Natural order: digit runs compare as numbers, digits before other characters. Models sortorder.NaturalLess. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a.charCodeAt(i), c2 = b.charCodeAt(j);
    const d1 = isDigit(c1), d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++; j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const n1 = i, n2 = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    if (i - n1 !== j - n2) return i - n1 < j - n2;
    const r1 = a.slice(n1, i), r2 = b.slice(n2, j);
    if (r1 !== r2) return r1 < r2;
    if (n1 !== n2) return n1 < n2;
  }
  return a.length < b.length;
}

// Models isLess over the decoded JSON values. A JSON null is a nil interface there, which sorts first (so Events
// written through events.k8s.io, whose lastTimestamp is null, lead a --sort-by=.lastTimestamp list).
function isLess(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === null && b !== null;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = parseQuantity(a), qb = qa.ok ? parseQuantity(b) : qa;
    if (qa.ok && qb.ok) return compareQuantity(qa.q, qb.q) < 0;
    return naturalLess(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return naturalLess(JSON.stringify(a) ?? '', JSON.stringify(b) ?? '');
}

/** RelaxedJSONPathExpression's error for a --sort-by it cannot read as a path. */
export const UNEXPECTED_PATH = "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";

/**
 * Sorts objects (as served) by `sortBy`; an error in kubectl's words when no object has the field. `runtime`: the
 * sorter of objects (SortObjects), which refuses a --sort-by that is not a path; a table's sorter reads it as a
 * template as it is.
 */
export function sortObjects<T>(items: T[], sortBy: string, served: (x: T) => unknown, runtime = false): T[] {
  // One object is printed as it is: neither sorter looks at the field then.
  if (items.length < 2) return items;
  const relaxed = relaxedJsonPath(sortBy);
  if (relaxed === null && runtime) throw new KubectlError(UNEXPECTED_PATH);
  const field = relaxed ?? sortBy;
  let values: unknown[][];
  try {
    values = items.map((x) => jsonpathValues(field, served(x)));
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(`error: sorting error: ${e.message}`);
    // A template that fails on an object (findJSONPathResults) is the sort's error as it is.
    if (e instanceof JsonPathExecError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  if (items.length > 0 && values.every((v) => v.length === 0)) {
    throw new KubectlError(`error: couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }
  const rows = items.map((item, i) => ({ item, v: values[i] }));
  goSort(rows, (x, y) => (x.v.length === 0 ? true : y.v.length === 0 ? false : isLess(x.v[0], y.v[0])));
  return rows.map((r) => r.item);
}
