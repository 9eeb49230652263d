// Reading `-f FILE|-` input: multi-document YAML or JSON, `kind: List` expanded, each object checked for
// a kind this server serves. YAML errors are reported in go-yaml's words, the way kubectl prints them.
import { unmodelledKind } from './unmodelled-types.ts';
import { parseAllDocuments } from 'yaml';
import { API_VERSION, KINDS, type KObject, type Kind } from '../engine/api/types.ts';
import type { Ctx } from './context.ts';
import { docExample, isManifestUrl } from './doc-examples.ts';
import { E, KubectlError } from './errors.ts';
import { goJsonScan, JSON_END } from '../engine/api/go-json-syntax.ts';
import { yamlToJson } from './go-yaml-errors.ts';
import { goJson } from '../engine/api/go-json.ts';
import { typeError } from '../engine/api/schema.ts';

/** One object from a manifest, with the file it came from (`STDIN` for `-`). */
export interface Manifest { kind: Kind; object: KObject; file: string }

/**
 * One file's objects as cli-runtime's StreamVisitor reads them, in order: `manifests` are the objects read, and
 * `errors` what went wrong, in the order met. An object of a kind this server does not serve is an error and the
 * stream goes on (the builder's ContinueOnError); a document that does not decode or validate ends it, so the
 * objects before it are still sent.
 */
export interface ManifestRead { manifests: Manifest[]; errors: string[]; /** The stream ended in an error. */ stopped: boolean }

const invalidData = (file: string, what: string): string =>
  `error: error validating "${file}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`;

// ValidateSchema's complaint about one object (or each item of a list), if any: no map, or a map without apiVersion
// or kind.
function schemaError(value: object, file: string): string | null {
  if (Array.isArray(value)) return invalidData(file, 'invalid object to validate');
  const o = value as KObject & { items?: unknown };
  const missing = [!o.apiVersion ? 'apiVersion not set' : '', !o.kind ? 'kind not set' : ''].filter(Boolean);
  if (missing.length) return invalidData(file, missing.length > 1 ? `[${missing.join(', ')}]` : missing[0]!);
  if (!isList(o)) return null;
  for (const item of (o.items as unknown[] | undefined) ?? []) {
    const bad = item !== null && typeof item === 'object' ? schemaError(item, file) : invalidData(file, 'invalid object to validate');
    if (bad) return bad;
  }
  return null;
}

const isList = (o: KObject & { items?: unknown }): boolean =>
  o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items));

// The unstructured decoder's complaint about a document when nothing validates it first (the verbs that only read
// or delete what a file names): anything but a map does not decode, and a map needs a kind. Null when it decodes.
function decodeError(value: unknown, file: string): string | null {
  const what = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : null;
  if (what) return `error: unable to decode "${file}": json: cannot unmarshal ${what} into Go value of type unstructured.detector`;
  const o = value as KObject;
  return o.kind ? null : `error: unable to decode "${file}": Object 'Kind' is missing in '${goJson(o)}'`;
}

/**
 * `validate`: the verbs that send objects (apply, create, replace, diff, edit) check each against the schema
 * first, and a failure ends the stream; the others only decode, and an object that does not is an error for it alone.
 */
export function decodeManifests(text: string, file: string, validate = true): ManifestRead {
  const read: ManifestRead = { manifests: [], errors: [], stopped: false };
  const stop = (e: string): ManifestRead => { read.errors.push(e); read.stopped = true; return read; };
  const { values, error } = decodeStream(text, file);
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (!validate) {
      const bad = decodeError(value, file);
      if (bad) { read.errors.push(bad); continue; }
    } else {
      const bad = typeof value === 'object' ? schemaError(value, file) : invalidData(file, 'invalid object to validate');
      if (bad) return stop(bad);
    }
    const obj = value as KObject & { items?: KObject[] };
    for (const o of isList(obj) ? obj.items ?? [] : [obj]) {
      try {
        read.manifests.push(checkKind(o, file));
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        read.errors.push(e.text);
      }
    }
  }
  return error ? stop(error) : read;
}

/** Parses one file's text into objects; throws KubectlError with kubectl's texts on the first thing wrong. */
export function parseManifest(text: string, file: string): Manifest[] {
  const read = decodeManifests(text, file);
  if (read.errors.length) throw new KubectlError(read.errors[0]!);
  return read.manifests;
}

/**
 * YAMLReader: the documents of a YAML stream, split at lines that are `---` with nothing after it but white space or a
 * comment, each line with its newline. A line like `--- x` stays in its document, which yamlValues then refuses.
 */
function yamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let buffer = '';
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const after = line.slice(3).trim();
    if (line.startsWith('---') && (after === '' || after.startsWith('#'))) {
      if (buffer) docs.push(buffer);
      buffer = '';
      continue;
    }
    buffer += line + '\n';
  }
  if (buffer) docs.push(buffer);
  return docs;
}

// Go's strings.TrimSpace: Unicode white space (not the byte order mark, which JavaScript's trim also drops).
const goTrimSpace = (s: string): string =>
  s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');

/**
 * The values of a YAML stream, each document parsed on its own (go-yaml counts lines from the document's start). A
 * document go-yaml refuses ends the stream with go-yaml's error (or sigs.k8s.io/yaml's, for what JSON cannot hold);
 * one that holds a line starting with `---` and more than a comment ends it before it is parsed, as YAMLReader
 * refuses such a line as a separator. The `yaml` package builds the values, except of a document only go-yaml
 * takes (go-yaml ignores what follows the first node, for one), whose value is go-yaml's.
 */
function yamlValues(text: string, file: string): { values: unknown[]; error?: string } {
  const values: unknown[] = [];
  for (const d of yamlDocuments(text)) {
    const marker = d.split('\n').find((line) => line.startsWith('---'));
    if (marker !== undefined) return { values, error: `error: error parsing ${file}: invalid Yaml document separator: ${goTrimSpace(marker.slice(3))}` };
    const json = yamlToJson(d);
    if ('error' in json) return { values, error: `error: error parsing ${file}: error converting YAML to JSON: ${json.error}` };
    const doc = parseAllDocuments(d, { version: '1.1', uniqueKeys: false })[0];
    if (!doc || Array.isArray(doc)) { values.push(null); continue; }
    values.push(doc.errors.length ? json.value : doc.toJS({ maxAliasCount: 100 }) as unknown);
  }
  return { values };
}

// Go's JSON white space.
const JSON_SPACE = /[ \t\n\r]/;
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/**
 * The values of one input, as apimachinery's YAMLOrJSONDecoder reads them: a text that starts with `{` is a stream of
 * JSON values (encoding/json's Decoder); if one fails after at most one was read, the rest is read as YAML instead,
 * and only if its first document fails too is the JSON error reported (`json: offset N: …`, N counted in bytes, or
 * `unexpected EOF`). After two JSON values a failure is final and reported as it is. Anything else is YAML.
 */
function decodeStream(text: string, file: string): { values: unknown[]; error?: string } {
  if (!/^\s*\{/u.test(text)) return yamlValues(text, file);
  const values: unknown[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && JSON_SPACE.test(text[pos]!)) pos++;
    if (pos >= text.length) return { values };
    const r = goJsonScan(text, pos);
    if ('end' in r) {
      values.push(JSON.parse(text.slice(pos, r.end)) as unknown);
      pos = r.end;
      continue;
    }
    const raw = r.error === JSON_END ? 'unexpected EOF' : r.error;
    if (values.length > 1) return { values, error: `error: error parsing ${file}: ${raw}` };
    const first = `error: error parsing ${file}: ${r.error === JSON_END ? raw : `json: offset ${utf8Length(text.slice(0, r.at)) + 1}: ${raw}`}`;
    // The YAML decoder takes over where the last JSON value ended: if its first document does not give an object
    // either, the JSON error stands.
    const rest = yamlValues(text.slice(pos), file);
    const firstValue = rest.values.find((v) => v !== null && v !== undefined);
    if (firstValue === undefined || typeof firstValue !== 'object') return { values, error: first };
    return { values: [...values, ...rest.values], ...(rest.error ? { error: rest.error } : {}) };
  }
}

// The kind an object maps to, or the mapping's error (the object is not sent; the stream goes on).
function checkKind(o: KObject, file: string): Manifest {
  const kind = KINDS.find((k) => k === o.kind);
  if (!kind && unmodelledKind(o.apiVersion, o.kind)) {
    // A kind every cluster serves that this one does not model: said plainly, not as a missing CRD.
    throw new KubectlError(`error: ${o.kind} (${o.apiVersion}) is not available in this simulated cluster: "${o.metadata?.name ?? ''}" from "${file}" was not sent`);
  }
  if (!kind || API_VERSION[kind] !== o.apiVersion) {
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? '';
    throw new KubectlError(`error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${file}": no matches for kind "${o.kind ?? ''}" in version "${o.apiVersion ?? ''}"\nensure CRDs are installed first`);
  }
  // The client decodes an object of a kind it knows into its typed form: metadata of the wrong JSON type fails there.
  const bad = typeError(kind, { metadata: o.metadata } as KObject);
  if (bad) throw new KubectlError(`error: unable to decode "${file}": ${bad}`);
  return { kind, object: o, file };
}

// One `-f` argument's text: stdin, a built-in documentation example for a URL (kubectl names the objects' source
// by the URL as given), or a file. Throws kubectl's error for a missing file, ours for a URL it cannot reach.
function readSource(ctx: Ctx, f: string): string {
  if (f === '-') return ctx.io.stdin ?? '';
  if (isManifestUrl(f)) {
    const text = docExample(f);
    if (text === null) throw new KubectlError(E.urlUnavailable(f));
    return text;
  }
  const text = ctx.io.readFile?.(f) ?? null;
  if (text === null) throw new KubectlError(E.fileNotFound(f));
  return text;
}

/**
 * Reads every `-f` argument (`-` is stdin, `http://` and `https://` a URL) and decodes it. Every source is read
 * before any object is returned, so an unreadable one fails the command before anything is changed. A source whose
 * stream ends in an error ends the reading there: the objects before it are returned with the errors, which the
 * caller reports after it has done its work on those objects (as the builder's visitor does).
 */
export function readManifests(ctx: Ctx, files: readonly string[], validate = true): Manifest[] & { errors: string[] } {
  const texts = files.map((f) => [readSource(ctx, f), f === '-' ? 'STDIN' : f] as const);
  const out = Object.assign([] as Manifest[], { errors: [] as string[] });
  for (const [text, file] of texts) {
    const read = decodeManifests(text, file, validate);
    out.push(...read.manifests);
    out.errors.push(...read.errors);
    if (read.stopped) break;
  }
  if (out.length === 0 && out.errors.length === 0) throw new KubectlError(E.noObjectsPassed(ctx.path === 'create' ? 'create' : 'apply'));
  return out;
}

/** The namespace a manifest object goes to; throws kubectl's mismatch error when it contradicts `-n`. */
export function manifestNamespace(ctx: Ctx, m: Manifest): string {
  const own = m.object.metadata?.namespace;
  if (own && ctx.namespaceExplicit && own !== ctx.namespace) throw new KubectlError(E.namespaceMismatch(own, ctx.namespace));
  return own || ctx.namespace;
}

/**
 * Runs `fn` on each object in turn; kubectl's errors are gathered and reported together after every object was
 * tried (the builder's ContinueOnError), anything else propagates.
 */
export function eachManifest(manifests: readonly Manifest[] & { errors?: readonly string[] }, fn: (m: Manifest) => void): void {
  const errors: string[] = [...(manifests.errors ?? [])];
  for (const m of manifests) {
    try {
      fn(m);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      errors.push(e.text);
    }
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
}
