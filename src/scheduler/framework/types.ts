/**
 * The slices of core/v1 Pod and Node the scheduler reads. Objects come from informer caches:
 * they are read-only and must be cloned before mutation.
 */
import type { KubeObject, ObjectMeta } from '../../api/meta.js';
import type { Taint, Toleration } from '../../machinery/tolerations.js';

export type { Taint, Toleration };

export type ResourceList = Record<string, string | number>;

export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface Container {
  name: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
  ports?: ContainerPort[];
  restartPolicy?: string;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; preference: NodeSelectorTerm }>;
}

export interface WorkloadReference {
  name: string;
  podGroup: string;
  podGroupReplicaKey?: string;
}

/**
 * VolumeSource is the slice of a volume source (pod volume or PV) the volume plugins read:
 * claims, generic ephemeral volumes and the in-tree block sources that can conflict on a node
 * or migrate to a CSI driver. Other sources pass through untyped.
 */
export interface VolumeSource {
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  ephemeral?: { volumeClaimTemplate?: unknown };
  gcePersistentDisk?: { pdName: string; readOnly?: boolean; partition?: number };
  awsElasticBlockStore?: { volumeID: string; readOnly?: boolean };
  rbd?: { monitors?: string[]; pool?: string; image: string; readOnly?: boolean };
  iscsi?: { iqn: string; readOnly?: boolean };
  azureDisk?: { diskName?: string; diskURI: string };
  azureFile?: { shareName?: string };
  cinder?: { volumeID: string };
  vsphereVolume?: { volumePath: string };
  portworxVolume?: { volumeID: string };
  csi?: { driver: string; volumeHandle?: string };
  configMap?: unknown;
  secret?: unknown;
}

export interface Volume extends VolumeSource {
  name: string;
}

export interface PodSpec {
  nodeName?: string;
  schedulerName?: string;
  priority?: number;
  /** preemptionPolicy is set from the PriorityClass at admission; Never forbids preempting. */
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: NodeAffinity };
  tolerations?: Toleration[];
  containers: Container[];
  initContainers?: Container[];
  overhead?: ResourceList;
  schedulingGates?: Array<{ name: string }>;
  workloadRef?: WorkloadReference;
  /** Pod-level resources (PodLevelResources, beta in 1.34+). */
  resources?: { requests?: ResourceList; limits?: ResourceList };
  volumes?: Volume[];
}

export interface PodCondition {
  type: string;
  observedGeneration?: number;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/** ContainerStatus is the part the scheduler reads: what the kubelet allocated and applied. */
export interface ContainerStatus {
  name: string;
  allocatedResources?: ResourceList;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

export interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  nominatedNodeName?: string;
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export interface Pod extends KubeObject {
  metadata: ObjectMeta;
  spec: PodSpec;
  status?: PodStatus;
}

export interface NodeCondition {
  type: string;
  status: string;
}

export interface Node extends KubeObject {
  metadata: ObjectMeta;
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { allocatable?: ResourceList; capacity?: ResourceList; conditions?: NodeCondition[] };
}

/** podKey is `namespace/name`, the scheduler's identity for a pod. */
export function podKey(pod: { metadata?: ObjectMeta }): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
