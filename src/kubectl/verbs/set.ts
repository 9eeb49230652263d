// `kubectl set image|env|resources`: each updates the containers of a pod template (a workload's, or a pod's own
// spec) and writes it back; an object whose template does not change is neither written nor printed; --dry-run and
// -o as PrintFlags. Models kubectl/pkg/cmd/set (set_image.go, set_env.go, set_resources.go, helper.go).
import { RESOURCE, type KObject, type Kind, type KindMap, type Pod, type PodTemplateSpec } from '../../engine/api/types.ts';
import { parseSelector } from '../../engine/api/labels.ts';
import { canonicalQuantity, QUANTITY_REGEX_ERROR } from '../../engine/api/quantity.ts';
import type { Ctx, Verb } from '../context.ts';
import type { FlagSpec } from '../flags.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { envNameErrors } from '../env-file.ts';
import { editable, resourcesAndPairs, writeObject } from '../mutate.ts';
import { namedObjects, FILENAME_FLAG, type Found } from '../targets.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf, printMutation } from '../print-flags.ts';

type PodSpec = NonNullable<Pod['spec']>;
type Container = PodSpec['containers'][number];
type EnvVar = NonNullable<Container['env']>[number];

function podSpecOf(o: KObject): PodSpec | undefined {
  if (o.kind === 'Pod' || (o as Pod).spec?.containers) return (o as Pod).spec;
  return ((o as { spec?: { template?: PodTemplateSpec } }).spec?.template)?.spec;
}

/** The flags that pick the objects a set command changes, and how it prints them. */
const TARGET_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'all', type: 'bool' },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  FILENAME_FLAG,
];

/** `-c, --containers`: which containers of the template to change (all by default, wildcards allowed). */
const CONTAINERS_FLAG: FlagSpec = { name: 'containers', short: 'c', type: 'string', default: '*' };

function allOrSelector(ctx: Ctx): void {
  if (ctx.bool('all') && ctx.str('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time');
}

const image: Verb = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: TARGET_FLAGS,
  run(ctx) {
    // set_image.go Complete (the pairs, then the objects), then Validate.
    const { resources, pairs } = resourcesAndPairs(ctx.args, 'image');
    const invalid = pairs.filter((p) => !(p.includes('=') && p[0] !== '='));
    if (invalid.length) throw new KubectlError(`error: invalid image format: ${invalid.join(', ')}`);
    const images = [...new Map(pairs.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] as const))];
    const validate = (): void => {
      allOrSelector(ctx);
      if (!images.length) throw new KubectlError('error: at least one image update is required');
      if (images.length > 1 && images.some(([name]) => name === '*')) {
        throw new KubectlError('error: all containers are already specified by *, but saw more than one container_name=container_image pairs');
      }
    };
    // A container that is not there is an error for its pair alone: set_image.go still sends the other pairs' change.
    updateTemplates(ctx, resources, 'image updated', (m) => `error: failed to patch image update to pod template: ${m}`, (spec) => {
      const missing: string[] = [];
      for (const [name, img] of images) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          // An empty image is no image: the container marshals without it (omitempty), so the patch removes it.
          if (name === '*' || c.name === name) { if (img) c.image = img; else delete c.image; found = true; }
        }
        if (!found) missing.push(E.noContainer(name));
      }
      return missing;
    }, validate);
  },
};

// The objects a set command works on. The commands read them all (the builder's Infos) before changing any: one that
// is not there fails the command first.
function fetched(ctx: Ctx, resources: readonly string[]): Found {
  const found = namedObjects(ctx, resources, { allowList: true });
  if (found.errors.length) throw new KubectlError(found.errors.join('\n'));
  return found;
}

// UpdatePodSpecForObject refuses any other type (named as Go prints it); the set commands report it per object.
const noTemplate = (kind: Kind, o: KObject): string =>
  `error: ${RESOURCE[kind]}/${o.metadata!.name} the object is not a pod or does not have a pod template: *v1.${kind}`;

// The containers, then init containers, whose names match a wildcard (helper.go selectContainers, with
// filepath.Match's `*` and `?`).
function selectContainers(spec: PodSpec, pattern: string): Container[] {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return [...spec.containers ?? [], ...spec.initContainers ?? []].filter((c) => re.test(c.name));
}

/**
 * Applies `change` to the pod template of every object named (`resources`, -l/--all, -f), writes each that changed
 * and prints it with `operation` (`printUnchanged`: an object the change left as it was too). `validate` checks the command's own arguments once the objects are fetched (set image
 * and set resources fetch them in Complete, before Validate). Per-object failures (`change` throwing a KubectlError, a refused write worded by
 * `failure`) are reported after the others, as the set commands gather their errors.
 */
function updateTemplates(ctx: Ctx, resources: readonly string[], operation: string, failure: (message: string) => string,
  change: (spec: PodSpec, kind: Kind, object: KObject) => string[] | void, validate?: () => void, printUnchanged = false): void {
  const dry = dryRunOf(ctx);
  const format = printFormatOf(ctx);
  const { items } = fetched(ctx, resources);
  validate?.();
  const failed: string[] = [];
  for (const { kind, object } of items) {
    const next = editable(object);
    const spec = podSpecOf(next);
    if (!spec) { failed.push(noTemplate(kind, object)); continue; }
    try {
      // Errors `change` returns leave the rest of its change standing: it is still sent, and they are reported last.
      const soft = change(spec, kind, object) ?? [];
      const w = writeObject(ctx, kind, object, next, undefined, dry, {}, (st) => failure(st.message));
      if (w.changed || printUnchanged) printMutation(ctx, format, dry, kind, w.object, operation);
      failed.push(...soft);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      failed.push(e.text);
    }
  }
  if (failed.length) throw new KubectlError(failed.join('\n'));
}

/** Models set/env/env_parse.go parseIntoEnvVar: `K=V` sets, `K-` removes, `-` reads `K=V` lines from stdin. */
function parseEnv(ctx: Ctx, specs: readonly string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      if (ctx.io.stdin === undefined) throw new KubectlError("error: when '-' is used, STDIN must be open");
      for (let line of ctx.io.stdin.split('\n')) {
        if (line.includes('#')) line = line.slice(0, line.indexOf('#'));
        if (line.includes('=')) env.push({ name: line.slice(0, line.indexOf('=')), value: line.slice(line.indexOf('=') + 1) });
      }
    } else if (spec.includes('=')) {
      const name = spec.slice(0, spec.indexOf('='));
      const errs = envNameErrors(name);
      if (errs.length) throw new KubectlError(`error: "${name}" is not a valid key name: ${errs.join(';')}`);
      env.push({ name, value: spec.slice(spec.indexOf('=') + 1) });
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`error: unknown environment variable: ${spec}`);
    }
  }
  if (remove.some((r) => specs.some((sp) => sp.startsWith(`${r}=`)))) {
    throw new KubectlError('error: can not both modify and remove the same environment variable in the same command');
  }
  return { env, remove };
}

/** Models set_env.go updateEnv: removals go, a variable set again is replaced in place, new ones are appended. */
function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) covered.add(e.name);
    out.push(newer ?? e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/**
 * Models RunEnv's --from: a variable for each data key of each ConfigMap or Secret named (only those in `keys` when
 * given), whose value refers to that key; any other kind fails the command. kubectl walks the keys in Go's map order,
 * which varies from run to run; here they come sorted.
 */
function importedEnv(ctx: Ctx, from: string, keys: readonly string[]): EnvVar[] {
  const out: EnvVar[] = [];
  for (const { kind, object } of fetched(ctx, [from]).items) {
    if (kind !== 'ConfigMap' && kind !== 'Secret') throw new KubectlError('error: unsupported resource specified in --from');
    const ref = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
    for (const key of Object.keys((object as { data?: Record<string, unknown> }).data ?? {}).sort()) {
      if (keys.length && !keys.includes(key)) continue;
      out.push({ name: keyToEnvName(ctx, key), valueFrom: { [ref]: { name: object.metadata!.name!, key } } });
    }
  }
  return out;
}

// Models keyToEnvName: every character but letters, digits and `_` becomes `_`, then upper case, with a warning when
// that changed the key.
function keyToEnvName(ctx: Ctx, key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/gu, '_').toUpperCase();
  if (name !== key) ctx.err(`Warning: key ${key} transferred to ${name}\n`);
  return name;
}

/** Models envutil.GetEnvVarRefString: where a variable's value comes from, for --list. */
function refString(from: NonNullable<EnvVar['valueFrom']>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid env var ref';
}

const env: Verb = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  flags: [
    CONTAINERS_FLAG,
    { name: 'env', short: 'e', type: 'stringArray', default: [] },
    { name: 'list', type: 'bool' },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'from', type: 'string', default: '' },
    { name: 'keys', type: 'strings', default: [] },
    { name: 'prefix', type: 'string', default: '' },
    ...TARGET_FLAGS,
  ],
  run(ctx) {
    allOrSelector(ctx);
    // envutil.SplitEnvironmentFromResources: resources first, then `K=V` and `K-` words.
    const isEnv = (w: string): boolean => /^[^]+=/.test(w) || w.endsWith('-');
    const first = ctx.args.findIndex(isEnv);
    const resources = first < 0 ? [...ctx.args] : ctx.args.slice(0, first);
    const envArgs = first < 0 ? [] : ctx.args.slice(first);
    if (envArgs.some((w) => !isEnv(w))) throw new KubectlError(`error: all resources must be specified before environment changes: ${ctx.args.join(' ')}`);
    if (!ctx.list('filename').length && !resources.length) throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const list = ctx.bool('list');
    if (list && ctx.str('output')) throw new KubectlError('error: --list and --output may not be specified together');
    if (ctx.list('keys').length && !ctx.str('from')) throw new KubectlError('error: when specifying --keys, a configmap or secret must be provided with --from');
    const { env: vars, remove } = parseEnv(ctx, [...ctx.list('env'), ...envArgs]);
    const from = ctx.str('from');
    if (from) vars.push(...importedEnv(ctx, from, ctx.list('keys')));
    const prefix = ctx.str('prefix');
    for (const v of vars) v.name = prefix + v.name;
    const pattern = ctx.str('containers');
    const overwrite = ctx.bool('overwrite');
    const listed: string[] = [];
    const apply = (spec: PodSpec, kind: Kind, object: KObject): void => {
      const containers = selectContainers(spec, pattern);
      if (!containers.length) ctx.err(`warning: ${kind}/${object.metadata!.name} does not have any containers matching "${pattern}"\n`);
      for (const c of containers) {
        if (!overwrite) {
          for (const v of vars) {
            const current = c.env?.find((x) => x.name === v.name);
            if (current && (current.value ?? '') !== (v.value ?? '')) throw new KubectlError(`error: ${RESOURCE[kind]}/${object.metadata!.name} '${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`);
          }
        }
        c.env = updateEnv(c.env ?? [], vars, remove);
        if (!c.env.length) delete c.env;
        if (list) {
          listed.push(`# ${kind} ${object.metadata!.name}, container ${c.name}\n`);
          for (const v of c.env ?? []) listed.push(v.valueFrom ? `# ${v.name} from ${refString(v.valueFrom)}\n` : `${v.name}=${v.value ?? ''}\n`);
        }
      }
    };
    if (list) {
      // --list shows each container's environment with the changes applied, and writes nothing.
      for (const { kind, object } of fetched(ctx, resources).items) {
        const spec = podSpecOf(editable(object));
        if (spec) apply(spec, kind, object);
      }
      ctx.out(listed.join(''));
      return;
    }
    updateTemplates(ctx, resources, 'env updated', (m) => `error: failed to patch env update to pod template: ${m}`, apply);
  },
};

// Models generateversioned.HandleResourceRequirementsV1 (populateResourceListV1): `name=quantity,…`.
function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
    const q = canonicalQuantity(parts[1]);
    if (q === null) throw new KubectlError(`error: ${QUANTITY_REGEX_ERROR}`);
    out[parts[0]] = q;
  }
  return out;
}

const resources: Verb = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  flags: [
    { name: 'limits', type: 'string', default: '' },
    { name: 'requests', type: 'string', default: '' },
    CONTAINERS_FLAG,
    ...TARGET_FLAGS,
  ],
  run(ctx) {
    const limitsText = ctx.str('limits'), requestsText = ctx.str('requests');
    let limits: Record<string, string> | undefined, requests: Record<string, string> | undefined;
    const validate = (): void => {
      allOrSelector(ctx);
      if (!limitsText && !requestsText) throw new KubectlError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
      limits = resourceList(limitsText);
      requests = resourceList(requestsText);
    };
    const pattern = ctx.str('containers');
    updateTemplates(ctx, ctx.args, 'resource requirements updated', (m) => `error: failed to patch resources update to pod template ${m}`, (spec) => {
      const containers = selectContainers(spec, pattern);
      if (!containers.length) throw new KubectlError(`error: unable to find container named ${pattern}`);
      for (const c of containers) {
        const r = { ...(c.resources ?? {}) };
        if (limits) r.limits = { ...(r.limits ?? {}), ...limits };
        if (requests) r.requests = { ...(r.requests ?? {}), ...requests };
        c.resources = r;
      }
    }, validate);
  },
};

// `set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT` (alias `sa`): the pod template's serviceAccountName.
// Models set/set_serviceaccount.go: the account is the last argument, and nobody checks that it exists (the pods
// are refused when they are created: a StatefulSet's rollout then stops at the first new pod).
const serviceaccount: Verb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Update the service account of a resource',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'local', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run(ctx) {
    if (!ctx.args.length) throw new KubectlError('error: serviceaccount is required');
    if (ctx.bool('local')) throw new KubectlError('error: "kubectl set serviceaccount --local" is not available in this simulated cluster');
    const name = ctx.args[ctx.args.length - 1];
    // Unlike set image, it sends its patch even when nothing changes, and prints the object each time.
    updateTemplates(ctx, ctx.args.slice(0, -1), 'serviceaccount updated', (m) => `error: failed to patch ServiceAccountName ${m}`, (spec) => {
      spec.serviceAccountName = name;
    }, undefined, true);
  },
};

/**
 * metav1.ParseToLabelSelector: `=` and `==` requirements as matchLabels, the others as matchExpressions (values
 * sorted); `!=`, `gt` and `lt` have no place in a LabelSelector.
 */
function toLabelSelector(text: string): { matchLabels: Record<string, string>; matchExpressions: string[] } {
  const parsed = parseSelector(text);
  if (!parsed.ok) throw new KubectlError(`error: couldn't parse the selector string ${JSON.stringify(text)}: ${parsed.error.replace(/^error: /, '')}`);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: string[] = [];
  for (const r of parsed.reqs) {
    if (r.operator === 'Equals') { matchLabels[r.key] = r.values[0]; continue; }
    if (r.operator === 'GreaterThan' || r.operator === 'LessThan') throw new KubectlError(`error: "${r.operator === 'GreaterThan' ? 'gt' : 'lt'}" isn't supported in label selectors`);
    if (r.operator === 'NotEquals') throw new KubectlError('error: "!=" is not a valid label selector operator');
    // As Go's %v prints a LabelSelectorRequirement: {key Operator [values]}.
    matchExpressions.push(`{${r.key} ${r.operator} [${[...r.values].sort().join(' ')}]}`);
  }
  return { matchLabels, matchExpressions };
}

// `set selector (-f FILENAME | TYPE NAME) EXPRESSIONS`: a Service's selector, replaced whole. Models set/set_selector.go:
// only Services take one, only as key=value pairs, and each object is printed whether it changed or not.
const selector: Verb = {
  name: 'selector',
  short: 'Set the selector on a resource',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    FILENAME_FLAG,
  ],
  run(ctx) {
    const args = ctx.args;
    const wanted = args.length ? toLabelSelector(args[args.length - 1]) : undefined;
    if (!wanted) throw new KubectlError('error: one selector is required');
    if (ctx.bool('local') || ctx.str('resource-version')) {
      throw new KubectlError(`error: "kubectl set selector --${ctx.bool('local') ? 'local' : 'resource-version'}" is not available in this simulated cluster`);
    }
    const dry = dryRunOf(ctx);
    const format = printFormatOf(ctx);
    // The objects are visited in turn: the first that fails stops the command.
    for (const { kind, object } of fetched(ctx, args.slice(0, -1)).items) {
      if (wanted.matchExpressions.length) throw new KubectlError(`error: match expression [${wanted.matchExpressions.join(' ')}] not supported on this object`);
      if (kind !== 'Service') throw new KubectlError('error: setting a selector is only supported for Services');
      const next = editable(object) as KindMap['Service'];
      const spec = { ...(next.spec ?? {}) };
      if (Object.keys(wanted.matchLabels).length) spec.selector = { ...wanted.matchLabels }; else delete spec.selector;
      next.spec = spec;
      const w = writeObject(ctx, kind, object, next as KObject, undefined, dry, {}, (st) => apiErrorText(st));
      printMutation(ctx, format, dry, kind, w.object, 'selector updated');
    }
  },
};

export const set: Verb = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [],
  subcommands: [image, env, resources, selector, serviceaccount],
  // RoleBindings are not modelled, so neither is setting their subjects.
  unmodelled: [{ name: 'subject' }],
};
