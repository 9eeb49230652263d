// The one catalogue of kubectl's own error and notice texts (client side). Server texts come from the
// store's Status; this file renders them the way kubectl's cmdutil.CheckErr does.
import { unmodelledType, unmodelledTypeText } from './unmodelled-types.ts';
import type { ApiStatus } from '../engine/api/types.ts';
import { DOC_EXAMPLE_URLS } from './doc-examples.ts';

/** A failure that ends the command: `text` is printed on stderr as is (with a newline), exit `code`. */
export class KubectlError extends Error {
  constructor(public text: string, public code = 1) {
    super(text);
  }
}

/** Models staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go StandardErrorMessage for API statuses. */
export function apiErrorText(status: ApiStatus, context?: { verb: 'creating' | 'applying' | 'patching' | 'replacing'; file: string }): string {
  if (status.reason === 'Invalid' && status.details?.causes?.length) {
    const kind = status.details.kind ?? '';
    const name = status.details.name ?? '';
    const causes = status.details.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    // checkErr names the object when the details do; a patch that does not decode has neither kind nor name.
    const head = kind || name ? `The ${kind} "${name}" is invalid` : 'The request is invalid';
    if (causes.length === 1) return `${head}: ${causes[0]}`;
    return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  const where = context ? `error when ${context.verb} "${context.file}": ` : '';
  if (!status.reason) return `Error from server: ${where}${status.message}`;
  return `Error from server (${status.reason}): ${where}${status.message}`;
}

export const E = {
  unknownCommand: (cmd: string, suggestions: string[]) =>
    `error: unknown command "${cmd}" for "kubectl"` + (suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : ''),
  usage: (cmdPath: string, msg: string) => `error: ${msg}\nSee 'kubectl${cmdPath ? ` ${cmdPath}` : ''} --help' for usage.`,
  /** cmdutil.UsageErrorf: a command's own usage error. */
  usageErr: (cmdPath: string, msg: string) => `error: ${msg}\nSee 'kubectl ${cmdPath} -h' for help and examples`,
  /** A type this server does not have: kubectl's error, or the simulator's notice for one a real cluster serves. */
  noResourceType: (t: string) => {
    const real = unmodelledType(t);
    return real ? unmodelledTypeText(t, real) : `error: the server doesn't have a resource type "${t}"`;
  },
  noResources: (ns: string | null) => (ns === null ? 'No resources found' : `No resources found in ${ns} namespace.`),
  requiredResource: (verb: string) =>
    verb === 'get'
      ? `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`
      : `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
  oneTypeNameRequired: 'error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'',
  replicasRequired: 'error: required flag(s) "replicas" not set',
  replicasNegative: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
  precondition: (expected: number, actual: number) => `error: Expected replicas to be ${expected}, was ${actual}`,
  noContainer: (name: string) => `error: unable to find container named "${name}"`,
  rolloutOnlyRolling: 'error: rollout status is only available for RollingUpdate strategy type',
  noLastRevision: 'error: no last revision to roll back to',
  noSuchRevision: (n: number) => `error: unable to find specified revision ${n} in history`,
  historyNoRevision: 'error: unable to find the specified revision',
  notSupported: (what: string, name: string, verb: string) => `error: ${what} "${name}" ${verb} is not supported`,
  timedOut: 'error: timed out waiting for the condition',
  timedOutOn: (res: string) => `error: timed out waiting for the condition on ${res}`,
  labelOverwrite: (key: string, value: string) => `error: '${key}' already has a value (${value}), and --overwrite is false`,
  forceWarning: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
  fileNotFound: (f: string) => `error: the path "${f}" does not exist`,
  /** `-f URL` for a URL other than the built-in documentation examples: the simulated cluster has no network. */
  urlUnavailable: (url: string) =>
    `error: unable to read URL "${url}": this simulated cluster has no network, and only the StatefulSet tutorial's ` +
    `manifests (${DOC_EXAMPLE_URLS.join(' and ')}) are available by URL in it; give other manifests with -f - ` +
    '(standard input) or paste them into the app\'s YAML tab',
  noObjectsPassed: (verb: string) => `error: no objects passed to ${verb}`,
  namespaceMismatch: (own: string, given: string) =>
    `error: the namespace from the provided object "${own}" does not match the namespace "${given}". You must pass '--namespace=${own}' to perform this operation.`,
  internal: (msg: string) => `error: internal: ${msg}`,
  /** `--help`, `-h` and `kubectl help`: kubectl's help texts are not reproduced; the reference page has them. */
  helpUnavailable: (cmdPath: string) => {
    const page = cmdPath ? cmdPath.split(' ').map((_, i, all) => `kubectl_${all.slice(0, i + 1).join('_')}/`).join('') : 'kubectl/';
    return `error: the help of "kubectl${cmdPath ? ` ${cmdPath}` : ''}" is not available in this simulated cluster; ` +
      `it is on https://kubernetes.io/docs/reference/kubectl/generated/${page}`;
  },
} as const;

/** What Go's os.Open says of a path that is not there. */
export const noSuchFile = (path: string): string => `open ${path}: no such file or directory`;

/**
 * How kubectl prints a refused exec or attach. The API server's own checks (a container the pod does not have, a
 * pod with no node) answer the upgrade with a Status: an API error. The kubelet's refusal comes back as plain text,
 * which the client words `unable to upgrade connection: …`, and an error from the running command is the exec
 * stream's own: both print as `error: …`.
 */
export function streamErrorText(status: ApiStatus): string {
  return status.code < 500 || !status.reason ? apiErrorText(status) : `error: ${status.message}`;
}
