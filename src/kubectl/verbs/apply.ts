// `kubectl apply -f`: client-side apply with the last-applied-configuration annotation and a three-way
// merge, so re-applying an edited manifest changes only what changed. Models kubectl/pkg/cmd/apply
// (apply.go applyOneObject, patcher.go) and util.GetModifiedConfiguration.
import { goJson } from '../../engine/api/go-json.ts';
import { API_VERSION, CLUSTER_SCOPED, type KObject, type Kind } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { manifestNamespace, readManifests, type Manifest } from '../manifest.ts';
import { PatchError, isObj, jsonEqual } from '../json.ts';
import { strategicMerge } from '../merge.ts';
import { threeWayPatch } from '../three-way.ts';
import { VALIDATE_FLAG, editable, fieldValidationOf } from '../mutate.ts';
import { typeOf } from '../resources.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, allowMissingKeys, dryRunOf, mutationText, printFormatOf, printMutation, templateText, type DryRun, type PrintFormat } from '../print-flags.ts';
import { toJson } from '../print/json.ts';
import { toKyaml } from '../print/kyaml.ts';
import { served } from '../print/output.ts';
import { toYaml } from '../print/yaml.ts';
import { FILENAME_FLAG } from '../targets.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object kubectl sends: namespace filled in and the last-applied annotation set to its own JSON. Its annotations
 * go through the accessor's map[string]string and back (a null value comes back as "", no annotations as {}).
 */
export function withLastApplied(m: Manifest, namespace: string): KObject {
  const o = editable(m.object);
  o.metadata = { ...(o.metadata ?? {}) };
  if (!CLUSTER_SCOPED.has(m.kind)) o.metadata.namespace = namespace;
  const annotations: Record<string, string> = Object.fromEntries(Object.entries(o.metadata.annotations ?? {}).map(([k, v]) => [k, v ?? '']));
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  const json = goJson(o) + '\n';
  o.metadata.annotations = { ...annotations, [LAST_APPLIED]: json };
  return o;
}

/**
 * A manifest object as create and replace send it: in its namespace, with the last-applied annotation set to its
 * own JSON when `annotate` (--save-config, or replace keeping an annotation the file carries), else as it is.
 */
export function toSend(ctx: Ctx, m: Manifest, annotate: boolean): KObject {
  const ns = manifestNamespace(ctx, m);
  const obj = annotate ? withLastApplied(m, ns) : editable(m.object);
  obj.metadata = { ...(obj.metadata ?? {}) };
  if (!CLUSTER_SCOPED.has(m.kind)) obj.metadata.namespace = ns;
  return obj;
}


export interface Applied { kind: Kind; object: KObject; operation: string }

// Creates or patches one object. A client dry run sends nothing: a new object is printed as it would be sent,
// an existing one as it is live, and always as `configured`; a server dry run is checked and not stored.
export function applyOne(ctx: Ctx, m: Manifest, dry: DryRun): Applied {
  const ns = manifestNamespace(ctx, m);
  const modified = withLastApplied(m, ns);
  const name = modified.metadata?.name ?? '';
  const store = ctx.cluster.store;
  const live = store.get(m.kind, CLUSTER_SCOPED.has(m.kind) ? '' : ns, name) as KObject | undefined;
  if (!live) {
    if (dry === 'client') return { kind: m.kind, object: modified, operation: 'created' };
    const r = store.create(m.kind, modified, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(ctx) });
    for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
    if (!r.ok) throw new KubectlError(apiErrorText(r.status, { verb: 'creating', file: m.file }));
    return { kind: m.kind, object: r.object as KObject, operation: 'created' };
  }
  if (dry === 'client') return { kind: m.kind, object: live, operation: 'configured' };
  const lastText = live.metadata?.annotations?.[LAST_APPLIED];
  if (lastText === undefined) {
    ctx.err(`Warning: resource ${typeOf(m.kind).plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
  }
  // Models apply/patcher.go patchSimple: the three-way patch; `{}` sends nothing (`unchanged`), anything else
  // is sent and reported `configured`, even when the server ends up with the same object.
  const info = infoText(m.kind, name, CLUSTER_SCOPED.has(m.kind) ? '' : ns);
  // The failure is wrapped by patchSimple, Patcher.Patch and applyOneObject in turn.
  const patch = patcherPatch(ctx, lastText, modified, live, (creating) => `error: ${applyingPatch('', info, m.file)}${creating}`);
  if (Object.keys(patch).length === 0) return { kind: m.kind, object: live, operation: 'unchanged' };
  // What the server answers is wrapped the same way, the patch it was sent included.
  const prefix = applyingPatch(goJson(patch), info, m.file);
  const next = patchedOrError(live, patch, prefix);
  // A patch that changes nothing leaves the object (and its resourceVersion) as it is.
  if (jsonEqual(live, next)) return { kind: m.kind, object: live, operation: 'configured' };
  const r = store.update(m.kind, next, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(ctx), patch: { type: 'strategic', body: patch } });
  for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
  if (!r.ok) throw new KubectlError(apiErrorText({ ...r.status, message: prefix + r.status.message }));
  return { kind: m.kind, object: r.object as KObject, operation: 'configured' };
}

// The last-applied configuration as CreateThreeWayMergePatch decodes it: none when empty, and a document that
// is not a JSON object (or null) is its ErrBadJSONDoc.
/**
 * Models apply/patcher.go patchSimple's three-way patch. kubectl tries the OpenAPI v3 schema, then v2, then its
 * compiled-in types: a patch that cannot be made fails three times, the first two as warnings, the last as the
 * error `wrap` words around the three documents (the annotation's text, and two encoder outputs).
 */
/**
 * The live object with apply's strategic merge patch applied as the API server applies it; a patch it refuses is
 * kubectl's error, its message after `prefix` (what apply and diff wrap it in).
 */
export function patchedOrError(live: KObject, patch: Record<string, unknown>, prefix: string): KObject {
  try {
    return strategicMerge(live, patch) as KObject;
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    throw new KubectlError(new PatchError(prefix + e.message, e.code, e.reason).kubectlText);
  }
}

export function patcherPatch(ctx: Ctx, lastText: string | undefined, modified: KObject, live: KObject, wrap: (creating: string) => string): Record<string, unknown> {
  try {
    return threeWayPatch(parseOriginal(lastText), modified, live);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    ctx.err(`warning: error calculating patch from openapi v3 spec: ${e.message}\n`);
    ctx.err(`warning: error calculating patch from openapi spec: ${e.message}\n`);
    throw new KubectlError(wrap(`creating patch with:\noriginal:\n${lastText ?? ''}\nmodified:\n${goJson(modified)}\n\ncurrent:\n${goJson(live)}\n\nfor:: ${e.message}`));
  }
}

export function parseOriginal(text: string | undefined): unknown {
  if (!text) return null;
  let v: unknown;
  try { v = JSON.parse(text); } catch { v = undefined; }
  if (v === undefined || (v !== null && !isObj(v))) throw new PatchError('invalid JSON document');
  return v;
}

// The text AddSourceToErr puts before a failed patch's error: apply.go's "applying patch" (with the patch sent,
// if any, and resource.Info's String) around patcher.go's "patching".
function applyingPatch(patch: string, info: string, file: string): string {
  return `error when applying patch:\n${patch}\nto:\n${info}\nfor: "${file}": error when patching "${file}": `;
}

// cli-runtime resource.Info String: the REST mapping (group/version, resource, kind), then name and namespace.
function infoText(kind: Kind, name: string, namespace: string): string {
  const gv = API_VERSION[kind].includes('/') ? API_VERSION[kind] : `/${API_VERSION[kind]}`;
  return `Resource: "${gv}, Resource=${typeOf(kind).plural}", GroupVersionKind: "${gv}, Kind=${kind}"\nName: "${name}", Namespace: "${namespace}"`;
}

export const apply: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  unmodelled: [{ name: 'view-last-applied' }, { name: 'set-last-applied' }, { name: 'edit-last-applied' }],
  flags: [
    FILENAME_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    { name: 'server-side', type: 'bool' },
    // Accepted: the modified configuration's values always win here, as they do with the default --overwrite=true.
    { name: 'overwrite', type: 'bool', default: true },
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    const dry = dryRunOf(ctx);
    fieldValidationOf(ctx);
    if (ctx.args.length) throw new KubectlError(E.usageErr('apply', `Unexpected args: [${ctx.args.join(' ')}]`));
    if (ctx.bool('server-side') && dry === 'client') throw new KubectlError("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
    // Server-side apply (field ownership, managedFields, conflicts between managers) is not modelled: said so, and
    // nothing is sent, rather than applying client-side under the other name.
    if (ctx.bool('server-side')) {
      throw new KubectlError('error: "kubectl apply --server-side" is not available in this simulated cluster (it does not model field managers and their conflicts); kubectl apply without --server-side applies client-side');
    }
    const files = ctx.list('filename');
    if (!files.length) throw new KubectlError('error: must specify one of -f and -k');
    // The files are read before the printer is built (apply.go builds it as it prints).
    const manifests = readManifests(ctx, files);
    const format = printFormatOf(ctx);
    // What the reading of the files met comes first (GetObjects' error), then each object's own.
    const errors: string[] = [...manifests.errors];
    // With an object format (not name), nothing is printed per object: the objects are printed at the end,
    // one alone or several as a List, and only when every object applied (apply.go printObjects).
    const whole = format !== '' && format !== 'name';
    const done: Applied[] = [];
    for (const m of manifests) {
      try {
        // apply.go applyOneObject refuses a generated name before it sends anything.
        const generateName = m.object.metadata?.generateName;
        if (!m.object.metadata?.name && generateName) throw new KubectlError(`error: from ${generateName}: cannot use generate name with apply`);
        const a = applyOne(ctx, m, dry);
        done.push(a);
        if (!whole) printMutation(ctx, format, dry, a.kind, a.object, a.operation);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        errors.push(e.text);
      }
    }
    // apply.go Run returns the errors before its post-processor prints anything: when one object failed, the
    // applied ones are not printed either.
    if (errors.length) throw new KubectlError(errors.join('\n'));
    if (whole && done.length) ctx.out(printObjects(format, done, allowMissingKeys(ctx)));
  },
};

// The objects of an `apply -o FORMAT`: one object alone, several as a typed v1 List (encoding/json field order
// for JSON and KYAML; YAML goes through a map, so its keys are sorted).
function printObjects(format: Exclude<PrintFormat, '' | 'name'>, done: Applied[], allowMissing: boolean): string {
  if (done.length === 1) return mutationText(format, 'none', done[0].kind, done[0].object, '', allowMissing);
  const items = done.map((a) => served(a.kind, a.object));
  if (format === 'yaml') return toYaml({ apiVersion: 'v1', items, kind: 'List', metadata: {} });
  if (format !== 'json' && format !== 'kyaml') return templateText(format, { kind: 'List', apiVersion: 'v1', metadata: {}, items }, allowMissing);
  // The List's own fields in struct order; its items are unstructured objects, whose keys marshal sorted.
  const list = { kind: 'List', apiVersion: 'v1', metadata: {}, items: items.map(sortedDeep) };
  return format === 'json' ? toJson(list, true) : toKyaml(list, true);
}

function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, sortedDeep(o[k])]));
}
