// The known fields of every stored kind, as a compact table of Go struct names → JSON field → Go type with its JSON
// tag (from the apps/v1, core/v1, policy/v1, storage/v1, discovery/v1 and meta/v1 types of Kubernetes 1.35). Used by
// strict decoding (unknown fields), by the JSON type checks, and by `withoutOmittedZeros` (what encoding/json drops
// when the API server stores a decoded object).
//
// Notation of a field's type:
//   `T`                 a value field whose JSON tag has omitempty: dropped when it holds T's zero value ("", 0,
//                       false, an empty or null slice or map); a struct value (a struct name, `Time`, `Quantity`,
//                       `IntOrString`, `any`) is never dropped
//   `*T`                a pointer: dropped only when null (an explicit 0, false or "" is kept)
//   `!T`, `!*T`         the JSON tag has no omitempty: always written (a null comes back as T's zero value)
//   `[]T`, `map[string]T` slices and maps of T (their elements are never dropped)
//   `any`               a subtree the simulation does not check (`*any`, `[]any`, `map[string]any`: a pointer, slice
//                       or map of one, dropped as above; what is inside is left alone)
// Scalars are `string`, `bool`, `int32`, `int64`, `bytes` (a []byte: base64 in JSON); `Time`, `Quantity`, `IntOrString` are metav1.Time,
// resource.Quantity and intstr.IntOrString.

/** Go struct name → JSON field name → Go type in the notation above. */
export const GO_STRUCTS: Record<string, Record<string, string>> = {
  ObjectMeta: { name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string', generation: 'int64', creationTimestamp: 'Time', deletionTimestamp: '*Time', deletionGracePeriodSeconds: '*int64', labels: 'map[string]string', annotations: 'map[string]string', ownerReferences: '[]OwnerReference', finalizers: '[]string', managedFields: '[]any' },
  OwnerReference: { apiVersion: '!string', kind: '!string', name: '!string', uid: '!string', controller: '*bool', blockOwnerDeletion: '*bool' },
  LabelSelector: { matchLabels: 'map[string]string', matchExpressions: '[]LabelSelectorRequirement' },
  LabelSelectorRequirement: { key: '!string', operator: '!string', values: '[]string' },
  StatefulSet: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'StatefulSetSpec', status: 'StatefulSetStatus' },
  StatefulSetSpec: { replicas: '*int32', selector: '!*LabelSelector', template: '!PodTemplateSpec', volumeClaimTemplates: '[]PersistentVolumeClaim', serviceName: '!string', podManagementPolicy: 'string', updateStrategy: 'StatefulSetUpdateStrategy', revisionHistoryLimit: '*int32', minReadySeconds: 'int32', persistentVolumeClaimRetentionPolicy: '*StatefulSetPersistentVolumeClaimRetentionPolicy', ordinals: '*StatefulSetOrdinals' },
  StatefulSetUpdateStrategy: { type: 'string', rollingUpdate: '*RollingUpdateStatefulSetStrategy' },
  RollingUpdateStatefulSetStrategy: { partition: '*int32', maxUnavailable: '*IntOrString' },
  StatefulSetPersistentVolumeClaimRetentionPolicy: { whenDeleted: 'string', whenScaled: 'string' },
  StatefulSetOrdinals: { start: '!int32' },
  StatefulSetStatus: { observedGeneration: 'int64', replicas: '!int32', readyReplicas: 'int32', currentReplicas: 'int32', updatedReplicas: 'int32', currentRevision: 'string', updateRevision: 'string', collisionCount: '*int32', conditions: '[]any', availableReplicas: '!int32' },
  ControllerRevision: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', data: 'any', revision: '!int64' },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  Pod: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'PodSpec', status: 'any' },
  PodSpec: { volumes: '[]Volume', initContainers: '[]Container', containers: '![]Container', ephemeralContainers: '[]any', restartPolicy: 'string', terminationGracePeriodSeconds: '*int64', activeDeadlineSeconds: '*int64', dnsPolicy: 'string', nodeSelector: 'map[string]string', serviceAccountName: 'string', serviceAccount: 'string', automountServiceAccountToken: '*bool', nodeName: 'string', hostNetwork: 'bool', hostPID: 'bool', hostIPC: 'bool', shareProcessNamespace: '*bool', securityContext: '*any', imagePullSecrets: '[]any', hostname: 'string', subdomain: 'string', affinity: '*any', schedulerName: 'string', tolerations: '[]Toleration', hostAliases: '[]any', priorityClassName: 'string', priority: '*int32', dnsConfig: '*any', readinessGates: '[]any', runtimeClassName: '*string', enableServiceLinks: '*bool', preemptionPolicy: '*string', overhead: 'map[string]Quantity', topologySpreadConstraints: '[]any', setHostnameAsFQDN: '*bool', os: '*any', hostUsers: '*bool', schedulingGates: '[]any', resourceClaims: '[]any', resources: '*ResourceRequirements', hostnameOverride: '*string', workloadRef: '*any' },
  Toleration: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: '*int64' },
  Container: { name: '!string', image: 'string', command: '[]string', args: '[]string', workingDir: 'string', ports: '[]ContainerPort', envFrom: '[]any', env: '[]EnvVar', resources: 'ResourceRequirements', resizePolicy: '[]any', restartPolicy: '*string', restartPolicyRules: '[]any', volumeMounts: '[]VolumeMount', volumeDevices: '[]any', livenessProbe: '*Probe', readinessProbe: '*Probe', startupProbe: '*Probe', lifecycle: '*any', terminationMessagePath: 'string', terminationMessagePolicy: 'string', imagePullPolicy: 'string', securityContext: '*any', stdin: 'bool', stdinOnce: 'bool', tty: 'bool' },
  ContainerPort: { name: 'string', hostPort: 'int32', containerPort: '!int32', protocol: 'string', hostIP: 'string' },
  EnvVar: { name: '!string', value: 'string', valueFrom: '*any' },
  ResourceRequirements: { limits: 'map[string]Quantity', requests: 'map[string]Quantity', claims: '[]any' },
  VolumeMount: { name: '!string', readOnly: 'bool', recursiveReadOnly: '*string', mountPath: '!string', subPath: 'string', mountPropagation: '*string', subPathExpr: 'string' },
  Probe: { exec: '*any', httpGet: '*HTTPGetAction', tcpSocket: '*any', grpc: '*any', initialDelaySeconds: 'int32', timeoutSeconds: 'int32', periodSeconds: 'int32', successThreshold: 'int32', failureThreshold: 'int32', terminationGracePeriodSeconds: '*int64' },
  HTTPGetAction: { path: 'string', port: '!IntOrString', host: 'string', scheme: 'string', httpHeaders: '[]any' },
  Volume: { name: '!string', persistentVolumeClaim: '*PersistentVolumeClaimVolumeSource', emptyDir: '*EmptyDirVolumeSource', configMap: '*any', secret: '*any', hostPath: '*any', projected: '*any', downwardAPI: '*any', csi: '*any', ephemeral: '*any', image: '*any', nfs: '*any', iscsi: '*any', rbd: '*any', fc: '*any', cephfs: '*any', cinder: '*any', flexVolume: '*any', gitRepo: '*any', glusterfs: '*any', azureFile: '*any', azureDisk: '*any', awsElasticBlockStore: '*any', gcePersistentDisk: '*any', vsphereVolume: '*any', portworxVolume: '*any', scaleIO: '*any', storageos: '*any', quobyte: '*any', flocker: '*any', photonPersistentDisk: '*any' },
  PersistentVolumeClaimVolumeSource: { claimName: '!string', readOnly: 'bool' },
  EmptyDirVolumeSource: { medium: 'string', sizeLimit: '*Quantity' },
  PersistentVolumeClaim: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec', status: 'PersistentVolumeClaimStatus' },
  PersistentVolumeClaimSpec: { accessModes: '[]string', selector: '*LabelSelector', resources: 'VolumeResourceRequirements', volumeName: 'string', storageClassName: '*string', volumeMode: '*string', dataSource: '*any', dataSourceRef: '*any', volumeAttributesClassName: '*string' },
  VolumeResourceRequirements: { limits: 'map[string]Quantity', requests: 'map[string]Quantity' },
  PersistentVolumeClaimStatus: { phase: 'string', accessModes: '[]string', capacity: 'map[string]Quantity', conditions: '[]any', allocatedResources: 'map[string]any', allocatedResourceStatuses: 'map[string]any', currentVolumeAttributesClassName: '*string', modifyVolumeStatus: '*any' },
  PersistentVolume: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'PersistentVolumeSpec', status: 'any' },
  PersistentVolumeSpec: { capacity: 'map[string]Quantity', accessModes: '[]string', claimRef: '*any', persistentVolumeReclaimPolicy: 'string', storageClassName: 'string', mountOptions: '[]string', volumeMode: '*string', nodeAffinity: '*any', volumeAttributesClassName: '*string', hostPath: '*any', local: '*any', csi: '*any', nfs: '*any' },
  Service: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'ServiceSpec', status: 'any' },
  ServiceSpec: { ports: '[]ServicePort', selector: 'map[string]string', clusterIP: 'string', clusterIPs: '[]string', type: 'string', externalIPs: '[]string', sessionAffinity: 'string', loadBalancerIP: 'string', loadBalancerSourceRanges: '[]string', externalName: 'string', externalTrafficPolicy: 'string', healthCheckNodePort: 'int32', publishNotReadyAddresses: 'bool', sessionAffinityConfig: '*any', ipFamilies: '[]string', ipFamilyPolicy: '*string', allocateLoadBalancerNodePorts: '*bool', loadBalancerClass: '*string', internalTrafficPolicy: '*string', trafficDistribution: '*string' },
  ServicePort: { name: 'string', protocol: 'string', appProtocol: '*string', port: '!int32', targetPort: 'IntOrString', nodePort: 'int32' },
  Namespace: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'any', status: 'any' },
  Node: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'any', status: 'any' },
  StorageClass: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', provisioner: '!string', parameters: 'map[string]string', reclaimPolicy: '*string', mountOptions: '[]string', allowVolumeExpansion: '*bool', volumeBindingMode: '*string', allowedTopologies: '[]any' },
  Endpoints: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', subsets: '[]any' },
  EndpointSlice: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', addressType: '!string', endpoints: '![]any', ports: '![]any' },
  PodDisruptionBudget: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'PodDisruptionBudgetSpec', status: 'any' },
  ConfigMap: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', immutable: '*bool', data: 'map[string]string', binaryData: 'map[string]bytes' },
  Secret: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', immutable: '*bool', data: 'map[string]bytes', stringData: 'map[string]string', type: 'string' },
  ServiceAccount: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', secrets: '[]any', imagePullSecrets: '[]any', automountServiceAccountToken: '*bool' },
  PodDisruptionBudgetSpec: { minAvailable: '*IntOrString', selector: '*LabelSelector', maxUnavailable: '*IntOrString', unhealthyPodEvictionPolicy: '*string' },
  Event: { apiVersion: 'string', kind: 'string', metadata: '!ObjectMeta', involvedObject: '!any', reason: 'string', message: 'string', source: 'any', firstTimestamp: 'Time', lastTimestamp: 'Time', count: 'int32', type: 'string', eventTime: 'any', series: '*any', action: 'string', related: '*any', reportingComponent: '!string', reportingInstance: '!string' },
};

/** One field of the table, parsed: its type without the markers, and the markers. */
export interface GoField {
  /** The type without `!` and `*` (`[]Container`, `map[string]string`, `LabelSelector`, `[]any`, …). */
  type: string;
  /** A pointer (`*T`): only null is its zero value. */
  ptr: boolean;
  /** No omitempty (`!T`): written even when zero. */
  keep: boolean;
}

function parseField(spec: string): GoField {
  const keep = spec.startsWith('!');
  const rest = keep ? spec.slice(1) : spec;
  const ptr = rest.startsWith('*');
  return { type: ptr ? rest.slice(1) : rest, ptr, keep };
}

const mapValues = <A, B>(o: Record<string, A>, f: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** Go struct name → JSON field name → the parsed field. */
export const GO_FIELDS: Record<string, Record<string, GoField>> = mapValues(GO_STRUCTS, (fields) => mapValues(fields, parseField));

/**
 * Go struct name → JSON field name → the type the decoding checks go by: the table's type without its markers,
 * and `any` for anything built of `any` (a pointer, slice or map of an unchecked subtree is not checked either).
 */
export const STRUCTS: Record<string, Record<string, string>> = mapValues(GO_FIELDS, (fields) => mapValues(fields, (f) => (f.type.endsWith('any') ? 'any' : f.type)));
