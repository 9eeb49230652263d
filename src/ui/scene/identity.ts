// Identity helpers the scene derives from object names and labels (ordinals, revision hashes, DNS names).
// Pure; no cluster behaviour is computed here, only how stored objects are labelled and named.
import type { ControllerRevision, PersistentVolumeClaim, Pod, StatefulSet } from '../../engine/index.ts';

/** Label carrying the ControllerRevision name a pod was built from. */
export const REVISION_LABEL = 'controller-revision-hash';

/** The ordinal of `<set>-<n>` for a pod of `setName`, or -1 when the name does not parse. */
export function podOrdinal(setName: string, podName: string): number {
  if (!podName.startsWith(setName + '-')) return -1;
  const tail = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(tail) ? Number(tail) : -1;
}

/** The StatefulSet name that controls an object, from its controller ownerReference. */
export function controllerName(obj: { metadata?: { ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }> } }): string | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'StatefulSet')?.name;
}

/** The hash part of a ControllerRevision name (`web-7d8559755f` → `7d8559755f`). */
export function shortHash(revisionName: string | undefined): string {
  if (!revisionName) return '';
  const i = revisionName.lastIndexOf('-');
  return i < 0 ? revisionName : revisionName.slice(i + 1);
}

/** `<pod>.<service>.<ns>.svc.cluster.local`, or '' when the pod has no subdomain (no serviceName). */
export function podDnsName(pod: Pod): string {
  const sub = pod.spec?.subdomain;
  if (!sub) return '';
  const host = pod.spec?.hostname || pod.metadata?.name || '';
  return `${host}.${sub}.${pod.metadata?.namespace || 'default'}.svc.cluster.local`;
}

/** `<hostname>.<subdomain>` (`web-0.nginx`): the short stable network identity; '' without a subdomain. */
export function podHostName(pod: Pod): string {
  const sub = pod.spec?.subdomain;
  if (!sub) return '';
  return `${pod.spec?.hostname || pod.metadata?.name || ''}.${sub}`;
}

/** The pod name a StatefulSet claim belongs to: `<template>-<set>-<n>` → `<set>-<n>`, given the set. */
export function claimPodName(set: StatefulSet, claimName: string): string | undefined {
  const setName = set.metadata?.name ?? '';
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const prefix = `${t.metadata?.name}-`;
    if (!claimName.startsWith(prefix)) continue;
    const pod = claimName.slice(prefix.length);
    if (podOrdinal(setName, pod) >= 0) return pod;
  }
  return undefined;
}

/** Whether a PVC is one of the set's claims (by its name pattern). */
export function isClaimOf(set: StatefulSet, pvc: PersistentVolumeClaim): boolean {
  return claimPodName(set, pvc.metadata?.name ?? '') !== undefined;
}

/** The update partition of a set (0 when absent or when the strategy is OnDelete). */
export function partitionOf(set: StatefulSet): number {
  if (set.spec?.updateStrategy?.type === 'OnDelete') return 0;
  return set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
}

/** The first ordinal of a set (`spec.ordinals.start`, default 0). */
export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** Number of distinct looks in the revision palette; revision N uses slot (N-1) mod this. */
export const REVISION_SLOTS = 6;

/** Palette slot for a ControllerRevision number (1-based numbers; stable across reloads). */
export function revisionSlot(revision: number | undefined): number {
  if (!revision || revision < 1) return 0;
  return (revision - 1) % REVISION_SLOTS;
}

/** Glyph shown next to each revision's hash so colour is never the only cue (slot-indexed). */
export const REVISION_GLYPHS = ['●', '▲', '■', '◆', '★', '⬟'];

/** Looks up a revision object's number by name in a list. */
export function revisionNumber(revs: readonly ControllerRevision[], name: string | undefined): number | undefined {
  return revs.find((r) => r.metadata?.name === name)?.revision;
}
