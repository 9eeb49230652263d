// The resource types a Kubernetes 1.35 kind cluster serves that this simulated cluster does not model. kubectl's
// "the server doesn't have a resource type" would tell a learner that a real cluster lacks them too, so a type named
// here gets the simulator's own notice instead.

/** A resource type of a real cluster: its plural, singular and short names, and its group/version and kind. */
interface RealType { plural: string; singular: string; short: readonly string[]; gv: string; kind: string }

const t = (plural: string, kind: string, gv: string, short: string[] = []): RealType => ({ plural, singular: kind.toLowerCase(), short, gv, kind });

// kube-apiserver 1.35's built-in resources with their default API versions (beta and alpha ones are off by default).
const REAL_TYPES: readonly RealType[] = [
  t('bindings', 'Binding', 'v1'), t('componentstatuses', 'ComponentStatus', 'v1', ['cs']), t('limitranges', 'LimitRange', 'v1', ['limits']),
  t('podtemplates', 'PodTemplate', 'v1'), t('replicationcontrollers', 'ReplicationController', 'v1', ['rc']),
  t('resourcequotas', 'ResourceQuota', 'v1', ['quota']),
  t('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'),
  t('validatingadmissionpolicies', 'ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v1'),
  t('validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', 'admissionregistration.k8s.io/v1'),
  t('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'),
  t('customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1', ['crd', 'crds']),
  t('apiservices', 'APIService', 'apiregistration.k8s.io/v1'),
  t('selfsubjectreviews', 'SelfSubjectReview', 'authentication.k8s.io/v1'), t('tokenreviews', 'TokenReview', 'authentication.k8s.io/v1'),
  t('localsubjectaccessreviews', 'LocalSubjectAccessReview', 'authorization.k8s.io/v1'),
  t('selfsubjectaccessreviews', 'SelfSubjectAccessReview', 'authorization.k8s.io/v1'),
  t('selfsubjectrulesreviews', 'SelfSubjectRulesReview', 'authorization.k8s.io/v1'),
  t('subjectaccessreviews', 'SubjectAccessReview', 'authorization.k8s.io/v1'),
  t('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling/v2', ['hpa']),
  t('cronjobs', 'CronJob', 'batch/v1', ['cj']), t('jobs', 'Job', 'batch/v1'),
  t('certificatesigningrequests', 'CertificateSigningRequest', 'certificates.k8s.io/v1', ['csr']),
  t('leases', 'Lease', 'coordination.k8s.io/v1'),
  t('flowschemas', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'),
  t('prioritylevelconfigurations', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'),
  t('ingressclasses', 'IngressClass', 'networking.k8s.io/v1'), t('ingresses', 'Ingress', 'networking.k8s.io/v1', ['ing']),
  t('ipaddresses', 'IPAddress', 'networking.k8s.io/v1'), t('networkpolicies', 'NetworkPolicy', 'networking.k8s.io/v1', ['netpol']),
  t('servicecidrs', 'ServiceCIDR', 'networking.k8s.io/v1'),
  t('runtimeclasses', 'RuntimeClass', 'node.k8s.io/v1'),
  t('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'), t('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io/v1'),
  t('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io/v1'), t('roles', 'Role', 'rbac.authorization.k8s.io/v1'),
  t('deviceclasses', 'DeviceClass', 'resource.k8s.io/v1'), t('resourceclaims', 'ResourceClaim', 'resource.k8s.io/v1'),
  t('resourceclaimtemplates', 'ResourceClaimTemplate', 'resource.k8s.io/v1'), t('resourceslices', 'ResourceSlice', 'resource.k8s.io/v1'),
  t('priorityclasses', 'PriorityClass', 'scheduling.k8s.io/v1', ['pc']),
  t('csidrivers', 'CSIDriver', 'storage.k8s.io/v1'), t('csinodes', 'CSINode', 'storage.k8s.io/v1'),
  t('csistoragecapacities', 'CSIStorageCapacity', 'storage.k8s.io/v1'), t('volumeattachments', 'VolumeAttachment', 'storage.k8s.io/v1'),
  t('volumeattributesclasses', 'VolumeAttributesClass', 'storage.k8s.io/v1', ['vac']),
];

/**
 * The kind and group/version a real cluster serves under `word` (`roles`, `hpa`, `jobs.batch`, `Ingress`) when this
 * simulated cluster does not model it; undefined for any other word.
 */
export function unmodelledType(word: string): { kind: string; gv: string } | undefined {
  const w = word.toLowerCase();
  for (const r of REAL_TYPES) {
    const group = r.gv.includes('/') ? r.gv.slice(0, r.gv.indexOf('/')) : '';
    for (const n of [r.plural, r.singular, ...r.short]) {
      if (w === n || (group && (w === `${n}.${group}` || w === `${n}.${r.gv.slice(group.length + 1)}.${group}`))) return { kind: r.kind, gv: r.gv };
    }
  }
  return undefined;
}

/** The notice for a resource type a real cluster serves and this one does not model (kubectl's `error: ` line). */
export function unmodelledTypeText(word: string, real: { kind: string; gv: string }): string {
  return `error: "${word}" (${real.kind}, ${real.gv}) is not available in this simulated cluster`;
}

/** Whether a manifest's `apiVersion` and `kind` name a type a real cluster serves that this one does not model. */
export function unmodelledKind(apiVersion: string | undefined, kind: string | undefined): boolean {
  // autoscaling/v1 still serves HorizontalPodAutoscaler beside autoscaling/v2.
  return REAL_TYPES.some((r) => r.kind === kind && r.gv === apiVersion) || (apiVersion === 'autoscaling/v1' && kind === 'HorizontalPodAutoscaler');
}
