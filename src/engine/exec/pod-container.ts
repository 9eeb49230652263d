// The API server's checks shared by the pods/exec and pods/log subresources (models
// pkg/registry/core/pod/strategy.go streamLocation and LogLocation): the pod exists and names the container;
// then what the kubelet knows of that container.
import type { Cluster } from '../cluster.ts';
import type { ApiStatus, Pod } from '../api/types.ts';
import { badRequest, notFound } from '../api/errors.ts';
import { kubeletState, type ContainerRuntime } from '../kubelet/runtime.ts';

/** The pod and, when its kubelet runs it, the container's runtime record; or the Status that refuses the request. */
export type PodContainer = { ok: true; pod: Pod; ct: ContainerRuntime | undefined } | { ok: false; status: ApiStatus };

/** Looks up a pod's container as the subresources do; never throws for any store content. */
export function podContainer(c: Cluster, namespace: string, podName: string, container: string): PodContainer {
  const pod = c.store.get('Pod', namespace, podName);
  if (!pod) return { ok: false, status: notFound('Pod', podName) };
  const specs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!specs.some((s) => s.name === container)) return { ok: false, status: badRequest(`container ${container} is not valid for pod ${podName}`) };
  const rt = kubeletState(c).pods[pod.metadata!.uid!];
  return { ok: true, pod, ct: rt && [...rt.containers, ...rt.inits].find((x) => x.name === container) };
}
