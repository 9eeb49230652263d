// `kubectl apply`'s three-way patch: the changes from the live object to the manifest, plus the deletions from
// the last-applied configuration. Models apimachinery/pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch
// (diffMaps and friends), called from kubectl/pkg/cmd/apply/patcher.go patchSimple.
import { copy, has, isObj, type J, jsonEqual, type Obj } from './json.ts';
import { byteOrder, dedupeScalars, DELETE_PREFIX, DIRECTIVE, errBadArgType, errNoMergeKey, type FieldMeta, goKind, goV, lookup, MAP_T, normalizeSliceOrder, ORDER_PREFIX, plain, RETAIN_KEYS, rootType, sliceElementKind } from './strategic-meta.ts';
import { mergeKeyValueEqual, mergeMap, strategicMerge } from './merge.ts';

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

/**
 * The two-way patch from `original` to `modified` (CreateTwoWayMergePatch, as `kubectl edit` sends it): changes,
 * additions and deletions, with `$setElementOrder` for merged lists. Throws PatchError with the Go error text.
 */
export function twoWayPatch(original: J, modified: J): Obj {
  const type = rootType(original, modified);
  return diffMaps(isObj(original) ? copy(original) : {}, isObj(modified) ? copy(modified) : {}, type,
    { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeys: false });
}

/** The object kubectl apply leaves: its three-way patch applied to `live` as the API server applies it. */
export function threeWay(original: J, modified: J, live: J): J {
  return strategicMerge(live, threeWayPatch(original, modified, live));
}
