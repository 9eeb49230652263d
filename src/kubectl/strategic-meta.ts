// The strategic-merge machinery both directions share: the patch metadata (patchStrategy / patchMergeKey struct
// tags of the 1.35 core/v1, apps/v1 and meta/v1 types, field types from the API server's schema table), Go's
// value formatting for error texts and ordering, the error texts, and the list helpers of
// apimachinery/pkg/util/strategicpatch/patch.go.
import { STRUCTS } from '../engine/api/schema-types.ts';
import { badRequest, has, isObj, type J, type Obj, PatchError } from './json.ts';

// apiserver handlers/patch.go interpretStrategicMergePatchError: these sentinel errors are a 400, lists of lists
// a 422, every other merge error a plain error (a 500 without reason).
export const plain = (msg: string): PatchError => new PatchError(msg);
const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
export const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys';
export const ERR_SET_ORDER = 'invalid patch format of setElementOrder list';

// ---------------------------------------------------------------------------------------------------------
// Go formatting, for error texts and for the %v-string ordering the diff uses.

// Models strconv.FormatFloat(f, 'g', -1, 64), which fmt's %v uses for float64.
function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

// fmt %v of a decoded JSON value. Integral numbers print as int64: both the API server (sigs.k8s.io/json
// PreserveInts) and kubectl's three-way diff (apimachinery util/json.Unmarshal) decode them so.
export function goV(v: J): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isObj(v)) return `map[${Object.keys(v).sort(byteOrder).map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

// fmt %s of a decoded JSON value: strings as they are, anything else as fmt's %!s(type=value) complaint.
function goS(v: J): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(goS).join(' ')}]`;
  if (isObj(v)) return `map[${Object.keys(v).sort(byteOrder).map((k) => `${k}:${goS(v[k])}`).join(' ')}]`;
  return `%!s(${goTypeName(v)}=${goV(v)})`;
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// reflect.TypeOf(v).String() for a decoded JSON value.
function goTypeName(v: J): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObj(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

// The kind reflect compares: two values of different kinds never merge.
export function goKind(v: J): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isObj(v)) return 'map';
  return typeof v;
}

export const errNoMergeKey = (m: Obj, key: string): PatchError => plain(`map: ${goV(m)} does not contain declared merge key: ${key}`);
export const errBadPatchType = (d: J, m: Obj): PatchError => plain(`unknown patch type: ${goS(d)} in map: ${goV(m)}`);
export const errBadArgType = (expected: string, actual: J): PatchError => plain(`expected a ${expected}, but received a ${goTypeName(actual)}`);
export const MAP_T = 'map[string]interface {}';
export const SLICE_T = '[]interface {}';

// ---------------------------------------------------------------------------------------------------------
// Patch metadata: the patchStrategy/patchMergeKey struct tags, by `Struct.field`.

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_PREFIX = '$deleteFromPrimitiveList';
export const ORDER_PREFIX = '$setElementOrder';

/** Fields with `patchStrategy:"merge"` (lists of maps name their patchMergeKey; `retainKeys` adds that strategy). */
const MERGE_FIELDS: Record<string, { key?: string; retainKeys?: boolean }> = {
  'ObjectMeta.ownerReferences': { key: 'uid' },
  'ObjectMeta.finalizers': {},
  'PodSpec.volumes': { key: 'name', retainKeys: true },
  'PodSpec.initContainers': { key: 'name' },
  'PodSpec.containers': { key: 'name' },
  'PodSpec.ephemeralContainers': { key: 'name' },
  'PodSpec.imagePullSecrets': { key: 'name' },
  'PodSpec.hostAliases': { key: 'ip' },
  'PodSpec.topologySpreadConstraints': { key: 'topologyKey' },
  'PodSpec.schedulingGates': { key: 'name' },
  'PodSpec.resourceClaims': { key: 'name', retainKeys: true },
  'Container.ports': { key: 'containerPort' },
  'Container.env': { key: 'name' },
  'Container.volumeMounts': { key: 'mountPath' },
  'Container.volumeDevices': { key: 'devicePath' },
  'PodStatus.conditions': { key: 'type' },
  'PodStatus.podIPs': { key: 'ip' },
  'PodStatus.hostIPs': { key: 'ip' },
  'PodStatus.resourceClaimStatuses': { key: 'name', retainKeys: true },
  'ServiceSpec.ports': { key: 'port' },
  'ServiceStatus.conditions': { key: 'type' },
  'StatefulSetStatus.conditions': { key: 'type' },
  'PersistentVolumeClaimStatus.conditions': { key: 'type' },
  'NamespaceStatus.conditions': { key: 'type' },
  'NodeSpec.podCIDRs': {},
  'NodeStatus.conditions': { key: 'type' },
  'NodeStatus.addresses': { key: 'type' },
};

/** Struct types the schema table leaves as `any` but whose fields carry patch metadata. */
const FIELD_TYPES: Record<string, string> = {
  'Pod.status': 'PodStatus', 'Service.status': 'ServiceStatus', 'Namespace.status': 'NamespaceStatus',
  'Node.spec': 'NodeSpec', 'Node.status': 'NodeStatus', 'PodSpec.ephemeralContainers': '[]Container',
};

export interface FieldMeta { type: string; elem: string; merge: boolean; retainKeys: boolean; key: string }

// Models strategicpatch/meta.go PatchMetaFromStruct LookupPatchMetadataForStruct/ForSlice. A field the table
// does not know is a plain map or an atomic list.
export function lookup(type: string, field: string): FieldMeta {
  let t: string;
  if (type.startsWith('map[string]')) t = type.slice('map[string]'.length);
  else t = FIELD_TYPES[`${type}.${field}`] ?? STRUCTS[type]?.[field] ?? 'any';
  const m = type.startsWith('map[string]') ? undefined : MERGE_FIELDS[`${type}.${field}`];
  return { type: t, elem: t.startsWith('[]') ? t.slice(2) : 'any', merge: !!m, retainKeys: !!m?.retainKeys, key: m?.key ?? '' };
}

export function rootType(...objs: J[]): string {
  for (const o of objs) if (isObj(o) && typeof o.kind === 'string' && STRUCTS[o.kind]) return o.kind;
  return 'any';
}

// ---------------------------------------------------------------------------------------------------------
// Shared list helpers (strategicpatch/patch.go).

// sliceElementType: every element of every list has one kind, and lists of lists are refused.
export function sliceElementKind(...lists: (readonly J[])[]): string {
  let kind = '';
  for (const l of lists) {
    for (const v of l) {
      const k = goKind(v);
      if (!kind) {
        kind = k;
        if (k === 'slice') throw new PatchError('lists of lists are not supported', 422, 'Invalid');
      } else if (k !== kind) throw plain(`list element types are not identical: ${goV(lists)}`);
    }
  }
  if (!kind) throw plain('no elements in any of the given slices');
  return kind;
}

export function findByKey(list: readonly J[], key: string, value: J): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isObj(v)) throw plain(`value for key ${i} is not a map.`);
    if (has(v, key) && v[key] === value) return i;
  }
  return -1;
}

function validateMergeKeyInLists(key: string, ...lists: (readonly J[])[]): void {
  for (const l of lists) {
    for (const v of l) {
      if (!isObj(v)) throw errBadArgType(MAP_T, v);
      if (!has(v, key)) throw errNoMergeKey(v, key);
    }
  }
}

export function extractToDeleteItems(l: readonly J[]): [J[], J[]] {
  const keep: J[] = [], del: J[] = [];
  for (const v of l) {
    if (!isObj(v)) throw errBadArgType(MAP_T, v);
    (v[DIRECTIVE] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

// index(): the position of the first item of `list` with the same merge key value (or the same scalar), -1
// when none. Built once per list: looking each item up afresh made sorting a long list cubic.
function indexer(list: readonly J[], key: string, kind: string): (v: J) => number {
  const val = (x: J): J => (kind === 'map' ? (isObj(x) ? x[key] ?? null : null) : x);
  const first = new Map<J, number>();
  list.forEach((x, i) => { if (!first.has(val(x))) first.set(val(x), i); });
  return (v) => first.get(val(v)) ?? -1;
}

// normalizeSliceOrder: a stable sort by the position in `order` (sort.SliceStable; items absent from the order
// compare as "less", as upstream's comparator does), delete directives last.
export function normalizeSliceOrder(toSort: readonly J[], order: readonly J[], key: string, kind: string): J[] {
  let items = [...toSort];
  let del: J[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(key, items, order);
    [items, del] = extractToDeleteItems(items);
  }
  const indexOf = indexer(order, key, kind);
  const pos = items.map(indexOf);
  let sorted: J[];
  if (pos.every((p) => p >= 0)) {
    // Every item is in the order: the comparator is a strict weak order and any stable sort agrees.
    sorted = items.map((v, i) => ({ v, p: pos[i], i })).sort((a, b) => a.p - b.p || a.i - b.i).map((x) => x.v);
  } else {
    // Some are not: replay the insertion sort Go's SliceStable runs on short lists.
    const at = items.map((v, i) => ({ v, p: pos[i] }));
    const less = (a: { p: number }, b: { p: number }): boolean => (a.p >= 0 && b.p >= 0 ? a.p < b.p : true);
    for (let i = 1; i < at.length; i++) {
      for (let j = i; j > 0 && less(at[j], at[j - 1]); j--) [at[j], at[j - 1]] = [at[j - 1], at[j]];
    }
    sorted = at.map((x) => x.v);
  }
  return [...sorted, ...del];
}

// mergeSortedSlice: interleaves server-only items (left) into patch items (right), keeping each list's order;
// a left item goes first only when both are in the live order and it comes earlier there.
function mergeSortedSlice(left: readonly J[], right: readonly J[], serverOrder: readonly J[], key: string, kind: string): J[] {
  const indexOf = indexer(serverOrder, key, kind);
  const out: J[] = [];
  let i = 0, j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(left[i]), ri = indexOf(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(patch: readonly J[], serverOnly: readonly J[], patchOrder: readonly J[], serverOrder: readonly J[], key: string, kind: string): J[] {
  const p = normalizeSliceOrder(patch, patchOrder, key, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, key, kind);
  return mergeSortedSlice(s, p, serverOrder, key, kind);
}

export function partitionPrimitives(list: readonly J[], by: readonly J[]): [J[], J[]] {
  const inPatch = new Set(by);
  return [list.filter((v) => inPatch.has(v)), list.filter((v) => !inPatch.has(v))];
}

export function partitionMaps(list: readonly J[], by: readonly J[], key: string): [J[], J[]] {
  const inPatch: J[] = [], serverOnly: J[] = [];
  for (const v of list) {
    if (!isObj(v)) throw errBadArgType(MAP_T, v);
    if (!has(v, key)) throw errNoMergeKey(v, key);
    (findByKey(by, key, v[key]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

// deduplicateScalars, with its swap-with-last removal.
export function dedupeScalars(list: J[]): J[] {
  let s = list;
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (s[i] === s[j]) {
        s[j] = s[last];
        s = s.slice(0, last);
        last--;
        j--;
      }
    }
  }
  return s;
}

export function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw badRequest(prefix === DELETE_PREFIX ? ERR_PRIMITIVE_LIST : ERR_SET_ORDER);
  }
  return s.slice(slash + 1);
}
