import type { ObjectMeta } from '../../../api/meta.js';
import type { LabelSelector } from '../../../machinery/labels/index.js';
import type { NodeSelectorTerm, Pod, VolumeSource } from '../../framework/types.js';

/** The slices of PV, PVC and StorageClass that the volume plugins read (informer objects, read-only). */
export interface PersistentVolume {
  metadata: ObjectMeta;
  /** The volume source fields (csi, awsElasticBlockStore, ...) sit directly in the spec. */
  spec: VolumeSource & {
    capacity?: Record<string, string | number>;
    accessModes?: string[];
    volumeMode?: string;
    storageClassName?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string; kind?: string; apiVersion?: string } | null;
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } | null } | null;
  };
  status?: { phase?: string };
}

export interface PersistentVolumeClaim {
  metadata: ObjectMeta;
  spec: {
    volumeName?: string;
    storageClassName?: string | null;
    accessModes?: string[];
    volumeMode?: string;
    selector?: LabelSelector | null;
    resources?: { requests?: Record<string, string | number> };
  };
  status?: { phase?: string };
}

export interface StorageClass {
  metadata: ObjectMeta;
  provisioner: string;
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowedTopologies?: Array<{ matchLabelExpressions?: Array<{ key: string; values: string[] }> }>;
}

/** VolumePod is the slice of pod.spec.volumes this plugin reads. */
export type VolumePod = Pod & { spec: Pod['spec'] & { volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }> } };

export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
