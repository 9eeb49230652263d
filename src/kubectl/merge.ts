// Client-side patch semantics, each a port of the upstream code the API server or kubectl runs:
// - strategicMerge: the API server's strategic merge patch (`kubectl patch`, the default --type).
//   Models apimachinery/pkg/util/strategicpatch/patch.go StrategicMergeMapPatch (mergeMap and friends).
// - threeWayPatch / threeWay: `kubectl apply`'s three-way patch, then applied as the server does.
//   Models strategicpatch/patch.go CreateThreeWayMergePatch (diffMaps and friends), called from
//   kubectl/pkg/cmd/apply/patcher.go patchSimple.
// - mergePatch: JSON merge patch (--type=merge). Models gopkg.in/evanphx/json-patch.v4 merge.go MergePatch.
// - jsonPatch (json-patch.ts): RFC 6902 (--type=json). Models gopkg.in/evanphx/json-patch.v4 patch.go Patch.Apply.
// Patch metadata (patchStrategy / patchMergeKey struct tags) comes from the core/v1, apps/v1 and meta/v1 types
// of Kubernetes 1.35; field types from the schema table the API server's decoding uses.
import { STRUCTS } from '../engine/api/schema-types.ts';
import { PatchError, badRequest, copy, has, isObj, jsonEqual, jsonKind, type J, type Obj } from './json.ts';

export { PatchError };

// apiserver handlers/patch.go interpretStrategicMergePatchError: these sentinel errors are a 400, lists of lists
// a 422, every other merge error a plain error (a 500 without reason).
const plain = (msg: string): PatchError => new PatchError(msg);
const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys';
const ERR_SET_ORDER = 'invalid patch format of setElementOrder list';

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
function goV(v: J): string {
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

function byteOrder(a: string, b: string): number {
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
function goKind(v: J): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isObj(v)) return 'map';
  return typeof v;
}

const errNoMergeKey = (m: Obj, key: string): PatchError => plain(`map: ${goV(m)} does not contain declared merge key: ${key}`);
const errBadPatchType = (d: J, m: Obj): PatchError => plain(`unknown patch type: ${goS(d)} in map: ${goV(m)}`);
const errBadArgType = (expected: string, actual: J): PatchError => plain(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const MAP_T = 'map[string]interface {}';
const SLICE_T = '[]interface {}';

// ---------------------------------------------------------------------------------------------------------
// Patch metadata: the patchStrategy/patchMergeKey struct tags, by `Struct.field`.

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_PREFIX = '$deleteFromPrimitiveList';
const ORDER_PREFIX = '$setElementOrder';

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

interface FieldMeta { type: string; elem: string; merge: boolean; retainKeys: boolean; key: string }

// Models strategicpatch/meta.go PatchMetaFromStruct LookupPatchMetadataForStruct/ForSlice. A field the table
// does not know is a plain map or an atomic list.
function lookup(type: string, field: string): FieldMeta {
  let t: string;
  if (type.startsWith('map[string]')) t = type.slice('map[string]'.length);
  else t = FIELD_TYPES[`${type}.${field}`] ?? STRUCTS[type]?.[field] ?? 'any';
  const m = type.startsWith('map[string]') ? undefined : MERGE_FIELDS[`${type}.${field}`];
  return { type: t, elem: t.startsWith('[]') ? t.slice(2) : 'any', merge: !!m, retainKeys: !!m?.retainKeys, key: m?.key ?? '' };
}

function rootType(...objs: J[]): string {
  for (const o of objs) if (isObj(o) && typeof o.kind === 'string' && STRUCTS[o.kind]) return o.kind;
  return 'any';
}

// ---------------------------------------------------------------------------------------------------------
// Shared list helpers (strategicpatch/patch.go).

// sliceElementType: every element of every list has one kind, and lists of lists are refused.
function sliceElementKind(...lists: (readonly J[])[]): string {
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

function findByKey(list: readonly J[], key: string, value: J): number {
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

function extractToDeleteItems(l: readonly J[]): [J[], J[]] {
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
function normalizeSliceOrder(toSort: readonly J[], order: readonly J[], key: string, kind: string): J[] {
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

function normalizeElementOrder(patch: readonly J[], serverOnly: readonly J[], patchOrder: readonly J[], serverOrder: readonly J[], key: string, kind: string): J[] {
  const p = normalizeSliceOrder(patch, patchOrder, key, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, key, kind);
  return mergeSortedSlice(s, p, serverOrder, key, kind);
}

function partitionPrimitives(list: readonly J[], by: readonly J[]): [J[], J[]] {
  const inPatch = new Set(by);
  return [list.filter((v) => inPatch.has(v)), list.filter((v) => !inPatch.has(v))];
}

function partitionMaps(list: readonly J[], by: readonly J[], key: string): [J[], J[]] {
  const inPatch: J[] = [], serverOnly: J[] = [];
  for (const v of list) {
    if (!isObj(v)) throw errBadArgType(MAP_T, v);
    if (!has(v, key)) throw errNoMergeKey(v, key);
    (findByKey(by, key, v[key]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

// deduplicateScalars, with its swap-with-last removal.
function dedupeScalars(list: J[]): J[] {
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

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw badRequest(prefix === DELETE_PREFIX ? ERR_PRIMITIVE_LIST : ERR_SET_ORDER);
  }
  return s.slice(slash + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Applying a strategic merge patch (mergeMap and friends).

interface MergeOptions { mergeParallelList: boolean; ignoreUnmatchedNulls: boolean }

// removeDirectives: a value new to the object loses every map that carries `$patch`.
function removeDirectives(v: J): [J, boolean] {
  if (isObj(v)) {
    if (has(v, DIRECTIVE)) return [null, false];
    for (const k of Object.keys(v)) {
      const [x, keep] = removeDirectives(v[k]);
      if (keep) v[k] = x; else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) return [v.flatMap((x) => { const [y, keep] = removeDirectives(x); return keep ? [y] : []; }), true];
  return [v, true];
}

function applyRetainKeysDirective(original: Obj, patch: Obj, opt: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opt.mergeParallelList) {
    if (has(original, RETAIN_KEYS)) {
      if (!jsonEqual(original[RETAIN_KEYS], retain)) {
        throw plain(`${goV(original[RETAIN_KEYS])} and ${goV(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw badRequest(ERR_RETAIN_KEYS);
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PREFIX) || k.startsWith(ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw badRequest(ERR_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function validatePatchWithSetOrderList(patchList: readonly J[], order: readonly J[], key: string): void {
  if (!order.length || !patchList.length) return;
  const items = key ? extractToDeleteItems(patchList)[0] : [...patchList];
  let p = 0, o = 0;
  while (p < items.length && o < order.length) {
    if (isObj(items[p]) && has(items[p] as Obj, DIRECTIVE)) { p++; continue; }
    if (mergeKeyValueEqual(items[p], order[o], key)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw plain(`the order in patch list:\n${goV(patchList)}\n doesn't match ${ORDER_PREFIX} list:\n${goV(order)}`);
  }
}

function mergeKeyValueEqual(a: J, b: J, key: string): boolean {
  if (!key) return a === b;
  if (!isObj(a)) throw errBadArgType(MAP_T, a);
  if (!isObj(b)) throw errBadArgType(MAP_T, b);
  if (!has(a, key)) throw errNoMergeKey(a, key);
  if (!has(b, key)) throw errNoMergeKey(b, key);
  return a[key] === b[key];
}

// mergePatchIntoOriginal: each `$setElementOrder/<list>` merges its list and then orders it — the order list
// first, then the patch list, then the live list.
function mergePatchIntoOriginal(original: Obj, patch: Obj, type: string, opt: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const order = patch[key];
    if (!opt.mergeParallelList) {
      if (has(original, key)) {
        if (!jsonEqual(original[key], order)) throw badRequest(ERR_SET_ORDER);
      } else original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(SLICE_T, order);
    const field = extractKey(key, ORDER_PREFIX);
    const foundOriginal = has(original, field), foundPatch = has(patch, field);
    let originalList: J[] = [], patchList: J[] = [];
    if (foundOriginal) {
      if (!Array.isArray(original[field])) throw errBadArgType(SLICE_T, original[field]);
      originalList = original[field] as J[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[field])) throw errBadArgType(SLICE_T, patch[field]);
      patchList = patch[field] as J[];
    }
    const meta = lookup(type, field);
    validatePatchWithSetOrderList(patchList, order, meta.key);
    let merged: J[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as J[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, meta, false, opt);
    else continue;
    const [inPatch, serverOnly] = meta.key ? partitionMaps(merged, order, meta.key) : partitionPrimitives(merged, order);
    const kind = sliceElementKind(originalList, patchList);
    original[field] = normalizeElementOrder(inPatch, serverOnly, order, originalList, meta.key, kind);
    delete patch[field];
  }
}

function mergeMap(original: Obj | null, patch: Obj, type: string, opt: MergeOptions): Obj {
  if (has(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') { delete patch[DIRECTIVE]; return patch; }
    if (d === 'delete') return {};
    throw errBadPatchType(d, patch);
  }
  const out: Obj = original ?? {};
  applyRetainKeysDirective(out, patch, opt);
  mergePatchIntoOriginal(out, patch, type, opt);
  for (const pk of Object.keys(patch)) {
    const patchV = patch[pk];
    let k = pk;
    let isDeleteList = false;
    if (k.startsWith(DELETE_PREFIX)) {
      if (!opt.mergeParallelList) { out[k] = patchV; continue; }
      k = extractKey(k, DELETE_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opt.ignoreUnmatchedNulls) continue;
    }
    if (!has(out, k) || goKind(out[k]) !== goKind(patchV)) {
      if (!isDeleteList) {
        if (opt.ignoreUnmatchedNulls) pruneNulls(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) out[k] = v; else delete out[k];
      }
      continue;
    }
    const kind = goKind(out[k]);
    if (kind === 'map') {
      out[k] = mergeMap(out[k] as Obj, patchV as Obj, lookup(type, k).type, opt);
    } else if (kind === 'slice') {
      out[k] = mergeSliceHandler(out[k] as J[], patchV as J[], lookup(type, k), isDeleteList, opt);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) out[k] = v; else delete out[k];
    }
  }
  return out;
}

function mergeSliceHandler(original: J[], patch: J[], meta: FieldMeta, isDeleteList: boolean, opt: MergeOptions): J[] {
  // A delete list is handled the same way whatever the field's strategy.
  if (meta.merge || isDeleteList) return mergeSlice(original, patch, meta, opt, isDeleteList);
  return patch;
}

function mergeSlice(original0: J[], patch0: J[], meta: FieldMeta, opt: MergeOptions, isDeleteList: boolean): J[] {
  let original = original0, patch = patch0;
  if (!original.length && !patch.length) return original;
  const kind = sliceElementKind(original, patch);
  const key = meta.key;
  let merged: J[];
  if (kind !== 'map') {
    if (opt.mergeParallelList && isDeleteList) {
      const del = new Set(patch);
      return original.filter((v) => !del.has(v));
    }
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!key) throw plain(`cannot merge lists without merge key for ${meta.elem}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, key);
    merged = [...original];
    for (const v of patch) {
      const item = v as Obj;
      if (!has(item, key)) throw errNoMergeKey(item, key);
      const i = findByKey(merged, key, item[key]);
      if (i >= 0) merged[i] = mergeMap(merged[i] as Obj, item, meta.elem, opt);
      else merged.push(v);
    }
  }
  const [inPatch, serverOnly] = key ? partitionMaps(merged, patch, key) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, key, kind);
}

// mergeSliceWithSpecialElements: `$patch: delete` items remove their match, `$patch: replace` makes the rest
// of the patch list the whole list.
function mergeSliceWithSpecialElements(original: J[], patch: J[], key: string): [J[], J[]] {
  const rest: J[] = [];
  let replace = false;
  let out = original;
  for (const v of patch) {
    const item = v as Obj;
    if (!has(item, DIRECTIVE)) { rest.push(v); continue; }
    const d = item[DIRECTIVE];
    if (d === 'delete') {
      if (!has(item, key)) throw errNoMergeKey(item, key);
      for (let i = findByKey(out, key, item[key]); i >= 0; i = findByKey(out, key, item[key])) out = [...out.slice(0, i), ...out.slice(i + 1)];
    } else if (d === 'replace') replace = true;
    else if (d === 'merge') throw plain('merging lists cannot yet be specified in the patch');
    else throw errBadPatchType(d, item);
  }
  return replace ? [rest, []] : [out, rest];
}

/**
 * Applies a strategic merge patch as the API server does: maps merge, `null` deletes, lists with a merge key
 * merge item by item (new items ordered by the patch, live-only items kept in place), other lists are replaced;
 * directives `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/…` and `$setElementOrder/…` apply.
 * The field metadata comes from `target.kind`. Throws PatchError with the API server's status.
 */
export function strategicMerge(target: J, patch: J): J {
  if (patch === null) return copy(target);
  if (!isObj(patch)) {
    throw badRequest(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  const original = isObj(target) ? copy(target) : {};
  const out = mergeMap(original, copy(patch), rootType(target, patch), { mergeParallelList: true, ignoreUnmatchedNulls: true });
  // A null the merge keeps (inside a list item new to the list, a replaced list or map) is dropped when the
  // API server decodes the result into the typed object (handlers/patch.go applyPatchToObject).
  pruneNulls(out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// kubectl apply's three-way patch (diffMaps and friends).

interface DiffOptions { setElementOrder: boolean; ignoreChangesAndAdditions: boolean; ignoreDeletions: boolean; buildRetainKeys: boolean }

// Lists are compared by the %v text of their merge keys (or values).
const keyText = goV;

// sort.Sort with upstream's "less or equal" comparator (sort.StringsAreSorted of the two texts). Up to 12
// items Go's pdqsort is an insertion sort, which that comparator makes swap equal neighbours: items with the
// same merge key (duplicate env names) end up reversed, and diffListsOfMaps pairs them up in that order.
// Longer lists are sorted stably (an approximation, only visible with duplicate keys).
function sortByText(list: readonly J[], text: (v: J) => string): J[] {
  const items = list.map((v, i) => ({ v, i, t: text(v) }));
  if (items.length > 12) return items.sort((a, b) => byteOrder(a.t, b.t) || a.i - b.i).map((x) => x.v);
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && items[j].t <= items[j - 1].t; j--) [items[j], items[j - 1]] = [items[j - 1], items[j]];
  }
  return items.map((x) => x.v);
}

function diffMaps(original: Obj, modified: Obj, type: string, o: DiffOptions): Obj {
  const patch: Obj = {};
  const retain: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeys && mv !== null) retain.push(key);
    if (!has(original, key)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw plain(`invalid value for special key: ${DIRECTIVE}`);
      if (mv !== ov) patch[DIRECTIVE] = mv;
      continue;
    }
    if (goKind(ov) !== goKind(mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const meta = lookup(type, key);
    if (isObj(ov)) {
      const p = diffMaps(ov, mv as Obj, meta.type, { ...o, buildRetainKeys: false });
      if (Object.keys(p).length) patch[key] = p;
    } else if (Array.isArray(ov)) {
      if (meta.merge) {
        const { add, del, order } = diffLists(ov, mv as J[], meta, { ...o, buildRetainKeys: meta.retainKeys });
        if (add.length) patch[key] = add;
        if (del.length) patch[`${DELETE_PREFIX}/${key}`] = del;
        if (order.length) patch[`${ORDER_PREFIX}/${key}`] = order;
      } else if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) patch[key] = mv;
    } else if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) patch[key] = mv;
  }
  if (!o.ignoreDeletions) for (const key of Object.keys(original)) if (!has(modified, key)) patch[key] = null;
  const extra = Object.keys(original).some((k) => original[k] !== null && !has(modified, k));
  if (retain.length && (Object.keys(patch).length || extra)) patch[RETAIN_KEYS] = sortByText(retain, keyText);
  return patch;
}

function diffLists(original: J[], modified: J[], meta: FieldMeta, o: DiffOptions): { add: J[]; del: J[]; order: J[] } {
  const none = { add: [], del: [], order: [] };
  if (!original.length) return !modified.length || o.ignoreChangesAndAdditions ? none : { add: modified, del: [], order: [] };
  const kind = sliceElementKind(original, modified);
  const key = meta.key;
  if (kind === 'map') {
    const [changed, deletions] = diffListsOfMaps(original, modified, meta, o);
    const add = [...normalizeSliceOrder(changed, modified, key, kind), ...deletions];
    const orderSame = original.length === modified.length && original.every((v, i) => mergeKeyValueEqual(v, modified[i], key));
    const wantOrder = o.setElementOrder
      && ((!o.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!o.ignoreDeletions && add.length > 0));
    return { add, del: [], order: wantOrder ? modified.map((v) => ({ [key]: (v as Obj)[key] })) : [] };
  }
  const [added, deleted] = diffListsOfScalars(original, modified, o);
  const add = normalizeSliceOrder(added, modified, key, kind);
  const wantOrder = o.setElementOrder
    && ((!o.ignoreDeletions && deleted.length > 0) || (!o.ignoreChangesAndAdditions && !jsonEqual(original, modified)));
  return { add, del: deleted, order: wantOrder ? modified : [] };
}

// diffListsOfMaps: walks both lists sorted by merge key; a changed item becomes its diff plus its key, a new
// item is sent whole, a dropped one becomes `{key: value, $patch: delete}`.
function diffListsOfMaps(original: J[], modified: J[], meta: FieldMeta, o: DiffOptions): [J[], J[]] {
  const key = meta.key;
  const keyed = (list: J[]): { m: Obj; v: J; t: string }[] => sortByText(list, (x) => keyText(isObj(x) ? x[key] : null)).map((x) => {
    if (!isObj(x)) throw errBadArgType(MAP_T, x);
    if (!has(x, key)) throw errNoMergeKey(x, key);
    return { m: x, v: x[key], t: keyText(x[key]) };
  });
  const os = keyed(original), ms = keyed(modified);
  const patch: J[] = [], deletions: J[] = [];
  let i = 0, j = 0;
  while (i < os.length || j < ms.length) {
    if (i < os.length && j < ms.length && os[i].t === ms[j].t) {
      const p = diffMaps(os[i].m, ms[j].m, meta.elem, o);
      if (Object.keys(p).length) patch.push({ ...p, [key]: ms[j].v });
      i++; j++;
    } else if (i >= os.length || (j < ms.length && os[i].t > ms[j].t)) {
      if (!o.ignoreChangesAndAdditions) patch.push(ms[j].m);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push({ [key]: os[i].v, [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return [patch, deletions];
}

function diffListsOfScalars(original: J[], modified: J[], o: DiffOptions): [J[], J[]] {
  const os = sortByText(original, keyText), ms = sortByText(modified, keyText);
  const add: J[] = [], del: J[] = [];
  let i = 0, j = 0;
  while (i < os.length || j < ms.length) {
    const ot = i < os.length ? keyText(os[i]) : '', mt = j < ms.length ? keyText(ms[j]) : '';
    if (i < os.length && j < ms.length && ot === mt) { i++; j++; }
    else if (i >= os.length || (j < ms.length && ot > mt)) {
      if (!o.ignoreChangesAndAdditions) add.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push(os[i]);
      i++;
    }
  }
  return [add, dedupeScalars(del)];
}

/**
 * kubectl apply's patch (CreateThreeWayMergePatch with overwrite): the changes from `live` to `modified`
 * without deletions, plus the deletions from `original` (the last-applied configuration) to `modified`.
 * `{}` means kubectl sends nothing and prints `unchanged`. Throws PatchError with the Go error text.
 */
export function threeWayPatch(original: J, modified: J, live: J): Obj {
  const type = rootType(live, modified);
  const cur = isObj(live) ? copy(live) : {}, mod = isObj(modified) ? copy(modified) : {};
  const orig = isObj(original) ? copy(original) : {};
  const delta = diffMaps(cur, mod, type, { ignoreDeletions: true, setElementOrder: true, ignoreChangesAndAdditions: false, buildRetainKeys: false });
  const deletions = diffMaps(orig, copy(mod), type, { setElementOrder: true, ignoreChangesAndAdditions: true, ignoreDeletions: false, buildRetainKeys: false });
  return mergeMap(deletions, delta, type, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** The object kubectl apply leaves: its three-way patch applied to `live` as the API server applies it. */
export function threeWay(original: J, modified: J, live: J): J {
  return strategicMerge(live, threeWayPatch(original, modified, live));
}

// ---------------------------------------------------------------------------------------------------------
// JSON merge patch (evanphx/json-patch v4 merge.go).

// Drops null members of objects at any depth (json-patch v4 pruneNulls; strategicpatch's
// discardNullValuesFromPatch is the same walk). Nulls in arrays stay.
function pruneNulls(v: J): void {
  if (isObj(v)) {
    for (const k of Object.keys(v)) if (v[k] === null) delete v[k]; else pruneNulls(v[k]);
  } else if (Array.isArray(v)) v.forEach((x) => { if (x !== null) pruneNulls(x); });
}

function mergeDocs(doc: Obj, patch: Obj): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) { delete doc[k]; continue; }
    const cur = doc[k];
    if (cur === undefined || cur === null || !isObj(cur)) {
      // Not a document to merge into: the patch value replaces it, its nested nulls pruned.
      pruneNulls(v);
      doc[k] = v;
    } else if (!isObj(v)) doc[k] = v;
    else mergeDocs(cur, v);
  }
}

/**
 * JSON merge patch (RFC 7386) as the API server's json-patch v4 applies it: objects merge, `null` deletes,
 * anything else replaces; a replacing value loses the `null` members of its objects.
 */
export function mergePatch(target: J, patch: J): J {
  if (patch === null || (!isObj(patch) && !Array.isArray(patch))) throw badRequest('Invalid JSON Patch');
  const p = copy(patch);
  if (Array.isArray(p) || !isObj(target)) {
    pruneNulls(p);
    return p;
  }
  const doc = copy(target);
  mergeDocs(doc, p);
  return doc;
}
