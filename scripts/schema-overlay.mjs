// Facts the protobuf schema data lacks, gathered from upstream Go types (kubernetes/api
// v0.35 types.go struct tags and +listType/+listMapKey markers). Used only by
// gen-schema.mjs at development time.
//
// Per message (short name, without the 'k8s.io.' prefix), per JSON field:
//   ps = patchStrategy, pk = patchMergeKey, lt = listType, lk = listMapKeys.

const merge = (pk, lt = 'map', lk = [pk]) => ({ ps: 'merge', pk, lt, ...(lt === 'map' ? { lk } : {}) });
const byName = merge('name');
const byType = merge('type');
const atomic = { lt: 'atomic' };
const set = { lt: 'set' };
const conditions = { conditions: byType };

/** Patch strategy and list type tags, by message and JSON field. */
export const FIELD_TAGS = {
  'apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    ownerReferences: merge('uid'),
    finalizers: { ps: 'merge', lt: 'set' },
    managedFields: atomic,
  },
  'apimachinery.pkg.apis.meta.v1.LabelSelector': { matchExpressions: atomic },
  'apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { values: atomic },
  'apimachinery.pkg.apis.meta.v1.StatusDetails': { causes: atomic },
  'apimachinery.pkg.apis.meta.v1.DeleteOptions': { dryRun: atomic },
  'apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement': { values: atomic },
  'apimachinery.pkg.apis.meta.v1.APIGroup': { versions: atomic, serverAddressByClientCIDRs: atomic },
  'apimachinery.pkg.apis.meta.v1.APIGroupList': { groups: atomic },
  'apimachinery.pkg.apis.meta.v1.APIResource': { shortNames: atomic, categories: atomic },
  'apimachinery.pkg.apis.meta.v1.APIResourceList': { resources: atomic },
  'apimachinery.pkg.apis.meta.v1.APIVersions': { versions: atomic, serverAddressByClientCIDRs: atomic },

  'api.core.v1.PodSpec': {
    volumes: { ...byName, ps: 'merge,retainKeys' },
    initContainers: byName,
    containers: byName,
    ephemeralContainers: byName,
    imagePullSecrets: byName,
    tolerations: atomic,
    hostAliases: merge('ip'),
    readinessGates: atomic,
    topologySpreadConstraints: merge('topologyKey', 'map', ['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: byName,
    resourceClaims: { ...byName, ps: 'merge,retainKeys' },
  },
  'api.core.v1.Container': containerTags(),
  'api.core.v1.EphemeralContainerCommon': containerTags(),
  'api.core.v1.ResourceRequirements': { claims: { lt: 'map', lk: ['name'] } },
  'api.core.v1.PodStatus': {
    conditions: byType,
    hostIPs: merge('ip', 'atomic'),
    podIPs: merge('ip'),
    initContainerStatuses: atomic,
    containerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    resourceClaimStatuses: { ...byName, ps: 'merge,retainKeys' },
  },
  'api.core.v1.ContainerStatus': {
    volumeMounts: merge('mountPath'),
    allocatedResourcesStatus: byName,
  },
  'api.core.v1.ResourceStatus': { resources: { lt: 'map', lk: ['resourceID'] } },
  'api.core.v1.PodSecurityContext': { supplementalGroups: atomic, sysctls: atomic },
  'api.core.v1.LinuxContainerUser': { supplementalGroups: atomic },
  'api.core.v1.ContainerRestartRuleOnExitCodes': { values: set },
  'api.core.v1.PodExtendedResourceClaimStatus': { requestMappings: atomic },
  'api.core.v1.CephFSVolumeSource': { monitors: atomic },
  'api.core.v1.CephFSPersistentVolumeSource': { monitors: atomic },
  'api.core.v1.RBDVolumeSource': { monitors: atomic },
  'api.core.v1.RBDPersistentVolumeSource': { monitors: atomic },
  'api.core.v1.ISCSIVolumeSource': { portals: atomic },
  'api.core.v1.ISCSIPersistentVolumeSource': { portals: atomic },
  'api.core.v1.FCVolumeSource': { targetWWNs: atomic, wwids: atomic },
  'api.core.v1.Capabilities': { add: atomic, drop: atomic },
  'api.core.v1.PodDNSConfig': { nameservers: atomic, searches: atomic, options: atomic },
  'api.core.v1.ExecAction': { command: atomic },
  'api.core.v1.HTTPGetAction': { httpHeaders: atomic },
  'api.core.v1.HostAlias': { hostnames: atomic },
  'api.core.v1.NodeSelector': { nodeSelectorTerms: atomic },
  'api.core.v1.NodeSelectorTerm': { matchExpressions: atomic, matchFields: atomic },
  'api.core.v1.NodeSelectorRequirement': { values: atomic },
  'api.core.v1.TopologySelectorTerm': { matchLabelExpressions: atomic },
  'api.core.v1.TopologySelectorLabelRequirement': { values: atomic },
  'api.core.v1.NodeAffinity': { preferredDuringSchedulingIgnoredDuringExecution: atomic },
  'api.core.v1.PodAffinity': { requiredDuringSchedulingIgnoredDuringExecution: atomic, preferredDuringSchedulingIgnoredDuringExecution: atomic },
  'api.core.v1.PodAntiAffinity': { requiredDuringSchedulingIgnoredDuringExecution: atomic, preferredDuringSchedulingIgnoredDuringExecution: atomic },
  'api.core.v1.PodAffinityTerm': { namespaces: atomic, matchLabelKeys: atomic, mismatchLabelKeys: atomic },
  'api.core.v1.TopologySpreadConstraint': { matchLabelKeys: atomic },
  'api.core.v1.ProjectedVolumeSource': { sources: atomic },
  'api.core.v1.ConfigMapVolumeSource': { items: atomic },
  'api.core.v1.ConfigMapProjection': { items: atomic },
  'api.core.v1.SecretVolumeSource': { items: atomic },
  'api.core.v1.SecretProjection': { items: atomic },
  'api.core.v1.DownwardAPIVolumeSource': { items: atomic },
  'api.core.v1.DownwardAPIProjection': { items: atomic },
  'api.core.v1.PersistentVolumeSpec': { accessModes: atomic, mountOptions: atomic },
  'api.core.v1.PersistentVolumeClaimSpec': { accessModes: atomic },
  'api.core.v1.PersistentVolumeClaimStatus': { accessModes: atomic, conditions: byType },
  'api.core.v1.NodeSpec': { podCIDRs: { ps: 'merge', lt: 'set' }, taints: atomic },
  'api.core.v1.NodeStatus': {
    conditions: byType,
    addresses: merge('type'),
    declaredFeatures: atomic,
    images: atomic,
    volumesInUse: atomic,
    volumesAttached: atomic,
    runtimeHandlers: atomic,
  },
  'api.core.v1.ContainerImage': { names: atomic },
  'api.core.v1.ServiceSpec': {
    ports: merge('port', 'map', ['port', 'protocol']),
    clusterIPs: atomic,
    externalIPs: atomic,
    loadBalancerSourceRanges: atomic,
    ipFamilies: atomic,
  },
  'api.core.v1.ServiceStatus': conditions,
  'api.core.v1.LoadBalancerStatus': { ingress: atomic },
  'api.core.v1.LoadBalancerIngress': { ports: atomic },
  'api.core.v1.Endpoints': { subsets: atomic },
  'api.core.v1.EndpointSubset': { addresses: atomic, notReadyAddresses: atomic, ports: atomic },
  'api.core.v1.NamespaceSpec': { finalizers: atomic },
  'api.core.v1.NamespaceStatus': conditions,
  'api.core.v1.ReplicationControllerStatus': conditions,
  'api.core.v1.ComponentStatus': conditions,
  'api.core.v1.ServiceAccount': { secrets: byName, imagePullSecrets: atomic },
  'api.core.v1.LimitRangeSpec': { limits: atomic },
  'api.core.v1.ResourceQuotaSpec': { scopes: atomic },
  'api.core.v1.ScopeSelector': { matchExpressions: atomic },
  'api.core.v1.ScopedResourceSelectorRequirement': { values: atomic },

  'api.apps.v1.DeploymentSpec': { strategy: { ps: 'retainKeys' } },
  'api.apps.v1.DeploymentStatus': conditions,
  'api.apps.v1.ReplicaSetStatus': conditions,
  'api.apps.v1.DaemonSetStatus': conditions,
  'api.apps.v1.StatefulSetStatus': conditions,
  'api.apps.v1.StatefulSetSpec': { volumeClaimTemplates: atomic },

  'api.batch.v1.JobStatus': { conditions: merge('type', 'atomic') },
  'api.batch.v1.CronJobStatus': { active: atomic },
  'api.batch.v1.PodFailurePolicy': { rules: atomic },
  'api.batch.v1.PodFailurePolicyRule': { onPodConditions: atomic },
  'api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { values: set },
  'api.batch.v1.SuccessPolicy': { rules: atomic },
  'api.batch.v1.UncountedTerminatedPods': { succeeded: set, failed: set },

  'api.policy.v1.PodDisruptionBudgetSpec': { selector: { ps: 'replace' } },
  'api.policy.v1.PodDisruptionBudgetStatus': conditions,

  'api.networking.v1.IngressSpec': { tls: atomic, rules: atomic },
  'api.networking.v1.IngressTLS': { hosts: atomic },
  'api.networking.v1.HTTPIngressRuleValue': { paths: atomic },
  'api.networking.v1.IngressLoadBalancerStatus': { ingress: atomic },
  'api.networking.v1.IngressLoadBalancerIngress': { ports: atomic },
  'api.networking.v1.IPBlock': { except: atomic },
  'api.networking.v1.ServiceCIDRSpec': { cidrs: atomic },
  'api.networking.v1.ServiceCIDRStatus': conditions,
  'api.networking.v1.NetworkPolicySpec': { ingress: atomic, egress: atomic, policyTypes: atomic },
  'api.networking.v1.NetworkPolicyIngressRule': { ports: atomic, from: atomic },
  'api.networking.v1.NetworkPolicyEgressRule': { ports: atomic, to: atomic },

  'api.rbac.v1.PolicyRule': { verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic, nonResourceURLs: atomic },
  'api.rbac.v1.Role': { rules: atomic },
  'api.rbac.v1.ClusterRole': { rules: atomic },
  'api.rbac.v1.RoleBinding': { subjects: atomic },
  'api.rbac.v1.ClusterRoleBinding': { subjects: atomic },
  'api.rbac.v1.AggregationRule': { clusterRoleSelectors: atomic },

  'api.storage.v1.CSINodeSpec': { drivers: byName },
  'api.storage.v1.CSINodeDriver': { topologyKeys: atomic },
  'api.storage.v1.StorageClass': { mountOptions: atomic, allowedTopologies: atomic },
  'api.storage.v1.CSIDriverSpec': { volumeLifecycleModes: set, tokenRequests: atomic },

  'api.discovery.v1.EndpointSlice': { endpoints: atomic, ports: atomic },
  'api.discovery.v1.Endpoint': { addresses: set },
  'api.discovery.v1.EndpointHints': { forZones: atomic, forNodes: atomic },

  'api.authentication.v1.TokenRequestSpec': { audiences: atomic },
  'api.authentication.v1.TokenReviewSpec': { audiences: atomic },
  'api.authentication.v1.TokenReviewStatus': { audiences: atomic },
  'api.authentication.v1.UserInfo': { groups: atomic },
  'api.authorization.v1.FieldSelectorAttributes': { requirements: atomic },
  'api.authorization.v1.LabelSelectorAttributes': { requirements: atomic },
  'api.authorization.v1.NonResourceRule': { verbs: atomic, nonResourceURLs: atomic },
  'api.authorization.v1.ResourceRule': { verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic },
  'api.authorization.v1.SubjectAccessReviewSpec': { groups: atomic },
  'api.authorization.v1.SubjectRulesReviewStatus': { resourceRules: atomic, nonResourceRules: atomic },
};

function containerTags() {
  return {
    command: atomic,
    args: atomic,
    ports: merge('containerPort', 'map', ['containerPort', 'protocol']),
    envFrom: atomic,
    env: byName,
    resizePolicy: atomic,
    restartPolicyRules: atomic,
    volumeMounts: merge('mountPath'),
    volumeDevices: merge('devicePath'),
  };
}

const f = (n, json, type, extra = {}) => ({ n, name: json, json, type, label: extra.repeated ? 'repeated' : 'optional', wire: ['int32', 'int64', 'bool'].includes(type) ? 0 : 2, ...extra });
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/**
 * Messages the 1.35 protobuf data does not cover but the served API needs:
 * scheduling.k8s.io/v1alpha1 Workload (v1.35-scheduling-and-api.md §2.1; field numbers
 * follow declaration order) and autoscaling/v1 Scale (the scale subresource's kind).
 */
export const EXTRA_MESSAGES = {
  'k8s.io.api.scheduling.v1alpha1.Workload': { typeMeta: true, fields: [
    f(1, 'metadata', `${META}.ObjectMeta`, { omitempty: true }),
    f(2, 'spec', 'k8s.io.api.scheduling.v1alpha1.WorkloadSpec'),
  ] },
  'k8s.io.api.scheduling.v1alpha1.WorkloadList': { typeMeta: true, fields: [
    f(1, 'metadata', `${META}.ListMeta`, { omitempty: true }),
    f(2, 'items', 'k8s.io.api.scheduling.v1alpha1.Workload', { repeated: true }),
  ] },
  'k8s.io.api.scheduling.v1alpha1.WorkloadSpec': { fields: [
    f(1, 'controllerRef', 'k8s.io.api.scheduling.v1alpha1.TypedLocalObjectReference', { ptr: true, omitempty: true }),
    f(2, 'podGroups', 'k8s.io.api.scheduling.v1alpha1.PodGroup', { repeated: true, tags: { lt: 'map', lk: ['name'] } }),
  ] },
  'k8s.io.api.scheduling.v1alpha1.TypedLocalObjectReference': { fields: [
    f(1, 'apiGroup', 'string', { omitempty: true }),
    f(2, 'kind', 'string'),
    f(3, 'name', 'string'),
  ] },
  'k8s.io.api.scheduling.v1alpha1.PodGroup': { fields: [
    f(1, 'name', 'string'),
    f(2, 'policy', 'k8s.io.api.scheduling.v1alpha1.PodGroupPolicy'),
  ] },
  'k8s.io.api.scheduling.v1alpha1.PodGroupPolicy': { fields: [
    f(1, 'basic', 'k8s.io.api.scheduling.v1alpha1.BasicSchedulingPolicy', { ptr: true, omitempty: true }),
    f(2, 'gang', 'k8s.io.api.scheduling.v1alpha1.GangSchedulingPolicy', { ptr: true, omitempty: true }),
  ] },
  'k8s.io.api.scheduling.v1alpha1.BasicSchedulingPolicy': { fields: [] },
  'k8s.io.api.scheduling.v1alpha1.GangSchedulingPolicy': { fields: [f(1, 'minCount', 'int32')] },
  'k8s.io.api.autoscaling.v1.Scale': { typeMeta: true, fields: [
    f(1, 'metadata', `${META}.ObjectMeta`, { omitempty: true }),
    f(2, 'spec', 'k8s.io.api.autoscaling.v1.ScaleSpec', { omitempty: true }),
    f(3, 'status', 'k8s.io.api.autoscaling.v1.ScaleStatus', { omitempty: true }),
  ] },
  'k8s.io.api.autoscaling.v1.ScaleSpec': { fields: [f(1, 'replicas', 'int32', { omitempty: true })] },
  'k8s.io.api.autoscaling.v1.ScaleStatus': { fields: [
    f(1, 'replicas', 'int32'),
    f(2, 'selector', 'string', { omitempty: true }),
  ] },
};
