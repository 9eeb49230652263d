// Strict decoding against the schema table: the API server's `unknown field "<path>"` errors and the JSON
// type errors (`json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type
// int32`). `withSchema` adds both checks to every kind's strategy.
import type { KindStrategy, StrategyRegistry } from './admission.ts';
import { parseQuantity, QUANTITY_REGEX_ERROR } from './quantity.ts';
import { STRUCTS } from './schema-types.ts';
import { KINDS, type Kind, type KObject } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// Models sigs.k8s.io/json strict decoding: every unknown key, with its dotted path and array indices.
function collectUnknown(v: unknown, type: string, path: string, out: string[]): void {
  if (v === null || v === undefined || type === 'any') return;
  if (type.startsWith('[]')) {
    if (Array.isArray(v)) v.forEach((x, i) => collectUnknown(x, type.slice(2), `${path}[${i}]`, out));
    return;
  }
  if (type.startsWith('map[string]')) {
    if (isObject(v)) for (const [k, x] of Object.entries(v)) collectUnknown(x, type.slice(11), `${path}[${k}]`, out);
    return;
  }
  const fields = STRUCTS[type];
  if (!fields || !isObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in fields)) out.push(p);
    else collectUnknown(x, fields[k], p, out);
  }
}

/** Every unknown field of an object of this kind, in document order. */
export function unknownFields(kind: Kind, obj: KObject): string[] {
  const out: string[] = [];
  collectUnknown(obj, kind, '', out);
  return out;
}

// A copy of `v` without the keys its type does not have (what a decoder that ignores unknown fields keeps).
function pruneUnknown(v: unknown, type: string): unknown {
  if (v === null || v === undefined || type === 'any') return v;
  if (type.startsWith('[]')) return Array.isArray(v) ? v.map((x) => pruneUnknown(x, type.slice(2))) : v;
  if (type.startsWith('map[string]')) {
    return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, pruneUnknown(x, type.slice(11))])) : v;
  }
  const fields = STRUCTS[type];
  if (!fields || !isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k in fields) out[k] = pruneUnknown(x, fields[k]);
  return out;
}

/** The object without its unknown fields (the API server's decoding under fieldValidation Warn or Ignore). */
export function withoutUnknownFields(kind: Kind, obj: KObject): KObject {
  return pruneUnknown(obj, kind) as KObject;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

// How a Go type prints in reflect (`v1.PodSpec`, `[]v1.Container`, `map[string]string`).
function goTypeName(type: string): string {
  if (type.startsWith('[]')) return '[]' + goTypeName(type.slice(2));
  if (type.startsWith('map[string]')) return 'map[string]' + goTypeName(type.slice(11));
  if (type === 'Quantity') return 'resource.Quantity';
  if (type === 'IntOrString') return 'intstr.IntOrString';
  if (type === 'Time') return 'v1.Time';
  return STRUCTS[type] ? `v1.${type}` : type;
}

// Models encoding/json type errors (the first one wins, like the decoder's saved error).
function findTypeError(v: unknown, type: string, struct: string, path: string): string | null {
  if (v === null || v === undefined || type === 'any') return null;
  const kind = jsonKind(v);
  const at = (value: string, t: string): string => `json: cannot unmarshal ${value} into Go struct field ${struct}.${path} of type ${t}`;
  if (type === 'Quantity') {
    if (kind !== 'string' && kind !== 'number') return QUANTITY_REGEX_ERROR;
    const r = parseQuantity(v as string | number);
    return r.ok ? null : r.error;
  }
  if (type === 'IntOrString') {
    // A number goes into the int32, whose error names the number (`number 0.5`).
    if (kind === 'string' || (kind === 'number' && Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647)) return null;
    return `json: cannot unmarshal ${kind === 'number' ? `number ${v as number}` : kind} into Go value of type int32`;
  }
  if (type === 'string' || type === 'Time') return kind === 'string' ? null : at(kind, 'string');
  if (type === 'bool') return kind === 'bool' ? null : at(kind, 'bool');
  if (type === 'int32' || type === 'int64') {
    if (kind !== 'number') return at(kind, type);
    const n = v as number;
    const max = type === 'int32' ? 2147483647 : Number.MAX_SAFE_INTEGER;
    return Number.isInteger(n) && Math.abs(n) <= max ? null : at(`number ${n}`, type);
  }
  if (type.startsWith('[]')) {
    if (kind !== 'array') return at(kind, goTypeName(type));
    for (const x of v as unknown[]) {
      const e = findTypeError(x, type.slice(2), struct, path);
      if (e) return e;
    }
    return null;
  }
  if (type.startsWith('map[string]')) {
    if (kind !== 'object') return at(kind, goTypeName(type));
    for (const x of Object.values(v as object)) {
      const e = findTypeError(x, type.slice(11), struct, path);
      if (e) return e;
    }
    return null;
  }
  const fields = STRUCTS[type];
  if (!fields) return null;
  if (kind !== 'object') return at(kind, goTypeName(type));
  for (const [k, x] of Object.entries(v as object)) {
    if (!(k in fields)) continue;
    const e = findTypeError(x, fields[k], type, path ? `${path}.${k}` : k);
    if (e) return e;
  }
  return null;
}

// reflect's Kind of a decoded JSON value in an unstructured object (integral numbers are int64).
function goKindOf(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

// Models runtime.DefaultUnstructuredConverter's fromUnstructured: the first value that cannot be set into the
// typed object, walking each struct's fields in their Go order.
function converterError(v: unknown, type: string): string | null {
  if (v === null || v === undefined || type === 'any') return null;
  const k = goKindOf(v);
  // Types with their own JSON decoding go through it.
  if (type === 'Quantity' || type === 'IntOrString') return findTypeError(v, type, '', '');
  if (type === 'Time') return k === 'string' ? null : `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
  if (type.startsWith('[]')) {
    if (k !== 'slice') return `cannot restore slice from ${k}`;
    for (const x of v as unknown[]) {
      const e = converterError(x, type.slice(2));
      if (e) return e;
    }
    return null;
  }
  if (type.startsWith('map[string]')) {
    if (k !== 'map') return `cannot restore map from ${k}`;
    for (const x of Object.values(v as object)) {
      const e = converterError(x, type.slice(11));
      if (e) return e;
    }
    return null;
  }
  const fields = STRUCTS[type];
  if (fields) {
    if (k !== 'map') return `cannot restore struct from: ${k}`;
    const o = v as Record<string, unknown>;
    for (const [f, t] of Object.entries(fields)) {
      if (!(f in o)) continue;
      const e = converterError(o[f], t);
      if (e) return e;
    }
    return null;
  }
  // Scalars: the same kind, or a numeric conversion JSON allows; anything else is refused.
  const int = type === 'int32' || type === 'int64';
  if (k === type || (k === 'int64' && int)) return null;
  if ((k === 'int64' && type === 'string') || (k === 'float64' && (int || type === 'string'))) return `cannot convert ${k} to ${type}`;
  return `unrecognized type: ${type}`;
}

/** The unstructured converter's error for a patched object that does not fit its type, or null. */
export function unstructuredError(kind: Kind, obj: KObject): string | null {
  return isObject(obj) ? converterError(obj, kind) : null;
}

/** The decode error for a wrongly typed field (the text after `<Kind> in version "v1" cannot be handled as a <Kind>: `), or null. */
export function typeError(kind: Kind, obj: KObject): string | null {
  if (!isObject(obj)) return null;
  const fields = STRUCTS[kind];
  for (const [k, x] of Object.entries(obj)) {
    if (!fields?.[k]) continue;
    const e = findTypeError(x, fields[k], kind, k);
    if (e) return e;
  }
  return null;
}

/** Adds `unknownFields`, `withoutUnknownFields` and `typeError` from the schema table to every kind's strategy. */
export function withSchema(registry: StrategyRegistry): StrategyRegistry {
  const out: StrategyRegistry = {};
  for (const kind of KINDS) {
    const base: KindStrategy = registry[kind] ?? {};
    out[kind] = {
      ...base,
      unknownFields: (obj) => unknownFields(kind, obj),
      withoutUnknownFields: (obj) => withoutUnknownFields(kind, obj),
      typeError: (obj) => typeError(kind, obj),
      unstructuredError: (obj) => unstructuredError(kind, obj),
    };
  }
  return out;
}
