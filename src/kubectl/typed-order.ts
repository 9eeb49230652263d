// Typed Go objects marshal their fields in struct order, not sorted: what `-o json` and `-o kyaml` show for an
// object kubectl holds as a typed struct (a create subcommand's generated or returned object, `config view`).
// String maps (labels, selector) stay sorted, as Go's encoding/json writes maps.

/** The field order of one struct, and the shapes of its struct-valued fields (arrays: of their elements). */
export interface Shape { order: readonly string[]; fields?: Readonly<Record<string, Shape>> }

const META: Shape = {
  order: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
    'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
};

const top = (spec: Shape, status: Shape): Shape => ({ order: ['kind', 'apiVersion', 'metadata', 'spec', 'status'], fields: { metadata: META, spec, status } });

/** core/v1 Namespace. */
export const NAMESPACE_SHAPE: Shape = top({ order: ['finalizers'] }, { order: ['phase', 'conditions'] });

/** core/v1 Service. */
export const SERVICE_SHAPE: Shape = top(
  {
    order: ['ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP',
      'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses',
      'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass',
      'internalTrafficPolicy', 'trafficDistribution'],
    fields: { ports: { order: ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'] } },
  },
  { order: ['loadBalancer', 'conditions'] },
);

/** core/v1 ConfigMap and Secret. */
export const CONFIG_MAP_SHAPE: Shape = { order: ['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'binaryData'], fields: { metadata: META } };
export const SECRET_SHAPE: Shape = { order: ['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'stringData', 'type'], fields: { metadata: META } };

/** core/v1 ServiceAccount. */
export const SERVICE_ACCOUNT_SHAPE: Shape = {
  order: ['kind', 'apiVersion', 'metadata', 'secrets', 'imagePullSecrets', 'automountServiceAccountToken'], fields: { metadata: META },
};

const LABEL_SELECTOR: Shape = { order: ['matchLabels', 'matchExpressions'], fields: { matchExpressions: { order: ['key', 'operator', 'values'] } } };

/** policy/v1 PodDisruptionBudget. */
export const PDB_SHAPE: Shape = top(
  { order: ['minAvailable', 'selector', 'maxUnavailable', 'unhealthyPodEvictionPolicy'], fields: { selector: LABEL_SELECTOR } },
  { order: ['observedGeneration', 'disruptedPods', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'conditions'] },
);

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A copy of `value` with its keys in the shape's struct order (keys the shape does not name follow, sorted); values
 * without a shape are Go maps, sorted at every level. For `toJson(…, true)` and `toKyaml(…, true)`.
 */
export function inStructOrder(value: unknown, shape?: Shape): unknown {
  if (Array.isArray(value)) return value.map((v) => inStructOrder(v, shape));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const known = shape?.order ?? [];
  const keys = [...known.filter((k) => k in o), ...Object.keys(o).filter((k) => !known.includes(k)).sort(byBytes)];
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = inStructOrder(o[k], shape?.fields?.[k]);
  return out;
}
