// `kubectl taint nodes NAME KEY[=VALUE]:EFFECT … | KEY[:EFFECT]-`: adds, replaces (--overwrite) or removes node
// taints; `-l` and `--all` select nodes. Models kubectl/pkg/cmd/taint/taint.go and utils.go.
import type { Node } from '../../engine/api/types.ts';
import type { Taint } from 'kubernetes-types/core/v1';
import { notFound } from '../../engine/api/errors.ts';
import { matchesRequirements } from '../../engine/api/labels.ts';
import { isQualifiedName, isValidLabelValue } from '../../engine/api/validation-names.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { editable, writeObject } from '../mutate.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';
import { resolveType } from '../resources.ts';
import { selectorOf } from '../targets.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A taint as `Taint.ToString` prints it: `key=value:effect`, `key:effect`, `key`. */
function taintText(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

// Models parseTaint: '<key>=<value>:<effect>', '<key>:<effect>' or '<key>'.
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string, value = '', effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), effect: effect as Taint['effect'] };
}

// Models parseTaints: additions need an effect and must be unique by key and effect; `-` marks a removal.
function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [], remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    // Go's %v of the struct: {Key Value Effect TimeAdded}.
    if (add.some((x) => x.key === t.key && x.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    add.push(t);
  }
  return { add, remove };
}

const matchTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

// Models reorganizeTaints: the new taints first, then the old ones not replaced, minus the removals; the
// operation printed is `modified` (added and removed, or --overwrite), `tainted` or `untainted`.
function reorganize(old: readonly Taint[], overwrite: boolean, add: readonly Taint[], remove: readonly Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  let taints: Taint[] = [...add];
  for (const o of old) if (!taints.some((t) => matchTaint(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (r.effect ? !matchTaint(r, t) : t.key !== r.key));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint "${taintText(r)}" not found`);
  }
  const op = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints, errors };
}

export const taint: Verb = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict', bare: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    // Complete: resources first, then taint changes.
    const resources: string[] = [], specs: string[] = [];
    for (const a of ctx.args) {
      const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
      if (isTaint) specs.push(a);
      else if (specs.length) throw new KubectlError(`error: all resources must be specified before taint changes: ${a}`);
      else resources.push(a);
    }
    if (resources.length < 1) throw new KubectlError('error: one or more resources must be specified as <resource> <name>');
    if (specs.length < 1) throw new KubectlError('error: at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(specs);
    } catch (e) {
      throw new KubectlError(`error: ${(e as Error).message}\nSee 'kubectl taint -h' for help and examples`);
    }
    // Validate: only nodes; no taint both changed and removed; names, -l or --all.
    const type = resolveType(resources[0].toLowerCase());
    if (!type) throw new KubectlError(E.noResourceType(resources[0].toLowerCase()));
    if (type.kind !== 'Node') throw new KubectlError(`error: invalid resource type ${resources[0].toLowerCase()}, only node types are supported`);
    const conflicts = parsed.add.flatMap((a) => parsed.remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `{"${r.key}":"${r.effect ?? ''}"}`));
    if (conflicts.length) throw new KubectlError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = ctx.bool('all'), selector = ctx.str('selector');
    if (all && selector) throw new KubectlError("error: setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2) throw new KubectlError("error: at least one resource name must be specified since 'all' parameter is not set");
    const store = ctx.cluster.store;
    const sel = selectorOf(ctx);
    const errors: string[] = [];
    let nodes: Node[];
    if (all || selector) nodes = store.list('Node').filter((n) => !sel || matchesRequirements(sel, n.metadata?.labels ?? {}));
    else {
      nodes = [];
      for (const name of resources.slice(1)) {
        const n = store.get('Node', '', name);
        if (n) nodes.push(n); else errors.push(apiErrorText(notFound('Node', name)));
      }
    }
    // RunTaint: each node in turn (errors collected, as the builder continues on error).
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const old = node.spec?.taints ?? [];
      if (!ctx.bool('overwrite')) {
        const exists = parsed.add.flatMap((t) => old.filter((o) => o.key === t.key && o.effect === t.effect).map(() => t.key));
        if (exists.length) { errors.push(`error: node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`); continue; }
      }
      const r = reorganize(old, ctx.bool('overwrite'), parsed.add, parsed.remove);
      if (r.errors.length) { errors.push(`error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`); continue; }
      const next = editable(node);
      next.spec = { ...next.spec };
      if (r.taints.length) next.spec.taints = r.taints; else delete next.spec.taints;
      let shown: Node = next;
      try {
        const w = writeObject(ctx, 'Node', node, next, undefined, dry);
        if (dry !== 'client') shown = w.object as Node;
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        errors.push(e.message);
        continue;
      }
      printMutation(ctx, format, dry, 'Node', shown, r.op);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};
