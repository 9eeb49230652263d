// `kubectl diff -f FILE|-`: each object as it is live against the object as `kubectl apply` would leave it (the
// same three-way patch, sent as a server dry run, or a dry-run create for a new object), both printed as YAML
// into the files of two temp directories (LIVE-…, MERGED-…) and compared as `diff -u -N` compares directories.
// Exit status 1 when something differs, 0 when nothing does, 2 (kubectl's CheckDiffErr) on an error. Models
// kubectl/pkg/cmd/diff/diff.go (Differ, InfoObject.Merged, DiffProgram) and GNU diff's unified output.
import { structuredPatch } from 'diff';
import { API_VERSION, CLUSTER_SCOPED, type KObject } from '../../engine/api/types.ts';
import { rfc3339 } from '../../engine/clock/time.ts';
import { fnv1a32 } from '../../engine/api/revision-hash.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { manifestNamespace, readManifests, type Manifest } from '../manifest.ts';
import { served } from '../print/output.ts';
import { toYaml } from '../print/yaml.ts';
import { byteOrder } from '../strategic-meta.ts';
import { VALIDATE_FLAG, editable, fieldValidationOf } from '../mutate.ts';
import { LAST_APPLIED, patchedOrError, patcherPatch } from './apply.ts';
import { FILENAME_FLAG } from '../targets.ts';

export const diff: Verb = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  flagErrorExit: 2,
  flags: [
    FILENAME_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'prune', type: 'bool' },
    { name: 'prune-allowlist', type: 'strings', default: [] },
    { name: 'concurrency', type: 'int', default: 1 },
    { name: 'show-managed-fields', type: 'bool' },
    VALIDATE_FLAG,
  ],
  run(ctx) {
    try {
      const files = ctx.list('filename');
      if (!files.length) throw new KubectlError('error: must specify one of -f and -k');
      if (ctx.bool('force-conflicts') && !ctx.bool('server-side')) throw new KubectlError('error: --force-conflicts only works with --server-side');
      if (ctx.args.length) throw new KubectlError(E.usageErr('diff', `Unexpected args: [${ctx.args.join(' ')}]`));
      if (ctx.bool('server-side')) throw new KubectlError('error: "kubectl diff --server-side" is not available in this simulated cluster');
      if (ctx.bool('prune')) throw new KubectlError('error: "kubectl diff --prune" is not available in this simulated cluster');
      fieldValidationOf(ctx);
      const live = new Map<string, string>(), merged = new Map<string, string>();
      const manifests = readManifests(ctx, files);
      // The visit that gathers the objects fails before anything is compared.
      if (manifests.errors.length) throw new KubectlError(manifests.errors.join('\n'));
      for (const m of manifests) {
        const ns = CLUSTER_SCOPED.has(m.kind) ? '' : manifestNamespace(ctx, m);
        const name = m.object.metadata?.name ?? '';
        // InfoObject.Name: group, version, kind, namespace and name, dot-separated.
        const file = `${API_VERSION[m.kind].replace('/', '.')}.${m.kind}.${ns}.${name}`;
        const now = ctx.cluster.store.get(m.kind, ns, name) as KObject | undefined;
        if (now) live.set(file, toYaml(served(m.kind, now))); else live.delete(file);
        merged.set(file, toYaml(served(m.kind, mergedObject(ctx, m, ns, now))));
        if (now?.metadata?.deletionTimestamp) ctx.err(`Warning: Detected changes to resource ${name} which is currently being deleted.\n`);
      }
      const text = unifiedDirs(ctx.cluster.wallNow(), tempName('LIVE', ctx.cluster.now, live), tempName('MERGED', ctx.cluster.now + 1, merged), live, merged);
      ctx.out(text);
      if (text) throw new KubectlError('', 1);
    } catch (e) {
      // CheckDiffErr: an error exits with its code plus one, so that 1 keeps meaning "differences found".
      if (e instanceof KubectlError && e.text) throw new KubectlError(e.text, e.code + 1);
      throw e;
    }
  },
};

/**
 * InfoObject.Merged: the object as `kubectl apply` would leave it, answered by the server without storing it. A new
 * object is a dry-run create of the file's object as it is; a live one gets the three-way patch of the file's object
 * as GetModifiedConfiguration builds it with annotate=false, which never touches the live last-applied annotation,
 * so that annotation never shows in the diff. Unlike apply, diff warns of no missing annotation (that warning is
 * apply.go's, not the patcher's) and adds no "applying patch" context to an error.
 */
function mergedObject(ctx: Ctx, m: Manifest, ns: string, live: KObject | undefined): KObject {
  const local = editable(m.object);
  const meta = local.metadata = { ...(local.metadata ?? {}) };
  if (!CLUSTER_SCOPED.has(m.kind)) meta.namespace = ns;
  const fieldValidation = fieldValidationOf(ctx);
  if (!live) {
    const r = ctx.cluster.store.create(m.kind, local, { dryRun: true, fieldValidation });
    for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
    if (!r.ok) throw new KubectlError(apiErrorText(r.status));
    return r.object as KObject;
  }
  // The modified configuration always has annotations, if only an empty map, so that the patch does not read their
  // absence as a deletion of those last applied. An empty map where the live object has none either is left out:
  // the server's omitempty would drop it anyway.
  const { [LAST_APPLIED]: _dropped, ...rest } = meta.annotations ?? {};
  if (Object.keys(rest).length || live.metadata?.annotations) meta.annotations = rest;
  else delete meta.annotations;
  const lastText = live.metadata?.annotations?.[LAST_APPLIED];
  const where = `error when patching "${m.file}": `;
  const patch = patcherPatch(ctx, lastText, local, live, (creating) => `error: ${where}${creating}`);
  // patchSimple answers an empty patch with the live object, asking the server nothing.
  if (Object.keys(patch).length === 0) return live;
  const next = patchedOrError(live, patch, where);
  const r = ctx.cluster.store.update(m.kind, next, { dryRun: true, fieldValidation, patch: { type: 'strategic', body: patch } });
  for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
  if (!r.ok) throw new KubectlError(apiErrorText({ ...r.status, message: where + r.status.message }));
  return r.object as KObject;
}

// ioutil.TempDir's name: the prefix and a uint32 in decimal, here a hash of the instant and the contents, so that
// a run is reproducible and draws from no PRNG of the cluster.
function tempName(prefix: string, now: number, files: Map<string, string>): string {
  return `/tmp/${prefix}-${fnv1a32(`${prefix}|${now}|${[...files.keys()].join(',')}`)}`;
}

// A file time as GNU diff prints it (the files are written at the virtual instant; an absent file is the epoch).
function stamp(unixMs: number): string {
  return `${rfc3339(unixMs).replace('T', ' ').replace('Z', '')}.${String(unixMs % 1000).padStart(3, '0')}000000 +0000`;
}

// `diff -u -N FROM TO` over two directories: the files of either, in name order, each that differs with its
// own `diff -u -N` line, file headers and hunks (3 lines of context; a one-line range without its `,1`).
function unifiedDirs(wallMs: number, fromDir: string, toDir: string, from: Map<string, string>, to: Map<string, string>): string {
  const names = [...new Set([...from.keys(), ...to.keys()])].sort(byteOrder);
  let out = '';
  for (const n of names) {
    const a = from.get(n) ?? '', b = to.get(n) ?? '';
    if (a === b) continue;
    const p = structuredPatch(`${fromDir}/${n}`, `${toDir}/${n}`, a, b, '', '', { context: 3 });
    out += `diff -u -N ${fromDir}/${n} ${toDir}/${n}\n`;
    out += `--- ${fromDir}/${n}\t${stamp(from.has(n) ? wallMs : 0)}\n`;
    out += `+++ ${toDir}/${n}\t${stamp(to.has(n) ? wallMs : 0)}\n`;
    for (const h of p.hunks) {
      out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
      out += h.lines.map((l) => `${l}\n`).join('');
    }
  }
  return out;
}

function range(start: number, lines: number): string {
  if (lines === 0) return `${start === 0 ? 0 : start - 1},0`;
  return lines === 1 ? String(start) : `${start},${lines}`;
}
