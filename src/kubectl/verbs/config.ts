// `kubectl config current-context|get-contexts|get-clusters|get-users|set-context|use-context|view` over the
// kubeconfig kind wrote (kubeconfig.ts): `set-context` sets a context's namespace, cluster or user, or makes a new
// context, and `use-context` switches to it. The other writing sub-commands are not modelled. Models
// kubectl/pkg/cmd/config (current_context.go, get_contexts.go, get_clusters.go, get_users.go, create_context.go,
// use_context.go, view.go).
import type { Ctx, Unmodelled, Verb } from '../context.ts';
import type { KubeContext } from '../kubeconfig.ts';
import { E, KubectlError } from '../errors.ts';
import { subCommandGroupRun } from '../group.ts';
import { CLUSTERS, USERS, contextsOf, findContext, kubeconfig, shortenedConfig } from '../kubeconfig.ts';
import { OUTPUT_FLAG, allowMissingKeys, parseGoBool, printFormatOf, templateText } from '../print-flags.ts';
import { toJson } from '../print/json.ts';
import { toKyaml } from '../print/kyaml.ts';
import { TabWriter } from '../print/table.ts';
import { toYaml } from '../print/yaml.ts';

const currentContext: Verb = {
  name: 'current-context',
  short: 'Display the current-context',
  flags: [],
  run(ctx) { ctx.out(`${kubeconfig(ctx.cluster).current}\n`); },
};

/** Models utilerrors.NewAggregate through CheckErr: one error as `error: …`, several one per line. */
function aggregate(errors: string[]): KubectlError {
  return new KubectlError(errors.length === 1 ? `error: ${errors[0]}` : errors.join('\n'));
}

const getContexts: Verb = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  flags: [{ name: 'no-headers', type: 'bool' }, { name: 'output', short: 'o', type: 'string', default: '' }],
  run(ctx) {
    const output = ctx.str('output');
    // kubectl 1.32 and 1.33 answer every other value so, whether or not it names a printer.
    if (output !== '' && output !== 'name') {
      throw new KubectlError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
    }
    const nameOnly = output === 'name';
    const contexts = contextsOf(ctx.cluster), current = kubeconfig(ctx.cluster).current;
    const errors = ctx.args.filter((n) => !contexts.some((c) => c.name === n)).map((n) => `context ${n} not found`);
    const shown = contexts.filter((c) => !ctx.args.length || ctx.args.includes(c.name));
    let text = !ctx.bool('no-headers') && !nameOnly ? 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n' : '';
    for (const c of shown) {
      text += nameOnly ? `${c.name}\n` : `${c.name === current ? '*' : ' '}\t${c.name}\t${c.cluster}\t${c.user}\t${c.namespace}\n`;
    }
    ctx.out(new TabWriter().flush(text));
    if (errors.length) throw aggregate(errors);
  },
};

// get-clusters and get-users: a NAME column of every entry, whatever the arguments.
function namesOf(name: string, short: string, names: readonly string[]): Verb {
  return { name, short, flags: [], run(ctx) { ctx.out(['NAME', ...names].map((n) => `${n}\n`).join('')); } };
}

// Printed by `config use-context` without exactly one name (its help, on stdout, before the error).
const USE_CONTEXT_HELP = `Set the current-context in a kubeconfig file.

Aliases:
use-context, use

Examples:
  # Use the context for the minikube cluster
  kubectl config use-context minikube

Usage:
  kubectl config use-context CONTEXT_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const useContext: Verb = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  flags: [],
  run(ctx) {
    if (ctx.args.length !== 1) {
      ctx.out(USE_CONTEXT_HELP);
      throw new KubectlError(`error: Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const name = ctx.args[0];
    if (!name) throw new KubectlError('error: empty context names are not allowed');
    if (!findContext(ctx.cluster, name)) throw new KubectlError(`error: no context exists with the name: ${JSON.stringify(name)}`);
    kubeconfig(ctx.cluster).current = name;
    ctx.out(`Switched to context ${JSON.stringify(name)}.\n`);
  },
};

// `config view` prints the typed v1 Config: yaml by default, and the other PrintFlags formats.
function printConfig(ctx: Ctx, minify?: KubeContext): void {
  const format = printFormatOf(ctx);
  const config = shortenedConfig(ctx.cluster, minify);
  if (format === '' || format === 'yaml') ctx.out(toYaml(config));
  else if (format === 'json') ctx.out(toJson(config, true));
  else if (format === 'kyaml') ctx.out(toKyaml(config, true));
  else if (format === 'name') ctx.out('config/<unknown>\n');
  else ctx.out(templateText(format, config, allowMissingKeys(ctx)));
}

const view: Verb = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  flags: [OUTPUT_FLAG, { name: 'merge', type: 'string', default: 'true', bare: 'true' }, { name: 'raw', type: 'bool' },
    { name: 'flatten', type: 'bool' }, { name: 'minify', type: 'bool' }],
  run(ctx) {
    // --merge is a tri-state bool flag: pflag refuses a value strconv.ParseBool does not read.
    const merge = parseGoBool(ctx.str('merge'));
    if (merge === null) {
      throw new KubectlError(E.usage(ctx.path, `invalid argument "${ctx.str('merge')}" for "--merge" flag: strconv.ParseBool: parsing "${ctx.str('merge')}": invalid syntax`));
    }
    if (ctx.args.length) throw new KubectlError(E.usageErr(ctx.path, `unexpected arguments: [${ctx.args.join(' ')}]`));
    printFormatOf(ctx);
    if (!merge) throw new KubectlError('error: if merge==false a precise file must be specified');
    const context = ctx.str('context') || kubeconfig(ctx.cluster).current;
    const minify = ctx.bool('minify') ? findContext(ctx.cluster, context) : undefined;
    if (ctx.bool('minify') && !minify) throw new KubectlError(`error: cannot locate context ${context}`);
    // The certificates and key of kind's kubeconfig are not modelled, so their data cannot be shown.
    for (const flag of ['raw', 'flatten']) {
      if (ctx.bool(flag)) throw new KubectlError(`error: "kubectl config view --${flag}" is not available in this simulated cluster`);
    }
    printConfig(ctx, minify);
  },
};

// Printed by `config set-context` with more than one name (its help, on stdout, before the error).
const SET_CONTEXT_HELP = `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.

Examples:
  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin

Options:
    --cluster='':
\tcluster for the context entry in kubeconfig

    --current=false:
\tModify the current context

    --namespace='':
\tnamespace for the context entry in kubeconfig

    --user='':
\tuser for the context entry in kubeconfig

Usage:
  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

// Models create_context.go: a named or the current context gets the fields given (an empty value clears one); a
// new name makes a new context. Its own --namespace flag hides the global one, and with it `-n`.
const setContext: Verb = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  flags: [{ name: 'current', type: 'bool' }, { name: 'cluster', type: 'string', default: '' }, { name: 'user', type: 'string', default: '' },
    { name: 'namespace', type: 'string', default: '' }],
  run(ctx) {
    if (ctx.args.length > 1) {
      ctx.out(SET_CONTEXT_HELP);
      throw new KubectlError(`error: Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const named = ctx.args[0] ?? '', current = ctx.bool('current');
    if (!named && !current) throw new KubectlError('error: you must specify a non-empty context name or --current');
    if (named && current) throw new KubectlError('error: you cannot specify both a context name and --current');
    const st = kubeconfig(ctx.cluster);
    const name = current ? st.current : named;
    let context = findContext(ctx.cluster, name);
    const exists = !!context;
    if (!context) st.contexts.push(context = { name, cluster: '', user: '', namespace: '' });
    for (const f of ['cluster', 'user', 'namespace'] as const) if (ctx.given(f)) context[f] = ctx.str(f);
    ctx.out(`Context ${JSON.stringify(name)} ${exists ? 'modified' : 'created'}.\n`);
  },
};

// kubectl 1.35's `config` sub-commands that write the kubeconfig.
const UNMODELLED: readonly Unmodelled[] = [
  { name: 'delete-cluster' }, { name: 'delete-context' }, { name: 'delete-user' }, { name: 'rename-context' }, { name: 'set' },
  { name: 'set-cluster' },
  { name: 'set-credentials' }, { name: 'unset' },
];

// Printed by `kubectl config` alone (cobra's help for the group, on stderr).
const HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const config: Verb = {
  name: 'config',
  short: 'Modify kubeconfig files',
  flags: [],
  subcommands: [currentContext, getContexts, namesOf('get-clusters', 'Display clusters defined in the kubeconfig', CLUSTERS),
    namesOf('get-users', 'Display users defined in the kubeconfig', USERS), setContext, useContext, view],
  unmodelled: UNMODELLED,
  run: subCommandGroupRun(HELP),
};
