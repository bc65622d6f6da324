/**
 * The slice of scheduling.k8s.io/v1alpha1 Workload (KEP-4671, v1.35) the scheduler reads,
 * and the pod group replica identity pods are grouped by.
 */
import type { KubeObject, ObjectMeta } from '../../../api/meta.js';
import type { Pod, WorkloadReference } from '../../framework/types.js';

/** WORKLOADS is the Handle.lister key the scheduler registers the Workload informer under. */
export const WORKLOADS = 'workloads';

export interface PodGroupPolicy {
  basic?: Record<string, never>;
  gang?: { minCount: number };
}

export interface PodGroup {
  name: string;
  policy: PodGroupPolicy;
}

export interface Workload extends KubeObject {
  metadata: ObjectMeta;
  spec: {
    controllerRef?: { apiGroup?: string; kind: string; name: string };
    podGroups: PodGroup[];
  };
}

/**
 * groupKey identifies one pod group replica, i.e. one gang: pods with the same namespace,
 * workload name, pod group and replica key count toward the same minCount, and pods with a
 * different replica key never do.
 */
export function groupKey(namespace: string | undefined, ref: WorkloadReference): string {
  return JSON.stringify([namespace ?? '', ref.name, ref.podGroup, ref.podGroupReplicaKey ?? '']);
}

/** podGroupKey is groupKey for a pod; undefined when the pod has no workloadRef. */
export function podGroupKey(pod: Pod): string | undefined {
  const ref = pod.spec.workloadRef;
  return ref ? groupKey(pod.metadata.namespace, ref) : undefined;
}

/** sameWorkloadRef compares every field of the reference, as the Pod/Add queueing hint does. */
export function sameWorkloadRef(a: WorkloadReference | undefined, b: WorkloadReference | undefined): boolean {
  return !!a && !!b && a.name === b.name && a.podGroup === b.podGroup && (a.podGroupReplicaKey ?? '') === (b.podGroupReplicaKey ?? '');
}
