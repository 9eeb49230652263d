// API defaulting of StatefulSets (pkg/apis/apps/v1 defaults.go SetDefaults_StatefulSet) plus the nested
// pod-template and claim-template defaults the generated defaulter applies.
import { asMap, asMaps, child, setDefault, deepCopy } from './json-util.ts';
import { defaultPodSpec } from './pod-defaults.ts';
import { defaultClaimSpec } from './pvc-strategy.ts';
import type { JsonMap, StatefulSet } from './types.ts';

/** Gates consulted by StatefulSet defaulting. */
export interface StatefulSetGates { MaxUnavailableStatefulSet?: boolean }

/**
 * A defaulted copy of a StatefulSet. Order as upstream: podManagementPolicy; updateStrategy (an empty
 * type becomes RollingUpdate with an empty rollingUpdate, an explicit RollingUpdate without a block keeps
 * it nil); partition (and maxUnavailable under the gate); retention policy; replicas; revisionHistoryLimit.
 */
export function defaultStatefulSet<T extends StatefulSet | JsonMap>(input: T, gates: StatefulSetGates): T {
  const ss = deepCopy(input) as JsonMap;
  const spec = child(ss, 'spec');
  // Models pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    if (!asMap(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  const ru = asMap(strategy.rollingUpdate);
  if (strategy.type === 'RollingUpdate' && ru) {
    if (ru.partition === undefined || ru.partition === null) ru.partition = 0;
    if (gates.MaxUnavailableStatefulSet && (ru.maxUnavailable === undefined || ru.maxUnavailable === null)) ru.maxUnavailable = 1;
  }
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  defaultPodSpec(child(child(spec, 'template'), 'spec'));
  for (const claim of asMaps(spec.volumeClaimTemplates)) {
    // The embedded claims carry their TypeMeta once stored.
    setDefault(claim, 'apiVersion', 'v1');
    setDefault(claim, 'kind', 'PersistentVolumeClaim');
    defaultClaimSpec(child(claim, 'spec'));
    setDefault(child(claim, 'status'), 'phase', 'Pending');
  }
  return ss as T;
}
