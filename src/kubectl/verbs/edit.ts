// `kubectl edit TYPE NAME | TYPE/NAME | -f FILE`: the objects, as the server has them, go into a temp file with
// kubectl's header comments; when the editor closes, each changed object is sent as a two-way strategic merge
// patch (original → edited). The API server's refusals of a patch reopen the file with the reasons in its
// header; other failures end the command with the file kept. Models kubectl/pkg/cmd/util/editor/editoptions.go
// (EditOptions.Run, visitToPatch, editResults, preservedFile) in its normal edit mode.
//
// kubectl waits on the editor. Here the first run returns the open editor (EditorOpen) to the host, which shows
// the file to a person (the app) or closes it at once (the scenario runner, saved with the line's heredoc).
import { parseAllDocuments } from 'yaml';
import { CLUSTER_SCOPED, type KObject, type Kind } from '../../engine/api/types.ts';
import { goJson } from '../../engine/api/go-json.ts';
import { fnv1a32 } from '../../engine/api/revision-hash.ts';
import { goQuote } from '../../engine/api/field-errors.ts';
import type { Cluster } from '../../engine/cluster.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { PatchError, isObj, jsonEqual, type J, type Obj } from '../json.ts';
import { strategicMerge } from '../merge.ts';
import { twoWayPatch } from '../three-way.ts';
import { parseManifest, readManifests } from '../manifest.ts';
import { yamlToJson } from '../go-yaml-errors.ts';
import { fetchTarget, missingText, parseTargets, FILENAME_FLAG } from '../targets.ts';
import { typeOf } from '../resources.ts';
import { OUTPUT_FLAG, allowMissingKeys, mutationText, type PrintFormat } from '../print-flags.ts';
import { toYaml } from '../print/yaml.ts';
import { toJson } from '../print/json.ts';
import { served } from '../print/output.ts';
import { LAST_APPLIED } from './apply.ts';
import type { EditorOpen, KubectlResult, OutputChunk } from '../types.ts';
import type { WriteOptions } from '../../engine/store/store.ts';
import { VALIDATE_FLAG, fieldValidationOf } from '../mutate.ts';

const HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n#\n';

/** Why the file is reopened: a head line and, for the API server's refusals, one line per cause. */
interface Reason { head: string; other: string[] }

/** One object as the editor first showed it. */
interface Original { kind: Kind; object: KObject }

/** What the edit keeps between launches of the editor. */
interface EditState {
  originals: Original[];
  format: 'yaml' | 'json';
  /** The flag value of `-o` for the printer of `edited` / `skipped` ('' when not given). */
  print: PrintFormat;
  /** `--allow-missing-template-keys`, for the template printers. */
  allowMissing: boolean;
  outputPatch: boolean;
  saveConfig: boolean;
  crlf: boolean;
  validation: NonNullable<WriteOptions['fieldValidation']>;
  namespace: string;
  /** The first file's text (the objects as fetched): a save equal to it, comments aside, changed nothing. */
  original: string;
  launches: number;
}

export const edit: Verb = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    FILENAME_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
    OUTPUT_FLAG,
    { name: 'output-patch', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    VALIDATE_FLAG,
    { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
    { name: 'subresource', type: 'string', default: '' },
  ],
  run(ctx) {
    const sub = ctx.str('subresource');
    if (sub && sub !== 'status') throw new KubectlError(`error: invalid subresource value: "${sub}". Must be one of [status]`);
    if (sub) throw new KubectlError('error: "kubectl edit --subresource" is not available in this simulated cluster');
    const out = ctx.str('output');
    const originals = fetchOriginals(ctx);
    const validation = fieldValidationOf(ctx);
    if (originals.length === 0) throw new KubectlError('error: edit cancelled, no objects found');
    if (out !== '' && out !== 'yaml' && out !== 'json') {
      throw new KubectlError(`error: unable to match a printer suitable for the output format "${out}", allowed formats are: json,yaml`);
    }
    const format = out === 'json' ? 'json' : 'yaml';
    const objects = printed(originals, format);
    const st: EditState = {
      originals, format, print: out as PrintFormat, allowMissing: allowMissingKeys(ctx), outputPatch: ctx.bool('output-patch'), saveConfig: ctx.bool('save-config'),
      crlf: ctx.bool('windows-line-endings'), validation, namespace: ctx.namespace, original: objects, launches: 0,
    };
    ctx.editor = launch(ctx.cluster, st, (format === 'yaml' ? HEADER : '') + objects, undefined);
  },
};

// The objects to edit, as the server has them now (Builder.Latest). A missing one fails the whole command before
// the editor opens (ContinueOnError, then Result.Err).
function fetchOriginals(ctx: Ctx): Original[] {
  const files = ctx.list('filename');
  const out: Original[] = [], errors: string[] = [];
  if (files.length) {
    if (ctx.args.length) throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const manifests = readManifests(ctx, files);
    errors.push(...manifests.errors);
    for (const m of manifests) {
      const ns = CLUSTER_SCOPED.has(m.kind) ? '' : (m.object.metadata?.namespace || ctx.namespace);
      const name = m.object.metadata?.name ?? '';
      const o = ctx.cluster.store.get(m.kind, ns, name) as KObject | undefined;
      if (o) out.push({ kind: m.kind, object: o });
      else errors.push(missingText(ctx, m.kind, ns, name));
    }
  } else {
    const targets = parseTargets(ctx.args);
    if (targets.length === 0) throw new KubectlError(E.requiredResource('edit'));
    for (const t of targets) {
      const f = fetchTarget(ctx, t);
      out.push(...f.objects.map((object) => ({ kind: f.kind, object })));
      errors.push(...f.errors);
    }
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return out;
}

// The objects as the editor shows them: one alone, several as a v1 List (edit builds an UnstructuredList).
function printed(objs: readonly Original[], format: 'yaml' | 'json'): string {
  const items = objs.map((o) => served(o.kind, o.object));
  const value = items.length === 1 ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: {} };
  return format === 'yaml' ? toYaml(value) : toJson(value);
}

// Opens the editor on `text`. `previous`: the text of the last save when this launch shows its errors.
function launch(cluster: Cluster, st: EditState, text: string, previous: string | undefined): EditorOpen {
  st.launches++;
  const file = `/tmp/kubectl-edit-${tempDigits(cluster, st)}.${st.format}`;
  const shown = st.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  return { file, text: shown, save: (saved, c) => closed(c, st, file, saved, previous) };
}

// os.CreateTemp's random part (a uint32 in decimal), here a hash of what is edited, the instant and the launch,
// so that a run is reproducible and no PRNG the cluster uses is drawn from.
function tempDigits(cluster: Cluster, st: EditState): string {
  return String(fnv1a32(`${st.originals.map((o) => o.object.metadata?.uid ?? '').join(',')}|${cluster.now}|${cluster.store.state.resourceVersion}|${st.launches}`));
}

// The rest of EditOptions.Run's loop after the editor returned `saved`.
function closed(cluster: Cluster, st: EditState, file: string, saved: string, previous: string | undefined): KubectlResult {
  const output: OutputChunk[] = [];
  const err = (text: string): void => { output.push({ stream: 'err', text }); };
  const kept = (): void => err(`A copy of your changes has been stored to ${goQuote(file)}\n`);
  const fail = (text: string): KubectlResult => { kept(); err(`error: ${text}\n`); return { output, exitCode: 1 }; };
  if (previous !== undefined && stripComments(previous) === stripComments(saved)) return fail('Edit cancelled, no valid changes were saved.');
  if (stripComments(st.original) === stripComments(saved)) {
    err('Edit cancelled, no changes made.\n');
    return { output, exitCode: 0 };
  }
  if (!saved.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) {
    err('Edit cancelled, saved file was empty.\n');
    return { output, exitCode: 0 };
  }
  const reopen = (reasons: Reason[]): KubectlResult => ({
    output, exitCode: 0, editor: launch(cluster, st, (st.format === 'yaml' ? header(reasons) : '') + manualStrip(saved), saved),
  });
  let edited: Array<{ kind: Kind; object: KObject }>;
  try {
    edited = parseManifest(saved, 'edited-file');
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    return reopen([{ head: `The edited file had a syntax error: ${e.text.replace(/^error: /, '')}`, other: [] }]);
  }
  // RequireNamespace: an object without a namespace takes the command's; another namespace is refused.
  for (const m of edited) {
    if (CLUSTER_SCOPED.has(m.kind)) continue;
    const ns = m.object.metadata?.namespace;
    if (ns && ns !== st.namespace) {
      return fail(E.namespaceMismatch(ns, st.namespace).replace(/^error: /, ''));
    }
    m.object = { ...m.object, metadata: { ...(m.object.metadata ?? {}), namespace: st.namespace } };
  }
  if (st.saveConfig) for (const m of edited) m.object = withAnnotation(m.object);
  const reasons: Reason[] = [];
  const logAs: string[] = [];
  let retryable = 0, notFound = 0, invalid = 0;
  for (const m of edited) {
    const uid = m.object.metadata?.uid ?? '';
    const orig = st.originals.find((o) => (o.object.metadata?.uid ?? '') === uid);
    if (!orig) return fail(`no original object found for &unstructured.Unstructured{Object:${goSharpV(m.object)}}`);
    const before = served(orig.kind, orig.object);
    const name = m.object.metadata?.name ?? '';
    if (jsonEqual(before, m.object)) {
      output.push({ stream: 'out', text: mutationText(st.print, 'none', m.kind, m.object, 'skipped', st.allowMissing) });
      continue;
    }
    let patch: Obj;
    try {
      patch = twoWayPatch(before, m.object);
    } catch (e) {
      if (e instanceof PatchError) return fail(e.message);
      throw e;
    }
    if ('apiVersion' in patch || 'kind' in patch || (isObj(patch.metadata) && 'name' in patch.metadata)) {
      return fail('At least one of apiVersion, kind and name was changed');
    }
    const text = goJson(patch);
    if (st.outputPatch) output.push({ stream: 'out', text: `Patch: ${text}\n` });
    const resource = `${typeOf(m.kind).plural}${typeOf(m.kind).group ? '.' + typeOf(m.kind).group : ''}`;
    const ns = CLUSTER_SCOPED.has(m.kind) ? '' : st.namespace;
    const live = cluster.store.get(m.kind, ns, name) as KObject | undefined;
    if (!live) {
      notFound++;
      err(`error: ${resource} ${goQuote(name)} could not be found on the server\n`);
      continue;
    }
    let next: J;
    try {
      next = strategicMerge(live, patch);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      retryable++;
      err(`error: ${resource} ${goQuote(name)} could not be patched: ${e.message}\n`);
      continue;
    }
    const r = cluster.store.update(m.kind, next as KObject, { fieldValidation: st.validation, patch: { type: 'strategic', body: patch } });
    for (const w of r.warnings) err(`Warning: ${w}\n`);
    if (!r.ok) {
      if (r.status.reason === 'Invalid') {
        invalid++;
        reasons.push({ head: `${resource} ${goQuote(name)} was not valid`, other: (r.status.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message}`) });
        err(`error: ${resource} ${goQuote(name)} is invalid\n`);
      } else if (r.status.reason === 'NotFound') {
        notFound++;
        err(`error: ${resource} ${goQuote(name)} could not be found on the server\n`);
      } else {
        retryable++;
        err(`error: ${resource} ${goQuote(name)} could not be patched: ${r.status.message}\n`);
      }
      continue;
    }
    logAs.push(`kubectl patch ${resource} ${shQuote(name)}${ns ? ` -n ${shQuote(ns)}` : ''} --type=strategic -p ${shQuote(text)}`);
    output.push({ stream: 'out', text: mutationText(st.print, 'none', m.kind, r.object as KObject, 'edited', st.allowMissing) });
  }
  const done = (exitCode: number): KubectlResult => ({ output, exitCode, ...(logAs.length ? { logAs } : {}) });
  if (retryable) {
    err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
    return done(1);
  }
  if (notFound) {
    err(`The edits you made on deleted resources have been saved to ${goQuote(file)}\n`);
    return done(1);
  }
  if (!invalid) return done(0);
  return { ...reopen(reasons), ...(logAs.length ? { logAs } : {}) };
}

// The object with the last-applied annotation set to its own JSON (edit --save-config; CreateOrUpdateAnnotation).
function withAnnotation(o: KObject): KObject {
  const annotations: Record<string, string> = { ...(o.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const bare = { ...o, metadata: { ...(o.metadata ?? {}), annotations } };
  return { ...o, metadata: { ...(o.metadata ?? {}), annotations: { ...annotations, [LAST_APPLIED]: goJson(bare) + '\n' } } };
}

// editHeader.writeTo: kubectl's lines, then each reason (its causes as `* …`) and a `#` line after it.
function header(reasons: readonly Reason[]): string {
  let s = HEADER;
  for (const r of reasons) {
    s += `# ${hashOnLineBreak(r.head)}${r.other.length ? ':' : ''}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += '#\n';
  }
  return s;
}

// A reason's later lines stay comments.
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

// cmdutil.ManualStrip: the file without its comment lines (`#!` lines stay).
function manualStrip(text: string): string {
  return text.split('\n').filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!'))).join('\n');
}

// cmdutil.StripComments: the first document as JSON (comments, layout and key order do not count), or, when
// sigs.k8s.io/yaml cannot make JSON of it, the text without its comment lines. The `yaml` package builds the value
// unless only go-yaml takes the text.
function stripComments(text: string): string {
  const json = yamlToJson(text);
  if ('error' in json) return manualStrip(text);
  const docs = parseAllDocuments(text.replace(/\r\n/g, '\n'), { version: '1.1', uniqueKeys: false });
  const first = Array.isArray(docs) ? docs[0] : docs;
  if (!first) return '';
  return goJson(first.errors.length ? json.value : first.toJS({ maxAliasCount: 100 }) as unknown);
}

// Go's %#v of a decoded JSON value (map[string]interface {} and []interface {}, integral numbers as int64).
function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(o[k])}`).join(', ')}}`;
}

// A word for the scenario tokenizer and a shell: single quotes, `'` as `'\''`.
function shQuote(s: string): string {
  return /^[A-Za-z0-9._/=:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
