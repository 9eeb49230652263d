// What a pod needs from ConfigMaps and Secrets before the kubelet can run it: the volumes it mounts (configMap,
// secret, and those in a projected volume, such as kube-api-access-*'s kube-root-ca.crt) and the environment of
// each container (envFrom, and env valueFrom configMapKeyRef / secretKeyRef). Each check gives the kubelet's own
// error text, or nothing when the pod may go on. Models pkg/volume/configmap and secret SetUpAt, pkg/volume/projected
// collectData, and kubelet_pods.go makeEnvironmentVariables, with the kubelet's ConfigMap and Secret managers'
// NotFound errors (resource `configmap` / `secret`, singular).
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../store/store.ts';

type Source = { kind: 'ConfigMap' | 'Secret'; name: string; optional: boolean; keys: readonly string[] };

const notFound = (s: Source): string => `${s.kind === 'ConfigMap' ? 'configmap' : 'secret'} "${s.name}" not found`;

// The keys an object has, or undefined when it does not exist. A volume sees a ConfigMap's binaryData too; the
// environment reads its data alone.
function keysOf(store: ApiStore, ns: string, kind: 'ConfigMap' | 'Secret', name: string, binary = true): Set<string> | undefined {
  if (kind === 'ConfigMap') {
    const cm = store.get('ConfigMap', ns, name);
    return cm ? new Set([...Object.keys(cm.data ?? {}), ...(binary ? Object.keys(cm.binaryData ?? {}) : [])]) : undefined;
  }
  const s = store.get('Secret', ns, name);
  return s ? new Set(Object.keys(s.data ?? {})) : undefined;
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
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    if (!keysOf(store, ns, kind, ref.name ?? '') && !ref.optional) return notFound({ kind, name: ref.name ?? '', optional: false, keys: [] });
  }
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref) continue;
    const kind = e.valueFrom!.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const keys = keysOf(store, ns, kind, ref.name ?? '', false);
    if (!keys) {
      if (ref.optional) continue;
      return notFound({ kind, name: ref.name ?? '', optional: false, keys: [] });
    }
    if (!keys.has(ref.key) && !ref.optional) return `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name ?? ''}`;
  }
  return null;
}
