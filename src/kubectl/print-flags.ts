// The output of kubectl's mutating verbs: `--dry-run=none|client|server` and the PrintFlags `-o` formats
// (a `<kind>.<group>/<name> <operation>` line by default, or the object as yaml/kyaml/json/name/jsonpath/go-template).
// Models kubectl/pkg/cmd/util (AddDryRunFlag, GetDryRunStrategy, PrintFlagsWithDryRunStrategy) and
// cli-runtime/pkg/genericclioptions PrintFlags with its NamePrinter.
import type { KObject, Kind } from '../engine/api/types.ts';
import type { Ctx } from './context.ts';
import { KubectlError } from './errors.ts';
import { klogLine } from './kubeconfig.ts';
import type { FlagSpec } from './flags.ts';
import { isTemplateFormat, printStructured, renderTemplate, served, templateFormatError, withTemplateFlag } from './print/output.ts';
import { kindGroup } from './resources.ts';

/** How a mutation is sent: for real, not at all (client), or with the server's dryRun=All (server). */
export type DryRun = 'none' | 'client' | 'server';

/** A bare `--dry-run` takes this value (kubectl's NoOptDefVal), which counts as client. */
const BARE = 'unchanged';

/** The `--dry-run` flag of a mutating verb. */
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', default: 'none', bare: BARE };

/** The `--template` flag of the template printers (a go-template without -o, or the template of `-o jsonpath`). */
export const TEMPLATE_FLAG: FlagSpec = { name: 'template', type: 'string', default: '' };

/** `--allow-missing-template-keys`: whether a go-template or JSONPath template may name a missing key. */
export const ALLOW_MISSING_KEYS_FLAG: FlagSpec = { name: 'allow-missing-template-keys', type: 'bool', default: true };

/**
 * The `-o` flag of a verb whose output goes through PrintFlags; PrintFlags.AddFlags adds `--template` and
 * `--allow-missing-template-keys` with it.
 */
export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string', default: '', with: [TEMPLATE_FLAG, ALLOW_MISSING_KEYS_FLAG] };

/** The `--allow-missing-template-keys` value (true for a command without the flag). */
export function allowMissingKeys(ctx: Ctx): boolean {
  return ctx.flags.values['allow-missing-template-keys'] !== false;
}

/**
 * The dry-run strategy of the invocation. `true` and a bare `--dry-run` mean client, `false` means none (kubectl
 * accepts both deprecated forms). Throws kubectl's error for any other value.
 */
export function dryRunOf(ctx: Ctx): DryRun {
  const v = ctx.str('dry-run') ?? 'none';
  const b = parseGoBool(v);
  if (b === null) {
    if (v === 'client' || v === 'server' || v === 'none') return v;
    if (v !== BARE) throw new KubectlError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
  // cmdutil.GetDryRunStrategy warns through klog, once per call (the source lines are kubectl 1.32's).
  if (!warnedDryRun.has(ctx)) {
    warnedDryRun.add(ctx);
    const wall = ctx.cluster.wallNow();
    if (b === null) ctx.err(klogLine('W', wall, 395, 'helpers.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client.'));
    else ctx.err(klogLine('W', wall, 395, b ? 'helpers.go:716' : 'helpers.go:719', `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${b ? 'client' : 'none'}.`));
  }
  return b === false ? 'none' : 'client';
}

// The commands that were warned about a deprecated --dry-run value (dryRunOf is called more than once per command).
const warnedDryRun = new WeakSet<Ctx>();

/** strconv.ParseBool: true or false for its accepted spellings, null for anything else. */
export function parseGoBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}

// PrintFlags without a table printer: JSON/YAML, name, templates and JSONPath (kubectl's allowed-formats order).
const FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'kyaml', 'name', 'template', 'templatefile', 'yaml'];

/** An output format PrintFlags accepts (`template=` and `--template` arrive as `go-template=`). */
export type PrintFormat = '' | 'json' | 'yaml' | 'kyaml' | 'name' | TemplateFormat;

/** A template printer's format, with its template. */
export type TemplateFormat = `jsonpath=${string}` | `jsonpath-as-json=${string}` | `go-template=${string}`;

const unknownFormat = (o: string): string => `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS.join(',')}`;

/**
 * The `-o` value checked as PrintFlags.ToPrinter checks it, with `--template` applied (a go-template when -o
 * was not given); throws kubectl's error.
 */
export function printFormatOf(ctx: Ctx): PrintFormat {
  const template = ctx.str('template') ?? '';
  const o = withTemplateFlag(ctx.str('output') ?? '', template, template !== '' && !ctx.given('output'), unknownFormat);
  if (o === '' || o === 'json' || o === 'yaml' || o === 'kyaml' || o === 'name') return o;
  const bad = templateFormatError(o);
  if (bad) throw new KubectlError(bad);
  if (isTemplateFormat(o)) return o as PrintFormat;
  throw new KubectlError(unknownFormat(o));
}

/** A template that failed while printing: kubectl's error, and what the printer wrote before returning it. */
export class TemplateFailure extends KubectlError {
  constructor(readonly partial: string, error: string) {
    super(error);
  }
}

/**
 * A template format rendered over `data`. A template that fails as it runs throws a TemplateFailure carrying
 * its output (and a go-template's debugging text). `allowMissing`: `--allow-missing-template-keys`.
 */
export function templateText(format: TemplateFormat, data: unknown, allowMissing = true): string {
  const r = renderTemplate(format, data, allowMissing);
  if (r.error) throw new TemplateFailure(r.text, r.error);
  return r.text;
}

/** The operation as NamePrinter shows it: `created`, `created (dry run)`, `created (server dry run)`. */
export function withDryRun(operation: string, dry: DryRun): string {
  return dry === 'client' ? `${operation} (dry run)` : dry === 'server' ? `${operation} (server dry run)` : operation;
}

/**
 * Prints one object after a mutation: `<kind>.<group>/<name> <operation>` (with the dry-run suffix), the name
 * alone for `-o name`, or the object in the requested format. A verb that builds its printer once (create,
 * scale, set image, annotate) shares it across objects, and YAMLPrinter starts every document after its first
 * with `---`; label, patch and rollout undo build a new printer per object (`perObject`), so theirs never do.
 */
export function printMutation(ctx: Ctx, format: PrintFormat, dry: DryRun, kind: Kind, object: KObject, operation: string, perObject = false): void {
  const n = perObject ? 0 : (printed.get(ctx) ?? 0);
  if (!perObject) printed.set(ctx, n + 1);
  let text: string;
  try {
    text = mutationText(format, dry, kind, object, operation, allowMissingKeys(ctx));
  } catch (e) {
    // The printer writes the template's output and its debugging text before kubectl reports the error.
    if (e instanceof TemplateFailure) ctx.out(e.partial);
    throw e;
  }
  ctx.out((format === 'yaml' && n > 0 ? '---\n' : '') + text);
}

const printed = new WeakMap<Ctx, number>();

/**
 * The text printMutation writes for one object. NamePrinter shows a nameless object (a client dry run of a
 * generateName manifest) as `<unknown>`.
 */
export function mutationText(format: PrintFormat, dry: DryRun, kind: Kind, object: KObject, operation: string, allowMissing = true): string {
  const name = object.metadata?.name || '<unknown>';
  if (format === '') return `${kindGroup(kind)}/${name} ${withDryRun(operation, dry)}\n`;
  if (format === 'name') return `${kindGroup(kind)}/${name}\n`;
  if (format === 'json' || format === 'yaml' || format === 'kyaml') return printStructured(format, [{ kind, object }], false);
  return templateText(format, served(kind, object), allowMissing);
}
