// Strict decoding against the schema table: the API server's `unknown field "<path>"` errors and the JSON
// type errors (`json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type
// int32`), and the zero values encoding/json leaves out when the API server stores a decoded object
// (`withoutOmittedZeros`). `withSchema` adds them to every kind's strategy.
import type { KindStrategy, StrategyRegistry } from './admission.ts';
import { base64Decode, base64Encode } from './base64.ts';
import { parseQuantity, QUANTITY_REGEX_ERROR } from './quantity.ts';
import { GO_FIELDS, STRUCTS, type GoField } from './schema-types.ts';
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

// Go's zero value of a type as encoding/json writes it, or undefined for one left out: a metav1.Time (null in Go,
// which the simulation leaves out, as omitzero would) and an unchecked `any`.
function zeroJson(type: string): unknown {
  switch (type) {
    case 'string': return '';
    case 'bool': return false;
    case 'int32': case 'int64': case 'IntOrString': return 0;
    case 'Quantity': return '0';
  }
  if (type.startsWith('[]') || type.startsWith('map[string]')) return null;
  const fields = GO_FIELDS[type];
  if (!fields) return undefined;
  // A zero struct writes its fields without omitempty, and its struct values (which omitempty never drops).
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) {
    const z = f.ptr ? (f.keep ? null : undefined) : (f.keep || isStructValue(f.type) ? zeroJson(f.type) : undefined);
    if (z !== undefined) out[k] = z;
  }
  return out;
}

// A struct-typed value that omitempty never drops (metav1.Time and unchecked subtrees aside).
const isStructValue = (type: string): boolean => type === 'Quantity' || type === 'IntOrString' || !!GO_FIELDS[type];

// Go's isEmptyValue for the kinds omitempty drops: "", 0, false, an empty slice or map (null is handled before).
function isEmpty(v: unknown, type: string): boolean {
  if (type.startsWith('[]')) return Array.isArray(v) && v.length === 0;
  if (type.startsWith('map[string]')) {
    if (!isObject(v)) return false;
    for (const _ in v) return false;
    return true;
  }
  if (type === 'string' || type === 'bytes') return v === '' || (type === 'bytes' && Array.isArray(v) && v.length === 0);
  if (type === 'bool') return v === false;
  if (type === 'int32' || type === 'int64') return v === 0;
  return false;
}

// An element of a slice or map as stored: null is the element type's zero value (an unchecked one stays null).
const storedElement = (x: unknown, type: string): unknown => (x === null ? (zeroJson(type) ?? null) : stored(x, type));

// A field's value as stored, or undefined when encoding/json leaves it out.
function storedField(v: unknown, f: GoField): unknown {
  if (v === null) {
    // A nil pointer, slice or map: null, or left out with omitempty.
    if (f.ptr || f.type.startsWith('[]') || f.type.startsWith('map[string]')) return f.keep ? null : undefined;
    const z = zeroJson(f.type);
    // A null Time or unchecked subtree is left as given.
    if (z === undefined) return v;
    return !f.keep && isEmpty(z, f.type) ? undefined : z;
  }
  if (!f.ptr && !f.keep && isEmpty(v, f.type)) return undefined;
  return stored(v, f.type);
}

// A value of a type as the API server stores it, sharing every part that does not change (copy on write).
function stored(v: unknown, type: string): unknown {
  // A []byte is written back as Go encodes it: padded base64 without line breaks (a JSON array of bytes as well).
  if (type === 'bytes') return storedBytes(v);
  if (type.startsWith('[]')) {
    if (!Array.isArray(v) || type === '[]any') return v;
    const t = type.slice(2);
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const y = storedElement(v[i], t);
      if (y !== v[i]) (out ??= v.slice())[i] = y;
    }
    return out ?? v;
  }
  if (type.startsWith('map[string]')) {
    if (!isObject(v) || type === 'map[string]any') return v;
    const t = type.slice(11);
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(v)) {
      const y = storedElement(v[k], t);
      if (y !== v[k]) (out ??= { ...v })[k] = y;
    }
    return out ?? v;
  }
  const fields = GO_FIELDS[type];
  if (!fields || !isObject(v)) return v;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(v)) {
    const f = fields[k];
    const x = v[k];
    if (!f || x === undefined) continue;
    const y = storedField(x, f);
    if (y === x) continue;
    out ??= { ...v };
    if (y === undefined) delete out[k];
    else out[k] = y;
  }
  return out ?? v;
}

function storedBytes(v: unknown): unknown {
  if (Array.isArray(v)) return base64Encode(Uint8Array.from(v as number[]));
  if (typeof v !== 'string') return v;
  const d = base64Decode(v);
  if (!d.ok) return v;
  const canonical = base64Encode(d.bytes);
  return canonical === v ? v : canonical;
}

/**
 * The object as the API server stores it once decoded into its Go type: every omitempty field that holds its zero
 * value left out ("", 0, false, null, an empty slice or map; a pointer only when null), recursively through the
 * typed structure, and a null where Go writes a value given that value ("" for a string without omitempty, `{}`
 * for a struct, "0" for a quantity). Unchecked (`any`) subtrees are left alone; unchanged parts are shared.
 */
export function withoutOmittedZeros(kind: Kind, obj: KObject): KObject {
  return isObject(obj) ? stored(obj, kind) as KObject : obj;
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
  if (type === 'bytes') return '[]uint8';
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
  if (type === 'bytes') {
    // A string is base64 (the decoder's own error, unwrapped); a JSON array is read as the bytes themselves.
    if (kind === 'string') { const d = base64Decode(v as string); return d.ok ? null : d.error; }
    if (kind !== 'array') return at(kind, '[]uint8');
    for (const x of v as unknown[]) {
      const k = jsonKind(x);
      if (k !== 'number') return at(k, 'uint8');
      if (!Number.isInteger(x) || (x as number) < 0 || (x as number) > 255) return at(`number ${x as number}`, 'uint8');
    }
    return null;
  }
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
  if (type === 'bytes') {
    if (k === 'string') { const d = base64Decode(v as string); return d.ok ? null : d.error; }
    return k === 'slice' ? null : `cannot restore slice from ${k}`;
  }
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

/** Adds the decoding functions of the schema table (`unknownFields`, `typeError`, `withoutOmittedZeros`, …) to every kind's strategy. */
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
      withoutOmittedZeros: (obj) => withoutOmittedZeros(kind, obj),
    };
  }
  return out;
}
