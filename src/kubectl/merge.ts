// Client-side patch semantics, each a port of the upstream code the API server or kubectl runs:
// - strategicMerge: the API server's strategic merge patch (`kubectl patch`, the default --type).
//   Models apimachinery/pkg/util/strategicpatch/patch.go StrategicMergeMapPatch (mergeMap and friends).
// - threeWayPatch / threeWay (three-way.ts): `kubectl apply`'s three-way patch, then applied as the server does.
// - mergePatch: JSON merge patch (--type=merge). Models gopkg.in/evanphx/json-patch.v4 merge.go MergePatch.
// - jsonPatch (json-patch.ts): RFC 6902 (--type=json). Models gopkg.in/evanphx/json-patch.v4 patch.go Patch.Apply.
// Patch metadata and the shared list helpers live in strategic-meta.ts.
import { badRequest, copy, has, isObj, type J, jsonEqual, jsonKind, type Obj } from './json.ts';
import { dedupeScalars, DELETE_PREFIX, DIRECTIVE, ERR_RETAIN_KEYS, ERR_SET_ORDER, errBadArgType, errBadPatchType, errNoMergeKey, extractKey, extractToDeleteItems, type FieldMeta, findByKey, goKind, goV, lookup, MAP_T, normalizeElementOrder, ORDER_PREFIX, partitionMaps, partitionPrimitives, plain, RETAIN_KEYS, rootType, SLICE_T, sliceElementKind } from './strategic-meta.ts';

export { PatchError } from './json.ts';

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

export function mergeKeyValueEqual(a: J, b: J, key: string): boolean {
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

export function mergeMap(original: Obj | null, patch: Obj, type: string, opt: MergeOptions): Obj {
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
