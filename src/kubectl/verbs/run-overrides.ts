// `kubectl run|expose --overrides=JSON [--override-type=merge|strategic|json]`: the generated Pod or Service, encoded
// as JSON, is patched with the fragment and decoded again before it is sent. The decoding is kubectl's own (not the
// API server's strict one): a field the type does not have is dropped without a word, a field of the wrong type
// fails. Models kubectl/pkg/cmd/util override_options.go (Overrider.Apply) and helpers.go (Merge, StrategicMerge,
// JSONPatch), as run.go's createGeneratedObject and expose.go's RunExpose call them.
import type { Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../engine/api/types.ts';
import { typeError, withoutUnknownFields } from '../../engine/api/schema.ts';
import { KubectlError } from '../errors.ts';
import { PatchError } from '../json.ts';
import { mergePatch, strategicMerge } from '../merge.ts';
import { decodeJsonPatchOps, jsonPatch } from '../json-patch.ts';
import { goJsonSyntaxError } from '../../engine/api/go-json-syntax.ts';

// The Go type name encoding/json gives a JSON value it cannot put in a struct.
const goKind = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'object');

/** The override types, as run's --override-type names them. */
const TYPES = ['json', 'merge', 'strategic'];

/** The Pod run creates (or the Service expose creates), with `--overrides` applied (or kubectl's error). */
export function applyOverrides(pod: KObject, overrides: string, overrideType: string, kind: 'Pod' | 'Service' = 'Pod'): KObject {
  const type = overrideType || 'merge';
  if (!TYPES.includes(type)) throw new KubectlError(`error: invalid override type: ${type}`);
  let fragment: unknown;
  try {
    fragment = JSON.parse(overrides);
  } catch {
    // A fragment that is not JSON: each patch library's own error for a document it cannot read.
    throw new KubectlError(`error: ${type === 'merge' ? 'Invalid JSON Patch' : type === 'strategic' ? 'invalid JSON document' : goJsonSyntaxError(overrides)}`);
  }
  // The generated object as the JSON encoder writes it (1.34+ leaves out the unset creationTimestamp).
  const doc = pod;
  let out: KObject;
  try {
    if (type === 'json') {
      decodeJsonPatchOps(fragment);
      out = jsonPatch(doc, fragment) as KObject;
    } else if (type === 'merge') {
      out = mergePatch(doc, fragment) as KObject;
    } else {
      out = strategicMerge(doc, fragment) as KObject;
    }
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    throw new KubectlError(`error: ${e.message}`);
  }
  // Decoding reads apiVersion and kind first, from an object; then the type they name must be the generated one.
  if (!out || typeof out !== 'object' || Array.isArray(out)) {
    throw new KubectlError(`error: couldn't get version/kind; json parse error: json: cannot unmarshal ${goKind(out)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  if (out.apiVersion !== 'v1' || out.kind !== kind) {
    throw new KubectlError(`error: no kind "${String(out.kind ?? '')}" is registered for version "${String(out.apiVersion ?? '')}" in scheme "pkg/scheme/scheme.go:28"`);
  }
  const bad = typeError(kind, out);
  if (bad) throw new KubectlError(`error: ${bad}`);
  const decoded = withoutUnknownFields(kind, out);
  // A typed container always has its resources (a struct, never omitted), so a container the override brought in
  // without them gets `resources: {}` back.
  const spec = (decoded as Pod).spec;
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) c.resources ??= {};
  // An override's null creationTimestamp decodes as an unset time, which the encoder leaves out.
  if (decoded.metadata?.creationTimestamp === null) decoded.metadata = Object.fromEntries(Object.entries(decoded.metadata).filter(([k]) => k !== "creationTimestamp"));
  return decoded;
}
