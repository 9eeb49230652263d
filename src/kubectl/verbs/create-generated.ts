// What the `create` sub-commands (`create namespace`, `create service …`) share: the one NAME they take and the
// printing of the typed object they generate or get back. Models kubectl/pkg/cmd/create/create.go
// NameFromCommandArgs and PrintFlags over a typed object.
import { goJson } from '../../engine/api/go-json.ts';
import { CLUSTER_SCOPED, type ApiStatus, type KObject, type Kind } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { VALIDATE_FLAG, fieldValidationOf } from '../mutate.ts';
import type { WriteOptions } from '../../engine/store/store.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation, type DryRun, type PrintFormat } from '../print-flags.ts';
import { toJson } from '../print/json.ts';
import { toKyaml } from '../print/kyaml.ts';
import { served } from '../print/output.ts';
import { inStructOrder, type Shape } from '../typed-order.ts';

/** The NAME argument: exactly one positional before any `--`, or kubectl's usage error. */
export function nameFromArgs(ctx: Ctx): string {
  const n = ctx.flags.dashAt === -1 ? ctx.args.length : ctx.flags.dashAt;
  if (n !== 1) throw new KubectlError(E.usageErr(ctx.path, `exactly one NAME is required, got ${n}`));
  return ctx.args[0];
}

/**
 * Prints a created (or dry-run) object as the sub-command's printer does: `-o json` and `-o kyaml` in the Go
 * struct's field order (the object is typed), everything else as the other mutating verbs print.
 */
export function printGenerated(ctx: Ctx, format: PrintFormat, dry: DryRun, kind: Kind, object: KObject, shape: Shape, operation = 'created'): void {
  if (format === 'json' || format === 'kyaml') {
    const typed = inStructOrder(served(kind, object), shape);
    ctx.out(format === 'json' ? toJson(typed, true) : toKyaml(typed, true));
    return;
  }
  printMutation(ctx, format, dry, kind, object, operation);
}

/** The typed encoder's JSON of a generated object's metadata (name, then namespace when set; no creationTimestamp in 1.35). */
export const typedMetadata = (m: NonNullable<KObject['metadata']>): string =>
  `{"name":${goJson(m.name ?? '')}${m.namespace === undefined ? '' : `,"namespace":${goJson(m.namespace)}`}}`;

/** The printing and sending flags of a sub-command. */
export interface GeneratorFlags { dry: DryRun; format: PrintFormat; validation: WriteOptions['fieldValidation'] }

/** Reads --dry-run, -o and --validate, in that order (Complete's order: their errors come so). */
export function generatorFlags(ctx: Ctx): GeneratorFlags {
  const dry = dryRunOf(ctx);
  const format = printFormatOf(ctx);
  return { dry, format, validation: fieldValidationOf(ctx) };
}

/**
 * Sends a generated object as the sub-commands do: a client dry run prints it as generated; otherwise it is created
 * in the context's namespace (a server dry run changes nothing), its warnings printed, a refusal worded by `refused`,
 * and the object the API server returns printed.
 */
export function sendGenerated(ctx: Ctx, flags: GeneratorFlags, kind: Kind, object: KObject, shape: Shape, refused: (status: ApiStatus) => string, operation = 'created'): void {
  const { dry, format, validation } = flags;
  if (dry === 'client') { printGenerated(ctx, format, dry, kind, object, shape, operation); return; }
  const sent = CLUSTER_SCOPED.has(kind) ? object : { ...object, metadata: { ...object.metadata, namespace: ctx.namespace } };
  const r = ctx.cluster.store.create(kind, sent, { dryRun: dry === 'server', fieldValidation: validation });
  for (const w of r.warnings) ctx.err(`Warning: ${w}\n`);
  if (!r.ok) throw new KubectlError(refused(r.status));
  printGenerated(ctx, format, dry, kind, r.object as KObject, shape, operation);
}

/** The flags every generating `create` sub-command has (PrintFlags, --save-config, --validate, --dry-run, --field-manager). */
export const GENERATOR_FLAGS: readonly FlagSpec[] = [
  OUTPUT_FLAG,
  { name: 'save-config', type: 'bool' },
  VALIDATE_FLAG,
  DRY_RUN_FLAG,
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
];
