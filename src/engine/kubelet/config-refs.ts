// What a pod needs from ConfigMaps and Secrets before the kubelet can run it: the volumes it mounts (configMap,
// secret, and those in a projected volume, such as kube-api-access-*'s kube-root-ca.crt) and the environment of
// each container (envFrom, and env valueFrom configMapKeyRef / secretKeyRef). Each check gives the kubelet's own
// error text, or nothing when the pod may go on. Models pkg/volume/configmap and secret SetUpAt, pkg/volume/projected
// collectData, and kubelet_pods.go makeEnvironmentVariables, with the kubelet's ConfigMap and Secret managers'
// NotFound errors (resource `configmap` / `secret`, singular).
import type { Container, DownwardAPIVolumeFile, EnvFromSource, EnvVar, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../store/store.ts';
import { base64Decode, utf8String } from '../api/base64.ts';
import type { ConfigEnv } from './runtime.ts';
import { metadataFieldValue, resourceRefValue } from './container-env.ts';

type Source = { kind: 'ConfigMap' | 'Secret'; name: string; optional: boolean; keys: readonly string[] };

const notFound = (s: Source): string => `${s.kind === 'ConfigMap' ? 'configmap' : 'secret'} "${s.name}" not found`;

// The keys an object has, or undefined when it does not exist (see valuesOf).
const keysOf = (store: ApiStore, ns: string, kind: 'ConfigMap' | 'Secret', name: string, binary = true): ReadonlyMap<string, string> | undefined =>
  valuesOf(store, ns, kind, name, binary);

type EnvKind = 'ConfigMap' | 'Secret';
// The object an envFrom entry imports, and the one an env entry's value comes from (with its key), if any.
function fromSource(f: EnvFromSource): { kind: EnvKind; name: string; optional: boolean } | undefined {
  const ref = f.configMapRef ?? f.secretRef;
  return ref && { kind: f.configMapRef ? 'ConfigMap' : 'Secret', name: ref.name ?? '', optional: !!ref.optional };
}
function envSource(e: EnvVar): { kind: EnvKind; name: string; key: string; optional: boolean } | undefined {
  const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
  return ref && { kind: e.valueFrom!.configMapKeyRef ? 'ConfigMap' : 'Secret', name: ref.name ?? '', key: ref.key, optional: !!ref.optional };
}

// A source's error: missing (unless optional), or an item naming a key it does not have.
function sourceError(store: ApiStore, ns: string, s: Source): string | null {
  const keys = keysOf(store, ns, s.kind, s.name);
  if (!keys) return s.optional ? null : notFound(s);
  for (const k of s.keys) {
    if (keys.has(k) || s.optional) continue;
    return s.kind === 'ConfigMap' ? `configmap references non-existent config key: ${k}` : `secret references non-existent secret key: ${k}`;
  }
  return null;
}

// The ConfigMaps and Secrets a volume reads.
function volumeSources(v: Volume): Source[] {
  const items = (list: ReadonlyArray<{ key: string }> | undefined): string[] => (list ?? []).map((i) => i.key);
  if (v.configMap) return [{ kind: 'ConfigMap', name: v.configMap.name ?? '', optional: !!v.configMap.optional, keys: items(v.configMap.items) }];
  if (v.secret) return [{ kind: 'Secret', name: v.secret.secretName ?? '', optional: !!v.secret.optional, keys: items(v.secret.items) }];
  const out: Source[] = [];
  for (const p of v.projected?.sources ?? []) {
    if (p.configMap) out.push({ kind: 'ConfigMap', name: p.configMap.name ?? '', optional: !!p.configMap.optional, keys: items(p.configMap.items) });
    if (p.secret) out.push({ kind: 'Secret', name: p.secret.name ?? '', optional: !!p.secret.optional, keys: items(p.secret.items) });
  }
  return out;
}

/** Whether a volume is one whose files the kubelet writes from objects (configMap, secret, projected, downwardAPI). */
export const isProjectedVolume = (v: Volume): boolean => !!(v.configMap || v.secret || v.projected || v.downwardAPI);

/** Whether a pod's volumes read the ConfigMap or Secret `name`. */
export function readsObject(pod: Pod, kind: 'ConfigMap' | 'Secret', name: string): boolean {
  return (pod.spec?.volumes ?? []).some((v) => volumeSources(v).some((s) => s.kind === kind && s.name === name));
}

/**
 * Every volume of the pod that cannot be set up yet, in spec order, with the error of its first failing source
 * (a projected volume gathers its sources' errors; one failing source is the usual case and prints alone).
 */
export function volumeSetUpErrors(store: ApiStore, pod: Pod): Array<{ volume: string; error: string }> {
  const ns = pod.metadata!.namespace!;
  const out: Array<{ volume: string; error: string }> = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (!v.configMap && !v.secret && !v.projected) continue;
    const errors = volumeSources(v).map((s) => sourceError(store, ns, s)).filter((e): e is string => e !== null);
    // utilerrors.NewAggregate: one error prints alone, more as [a, b].
    if (errors.length) out.push({ volume: v.name, error: errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]` });
  }
  return out;
}

/** The error that keeps a container from being created for its environment, or null (envFrom first, then env). */
export function environmentError(store: ApiStore, pod: Pod, container: Container): string | null {
  const ns = pod.metadata!.namespace!;
  for (const f of container.envFrom ?? []) {
    const src = fromSource(f);
    if (src && !src.optional && !keysOf(store, ns, src.kind, src.name)) return notFound({ ...src, keys: [] });
  }
  for (const e of container.env ?? []) {
    const src = envSource(e);
    if (!src) continue;
    const keys = keysOf(store, ns, src.kind, src.name, false);
    if (!keys) {
      if (src.optional) continue;
      return notFound({ ...src, keys: [] });
    }
    if (!keys.has(src.key) && !src.optional) return `couldn't find key ${src.key} in ${src.kind} ${ns}/${src.name}`;
  }
  return null;
}

// A ConfigMap's or Secret's values as the files and variables a container sees: text, the bytes of binaryData and
// of Secret data read as UTF-8.
function valuesOf(store: ApiStore, ns: string, kind: 'ConfigMap' | 'Secret', name: string, binary = true): Map<string, string> | undefined {
  const decoded = (v: string | null | undefined): string => {
    const d = base64Decode(v ?? '');
    return d.ok ? utf8String(d.bytes) : '';
  };
  if (kind === 'ConfigMap') {
    const cm = store.get('ConfigMap', ns, name);
    if (!cm) return undefined;
    const out = new Map(Object.entries(cm.data ?? {}).map(([k, v]) => [k, v ?? '']));
    if (binary) for (const [k, v] of Object.entries(cm.binaryData ?? {})) out.set(k, decoded(v));
    return out;
  }
  const s = store.get('Secret', ns, name);
  return s ? new Map(Object.entries(s.data ?? {}).map(([k, v]) => [k, decoded(v)])) : undefined;
}

/** What a volume's file holds: its text, or `opaque` for one the simulation does not model (a token). */
export type ProjectedFile = string | { opaque: true };

/**
 * The files of a configMap, secret, projected or downwardAPI volume, by path inside it (every key, or the items'
 * paths when items are given), from the objects as they are now, or undefined for another kind of volume.
 */
export function volumeContents(store: ApiStore, pod: Pod, v: Volume): Record<string, ProjectedFile> | undefined {
  if (!isProjectedVolume(v)) return undefined;
  const ns = pod.metadata!.namespace!;
  const out: Record<string, ProjectedFile> = {};
  const project = (kind: 'ConfigMap' | 'Secret', name: string, items: ReadonlyArray<{ key: string; path: string }> | undefined): void => {
    const values = valuesOf(store, ns, kind, name);
    if (!values) return;
    if (items?.length) {
      for (const it of items) if (values.has(it.key)) out[it.path] = values.get(it.key)!;
    } else {
      for (const [k, val] of values) out[k] = val;
    }
  };
  // A downwardAPI item: the pod's metadata, or a container's resource (a limit it does not set is the node's).
  const downward = (items: ReadonlyArray<DownwardAPIVolumeFile> | undefined): void => {
    for (const it of items ?? []) {
      const ref = it.resourceFieldRef;
      const target = ref && (pod.spec?.containers ?? []).find((ct) => ct.name === ref.containerName);
      const value = it.fieldRef ? metadataFieldValue(pod, it.fieldRef.fieldPath) : ref && target ? resourceRefValue(store, pod, target, ref) : undefined;
      out[it.path] = value ?? { opaque: true };
    }
  };
  if (v.configMap) project('ConfigMap', v.configMap.name ?? '', v.configMap.items);
  if (v.secret) project('Secret', v.secret.secretName ?? '', v.secret.items);
  if (v.downwardAPI) downward(v.downwardAPI.items);
  for (const p of v.projected?.sources ?? []) {
    if (p.configMap) project('ConfigMap', p.configMap.name ?? '', p.configMap.items);
    if (p.secret) project('Secret', p.secret.name ?? '', p.secret.items);
    if (p.downwardAPI) downward(p.downwardAPI.items);
    // The ServiceAccount token is a signed JWT the simulation does not make.
    if (p.serviceAccountToken) out[p.serviceAccountToken.path] = { opaque: true };
  }
  return out;
}

/**
 * The values a container's environment takes from ConfigMaps and Secrets now (envFrom's variables with their
 * prefixes, in order; env's configMapKeyRef and secretKeyRef values by name), or undefined when it names none. The
 * kubelet resolves them when it creates the container (generateContainerConfig).
 */
export function resolveConfigEnv(store: ApiStore, pod: Pod, container: Container): ConfigEnv | undefined {
  const ns = pod.metadata!.namespace!;
  const refs = (container.env ?? []).filter((e) => envSource(e));
  if (!container.envFrom?.length && !refs.length) return undefined;
  const from: Array<[string, string]> = [];
  for (const f of container.envFrom ?? []) {
    const src = fromSource(f);
    for (const [k, v] of (src && valuesOf(store, ns, src.kind, src.name, false)) ?? []) from.push([(f.prefix ?? '') + k, v]);
  }
  const values: Record<string, string> = {};
  for (const e of refs) {
    const src = envSource(e)!;
    const v = valuesOf(store, ns, src.kind, src.name, false)?.get(src.key);
    if (v !== undefined) values[e.name] = v;
  }
  return { from, refs: values };
}

/** The image pull secrets a pod names that do not exist (an empty name is skipped, as the kubelet skips it). */
export function missingPullSecrets(store: ApiStore, pod: Pod): string[] {
  const ns = pod.metadata!.namespace!;
  return (pod.spec?.imagePullSecrets ?? []).map((r) => r.name ?? '').filter((n) => n && !store.get('Secret', ns, n));
}

/** The files of every configMap, secret, projected and downwardAPI volume of a pod, by volume name, as they are now. */
export function podVolumeFiles(store: ApiStore, pod: Pod): Record<string, Record<string, ProjectedFile>> {
  const out: Record<string, Record<string, ProjectedFile>> = {};
  for (const v of pod.spec?.volumes ?? []) {
    const files = volumeContents(store, pod, v);
    if (files) out[v.name] = files;
  }
  return out;
}
