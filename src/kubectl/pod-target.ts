// The pod and container a command on one pod acts on (`exec`, `logs`): a pod by name, or the first pod of
// a StatefulSet or Service, and the container kubectl picks when none is named. Models
// polymorphichelpers.AttachablePodForObjectFn / LogsForObjectFn with GetFirstPod, and
// podcmd.FindOrDefaultContainerByName.
import type { KObject, Pod, Service, StatefulSet } from '../engine/api/types.ts';
import { matchesRequirements, selectorRequirements, type Requirement } from '../engine/api/labels.ts';
import { readyCondition } from '../engine/api/pod-util.ts';
import { parseRfc3339 } from '../engine/clock/time.ts';
import type { Ctx } from './context.ts';
import type { FlagSpec } from './flags.ts';
import { KubectlError } from './errors.ts';
import { namedObjects } from './targets.ts';

/**
 * GetFirstPod's orders. `active` (exec) is podutils.ActivePods reversed: scheduled, running, ready, ready for
 * longer, fewer restarts, older. `logging` (logs) is podutils.ByLogging, the same but more restarts first.
 */
function firstPodOrder(order: 'active' | 'logging') {
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

/** The pods a StatefulSet or Service selects; kubectl's error for a kind it cannot take a pod from. */
function selectedPods(ctx: Ctx, kind: string, obj: KObject): Pod[] {
  let selector: Requirement[];
  if (kind === 'StatefulSet') selector = selectorRequirements((obj as StatefulSet).spec?.selector) ?? [];
  else if (kind === 'Service') {
    const sel = (obj as Service).spec?.selector;
    if (!sel || !Object.keys(sel).length) throw new KubectlError(`error: invalid service '${obj.metadata!.name}': Service is defined without a selector`);
    selector = selectorRequirements({ matchLabels: sel }) ?? [];
  } else {
    const t = `*v1.${kind}`;
    throw new KubectlError(`error: cannot attach to ${t}: selector for ${t} not implemented`);
  }
  return ctx.cluster.store.list('Pod', obj.metadata!.namespace).filter((p) => matchesRequirements(selector, p.metadata?.labels ?? {}));
}

/** The pod `POD` or `TYPE/NAME` stands for, and how many pods matched (1 for a pod named directly). */
export function podFor(ctx: Ctx, resource: string, order: 'active' | 'logging'): { pod: Pod; matched: number } {
  const { items, errors } = namedObjects(ctx, resource.includes('/') ? [resource] : ['pods', resource]);
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const { kind, object } = items[0];
  if (kind === 'Pod') return { pod: object as Pod, matched: 1 };
  const pods = selectedPods(ctx, kind, object);
  if (!pods.length) throw new KubectlError('error: timed out waiting for the condition');
  return { pod: pods.sort(firstPodOrder(order))[0], matched: pods.length };
}

/**
 * The container kubectl uses when none is named: the one the `kubectl.kubernetes.io/default-container`
 * annotation names, else the first, saying so (unless quiet) when the pod has others.
 */
export function defaultContainer(ctx: Ctx, pod: Pod, quiet: boolean): string {
  const containers = pod.spec?.containers ?? [];
  if (!containers.length) throw new KubectlError(`error: pod ${pod.metadata!.namespace}/${pod.metadata!.name} does not have any containers`);
  const inits = pod.spec?.initContainers ?? [];
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && [...containers, ...inits].some((c) => c.name === annotated)) return annotated;
  const name = containers[0].name;
  if (!quiet && (containers.length > 1 || inits.length > 0)) {
    ctx.err(`Defaulted container "${name}" out of: ${[...containers.map((c) => c.name), ...inits.map((c) => `${c.name} (init)`)].join(', ')}\n`);
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
