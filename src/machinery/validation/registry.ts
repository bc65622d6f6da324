/**
 * Per-kind validation table: scope, name format (upstream's per-kind ValidateNameFunc) and the
 * kind's create/update/status validators. The dispatcher in index.ts adds ObjectMeta checks.
 */
import type { FieldError } from '../field-errors.js';
import { validateAppsUpdate, validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet } from './apps.js';
import { validateNonnegative } from './common.js';
import type { ValidationContext } from './context.js';
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateNamespaceStatusUpdate,
  validateSecret,
  validateSecretUpdate,
} from './core.js';
import { validateCronJob, validateCronJobUpdate } from './cronjob.js';
import { validateJob, validateJobUpdate } from './job.js';
import { validateJobStatusUpdate } from './job-status.js';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment, type NameValidator } from './names.js';
import { validateNode, validateNodeUpdate } from './node.js';
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from './pod/index.js';
import { validateLease, validatePodDisruptionBudget, validatePriorityClass, validatePriorityClassUpdate } from './policy.js';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeUpdate } from './pv.js';
import { validateBinding, validateBindingUpdate, validateRole } from './rbac.js';
import { validateService, validateServiceUpdate } from './service.js';
import { validateCSIDriver, validateCSIDriverUpdate, validateCSINode, validateCSINodeUpdate, validateStorageClass, validateStorageClassUpdate } from './storage.js';
import { validateWorkload, validateWorkloadUpdate } from './workload.js';

/** What the dispatcher needs to know about one kind. */
export interface KindRules {
  namespaced: boolean;
  nameFn: NameValidator;
  create?: (obj: any, ctx: ValidationContext) => FieldError[];
  /** Full update check beyond metadata: kind update rules and spec validation. */
  update?: (obj: any, old: any, ctx: ValidationContext) => FieldError[];
  status?: (obj: any, old: any, ctx: ValidationContext) => FieldError[];
}

const N = (nameFn: NameValidator = nameIsDNSSubdomain, rest: Partial<KindRules> = {}): KindRules => ({ namespaced: true, nameFn, ...rest });
const C = (nameFn: NameValidator = nameIsDNSSubdomain, rest: Partial<KindRules> = {}): KindRules => ({ namespaced: false, nameFn, ...rest });

/** Non-negative status counters shared by apps/v1 controllers. */
const APPS_COUNTERS = [
  'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'fullyLabeledReplicas', 'currentReplicas',
  'currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable',
  'numberUnavailable', 'observedGeneration', 'collisionCount', 'terminatingReplicas',
];
function appsStatus(obj: any): FieldError[] {
  const st = obj?.status ?? {};
  return APPS_COUNTERS.flatMap((f) => validateNonnegative(st[f], `status.${f}`));
}

function apps(kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet', nameFn: NameValidator): KindRules {
  const create = { Deployment: validateDeployment, ReplicaSet: validateReplicaSet, StatefulSet: validateStatefulSet, DaemonSet: validateDaemonSet }[kind];
  return N(nameFn, { create, update: (o, old, ctx) => validateAppsUpdate(kind, o, old, ctx), status: appsStatus });
}

/** KIND_RULES is keyed by "<group>/<Kind>" (core group is ""). */
export const KIND_RULES: Record<string, KindRules> = {
  '/Pod': N(nameIsDNSSubdomain, { create: validatePod, update: validatePodUpdate, status: validatePodStatusUpdate }),
  '/Namespace': C(nameIsDNSLabel, { create: validateNamespace, update: () => [], status: (o) => validateNamespaceStatusUpdate(o) }),
  '/Node': C(nameIsDNSSubdomain, { create: validateNode, update: validateNodeUpdate }),
  '/Service': N(nameIsDNS1035Label, { create: validateService, update: validateServiceUpdate }),
  '/ConfigMap': N(nameIsDNSSubdomain, { create: validateConfigMap, update: validateConfigMapUpdate }),
  '/Secret': N(nameIsDNSSubdomain, { create: validateSecret, update: validateSecretUpdate }),
  '/PersistentVolume': C(nameIsDNSSubdomain, { create: validatePersistentVolume, update: validatePersistentVolumeUpdate }),
  // Update re-checks the spec but not yet upstream's immutability rules (resize, volumeName once).
  '/PersistentVolumeClaim': N(nameIsDNSSubdomain, { create: validatePersistentVolumeClaim, update: (o) => validatePersistentVolumeClaim(o) }),
  '/Endpoints': N(),
  '/ServiceAccount': N(),
  '/Event': N(),
  '/ResourceQuota': N(),
  '/LimitRange': N(),
  '/ReplicationController': N(),
  '/PodTemplate': N(),
  '/Binding': N(),
  'apps/Deployment': apps('Deployment', nameIsDNSSubdomain),
  'apps/ReplicaSet': apps('ReplicaSet', nameIsDNSSubdomain),
  'apps/StatefulSet': apps('StatefulSet', nameIsDNSLabel),
  'apps/DaemonSet': apps('DaemonSet', nameIsDNSSubdomain),
  'apps/ControllerRevision': N(),
  'batch/Job': N(nameIsDNSSubdomain, { create: validateJob, update: validateJobUpdate, status: (o, old) => validateJobStatusUpdate(o, old) }),
  'batch/CronJob': N(nameIsDNSSubdomain, { create: validateCronJob, update: validateCronJobUpdate }),
  'coordination.k8s.io/Lease': N(nameIsDNSSubdomain, { create: validateLease, update: (o) => validateLease(o) }),
  'events.k8s.io/Event': N(),
  'policy/PodDisruptionBudget': N(nameIsDNSSubdomain, { create: validatePodDisruptionBudget, update: (o) => validatePodDisruptionBudget(o) }),
  'scheduling.k8s.io/PriorityClass': C(nameIsDNSSubdomain, { create: validatePriorityClass, update: (o, old) => validatePriorityClassUpdate(o, old) }),
  'scheduling.k8s.io/Workload': N(nameIsDNSSubdomain, { create: validateWorkload, update: (o, old) => validateWorkloadUpdate(o, old) }),
  'storage.k8s.io/StorageClass': C(nameIsDNSSubdomain, { create: validateStorageClass, update: (o, old) => validateStorageClassUpdate(o, old) }),
  'storage.k8s.io/CSIDriver': C(nameIsDNSSubdomain, { create: validateCSIDriver, update: (o, old) => validateCSIDriverUpdate(o, old) }),
  'storage.k8s.io/CSINode': C(nameIsDNSSubdomain, { create: (o) => validateCSINode(o), update: validateCSINodeUpdate }),
  'storage.k8s.io/VolumeAttachment': C(),
  'rbac.authorization.k8s.io/Role': N(nameIsPathSegment, { create: (o) => validateRole(o, true), update: (o) => validateRole(o, true) }),
  'rbac.authorization.k8s.io/ClusterRole': C(nameIsPathSegment, { create: (o) => validateRole(o, false), update: (o) => validateRole(o, false) }),
  'rbac.authorization.k8s.io/RoleBinding': N(nameIsPathSegment, { create: (o) => validateBinding(o, true), update: (o, old) => validateBindingUpdate(o, old, true) }),
  'rbac.authorization.k8s.io/ClusterRoleBinding': C(nameIsPathSegment, {
    create: (o) => validateBinding(o, false),
    update: (o, old) => validateBindingUpdate(o, old, false),
  }),
  'discovery.k8s.io/EndpointSlice': N(),
  'networking.k8s.io/Ingress': N(),
  'networking.k8s.io/NetworkPolicy': N(),
  'networking.k8s.io/IngressClass': C(),
  'apiextensions.k8s.io/CustomResourceDefinition': C(),
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': C(),
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': C(),
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': C(),
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': C(),
};

/** rulesFor looks a kind up by group and kind (the version does not change these rules). */
export function rulesFor(gvk: { group: string; kind: string }): KindRules | undefined {
  return KIND_RULES[`${gvk.group}/${gvk.kind}`];
}
