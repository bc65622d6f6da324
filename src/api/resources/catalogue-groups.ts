import { SCALE, defineGroupVersion, statusOf } from './define.js';
import type { ResourceInfo } from './types.js';

const CREATE_ONLY = ['create'];

/** apps/v1: workload controllers and their revision history. */
export const APPS_V1 = defineGroupVersion('apps', 'v1', [
  { kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true },
  { kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, shortNames: ['ds'], categories: ['all'], subresources: [statusOf('DaemonSet')] },
  { kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: [SCALE, statusOf('Deployment')] },
  { kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: [SCALE, statusOf('ReplicaSet')] },
  { kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'], categories: ['all'], subresources: [SCALE, statusOf('StatefulSet')] },
]);

/**
 * events.k8s.io/v1 events are the same objects as core v1 events: they share the store, and so
 * discovery publishes the core Event's storageVersionHash.
 */
export const EVENTS_V1 = defineGroupVersion('events.k8s.io', 'v1', [
  { kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'], storedAs: { group: '', version: 'v1', kind: 'Event', resource: 'events' } },
]);

/** authentication.k8s.io/v1: create-only review kinds, never stored. */
export const AUTHENTICATION_V1 = defineGroupVersion('authentication.k8s.io', 'v1', [
  { kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { kind: 'TokenReview', plural: 'tokenreviews', namespaced: false, verbs: CREATE_ONLY, virtual: true },
]);

/** authorization.k8s.io/v1: create-only review kinds; the local one is namespaced. */
export const AUTHORIZATION_V1 = defineGroupVersion('authorization.k8s.io', 'v1', [
  { kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', namespaced: true, verbs: CREATE_ONLY, virtual: true },
  { kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', namespaced: false, verbs: CREATE_ONLY, virtual: true },
  { kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', namespaced: false, verbs: CREATE_ONLY, virtual: true },
]);

/** batch/v1: run-to-completion workloads. */
export const BATCH_V1 = defineGroupVersion('batch', 'v1', [
  { kind: 'CronJob', plural: 'cronjobs', namespaced: true, shortNames: ['cj'], categories: ['all'], subresources: [statusOf('CronJob')] },
  { kind: 'Job', plural: 'jobs', namespaced: true, categories: ['all'], subresources: [statusOf('Job')] },
]);

/** networking.k8s.io/v1. NetworkPolicy has no status subresource. */
export const NETWORKING_V1 = defineGroupVersion('networking.k8s.io', 'v1', [
  { kind: 'IngressClass', plural: 'ingressclasses', namespaced: false },
  { kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'], subresources: [statusOf('Ingress')] },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, shortNames: ['netpol'] },
]);

/** policy/v1. */
export const POLICY_V1 = defineGroupVersion('policy', 'v1', [
  { kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', namespaced: true, shortNames: ['pdb'], subresources: [statusOf('PodDisruptionBudget')] },
]);

/** rbac.authorization.k8s.io/v1. */
export const RBAC_V1 = defineGroupVersion('rbac.authorization.k8s.io', 'v1', [
  { kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
  { kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
  { kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
  { kind: 'Role', plural: 'roles', namespaced: true },
]);

/** storage.k8s.io/v1 (VolumeAttributesClass is GA here since v1.34). */
export const STORAGE_V1 = defineGroupVersion('storage.k8s.io', 'v1', [
  { kind: 'CSIDriver', plural: 'csidrivers', namespaced: false },
  { kind: 'CSINode', plural: 'csinodes', namespaced: false },
  { kind: 'CSIStorageCapacity', plural: 'csistoragecapacities', namespaced: true },
  { kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'] },
  { kind: 'VolumeAttachment', plural: 'volumeattachments', namespaced: false, subresources: [statusOf('VolumeAttachment')] },
  { kind: 'VolumeAttributesClass', plural: 'volumeattributesclasses', namespaced: false, shortNames: ['vac'] },
]);

/** scheduling.k8s.io/v1. */
export const SCHEDULING_V1 = defineGroupVersion('scheduling.k8s.io', 'v1', [
  { kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, shortNames: ['pc'] },
]);

/** scheduling.k8s.io/v1alpha1 Workload: off by default; needs runtime-config and the gate. */
export const SCHEDULING_V1ALPHA1 = defineGroupVersion('scheduling.k8s.io', 'v1alpha1', [
  {
    kind: 'Workload',
    plural: 'workloads',
    namespaced: true,
    requires: { runtimeConfig: 'scheduling.k8s.io/v1alpha1', gate: 'GenericWorkload' },
  },
]);

/** coordination.k8s.io/v1. */
export const COORDINATION_V1 = defineGroupVersion('coordination.k8s.io', 'v1', [
  { kind: 'Lease', plural: 'leases', namespaced: true },
]);

/** discovery.k8s.io/v1. */
export const DISCOVERY_V1 = defineGroupVersion('discovery.k8s.io', 'v1', [
  { kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true },
]);

/** Named groups in the order the real /apis lists them (group priority order). */
export const GROUP_RESOURCES: readonly ResourceInfo[] = [
  ...APPS_V1,
  ...EVENTS_V1,
  ...AUTHENTICATION_V1,
  ...AUTHORIZATION_V1,
  ...BATCH_V1,
  ...NETWORKING_V1,
  ...POLICY_V1,
  ...RBAC_V1,
  ...STORAGE_V1,
  ...SCHEDULING_V1,
  ...SCHEDULING_V1ALPHA1,
  ...COORDINATION_V1,
  ...DISCOVERY_V1,
];
