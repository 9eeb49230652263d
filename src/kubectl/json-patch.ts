// RFC 6902 JSON patch (`kubectl patch --type=json`) as the API server applies it: a port of evanphx/json-patch v4
// patch.go, the copy the API server vendors as gopkg.in/evanphx/json-patch.v4, with its error texts.
import { PatchError, badRequest, copy, has, isObj, jsonKind, type J, type Obj } from './json.ts';

type Container = Obj | J[];
const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

// strconv.Atoi.
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (Math.abs(n) > 9223372036854775807) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const decodeKey = (k: string): string => k.replace(/~1/g, '/').replace(/~0/g, '~');

// The container operations: a document answers a missing key with nothing (not an error), so `replace` and
// `test` of a missing member behave as if it were null; an array checks its index.
function cGet(c: Container, key: string): J {
  if (!Array.isArray(c)) return has(c, key) ? c[key] : undefined;
  let i = atoi(key);
  if (i < 0) {
    if (i < -c.length) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
    i += c.length;
  }
  if (i >= c.length) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
  return c[i];
}

function cSet(c: Container, key: string, v: J): void {
  if (!Array.isArray(c)) { c[key] = v; return; }
  let i = atoi(key);
  if (i < 0) {
    if (i < -c.length) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
    i += c.length;
  }
  c[i] = v;
}

function cAdd(c: Container, key: string, v: J): void {
  if (!Array.isArray(c)) { c[key] = v; return; }
  if (key === '-') { c.push(v); return; }
  let i: number;
  try { i = atoi(key); } catch (e) { throw new Error(`value was not a proper array index: '${key}': ${(e as Error).message}`); }
  const size = c.length + 1;
  if (i >= size) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
  if (i < 0) {
    if (i < -size) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
    i += size;
  }
  c.splice(i, 0, v);
}

function cRemove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!has(c, key)) throw new Error(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c[key];
    return;
  }
  let i = atoi(key);
  if (i >= c.length) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
  if (i < 0) {
    if (i < -c.length) throw new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);
    i += c.length;
  }
  c.splice(i, 1);
}

// findObject: the container holding the last segment; every earlier segment must name an object or array.
function findObject(root: Container, path: string): [Container, string] | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  let doc: Container = root;
  for (const part of split.slice(1, -1)) {
    let next: J;
    try { next = cGet(doc, decodeKey(part)); } catch { return null; }
    if (Array.isArray(next) || isObj(next)) doc = next;
    else return null;
  }
  return [doc, decodeKey(split[split.length - 1])];
}

// lazyNode.equal: objects by members (same count), arrays by position, anything else by its JSON text.
function nodeEqual(a: J, b: J): boolean {
  if (isObj(a)) {
    if (!isObj(b) || Object.keys(a).length !== Object.keys(b).length) return false;
    return Object.keys(a).every((k) => has(b, k) && ((a[k] === null) === (b[k] === null)) && (a[k] === null || nodeEqual(a[k], b[k])));
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => nodeEqual(x, b[i]));
  return !isObj(b) && !Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The API server's typed first reading of a JSON patch body (handlers/patch.go applyJSPatch, under the Warn
 * field validation it defaults to when kubectl patch sends none): a 400 `error decoding patch` for a body that
 * is not a list of objects, or an op, path or from that is not a string. Passes anything else.
 */
export function decodeJsonPatchOps(body: unknown): void {
  const fail = (what: string): never => { throw badRequest(`error decoding patch: json: cannot unmarshal ${what}`); };
  if (body === null) return;
  if (!Array.isArray(body)) return fail(`${jsonKind(body)} into Go value of type []handlers.jsonPatchOp`);
  for (const op of body) {
    if (op === null) continue;
    if (!isObj(op)) return fail(`${jsonKind(op)} into Go value of type handlers.jsonPatchOp`);
    for (const [k, v] of Object.entries(op)) {
      if ((k === 'op' || k === 'path' || k === 'from') && v !== null && typeof v !== 'string') {
        return fail(`${jsonKind(v)} into Go struct field jsonPatchOp.${k} of type string`);
      }
    }
  }
}

/**
 * Applies an RFC 6902 patch as json-patch v4 does (DecodePatch, then Patch.Apply). Throws PatchError: a body
 * that does not decode is a 400, a failing operation a 422 whose message (json-patch's text) the API server
 * does not send back. A `null` body is an empty patch.
 */
export function jsonPatch(doc: J, body: unknown): J {
  if (body !== null && !Array.isArray(body)) throw badRequest(`json: cannot unmarshal ${jsonKind(body)} into Go value of type jsonpatch.Patch`);
  let root = copy(doc) as Container;
  for (const raw of body ?? []) {
    if (raw !== null && !isObj(raw)) throw badRequest(`json: cannot unmarshal ${jsonKind(raw)} into Go value of type jsonpatch.Operation`);
    const op: Obj = raw ?? {};
    try {
      root = applyOp(root, op);
    } catch (e) {
      throw new PatchError((e as Error).message, 422, 'Invalid');
    }
  }
  return root;
}

function applyOp(root: Container, op: Obj): Container {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const str = (field: 'path' | 'from'): string => {
    const v = op[field];
    if (v === undefined || v === null) throw new Error(field === 'path' ? `operation missing path field: ${MISSING}` : `operation, missing from field: ${MISSING}`);
    if (typeof v !== 'string') throw new Error(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
    return v;
  };
  const value = (): J => (has(op, 'value') ? copy(op.value) ?? null : null);
  const pathOr = (what: string, wrapMissing: boolean): string => {
    try { return str('path'); } catch (e) { throw new Error(`${what} operation failed to decode path: ${wrapMissing ? MISSING : (e as Error).message}`); }
  };
  switch (kind) {
    case 'add': {
      const path = pathOr('add', true);
      const f = findObject(root, path);
      if (!f) throw new Error(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      try { cAdd(f[0], f[1], value()); } catch (e) { throw new Error(`error in add for path: '${path}': ${(e as Error).message}`); }
      return root;
    }
    case 'remove': {
      const path = pathOr('remove', true);
      const f = findObject(root, path);
      if (!f) throw new Error(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      try { cRemove(f[0], f[1]); } catch (e) { throw new Error(`error in remove for path: '${path}': ${(e as Error).message}`); }
      return root;
    }
    case 'replace': {
      const path = pathOr('replace', false);
      if (path === '') {
        const v = value();
        if (!isObj(v) && !Array.isArray(v)) throw new Error('replace operation value must be object or array: %!w(<nil>)');
        return v;
      }
      const f = findObject(root, path);
      if (!f) throw new Error(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      try { cGet(f[0], f[1]); } catch { throw new Error(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`); }
      cSet(f[0], f[1], value());
      return root;
    }
    case 'move': {
      let from: string;
      try { from = str('from'); } catch (e) { throw new Error(`move operation failed to decode from: ${(e as Error).message}`); }
      const f = findObject(root, from);
      if (!f) throw new Error(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      let v: J;
      try { v = cGet(f[0], f[1]); cRemove(f[0], f[1]); } catch (e) { throw new Error(`error in move for path: '${f[1]}': ${(e as Error).message}`); }
      const path = pathOr('move', false);
      const t = findObject(root, path);
      if (!t) throw new Error(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      try { cAdd(t[0], t[1], v ?? null); } catch (e) { throw new Error(`error in move for path: '${path}': ${(e as Error).message}`); }
      return root;
    }
    case 'test': {
      const path = pathOr('test', false);
      if (path === '') {
        if (nodeEqual(root, has(op, 'value') ? op.value : undefined)) return root;
        throw new Error(`testing value ${path} failed: test failed`);
      }
      const f = findObject(root, path);
      if (!f) throw new Error(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      let v: J;
      try { v = cGet(f[0], f[1]); } catch (e) { throw new Error(`error in test for path: '${path}': ${(e as Error).message}`); }
      const want = has(op, 'value') ? op.value : undefined;
      if (v === undefined || v === null) {
        if (want === undefined || want === null) return root;
      } else if (want !== undefined && nodeEqual(v, want)) return root;
      throw new Error(`testing value ${path} failed: test failed`);
    }
    case 'copy': {
      let from: string;
      try { from = str('from'); } catch (e) { throw new Error(`copy operation failed to decode from: ${(e as Error).message}`); }
      const f = findObject(root, from);
      if (!f) throw new Error(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      let v: J;
      try { v = cGet(f[0], f[1]); } catch (e) { throw new Error(`error in copy for from: '${from}': ${(e as Error).message}`); }
      const path = pathOr('copy', true);
      const t = findObject(root, path);
      if (!t) throw new Error(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      try { cAdd(t[0], t[1], copy(v) ?? null); } catch (e) { throw new Error(`error while adding value during copy: ${(e as Error).message}`); }
      return root;
    }
    default:
      throw new Error(`Unexpected kind: ${kind}`);
  }
}
