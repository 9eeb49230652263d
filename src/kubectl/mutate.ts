// Writing a changed object back through the API like kubectl's patch helpers: skip when nothing changed,
// print server warnings, turn API failures into kubectl's error texts.
import type { ApiStatus, KObject, Kind } from '../engine/api/types.ts';
import type { WriteOptions } from '../engine/store/store.ts';
import type { Ctx } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { KubectlError, apiErrorText } from './errors.ts';
import { jsonEqual } from './json.ts';
import type { DryRun } from './print-flags.ts';

/** Result of a write: whether the object changed, and the stored object. */
export interface Written { changed: boolean; object: KObject }

/**
 * Replaces `live` with `next` unless they are equal. Throws KubectlError with kubectl's rendering of the
 * API error (`context` adds `error when … "file":` for -f; `failure` words it as the command does instead). Server warnings go to stderr. A client dry run
 * sends nothing (the object is `next`); a server dry run is checked by the API server and not stored.
 */
export function writeObject(ctx: Ctx, kind: Kind, live: KObject, next: KObject, context?: Parameters<typeof apiErrorText>[1], dry: DryRun = 'none',
  request: Pick<WriteOptions, 'fieldValidation' | 'patch'> = {}, failure?: (status: ApiStatus) => string): Written {
  if (jsonEqual(live, next)) return { changed: false, object: live };
  if (dry === 'client') return { changed: true, object: next };
  const r = ctx.cluster.store.update(kind, next, { dryRun: dry === 'server', ...request });
  for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
  if (!r.ok) throw new KubectlError(failure ? failure(r.status) : apiErrorText(r.status, context));
  // The server may find nothing to change (what was sent is what its defaulting or decoding gives back).
  return { changed: !jsonEqual(live, r.object), object: r.object as KObject };
}

/** `--validate`: how the API server is to treat unknown fields (a bare `--validate` is strict). */
export const VALIDATE_FLAG: FlagSpec = { name: 'validate', type: 'string', default: 'strict', bare: 'strict' };

/** The fieldValidation `--validate` asks for (cmdutil.GetValidationDirective), or kubectl's error for another value. */
export function fieldValidationOf(ctx: Ctx): NonNullable<WriteOptions['fieldValidation']> {
  const v = ctx.str('validate');
  if (['1', 't', 'T', 'TRUE', 'true', 'True', 'strict'].includes(v)) return 'Strict';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', 'ignore'].includes(v)) return 'Ignore';
  if (v === 'warn') return 'Warn';
  throw new KubectlError(`error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** A mutable deep copy of a stored object. */
export function editable<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

/**
 * Splits positionals into resource words (`TYPE NAME…`, `TYPE/NAME…`) and the pairs after them (`k=v`, `k-`); a
 * resource word after a pair is kubectl's error. Models cmdutil.GetResourcesAndPairs.
 */
export function resourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const pair = (a.includes('=') && a[0] !== '=') || (a.endsWith('-') && a !== '-');
    if (pair) pairs.push(a);
    else if (pairs.length) throw new KubectlError(`error: all resources must be specified before ${pairType} changes: ${a}`);
    else resources.push(a);
  }
  return { resources, pairs };
}
