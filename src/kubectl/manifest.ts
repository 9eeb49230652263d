// Reading `-f FILE|-` input: multi-document YAML or JSON, `kind: List` expanded, each object checked for
// a kind this server serves. YAML errors are reported in go-yaml's words, the way kubectl prints them.
import { parseAllDocuments, type YAMLError } from 'yaml';
import { API_VERSION, KINDS, type KObject, type Kind } from '../engine/api/types.ts';
import type { Ctx } from './context.ts';
import { docExample, isManifestUrl } from './doc-examples.ts';
import { E, KubectlError } from './errors.ts';

/** One object from a manifest, with the file it came from (`STDIN` for `-`). */
export interface Manifest { kind: Kind; object: KObject; file: string }

// go-yaml reports "mapping values" at the line of the offending colon; find it from the error offset.
function colonLine(text: string, offset: number): number {
  const rest = text.slice(offset);
  const m = /:(\s|$)/.exec(rest);
  const at = m ? offset + m.index : offset;
  return text.slice(0, at).split('\n').length;
}

/** Maps a `yaml` package error to go-yaml's `yaml: line N: <problem>` text. */
export function goYamlError(text: string, e: YAMLError): string {
  const line = e.linePos?.[0]?.line ?? 1;
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': case 'MULTILINE_IMPLICIT_KEY':
      return `yaml: line ${colonLine(text, e.pos[0])}: mapping values are not allowed in this context`;
    case 'TAB_AS_INDENT': return `yaml: line ${line}: found character that cannot start any token`;
    case 'MISSING_CHAR':
      return e.message.startsWith('Sequence item') ? `yaml: line ${line}: did not find expected '-' indicator` : `yaml: line ${line}: found unexpected end of stream`;
    default: return `yaml: line ${line}: did not find expected key`;
  }
}

/** Parses one file's text into objects; throws KubectlError with kubectl's texts. */
export function parseManifest(text: string, file: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false })) {
    if (doc.errors.length) throw new KubectlError(`error: error parsing ${file}: error converting YAML to JSON: ${goYamlError(text, doc.errors[0])}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new KubectlError(`error: error validating "${file}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const obj = value as KObject & { items?: KObject[] };
    const list = obj.kind === 'List' || (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) ? obj.items ?? [] : [obj];
    for (const o of list) out.push(checkKind(o, file));
  }
  return out;
}

// Built-in kinds of a 1.35 API server that this simulation does not model, by `apiVersion/kind`.
const UNMODELLED: Record<string, true> = Object.fromEntries([
  'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/LimitRange', 'v1/ResourceQuota', 'v1/ReplicationController', 'v1/PodTemplate',
  'batch/v1/Job', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/IngressClass', 'networking.k8s.io/v1/NetworkPolicy',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding', 'autoscaling/v1/HorizontalPodAutoscaler', 'autoscaling/v2/HorizontalPodAutoscaler',
  'scheduling.k8s.io/v1/PriorityClass', 'coordination.k8s.io/v1/Lease', 'storage.k8s.io/v1/CSIDriver', 'storage.k8s.io/v1/VolumeAttachment',
].map((k) => [k, true]));

function checkKind(o: KObject, file: string): Manifest {
  const missing = [!o.apiVersion ? 'apiVersion not set' : '', !o.kind ? 'kind not set' : ''].filter(Boolean);
  if (missing.length) {
    const what = missing.length > 1 ? `[${missing.join(', ')}]` : missing[0];
    throw new KubectlError(`error: error validating "${file}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const kind = KINDS.find((k) => k === o.kind);
  if (!kind && UNMODELLED[`${o.apiVersion}/${o.kind}`]) {
    // A kind every cluster serves that this one does not model: said plainly, not as a missing CRD.
    throw new KubectlError(`error: ${o.kind} (${o.apiVersion}) is not available in this simulated cluster: "${o.metadata?.name ?? ''}" from "${file}" was not sent`);
  }
  if (!kind || API_VERSION[kind] !== o.apiVersion) {
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? '';
    throw new KubectlError(`error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${file}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`);
  }
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
 * Reads every `-f` argument (`-` is stdin, `http://` and `https://` a URL) and parses it. Every source is read
 * before any object is returned, so an unreadable one fails the command before anything is changed.
 */
export function readManifests(ctx: Ctx, files: readonly string[]): Manifest[] {
  const out: Manifest[] = [];
  for (const f of files) {
    const text = readSource(ctx, f);
    out.push(...parseManifest(text, f === '-' ? 'STDIN' : f));
  }
  if (out.length === 0) throw new KubectlError(E.noObjectsPassed(ctx.path === 'create' ? 'create' : 'apply'));
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
export function eachManifest(manifests: readonly Manifest[], fn: (m: Manifest) => void): void {
  const errors: string[] = [];
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
