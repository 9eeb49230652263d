// Client-side patch semantics: JSON merge patch (RFC 7386), a strategic merge patch with the merge keys of
// the kinds we serve, RFC 6902 JSON patch, and kubectl apply's three-way merge (last-applied vs new vs live).
// Models apimachinery strategicpatch (the subset these kinds use) and jsonpatch.

type J = unknown;
type Obj = Record<string, J>;
const isObj = (v: J): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** List fields merged by a key instead of replaced (patchMergeKey in the API types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', env: 'name',
  volumeMounts: 'mountPath', imagePullSecrets: 'name', ownerReferences: 'uid', conditions: 'type',
  hostAliases: 'ip', topologySpreadConstraints: 'topologyKey', readinessGates: 'conditionType',
};

// Container ports merge by containerPort, Service ports by port.
function mergeKey(field: string, items: readonly J[]): string | null {
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field] ?? null;
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: J, b: J): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined), kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

const copy = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)) as T);

/** RFC 7386 merge patch: objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: J, patch: J): J {
  if (!isObj(patch)) return copy(patch);
  const out: Obj = isObj(target) ? copy(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]; else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch: like a merge patch, but keyed lists merge item by item (`$patch: delete` removes one). */
export function strategicMerge(target: J, patch: J, field = ''): J {
  if (Array.isArray(patch)) {
    const key = mergeKey(field, patch);
    if (!key || !Array.isArray(target)) return copy(patch.filter((p) => !(isObj(p) && p.$patch === 'delete')));
    const out = copy(target) as J[];
    for (const p of patch) {
      if (!isObj(p)) continue;
      const i = out.findIndex((x) => isObj(x) && x[key] === p[key]);
      if (p.$patch === 'delete') { if (i >= 0) out.splice(i, 1); continue; }
      if (i >= 0) out[i] = strategicMerge(out[i], p); else out.push(strategicMerge(undefined, p));
    }
    return out;
  }
  if (!isObj(patch)) return copy(patch);
  if (patch.$patch === 'replace') { const { $patch: _p, ...rest } = patch; return copy(rest); }
  const out: Obj = isObj(target) ? copy(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k]; else out[k] = strategicMerge(out[k], v, k);
  }
  return out;
}

/**
 * kubectl apply's three-way merge, applied directly: fields of `modified` win over `live`; fields that were
 * in `original` (the last-applied configuration) but are gone from `modified` are removed; everything
 * else of `live` (defaults, server-set fields) stays. Keyed lists merge by key.
 */
export function threeWay(original: J, modified: J, live: J, field = ''): J {
  if (Array.isArray(modified)) {
    const key = mergeKey(field, modified);
    if (!key || !Array.isArray(live)) return copy(modified);
    const orig = Array.isArray(original) ? original : [];
    const find = (list: readonly J[], k: J): J => list.find((x) => isObj(x) && x[key] === k);
    const out: J[] = modified.map((m) => (isObj(m) ? threeWay(find(orig, m[key]), m, find(live, m[key])) : copy(m)));
    for (const l of live) {
      if (!isObj(l)) continue;
      const inMod = modified.some((m) => isObj(m) && m[key] === l[key]);
      const inOrig = orig.some((o) => isObj(o) && o[key] === l[key]);
      if (!inMod && !inOrig) out.push(copy(l));
    }
    return out;
  }
  if (!isObj(modified)) return copy(modified);
  const out: Obj = isObj(live) ? copy(live) : {};
  const orig = isObj(original) ? original : {};
  for (const [k, v] of Object.entries(modified)) {
    if (v === null) delete out[k]; else out[k] = threeWay(orig[k], v, out[k], k);
  }
  for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
  return out;
}

/** One RFC 6902 operation. */
export interface JsonPatchOp { op: string; path: string; value?: J; from?: string }

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`invalid JSON pointer "${path}"`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies an RFC 6902 patch; throws an Error with a jsonpatch-like message when an operation fails. */
export function jsonPatch(doc: J, ops: readonly JsonPatchOp[]): J {
  let root = copy(doc);
  const parentOf = (parts: string[]): { parent: J; last: string } => {
    let cur = root;
    for (const p of parts.slice(0, -1)) {
      const next = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
      if (next === undefined) throw new Error(`doc is missing path: "/${parts.join('/')}": missing value`);
      cur = next;
    }
    return { parent: cur, last: parts[parts.length - 1] };
  };
  const getAt = (path: string): J => {
    let cur = root;
    for (const p of pointer(path)) {
      cur = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
      if (cur === undefined) throw new Error(`doc is missing path: "${path}": missing value`);
    }
    return cur;
  };
  const remove = (path: string): J => {
    const parts = pointer(path);
    const { parent, last } = parentOf(parts);
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (!(i >= 0 && i < parent.length)) throw new Error(`unable to remove nonexistent key: ${last}: missing value`);
      return parent.splice(i, 1)[0];
    }
    if (!isObj(parent) || !(last in parent)) throw new Error(`unable to remove nonexistent key: ${last}: missing value`);
    const v = parent[last];
    delete parent[last];
    return v;
  };
  const add = (path: string, value: J, replace: boolean): void => {
    const parts = pointer(path);
    if (parts.length === 0) { root = copy(value); return; }
    const { parent, last } = parentOf(parts);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!(i >= 0 && i <= parent.length)) throw new Error(`add operation does not apply: doc is missing path: "${path}": missing value`);
      if (replace) parent[i] = copy(value); else parent.splice(i, 0, copy(value));
    } else if (isObj(parent)) {
      if (replace && !(last in parent)) throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      parent[last] = copy(value);
    } else throw new Error(`doc is missing path: "${path}": missing value`);
  };
  for (const op of ops) {
    switch (op.op) {
      case 'add': add(op.path, op.value, false); break;
      case 'replace': add(op.path, op.value, true); break;
      case 'remove': remove(op.path); break;
      case 'test': if (!jsonEqual(getAt(op.path), op.value)) throw new Error(`testing value ${op.path} failed: test failed`); break;
      case 'move': add(op.path, remove(op.from ?? ''), false); break;
      case 'copy': add(op.path, getAt(op.from ?? ''), false); break;
      default: throw new Error(`Unexpected kind: ${op.op}`);
    }
  }
  return root;
}
