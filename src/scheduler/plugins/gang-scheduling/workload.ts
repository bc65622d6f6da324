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

/** Keys of pods seen, per object: informer objects are immutable and asked for again and again. */
const podKeys = new WeakMap<Pod, string>();

/** podGroupKey is groupKey for a pod; undefined when the pod has no workloadRef. */
export function podGroupKey(pod: Pod): string | undefined {
  const ref = pod.spec.workloadRef;
  if (!ref) return undefined;
  let key = podKeys.get(pod);
  if (key === undefined) podKeys.set(pod, (key = groupKey(pod.metadata.namespace, ref)));
  return key;
}

/** POD_GROUP_INDEX is the pod informer index of pods by podGroupKey (the workload manager's grouping). */
export const POD_GROUP_INDEX = 'podGroup';

/** podGroupIndexValues files a pod under its group replica key; pods without workloadRef under none. */
export function podGroupIndexValues(pod: Pod): string[] {
  const key = podGroupKey(pod);
  return key === undefined ? [] : [key];
}

/** sameWorkloadRef compares every field of the reference, as the Pod/Add queueing hint does. */
export function sameWorkloadRef(a: WorkloadReference | undefined, b: WorkloadReference | undefined): boolean {
  return !!a && !!b && a.name === b.name && a.podGroup === b.podGroup && (a.podGroupReplicaKey ?? '') === (b.podGroupReplicaKey ?? '');
}
