/**
 * Defaulting dispatcher. applyDefaults is the version defaulting upstream runs on decode and on
 * every read (idempotent, fills only unset fields). prepareForCreate is the create-time strategy
 * work that must not be re-applied on read (namespace finalizer, Job selector generation,
 * status reset, generation 1). Server order: applyDefaults -> prepareForCreate -> validate.
 */
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps.js';
import { defaultCronJob, defaultJob, prepareJobForCreate } from './batch.js';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPodTemplate,
  defaultReplicationController,
  defaultSecret,
} from './core.js';
import {
  defaultBinding,
  defaultCSIDriver,
  defaultEndpointSlice,
  defaultIngressClass,
  defaultNetworkPolicy,
  defaultPriorityClass,
  defaultStorageClass,
} from './other.js';
import { defaultPod } from './pod.js';
import { defaultService } from './service.js';
import { ensureObj, isObj } from './util.js';

export { defaultServiceIPFamilies } from './service.js';
export { prepareJobForCreate, JOB_LABELS } from './batch.js';

type Defaulter = (obj: any) => void;

/** Defaulters keyed by "<group>/<Kind>"; kinds absent here have no defaults. */
const DEFAULTERS: Record<string, Defaulter> = {
  '/Pod': defaultPod,
  '/Service': defaultService,
  '/Namespace': defaultNamespace,
  '/Secret': defaultSecret,
  '/Endpoints': defaultEndpoints,
  '/PersistentVolume': defaultPersistentVolume,
  '/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  '/LimitRange': defaultLimitRange,
  '/ReplicationController': defaultReplicationController,
  '/PodTemplate': defaultPodTemplate,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'scheduling.k8s.io/PriorityClass': defaultPriorityClass,
  'storage.k8s.io/StorageClass': defaultStorageClass,
  'storage.k8s.io/CSIDriver': defaultCSIDriver,
  'discovery.k8s.io/EndpointSlice': defaultEndpointSlice,
  'networking.k8s.io/NetworkPolicy': defaultNetworkPolicy,
  'networking.k8s.io/IngressClass': defaultIngressClass,
  'rbac.authorization.k8s.io/RoleBinding': defaultBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': defaultBinding,
};

/** applyDefaults fills unset fields of `obj` in place for its kind. */
export function applyDefaults(gvk: { group: string; version?: string; kind: string }, obj: any): void {
  DEFAULTERS[`${gvk.group}/${gvk.kind}`]?.(obj);
}

/** Kinds whose strategy sets metadata.generation = 1 on create. */
const GENERATION_KINDS = new Set([
  '/Pod', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob',
  'policy/PodDisruptionBudget', 'apiextensions.k8s.io/CustomResourceDefinition', '/ReplicationController',
]);

/** Kinds whose create strategy discards user-supplied status. */
const STATUS_RESET_KINDS = new Set([
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob',
  'policy/PodDisruptionBudget', '/ReplicationController', '/Service', '/PersistentVolumeClaim', '/ResourceQuota',
]);

/**
 * prepareForCreate applies create-only strategy work in place. Needs metadata.uid and name set
 * (Job selectors embed the UID). Pod status/QoS is left to the Pod strategy.
 */
export function prepareForCreate(gvk: { group: string; kind: string }, obj: any): void {
  if (!isObj(obj)) return;
  const k = `${gvk.group}/${gvk.kind}`;
  if (STATUS_RESET_KINDS.has(k)) delete obj.status;
  if (GENERATION_KINDS.has(k)) ensureObj(obj, 'metadata').generation = 1;
  if (k === '/Service') obj.status = { loadBalancer: {} };
  if (k === '/Namespace') {
    obj.status = { phase: 'Active' };
    const spec = ensureObj(obj, 'spec');
    const fins: string[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!fins.includes('kubernetes')) spec.finalizers = [...fins, 'kubernetes'];
  }
  if (k === 'batch/Job') prepareJobForCreate(obj);
}
