// Tab completion for the terminal: kubectl verbs, resource types and object names from the read model.
// Pure: given the input and what exists, returns the completed input and the candidates.
import type { Kind } from '../../engine/index.ts';
import { KIND_NAME } from '../../kubectl/kubeconfig.ts';
import { FILE_OPERAND_COMMANDS, OWN_COMMANDS } from '../../scenario/shell-commands.ts';

// The terminal's own words (the app answers them, not the shell).
const TERMINAL_COMMANDS = ['clear', 'help'];

export const VERBS = [
  'annotate', 'apply', 'cluster-info', 'config', 'cordon', 'cp', 'create', 'delete', 'describe', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get',
  'label', 'logs', 'patch', 'port-forward', 'rollout', 'run', 'scale', 'set', 'taint', 'uncordon', 'wait',
] as const;

// Verbs whose first argument is a pod (or TYPE/NAME); what follows (a command, a container, ports) does not complete.
const POD_VERBS: ReadonlySet<string> = new Set(['exec', 'logs', 'port-forward']);

/** Resource words kubectl accepts, each with the kind whose names complete after it. */
export const RESOURCES: ReadonlyArray<[string, Kind | null]> = [
  ['all', null], ['configmaps', 'ConfigMap'], ['configmap', 'ConfigMap'], ['cm', 'ConfigMap'], ['controllerrevisions', 'ControllerRevision'], ['endpoints', 'Endpoints'], ['endpointslices', 'EndpointSlice'],
  ['events', 'Event'], ['namespaces', 'Namespace'], ['nodes', 'Node'], ['persistentvolumeclaims', 'PersistentVolumeClaim'],
  ['persistentvolumes', 'PersistentVolume'], ['pods', 'Pod'], ['pod', 'Pod'], ['po', 'Pod'], ['pvc', 'PersistentVolumeClaim'],
  ['pv', 'PersistentVolume'], ['services', 'Service'], ['svc', 'Service'], ['statefulsets', 'StatefulSet'], ['statefulset', 'StatefulSet'],
  ['secrets', 'Secret'], ['secret', 'Secret'], ['serviceaccounts', 'ServiceAccount'], ['sa', 'ServiceAccount'],
  ['sts', 'StatefulSet'], ['storageclasses', 'StorageClass'], ['sc', 'StorageClass'], ['ns', 'Namespace'], ['node', 'Node'], ['no', 'Node'], ['ep', 'Endpoints'],
];

// Verbs whose arguments are node names (or node/NAME), and the resource words `taint` takes before its node.
const NODE_VERBS: ReadonlySet<string> = new Set(['cordon', 'uncordon', 'drain']);
const NODE_TYPES = RESOURCES.filter(([, kind]) => kind === 'Node').map(([r]) => r);

const SUBCOMMANDS: Record<string, readonly string[]> = {
  config: ['current-context', 'get-clusters', 'get-contexts', 'get-users', 'set-context', 'use-context', 'view'],
  create: ['configmap', 'namespace', 'poddisruptionbudget', 'secret', 'service', 'serviceaccount'],
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['env', 'image', 'resources', 'selector', 'serviceaccount'],
  sim: ['advance', 'gate', 'node', 'pod', 'seed', 'settle'],
};

/** `create service`'s (alias `svc`) sub-commands, the Service's type, and `create secret`'s, the Secret's. */
const SERVICE_TYPES = ['clusterip', 'externalname', 'loadbalancer', 'nodeport'];
const SECRET_TYPES = ['docker-registry', 'generic', 'tls'];

/** Object names (no namespace) of a kind, for the names step. */
export type NamesOf = (kind: Kind) => readonly string[];

export interface Completion { line: string; options: string[] }

function commonPrefix(words: readonly string[]): string {
  if (!words.length) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

// Flags whose value is the next word (`-n kube-system`, `-o wide`): the value is neither the verb nor a type.
const VALUE_FLAGS: ReadonlySet<string> = new Set([
  '-n', '--namespace', '--context', '--kubeconfig', '--request-timeout', '-o', '--output', '-l', '--selector', '-L',
  '--label-columns', '--field-selector', '-c', '--container', '-f', '--filename', '-p', '--patch', '--type', '--image',
  '--replicas', '--timeout', '--for', '--to-revision', '--revision', '--grace-period', '--since', '--tail', '-e', '--env',
  '--limits', '--requests', '--sort-by',
]);

// `kubectl logs -f` is --follow, which takes no value.
const isFollow = (verb: string | undefined, flag: string | undefined): boolean => verb === 'logs' && flag === '-f';

/** The words that are not flags or flag values (a flag may stand before the verb, as in `kubectl -n NS get`). */
function positionals(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (VALUE_FLAGS.has(words[i]) && !isFollow(out[0], words[i])) i++;
    else if (!words[i].startsWith('-')) out.push(words[i]);
  }
  return out;
}

/**
 * Completes the last word of `line`. With one candidate the word is replaced and a space added; with several,
 * the word is extended to their common prefix and `options` lists them.
 */
export function complete(line: string, namesOf: NamesOf, files: readonly string[] = []): Completion {
  const words = line.split(/\s+/);
  const prev = words[words.length - 2];
  const isSim = words[0] === 'sim';
  const head = words[0] === 'kubectl' || words[0] === 'k' || isSim ? 1 : 0;
  const last = words[words.length - 1];
  const args = positionals(words.slice(head, -1));
  let candidates: readonly string[] = [];
  // The terminal's own files: after -f (not logs' --follow), a redirection, --from-file=, and for the file commands.
  if (last.startsWith('--from-file=')) candidates = files.map((f) => `--from-file=${f}`);
  else if (((prev === '-f' && !isFollow(args[0], prev)) || prev === '--filename') || prev === '<' || prev === '>' || prev === '>>') candidates = files;
  else if (words.length > 1 && FILE_OPERAND_COMMANDS.has(words[0]) && !last.startsWith('-')) candidates = files;
  else if (last.startsWith('-') || (VALUE_FLAGS.has(prev) && !isFollow(args[0], prev))) candidates = [];
  else if (isSim) candidates = args.length === 0 ? SUBCOMMANDS.sim : [];
  // The first word: a kubectl verb (its prefix is optional) or one of the shell's own commands; after kubectl, a verb.
  else if (args.length === 0) candidates = head ? VERBS : [...VERBS, ...OWN_COMMANDS, ...TERMINAL_COMMANDS];
  else {
    const verb = args[0];
    const sub = SUBCOMMANDS[verb];
    const typeAt = sub ? 2 : 1;
    const slash = last.indexOf('/');
    if (sub && args.length === 1) candidates = sub;
    // config's sub-commands take no resource type (use-context takes the context name).
    else if (verb === 'config') candidates = args[1] === 'use-context' && args.length === 2 ? [KIND_NAME] : [];
    // create's sub-commands name a new object: only `create service`'s and `create secret`'s types complete.
    else if (verb === 'create') {
      candidates = args.length !== 2 ? [] : args[1] === 'service' || args[1] === 'svc' ? SERVICE_TYPES : args[1] === 'secret' ? SECRET_TYPES : [];
    }
    // cordon, uncordon and drain take node names; taint takes a node type, one node, then taints.
    else if (NODE_VERBS.has(verb) && slash < 0) candidates = namesOf('Node');
    else if (verb === 'taint' && slash < 0) candidates = args.length === 1 ? NODE_TYPES : args.length === 2 && NODE_TYPES.includes(args[1]) ? namesOf('Node') : [];
    else if (verb === 'taint' && args.length > 1) candidates = [];
    // cp takes a source and a destination, each a local file or POD:PATH (the path in the pod does not complete).
    else if (verb === 'cp') candidates = args.length > 2 || last.includes(':') ? [] : [...namesOf('Pod').map((n) => `${n}:`), ...files];
    // exec, logs and port-forward take a pod name (or TYPE/NAME) first; then exec's command, logs' container, the ports.
    else if (POD_VERBS.has(verb) && args.length === 1 && slash < 0) candidates = namesOf('Pod');
    else if (POD_VERBS.has(verb) && args.length > 1) candidates = [];
    else if (slash > 0) {
      const kind = RESOURCES.find(([r]) => r === last.slice(0, slash))?.[1];
      candidates = kind ? namesOf(kind).map((n) => `${last.slice(0, slash)}/${n}`) : [];
    } else if (args.length === typeAt) candidates = RESOURCES.map(([r]) => r);
    else if (args.length > typeAt) {
      const kind = RESOURCES.find(([r]) => r === args[typeAt])?.[1];
      candidates = kind ? namesOf(kind) : [];
    }
  }
  const options = [...new Set(candidates.filter((c) => c.startsWith(last)))].sort();
  if (!options.length) return { line, options: [] };
  const before = words.slice(0, -1).join(' ');
  const join = (w: string): string => (before ? `${before} ${w}` : w);
  // A pod's `POD:` (cp) goes on with its path: no space after it.
  if (options.length === 1) return { line: join(options[0]) + (options[0].endsWith(':') ? '' : ' '), options: [] };
  return { line: join(commonPrefix(options)), options };
}
