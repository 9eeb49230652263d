// JSON values as kubectl's patch code handles them (decoded JSON, deep equality and copy, Go's kind words), and
// the error a patch fails with, rendered as kubectl prints the API server's answer. Shared by merge.ts
// (strategic merge, three-way, JSON merge patch) and json-patch.ts (RFC 6902).

/** A JSON value, and a JSON object. */
export type J = unknown;
export type Obj = Record<string, J>;
/** Whether a JSON value is an object (not an array, not null). */
export const isObj = (v: J): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
/** Own-property test. */
export const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
/** The word encoding/json's UnmarshalTypeError uses for a JSON value (`cannot unmarshal array into …`). */
export const jsonKind = (v: J): string =>
  (v === null ? 'null' : Array.isArray(v) ? 'array' : isObj(v) ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

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

/** A deep copy of a JSON value. */
export const copy = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)) as T);

/**
 * A patch the API server (or kubectl, for apply's three-way diff) refuses. `code`/`reason` are the HTTP status
 * the API server answers with; `message` is the upstream error text.
 */
export class PatchError extends Error {
  constructor(message: string, readonly code = 500, readonly reason: '' | 'BadRequest' | 'Invalid' = '') {
    super(message);
    this.name = 'PatchError';
  }

  /**
   * How kubectl prints this error when the API server returns it (cmd/util/helpers.go checkErr): a 422 made by
   * NewGenericServerResponse carries no causes, so only its generic message shows; a plain Go error comes back
   * as a reason-less 500.
   */
  get kubectlText(): string {
    if (this.reason === 'Invalid') return 'The request is invalid: the server rejected our request due to an error in our request';
    return this.reason ? `Error from server (${this.reason}): ${this.message}` : `Error from server: ${this.message}`;
  }
}

/** A 400 BadRequest patch error. */
export const badRequest = (msg: string): PatchError => new PatchError(msg, 400, 'BadRequest');
