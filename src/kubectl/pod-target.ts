// The pod and container a command on one pod acts on (`exec`, `attach`, `logs`): a pod by name, or the pods a
// workload or Service selects, and the container kubectl picks when none is named. Models
// polymorphichelpers.SelectorsForObject, GetPodList/GetFirstPod, AttachablePodForObjectFn and LogsForObjectFn's
// choice of pod, and podcmd.FindOrDefaultContainerByName.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Kind, KObject, Pod, Service } from '../engine/api/types.ts';
import { matchesSelector } from '../engine/api/labels.ts';
import { readyCondition } from '../engine/api/pod-util.ts';
import { parseRfc3339 } from '../engine/clock/time.ts';
import type { Ctx } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { KubectlError } from './errors.ts';
import { namedObjects, type Found } from './targets.ts';

/**
 * Who asks for the pods, which fixes GetFirstPod's order and the words kubectl wraps a selector error in.
 * `active` (exec, attach: AttachablePodForObjectFn) is podutils.ActivePods reversed: scheduled, running, ready,
 * ready for longer, fewer restarts, older. `logging` (logs: LogsForObjectFn) is podutils.ByLogging, the same but
 * more restarts first.
 */
export type PodOrder = 'active' | 'logging';

const SELECTOR_ERROR_PREFIX: Record<PodOrder, string> = { active: 'cannot attach to', logging: 'cannot get the logs from' };

function firstPodOrder(order: PodOrder) {
  return (a: Pod, b: Pod): number => {
    const rank = (p: Pod): number[] => {
      const phase = p.status?.phase === 'Running' ? 2 : p.status?.phase === 'Unknown' ? 1 : 0;
      const ready = readyCondition(p);
      const readySince = ready?.status === 'True' ? -parseRfc3339(ready.lastTransitionTime ?? '') || 0 : 0;
      const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => Math.max(n, c.restartCount ?? 0), 0);
      const created = -parseRfc3339(p.metadata?.creationTimestamp ?? '') || 0;
      return [p.spec?.nodeName ? 1 : 0, phase, ready?.status === 'True' ? 1 : 0, readySince, order === 'active' ? -restarts : restarts, created];
    };
    const ra = rank(a), rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
    return 0;
  };
}

// The kinds SelectorsForObject takes a label selector from (spec.selector) that the simulated cluster stores;
// Jobs and ReplicationControllers are not served here.
const WORKLOAD_KINDS: ReadonlySet<Kind> = new Set<Kind>(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet']);

/**
 * SelectorsForObject: the selector a kind picks its pods by (null: a nil selector, which matches nothing), or
 * kubectl's error for a kind without one, in the caller's words.
 */
function podSelector(kind: Kind, obj: KObject, order: PodOrder): LabelSelector | null {
  const refuse = (why: string): never => { throw new KubectlError(`error: ${SELECTOR_ERROR_PREFIX[order]} *v1.${kind}: ${why}`); };
  if (WORKLOAD_KINDS.has(kind)) return (obj as { spec?: { selector?: LabelSelector } }).spec?.selector ?? null;
  if (kind !== 'Service') return refuse(`selector for *v1.${kind} not implemented`);
  const sel = (obj as Service).spec?.selector;
  if (!sel || !Object.keys(sel).length) return refuse(`invalid service '${obj.metadata!.name}': Service is defined without a selector`);
  return { matchLabels: sel };
}

/** The object `POD` or `TYPE/NAME` names (a bare name is a pod), with the builder's texts for what is not there. */
export function namedTarget(ctx: Ctx, resource: string): Found {
  return namedObjects(ctx, resource.includes('/') ? [resource] : ['pods', resource]);
}

/**
 * GetPodList: every pod the object selects, in GetFirstPod's order (the first is the one kubectl uses). Throws
 * kubectl's error for a kind without a selector (in the caller's words), and the timeout when nothing matches
 * (kubectl watches for a pod until --pod-running-timeout, and the simulation has no one to create it meanwhile).
 */
export function selectedPods(ctx: Ctx, kind: Kind, obj: KObject, order: PodOrder): Pod[] {
  const selector = podSelector(kind, obj, order);
  const pods = ctx.cluster.store.list('Pod', obj.metadata!.namespace).filter((p) => matchesSelector(selector, p.metadata?.labels ?? {}));
  if (!pods.length) throw new KubectlError('error: timed out waiting for the condition');
  return pods.sort(firstPodOrder(order));
}

/** The pod `POD` or `TYPE/NAME` stands for, and how many pods matched (1 for a pod named directly). */
export function podFor(ctx: Ctx, resource: string, order: PodOrder): { pod: Pod; matched: number } {
  const { items, errors } = namedTarget(ctx, resource);
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const { kind, object } = items[0];
  if (kind === 'Pod') return { pod: object as Pod, matched: 1 };
  const pods = selectedPods(ctx, kind, object, order);
  return { pod: pods[0], matched: pods.length };
}

/** podcmd.FindContainerByName: whether the pod has a container, init container or ephemeral container of that name. */
export function hasContainer(pod: Pod, name: string): boolean {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/**
 * The container kubectl uses when none is named: the one the `kubectl.kubernetes.io/default-container`
 * annotation names, else the first, saying so (unless quiet) when the pod has others. `warnMissingDefault`: say
 * on stderr that the annotation names no container (logs does; exec and attach only log it at -v=4).
 */
export function defaultContainer(ctx: { err(text: string): void }, pod: Pod, quiet: boolean, warnMissingDefault = false): string {
  const containers = pod.spec?.containers ?? [];
  if (!containers.length) throw new KubectlError(`error: pod ${pod.metadata!.namespace}/${pod.metadata!.name} does not have any containers`);
  const inits = pod.spec?.initContainers ?? [];
  const ephemeral = pod.spec?.ephemeralContainers ?? [];
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    if (hasContainer(pod, annotated)) return annotated;
    if (warnMissingDefault) ctx.err(`Default container name ${JSON.stringify(annotated)} not found in pod ${pod.metadata!.name}\n`);
  }
  const name = containers[0].name;
  if (!quiet && (containers.length > 1 || inits.length > 0 || ephemeral.length > 0)) {
    const all = [...containers.map((c) => c.name), ...ephemeral.map((c) => `${c.name} (ephem)`), ...inits.map((c) => `${c.name} (init)`)];
    ctx.err(`Defaulted container "${name}" out of: ${all.join(', ')}\n`);
  }
  return name;
}

/** The flags kubectl's exec and attach share: the container, standard input and TTY, quiet, and how long to wait for the pod. */
export const CONTAINER_STREAM_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string', default: '' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
];
