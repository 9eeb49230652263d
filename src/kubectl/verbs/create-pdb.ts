// `kubectl create poddisruptionbudget NAME` (alias `pdb`): a policy/v1 budget over `--selector` with one of
// `--min-available` / `--max-unavailable` (a number or a percent); `--save-config`, --dry-run and -o as PrintFlags.
// Models kubectl/pkg/cmd/create/create_pdb.go (Complete, Validate, Run, createPodDisruptionBudgets) and
// metav1.ParseToLabelSelector.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { parseSelector } from '../../engine/api/labels.ts';
import type { KObject } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { PDB_SHAPE, inStructOrder } from '../typed-order.ts';
import { LAST_APPLIED } from './apply.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs, sendGenerated } from './create-generated.ts';

/** Models metav1.ParseToLabelSelector: equalities become matchLabels, the rest matchExpressions (values sorted). */
export function parseToLabelSelector(text: string): LabelSelector {
  const parsed = parseSelector(text);
  if (!parsed.ok) throw new KubectlError(`error: couldn't parse the selector string "${text}": ${parsed.error.replace(/^error: /, '')}`);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const r of parsed.reqs) {
    if (r.operator === 'Equals') { matchLabels[r.key] = r.values[0]; continue; }
    if (r.operator === 'NotEquals') throw new KubectlError('error: "!=" is not a valid label selector operator');
    if (r.operator === 'GreaterThan' || r.operator === 'LessThan') throw new KubectlError(`error: "${r.operator === 'GreaterThan' ? 'gt' : 'lt'}" isn't supported in label selectors`);
    const values = [...new Set(r.values)].sort();
    matchExpressions.push({ key: r.key, operator: r.operator, ...(values.length ? { values } : {}) });
  }
  // The empty map and list are left out, as their omitempty tags drop them.
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

const INT64_MAX = 2n ** 63n - 1n;

/** Models intstr.Parse over a `^[0-9]+%?$` value: an integer (int32, wrapped as FromInt does), else the string. */
function parseIntOrString(text: string): number | string {
  if (!/^[0-9]+$/.test(text) || BigInt(text) > INT64_MAX) return text;
  return Number(BigInt.asIntN(32, BigInt(text)));
}

// The typed encoder's compact JSON (struct order, Go's HTML-safe escapes) and its newline.
const typedJson = (o: KObject): string =>
  JSON.stringify(inStructOrder(o, PDB_SHAPE)).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';

/** Models createPodDisruptionBudgets and CreateOrUpdateAnnotation: the budget kubectl sends, in the typed struct's order. */
export function generatePdb(name: string, namespace: string | undefined, selector: LabelSelector, bound: 'minAvailable' | 'maxUnavailable', value: string, annotate: boolean): KObject {
  const pdb = {
    kind: 'PodDisruptionBudget', apiVersion: 'policy/v1',
    metadata: { name, ...(namespace ? { namespace } : {}) } as NonNullable<KObject['metadata']>,
    spec: { [bound]: parseIntOrString(value), selector },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  } as KObject;
  if (annotate) pdb.metadata = { ...pdb.metadata, annotations: { [LAST_APPLIED]: typedJson(pdb) } };
  return pdb;
}

// Models PodDisruptionBudgetOpts.Validate (after Complete's name, dry-run, printer and validation checks).
function validate(name: string, selector: string, min: string, max: string): void {
  if (!name) throw new KubectlError('error: name must be specified');
  if (!selector) throw new KubectlError('error: a selector must be specified');
  if (!min && !max) throw new KubectlError('error: one of min-available or max-unavailable must be specified');
  if (min && max) throw new KubectlError('error: min-available and max-unavailable cannot be both specified');
  // A number or a percent: `10`, `30%`, not `10Gb`.
  if (min && !/^[0-9]+%?$/.test(min)) throw new KubectlError('error: invalid format specified for min-available');
  if (max && !/^[0-9]+%?$/.test(max)) throw new KubectlError('error: invalid format specified for max-unavailable');
}

export const createPdb: Verb = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'min-available', type: 'string', default: '' },
    { name: 'max-unavailable', type: 'string', default: '' },
    { name: 'selector', type: 'string', default: '' },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    const min = ctx.str('min-available'), max = ctx.str('max-unavailable'), selector = ctx.str('selector');
    validate(name, selector, min, max);
    const pdb = generatePdb(name, ctx.namespaceExplicit ? ctx.namespace : undefined, parseToLabelSelector(selector),
      min ? 'minAvailable' : 'maxUnavailable', min || max, ctx.bool('save-config'));
    // The typed client's error, wrapped in kubectl's own words.
    sendGenerated(ctx, flags, 'PodDisruptionBudget', pdb, PDB_SHAPE, (s) => `error: failed to create poddisruptionbudgets: ${s.message}`);
  },
};
